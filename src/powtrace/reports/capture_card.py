"""The GC III capture card (Annex IV B) filled from a person's record. Pure.

Each field is taken from the record as the reader may see it; a field the record does not hold
is left empty rather than guessed. The family address is restricted information and is left out
of redacted outputs, like every contact detail.
"""

from __future__ import annotations

from powtrace.domain.model import Event, NameKind, Person
from powtrace.lifecycle import Lifecycle, status_label, timeline
from powtrace.reports.model import CaptureCard

FIELDS = (
    ("power", "Power on which the prisoner depends"),
    ("name", "Name"),
    ("first_names", "First names (in full)"),
    ("father_first_name", "First name of father (patronymic as recorded)"),
    ("date_of_birth", "Date of birth"),
    ("place_of_birth", "Place of birth"),
    ("rank", "Rank"),
    ("service_number", "Service number"),
    ("family_address", "Address of family (restricted)"),
    ("taken_prisoner", "Taken prisoner on / coming from"),
    ("health", "State of health"),
    ("present_address", "Present address"),
)
_AT_HOME = frozenset({"at_home", "discharged", "hospitalised_after_return"})
_HEALTH_TYPES = (
    "wounded",
    "hospitalised",
    "hospitalised_in_captivity",
    "hospitalised_after_return",
)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _official(person: Person):
    forms = [f for f in person.name_forms if f.kind is NameKind.OFFICIAL] or person.name_forms
    with_parts = [f for f in forms if f.surname or f.given]
    return with_parts[0] if with_parts else forms[0]


WITHHELD = "left out of redacted outputs"


def _family(person: Person, redacted: bool) -> str:
    if not person.home_region:
        return ""
    return WITHHELD if redacted else person.home_region


def capture_card(
    person: Person,
    events: list[Event],
    lifecycle: Lifecycle,
    *,
    redacted: bool,
    service_number: str | None = None,
) -> CaptureCard:
    """Annex IV B fields for ``person`` from the events the reader may see."""
    form = _official(person)
    ordered = timeline(e for e in events if e.review.value == "confirmed")
    captures = [e for e in ordered if e.type == "captured"]
    capture = captures[-1] if captures else None
    power = ""
    taken = ""
    if capture is not None:
        power = _text(capture.details.get("detaining_state"))
        parts = [str(capture.date) if capture.date else "date not recorded"]
        if capture.place:
            parts.append(capture.place)
        if person.unit:
            parts.append(f"from {person.unit}")
        taken = ", ".join(parts)
    health = []
    for e in ordered:
        if e.type in _HEALTH_TYPES:
            said = e.details.get("description") or e.details.get("severity") or e.label
            facility = e.details.get("facility")
            health.append(f"{e.date or 'undated'}: {said}" + (f" ({facility})" if facility else ""))
    present = ""
    if lifecycle.status in _AT_HOME:
        present = _family(person, redacted)
    else:
        facilities = [e for e in ordered if e.details.get("facility") or e.place]
        where = ""
        if facilities:
            last = facilities[-1]
            where = _text(last.details.get("facility") or last.place)
        present = f"{status_label(lifecycle.status)}" + (f": {where}" if where else "")
    if not form.surname and not form.given:
        name, first = form.text, ""
    else:
        name, first = _text(form.surname), _text(form.given)
    values = {
        "power": power,
        "name": name,
        "first_names": first,
        "father_first_name": _text(form.patronymic),
        "date_of_birth": _text(person.birth_date),
        "place_of_birth": _text(person.birth_place),
        "rank": _text(person.rank),
        "service_number": _text(service_number),
        "family_address": _family(person, redacted),
        "taken_prisoner": taken,
        "health": "; ".join(health),
        "present_address": present,
    }
    return CaptureCard(tuple((key, label, values[key]) for key, label in FIELDS))
