"""to_gold(): an extraction result in the corpus gold format (shared corpus README)."""

from __future__ import annotations

from typing import Any

from powtrace.domain.dates import PartialDate
from powtrace.extract.model import EventProposal, ExtractionResult


def gold_date(date: PartialDate | None) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD: a range becomes what both its ends share."""
    if date is None:
        return None
    start = str(date.start.text())
    if date.end is None:
        return start
    end = date.end.text()
    for size in (10, 7, 4):
        if start[:size] == end[:size] and len(start) >= size:
            return start[:size]
    return None


def _details(event: EventProposal) -> str:
    """Details as one readable string: agency, group size, then the structured details."""
    parts = []
    if event.agency:
        parts.append(f"agency: {event.agency}")
    if event.group_size:
        parts.append(f"group of {event.group_size}")
    parts += [f"{k}: {v}" for k, v in event.details.items()]
    if event.date_note:
        parts.append(event.date_note)
    return "; ".join(parts)


def to_gold(result: ExtractionResult) -> dict[str, Any]:
    """Persons and events in the exact shape of the corpus gold files."""
    names = {p.id: p.name for p in result.persons}
    persons = []
    for p in result.persons:
        item: dict[str, Any] = {
            "name": p.name,
            "variants": list(p.variants),
            "role": p.role,
            "side": p.side,
            "age": p.age,
            "gender": p.gender,
        }
        if p.unnamed:
            item["unnamed"] = True
        persons.append(item)
    events = []
    for e in result.events:
        item = {
            "type": e.corpus_type,
            "person": names.get(e.person_id) if e.person_id else None,
            "date": gold_date(e.date),
            "place": e.place,
            "details": _details(e),
            "evidence": e.evidence.text,
        }
        if e.date_text:
            item["date_text"] = e.date_text
        events.append(item)
    return {
        "source": {
            "url": None,
            "outlet": None,
            "published": gold_date(result.published),
            "language": result.language,
            "complete": True,
        },
        "persons": persons,
        "events": events,
    }
