"""Load the demo story (``demo.yaml``: fictional people, sources written for powtrace).

The demo goes through the same writes as real work: sources keep their bytes and SHA-256,
citations are located in the source text by their excerpt and checked, and every write is
audited. Loading it twice adds nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import resources
from typing import Any

import yaml

from powtrace.domain.dates import parse_optional
from powtrace.domain.errors import PowtraceError, ValidationError
from powtrace.domain.model import Citation, Event, NameForm, Person, Source, new_id
from powtrace.store import writes
from powtrace.store.store import Store
from powtrace.workflows import findings
from powtrace.workflows.registry import find_span

DEMO_ACTOR = "powtrace-demo"
DEMO_AS_OF = date(2025, 12, 1)  # the day the demo's sources were "retrieved"
_LOADED_KEY = "demo_person_ids"


@dataclass
class DemoResult:
    loaded: bool  # False when the demo was already in the store
    person_ids: dict[str, str]  # demo key -> person id
    sources: int
    events: int


def demo_document() -> dict[str, Any]:
    text = resources.files("powtrace.workflows").joinpath("demo.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _build(doc: dict[str, Any]) -> tuple[list[Source], dict[str, Person], list[Event]]:
    retrieved = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)
    sources: dict[str, Source] = {}
    for raw in doc["sources"]:
        text = raw["text"]
        sources[raw["key"]] = Source(
            title=raw["title"],
            content=text.encode("utf-8"),
            text=text,
            kind=raw.get("kind", "article"),
            outlet=raw.get("outlet"),
            url=raw.get("url"),
            published=parse_optional(raw.get("published")),
            language=raw.get("language"),
            reliability=raw.get("reliability", "F"),
            visibility=raw.get("visibility", "restricted"),
            media_type="text/plain",
            retrieved_at=retrieved,
        )
    people: dict[str, Person] = {}
    for raw in doc["persons"]:
        fields = {k: v for k, v in raw.items() if k not in {"key", "name_forms", "birth_date"}}
        people[raw["key"]] = Person(
            name_forms=[NameForm(**f) for f in raw["name_forms"]],
            birth_date=parse_optional(raw.get("birth_date")),
            **fields,
        )
    events = []
    for i, raw in enumerate(doc["events"]):
        where = f"demo.yaml events[{i}]"
        try:
            events.append(_event(raw, people, sources))
        except PowtraceError as exc:
            raise ValidationError(f"{where}: {exc}") from None
    return list(sources.values()), people, events


def _event(raw: dict[str, Any], people: dict[str, Person], sources: dict[str, Source]) -> Event:
    cites = []
    for c in raw.get("cite") or []:
        source = sources[c["source"]]
        start, end = find_span(source, c["excerpt"])
        cites.append(Citation(source.id, start, end, c["excerpt"], int(c.get("credibility", 6))))
    person = people[raw["person"]].id if raw.get("person") else None
    return Event(
        type=raw["type"],
        person_id=person,
        id=new_id("e"),
        date=parse_optional(raw.get("date")),
        date_note=raw.get("date_note"),
        place=raw.get("place"),
        agency=raw.get("agency"),
        group_size=raw.get("group_size"),
        details=dict(raw.get("details") or {}),
        citations=cites,
        review=raw.get("review", "confirmed"),
        visibility=raw.get("visibility"),
    )


def load_demo(store: Store) -> DemoResult:
    """Load the demo story into ``store`` unless it is already there."""
    doc = demo_document()
    sources, people, events = _build(doc)
    with store.transaction(DEMO_ACTOR) as tx:
        already = writes.find_source_by_sha256(tx.conn, sources[0].sha256)
        if already is not None:
            ids = {
                key: pid
                for key, pid in (
                    pair.split("=", 1) for pair in writes.get_meta(tx.conn, _LOADED_KEY).split(",")
                )
            }
            return DemoResult(False, ids, len(sources), len(events))
        for s in sources:
            writes.add_source(tx, s)
        for p in people.values():
            writes.add_person(tx, p)
        for e in events:
            writes.add_event(tx, e)
        for p in people.values():
            findings.refresh_person(tx, p.id, "the demo story was loaded", DEMO_AS_OF)
        ids = {key: p.id for key, p in people.items()}
        writes.set_meta(tx, _LOADED_KEY, ",".join(f"{k}={v}" for k, v in ids.items()))
    return DemoResult(True, ids, len(sources), len(events))
