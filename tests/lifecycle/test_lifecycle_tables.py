"""The data files agree with the event vocabulary and with the public constants."""

from __future__ import annotations

import pytest

from powtrace.domain.errors import ValidationError
from powtrace.domain.vocab import event_types
from powtrace.lifecycle import FACETS, STATUSES, custody_table, status_label
from powtrace.lifecycle.tables import facet_orders, status_table


def test_every_vocabulary_custody_state_is_in_the_table() -> None:
    states = set(custody_table().states)
    assert {t.custody for t in event_types().values() if t.custody} <= states


def test_the_vocabulary_comment_lists_exactly_the_table_states() -> None:
    expected = {
        "serving", "missing", "captured", "interned", "hospitalised_in_captivity",
        "refuses_repatriation", "exchanged", "post_return_isolation",
        "hospitalised_after_return", "at_home", "returned_to_unit", "noncombat_service",
        "combat_service", "discharged", "imprisoned", "dead",
    }  # fmt: skip
    assert set(custody_table().states) == expected


def test_natural_order_runs_from_capture_to_return() -> None:
    table = custody_table()
    chain = ["serving", "captured", "interned", "exchanged", "post_return_isolation"]
    assert [table.rank(s) for s in chain] == sorted(table.rank(s) for s in chain)
    assert table.rank(None) == len(table.states)


def test_dead_is_the_only_terminal_state() -> None:
    assert custody_table().terminal == {"dead"}


@pytest.mark.parametrize(
    ("before", "after", "allowed"),
    [
        (None, "combat_service", True),
        ("interned", "interned", True),
        ("captured", "interned", True),
        ("interned", "exchanged", True),
        ("exchanged", "post_return_isolation", True),
        ("post_return_isolation", "combat_service", True),
        ("combat_service", "missing", True),
        ("interned", "combat_service", False),
        ("serving", "exchanged", False),
        ("dead", "captured", False),
    ],
)
def test_transition_table(before: str | None, after: str, allowed: bool) -> None:
    assert custody_table().allows(before, after) is allowed


def test_statuses_match_the_status_file() -> None:
    assert tuple(status_table().labels) == STATUSES
    assert set(status_table().by_custody.values()) <= set(STATUSES)


def test_every_custody_state_has_a_status() -> None:
    assert set(status_table().by_custody) == set(custody_table().states)


@pytest.mark.parametrize("status", STATUSES)
def test_every_status_has_a_label(status: str) -> None:
    assert status_label(status)


def test_status_labels_read_as_words() -> None:
    assert status_label("in_post_return_isolation") == "in post-return isolation"
    assert status_label("back_in_service_combat") == "back in service (combat)"


def test_unknown_status_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="unknown status 'asleep'"):
        status_label("asleep")


def test_facets_cover_the_vocabulary() -> None:
    vocab = {f for t in event_types().values() for f in t.facets}
    assert vocab == set(FACETS) == set(facet_orders())
    for kind in event_types().values():
        for facet, value in kind.facets.items():
            assert value in facet_orders()[facet]
