"""Turn the strongest solution of a rule into a :class:`Finding` a lawyer can read.

Runs once per finding, so it is written for speed: one pass over the bound names collects
the events, their visibility and the capture that decides the responsible state.
"""

from __future__ import annotations

from typing import Any

from powtrace.domain.model import Event
from powtrace.domain.visibility import Visibility
from powtrace.rules.arrears import compute_arrears
from powtrace.rules.facts import Facts, Item, Measure, Point, Span
from powtrace.rules.lang_base import WHY, Env
from powtrace.rules.logic import MAYBE, TRUE
from powtrace.rules.model import Certainty, Finding, FindingEvent, Rule, Severity
from powtrace.rules.reasons import describe_reasons
from powtrace.rules.templates import render

_OTHER_SIDE = {"russia": "Ukraine", "ukraine": "Russia"}
_CAPTURES = frozenset({"captured", "surrendered"})
ILLUSTRATIVE = (
    "The pay amounts come from an illustrative table: replace them with the pay slips or the "
    "official rates before using the figure in a claim."
)


def build_finding(
    rule: Rule,
    facts: Facts,
    key: tuple[str, ...],
    truth: int,
    env: Env,
    others: list[Env],
    pending: list[Event],
) -> Finding:
    """The finding for one group of solutions (``env`` is the strongest, ``others`` tie)."""
    env = dict(env)
    values: dict[str, Any] = {}
    if rule.compute:
        _arrears(rule, facts, env, values)
    level, certainty_override, notes, case_env = _severity(rule, facts, env)
    for name, bound in case_env.items():
        env.setdefault(name, bound)
    items = _bound_items([env, *others])
    reasons = list(env.get(WHY, ()))
    if facts.lifecycle.problems:
        ids = {item.event.id for _, item in items}
        for problem in facts.lifecycle.problems:
            if ids.intersection(problem.event_ids):
                truth = min(truth, MAYBE)
                reasons.append(("problem", problem.message))
    for name, bound in env.items():
        if type(bound) is Measure:
            values[name] = {"min": bound.lo, "max": bound.hi, "recorded": bound.recorded}
    lines = [
        render(line.parts, env, rule.parameters, facts.as_of_date)
        for line in rule.explanation
        if line.only_if is None or line.only_if in env
    ]
    lines.extend(notes)
    arrears = values.get("arrears")
    if arrears:
        lines.extend(f"Note: {n}." for n in arrears["notes"])
        if arrears["illustrative"]:
            lines.append(ILLUSTRATIVE)
    if truth < TRUE:
        lines.append("Probable, not certain: " + describe_reasons(reasons, env) + ".")
    side = facts.side
    return Finding(
        rule_id=rule.id,
        person_id=facts.person_id,
        title=rule.title,
        certainty=Certainty.CERTAIN if truth == TRUE else Certainty.PROBABLE,
        severity=level,
        legal_certainty=certainty_override or rule.legal_certainty,
        interpretation=rule.interpretation,
        regime=rule.regime,
        binds=rule.binds,
        responsible_state=_responsible(rule, facts, items),
        events=tuple(FindingEvent(role, it.event.id, it.type, it.date_text) for role, it in items),
        explanation=" ".join(lines),
        legal_basis=rule.legal_basis
        if side in _OTHER_SIDE and not rule.side_specific
        else tuple(b for b in rule.legal_basis if b.applies_to(side)),
        evidence=rule.evidence,
        evidence_to_strengthen=rule.strengthen,
        cure=rule.cure,
        action=rule.action,
        values=values,
        visibility=_visibility(rule, env, items),
        pending_review=tuple(
            FindingEvent("pending review", e.id, e.type, str(e.date) if e.date else None)
            for e in pending
            if e.type in rule.watch
        ),
        key_event_ids=tuple(k for k in key if k),
        as_of=facts.as_of_date,
    )


def _arrears(rule: Rule, facts: Facts, env: Env, values: dict[str, Any]) -> None:
    start_ref, until = rule.compute["arrears"]
    start = start_ref.resolve(facts, env)
    end = until(facts, env)
    if start is None or end is None:
        return
    rank = facts.person.rank if facts.person is not None else None
    result = compute_arrears(start_ref.item(env), start[1], end.lo, facts.side, rank)
    env["arrears"] = result
    # Whole months of 30 days, within the date bounds: for severity thresholds only.
    low = max(0, end.lo - start[1]) // 30
    env["months_unpaid"] = Measure(low, max(low, max(0, end.hi - start[0]) // 30), end.item)
    values["arrears"] = result


def _severity(rule: Rule, facts: Facts, env: Env) -> tuple[Severity, Any, list[str], Env]:
    """The first case that holds; cases that only may hold are noted, not applied."""
    notes: list[str] = []
    for case in rule.severity_cases:
        best, best_env = 0, env
        for t, found in case.when(facts, env):
            if t > best:
                best, best_env = t, found
                if t == TRUE:
                    break
        if best == TRUE:
            if case.note_parts:
                notes.append(render(case.note_parts, best_env, rule.parameters, facts.as_of_date))
            return case.level, case.legal_certainty, notes, best_env
        if best == MAYBE:
            why = describe_reasons(best_env.get(WHY, ()), best_env)
            notes.append(f"The severity may be {case.level.value}: {why}.")
    return rule.default_severity, None, notes, {}


def _bound_items(envs: list[Env]) -> list[tuple[str, Item]]:
    """Every event the solutions bind, once each, in timeline order, with its role."""
    seen: dict[int, tuple[str, Item]] = {}
    for env in envs:
        for name, bound in env.items():
            kind = type(bound)
            if kind is Item:
                role, item = name, bound
            elif kind is Span:
                role, item = f"{name} began", bound.start
            elif kind is Point and bound.item is not None:
                role, item = name, bound.item
            elif kind is Measure and bound.ended_by is not None:
                role, item = f"{name} ended", bound.ended_by
            else:
                continue
            if item.index not in seen:
                seen[item.index] = (role, item)
    return [seen[i] for i in sorted(seen)]


def _responsible(rule: Rule, facts: Facts, items: list[tuple[str, Item]]) -> str | None:
    """The state the finding is against: the home state, or the state holding the person."""
    if rule.binds == "home_state":
        return facts.side.capitalize() if facts.side in _OTHER_SIDE else None
    # The capture that began this captivity: the last one at or before the finding's events.
    latest = items[-1][1].index if items else -1
    named = None
    for item in facts.of_types(_CAPTURES):
        if item.index <= latest:
            named = item.details.get("detaining_state")
    return named or _OTHER_SIDE.get(facts.side or "")


def _visibility(rule: Rule, env: Env, items: list[tuple[str, Item]]) -> Visibility:
    """The strictest visibility of the events (and examined details) a finding rests on."""
    rank = 1  # restricted: a finding names a person, so it is never public by default
    for _, item in items:
        level = item.event.visibility
        if level is not None and level.rank > rank:
            rank = level.rank
    for name, keys in rule.detail_keys.items():
        bound = env.get(name)
        if type(bound) is Item:
            for key in keys:
                level = bound.event.field_visibility.get(f"details.{key}")
                if level is not None and key in bound.details and level.rank > rank:
                    rank = level.rank
    return (Visibility.PUBLIC, Visibility.RESTRICTED, Visibility.SEALED)[rank]
