"""Upgrading a store made at the first schema keeps every row and a valid audit chain."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from old_versions import add_person_as_old_version, engine_at
from powtrace.domain.errors import StoreError
from powtrace.domain.model import NameForm, Person
from powtrace.names import match_keys
from powtrace.store import engine as eng
from powtrace.store import fulltext, rows, writes
from powtrace.store.schema import name_forms, name_keys, persons
from powtrace.store.search import search_key
from powtrace.store.store import Store
from powtrace.store.verify import verify_store


def _store_at_first_revision(engine_kind: str, store_url: str | None, home: Path) -> Store:
    """A store at schema 0001 holding one person as 0001 wrote them (store_url is reset)."""
    engine = engine_at("0001", store_url, home)
    person = Person([NameForm("Кравчишин Остап Михайлович", kind="official")], side="ukraine")
    with engine.begin() as conn:
        # 0001 had no merged_into (its snapshots neither), 0011 added the list's sort key.
        add_person_as_old_version(conn, person, newer=("merged_into", "sort_name"))
    return Store(engine, home)


def test_upgrade_from_first_schema_keeps_rows_and_chain(
    engine_kind: str, store_url: str | None, tmp_path: Path
) -> None:
    old = _store_at_first_revision(engine_kind, store_url, tmp_path / "home")
    with pytest.raises(StoreError, match="powtrace migrate"):
        eng.require_current(old.engine)
    old.close()
    store = Store.init(tmp_path / "home", store_url)  # what 'powtrace migrate' runs
    with store.reading() as conn:
        (person,) = rows.load_persons(conn)
        assert person.name_forms[0].text == "Кравчишин Остап Михайлович"
        assert person.merged_into is None
        keys = set(conn.execute(sa.select(name_keys.c.key)).scalars())
        assert keys >= set(match_keys("Кравчишин Остап Михайлович"))
        assert verify_store(conn).ok
    with store.transaction("new-version") as tx:  # and the upgraded store takes new writes
        person.rank = "senior soldier"
        writes.update_person(tx, person)
    with store.reading() as conn:
        assert verify_store(conn).ok
    store.close()


def test_upgrade_to_0007_derives_every_name_key_again(
    engine_kind: str, store_url: str | None, tmp_path: Path
) -> None:
    """Keys written by earlier name rules are replaced by what the current rules derive."""
    home = tmp_path / "home"
    engine = engine_at("0006", store_url, home)
    text = "Андреев В. И."
    person = Person([NameForm(text, kind="official")], side="russia")
    with engine.begin() as conn:
        add_person_as_old_version(conn, person, newer=("sort_name",))
        # Keys as an earlier release might have left them.
        conn.execute(name_keys.insert(), [{"person_id": person.id, "position": 0, "key": "s:x"}])
    engine.dispose()
    store = Store.init(home, store_url)
    with store.reading() as conn:
        keys = set(conn.execute(sa.select(name_keys.c.key)).scalars())
        assert keys == set(match_keys(text))
        assert verify_store(conn).ok
    store.close()


def test_full_text_indexes_go_down_and_come_back_with_their_rows(store: Store) -> None:
    """Migration 0010 downgrades cleanly, and upgrading again indexes the rows already there."""
    from alembic import command

    with store.transaction("editor") as tx:
        writes.add_person(tx, Person([NameForm("Долгополов Игорь", kind="official")]))
    with store.engine.begin() as conn:
        command.downgrade(eng._alembic_config(conn), "0009")
    with store.engine.connect() as conn:
        names = set(sa.inspect(conn).get_table_names())
        indexes = {i["name"] for i in sa.inspect(conn).get_indexes("sources")}
    assert not {n for n in names if "_fts" in n} and "ix_sources_fulltext" not in indexes
    eng.migrate(store.engine)
    with store.reading() as conn:
        found = conn.execute(
            sa.select(name_forms.c.person_id).where(
                fulltext.name_forms_containing(conn, search_key("Dolgopol").split())
            )
        ).all()
    assert len(found) == 1


def test_upgrade_to_0011_keys_the_persons_already_there(
    engine_kind: str, store_url: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Persons written before the list had a stored sort key are keyed by the migration (a few
    at a time here, so the batches' seams are crossed), and list in the order Python sorts."""
    from alembic import command

    from powtrace.domain.visibility import Visibility
    from powtrace.workflows import registry

    monkeypatch.setattr(rows, "SORT_NAME_BATCH", 3)
    home = tmp_path / "home"
    engine = engine_at("0010", store_url, home)
    people = [
        Person([NameForm(text, kind="official")], visibility="public")
        for text in ("Straße Ernst", "STRASSE Ernst", "Ёлкин Ян", "Елкин Ян", "Zaiets Oleh")
    ]
    people += [  # the display name is the first official form, wherever it stands
        Person([NameForm("Ящук Роман", kind="alias"), NameForm("Абрамов Пётр", kind="official")]),
        Person([NameForm("ärger hans", kind="as_reported"), NameForm("Юрченко", kind="alias")]),
    ]
    with engine.begin() as conn:
        for p in people:
            add_person_as_old_version(conn, p, newer=("sort_name",))
    engine.dispose()

    def order() -> list[str]:
        return [p.id for p in sorted(people, key=lambda p: (p.display_name.casefold(), p.id))]

    store = Store.init(home, store_url)  # what 'powtrace migrate' runs
    with store.reading() as conn:
        keys = dict(conn.execute(sa.select(persons.c.id, persons.c.sort_name)).all())
        assert keys == {p.id: p.display_name.casefold() for p in people}
        assert verify_store(conn).ok
    pages = [registry.list_persons(store, "reader", Visibility.SEALED, 3, k) for k in (0, 3, 6)]
    assert [r.id for page in pages for r in page] == order()
    assert keys[people[0].id] == keys[people[1].id] == "strasse ernst"
    assert keys[people[5].id] == "абрамов пётр"

    with store.transaction("new-version") as tx:  # and the upgraded store keys new writes
        people.append(writes.add_person(tx, Person([NameForm("Бойко Іван", kind="official")])))
    assert [r.id for r in registry.list_persons(store, "reader", Visibility.SEALED)] == order()

    with store.engine.begin() as conn:  # 0011 goes down and comes back with every key
        command.downgrade(eng._alembic_config(conn), "0010")
    with store.engine.connect() as conn:
        assert "sort_name" not in {c["name"] for c in sa.inspect(conn).get_columns("persons")}
    eng.migrate(store.engine)
    assert [r.id for r in registry.list_persons(store, "reader", Visibility.SEALED)] == order()
    store.close()
