"""The person list, a page at a time: ordered by display name, built from one page's persons,
and each page that shows restricted or sealed persons one audited read naming them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from powtrace.domain.model import NameForm, Person
from powtrace.domain.visibility import Visibility
from powtrace.store import merges, rows, writes
from powtrace.store.schema import audit_log, persons
from powtrace.store.store import Store
from powtrace.workflows import overview, registry

from .support import ACTOR, person

P, R, S = Visibility.PUBLIC, Visibility.RESTRICTED, Visibility.SEALED


def _reads(store: Store) -> list[tuple[str, str, list[str]]]:
    q = (
        sa.select(audit_log.c.entity, audit_log.c.entity_id, audit_log.c.after)
        .where(audit_log.c.action == "read")
        .order_by(audit_log.c.seq)
    )
    with store.reading() as conn:
        return [(e, i, json.loads(a)["shown"] if a else []) for e, i, a in conn.execute(q)]


def test_pages_follow_the_display_name_and_cover_everyone_once(store: Store) -> None:
    names = ["ярош Олег", "Бойко Іван", "Абрамов Пётр", "Яковенко Тарас", "Zaiets Oleh", "Ёлкин Ян"]
    made = {person(store, n, visibility=P).id: n for n in names}
    # A person's display name is their first official form, whatever came first.
    alias = registry.add_person(
        store,
        ACTOR,
        Person(
            [NameForm("Ящик", kind="alias"), NameForm("Андрієнко Марко", kind="official")],
            visibility=P,
        ),
    )
    made[alias.id] = "Андрієнко Марко"
    expected = sorted(made.items(), key=lambda kv: (kv[1].casefold(), kv[0]))
    pages = [registry.list_persons(store, ACTOR, R, 3, start) for start in (0, 3, 6)]
    assert [[r.id for r in p] for p in pages] == [
        [i for i, _ in expected[k : k + 3]] for k in (0, 3, 6)
    ]
    assert [r.name for p in pages for r in p] == [n for _, n in expected]
    assert registry.count_persons(store, R) == 7
    assert [r.id for r in registry.list_persons(store, ACTOR, R)] == [i for i, _ in expected]
    assert registry.list_persons(store, ACTOR, R, 3, 7) == []


def test_merged_and_unseen_persons_are_neither_listed_nor_counted(store: Store) -> None:
    kept = person(store, "Орлов Сергей", visibility=P)
    gone = person(store, "Орлов Сергей Петрович", visibility=P)
    sealed = person(store, "Секретов Олег", visibility=S)
    with store.transaction("reviewer") as tx:
        merges.merge_persons(tx, kept.id, gone.id)
    assert [r.id for r in registry.list_persons(store, ACTOR, R, 10)] == [kept.id]
    assert registry.count_persons(store, R) == 1
    assert {r.id for r in registry.list_persons(store, ACTOR, S, 10)} == {kept.id, sealed.id}
    assert registry.count_persons(store, S) == 2


def test_a_page_showing_restricted_persons_is_one_audited_read(store: Store) -> None:
    public = person(store, "Авдеев Антон", visibility=P)
    restricted = person(store, "Борисов Богдан", visibility=R)
    sealed = person(store, "Васильев Виктор", visibility=S)
    later = person(store, "Григорьев Глеб", visibility=R)
    before = len(_reads(store))
    shown = registry.list_persons(store, ACTOR, S, 3)
    assert [r.id for r in shown] == [public.id, restricted.id, sealed.id]
    assert _reads(store)[before:] == [("list", "persons", [restricted.id, sealed.id])]
    before = len(_reads(store))
    assert [r.id for r in registry.list_persons(store, ACTOR, S, 3, 3)] == [later.id]
    assert _reads(store)[before:] == [("list", "persons", [later.id])]  # the next page's own
    assert [e.entity for e in overview.audit_entries(store, record=sealed.id)][:1] == ["list"]
    before = len(_reads(store))
    registry.list_persons(store, ACTOR, S, 1)  # the public one only
    assert _reads(store)[before:] == []


# ---- the stored sort key (migration 0011) ---------------------------------------------------
def _python_order(store: Store) -> list[str]:
    """The list's order as Python sorts the live persons by (casefold display name, id), from
    the persons themselves; and every stored key must be their display name case-folded."""
    with store.reading() as conn:
        people = rows.load_persons(conn)
        stored = dict(conn.execute(sa.select(persons.c.id, persons.c.sort_name)).all())
    assert stored == {p.id: p.display_name.casefold() for p in people}
    live = [p for p in people if p.merged_into is None]
    return [p.id for p in sorted(live, key=lambda p: (p.display_name.casefold(), p.id))]


def _paged(store: Store, size: int = 2) -> list[str]:
    """Every id of the list, read a page of ``size`` at a time."""
    total = registry.count_persons(store, S)
    pages = [registry.list_persons(store, ACTOR, S, size, k) for k in range(0, total + size, size)]
    assert pages[-1] == [] and all(len(p) == size for p in pages[:-2])
    return [r.id for page in pages for r in page]


def _update(store: Store, p: Person) -> None:
    with store.transaction("editor") as tx:
        writes.update_person(tx, p)


def test_pages_follow_name_edits_merges_and_an_undone_merge(store: Store) -> None:
    first = person(store, "Бойко Іван")
    bare = registry.add_person(store, ACTOR, Person([NameForm("Яковенко", kind="as_reported")]))
    person(store, "Абрамов Пётр")
    two = registry.add_person(
        store,
        ACTOR,
        Person([NameForm("Ящук Роман", kind="alias"), NameForm("Straße Ernst", kind="alias")]),
    )
    person(store, "STRASSE Ernst")
    person(store, "strasse ernst")
    winner = registry.add_person(store, ACTOR, Person([NameForm("Щербак", kind="as_reported")]))
    assert _paged(store) == _python_order(store)

    first.name_forms[0].text = "Юрченко Іван"  # a name form edited: Бойко moves back
    _update(store, first)
    assert _paged(store) == _python_order(store)
    bare.name_forms.append(NameForm("Авдеев Борис", kind="official"))  # an official form added
    _update(store, bare)
    assert _paged(store) == _python_order(store)
    assert _paged(store)[3] == bare.id  # after STRASSE ×2 (Latin first) and Абрамов
    del two.name_forms[0]  # a name form removed: "Straße Ernst" ties with the two STRASSE
    _update(store, two)
    assert _paged(store) == _python_order(store)
    assert _paged(store).index(two.id) < 3  # Latin before Cyrillic

    with store.transaction("reviewer") as tx:  # the winner takes the loser's official form
        merge_id = merges.merge_persons(tx, winner.id, bare.id)
    merged = _paged(store)
    assert merged == _python_order(store)
    assert bare.id not in merged and merged[4] == winner.id  # "Авдеев Борис", after Абрамов
    with store.transaction("reviewer") as tx:
        merges.undo_merge(tx, merge_id)
    undone = _paged(store)
    assert undone == _python_order(store)
    assert undone[4:] == [bare.id, winner.id, first.id]  # Авдеев, Щербак again, Юрченко


# Where SQL lower() and a locale's collation disagree with Python: "ß" folds to "ss", Ё folds to
# ё (U+0451, after я), Latin comes before Cyrillic by code point, "Ä" after "Z", "ﬁ" folds to
# "fi", final sigma to sigma, İ to i + combining dot.
MIXED = [
    "Ёлкин Ян",
    "Елкин Ян",
    "ёлкин ян",
    "Яковенко Тарас",
    "Ґонта Іван",
    "Іваненко Петро",
    "Zaiets Oleh",
    "Ärger Hans",
    "Straße Ernst",
    "STRASSE Ernst",
    "Strasse Anna",
    "ﬁlatov Ivan",
    "Filatov Ivan",
    "Σίσυφος",
    "İnan Ali",
    "Inan Ali",
    "Ørsted Hans",
]


def _add_mixed(store: Store) -> dict[str, str]:
    return {person(store, name).id: name for name in MIXED}


def _mixed_order(made: dict[str, str]) -> list[str]:
    return [i for i, n in sorted(made.items(), key=lambda kv: (kv[1].casefold(), kv[0]))]


def test_mixed_scripts_sort_by_code_point_on_either_engine(store: Store) -> None:
    made = _add_mixed(store)
    listed = _paged(store, 4)
    assert listed == _mixed_order(made) == _python_order(store)
    names = [made[i] for i in listed]
    assert names.index("Zaiets Oleh") < names.index("Ärger Hans") < names.index("Ёлкин Ян")
    assert names.index("Яковенко Тарас") < names.index("Ёлкин Ян")
    # The two spellings of one name share a key, so they stand together, in id order.
    ernst = sorted(i for i, n in made.items() if n in ("Straße Ernst", "STRASSE Ernst"))
    at = listed.index(ernst[0])
    assert listed[at : at + 2] == ernst and names[at - 1] == "Strasse Anna"
    with store.reading() as conn:
        keys = dict(conn.execute(sa.select(persons.c.id, persons.c.sort_name)).all())
    by_name = {made[i]: k for i, k in keys.items()}
    assert by_name["Straße Ernst"] == by_name["STRASSE Ernst"] == "strasse ernst"
    assert by_name["Ёлкин Ян"] == by_name["ёлкин ян"] == "ёлкин ян"


def _plan(store: Store) -> str:
    """How the engine reads a page of the list (a page past the first, as any reader sees)."""
    with store.reading() as conn:
        query = registry.page_query(conn, R, 4, 4).compile(
            conn, compile_kwargs={"literal_binds": True}
        )
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")  # else a tiny table is scanned
            return "\n".join(conn.exec_driver_sql(f"EXPLAIN {query}").scalars())
        return "\n".join(r[-1] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {query}"))


def test_a_page_is_read_in_order_from_the_index_alone(store: Store, engine_kind: str) -> None:
    _add_mixed(store)
    plan = _plan(store)
    assert "ix_persons_sort_name" in plan, plan
    assert "Sort" not in plan and "TEMP B-TREE" not in plan, plan  # no sort step
    if engine_kind == "postgresql":
        assert "Index Only Scan" in plan, plan  # the list's filter is answered by the index
    else:
        assert "COVERING INDEX" in plan, plan


def test_postgresql_list_order_ignores_the_database_locale(
    engine_kind: str, store_url: str | None, tmp_path: Path
) -> None:
    """On a database whose own collation is ICU Russian (Cyrillic first, ё beside е, Ä beside
    A), the list still sorts by code point, from the index, with no sort step."""
    if engine_kind != "postgresql":
        pytest.skip("the database's collation is PostgreSQL's")
    assert store_url
    base = sa.make_url(store_url)
    icu = base.set(database=f"{base.database}_icu")
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{icu.database}"')
            conn.exec_driver_sql(
                f'CREATE DATABASE "{icu.database}" TEMPLATE template0 '
                "LOCALE_PROVIDER icu ICU_LOCALE 'ru-RU' LOCALE 'C.UTF-8'"
            )
    except sa.exc.DBAPIError as exc:
        admin.dispose()
        pytest.skip(f"cannot create a database with an ICU collation here: {exc.orig}")
    store = Store.init(tmp_path / "icu", icu.render_as_string(hide_password=False))
    try:
        made = _add_mixed(store)
        assert _paged(store, 4) == _mixed_order(made)
        with store.reading() as conn:
            by_locale = conn.execute(
                sa.select(persons.c.id).order_by(persons.c.sort_name, persons.c.id)
            ).scalars()
            assert list(by_locale) != _mixed_order(made)  # the locale would have sorted otherwise
        assert "Sort" not in _plan(store)  # and the page is still read in order from the index
    finally:
        store.close()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{icu.database}"')
        admin.dispose()
