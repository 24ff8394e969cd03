"""Whole stories as case workers meet them, and which events count at all."""

from __future__ import annotations

from lifecycle_support import PERSON, ev

from powtrace.domain.model import ReviewState
from powtrace.lifecycle import derive, status_label


def test_redeployed_after_exchange_and_missing_again() -> None:
    events = [
        ev("enlisted", "2023-03", service_type="mobilised"),
        ev("captured", "2023-10", mode="surrendered"),
        ev("interned", "2023-11", facility="Taganrog SIZO-2"),
        ev("exchanged", "2024-06-25", via="Belarus", basis="ad_hoc_swap"),
        ev("handed_over", "2024-06-26"),
        ev("isolated_interrogated", "2024-06-26", agencies="FSB, military prosecutor"),
        ev("redeployed_combat", "2024-09", location="Donetsk region"),
        ev("missing", "2024-11"),
    ]
    life = derive(PERSON, reversed(events))
    assert [entry.event for entry in life.entries] == events
    assert (life.custody, life.status, life.times_captured) == ("missing", "missing_again", 1)
    assert status_label(life.status) == "missing again after return"
    assert life.problems == ()
    assert [p.state for p in life.periods] == [
        "serving", "captured", "interned", "exchanged", "post_return_isolation",
        "combat_service", "missing",
    ]  # fmt: skip
    assert [e.custody_after for e in life.entries][3:6] == [
        "exchanged", "post_return_isolation", "post_return_isolation",
    ]  # fmt: skip
    assert life.facets["contact"].value == "incommunicado"


def test_prosecuted_for_voluntary_surrender() -> None:
    case = ev("criminal_case_opened", "2024-10", article="352.1", agency="Investigative Committee")
    events = [
        ev("enlisted", "2023-03"),
        ev("surrendered", "2023-10", via="i_want_to_live"),
        ev("interned", "2023-11"),
        ev("exchanged", "2024-06"),
        ev("handed_over", "2024-06"),
        ev("released_from_isolation", "2024-07"),
        case,
    ]
    life = derive(PERSON, events)
    assert (life.custody, life.status, life.problems) == ("at_home", "prosecuted", ())
    assert life.facets["legal"].event_id == case.id
    assert status_label("prosecuted") == "prosecuted at home"


def test_prosecuted_while_back_in_service() -> None:
    events = [
        ev("captured", "2023-10"),
        ev("exchanged", "2024-06"),
        ev("redeployed_combat", "2024-08"),
        ev("charged", "2024-09", article="352.1"),
    ]
    assert derive(PERSON, events).status == "prosecuted"


def test_an_acquittal_ends_the_prosecution() -> None:
    events = [
        ev("captured", "2023-10"),
        ev("exchanged", "2024-06"),
        ev("released_from_isolation", "2024-07"),
        ev("criminal_case_opened", "2024-08"),
        ev("acquitted", "2025-01"),
    ]
    assert derive(PERSON, events).status == "at_home"


def test_a_case_in_absentia_while_held_keeps_him_in_captivity() -> None:
    events = [ev("captured", "2023-10"), ev("criminal_case_opened", "2024-02", article="338")]
    assert derive(PERSON, events).status == "in_captivity"


def test_only_confirmed_events_count() -> None:
    captured = ev("captured", "2024-01")
    events = [
        captured,
        ev("killed", "2024-02", review=ReviewState.PROPOSED),
        ev("exchanged", "2024-03", review=ReviewState.DISPUTED),
        ev("redeployed_combat", "2024-04", review=ReviewState.REJECTED),
    ]
    life = derive(PERSON, events)
    assert [e.event for e in life.entries] == [captured]
    assert (life.status, life.problems) == ("in_captivity", ())


def test_group_events_and_other_persons_are_ignored() -> None:
    captured = ev("captured", "2024-01")
    events = [
        captured,
        ev("exchanged", "2024-06", person=None, group_size=95),
        ev("killed", "2024-02", person="p-2"),
    ]
    life = derive(PERSON, events)
    assert [e.event for e in life.entries] == [captured]
    assert life.status == "in_captivity"


def test_same_month_events_follow_the_lifecycle_order() -> None:
    events = [
        ev("isolated_interrogated", "2024-06"),
        ev("handed_over", "2024-06"),
        ev("exchanged", "2024-06"),
        ev("captured", "2024-02"),
    ]
    life = derive(PERSON, events)
    assert [e.event.type for e in life.entries] == [
        "captured", "exchanged", "handed_over", "isolated_interrogated",
    ]  # fmt: skip
    assert life.problems == ()


def test_undated_events_go_last() -> None:
    undated = ev("tortured")
    life = derive(PERSON, [undated, ev("captured", "2024-01"), ev("interned", "2024-02")])
    assert life.entries[-1].event == undated
    assert life.entries[-1].custody_after == "interned"
