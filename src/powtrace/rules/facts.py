"""One person's recorded facts, indexed once so that every rule reads them cheaply.

Dates become day numbers (``date.toordinal``) with bounds: an event "in August 2024" is the
interval 1–31 August. An undated event spans all time, so every comparison with it is
*unknown* rather than wrong. Events come from the lifecycle's timeline (confirmed events
only, in timeline order); custody periods come from the lifecycle too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from powtrace.domain.dates import PartialDate
from powtrace.domain.model import Event, Person
from powtrace.lifecycle.model import Lifecycle

NEVER_LO = date.min.toordinal()
NEVER_HI = date.max.toordinal()


def bounds(d: PartialDate | None) -> tuple[int, int]:
    """The first and last day (as day numbers) a partial date may be; all time if undated."""
    if d is None:
        return NEVER_LO, NEVER_HI
    return d.earliest.toordinal(), d.latest.toordinal()


class Item:
    """A confirmed event with its day bounds, custody after it and place in the timeline."""

    __slots__ = ("_text", "custody", "details", "event", "hi", "index", "lo", "type")

    def __init__(self, event: Event, custody: str | None, index: int) -> None:
        self.event = event
        self.type = event.type
        self.details = event.details
        self.lo, self.hi = bounds(event.date)
        self.custody = custody
        self.index = index
        self._text: str | None = None

    @property
    def date_text(self) -> str | None:
        """The event's date as written (``2024-08``), or None when undated; computed once."""
        if self._text is None and self.event.date is not None:
            self._text = str(self.event.date)
        return self._text


@dataclass(frozen=True, slots=True)
class Span:
    """A run of consecutive custody periods whose states are all in one set (e.g. captivity)."""

    start: Item
    end: Item | None  # the event that left the set; None: still in it


@dataclass(frozen=True, slots=True)
class Point:
    """A day with bounds that is not an event (a deadline), or the event it was taken from."""

    lo: int
    hi: int
    item: Item | None = None


@dataclass(frozen=True, slots=True)
class Measure:
    """A number of days known within bounds, and the event that ended the count, if any."""

    lo: int
    hi: int
    ended_by: Item | None = None
    recorded: bool = False  # taken from a recorded detail (e.g. duration_days), not dates


class Facts:
    """Everything rules look at for one person, evaluated as of one day."""

    def __init__(self, lifecycle: Lifecycle, person: Person | None, as_of: date) -> None:
        self.person = person
        self.person_id = lifecycle.person_id
        self.side = person.side.value if person is not None else None
        self.as_of = as_of.toordinal()
        self.as_of_date = as_of
        self.items = [Item(e.event, e.custody_after, i) for i, e in enumerate(lifecycle.entries)]
        self.by_id = {item.event.id: item for item in self.items}
        self.by_type: dict[str, list[Item]] = {}
        for item in self.items:
            self.by_type.setdefault(item.type, []).append(item)
        self.types = frozenset(self.by_type)
        self.lifecycle = lifecycle
        self._merged: dict[frozenset[str], list[Item]] = {}
        self._spans: dict[frozenset[str], list[Span]] = {}

    def of_types(self, types: frozenset[str]) -> list[Item]:
        """Events of any of ``types``, in timeline order."""
        if len(types) == 1:
            (only,) = types
            return self.by_type.get(only, [])
        found = self._merged.get(types)
        if found is None:
            lists = [self.by_type[t] for t in types if t in self.by_type]
            if len(lists) == 1:
                found = lists[0]
            else:
                found = sorted((i for part in lists for i in part), key=lambda i: i.index)
            self._merged[types] = found
        return found

    def spans(self, states: frozenset[str]) -> list[Span]:
        """Runs of custody periods in ``states``, from the lifecycle's periods."""
        found = self._spans.get(states)
        if found is None:
            found = self._spans[states] = list(_runs(self.lifecycle, states, self.by_id))
        return found


def _runs(lifecycle: Lifecycle, states: frozenset[str], by_id: dict[str, Item]) -> Iterable[Span]:
    start: Item | None = None
    for period in lifecycle.periods:
        inside = period.state in states
        if inside and start is None:
            start = by_id[period.start_event_id]
        elif not inside and start is not None:
            yield Span(start, by_id[period.start_event_id])
            start = None
    if start is not None:
        yield Span(start, None)
