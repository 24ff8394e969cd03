"""The custody state machine: walk a timeline, record periods, report impossible steps.

A confirmed event always moves the person, even when the step is impossible: the walk reports
the step as a problem rather than choosing which record to believe. Undated events are the one
exception: they sit at the end of the timeline only because their place is unknown, so they
move the person only where the table allows it, and say which way it went.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from powtrace.domain.dates import Order
from powtrace.domain.model import Event
from powtrace.domain.vocab import event_types
from powtrace.lifecycle import problems as p
from powtrace.lifecycle.model import CustodyPeriod, Problem, TimelineEntry
from powtrace.lifecycle.tables import custody_table


@dataclass
class CustodyWalk:
    """What walking a timeline through the custody table found."""

    entries: list[TimelineEntry] = field(default_factory=list)
    periods: list[CustodyPeriod] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    custody: str | None = None
    last: Event | None = None  # the event that set the current custody
    captive: bool = False  # in a capture cycle: captured since the last return
    returned: bool = False  # repatriated at least once (for "missing again", S19)
    times_captured: int = 0


def after_death(ordered: Sequence[Event]) -> list[Problem]:
    """Events certainly after a death (an overlap is not certain, so it is not reported)."""
    table = custody_table()
    types = event_types()
    deaths = [
        (e, e.date)
        for e in ordered
        if e.date is not None and types[e.type].custody in table.terminal
    ]
    found = []
    for event in ordered:
        if event.date is None or event.type in table.after_death_allowed:
            continue
        for death, died in deaths:
            if event.date.compare(died) is Order.AFTER:
                found.append(p.event_after_death(death, event))
                break  # one report per event, against the earliest death
    return found


def walk_custody(ordered: Sequence[Event], quiet: set[str]) -> CustodyWalk:
    """Walk events in timeline order; ``quiet`` holds events already reported elsewhere."""
    walk = CustodyWalk()
    quiet = set(quiet)
    table = custody_table()
    for index, event in enumerate(ordered):
        state = table.custody_of(event, walk.custody)
        if state is not None and state != walk.custody:
            if event.date is None:
                applied = table.allows(walk.custody, state)
                walk.problems.append(p.undated_event(event, walk.custody, state, applied))
                if applied:
                    _enter(walk, event, state)
            else:
                if event.id not in quiet:
                    _check(walk, ordered, index, state, quiet)
                _enter(walk, event, state)
        elif state is not None:
            walk.last = event  # the same state again (a transfer): it continues
        walk.entries.append(TimelineEntry(event, walk.custody))
    return walk


def _check(
    walk: CustodyWalk, ordered: Sequence[Event], index: int, state: str, quiet: set[str]
) -> None:
    """Report the step into ``state`` by ``ordered[index]`` if it is impossible or ambiguous."""
    table = custody_table()
    event = ordered[index]
    # A handover right after an exchange is the same return, already checked.
    if (
        event.type in table.return_events
        and not walk.captive
        and walk.custody not in table.in_transit
    ):
        later = _later_capture(ordered, index)
        if later is None:
            walk.problems.append(p.return_without_capture(event))
        else:
            walk.problems.append(p.exchanged_before_captured(event, later))
            quiet.add(later.id)  # its own impossible step is the same problem
        return
    last = walk.last
    if last is None or walk.custody is None:
        return  # the first custody event may be anything
    assert event.date is not None and last.date is not None  # undated events come last
    if event.date.compare(last.date) is not Order.AFTER:
        # The dates do not order the two events, so the timeline's order is a choice: report
        # it when it breaks the table, or when a death is involved (before or after capture?).
        if {walk.custody, state} & table.terminal or not table.allows(walk.custody, state):
            walk.problems.append(p.ambiguous_order(last, walk.custody, event, state))
        return
    if not table.allows(walk.custody, state):
        walk.problems.append(p.forbidden_transition(last, walk.custody, event, state))


def _later_capture(ordered: Sequence[Event], index: int) -> Event | None:
    """The first dated event after ``index`` that puts the person in captivity."""
    table = custody_table()
    types = event_types()
    for event in ordered[index + 1 :]:
        if event.date is not None and types[event.type].custody in table.captivity:
            return event
    return None


def _enter(walk: CustodyWalk, event: Event, state: str) -> None:
    """Move the person to a new custody state, closing the current period."""
    table = custody_table()
    if state in table.captivity:
        if not walk.captive:
            walk.times_captured += 1
        walk.captive = True
    elif state not in table.in_transit:
        walk.captive = False
    walk.returned = walk.returned or state in table.returned
    if walk.periods:
        walk.periods[-1] = replace(walk.periods[-1], end=event.date, end_event_id=event.id)
    walk.periods.append(CustodyPeriod(state, event.date, event.id, None, None))
    walk.custody = state
    walk.last = event
