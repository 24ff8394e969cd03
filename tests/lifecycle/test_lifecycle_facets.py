"""Facets: each one, ties broken by the facet's natural order, undated events never override."""

from __future__ import annotations

import random

import pytest
from lifecycle_support import PERSON, ev

from powtrace.domain.vocab import event_types
from powtrace.lifecycle import FACETS, derive

SETTERS = [
    (type_id, facet, value)
    for type_id, kind in event_types().items()
    for facet, value in kind.facets.items()
]


@pytest.mark.parametrize(("type_id", "facet", "value"), SETTERS)
def test_each_facet_event_sets_its_facet(type_id: str, facet: str, value: str) -> None:
    event = ev(type_id, "2024-03-02")
    state = derive(PERSON, [ev("enlisted", "2024-01"), event]).facets[facet]
    assert (state.value, state.since, state.event_id) == (value, event.date, event.id)


def test_every_facet_is_covered() -> None:
    assert {facet for _, facet, _ in SETTERS} == set(FACETS)


def test_the_latest_event_wins() -> None:
    events = [ev("pay_suspended", "2023-05"), ev("pay_restored", "2024-02")]
    assert derive(PERSON, events).facets["pay"].value == "paid"
    events = [ev("pay_restored", "2023-05"), ev("pay_suspended", "2024-02")]
    assert derive(PERSON, events).facets["pay"].value == "suspended"


def test_same_month_ties_follow_the_facet_order_whatever_the_input_order() -> None:
    events = [
        ev("criminal_case_opened", "2024-08", article="352.1"),
        ev("charged", "2024-08", article="352.1"),
        ev("detained_pretrial", "2024-08"),
    ]
    for _ in range(5):
        random.shuffle(events)
        assert derive(PERSON, events).facets["legal"].value == "pretrial_detention"


def test_an_undated_event_does_not_override_a_dated_one() -> None:
    dated = ev("pay_restored", "2024-02")
    life = derive(PERSON, [dated, ev("pay_suspended")])
    assert life.facets["pay"].event_id == dated.id
    assert life.problems == ()  # undated facet events are not problems


def test_an_undated_event_sets_a_facet_nothing_else_sets() -> None:
    undated = ev("registered_icrc")
    state = derive(PERSON, [ev("captured", "2024-01"), undated]).facets["registration"]
    assert (state.value, state.since, state.event_id) == ("registered_with_cta", None, undated.id)


def test_legal_facets_of_the_two_states_are_separate() -> None:
    events = [
        ev("captured", "2023-01"),
        ev("prosecuted_by_detainer", "2023-06", article="terrorism"),
        ev("criminal_case_opened", "2023-09", article="352.1"),
    ]
    facets = derive(PERSON, events).facets
    assert facets["legal_detaining"].value == "case_opened"
    assert facets["legal"].value == "case_opened"


def test_facets_no_event_sets_are_absent() -> None:
    assert set(derive(PERSON, [ev("counsel_denied", "2024-01")]).facets) == {"counsel"}
