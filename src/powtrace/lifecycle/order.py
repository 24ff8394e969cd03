"""Timeline order: by date bounds, then the natural lifecycle order, never by input order.

Dates are partial, so ``2024-08`` and ``2024-08-15`` overlap and neither is certainly first.
The timeline sorts by :meth:`PartialDate.sort_key` (earliest day, then latest day); where
that ties, by the custody state's place in ``custody.yaml`` (captured before exchanged before
post-return isolation …), events that change no custody after those that do, then the
vocabulary's order of event types, then the event id. The id makes the order total, so
shuffling the input never changes the result. Undated events go last, in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache

from powtrace.domain.model import Event
from powtrace.domain.vocab import event_types
from powtrace.lifecycle.tables import custody_table

_UNDATED = (date.max, date.max)


@cache
def _type_index() -> dict[str, int]:
    return {type_id: i for i, type_id in enumerate(event_types())}


def timeline_key(event: Event) -> tuple[bool, tuple[date, date], int, int, str]:
    """The sort key of an event in a person's timeline."""
    kind = event_types()[event.type]
    dates = event.date.sort_key() if event.date is not None else _UNDATED
    # The vocabulary's custody, not the context-implied one: the context depends on the order.
    rank = custody_table().rank(kind.custody)
    return (event.date is None, dates, rank, _type_index()[event.type], event.id)


def timeline(events: Iterable[Event]) -> list[Event]:
    """Events in timeline order."""
    return sorted(events, key=timeline_key)
