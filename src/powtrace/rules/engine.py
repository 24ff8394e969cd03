"""Evaluate rules over one person's derived lifecycle: pure, no database, no clock.

For each rule the condition yields every way it holds; solutions are grouped by the rule's
``key`` events (one finding per repatriation, per capture …) and the strongest solution of
each group becomes a finding. The evaluation day is always passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from powtrace.domain.errors import ValidationError
from powtrace.domain.model import Event, Person, ReviewState
from powtrace.lifecycle.model import Lifecycle
from powtrace.rules.build import build_finding
from powtrace.rules.facts import Facts, Item, Point, Span
from powtrace.rules.model import Catalogue, Finding, Rule


def evaluate(
    catalogue: Catalogue | Iterable[Rule],
    lifecycle: Lifecycle,
    person: Person | None,
    events: Iterable[Event] | None,
    as_of: date,
) -> list[Finding]:
    """Every finding of every rule for one person, as of ``as_of``."""
    _check_person(person, lifecycle)
    facts = Facts(lifecycle, person, _day(as_of))
    pending = _pending(events, lifecycle.person_id)
    found: list[Finding] = []
    for rule in catalogue:
        found.extend(_run(rule, facts, pending))
    return found


def evaluate_rule(
    rule: Rule,
    lifecycle: Lifecycle,
    person: Person | None,
    events: Iterable[Event] | None,
    as_of: date,
) -> list[Finding]:
    """The findings of one rule for one person, as of ``as_of``."""
    _check_person(person, lifecycle)
    return _run(rule, Facts(lifecycle, person, _day(as_of)), _pending(events, lifecycle.person_id))


def _check_person(person: Person | None, lifecycle: Lifecycle) -> None:
    if person is not None and person.id != lifecycle.person_id:
        raise ValidationError(
            f"person {person.id} is not the person of this lifecycle ({lifecycle.person_id})"
        )


def _day(as_of: Any) -> date:
    if isinstance(as_of, datetime):
        return as_of.date()
    if not isinstance(as_of, date):
        raise ValidationError(f"as_of must be a date, not {type(as_of).__name__}")
    return as_of


def _pending(events: Iterable[Event] | None, person_id: str) -> list[Event]:
    """The person's events not yet confirmed: listed with findings so a reviewer checks them."""
    if events is None:
        return []
    unsettled = (ReviewState.PROPOSED, ReviewState.DISPUTED)
    return [e for e in events if e.person_id == person_id and e.review in unsettled]


def _key_id(bound: Any) -> str:
    if isinstance(bound, Item):
        return bound.event.id
    if isinstance(bound, Span):
        return bound.start.event.id
    if isinstance(bound, Point):
        return bound.item.event.id if bound.item is not None else f"day:{bound.lo}-{bound.hi}"
    return ""


def _run(rule: Rule, facts: Facts, pending: list[Event]) -> list[Finding]:
    types = facts.types
    for needed in rule.requires:
        if needed.isdisjoint(types):
            return []  # the person has no event the rule could start from
    groups: dict[tuple[str, ...], list[Any]] = {}  # key -> [truth, env, extra envs]
    for truth, env in rule.condition(facts, {}):
        key = tuple(_key_id(env.get(name)) for name in rule.key)
        group = groups.get(key)
        if group is None or truth > group[0]:
            groups[key] = [truth, env, []]
        elif truth == group[0]:
            group[2].append(env)  # same strength: its events are shown too
    return [build_finding(rule, facts, key, *g, pending) for key, g in groups.items()]
