"""The person list, a page at a time: ordered by display name, built from one page's persons,
and each page that shows restricted or sealed persons one audited read naming them."""

from __future__ import annotations

import json

import sqlalchemy as sa

from powtrace.domain.model import NameForm, Person
from powtrace.domain.visibility import Visibility
from powtrace.store import merges
from powtrace.store.schema import audit_log
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
