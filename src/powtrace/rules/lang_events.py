"""Event patterns: "an event of these types, with these details, at this time".

A pattern is used by ``event`` (there is such an event), ``absent`` (there is none), and
inside ``point`` and ``until``. Time words are inclusive: ``after: x`` means on or after the
day of ``x``, so a pay suspension on the day of capture is "after" the capture.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from powtrace.domain.vocab import event_types
from powtrace.lifecycle import custody_table
from powtrace.rules.facts import Facts, Item, Span
from powtrace.rules.lang_base import (
    Binding,
    Ctx,
    Env,
    Ref,
    check_keys,
    names_list,
    parse_ref,
    suggest,
)
from powtrace.rules.located import LDict, line_of
from powtrace.rules.logic import FALSE, MAYBE, TRUE, at_least, at_most, on_or_after, on_or_before

PATTERN_KEYS = (
    "type",
    "is",
    "details",
    "custody",
    "during",
    "after",
    "before",
    "within_days",
    "at_least_days",
    "sources_at_least",
    "as",
)
Test = Callable[[Any], bool]


class Pattern:
    """A compiled event pattern."""

    __slots__ = (
        "after",
        "at_least_days",
        "before",
        "custody",
        "details",
        "during",
        "is_name",
        "sources",
        "types",
        "within_days",
    )

    def __init__(self) -> None:
        self.types: frozenset[str] = frozenset()
        self.is_name: str | None = None
        self.details: tuple[tuple[str, Test], ...] = ()
        self.custody: frozenset[str] | None = None
        self.during: str | None = None
        self.after: Ref | None = None
        self.before: Ref | None = None
        self.within_days: int | None = None
        self.at_least_days: int | None = None
        self.sources: int | None = None

    def matches(self, facts: Facts, env: Env) -> Iterator[tuple[int, Item, tuple[Any, ...] | None]]:
        """Each matching event with its truth, and why it is only MAYBE (None when TRUE)."""
        if self.is_name is not None:
            bound = env.get(self.is_name)
            candidates: list[Item] = [bound] if isinstance(bound, Item) else []
        else:
            candidates = facts.of_types(self.types)
        if not candidates:
            return
        span: Span | None = env.get(self.during) if self.during else None
        after = before = None
        after_item = before_item = None
        if self.after is not None:
            after = self.after.resolve(facts, env)
            if after is None:
                return
            after_item = self.after.item(env)
        if self.before is not None:
            before = self.before.resolve(facts, env)
            if before is None:
                return
            before_item = self.before.item(env)
        for it in candidates:
            if it is after_item or it is before_item:
                continue  # an event is neither after nor before itself
            if self.custody is not None and it.custody not in self.custody:
                continue
            if self.details and not all(test(it.details.get(k)) for k, test in self.details):
                continue
            truth, why = TRUE, None
            if span is not None:
                t = on_or_after(it.lo, it.hi, span.start.lo, span.start.hi)
                if span.end is not None and t:
                    t = min(t, on_or_before(it.lo, it.hi, span.end.lo, span.end.hi))
                if t == FALSE:
                    continue
                if t == MAYBE:
                    truth, why = MAYBE, ("during", it, self.during)
            if after is not None:
                t = on_or_after(it.lo, it.hi, after[0], after[1])
                if t and self.within_days is not None:
                    t = min(t, at_most(it.lo - after[1], it.hi - after[0], self.within_days))
                if t and self.at_least_days is not None:
                    t = min(t, at_least(it.lo - after[1], it.hi - after[0], self.at_least_days))
                if t == FALSE:
                    continue
                if t == MAYBE and truth == TRUE:
                    truth, why = MAYBE, ("after", it, self.after.text, self.within_days)
            if before is not None:
                t = on_or_before(it.lo, it.hi, before[0], before[1])
                if t and after is None and self.within_days is not None:
                    t = min(t, at_most(before[0] - it.hi, before[1] - it.lo, self.within_days))
                if t and after is None and self.at_least_days is not None:
                    t = min(t, at_least(before[0] - it.hi, before[1] - it.lo, self.at_least_days))
                if t == FALSE:
                    continue
                if t == MAYBE and truth == TRUE:
                    truth, why = MAYBE, ("before", it, self.before.text)
            if self.sources is not None and truth == TRUE:
                cited = len({c.source_id for c in it.event.citations})
                if cited < self.sources:
                    truth, why = MAYBE, ("sources", it, cited, self.sources)
            yield truth, it, why


def compile_pattern(
    spec: Any, ctx: Ctx, scope: dict[str, Binding], *, allow_as: bool, what: str = "event"
) -> tuple[Pattern | None, str | None]:
    """Compile a pattern mapping; returns the pattern and the name it binds (if any)."""
    line = line_of(spec)
    if not isinstance(spec, LDict):
        ctx.problem(line, f"{what} must be a mapping such as {{type: captured}}")
        return None, None
    keys = PATTERN_KEYS if allow_as else tuple(k for k in PATTERN_KEYS if k != "as")
    check_keys(spec, ctx, what, keys)
    pat = Pattern()
    types = _types(spec, ctx, scope, pat, what)
    ctx.types_used |= types
    if "details" in spec:
        pat.details = _details(spec["details"], types, ctx, spec.line_of("details"), what)
    if "custody" in spec:
        states = set(custody_table().states)
        wanted = names_list(spec["custody"], ctx, spec.line_of("custody"), f"{what} custody")
        for state in wanted:
            if state not in states:
                ctx.problem(
                    spec.line_of("custody"),
                    f"unknown custody state '{state}'{suggest(state, states)}",
                )
        pat.custody = frozenset(wanted)
    if "during" in spec:
        name = spec["during"]
        if not (isinstance(name, str) and scope.get(name, Binding("")).kind == "period"):
            ctx.problem(spec.line_of("during"), f"during: '{name}' must be a period bound before")
        else:
            pat.during = name
    for key in ("after", "before"):
        if key in spec:
            ref = parse_ref(spec[key], ctx, scope, spec.line_of(key), f"{what} {key}")
            setattr(pat, key, ref)
    for key in ("within_days", "at_least_days"):
        if key in spec:
            if "after" not in spec and "before" not in spec:
                ctx.problem(spec.line_of(key), f"{key} counts from 'after:' (or to 'before:')")
            setattr(pat, key, ctx.number(spec[key], spec.line_of(key), key))
    if "sources_at_least" in spec:
        pat.sources = ctx.number(
            spec["sources_at_least"],
            spec.line_of("sources_at_least"),
            "sources_at_least",
            minimum=2,
        )
    name = None
    if "as" in spec:
        name = ctx.bind(spec["as"], Binding("event", types, spec.line_of("as")), scope)
    if name is not None or pat.is_name is not None:
        target = name or pat.is_name or ""
        ctx.detail_keys.setdefault(target, set()).update(k for k, _ in pat.details)
    return pat, name


def _types(
    spec: LDict, ctx: Ctx, scope: dict[str, Binding], pat: Pattern, what: str
) -> frozenset[str]:
    known = event_types()
    if "is" in spec:
        name = spec["is"]
        bound = scope.get(name) if isinstance(name, str) else None
        if bound is None or bound.kind != "event":
            ctx.problem(spec.line_of("is"), f"is: '{name}' must be an event bound before")
            return frozenset()
        if "type" in spec:
            ctx.problem(spec.line_of("type"), "give either 'is' or 'type', not both")
        pat.is_name = name
        return bound.types
    if "type" not in spec:
        ctx.problem(spec.line, f"{what} needs 'type' (an event type or a list of them) or 'is'")
        return frozenset()
    wanted = names_list(spec["type"], ctx, spec.line_of("type"), "type")
    for t in wanted:
        if t not in known:
            ctx.problem(spec.line_of("type"), f"unknown event type '{t}'{suggest(t, known)}")
    pat.types = frozenset(t for t in wanted if t in known)
    return pat.types


def _details(
    raw: Any, types: frozenset[str], ctx: Ctx, line: int, what: str
) -> tuple[tuple[str, Test], ...]:
    if not isinstance(raw, LDict):
        ctx.problem(line, f"{what} details must be a mapping of detail: value(s)")
        return ()
    out = []
    for key, wanted in raw.items():
        at = raw.line_of(key)
        specs = [event_types()[t].details[key] for t in types if key in event_types()[t].details]
        if not specs:
            allowed = sorted({d for t in types for d in event_types()[t].details})
            ctx.problem(
                at,
                f"'{key}' is not a detail of {', '.join(sorted(types)) or 'this event'}"
                f" (it has: {', '.join(allowed) or 'no details'})",
            )
            continue
        test = _detail_test(key, wanted, specs[0], ctx, at)
        if test is not None:
            out.append((key, test))
    return tuple(out)


def _detail_test(key: str, wanted: Any, spec: Any, ctx: Ctx, line: int) -> Test | None:
    if isinstance(wanted, LDict):
        if set(wanted) == {"mentions"} and spec.kind == "text":
            terms = names_list(wanted["mentions"], ctx, line, f"'{key}' mentions")
            # A whole article number: 352.1 must not match 352.10, nor 338 match 338.1.
            rx = re.compile(r"(?<![\d.])(?:" + "|".join(map(re.escape, terms)) + r")(?!\.?\d)")
            return lambda v: isinstance(v, str) and rx.search(v) is not None
        if set(wanted) == {"at_least"} and spec.kind == "int":
            n = ctx.number(wanted["at_least"], line, f"'{key}' at_least")
            return None if n is None else (lambda v: isinstance(v, int) and v >= n)
        ctx.problem(
            line,
            f"'{key}': use a value, a list of values, {{mentions: [...]}} for text, "
            "or {at_least: N} for numbers",
        )
        return None
    values = list(wanted) if isinstance(wanted, list) else [wanted]
    for v in values:
        if v is None:
            continue  # null: the record does not give this detail
        if spec.kind == "choice" and v not in spec.choices:
            ctx.problem(line, f"'{key}' cannot be '{v}': use {', '.join(spec.choices)} or null")
        elif spec.kind == "bool" and not isinstance(v, bool):
            ctx.problem(line, f"'{key}' is true or false, not '{v}'")
        elif spec.kind == "int" and (isinstance(v, bool) or not isinstance(v, int)):
            ctx.problem(line, f"'{key}' is a whole number, not '{v}'")
        elif spec.kind == "text" and not isinstance(v, str):
            ctx.problem(line, f"'{key}' is text; use {{mentions: [...]}} to look inside it")
    allowed = frozenset(values)
    return lambda v: v in allowed
