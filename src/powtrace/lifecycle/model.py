"""What the lifecycle derives for a person: timeline, custody periods, status, facets, problems."""

from __future__ import annotations

from dataclasses import dataclass

from powtrace.domain.dates import PartialDate
from powtrace.domain.model import Event

FACETS = ("legal", "legal_detaining", "pay", "contact", "medical", "registration", "counsel")


@dataclass(frozen=True)
class Problem:
    """A data-quality problem in a person's confirmed events; reported, never raised."""

    code: str
    message: str  # one sentence a case worker understands, naming the events and dates
    event_ids: tuple[str, ...]


@dataclass(frozen=True)
class FacetState:
    """The current value of one facet and the event that set it."""

    value: str
    since: PartialDate | None
    event_id: str


@dataclass(frozen=True)
class CustodyPeriod:
    """A stretch of time in one custody state, from the event that started it to the next."""

    state: str
    start: PartialDate | None
    start_event_id: str
    end: PartialDate | None
    end_event_id: str | None  # None: still current


@dataclass(frozen=True)
class TimelineEntry:
    """One confirmed event in timeline order, with the custody state after it."""

    event: Event
    custody_after: str | None


@dataclass(frozen=True)
class Lifecycle:
    """Everything derived from one person's confirmed events."""

    person_id: str
    entries: tuple[TimelineEntry, ...]
    periods: tuple[CustodyPeriod, ...]
    custody: str | None
    status: str
    facets: dict[str, FacetState]
    problems: tuple[Problem, ...]
    times_captured: int

    def problem_codes(self) -> tuple[str, ...]:
        """The codes of the problems, in order (handy for tests and summaries)."""
        return tuple(p.code for p in self.problems)
