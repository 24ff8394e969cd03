"""The dashboard's counts: right at every clearance, and still right after changes, while only
the persons whose rows changed are derived again (``overview.SummaryCache``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from powtrace.domain.visibility import Visibility
from powtrace.lifecycle import derive
from powtrace.store import rows, writes
from powtrace.store.store import Store
from powtrace.workflows import demo, overview, redact

from .support import ACTOR, event, person

LEVELS = (Visibility.PUBLIC, Visibility.RESTRICTED, Visibility.SEALED)


def _by_hand(store: Store, clearance: Visibility) -> Counter[tuple[str, str]]:
    """Status by side, derived from scratch for every person the reader may see."""
    with store.reading() as conn:
        people = rows.load_persons(conn)
        evs = rows.load_events(conn)
    out: Counter[tuple[str, str]] = Counter()
    for p in people:
        if p.merged_into is not None or not p.visibility.visible_to(clearance):
            continue
        shown, _ = redact.events_for([e for e in evs if e.person_id == p.id], clearance)
        out[(derive(p.id, shown).status, p.side.value)] += 1
    return out


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A fresh cache, and the ids of the persons it derives, in order."""
    calls: list[str] = []
    real = overview.summarise

    def counting(p, evs, clearance):  # type: ignore[no-untyped-def]
        calls.append(p.id)
        return real(p, evs, clearance)

    monkeypatch.setattr(overview, "CACHE", overview.SummaryCache())
    monkeypatch.setattr(overview, "summarise", counting)
    return calls


def test_counts_match_a_derivation_from_scratch_at_every_clearance(
    store: Store, counted: list[str]
) -> None:
    demo.load_demo(store)
    for level in LEVELS:
        shown = overview.overview(store, level)
        assert shown.by_status_side == _by_hand(store, level)
        assert shown.persons == sum(shown.by_status_side.values())
    seen = [overview.overview(store, level).persons for level in LEVELS]
    assert seen == sorted(seen) and seen[1] > 0  # a higher clearance never sees fewer


def test_only_changed_persons_are_derived_again_and_the_counts_follow(
    store: Store, counted: list[str]
) -> None:
    a = person(store, "Громов Илья Петрович", side="russia")
    b = person(store, "Лесков Павел Андреевич", side="russia")
    event(store, a.id, "captured", "2024-03-02")
    event(store, b.id, "captured", "2024-05-10")
    first = overview.overview(store, Visibility.RESTRICTED)
    assert sorted(counted) == sorted([a.id, b.id])
    assert first.by_status_side == _by_hand(store, Visibility.RESTRICTED)

    counted.clear()
    again = overview.overview(store, Visibility.RESTRICTED)
    assert counted == []  # nothing changed: nothing derived
    assert again.by_status_side == first.by_status_side

    event(store, b.id, "exchanged", "2024-11-22")  # b comes home
    counted.clear()
    later = overview.overview(store, Visibility.RESTRICTED)
    assert counted == [b.id]
    assert later.flow != first.flow  # captured → exchanged now
    assert later.by_status_side == _by_hand(store, Visibility.RESTRICTED)

    with store.transaction(ACTOR) as tx:  # a now sealed: gone from a restricted reader's counts
        current = writes.get_person(tx.conn, a.id)
        writes.update_person(tx, replace(current, visibility=Visibility.SEALED))
    counted.clear()
    hidden = overview.overview(store, Visibility.RESTRICTED)
    assert counted == [a.id]
    assert hidden.persons == later.persons - 1
    assert hidden.by_status_side == _by_hand(store, Visibility.RESTRICTED)
