"""Each custody state, the status it gives, custody periods and context-implied custody."""

from __future__ import annotations

import pytest
from lifecycle_support import PERSON, ev

from powtrace.lifecycle import custody_table, derive

CAPTIVITY = [("enlisted", "2023-01"), ("captured", "2023-05"), ("interned", "2023-06")]
RETURN = [*CAPTIVITY, ("exchanged", "2024-02"), ("handed_over", "2024-02")]

# (events, expected custody, expected status): one story per custody state.
STORIES = [
    ([("enlisted", "2023-01")], "serving", "serving"),
    ([("enlisted", "2023-01"), ("missing", "2023-05")], "missing", "missing"),
    ([("enlisted", "2023-01"), ("captured", "2023-05")], "captured", "in_captivity"),
    ([("enlisted", "2023-01"), ("surrendered", "2023-05")], "captured", "in_captivity"),
    (CAPTIVITY, "interned", "in_captivity"),
    ([*CAPTIVITY, ("transferred", "2023-09")], "interned", "in_captivity"),
    ([*CAPTIVITY, ("hospitalised", "2023-09")], "hospitalised_in_captivity", "in_captivity"),
    (
        [*CAPTIVITY, ("refused_repatriation", "2023-09")],
        "refuses_repatriation",
        "refuses_repatriation",
    ),
    ([*CAPTIVITY, ("exchanged", "2024-02")], "exchanged", "in_captivity"),
    ([*CAPTIVITY, ("released", "2024-02")], "exchanged", "in_captivity"),
    (RETURN, "post_return_isolation", "in_post_return_isolation"),
    ([*RETURN, ("isolated_interrogated", "2024-02")], "post_return_isolation",
     "in_post_return_isolation"),
    ([*RETURN, ("hospitalised_after_return", "2024-03")], "hospitalised_after_return",
     "at_home"),
    ([*RETURN, ("released_from_isolation", "2024-03")], "at_home", "at_home"),
    ([*RETURN, ("leave_granted", "2024-03")], "at_home", "at_home"),
    ([*RETURN, ("returned_to_unit", "2024-04")], "returned_to_unit",
     "back_in_service_noncombat"),
    ([*RETURN, ("assigned_noncombat", "2024-04")], "noncombat_service",
     "back_in_service_noncombat"),
    ([*RETURN, ("redeployed_combat", "2024-04")], "combat_service", "back_in_service_combat"),
    ([*RETURN, ("discharged", "2024-04")], "discharged", "discharged"),
    ([*RETURN, ("detained_pretrial", "2024-04")], "imprisoned", "imprisoned"),
    ([("enlisted", "2023-01"), ("killed", "2023-05")], "dead", "dead"),
    ([*CAPTIVITY, ("died_in_captivity", "2023-09")], "dead", "dead"),
    ([*RETURN, ("died", "2024-05")], "dead", "dead"),
]  # fmt: skip


@pytest.mark.parametrize(("steps", "custody", "status"), STORIES)
def test_each_custody_state(steps: list[tuple[str, str]], custody: str, status: str) -> None:
    life = derive(PERSON, [ev(t, d) for t, d in steps])
    assert (life.custody, life.status, life.problems) == (custody, status, ())
    assert life.entries[-1].custody_after == custody


def test_the_stories_reach_every_custody_state() -> None:
    assert {custody for _, custody, _ in STORIES} == set(custody_table().states)


def test_no_events_means_unknown() -> None:
    life = derive(PERSON, [])
    assert (life.custody, life.status, life.entries, life.periods) == (None, "unknown", (), ())
    assert (life.facets, life.problems, life.times_captured) == ({}, (), 0)


def test_facet_events_alone_leave_status_unknown() -> None:
    life = derive(PERSON, [ev("pay_suspended", "2024-01")])
    assert (life.custody, life.status) == (None, "unknown")
    assert life.entries[0].custody_after is None


def test_periods_chain_from_event_to_event() -> None:
    events = [ev(t, d) for t, d in RETURN]
    enlisted, captured, interned, exchanged, handed = events
    life = derive(PERSON, events)
    assert [(p.state, p.start_event_id, p.end_event_id) for p in life.periods] == [
        ("serving", enlisted.id, captured.id),
        ("captured", captured.id, interned.id),
        ("interned", interned.id, exchanged.id),
        ("exchanged", exchanged.id, handed.id),
        ("post_return_isolation", handed.id, None),
    ]
    assert life.periods[2].start == interned.date and life.periods[2].end == exchanged.date
    assert life.periods[-1].end is None


def test_a_transfer_continues_the_same_period() -> None:
    events = [ev(t, d) for t, d in [*CAPTIVITY, ("transferred", "2023-09")]]
    life = derive(PERSON, events)
    assert [p.state for p in life.periods] == ["serving", "captured", "interned"]
    assert life.periods[-1].start_event_id == events[2].id


def test_hospitalised_while_serving_changes_only_the_medical_facet() -> None:
    life = derive(PERSON, [ev("enlisted", "2023-01"), ev("hospitalised", "2023-03")])
    assert life.custody == "serving"
    assert life.facets["medical"].value == "hospitalised"


def test_hospitalised_in_isolation_is_hospitalised_after_return() -> None:
    life = derive(PERSON, [ev(t, d) for t, d in [*RETURN, ("hospitalised", "2024-03")]])
    assert life.custody == "hospitalised_after_return"


@pytest.mark.parametrize("report", ["missing", "declared_awol"])
def test_a_missing_report_while_held_does_not_move_the_person(report: str) -> None:
    events = [ev(t, d) for t, d in [*CAPTIVITY, (report, "2023-08")]]
    life = derive(PERSON, events)
    assert (life.custody, life.status, life.problems) == ("interned", "in_captivity", ())
    assert life.entries[-1].event.type == report


def test_awol_order_while_held_is_kept_in_the_legal_facet() -> None:
    life = derive(PERSON, [ev(t, d) for t, d in [*CAPTIVITY, ("declared_awol", "2023-08")]])
    assert life.facets["legal"].value == "awol_order"
    assert life.status == "in_captivity"  # an AWOL order is not a prosecution


def test_a_prison_sentence_at_home_imprisons() -> None:
    steps = [*RETURN, ("released_from_isolation", "2024-03"), ("convicted", "2024-09")]
    events = [ev(t, d) for t, d in steps] + [ev("sentenced", "2024-09", kind="penal_colony")]
    life = derive(PERSON, events)
    assert (life.custody, life.status) == ("imprisoned", "imprisoned")


def test_a_suspended_sentence_at_home_is_a_prosecution() -> None:
    steps = [*RETURN, ("released_from_isolation", "2024-03")]
    events = [ev(t, d) for t, d in steps] + [ev("sentenced", "2024-09", kind="suspended")]
    life = derive(PERSON, events)
    assert (life.custody, life.status) == ("at_home", "prosecuted")


def test_a_sentence_in_absentia_while_held_does_not_imprison() -> None:
    events = [ev(t, d) for t, d in CAPTIVITY] + [ev("sentenced", "2023-09", kind="prison")]
    life = derive(PERSON, events)
    assert (life.custody, life.status) == ("interned", "in_captivity")


def test_captured_again_after_return_counts_twice() -> None:
    steps = [*RETURN, ("redeployed_combat", "2024-05"), ("captured", "2024-09")]
    life = derive(PERSON, [ev(t, d) for t, d in steps])
    assert (life.status, life.times_captured, life.problems) == ("in_captivity", 2, ())


def test_capture_then_surrender_report_on_the_same_day_counts_once() -> None:
    events = [ev("captured", "2024-08-15"), ev("surrendered", "2024-08-15")]
    assert derive(PERSON, events).times_captured == 1


def test_missing_without_a_return_is_plain_missing() -> None:
    steps = [("enlisted", "2023-01"), ("redeployed_combat", "2023-02"), ("missing", "2023-05")]
    assert derive(PERSON, [ev(t, d) for t, d in steps]).status == "missing"
