"""The condition language's time nodes: periods, points, deadlines and durations.

A *moment* is ``today``, a bound name, ``<period>.end``, or the earliest event matching a
pattern. Durations and deadlines keep the bounds the partial dates allow, so a threshold
that falls between them gives MAYBE, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from powtrace.domain.vocab import event_types
from powtrace.lifecycle import custody_table
from powtrace.rules.facts import Facts, Item, Measure, Point
from powtrace.rules.lang_base import (
    Binding,
    Compiled,
    Ctx,
    Env,
    Ref,
    Solutions,
    as_list,
    check_keys,
    names_list,
    never,
    parse_ref,
    suggest,
    with_why,
)
from powtrace.rules.lang_events import compile_pattern
from powtrace.rules.located import LDict, LList
from powtrace.rules.logic import MAYBE, TRUE, at_least, passed

Scope = dict[str, Binding]


def compile_period(spec: LDict, body: Any, ctx: Ctx, scope: Scope) -> Compiled:
    if not isinstance(body, LDict) or not check_keys(body, ctx, "period", (), ("states", "as")):
        return Compiled(never)
    known = set(custody_table().states)
    states = names_list(body["states"], ctx, body.line_of("states"), "period states")
    for s in states:
        if s not in known:
            ctx.problem(body.line_of("states"), f"unknown custody state '{s}'{suggest(s, known)}")
    wanted = frozenset(states)
    name = ctx.bind(body["as"], Binding("period", line=body.line_of("as")), scope)

    def run(facts: Facts, env: Env) -> Solutions:
        for span in facts.spans(wanted):
            found = dict(env)
            found[name or ""] = span
            yield TRUE, found

    # A person can only be in these states through an event that puts them there.
    table = custody_table()
    entering = {t for t, kind in event_types().items() if kind.custody in wanted}
    entering |= {rule.event_type for rule in table.implied if rule.custody in wanted}
    return Compiled(run, {name: ctx.names[name]} if name else {}, (frozenset(entering),))


def compile_point(spec: LDict, body: Any, ctx: Ctx, scope: Scope) -> Compiled:
    if not isinstance(body, LDict) or not check_keys(body, ctx, "point", (), ("as", "prefer")):
        return Compiled(never)
    alternatives = compile_moments(body["prefer"], ctx, scope, body.line_of("prefer"), "prefer")
    name = ctx.bind(body["as"], Binding("point", line=body.line_of("as")), scope)

    def run(facts: Facts, env: Env) -> Solutions:
        for alt in alternatives:
            found = alt(facts, env)
            if found is not None:
                out = dict(env)
                out[name or ""] = found
                yield TRUE, out
                return

    return Compiled(run, {name: ctx.names[name]} if name else {})


def compile_moments(
    body: Any, ctx: Ctx, scope: Scope, line: int, what: str
) -> list[Callable[[Facts, Env], Point | None]]:
    """Alternatives that each give a moment (or None): refs, or event patterns (earliest match)."""
    out: list[Callable[[Facts, Env], Point | None]] = []
    for i, alt in enumerate(as_list(body, ctx, line, what)):
        at = body.line_of(i) if isinstance(body, LList) else line
        if isinstance(alt, str):
            ref = parse_ref(alt, ctx, scope, at, what)
            if ref is not None:
                out.append(_ref_moment(ref))
        else:
            pat, _ = compile_pattern(alt, ctx, scope, allow_as=False, what=what)
            if pat is not None:
                out.append(_pattern_moment(pat))
    return out


def _ref_moment(ref: Ref) -> Callable[[Facts, Env], Point | None]:
    def moment(facts: Facts, env: Env) -> Point | None:
        found = ref.resolve(facts, env)
        return None if found is None else Point(found[0], found[1], ref.item(env))

    return moment


def _pattern_moment(pat: Any) -> Callable[[Facts, Env], Point | None]:
    def moment(facts: Facts, env: Env) -> Point | None:
        # The first such event: its earliest day, and the earliest any of them may end.
        first: Item | None = None
        lo = hi = 0
        for _t, it, _why in pat.matches(facts, env):
            if first is None:
                first, lo, hi = it, it.lo, it.hi
            else:
                lo, hi = min(lo, it.lo), min(hi, it.hi)
        return None if first is None else Point(lo, hi, first)

    return moment


def compile_deadline(spec: LDict, body: Any, ctx: Ctx, scope: Scope) -> Compiled:
    if not isinstance(body, LDict) or not check_keys(
        body, ctx, "deadline", (), ("as", "from", "days")
    ):
        return Compiled(never)
    ref = parse_ref(body["from"], ctx, scope, body.line_of("from"), "deadline from")
    days = ctx.number(body["days"], body.line_of("days"), "deadline days")
    name = ctx.bind(body["as"], Binding("point", line=body.line_of("as")), scope)
    if ref is None or days is None:
        return Compiled(never)

    def run(facts: Facts, env: Env) -> Solutions:
        start = ref.resolve(facts, env)
        if start is None:
            return
        due = Point(start[0] + days, start[1] + days)
        t = passed(due.lo, due.hi, facts.as_of)
        if t:
            found = dict(env)
            found[name or ""] = due
            yield t, (found if t == TRUE else with_why(found, ("deadline", name, days, ref.text)))

    return Compiled(run, {name: ctx.names[name]} if name else {})


def compile_duration(spec: LDict, body: Any, ctx: Ctx, scope: Scope) -> Compiled:
    keys = ("as", "from", "until", "recorded_in", "at_least_days")
    if not isinstance(body, LDict) or not check_keys(
        body, ctx, "duration", keys, ("from", "until")
    ):
        return Compiled(never)
    start = parse_ref(body["from"], ctx, scope, body.line_of("from"), "duration from")
    until = compile_until(body["until"], ctx, scope, body.line_of("until"))
    recorded = _recorded(body.get("recorded_in"), ctx, scope, body.line_of("recorded_in"))
    threshold = None
    if "at_least_days" in body:
        threshold = ctx.number(
            body["at_least_days"], body.line_of("at_least_days"), "at_least_days"
        )
    name = None
    if "as" in body:
        name = ctx.bind(body["as"], Binding("measure", line=body.line_of("as")), scope)
    if start is None:
        return Compiled(never)

    def run(facts: Facts, env: Env) -> Solutions:
        measure = measure_days(start, until, recorded, facts, env)
        if measure is None:
            return
        found = dict(env)
        if name is not None:
            found[name] = measure
        if threshold is None:
            yield TRUE, found
            return
        t = at_least(measure.lo, measure.hi, threshold)
        if t == TRUE:
            yield TRUE, found
        elif t == MAYBE:
            yield MAYBE, with_why(found, ("threshold", name, threshold, measure.lo, measure.hi))

    return Compiled(run, {name: ctx.names[name]} if name else {})


def compile_until(
    body: Any, ctx: Ctx, scope: Scope, line: int
) -> Callable[[Facts, Env], Point | None]:
    """``until``: a ref, or ``first_of`` - whichever of several moments comes first."""
    if isinstance(body, LDict):
        if not check_keys(body, ctx, "until", (), ("first_of",)):
            return lambda facts, env: None
        moments = compile_moments(
            body["first_of"], ctx, scope, body.line_of("first_of"), "first_of"
        )
    else:
        ref = parse_ref(body, ctx, scope, line, "until")
        moments = [_ref_moment(ref)] if ref is not None else []

    def until(facts: Facts, env: Env) -> Point | None:
        found = [p for p in (moment(facts, env) for moment in moments) if p is not None]
        if not found:
            return None
        first = min(found, key=lambda p: (p.lo, p.hi))
        return Point(first.lo, min(p.hi for p in found), first.item)

    return until


def _recorded(body: Any, ctx: Ctx, scope: Scope, line: int) -> tuple[str, str] | None:
    if body is None:
        return None
    if not isinstance(body, LDict) or not check_keys(
        body, ctx, "recorded_in", (), ("event", "detail")
    ):
        return None
    name, detail = body["event"], body["detail"]
    if scope.get(name, Binding("")).kind != "event":
        ctx.problem(
            body.line_of("event"), f"recorded_in event: '{name}' must be an event bound before"
        )
        return None
    ctx.detail_keys.setdefault(name, set()).add(str(detail))
    return name, str(detail)


def measure_days(
    start: Ref,
    until: Callable[[Facts, Env], Point | None],
    recorded: tuple[str, str] | None,
    facts: Facts,
    env: Env,
) -> Measure | None:
    """Days from ``start`` to ``until``: a recorded length wins over what the dates allow."""
    if recorded is not None:
        item = env.get(recorded[0])
        days = item.details.get(recorded[1]) if isinstance(item, Item) else None
        if isinstance(days, int):
            return Measure(days, days, None, recorded=True)
    begin = start.resolve(facts, env)
    end = until(facts, env)
    if begin is None or end is None:
        return None
    return Measure(max(0, end.lo - begin[1]), max(0, end.hi - begin[0]), end.item)
