"""Helpers shared by the lifecycle tests: terse construction of confirmed events."""

from __future__ import annotations

import itertools
from typing import Any

from powtrace.domain.dates import PartialDate
from powtrace.domain.model import Event, ReviewState

PERSON = "p-1"
_ids = itertools.count(1)


def ev(
    type_: str,
    date: str | None = None,
    *,
    person: str | None = PERSON,
    review: ReviewState = ReviewState.CONFIRMED,
    id: str | None = None,
    **details: Any,
) -> Event:
    """A confirmed event of PERSON (by default) with a readable, unique id."""
    return Event(
        type_,
        person,
        id=id or f"e{next(_ids):03d}-{type_}",
        date=PartialDate.parse(date) if date else None,
        review=review,
        group_size=None if person else 10,
        details=details,
    )
