"""Upgrading a store made at the first schema keeps every row and a valid audit chain."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from powtrace.domain.codec import person_to_dict
from powtrace.domain.errors import StoreError
from powtrace.domain.model import NameForm, Person
from powtrace.names import match_keys
from powtrace.store import audit, fulltext, rows, writes
from powtrace.store import engine as eng
from powtrace.store.keys import resolve_key
from powtrace.store.schema import name_forms, name_keys, persons
from powtrace.store.search import search_key
from powtrace.store.store import Store, utc_now
from powtrace.store.verify import verify_store


def _store_at_first_revision(engine_kind: str, store_url: str | None, home: Path) -> Store:
    """A store at schema 0001 holding one person as 0001 wrote it (store_url is reset)."""
    if store_url is None:
        Store.init(home).close()  # creates the key; then rebuild the file at 0001
        (home / "powtrace.db").unlink()
        engine = eng.make_engine(eng.sqlcipher_url(home / "powtrace.db", resolve_key(home)))
    else:
        engine = eng.make_engine(store_url)
    eng.migrate(engine, "0001")
    person = Person([NameForm("Кравчишин Остап Михайлович", kind="official")], side="ukraine")
    old_snapshot = person_to_dict(person)
    del old_snapshot["merged_into"]  # 0001's snapshots had no such field
    values = rows.person_values(person)
    del values["merged_into"]
    now = utc_now()
    with engine.begin() as conn:
        conn.execute(persons.insert().values(**values, version=1, created_at=now, updated_at=now))
        conn.execute(name_forms.insert(), rows.name_form_values(person.id, person.name_forms))
        audit.append(
            conn,
            at=now,
            actor="old-version",
            action="create",
            entity="person",
            entity_id=person.id,
            before=None,
            after=old_snapshot,
        )
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
    if store_url is None:
        Store.init(home).close()
        (home / "powtrace.db").unlink()
        engine = eng.make_engine(eng.sqlcipher_url(home / "powtrace.db", resolve_key(home)))
    else:
        engine = eng.make_engine(store_url)
    eng.migrate(engine, "0006")
    text = "Андреев В. И."
    with Store(engine, home).transaction("old-version") as tx:
        person = writes.add_person(tx, Person([NameForm(text, kind="official")], side="russia"))
        tx.conn.execute(name_keys.delete())  # as an earlier release might have left them
        tx.conn.execute(name_keys.insert(), [{"person_id": person.id, "position": 0, "key": "s:x"}])
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
