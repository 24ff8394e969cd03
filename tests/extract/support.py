"""Helpers shared by the extraction tests: a person's events of one type, and group events."""

from __future__ import annotations

from powtrace.extract.model import EventProposal, ExtractionResult


def events_of(result: ExtractionResult, name: str, type_: str) -> list[EventProposal]:
    """The events of ``type_`` proposed for the persons whose name holds ``name``."""
    ids = {p.id for p in result.persons if name in p.name}
    return [e for e in result.events if e.person_id in ids and e.type == type_]


def group_events(result: ExtractionResult, type_: str) -> list[EventProposal]:
    """The events of ``type_`` proposed for a group (no one person)."""
    return [e for e in result.events if e.person_id is None and e.type == type_]
