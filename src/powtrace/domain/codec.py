"""Records to plain dicts and back: the one serialisation behind export, import and audit.

The dict form is stable (keys sorted when dumped, ids and enum values as text) so an export →
import → export round trip yields identical bytes, and the audit chain can compare what it
recorded with what the tables hold.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import datetime
from typing import Any

from powtrace.domain.dates import parse_optional
from powtrace.domain.errors import ValidationError
from powtrace.domain.model import Citation, Event, ExternalId, NameForm, Person, Source


def canonical_json(data: Any) -> str:
    """JSON with sorted keys and no extra spaces: equal data gives equal text."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _vis(mapping: dict[str, Any]) -> dict[str, str]:
    return {k: str(getattr(v, "value", v)) for k, v in sorted(mapping.items())}


# ---- persons --------------------------------------------------------------------------------
def name_form_to_dict(form: NameForm) -> dict[str, Any]:
    return {
        "text": form.text,
        "kind": form.kind.value,
        "language": form.language,
        "surname": form.surname,
        "given": form.given,
        "patronymic": form.patronymic,
        "script": form.script.value if form.script else None,
    }


def person_to_dict(person: Person) -> dict[str, Any]:
    """A person as plain data, name forms in their order, external ids sorted."""
    return {
        "id": person.id,
        "name_forms": [name_form_to_dict(f) for f in person.name_forms],
        "birth_date": _text(person.birth_date),
        "birth_place": person.birth_place,
        "gender": person.gender.value,
        "side": person.side.value,
        "unit": person.unit,
        "rank": person.rank,
        "service_number": person.service_number,
        "home_region": person.home_region,
        "external_ids": sorted(
            ({"scheme": x.scheme, "value": x.value} for x in person.external_ids),
            key=lambda d: (d["scheme"], d["value"]),
        ),
        "note": person.note,
        "visibility": person.visibility.value,
        "field_visibility": _vis(person.field_visibility),
        "merged_into": person.merged_into,
    }


def person_from_dict(data: dict[str, Any]) -> Person:
    """Build a person from plain data; errors name the field at fault."""
    forms = []
    for i, raw in enumerate(data.get("name_forms") or []):
        try:
            forms.append(NameForm(**{k: raw.get(k) for k in _NAME_KEYS if raw.get(k) is not None}))
        except (ValidationError, TypeError, AttributeError) as exc:
            raise ValidationError(f"name_forms[{i}]: {exc}") from None
    ids = [ExternalId(str(x["scheme"]), str(x["value"])) for x in data.get("external_ids") or []]
    kwargs = {k: data[k] for k in _PERSON_SCALARS if data.get(k) is not None}
    return Person(
        name_forms=forms,
        birth_date=parse_optional(data.get("birth_date")),
        external_ids=ids,
        field_visibility=dict(data.get("field_visibility") or {}),
        **kwargs,
    )


_NAME_KEYS = ("text", "kind", "language", "surname", "given", "patronymic", "script")
_PERSON_SCALARS = (
    "id",
    "birth_place",
    "gender",
    "side",
    "unit",
    "rank",
    "service_number",
    "home_region",
    "note",
    "visibility",
    "merged_into",
)


# ---- sources --------------------------------------------------------------------------------
def source_to_dict(source: Source, *, with_content: bool = True) -> dict[str, Any]:
    """A source as plain data; without content, the original and text appear as hashes only."""
    data: dict[str, Any] = {
        "id": source.id,
        "kind": source.kind.value,
        "title": source.title,
        "media_type": source.media_type,
        "filename": source.filename,
        "outlet": source.outlet,
        "url": source.url,
        "published": _text(source.published),
        "published_basis": source.published_basis,
        "language": source.language,
        "reliability": source.reliability,
        "retrieved_at": source.retrieved_at.isoformat() if source.retrieved_at else None,
        "archive_path": source.archive_path,
        "sha256": source.sha256,
        "visibility": source.visibility.value,
    }
    if with_content:
        data["content_base64"] = (
            base64.b64encode(source.content).decode("ascii") if source.content is not None else None
        )
        data["text"] = source.text
    else:
        data["text_sha256"] = (
            hashlib.sha256(source.text.encode("utf-8")).hexdigest() if source.text else None
        )
    return data


def source_from_dict(data: dict[str, Any]) -> Source:
    """Build a source from plain data (the export form, with content)."""
    content = None
    if data.get("content_base64") is not None:
        try:
            content = base64.b64decode(data["content_base64"], validate=True)
        except ValueError:
            raise ValidationError("content_base64 is not valid base64") from None
    retrieved = data.get("retrieved_at")
    try:
        retrieved_at = datetime.fromisoformat(retrieved) if retrieved else None
    except ValueError:
        raise ValidationError(f"retrieved_at '{retrieved}' is not an ISO 8601 time") from None
    scalars = (
        "id",
        "kind",
        "title",
        "media_type",
        "filename",
        "outlet",
        "url",
        "language",
        "published_basis",
        "reliability",
        "archive_path",
        "sha256",
        "visibility",
        "text",
    )
    return Source(
        content=content,
        published=parse_optional(data.get("published")),
        retrieved_at=retrieved_at,
        **{k: data[k] for k in scalars if data.get(k) is not None},
    )


# ---- events ---------------------------------------------------------------------------------
def citation_to_dict(c: Citation) -> dict[str, Any]:
    return {
        "source_id": c.source_id,
        "start": c.start,
        "end": c.end,
        "excerpt": c.excerpt,
        "credibility": c.credibility,
    }


def event_to_dict(event: Event) -> dict[str, Any]:
    """An event as plain data, citations in their order."""
    return {
        "id": event.id,
        "type": event.type,
        "person_id": event.person_id,
        "date": _text(event.date),
        "date_note": event.date_note,
        "place": event.place,
        "agency": event.agency,
        "group_size": event.group_size,
        "details": dict(sorted(event.details.items())),
        "citations": [citation_to_dict(c) for c in event.citations],
        "review": event.review.value,
        "visibility": event.visibility.value if event.visibility else None,
        "field_visibility": _vis(event.field_visibility),
        "note": event.note,
    }


def event_from_dict(data: dict[str, Any]) -> Event:
    """Build an event from plain data; errors name the citation at fault."""
    citations = []
    for i, raw in enumerate(data.get("citations") or []):
        try:
            citations.append(Citation(**raw))
        except TypeError as exc:
            raise ValidationError(f"citations[{i}]: {exc}") from None
        except ValidationError as exc:
            raise ValidationError(f"citations[{i}]: {exc}") from None
    scalars = ("id", "date_note", "place", "agency", "group_size", "review", "visibility", "note")
    if "type" not in data:
        raise ValidationError("an event needs a type")
    return Event(
        type=data["type"],
        person_id=data.get("person_id"),
        date=parse_optional(data.get("date")),
        details=dict(data.get("details") or {}),
        citations=citations,
        field_visibility=dict(data.get("field_visibility") or {}),
        **{k: data[k] for k in scalars if data.get(k) is not None},
    )
