"""FollowTheMoney entities out of the registry, and back in. Pure (no store access).

Out: one ``Person`` per person, an ``Identification`` per external id and service number, an
``Event`` per event (``involved`` names the person), a ``Document`` per source and a
``Documentation`` per citation (the document, the event, the excerpt). Each entity also
carries the powtrace record it came from as JSON in ``description``, so a powtrace export
reads back without loss; entities from elsewhere are read from their FtM properties alone.

In: entity ids map to powtrace ids deterministically (an id that already has powtrace's form
is kept), so importing the same file twice adds nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData

from powtrace.domain import codec
from powtrace.domain.dates import parse_optional
from powtrace.domain.errors import PowtraceError, ValidationError
from powtrace.domain.model import Citation, Event, NameForm, NameKind, Person, Source
from powtrace.reports.redaction import Pseudonyms
from powtrace.reports.text import RELIABILITY

PAYLOAD_KEY = "powtrace"
_OWN_ID = re.compile(r"^[pe]-[0-9a-f]{16}$")
_GENDER = {"m": "male", "f": "female"}


def _payload(kind: str, data: dict[str, Any]) -> str:
    return json.dumps({PAYLOAD_KEY: kind, **data}, ensure_ascii=False, sort_keys=True)


def _date_props(entity: Any, date: Any) -> None:
    if date is None:
        return
    text = str(date).replace("~", "")
    if "/" in text:
        start, end = text.split("/", 1)
        entity.add("startDate", start)
        entity.add("endDate", end)
    else:
        entity.add("date", text)


def _person(p: Person, pseudo: Pseudonyms) -> list[dict[str, Any]]:
    eid = pseudo.record(p.id)
    e = model.make_entity("Person")
    e.id = eid
    e.add("name", p.display_name)
    e.add("alias", [f.text for f in p.name_forms if f.text != p.display_name])
    official = next((f for f in p.name_forms if f.kind is NameKind.OFFICIAL), None)
    if official is not None:
        e.add("lastName", official.surname)
        e.add("firstName", official.given)
        e.add("fatherName", official.patronymic)
    if p.birth_date is not None:
        e.add("birthDate", str(p.birth_date).replace("~", "").split("/")[0])
    e.add("birthPlace", p.birth_place)
    e.add("gender", _GENDER.get(p.gender.value))
    e.add("position", p.rank)
    e.add("topics", "mil")
    data = codec.person_to_dict(p)
    data["id"] = eid
    data["merged_into"] = None
    if pseudo.active:  # the Identification entities carry the pseudonymised values
        data["external_ids"] = []
        data["service_number"] = None
    e.add("description", _payload("person", data))
    out = [e.to_dict()]
    ids = [(x.scheme, x.value) for x in p.external_ids]
    if p.service_number:
        ids.append(("service_number", p.service_number))
    for scheme, value in sorted(ids):
        shown = pseudo.value(scheme, value)
        x = model.make_entity("Identification")
        x.id = f"{eid}.id.{hashlib.sha256(f'{scheme}:{shown}'.encode()).hexdigest()[:12]}"
        x.add("holder", eid)
        x.add("number", shown)
        x.add("type", scheme.replace("_", " "))
        out.append(x.to_dict())
    return out


def _event(ev: Event, names: dict[str, str], pseudo: Pseudonyms) -> list[dict[str, Any]]:
    eid = pseudo.record(ev.id)
    e = model.make_entity("Event")
    e.id = eid
    who = names.get(ev.person_id or "", f"{ev.group_size} people" if ev.group_size else "")
    e.add("name", f"{ev.label}: {who}" if who else ev.label)
    _date_props(e, ev.date)
    e.add("location", ev.place)
    e.add(
        "summary", "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in sorted(ev.details.items()))
    )
    e.add("keywords", [ev.type, f"review:{ev.review.value}"])
    e.add("notes", ev.date_note)
    if ev.person_id:
        e.add("involved", pseudo.record(ev.person_id))
    data = codec.event_to_dict(ev)
    data.update(id=eid, person_id=pseudo.record(ev.person_id) if ev.person_id else None)
    data.pop("citations")
    e.add("description", _payload("event", data))
    out = [e.to_dict()]
    for i, c in enumerate(ev.citations):
        d = model.make_entity("Documentation")
        d.id = f"{eid}.c{i}"
        d.add("document", pseudo.record(c.source_id))
        d.add("entity", eid)
        d.add("role", "citation")
        d.add("summary", c.excerpt)
        d.add(
            "description",
            _payload(
                "citation",
                {"position": i, "start": c.start, "end": c.end, "credibility": c.credibility},
            ),
        )
        out.append(d.to_dict())
    return out


def _document(s: Source, pseudo: Pseudonyms) -> dict[str, Any]:
    e = model.make_entity("Document")
    e.id = pseudo.record(s.id)
    e.add("title", s.title)
    e.add("fileName", s.filename or f"{s.id}.txt")
    e.add("mimeType", s.media_type)
    e.add("language", s.language)
    e.add("publisher", s.outlet)
    if s.published is not None:
        e.add("publishedAt", str(s.published).replace("~", "").split("/")[0])
    if s.retrieved_at is not None:
        e.add("retrievedAt", s.retrieved_at.isoformat())
    if not pseudo.active:
        e.add("sourceUrl", s.url)
    e.add("bodyText", s.text)
    e.add(
        "notes", f"SHA-256 {s.sha256}; reliability {s.reliability} ({RELIABILITY[s.reliability]})"
    )
    data = codec.source_to_dict(s, with_content=False)
    data.pop("text_sha256", None)
    data.update(id=e.id, url=None if pseudo.active else s.url, archive_path=None)
    e.add("description", _payload("source", data))
    return e.to_dict()


def export_lines(
    persons: list[Person], events: list[Event], sources: list[Source], pseudo: Pseudonyms
) -> list[str]:
    """Every entity as one JSON line, sorted by entity id (the same data, the same lines)."""
    names = {p.id: p.display_name for p in persons}
    cited = {c.source_id for e in events for c in e.citations}
    entities: list[dict[str, Any]] = []
    for p in persons:
        entities.extend(_person(p, pseudo))
    for ev in events:
        entities.extend(_event(ev, names, pseudo))
    entities.extend(_document(s, pseudo) for s in sources if s.id in cited)
    entities.sort(key=lambda x: x["id"])
    return [json.dumps(x, ensure_ascii=False, sort_keys=True) for x in entities]


# ---- import -------------------------------------------------------------------------------------
@dataclass
class Parsed:
    persons: list[Person] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    skipped: int = 0


def local_id(entity_id: str, prefix: str) -> str:
    """The powtrace id an entity id maps to: kept if it has powtrace's form, else derived."""
    if _OWN_ID.match(entity_id) and entity_id.startswith(prefix):
        return entity_id
    return f"{prefix}-{hashlib.sha256(entity_id.encode()).hexdigest()[:16]}"


def _first(props: dict[str, list[str]], name: str) -> str | None:
    values = props.get(name) or []
    return values[0] if values else None


def _read_payload(props: dict[str, list[str]], kind: str) -> dict[str, Any] | None:
    for text in props.get("description", []):
        try:
            data = json.loads(text)
        except ValueError:
            continue
        if isinstance(data, dict) and data.get(PAYLOAD_KEY) == kind:
            data.pop(PAYLOAD_KEY)
            return data
    return None


def _load_entities(text: str, where: str) -> list[dict[str, Any]]:
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except ValueError as exc:
            raise ValidationError(f"{where}: line {n} is not JSON ({exc})") from None
        if not isinstance(raw, dict) or not raw.get("id") or not raw.get("schema"):
            raise ValidationError(f"{where}: line {n} is not a FollowTheMoney entity")
        try:
            schema = model.get(raw["schema"])
            if schema is None:
                raise ValidationError(f"unknown schema '{raw['schema']}'")
            schema.validate(raw)
        except (InvalidData, ValidationError) as exc:
            raise ValidationError(f"{where}: line {n} ({raw['id']}): {exc}") from None
        raw["_line"] = n
        out.append(raw)
    if not out:
        raise ValidationError(f"{where}: no entity in the file")
    return out


def _at(raw: dict[str, Any], where: str, build: Any, *args: Any) -> Any:
    """Build a record from one entity; an error names the file, line and entity."""
    try:
        return build(raw, *args)
    except (PowtraceError, KeyError, TypeError, ValueError) as exc:
        raise ValidationError(f"{where}: line {raw['_line']} ({raw['id']}): {exc}") from None


def _citation(raw: dict[str, Any], doc_ids: dict[str, str]) -> tuple[str, int, Citation] | None:
    props = raw.get("properties", {})
    data = _read_payload(props, "citation")
    doc = _first(props, "document") or ""
    if doc not in doc_ids or not data:
        return None
    cite = Citation(
        doc_ids[doc],
        int(data["start"]),
        int(data["end"]),
        _first(props, "summary") or "",
        int(data.get("credibility", 6)),
    )
    return _first(props, "entity") or "", int(data.get("position", 0)), cite


def parse_lines(text: str, where: str) -> Parsed:
    """Check a whole FtM JSON-lines file and build powtrace records; raise on the first fault."""
    entities = _load_entities(text, where)
    parsed = Parsed()
    doc_ids: dict[str, str] = {}
    cites: dict[str, list[tuple[int, Citation]]] = {}
    by_schema: dict[str, list[dict[str, Any]]] = {}
    for raw in entities:
        by_schema.setdefault(raw["schema"], []).append(raw)
    for raw in by_schema.get("Document", []):
        source = _at(raw, where, _source_from)
        doc_ids[raw["id"]] = source.id
        parsed.sources.append(source)
    for raw in by_schema.get("Documentation", []):
        found = _at(raw, where, _citation, doc_ids)
        if found is None:
            parsed.skipped += 1
        else:
            cites.setdefault(found[0], []).append(found[1:])
    for raw in by_schema.get("Person", []):
        parsed.persons.append(_at(raw, where, _person_from))
    for raw in by_schema.get("Event", []):
        mine = sorted(cites.get(raw["id"], []), key=lambda x: x[0])
        event = _at(raw, where, _event_from, mine)
        if event is None:
            parsed.skipped += 1
        else:
            parsed.events.append(event)
    known = {"Document", "Documentation", "Person", "Event"}
    parsed.skipped += sum(len(v) for k, v in by_schema.items() if k not in known)
    return parsed


def _source_from(raw: dict[str, Any]) -> Source:
    props = raw.get("properties", {})
    data = _read_payload(props, "source")
    body = _first(props, "bodyText")
    if data is not None:
        data["text"] = body
        data.pop("id", None)  # a source's id derives from its SHA-256
        return codec.source_from_dict(data)
    if body is None:
        raise ValidationError(f"document {raw['id']} has neither powtrace data nor a text")
    return Source(
        title=_first(props, "title") or _first(props, "fileName") or raw["id"],
        content=body.encode("utf-8"),
        text=body,
        outlet=_first(props, "publisher"),
        published=parse_optional((_first(props, "publishedAt") or "")[:10] or None),
    )


def _person_from(raw: dict[str, Any]) -> Person:
    props = raw.get("properties", {})
    pid = local_id(raw["id"], "p")
    data = _read_payload(props, "person")
    if data is not None:
        data["id"] = pid
        return codec.person_from_dict(data)
    names = [*props.get("name", []), *props.get("alias", [])]
    gender = {"male": "m", "female": "f"}.get(_first(props, "gender") or "", "unknown")
    birth = _first(props, "birthDate")
    return Person(
        id=pid,
        name_forms=[NameForm(n) for n in dict.fromkeys(names)],
        birth_date=parse_optional(birth[:10] if birth else None),
        gender=gender,
        rank=_first(props, "position"),
    )


def _event_from(raw: dict[str, Any], cites: list[tuple[int, Citation]]) -> Event | None:
    props = raw.get("properties", {})
    data = _read_payload(props, "event")
    if data is None:
        return None  # an event from elsewhere has no type powtrace knows
    data["id"] = local_id(raw["id"], "e")
    if data.get("person_id"):
        data["person_id"] = local_id(data["person_id"], "p")
    data["citations"] = [codec.citation_to_dict(c) for _, c in cites]
    return codec.event_from_dict(data)
