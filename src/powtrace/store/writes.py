"""Every write to the registry, each recorded in the audit chain in the same transaction.

Nothing else in powtrace inserts into or updates the record tables: this module is the one
place the design asks for. Each function validates first and writes after, so an error leaves
the transaction as it found it.
"""

from __future__ import annotations

import hashlib
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa

from powtrace.domain.codec import event_to_dict, person_to_dict, source_to_dict
from powtrace.domain.errors import ConflictError, NotFoundError, ValidationError
from powtrace.domain.model import Event, ExternalId, Person, ReviewState, Source
from powtrace.store import rows
from powtrace.store.schema import (
    audit_log,
    citations,
    events,
    external_ids,
    meta,
    name_forms,
    name_keys,
    persons,
    sources,
)
from powtrace.store.store import Tx


def person_snapshot(p: Person) -> dict[str, Any]:
    return person_to_dict(p)


def source_snapshot(s: Source) -> dict[str, Any]:
    # The audit keeps hashes of the original and of the text, not the bytes themselves.
    return source_to_dict(s, with_content=False)


def event_snapshot(e: Event) -> dict[str, Any]:
    return event_to_dict(e)


def _version(
    conn: sa.Connection, table: sa.Table, record_id: str, *, lock: bool = False
) -> int | None:
    q = sa.select(table.c.version).where(table.c.id == record_id)
    if lock:  # PostgreSQL: hold the row until commit, so no one updates from a stale read
        q = q.with_for_update()
    return conn.execute(q).scalar()


def _check_version(
    conn: sa.Connection, kind: str, record_id: str, current: int, expected: int | None
) -> None:
    if expected is not None and current != expected:
        last = conn.execute(  # the audit chain knows who made the change you missed
            sa.select(audit_log.c.actor, audit_log.c.at)
            .where(
                audit_log.c.entity == kind,
                audit_log.c.entity_id == record_id,
                audit_log.c.action != "read",
            )
            .order_by(audit_log.c.seq.desc())
            .limit(1)
        ).first()
        who = f"{last.actor} at {last.at}" if last else "someone else"
        raise ConflictError(
            f"{kind} {record_id} was changed by {who} (now version {current}, "
            f"you edited version {expected}); reload it and edit again"
        )


# ---- persons --------------------------------------------------------------------------------
def check_external_id(x: ExternalId) -> None:
    """Refuse an external id the schema cannot hold (the same on every engine)."""
    for part, text, limit in (("list", x.scheme, 100), ("id", x.value, 200)):
        if not text or len(text) > limit:
            raise ValidationError(
                f"external {part} '{text[:40]}…' is longer than {limit} characters"
                if text
                else f"external {part} is empty"
            )


def _check_external_ids(conn: sa.Connection, person: Person) -> None:
    for x in person.external_ids:
        check_external_id(x)
        owner = conn.execute(
            sa.select(external_ids.c.person_id).where(
                external_ids.c.scheme == x.scheme, external_ids.c.value == x.value
            )
        ).scalar()
        if owner is not None and owner != person.id:
            raise ConflictError(f"external id {x.scheme}:{x.value} already belongs to {owner}")


def _write_person_children(conn: sa.Connection, person: Person) -> None:
    conn.execute(name_forms.insert(), rows.name_form_values(person.id, person.name_forms))
    keys = rows.name_key_values(person.id, person.name_forms)
    if keys:
        conn.execute(name_keys.insert(), keys)
    if person.external_ids:
        conn.execute(
            external_ids.insert(),
            [
                {"person_id": person.id, "scheme": x.scheme, "value": x.value}
                for x in person.external_ids
            ],
        )


def add_person(tx: Tx, person: Person) -> Person:
    """Insert a new person with their name forms and external ids."""
    if _version(tx.conn, persons, person.id) is not None:
        raise ConflictError(f"person {person.id} already exists")
    _check_external_ids(tx.conn, person)
    tx.conn.execute(
        persons.insert().values(
            **rows.person_values(person), version=1, created_at=tx.at, updated_at=tx.at
        )
    )
    _write_person_children(tx.conn, person)
    tx.record("create", "person", person.id, None, person_snapshot(person))
    return person


def get_person(conn: sa.Connection, person_id: str) -> Person:
    found = rows.load_persons(conn, [person_id])
    if not found:
        raise NotFoundError(f"no person with id '{person_id}'")
    return found[0]


def update_person(tx: Tx, person: Person, expected_version: int | None = None) -> Person:
    """Replace a person's fields, name forms and external ids; refuses a stale version."""
    current = _version(tx.conn, persons, person.id, lock=True)
    if current is None:
        raise NotFoundError(f"no person with id '{person.id}'")
    _check_version(tx.conn, "person", person.id, current, expected_version)
    before = get_person(tx.conn, person.id)
    if person_snapshot(before) == person_snapshot(person):
        return person  # nothing changed: no write, no audit entry
    _check_external_ids(tx.conn, person)
    tx.conn.execute(
        persons.update()
        .where(persons.c.id == person.id)
        .values(**rows.person_values(person), version=current + 1, updated_at=tx.at)
    )
    tx.conn.execute(name_forms.delete().where(name_forms.c.person_id == person.id))
    tx.conn.execute(name_keys.delete().where(name_keys.c.person_id == person.id))
    tx.conn.execute(external_ids.delete().where(external_ids.c.person_id == person.id))
    _write_person_children(tx.conn, person)
    tx.record("update", "person", person.id, person_snapshot(before), person_snapshot(person))
    return person


# ---- sources --------------------------------------------------------------------------------
def find_source_by_sha256(conn: sa.Connection, sha256: str) -> Source | None:
    row = conn.execute(sa.select(sources).where(sources.c.sha256 == sha256)).first()
    return rows.source_from_row(row) if row else None


def add_source(tx: Tx, source: Source) -> tuple[Source, bool]:
    """Store a source unless the same bytes are already stored; returns (source, created)."""
    existing = find_source_by_sha256(tx.conn, source.sha256)
    if existing is not None:
        return existing, False
    if _version(tx.conn, sources, source.id) is not None:
        raise ConflictError(f"source id {source.id} is taken by other content")
    tx.conn.execute(
        sources.insert().values(**rows.source_values(source), version=1, created_at=tx.at)
    )
    tx.record("create", "source", source.id, None, source_snapshot(source))
    return source, True


def get_source(conn: sa.Connection, source_id: str) -> Source:
    found = rows.load_sources(conn, [source_id])
    if not found:
        raise NotFoundError(f"no source with id '{source_id}'")
    return found[0]


# ---- events ---------------------------------------------------------------------------------
def _check_event_refs(conn: sa.Connection, event: Event) -> None:
    if event.person_id is not None and _version(conn, persons, event.person_id) is None:
        raise NotFoundError(f"event {event.id}: no person with id '{event.person_id}'")
    for i, cite in enumerate(event.citations):
        try:
            cite.check_against(get_source(conn, cite.source_id))
        except (NotFoundError, ValidationError) as exc:
            raise ValidationError(f"event {event.id}, citation {i + 1}: {exc}") from None


def _write_citations(conn: sa.Connection, event: Event) -> None:
    if event.citations:
        conn.execute(citations.insert(), rows.citation_values(event.id, event.citations))


def add_event(tx: Tx, event: Event) -> Event:
    """Insert an event and its citations, after checking the person and every cited span."""
    if _version(tx.conn, events, event.id) is not None:
        raise ConflictError(f"event {event.id} already exists")
    _check_event_refs(tx.conn, event)
    tx.conn.execute(
        events.insert().values(
            **rows.event_values(event), version=1, created_at=tx.at, updated_at=tx.at
        )
    )
    _write_citations(tx.conn, event)
    tx.record("create", "event", event.id, None, event_snapshot(event))
    return event


def get_event(conn: sa.Connection, event_id: str) -> Event:
    found = rows.load_events(conn, ids=[event_id])
    if not found:
        raise NotFoundError(f"no event with id '{event_id}'")
    return found[0]


def update_event(tx: Tx, event: Event, expected_version: int | None = None) -> Event:
    """Replace an event and its citations; refuses a stale version."""
    current = _version(tx.conn, events, event.id, lock=True)
    if current is None:
        raise NotFoundError(f"no event with id '{event.id}'")
    _check_version(tx.conn, "event", event.id, current, expected_version)
    before = get_event(tx.conn, event.id)
    if event_snapshot(before) == event_snapshot(event):
        return event
    _check_event_refs(tx.conn, event)
    tx.conn.execute(
        events.update()
        .where(events.c.id == event.id)
        .values(**rows.event_values(event), version=current + 1, updated_at=tx.at)
    )
    tx.conn.execute(citations.delete().where(citations.c.event_id == event.id))
    _write_citations(tx.conn, event)
    tx.record("update", "event", event.id, event_snapshot(before), event_snapshot(event))
    return event


def set_review(tx: Tx, event_id: str, state: ReviewState) -> Event:
    """Confirm, dispute or reject an event (a change like any other, audited)."""
    _version(tx.conn, events, event_id, lock=True)  # read it as it is, not as it was
    event = get_event(tx.conn, event_id)
    event.review = state
    return update_event(tx, event)


def record_read(tx: Tx, entity: str, entity_id: str) -> None:
    """Audit that a restricted or sealed record was shown to the transaction's actor."""
    tx.record("read", entity, entity_id, None, None)


# How records are shown many at a time; each such read is one audit entry naming them.
SHOWN_BY = ("search", "list")


def record_shown(tx: Tx, by: str, kind: str, shown: list[str]) -> None:
    """Audit that a search or a list page showed the actor these restricted or sealed records
    (their ids): one entry, entity ``by``, id ``kind``."""
    assert by in SHOWN_BY
    tx.record("read", by, kind, None, {"shown": shown})


# ---- settings kept in the store ------------------------------------------------------------
def get_meta(conn: sa.Connection, key: str) -> str:
    value = conn.execute(sa.select(meta.c.value).where(meta.c.key == key)).scalar()
    if value is None:
        raise NotFoundError(f"the store has no setting '{key}'")
    return str(value)


def set_meta(tx: Tx, key: str, value: str) -> None:
    """Set a store setting (audited like any other write)."""
    old = tx.conn.execute(sa.select(meta.c.value).where(meta.c.key == key)).scalar()
    if old == value:
        return
    if old is None:
        tx.conn.execute(meta.insert().values(key=key, value=value))
    else:
        tx.conn.execute(meta.update().where(meta.c.key == key).values(value=value))
    tx.record(
        "update" if old is not None else "create",
        "meta",
        key,
        None if old is None else {"value": old},
        {"value": value},
    )


# ---- the whole registry, for audit verification ---------------------------------------------
def record_snapshots(conn: sa.Connection) -> dict[tuple[str, str], dict[str, Any]]:
    """Every record as the audit chain should have recorded it last."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for p in rows.load_persons(conn):
        out[("person", p.id)] = person_snapshot(p)
    for row in tx_rows(conn, sources):
        values = row._asdict()
        if values["content"] is not None:
            # Hash the stored bytes again: a changed original must show as a changed sha256.
            values["sha256"] = hashlib.sha256(values["content"]).hexdigest()
        s = rows.source_from_row(SimpleNamespace(**values))
        out[("source", s.id)] = source_snapshot(s)
    for e in rows.load_events(conn):
        out[("event", e.id)] = event_snapshot(e)
    for m in tx_rows(conn, meta):
        out[("meta", m.key)] = {"value": m.value}
    return out


def tx_rows(conn: sa.Connection, table: sa.Table) -> sa.CursorResult[Any]:
    return conn.execute(sa.select(table))
