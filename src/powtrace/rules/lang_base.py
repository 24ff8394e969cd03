"""Shared parts of the condition language: the compile context, names, refs and parameters.

Conditions compile once, when a rule file is read, into plain Python closures; evaluating a
rule never parses YAML or evaluates text as code. Every name a condition binds (``as:``) has
a kind - event, period, point or measure - so a misuse ("`captivity` is a period, not an
event") is reported with its line when the file is read, not when a person is evaluated.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from powtrace.rules.errors import Collector
from powtrace.rules.facts import Facts, Item, Point, Span
from powtrace.rules.located import LDict, LList, line_of

Env = dict[str, Any]
Solutions = Iterator[tuple[int, Env]]
NodeFn = Callable[[Facts, Env], Solutions]
WHY = "~why"  # env key: reasons a solution is only MAYBE, rendered into the explanation
RESERVED = frozenset({"today", "as_of", "arrears", "months_unpaid", "person"})


@dataclass
class Binding:
    """What a name stands for inside a rule: its kind and, for events, the possible types."""

    kind: str  # event | period | point | measure
    types: frozenset[str] = frozenset()
    line: int = 0


@dataclass
class Compiled:
    """A compiled condition: the closure, the names it binds and the event types it needs."""

    fn: NodeFn
    binds: dict[str, Binding] = field(default_factory=dict)
    requires: tuple[frozenset[str], ...] = ()  # the person needs an event of each set


@dataclass
class Ctx:
    """Everything the compiler needs while reading one rule file."""

    col: Collector
    params: dict[str, Any]
    names: dict[str, Binding] = field(default_factory=dict)  # every name bound anywhere
    detail_keys: dict[str, set[str]] = field(default_factory=dict)
    types_used: set[str] = field(default_factory=set)

    def problem(self, line: int, message: str) -> None:
        self.col.add(line, message)

    def number(self, value: Any, line: int, what: str, minimum: int = 0) -> int | None:
        """A whole number, written out or named in ``parameters``."""
        if isinstance(value, str) and value in self.params:
            value = self.params[value]
        if isinstance(value, bool) or not isinstance(value, int):
            hint = f"; parameters are {', '.join(sorted(self.params))}" if self.params else ""
            self.problem(line, f"{what} must be a whole number or a parameter name{hint}")
            return None
        if value < minimum:
            self.problem(line, f"{what} must be at least {minimum}")
            return None
        return value

    def bind(self, name: Any, binding: Binding, scope: dict[str, Binding]) -> str | None:
        """Declare a name; the same name may be bound in several branches of an ``any``."""
        if not isinstance(name, str) or not name.isidentifier():
            self.problem(binding.line, f"'as: {name}' must be a simple name (letters, _, digits)")
            return None
        if name in RESERVED:
            self.problem(binding.line, f"'{name}' is reserved; choose another name")
            return None
        if name in scope:
            self.problem(binding.line, f"'{name}' is already bound on line {scope[name].line}")
            return None
        known = self.names.get(name)
        if known is not None and known.kind != binding.kind:
            self.problem(binding.line, f"'{name}' is bound as a {known.kind} on line {known.line}")
            return None
        if known is not None:
            binding = Binding(binding.kind, known.types | binding.types, known.line)
        self.names[name] = binding
        return name


def suggest(word: Any, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a close choice exists."""
    near = difflib.get_close_matches(str(word), list(choices), n=1)
    return f" (did you mean '{near[0]}'?)" if near else ""


def check_keys(
    spec: LDict, ctx: Ctx, what: str, allowed: Iterable[str], required: Iterable[str] = ()
) -> bool:
    """Report unknown and missing keys; True when the mapping is usable."""
    allowed = set(allowed) | set(required)
    ok = True
    for key in spec:
        if key not in allowed:
            ctx.problem(
                spec.line_of(key),
                f"{what} has no '{key}'{suggest(key, allowed)}; "
                f"it takes {', '.join(sorted(allowed))}",
            )
            ok = False
    for key in required:
        if key not in spec:
            ctx.problem(spec.line, f"{what} needs '{key}'")
            ok = False
    return ok


def names_list(value: Any, ctx: Ctx, line: int, what: str) -> list[str]:
    """One text value or a list of them."""
    items = list(value) if isinstance(value, (list, LList)) else [value]
    out = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            ctx.problem(line_of(value, line), f"{what} must be text or a list of text")
            continue
        out.append(item.strip())
    if not out:
        ctx.problem(line, f"{what} is empty")
    return out


class Ref:
    """A moment named in a condition: ``today``, a bound name, or ``<period>.end``."""

    __slots__ = ("end", "name", "text")

    def __init__(self, text: str, name: str | None, end: bool) -> None:
        self.text, self.name, self.end = text, name, end

    def resolve(self, facts: Facts, env: Env) -> tuple[int, int] | None:
        """The day bounds the ref stands for, or None when it is not known (yet)."""
        if self.name is None:
            return facts.as_of, facts.as_of
        bound = env.get(self.name)
        if bound is None:
            return None
        if isinstance(bound, Item):
            return bound.lo, bound.hi
        if isinstance(bound, Span):
            item = bound.end if self.end else bound.start
            return None if item is None else (item.lo, item.hi)
        if isinstance(bound, Point):
            return bound.lo, bound.hi
        return None

    def item(self, env: Env) -> Item | None:
        """The event the ref stands for, if it is one."""
        bound = env.get(self.name) if self.name else None
        if isinstance(bound, Item):
            return bound
        if isinstance(bound, Span):
            return bound.end if self.end else bound.start
        if isinstance(bound, Point):
            return bound.item
        return None


def parse_ref(value: Any, ctx: Ctx, scope: dict[str, Binding], line: int, what: str) -> Ref | None:
    """Check a ref against the names bound so far."""
    if not isinstance(value, str):
        ctx.problem(line, f"{what} must name a moment: today, a bound name, or <period>.end")
        return None
    if value == "today":
        return Ref(value, None, False)
    name, _, tail = value.partition(".")
    if name not in scope:
        known = ", ".join(sorted(scope)) or "none yet"
        ctx.problem(line, f"{what}: '{name}' is not bound before this point (bound: {known})")
        return None
    kind = scope[name].kind
    if tail and (tail != "end" or kind != "period"):
        ctx.problem(line, f"{what}: only a period has '.end'; '{value}' is not usable")
        return None
    if kind == "measure":
        ctx.problem(line, f"{what}: '{name}' is a number of days, not a moment")
        return None
    return Ref(value, name, bool(tail))


def with_why(env: Env, reason: tuple[Any, ...]) -> Env:
    """A copy of ``env`` that also records why a solution is only MAYBE."""
    out = dict(env)
    out[WHY] = (*env.get(WHY, ()), reason)
    return out


def never(facts: Facts, env: Env) -> Solutions:
    """The condition that never holds (what a broken part compiles to)."""
    return iter(())


def as_list(body: Any, ctx: Ctx, line: int, what: str) -> list[Any]:
    """The items of a YAML list, or a problem when it is not one."""
    if not isinstance(body, list):
        ctx.problem(line, f"'{what}' takes a list")
        return []
    return list(body)
