"""Data-quality problems: one constructor per code, each writing a sentence for a case worker."""

from __future__ import annotations

from powtrace.domain.model import Event
from powtrace.lifecycle.model import Problem
from powtrace.lifecycle.tables import custody_table

RETURN_WITHOUT_CAPTURE = "return_without_capture"
EXCHANGED_BEFORE_CAPTURED = "exchanged_before_captured"
EVENT_AFTER_DEATH = "event_after_death"
AMBIGUOUS_ORDER = "ambiguous_order"
FORBIDDEN_TRANSITION = "forbidden_transition"
UNDATED_EVENT = "undated_event"

PROBLEM_CODES = (
    RETURN_WITHOUT_CAPTURE,
    EXCHANGED_BEFORE_CAPTURED,
    EVENT_AFTER_DEATH,
    AMBIGUOUS_ORDER,
    FORBIDDEN_TRANSITION,
    UNDATED_EVENT,
)


def describe(event: Event) -> str:
    """An event as a case worker reads it: its label and its date."""
    when = str(event.date) if event.date is not None else "no date"
    return f"'{event.label}' ({when})"


def _state(state: str | None) -> str:
    return custody_table().label(state)


def return_without_capture(event: Event) -> Problem:
    """A return with no capture recorded since the person's last return."""
    return Problem(
        RETURN_WITHOUT_CAPTURE,
        f"{describe(event)} ends a captivity, but no capture is recorded before it; "
        "add the capture or check the person.",
        (event.id,),
    )


def exchanged_before_captured(event: Event, capture: Event) -> Problem:
    """A return whose only capture comes later in the timeline."""
    return Problem(
        EXCHANGED_BEFORE_CAPTURED,
        f"{describe(event)} comes before the capture {describe(capture)}, and no capture is "
        "recorded before it; a date is wrong or an earlier capture is missing.",
        (event.id, capture.id),
    )


def event_after_death(death: Event, event: Event) -> Problem:
    """An event certainly after the person's death."""
    return Problem(
        EVENT_AFTER_DEATH,
        f"{describe(event)} is certainly after the death {describe(death)}; one of the two "
        "records is wrong or belongs to another person.",
        (death.id, event.id),
    )


def ambiguous_order(
    first: Event, first_state: str | None, second: Event, second_state: str
) -> Problem:
    """Two custody events whose dates overlap, where the order the timeline chose matters."""
    table = custody_table()
    if first.date and second.date and first.date.sort_key() == second.date.sort_key():
        why = (
            f"the dates do not decide, so the lifecycle order puts {_state(first_state)} "
            f"before {_state(second_state)}"
        )
    else:
        why = f"the timeline puts '{first.label}' first because its date may start earlier"
    if table.allows(first_state, second_state):
        risk = "check which came first, as it changes what happened"
    else:
        risk = f"yet {_state(second_state)} cannot follow {_state(first_state)}, so narrow a date"
    return Problem(
        AMBIGUOUS_ORDER,
        f"{describe(first)} and {describe(second)} may have happened in either order: "
        f"{why}; {risk}.",
        (first.id, second.id),
    )


def forbidden_transition(before: Event, before_state: str, event: Event, state: str) -> Problem:
    """A custody change the transition table does not allow."""
    return Problem(
        FORBIDDEN_TRANSITION,
        f"{describe(event)} moves the person from {_state(before_state)} to {_state(state)} "
        f"right after {describe(before)}, which the custody table does not allow; an event may "
        "be missing or a date wrong.",
        (before.id, event.id),
    )


def undated_event(event: Event, before_state: str | None, state: str, applied: bool) -> Problem:
    """A custody-changing event without a date, placed at the end of the timeline."""
    if applied:
        effect = f"where custody became {_state(state)}"
    else:
        effect = f"where it was not applied: {_state(state)} cannot follow {_state(before_state)}"
    return Problem(
        UNDATED_EVENT,
        f"{describe(event)} changes custody but has no date, so it was placed at the end of the "
        f"timeline, {effect}; add a date.",
        (event.id,),
    )
