"""Helpers shared by the extraction tests: persons by name, their roles and events, group events."""

from __future__ import annotations

from powtrace.extract.model import EventProposal, ExtractionResult, PersonMention


def events_of(result: ExtractionResult, name: str, type_: str) -> list[EventProposal]:
    """The events of ``type_`` proposed for the persons whose name holds ``name``."""
    ids = {p.id for p in result.persons if name in p.name}
    return [e for e in result.events if e.person_id in ids and e.type == type_]


def group_events(result: ExtractionResult, type_: str) -> list[EventProposal]:
    """The events of ``type_`` proposed for a group (no one person)."""
    return [e for e in result.events if e.person_id is None and e.type == type_]


def person_named(result: ExtractionResult, name: str) -> PersonMention:
    """The first person whose name holds ``name`` (failing with the names found)."""
    found = [p for p in result.persons if name in p.name]
    assert found, f"{name} not found among {[p.name for p in result.persons]}"
    return found[0]


def role_of(result: ExtractionResult, name: str) -> str:
    """The role of the first person whose name holds ``name``."""
    return person_named(result, name).role


def named_persons(result: ExtractionResult) -> list[str]:
    """The names of the named persons found."""
    return [p.name for p in result.persons if not p.unnamed]
