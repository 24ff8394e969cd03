"""Table rows to domain records and back. No transactions and no audit here: see ``writes``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from powtrace.domain.dates import PartialDate, parse_optional
from powtrace.domain.model import (
    Citation,
    Event,
    ExternalId,
    NameForm,
    NameKind,
    Person,
    Source,
)
from powtrace.names import match_keys
from powtrace.store.schema import citations, events, external_ids, name_forms, persons, sources
from powtrace.store.search import search_key


def _bounds(d: PartialDate | None) -> dict[str, Any]:
    return {"lo": d.earliest if d else None, "hi": d.latest if d else None}


def person_values(p: Person) -> dict[str, Any]:
    b = _bounds(p.birth_date)
    return {
        "id": p.id,
        "birth_date": str(p.birth_date) if p.birth_date else None,
        "birth_lo": b["lo"],
        "birth_hi": b["hi"],
        "birth_place": p.birth_place,
        "gender": p.gender.value,
        "side": p.side.value,
        "unit": p.unit,
        "rank": p.rank,
        "service_number": p.service_number,
        "home_region": p.home_region,
        "note": p.note,
        "visibility": p.visibility.value,
        "field_visibility": {k: v.value for k, v in p.field_visibility.items()},
        "merged_into": p.merged_into,
        "sort_name": sort_name(p.display_name),
    }


def sort_name(display_name: str) -> str:
    """The person list's sort key: the display name case-folded by Python (``str.casefold``,
    so "Straße" and "STRASSE" agree, which SQL ``lower()`` does not see).

    The list orders by (this key, id), compared by code point on both engines (see
    :func:`list_order`), so it is the order of Python's ``sorted`` by (casefold, id).
    """
    return display_name.casefold()


def list_order(conn: sa.Connection) -> list[sa.ColumnElement[Any]]:
    """ORDER BY of the person list: the stored sort key, then the id, both compared bytewise.

    UTF-8 bytes compare in code point order, as Python compares strings. SQLite's default
    collation (BINARY) is bytewise already; PostgreSQL's is the database's locale, so the
    comparison names the "C" collation, as the index ``ix_persons_sort_name`` does (migration
    0011): the two must stay identical, or the planner cannot walk the index in order. The
    list holds live persons only (``merged_into`` NULL), so ordering by ``merged_into`` first
    changes nothing; it lets PostgreSQL walk that index, which leads with it, in order (SQLite
    sees that from ``merged_into IS NULL`` alone).
    """
    if conn.dialect.name == "postgresql":
        return [
            persons.c.merged_into,
            persons.c.sort_name.collate("C"),
            persons.c.id.collate("C"),
        ]
    return [persons.c.merged_into, persons.c.sort_name, persons.c.id]


def name_form_values(person_id: str, forms: list[NameForm]) -> list[dict[str, Any]]:
    return [
        {
            "person_id": person_id,
            "position": i,
            "text": f.text,
            "kind": f.kind.value,
            "language": f.language,
            "surname": f.surname,
            "given": f.given,
            "patronymic": f.patronymic,
            "script": f.script.value if f.script else "other",
            "search_key": search_key(f.text),
        }
        for i, f in enumerate(forms)
    ]


def name_key_values(person_id: str, forms: list[NameForm]) -> list[dict[str, Any]]:
    """Index rows for every match key of every name form (the search and blocking index)."""
    return [
        {"person_id": person_id, "position": i, "key": key[:120]}
        for i, f in enumerate(forms)
        for key in sorted(match_keys(f.text))
    ]


def index_all_names(conn: sa.Connection, batch: int = 5000) -> int:
    """Write the ``name_keys`` rows of every stored name form; returns how many.

    For migrations (0002 built the index, 0007 rebuilds it after the keys changed), so it
    names only the columns every revision since 0002 has, in plain SQL.
    """
    insert = sa.text(
        "INSERT INTO name_keys (person_id, position, key) VALUES (:person_id, :position, :key)"
    )
    forms = conn.execute(sa.text("SELECT person_id, position, text FROM name_forms")).all()
    pending: list[dict[str, Any]] = []
    written = 0
    for f in forms:
        for key in sorted(match_keys(f.text)):
            pending.append({"person_id": f.person_id, "position": f.position, "key": key[:120]})
        if len(pending) >= batch:
            conn.execute(insert, pending)
            written, pending = written + len(pending), []
    if pending:
        conn.execute(insert, pending)
    return written + len(pending)


SORT_NAME_BATCH = 5000  # persons per read and write of write_sort_names


def write_sort_names(conn: sa.Connection) -> int:
    """Store every person's ``sort_name`` from their name forms; returns how many persons.

    For migration 0011, so in plain SQL (the code's tables may hold columns a later revision
    adds), a batch of persons at a time. The display name is chosen as ``Person.display_name``
    chooses it: the first official name form by position, else the first name form.
    """
    update = sa.text("UPDATE persons SET sort_name = :sort_name WHERE id = :id")
    ids_after = sa.text("SELECT id FROM persons WHERE id > :after ORDER BY id LIMIT :n")
    forms_of = sa.text(
        "SELECT person_id, kind, text FROM name_forms WHERE person_id > :after "
        "AND person_id <= :last ORDER BY person_id, position"
    )
    after, written = "", 0
    while True:
        ids = list(conn.execute(ids_after, {"after": after, "n": SORT_NAME_BATCH}).scalars())
        if not ids:
            return written
        shown: dict[str, str] = {}
        official: set[str] = set()
        for f in conn.execute(forms_of, {"after": after, "last": ids[-1]}):
            if f.person_id in official:
                continue
            if f.kind == NameKind.OFFICIAL.value:
                shown[f.person_id] = f.text
                official.add(f.person_id)
            else:
                shown.setdefault(f.person_id, f.text)
        # A person has at least one name form; one without (a damaged store) gets an empty key.
        conn.execute(update, [{"id": i, "sort_name": sort_name(shown.get(i, ""))} for i in ids])
        after, written = ids[-1], written + len(ids)


def load_persons(conn: sa.Connection, ids: list[str] | None = None) -> list[Person]:
    """Persons with their name forms and external ids, in id order."""
    q = sa.select(persons).order_by(persons.c.id)
    if ids is not None:
        q = q.where(persons.c.id.in_(ids))
    rows = conn.execute(q).all()
    wanted = [r.id for r in rows]
    forms: dict[str, list[NameForm]] = {}
    ext: dict[str, list[ExternalId]] = {}
    for chunk in _chunks(wanted):
        for f in conn.execute(
            sa.select(name_forms)
            .where(name_forms.c.person_id.in_(chunk))
            .order_by(name_forms.c.person_id, name_forms.c.position)
        ):
            forms.setdefault(f.person_id, []).append(
                NameForm(
                    text=f.text,
                    kind=f.kind,
                    language=f.language,
                    surname=f.surname,
                    given=f.given,
                    patronymic=f.patronymic,
                    script=f.script,
                )
            )
        for x in conn.execute(sa.select(external_ids).where(external_ids.c.person_id.in_(chunk))):
            ext.setdefault(x.person_id, []).append(ExternalId(x.scheme, x.value))
    return [
        Person(
            id=r.id,
            name_forms=forms.get(r.id, []),
            birth_date=parse_optional(r.birth_date),
            birth_place=r.birth_place,
            gender=r.gender,
            side=r.side,
            unit=r.unit,
            rank=r.rank,
            service_number=r.service_number,
            home_region=r.home_region,
            external_ids=ext.get(r.id, []),
            note=r.note,
            visibility=r.visibility,
            field_visibility=dict(r.field_visibility or {}),
            merged_into=r.merged_into,
        )
        for r in rows
    ]


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def source_values(s: Source) -> dict[str, Any]:
    return {
        "id": s.id,
        "sha256": s.sha256,
        "kind": s.kind.value,
        "title": s.title,
        "media_type": s.media_type,
        "filename": s.filename,
        "outlet": s.outlet,
        "url": s.url,
        "published": str(s.published) if s.published else None,
        "published_basis": s.published_basis,
        "language": s.language,
        "reliability": s.reliability,
        "retrieved_at": s.retrieved_at.isoformat() if s.retrieved_at else None,
        "archive_path": s.archive_path,
        "content": s.content,
        "text": s.text,
        "visibility": s.visibility.value,
    }


def source_from_row(r: Any) -> Source:
    return Source(
        id=r.id,
        sha256=r.sha256,
        content=r.content,
        kind=r.kind,
        title=r.title,
        media_type=r.media_type,
        filename=r.filename,
        outlet=r.outlet,
        url=r.url,
        published=parse_optional(r.published),
        published_basis=r.published_basis,
        language=r.language,
        reliability=r.reliability,
        retrieved_at=datetime.fromisoformat(r.retrieved_at) if r.retrieved_at else None,
        archive_path=r.archive_path,
        text=r.text,
        visibility=r.visibility,
    )


def load_sources(
    conn: sa.Connection, ids: list[str] | None = None, *, with_content: bool = True
) -> list[Source]:
    """Sources by id (all when ``ids`` is None); ``with_content=False`` leaves the original
    bytes (a PDF, a saved page) in the database when only the text is needed."""
    columns: list[Any] = list(sources.c)
    if not with_content:
        columns = [c for c in columns if c.name != "content"] + [sa.null().label("content")]
    q = sa.select(*columns).order_by(sources.c.id)
    if ids is not None:
        q = q.where(sources.c.id.in_(ids))
    return [source_from_row(r) for r in conn.execute(q)]


def event_values(e: Event) -> dict[str, Any]:
    b = _bounds(e.date)
    return {
        "id": e.id,
        "type": e.type,
        "person_id": e.person_id,
        "date": str(e.date) if e.date else None,
        "date_lo": b["lo"],
        "date_hi": b["hi"],
        "date_note": e.date_note,
        "place": e.place,
        "agency": e.agency,
        "group_size": e.group_size,
        "details": dict(e.details),
        "review": e.review.value,
        "visibility": e.visibility.value if e.visibility else None,
        "field_visibility": {k: v.value for k, v in e.field_visibility.items()},
        "note": e.note,
    }


def citation_values(event_id: str, cites: list[Citation]) -> list[dict[str, Any]]:
    return [
        {
            "event_id": event_id,
            "position": i,
            "source_id": c.source_id,
            "span_start": c.start,
            "span_end": c.end,
            "excerpt": c.excerpt,
            "credibility": c.credibility,
        }
        for i, c in enumerate(cites)
    ]


def load_events(
    conn: sa.Connection,
    *,
    person_id: str | None = None,
    ids: list[str] | None = None,
    person_ids: list[str] | None = None,
) -> list[Event]:
    """Events (with citations) of one person, of several, by id, or all; in id order."""
    q = sa.select(events).order_by(events.c.id)
    if person_id is not None:
        q = q.where(events.c.person_id == person_id)
    if ids is not None:
        q = q.where(events.c.id.in_(ids))
    if person_ids is not None:
        rows = []
        for chunk in _chunks(person_ids):
            rows += conn.execute(q.where(events.c.person_id.in_(chunk))).all()
        rows.sort(key=lambda r: r.id)
    else:
        rows = conn.execute(q).all()
    cites: dict[str, list[Citation]] = {}
    for chunk in _chunks([r.id for r in rows]):
        for c in conn.execute(
            sa.select(citations)
            .where(citations.c.event_id.in_(chunk))
            .order_by(citations.c.event_id, citations.c.position)
        ):
            cites.setdefault(c.event_id, []).append(
                Citation(c.source_id, c.span_start, c.span_end, c.excerpt, c.credibility)
            )
    return [
        Event(
            id=r.id,
            type=r.type,
            person_id=r.person_id,
            date=parse_optional(r.date),
            date_note=r.date_note,
            place=r.place,
            agency=r.agency,
            group_size=r.group_size,
            details=dict(r.details or {}),
            citations=cites.get(r.id, []),
            review=r.review,
            visibility=r.visibility,
            field_visibility=dict(r.field_visibility or {}),
            note=r.note,
        )
        for r in rows
    ]
