"""Explanation templates: ``{repatriation.date}`` and the like, filled from a solution.

Deliberately not ``str.format``: a template may only name fields from a short list, so a
rule file can never reach into Python objects. Fields are checked when the file is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from powtrace.rules.facts import NEVER_HI, NEVER_LO, Item, Measure, Point, Span
from powtrace.rules.lang_base import Binding

FIELD = re.compile(r"\{([^{}]*)\}")
EVENT_FIELDS = {"date", "label", "type", "place", "agency"}
PERIOD_FIELDS = {"start", "end"}
MEASURE_FIELDS = {"", "min", "max", "ended_by"}
ARREARS_FIELDS = {"total", "currency", "months", "from", "until", "rate_source"}
NOT_RECORDED = "(not recorded)"


def check_template(text: str, names: dict[str, Binding], params: dict[str, Any]) -> list[str]:
    """Problems with the fields a template uses (empty when it is fine)."""
    problems = []
    if text.count("{") != text.count("}"):
        problems.append("unbalanced { } in the text")
    for match in FIELD.finditer(text):
        path = match.group(1).strip()
        head, _, rest = path.partition(".")
        if head in params or head == "as_of":
            ok = not rest
        elif head == "arrears":
            ok = rest in ARREARS_FIELDS
        elif head in names:
            kind = names[head].kind
            if kind == "event":
                ok = rest in EVENT_FIELDS or rest.startswith("details.")
            elif kind == "period":
                ok = rest in PERIOD_FIELDS
            elif kind == "point":
                ok = rest in {"date", "label"}
            else:
                ok = rest in MEASURE_FIELDS
        else:
            ok = False
        if not ok:
            problems.append(f"the text uses {{{path}}}, which is not a known name or field")
    return problems


Part = str | Callable[[dict[str, Any], Mapping[str, Any], date], str]


def compile_template(text: str) -> tuple[Part, ...]:
    """Split a checked template once into literal text and field getters."""
    parts: list[Part] = []
    pos = 0
    for match in FIELD.finditer(text):
        parts.append(text[pos : match.start()])
        parts.append(_getter(match.group(1).strip()))
        pos = match.end()
    parts.append(text[pos:])
    return tuple(p for p in parts if p)


def render(
    template: str | tuple[Part, ...],
    env: dict[str, Any],
    params: Mapping[str, Any],
    as_of: date,
) -> str:
    """Fill a template (text, or the parts from :func:`compile_template`) from a solution."""
    parts = compile_template(template) if isinstance(template, str) else template
    return "".join(p if isinstance(p, str) else p(env, params, as_of) for p in parts)


def _getter(path: str) -> Callable[[dict[str, Any], Mapping[str, Any], date], str]:
    head, _, rest = path.partition(".")
    if head == "as_of":
        return lambda env, params, as_of: as_of.isoformat()

    def get(env: dict[str, Any], params: Mapping[str, Any], as_of: date) -> str:
        value = env.get(head)
        kind = type(value)
        if kind is Item:
            return _event(value, rest)
        if value is None:
            return str(params[head]) if head in params else NOT_RECORDED
        if kind is Span:
            item = value.start if rest == "start" else value.end
            return "still ongoing" if item is None else _event(item, "date")
        if kind is Point:
            if value.item is not None and rest == "label":
                return value.item.event.label
            return day_range(value.lo, value.hi)
        if kind is Measure:
            return _measure(value, rest)
        if head == "arrears" and kind is dict:
            return _arrears(value, rest)
        return str(value)

    return get


def _event(item: Item, field: str) -> str:
    event = item.event
    if field == "date":
        return item.date_text or "an unknown date"
    if field == "label":
        return event.label
    if field == "type":
        return event.type
    if field.startswith("details."):
        found = event.details.get(field[len("details.") :])
        return NOT_RECORDED if found is None else str(found)
    found = getattr(event, field, None)
    return NOT_RECORDED if found is None else str(found)


def _measure(m: Measure, field: str) -> str:
    if field == "min":
        return str(m.lo)
    if field == "max":
        return str(m.hi)
    if field == "ended_by":
        if m.ended_by is None:
            return "the evaluation date" if not m.recorded else "the recorded length"
        return f"'{m.ended_by.event.label}' ({_event(m.ended_by, 'date')})"
    return days_text(m.lo, m.hi)


def days_text(lo: int, hi: int) -> str:
    """'28 days', or '25 to 48 days' when the dates allow a range."""
    if hi >= NEVER_HI - NEVER_LO - 1:
        return f"at least {lo} days"
    return f"{lo} day{'s' * (lo != 1)}" if lo == hi else f"{lo} to {hi} days"


def day_range(lo: int, hi: int) -> str:
    """A day, or 'from … to …' when only bounds are known."""
    if lo <= NEVER_LO or hi >= NEVER_HI:
        return "an unknown date"
    first, last = date.fromordinal(lo), date.fromordinal(hi)
    return first.isoformat() if lo == hi else f"between {first.isoformat()} and {last.isoformat()}"


def _arrears(value: dict[str, Any], field: str) -> str:
    if field == "total":
        return f"{value['total']:,}".replace(",", " ")
    if field == "months":
        return str(len(value["months"]))
    found = value.get(field)
    return NOT_RECORDED if found is None else str(found)
