"""Every problem code, with the events it names; reported as data, never raised."""

from __future__ import annotations

import pytest
from lifecycle_support import PERSON, ev

from powtrace.lifecycle import PROBLEM_CODES, derive


def codes(life) -> list[tuple[str, tuple[str, ...]]]:  # type: ignore[no-untyped-def]
    return [(p.code, p.event_ids) for p in life.problems]


@pytest.mark.parametrize("return_type", ["exchanged", "released", "handed_over"])
def test_return_without_capture(return_type: str) -> None:
    back = ev(return_type, "2024-06-10")
    life = derive(PERSON, [ev("enlisted", "2024-01"), back])
    assert codes(life) == [("return_without_capture", (back.id,))]
    assert "no capture is recorded" in life.problems[0].message
    assert "2024-06-10" in life.problems[0].message


def test_handover_after_an_unexplained_exchange_is_one_problem() -> None:
    exchanged = ev("exchanged", "2024-06-10")
    life = derive(PERSON, [exchanged, ev("handed_over", "2024-06-11")])
    assert codes(life) == [("return_without_capture", (exchanged.id,))]


def test_a_second_return_needs_a_second_capture() -> None:
    second = ev("exchanged", "2025-02")
    events = [
        ev("captured", "2023-05"),
        ev("exchanged", "2024-02"),
        ev("handed_over", "2024-02"),
        ev("redeployed_combat", "2024-05"),
        second,
    ]
    assert codes(derive(PERSON, events)) == [("return_without_capture", (second.id,))]


def test_missing_then_exchanged_lacks_the_capture() -> None:
    exchanged = ev("exchanged", "2024-06")
    life = derive(PERSON, [ev("missing", "2024-01"), exchanged])
    assert codes(life) == [("return_without_capture", (exchanged.id,))]


def test_exchanged_before_captured() -> None:
    exchanged, captured = ev("exchanged", "2024-05"), ev("captured", "2024-08")
    life = derive(PERSON, [captured, ev("enlisted", "2024-01"), exchanged])
    # Reported once: the capture's own impossible step is the same problem.
    assert codes(life) == [("exchanged_before_captured", (exchanged.id, captured.id))]
    assert "'exchanged' (2024-05)" in life.problems[0].message
    assert "'captured' (2024-08)" in life.problems[0].message


def test_event_after_death() -> None:
    killed, interview = ev("killed", "2024-03-01"), ev("interviewed_by_press", "2024-06")
    life = derive(PERSON, [interview, killed])
    assert codes(life) == [("event_after_death", (killed.id, interview.id))]
    assert "certainly after the death 'killed' (2024-03-01)" in life.problems[0].message


def test_custody_event_after_death_is_reported_once() -> None:
    killed, exchanged = ev("killed", "2024-03"), ev("exchanged", "2024-09")
    life = derive(PERSON, [ev("captured", "2024-01"), killed, exchanged])
    assert codes(life) == [("event_after_death", (killed.id, exchanged.id))]
    assert life.custody == "exchanged"  # confirmed events still move the person


def test_a_second_death_is_reported_against_the_first() -> None:
    killed, died = ev("killed", "2024-03"), ev("died", "2024-12")
    assert codes(derive(PERSON, [died, killed])) == [("event_after_death", (killed.id, died.id))]


def test_overlap_with_a_death_is_not_after_it() -> None:
    events = [ev("killed", "2024"), ev("interviewed_by_press", "2024-06")]
    assert derive(PERSON, events).problems == ()


@pytest.mark.parametrize("type_id", ["body_repatriated", "family_notified", "pay_suspended"])
def test_some_events_may_follow_a_death(type_id: str) -> None:
    events = [ev("killed", "2024-03"), ev(type_id, "2024-09")]
    assert derive(PERSON, events).problems == ()


def test_ambiguous_order_on_the_same_dates_names_the_tie_break() -> None:
    captured, killed = ev("captured", "2024-08"), ev("killed", "2024-08")
    life = derive(PERSON, [killed, captured])
    assert codes(life) == [("ambiguous_order", (captured.id, killed.id))]
    message = life.problems[0].message
    assert "lifecycle order puts captured before dead" in message
    assert life.custody == "dead"


def test_ambiguous_order_when_overlapping_dates_break_the_table() -> None:
    captured, killed = ev("captured", "2024-08-15"), ev("killed", "2024-08")
    life = derive(PERSON, [captured, killed])
    # "2024-08" may start earlier, so the death comes first, and capture cannot follow it.
    assert codes(life) == [("ambiguous_order", (killed.id, captured.id))]
    assert "captured cannot follow dead" in life.problems[0].message


def test_forbidden_transition() -> None:
    interned, combat = ev("interned", "2024-03"), ev("redeployed_combat", "2024-05")
    life = derive(PERSON, [ev("captured", "2024-02"), interned, combat])
    assert codes(life) == [("forbidden_transition", (interned.id, combat.id))]
    assert "from interned to combat service" in life.problems[0].message
    assert life.custody == "combat_service"


def test_overlapping_dates_that_fit_the_table_are_not_a_problem() -> None:
    events = [ev("exchanged", "2024-08-15"), ev("captured", "2024-08")]
    life = derive(PERSON, events)
    assert life.problems == ()
    assert [e.event.type for e in life.entries] == ["captured", "exchanged"]


def test_undated_custody_event_is_applied_when_the_table_allows() -> None:
    killed = ev("killed")
    life = derive(PERSON, [killed, ev("captured", "2024-01")])
    assert codes(life) == [("undated_event", (killed.id,))]
    assert life.custody == "dead"
    assert "custody became dead" in life.problems[0].message


def test_undated_custody_event_is_not_applied_when_the_table_forbids() -> None:
    enlisted = ev("enlisted")
    events = [ev("captured", "2024-01"), ev("exchanged", "2024-05"), enlisted]
    life = derive(PERSON, events)
    assert codes(life) == [("undated_event", (enlisted.id,))]
    assert (life.custody, life.entries[-1].custody_after) == ("exchanged", "exchanged")
    assert "not applied" in life.problems[0].message


def test_undated_event_that_keeps_custody_is_not_a_problem() -> None:
    events = [ev("captured", "2024-01"), ev("interned", "2024-02"), ev("transferred")]
    assert derive(PERSON, events).problems == ()


def test_problems_read_along_the_timeline() -> None:
    events = [
        ev("enlisted", "2023-01"),
        ev("handed_over", "2023-03"),  # return_without_capture
        ev("discharged", "2023-04"),
        ev("isolated_interrogated", "2023-05"),  # forbidden: discharged → isolation
        ev("killed", "2023-07"),
        ev("interviewed_by_press", "2023-09"),  # event_after_death
        ev("enlisted"),  # undated
    ]
    life = derive(PERSON, events)
    assert [p.code for p in life.problems] == [
        "return_without_capture",
        "forbidden_transition",
        "event_after_death",
        "undated_event",
    ]
    assert set(life.problem_codes()) <= set(PROBLEM_CODES)
