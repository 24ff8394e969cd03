"""Helpers for the rule tests: terse confirmed events, one person, one catalogue load."""

from __future__ import annotations

import itertools
from datetime import date
from functools import cache
from typing import Any

from powtrace.domain.dates import PartialDate
from powtrace.domain.model import Citation, Event, NameForm, Person, ReviewState
from powtrace.lifecycle import derive
from powtrace.rules import Catalogue, Finding, evaluate, evaluate_rule, load_catalogue

PERSON = "p-1"
AS_OF = date(2025, 12, 1)
_ids = itertools.count(1)


@cache
def catalogue() -> Catalogue:
    """The shipped catalogue, loaded once for the whole test run."""
    loaded = load_catalogue()
    assert loaded.ok, [str(e) for e in loaded.errors]
    return loaded


def ev(
    type_: str,
    when: str | None = None,
    *,
    review: ReviewState = ReviewState.CONFIRMED,
    sources: int = 1,
    id: str | None = None,
    **details: Any,
) -> Event:
    """A confirmed event of PERSON with a readable id, cited from ``sources`` sources."""
    cites = [Citation(f"s-{i}", 0, 5, "words", 2) for i in range(sources)]
    return Event(
        type_,
        PERSON,
        id=id or f"e{next(_ids):04d}-{type_}",
        date=PartialDate.parse(when) if when else None,
        review=review,
        details=details,
        citations=cites,
    )


def person(side: str = "russia", rank: str | None = "private") -> Person:
    return Person([NameForm("Test Person", kind="official")], id=PERSON, side=side, rank=rank)


def findings(
    events: list[Event], as_of: date = AS_OF, side: str = "russia", rank: str | None = "private"
) -> list[Finding]:
    """Every finding of the catalogue for PERSON."""
    return evaluate(catalogue(), derive(PERSON, events), person(side, rank), events, as_of)


def run(
    rule_id: str,
    events: list[Event],
    as_of: date = AS_OF,
    side: str = "russia",
    rank: str | None = "private",
) -> list[Finding]:
    """The findings of one rule for PERSON."""
    rule = catalogue()[rule_id]
    return evaluate_rule(rule, derive(PERSON, events), person(side, rank), events, as_of)


def one(rule_id: str, events: list[Event], **kwargs: Any) -> Finding:
    """The single finding of a rule (fails unless there is exactly one)."""
    found = run(rule_id, events, **kwargs)
    assert len(found) == 1, [f.explanation for f in found]
    return found[0]


def certainty(rule_id: str, events: list[Event], **kwargs: Any) -> str | None:
    """'certain', 'probable', or None when the rule does not fire."""
    found = run(rule_id, events, **kwargs)
    assert len(found) <= 1
    return found[0].certainty.value if found else None


def captivity(capture: str = "2024-03-01", interned: str | None = "2024-03-03") -> list[Event]:
    """A capture (and internment) by Ukraine of a Russian serviceman."""
    out = [ev("captured", capture, detaining_state="Ukraine")]
    if interned:
        out.append(ev("interned", interned))
    return out


def day(text: str, plus: int = 0) -> str:
    """``text`` (YYYY-MM-DD) moved by ``plus`` days."""
    return date.fromordinal(date.fromisoformat(text).toordinal() + plus).isoformat()
