"""Showing records to someone with a given clearance: what they may not see is withheld.

A record above the clearance is left out whole; a field above it is replaced by
:data:`WITHHELD`. The caller learns how much was withheld (never what), so a page can say
"2 events are sealed" without revealing them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from powtrace.domain.model import Event, Person, Source
from powtrace.domain.visibility import Visibility

WITHHELD = "(withheld)"


@dataclass
class Withheld:
    """Counts of what a clearance kept from view."""

    records: int = 0
    fields: int = 0

    def add(self, other: Withheld) -> None:
        self.records += other.records
        self.fields += other.fields


def person_for(person: Person, clearance: Visibility) -> tuple[Person | None, Withheld]:
    """The person as ``clearance`` may see them, or None if they may not see them at all."""
    if not person.visibility.visible_to(clearance):
        return None, Withheld(records=1)
    shown = copy.deepcopy(person)
    hidden = Withheld()
    for name, level in person.field_visibility.items():
        if not level.visible_to(clearance) and getattr(shown, name) is not None:
            setattr(shown, name, WITHHELD)
            hidden.fields += 1
    return shown, hidden


def event_for(event: Event, clearance: Visibility) -> tuple[Event | None, Withheld]:
    """The event as ``clearance`` may see it; sealed details are withheld one by one."""
    assert event.visibility is not None
    if not event.visibility.visible_to(clearance):
        return None, Withheld(records=1)
    shown = copy.deepcopy(event)
    hidden = Withheld()
    for name, level in event.field_visibility.items():
        if level.visible_to(clearance):
            continue
        if name.startswith("details."):
            key = name.removeprefix("details.")
            if key in shown.details:
                shown.details[key] = WITHHELD
                hidden.fields += 1
        elif getattr(shown, name, None) is not None:
            setattr(shown, name, WITHHELD)
            hidden.fields += 1
    return shown, hidden


def events_for(events: list[Event], clearance: Visibility) -> tuple[list[Event], Withheld]:
    """Every event ``clearance`` may see, and a count of what was withheld."""
    shown: list[Event] = []
    hidden = Withheld()
    for event in events:
        visible, withheld = event_for(event, clearance)
        hidden.add(withheld)
        if visible is not None:
            shown.append(visible)
    return shown, hidden


def citations_for(events: list[Event], visible_sources: set[str]) -> Withheld:
    """Drop citations of sources the reader may not see: their excerpts quote those sources.

    ``events`` must be the copies :func:`events_for` returned; each dropped citation counts
    as one withheld field.
    """
    hidden = Withheld()
    for event in events:
        kept = [c for c in event.citations if c.source_id in visible_sources]
        hidden.fields += len(event.citations) - len(kept)
        event.citations = kept
    return hidden


def source_for(source: Source, clearance: Visibility) -> Source | None:
    return source if source.visibility.visible_to(clearance) else None


def needs_read_audit(level: Visibility) -> bool:
    """Reads of restricted and sealed records are written to the audit chain."""
    return level is not Visibility.PUBLIC
