"""What each clearance sees of a person (``registry.view_person``) and what it is told it missed."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from powtrace.domain.errors import NotFoundError
from powtrace.domain.model import Citation, Source
from powtrace.domain.visibility import Visibility
from powtrace.store import writes
from powtrace.store.schema import audit_log
from powtrace.store.store import Store
from powtrace.workflows import registry
from powtrace.workflows.redact import WITHHELD

from .support import ACTOR, audit_rows, event, person

R, S, P = Visibility.RESTRICTED, Visibility.SEALED, Visibility.PUBLIC


@pytest.fixture
def story(store: Store) -> dict[str, str]:
    """A returnee whose capture was a surrender: the surrender and the capture mode are sealed."""
    p = person(store, "Дьячков Степан Олегович")
    captured = event(
        store,
        p.id,
        "captured",
        "2024-06-18",
        details={"mode": "surrendered", "detaining_state": "Ukraine"},
    )
    surrendered = event(store, p.id, "surrendered", "2024-06-18", details={"via": "in_person"})
    exchanged = event(store, p.id, "exchanged", "2024-11-22", details={"basis": "ad_hoc_swap"})
    return {
        "person": p.id,
        "captured": captured.id,
        "surrendered": surrendered.id,
        "exchanged": exchanged.id,
    }


def test_restricted_clearance_withholds_sealed_events_and_details(
    store: Store, story: dict[str, str]
) -> None:
    view = registry.view_person(store, ACTOR, story["person"], R)
    assert {e.id for e in view.events} == {story["captured"], story["exchanged"]}
    assert (view.withheld.records, view.withheld.fields) == (1, 1)
    [captured] = [e for e in view.events if e.id == story["captured"]]
    assert captured.details == {"mode": WITHHELD, "detaining_state": "Ukraine"}
    assert [e.event.id for e in view.lifecycle.entries] == [story["captured"], story["exchanged"]]
    assert view.lifecycle.status == "in_captivity"
    # Withholding changed the reader's copy only.
    full = registry.view_person(store, ACTOR, story["person"], S)
    [stored] = [e for e in full.events if e.id == story["captured"]]
    assert stored.details["mode"] == "surrendered"


def test_sealed_clearance_sees_everything_and_each_sealed_read_is_audited(
    store: Store, story: dict[str, str]
) -> None:
    before = audit_rows(store)
    registry.view_person(store, ACTOR, story["person"], R)
    restricted_reads = audit_rows(store)[len(before) :]
    assert restricted_reads == [("read", "person", story["person"])]

    mark = len(audit_rows(store))
    view = registry.view_person(store, ACTOR, story["person"], S)
    assert {e.id for e in view.events} == {
        story["captured"],
        story["surrendered"],
        story["exchanged"],
    }
    assert (view.withheld.records, view.withheld.fields) == (0, 0)
    [surrendered] = [e for e in view.events if e.id == story["surrendered"]]
    assert surrendered.details == {"via": "in_person"}
    reads = audit_rows(store)[mark:]
    assert sorted(reads) == sorted(
        [
            ("read", "person", story["person"]),
            ("read", "event", story["captured"]),  # its mode is sealed
            ("read", "event", story["surrendered"]),  # sealed as a whole
        ]
    )


def test_a_citation_of_a_sealed_source_is_not_shown_below_sealed(store: Store) -> None:
    text = "He walked towards Ukrainian lines, where he gave himself up."
    sealed_source = Source("Lawyer's note", text.encode(), text=text, visibility=S)
    with store.transaction(ACTOR) as tx:
        writes.add_source(tx, sealed_source)
    p = person(store, "Дьячков Степан")
    excerpt = "gave himself up"
    start = text.index(excerpt)
    e = event(
        store,
        p.id,
        "captured",
        "2024-06",
        citations=[Citation(sealed_source.id, start, start + len(excerpt), excerpt, 2)],
    )

    view = registry.view_person(store, ACTOR, p.id, R)
    [shown] = view.events
    assert shown.id == e.id and shown.citations == [] and view.sources == {}
    assert view.withheld.fields == 1
    full = registry.view_person(store, ACTOR, p.id, S)
    assert [c.excerpt for c in full.events[0].citations] == [excerpt]
    assert list(full.sources) == [sealed_source.id]


def test_a_sealed_person_field_is_withheld(store: Store) -> None:
    p = person(
        store,
        "Тетерин Глеб",
        note="asked not to be exchanged",
        unit="48312",
        field_visibility={"note": "sealed"},
    )
    shown = registry.view_person(store, ACTOR, p.id, R)
    assert (shown.person.note, shown.person.unit) == (WITHHELD, "48312")
    assert shown.withheld.fields == 1
    assert registry.view_person(store, ACTOR, p.id, S).person.note == "asked not to be exchanged"


@pytest.mark.parametrize(
    ("level", "visible_at"),
    [(P, {P, R, S}), (R, {R, S}), (S, {S})],
)
def test_a_person_is_visible_only_at_their_level_or_above(
    store: Store, level: Visibility, visible_at: set[Visibility]
) -> None:
    p = person(store, "Кравчишин Остап", visibility=level)
    for clearance in (P, R, S):
        listed = {r.id for r in registry.list_persons(store, ACTOR, clearance)}
        found = {h.id for h in registry.search_persons(store, ACTOR, "Kravchyshyn", clearance)}
        if clearance in visible_at:
            assert registry.view_person(store, ACTOR, p.id, clearance).person.id == p.id
            assert listed == found == {p.id}
        else:
            with pytest.raises(NotFoundError):
                registry.view_person(store, ACTOR, p.id, clearance)
            assert listed == found == set()


def test_a_hidden_person_is_reported_exactly_like_an_unknown_id(store: Store) -> None:
    p = person(store, "Секретов Сергей", visibility=S)
    unknown = "p-0000000000000000"
    with pytest.raises(NotFoundError) as hidden:
        registry.view_person(store, ACTOR, p.id, R)
    with pytest.raises(NotFoundError) as missing:
        registry.view_person(store, ACTOR, unknown, R)
    assert str(hidden.value).replace(p.id, "ID") == str(missing.value).replace(unknown, "ID")
    assert type(hidden.value) is type(missing.value)


def test_a_search_that_shows_restricted_persons_is_one_audited_read(store: Store) -> None:
    public = person(store, "Кравчишин Остап Михайлович", visibility=P)
    restricted = person(store, "Кравчишин Богдан", visibility=R)
    sealed = person(store, "Кравчишин Тарас", visibility=S)
    mark = len(audit_rows(store))
    found = {h.id for h in registry.search_persons(store, ACTOR, "Kravchyshyn", R)}
    assert found == {public.id, restricted.id}  # the sealed one is neither shown nor named
    assert audit_rows(store)[mark:] == [("read", "search", "persons")]
    assert _last_after(store) == {"shown": [restricted.id]}
    registry.search_persons(store, ACTOR, "Kravchyshyn", S)
    assert sorted(_last_after(store)["shown"]) == sorted([restricted.id, sealed.id])
    mark = len(audit_rows(store))
    assert [h.id for h in registry.search_persons(store, ACTOR, "Ostap", R)] == [public.id]
    assert audit_rows(store)[mark:] == []  # public hits only: nothing to audit


def _last_after(store: Store) -> dict[str, list[str]]:
    q = sa.select(audit_log.c.actor, audit_log.c.after).order_by(audit_log.c.seq.desc()).limit(1)
    with store.reading() as conn:
        actor, after = conn.execute(q).one()
    assert actor == ACTOR
    return json.loads(after)
