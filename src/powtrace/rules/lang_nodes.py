"""The condition language's nodes, compiled into closures over a person's facts.

Each closure takes the facts and the names bound so far and yields every way the condition
can hold, as (truth, names) pairs; FALSE solutions are never yielded. See docs/rules.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from powtrace.domain.model import Side
from powtrace.rules.facts import Facts, Measure
from powtrace.rules.lang_base import (
    WHY,
    Binding,
    Compiled,
    Ctx,
    Env,
    Solutions,
    as_list,
    check_keys,
    names_list,
    never,
    suggest,
    with_why,
)
from powtrace.rules.lang_events import compile_pattern
from powtrace.rules.lang_time import (
    compile_deadline,
    compile_duration,
    compile_period,
    compile_point,
)
from powtrace.rules.located import LDict, line_of
from powtrace.rules.logic import FALSE, MAYBE, TRUE, at_least

Scope = dict[str, Binding]
Compiler = Callable[[LDict, Any, Ctx, Scope], Compiled]
MODIFIERS = {"probable": ("because",)}


def compile_node(spec: Any, ctx: Ctx, scope: Scope) -> Compiled:
    """Compile one condition (a mapping with one operator such as all, event or duration)."""
    line = line_of(spec)
    if not isinstance(spec, LDict) or not spec:
        ctx.problem(line, f"a condition is a mapping with one of: {', '.join(COMPILERS)}")
        return Compiled(never)
    ops = [k for k in spec if k in COMPILERS]
    if len(ops) != 1:
        other = [k for k in spec if k not in COMPILERS]
        hint = suggest(other[0], COMPILERS) if other else ""
        ctx.problem(
            line,
            f"a condition needs exactly one of {', '.join(COMPILERS)}; "
            f"got {', '.join(map(str, spec)) or 'nothing'}{hint}",
        )
        return Compiled(never)
    op = ops[0]
    for key in spec:
        if key != op and key not in MODIFIERS.get(op, ()):
            ctx.problem(spec.line_of(key), f"'{key}' does not go with '{op}'")
    return COMPILERS[op](spec, spec[op], ctx, scope)


def _all(spec: LDict, body: Any, ctx: Ctx, scope: Scope) -> Compiled:
    parts = as_list(body, ctx, spec.line_of("all"), "all")
    inner = dict(scope)
    compiled = []
    for part in parts:
        c = compile_node(part, ctx, inner)
        inner.update(c.binds)
        compiled.append(c)
    run = _chain(tuple(c.fn for c in compiled))

    binds = {k: v for k, v in inner.items() if k not in scope}
    return Compiled(run, binds, tuple(r for c in compiled for r in c.requires))


def _chain(fns: tuple[Callable[[Facts, Env], Solutions], ...]) -> Callable[[Facts, Env], Solutions]:
    """``all`` as nested loops built once: each part runs under the names the earlier bound."""
    if not fns:
        return lambda facts, env: iter(((TRUE, env),))
    if len(fns) == 1:
        return fns[0]
    head, rest = fns[0], _chain(fns[1:])

    def run(facts: Facts, env: Env) -> Solutions:
        for t, found in head(facts, env):
            if t == TRUE:
                yield from rest(facts, found)
            else:  # conjunction is the weakest part
                for _, deeper in rest(facts, found):
                    yield MAYBE, deeper

    return run


def _any(spec: LDict, body: Any, ctx: Ctx, scope: Scope) -> Compiled:
    compiled = [compile_node(p, ctx, dict(scope)) for p in as_list(body, ctx, spec.line, "any")]
    fns = tuple(c.fn for c in compiled)

    def run(facts: Facts, env: Env) -> Solutions:
        for fn in fns:
            yield from fn(facts, env)

    # A name is bound after `any` only when every branch binds it.
    common = set.intersection(*(set(c.binds) for c in compiled)) if compiled else set()
    binds = {k: compiled[0].binds[k] for k in common}
    needs: tuple[frozenset[str], ...] = ()
    if compiled and all(c.requires for c in compiled):
        needs = (frozenset().union(*(c.requires[0] for c in compiled)),)
    return Compiled(run, binds, needs)


def _best(fn: Callable[[Facts, Env], Solutions], facts: Facts, env: Env) -> tuple[int, Env | None]:
    best, best_env = FALSE, None
    for t, found in fn(facts, env):
        if t > best:
            best, best_env = t, found
            if t == TRUE:
                break
    return best, best_env


def _not(spec: LDict, body: Any, ctx: Ctx, scope: Scope) -> Compiled:
    inner = compile_node(body, ctx, dict(scope)).fn

    def run(facts: Facts, env: Env) -> Solutions:
        best, found = _best(inner, facts, env)
        if best == FALSE:
            yield TRUE, env
        elif best == MAYBE:
            assert found is not None
            yield MAYBE, with_why(env, ("not", found.get(WHY, ())))

    return Compiled(run)


def _probable(spec: LDict, body: Any, ctx: Ctx, scope: Scope) -> Compiled:
    because = spec.get("because")
    if not isinstance(because, str) or not because.strip():
        ctx.problem(spec.line, "probable needs 'because:' saying why it cannot be certain")
    inner = compile_node(body, ctx, dict(scope))
    reason = ("note", str(because or "").strip())

    def run(facts: Facts, env: Env) -> Solutions:
        for _, found in inner.fn(facts, env):
            yield MAYBE, with_why(found, reason)

    return Compiled(run, inner.binds, inner.requires)


def _optional(spec: LDict, body: Any, ctx: Ctx, scope: Scope) -> Compiled:
    inner = compile_node(body, ctx, dict(scope))

    def run(facts: Facts, env: Env) -> Solutions:
        # Binds what certainly is there; never fails, never weakens the condition.
        found = False
        for t, bound in inner.fn(facts, env):
            if t == TRUE:
                found = True
                yield TRUE, bound
        if not found:
            yield TRUE, env

    return Compiled(run, inner.binds)


def _event(spec: LDict, body: Any, ctx: Ctx, scope: Scope) -> Compiled:
    pat, name = compile_pattern(body, ctx, scope, allow_as=True)
    if pat is None:
        return Compiled(never)

    def run(facts: Facts, env: Env) -> Solutions:
        for t, item, why in pat.matches(facts, env):
            found = dict(env)
            if name is not None:
                found[name] = item
            if why is not None:
                found[WHY] = (*env.get(WHY, ()), why)
            yield t, found

    binds = {name: ctx.names[name]} if name else {}
    return Compiled(run, binds, (pat.types,) if pat.types else ())


def _absent(spec: LDict, body: Any, ctx: Ctx, scope: Scope) -> Compiled:
    pat, _ = compile_pattern(body, ctx, scope, allow_as=False, what="absent")
    if pat is None:
        return Compiled(never)

    def run(facts: Facts, env: Env) -> Solutions:
        best, item = FALSE, None
        for t, it, _why in pat.matches(facts, env):
            if t > best:
                best, item = t, it
                if t == TRUE:
                    return
        if best == FALSE:
            yield TRUE, env
        else:
            yield MAYBE, with_why(env, ("absent", item))

    return Compiled(run)


def _value(spec: LDict, body: Any, ctx: Ctx, scope: Scope) -> Compiled:
    if not isinstance(body, LDict) or not check_keys(body, ctx, "value", (), ("of", "at_least")):
        return Compiled(never)
    name = body["of"]
    if scope.get(name, Binding("")).kind != "measure":
        ctx.problem(body.line_of("of"), f"value of: '{name}' must be a duration bound with 'as'")
    limit = ctx.number(body["at_least"], body.line_of("at_least"), "at_least")

    def run(facts: Facts, env: Env) -> Solutions:
        m = env.get(name)
        if not isinstance(m, Measure) or limit is None:
            return
        t = at_least(m.lo, m.hi, limit)
        if t:
            yield t, (env if t == TRUE else with_why(env, ("threshold", name, limit, m.lo, m.hi)))

    return Compiled(run)


def _person(spec: LDict, body: Any, ctx: Ctx, scope: Scope) -> Compiled:
    if not isinstance(body, LDict) or not check_keys(body, ctx, "person", (), ("side",)):
        return Compiled(never)
    sides = names_list(body["side"], ctx, body.line_of("side"), "side")
    known = {s.value for s in Side} - {"unknown"}
    for s in sides:
        if s not in known:
            ctx.problem(body.line_of("side"), f"unknown side '{s}': use {', '.join(sorted(known))}")
    wanted = frozenset(sides)

    def run(facts: Facts, env: Env) -> Solutions:
        if facts.side in wanted:
            yield TRUE, env
        elif facts.side in (None, "unknown"):
            yield MAYBE, with_why(env, ("side",))

    return Compiled(run)


COMPILERS: dict[str, Compiler] = {
    "all": _all,
    "any": _any,
    "not": _not,
    "optional": _optional,
    "probable": _probable,
    "event": _event,
    "absent": _absent,
    "period": compile_period,
    "point": compile_point,
    "deadline": compile_deadline,
    "duration": compile_duration,
    "value": _value,
    "person": _person,
}
