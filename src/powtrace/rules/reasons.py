"""Why a finding is only probable, in words a lawyer reads."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from powtrace.rules.facts import Item, Point, Span
from powtrace.rules.templates import day_range


def _event(item: Item) -> str:
    when = str(item.event.date) if item.event.date is not None else "no date"
    return f"'{item.event.label}' ({when})"


def _ref(text: str, env: dict[str, Any]) -> str:
    if text == "today":
        return "the evaluation date"
    name, _, tail = text.partition(".")
    bound = env.get(name)
    if isinstance(bound, Item):
        return _event(bound)
    if isinstance(bound, Span):
        item = bound.end if tail else bound.start
        edge = "end" if tail else "start"
        return f"the {edge} of the {name} period" + (f", {_event(item)}" if item else "")
    if isinstance(bound, Point):
        return f"the {name} ({day_range(bound.lo, bound.hi)})"
    return name


def reason_text(reason: tuple[Any, ...], env: dict[str, Any]) -> str:
    """One reason as a clause."""
    kind = reason[0]
    if kind == "during":
        return (
            f"the dates do not tell whether {_event(reason[1])} fell within the {reason[2]} period"
        )
    if kind == "after":
        window = f" and within {reason[3]} days of it" if reason[3] is not None else ""
        ref = _ref(reason[2], env)
        return f"the dates do not tell whether {_event(reason[1])} came on or after {ref}{window}"
    if kind == "before":
        ref = _ref(reason[2], env)
        return f"the dates do not tell whether {_event(reason[1])} came on or before {ref}"
    if kind == "sources":
        return (
            f"{_event(reason[1])} is cited from {reason[2]} source{'s' * (reason[2] != 1)}; "
            f"{reason[3]} independent sources would make it certain"
        )
    if kind == "absent":
        return f"{_event(reason[1])} may fall within the time that matters, and would answer it"
    if kind == "deadline":
        return (
            f"the dates do not tell whether the {reason[2]}-day deadline from "
            f"{_ref(reason[3], env)} had passed by the evaluation date"
        )
    if kind == "threshold":
        name, limit, low, high = reason[1:5]
        return f"{name} is {low} to {high} days, either side of the {limit}-day threshold"
    if kind == "side":
        return "the side the person served is not recorded"
    if kind == "not":
        inner = describe_reasons(reason[1], env)
        return "a record that would rule this out may apply" + (f" ({inner})" if inner else "")
    if kind == "problem":
        return f"the timeline has a data-quality problem: {reason[1].rstrip('.')}"
    return str(reason[1]).rstrip(".")  # "note": the rule's own words


def describe_reasons(reasons: Iterable[tuple[Any, ...]], env: dict[str, Any]) -> str:
    """All reasons, each once, joined into one sentence body."""
    out: list[str] = []
    for reason in reasons:
        text = reason_text(reason, env)
        if text not in out:
            out.append(text)
    return "; ".join(out)
