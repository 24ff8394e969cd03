"""Helpers for the workflow tests: terse records and a look at the audit log."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from powtrace.domain.dates import parse_optional
from powtrace.domain.model import Event, NameForm, Person
from powtrace.store.schema import audit_log
from powtrace.store.store import Store
from powtrace.workflows import registry

ACTOR = "tester"


def person(store: Store, name: str, **fields: Any) -> Person:
    """Add a person with one official name form."""
    return registry.add_person(store, ACTOR, Person([NameForm(name, kind="official")], **fields))


def event(
    store: Store, person_id: str | None, type_: str, date: str | None = None, **fields: Any
) -> Event:
    """Add a confirmed event (unless ``review`` says otherwise)."""
    fields.setdefault("review", "confirmed")
    return registry.add_event(
        store, ACTOR, Event(type_, person_id, date=parse_optional(date), **fields)
    )


def audit_rows(store: Store) -> list[tuple[str, str, str]]:
    """Every audit entry as (action, entity, entity id), in order."""
    q = sa.select(audit_log.c.action, audit_log.c.entity, audit_log.c.entity_id).order_by(
        audit_log.c.seq
    )
    with store.reading() as conn:
        return [tuple(r) for r in conn.execute(q)]
