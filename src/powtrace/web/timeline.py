"""A person's timeline prepared for display: each claim with its numbered sources."""

from __future__ import annotations

from dataclasses import dataclass

from powtrace.domain.model import Event
from powtrace.workflows.registry import PersonView


@dataclass
class CitationRow:
    number: int
    source_id: str
    title: str | None  # None: the source is withheld at the reader's clearance
    reliability: str | None
    credibility: int
    excerpt: str


@dataclass
class TimelineRow:
    event: Event
    custody_after: str | None
    citations: list[CitationRow]


def timeline_rows(view: PersonView) -> tuple[list[TimelineRow], dict[str, int]]:
    """Timeline entries with their citations; sources numbered by first citation."""
    numbers: dict[str, int] = {}
    rows = []
    for entry in view.lifecycle.entries:
        cites = []
        for c in entry.event.citations:
            n = numbers.setdefault(c.source_id, len(numbers) + 1)
            s = view.sources.get(c.source_id)
            cites.append(
                CitationRow(
                    n,
                    c.source_id,
                    s.title if s else None,
                    s.reliability if s else None,
                    c.credibility,
                    c.excerpt,
                )
            )
        rows.append(TimelineRow(entry.event, entry.custody_after, cites))
    for e in view.events:
        for c in e.citations:
            numbers.setdefault(c.source_id, len(numbers) + 1)
    return rows, numbers
