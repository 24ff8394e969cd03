"""Showing one source to a reader: its text, grades, and the spans that claims cite.

A span is shown only when the reader may see the event that cites it and that event's person,
so the highlighting never reveals a sealed claim. The read is audited like a person's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from powtrace.domain.errors import NotFoundError
from powtrace.domain.model import Source
from powtrace.domain.visibility import Visibility
from powtrace.store import rows, writes
from powtrace.store.schema import citations
from powtrace.store.store import Store
from powtrace.workflows import redact


@dataclass
class CitedSpan:
    start: int
    end: int
    credibility: int
    event_id: str
    event_type: str
    person_id: str | None
    person_name: str | None


@dataclass
class SourceView:
    source: Source
    spans: list[CitedSpan]
    withheld: redact.Withheld = field(default_factory=redact.Withheld)


def view_source(store: Store, actor: str, source_id: str, clearance: Visibility) -> SourceView:
    """A source as ``clearance`` may see it, with its visible cited spans; reads are audited."""
    with store.transaction(actor) as tx:
        found = rows.load_sources(tx.conn, [source_id])
        if not found or redact.source_for(found[0], clearance) is None:
            raise NotFoundError(f"no source with id '{source_id}' that you may see")
        source = found[0]
        q = sa.select(citations.c.event_id).where(citations.c.source_id == source.id)
        event_ids = sorted({r.event_id for r in tx.conn.execute(q)})
        events, withheld = redact.events_for(rows.load_events(tx.conn, ids=event_ids), clearance)
        person_ids = sorted({e.person_id for e in events if e.person_id})
        people = {}
        for p in rows.load_persons(tx.conn, person_ids):
            shown, _ = redact.person_for(p, clearance)
            if shown is not None:
                people[p.id] = shown
        spans: list[CitedSpan] = []
        for e in events:
            if e.person_id is not None and e.person_id not in people:
                withheld.records += 1
                continue
            person = people.get(e.person_id) if e.person_id else None
            for c in e.citations:
                if c.source_id == source.id:
                    name = person.display_name if person else None
                    spans.append(
                        CitedSpan(c.start, c.end, c.credibility, e.id, e.type, e.person_id, name)
                    )
            if e.visibility is Visibility.SEALED:
                writes.record_read(tx, "event", e.id)
        if redact.needs_read_audit(source.visibility):
            writes.record_read(tx, "source", source.id)
    spans.sort(key=lambda s: (s.start, s.end))
    return SourceView(source, spans, withheld)
