"""Derive a person's lifecycle from their confirmed events."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from powtrace.domain.model import Event, ReviewState
from powtrace.lifecycle.custody import after_death, walk_custody
from powtrace.lifecycle.facets import derive_facets
from powtrace.lifecycle.model import Lifecycle, Problem
from powtrace.lifecycle.order import timeline
from powtrace.lifecycle.problems import PROBLEM_CODES
from powtrace.lifecycle.status import derive_status


def derive(person_id: str, events: Iterable[Event]) -> Lifecycle:
    """Timeline, custody, status, facets and problems from a person's confirmed events."""
    # Group events (person_id None) and other persons' events are not this person's story;
    # proposed, disputed and rejected events are not facts yet.
    mine = [e for e in events if e.person_id == person_id and e.review == ReviewState.CONFIRMED]
    ordered = timeline(mine)
    death_problems = after_death(ordered)
    # An event after a death is reported once, as that, not again as an impossible step.
    walk = walk_custody(ordered, quiet={prob.event_ids[-1] for prob in death_problems})
    facets = derive_facets(ordered)
    return Lifecycle(
        person_id=person_id,
        entries=tuple(walk.entries),
        periods=tuple(walk.periods),
        custody=walk.custody,
        status=derive_status(walk.custody, facets.get("legal"), walk.returned),
        facets=facets,
        problems=_in_timeline_order(walk.problems + death_problems, ordered),
        times_captured=walk.times_captured,
    )


def _in_timeline_order(problems: list[Problem], ordered: Sequence[Event]) -> tuple[Problem, ...]:
    """Problems ordered by the latest event they name, so they read along the timeline."""
    position = {event.id: i for i, event in enumerate(ordered)}

    def key(problem: Problem) -> tuple[int, int, tuple[str, ...]]:
        last = max(position[event_id] for event_id in problem.event_ids)
        return last, PROBLEM_CODES.index(problem.code), problem.event_ids

    return tuple(sorted(problems, key=key))
