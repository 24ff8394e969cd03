"""Stores as older releases of powtrace left them: for the migration tests in tests/store and
the killed-migration test in tests/reliability (``from old_versions import ...``; pytest puts
tests/ on the import path)."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from powtrace.domain.codec import person_to_dict
from powtrace.domain.model import Person
from powtrace.store import audit, rows
from powtrace.store import engine as eng
from powtrace.store.keys import resolve_key
from powtrace.store.schema import name_forms, persons
from powtrace.store.store import Store, utc_now


def engine_at(revision: str, store_url: str | None, home: Path) -> sa.Engine:
    """An engine on a store migrated only up to ``revision``: the embedded store in ``home``
    (made anew, with its key), or the PostgreSQL database ``store_url`` (already empty)."""
    if store_url is None:
        Store.init(home).close()  # creates the key; then rebuild the file at ``revision``
        (home / "powtrace.db").unlink()
        engine = eng.make_engine(eng.sqlcipher_url(home / "powtrace.db", resolve_key(home)))
    else:
        engine = eng.make_engine(store_url)
    eng.migrate(engine, revision)
    return engine


def add_person_as_old_version(
    conn: sa.Connection, person: Person, *, newer: tuple[str, ...]
) -> None:
    """Write a person with their name forms and audit entry as an older release did: without
    the columns (and snapshot fields) ``newer`` that later revisions added."""
    snapshot = person_to_dict(person)
    values = rows.person_values(person)
    for name in newer:
        snapshot.pop(name, None)
        del values[name]
    now = utc_now()
    conn.execute(persons.insert().values(**values, version=1, created_at=now, updated_at=now))
    conn.execute(name_forms.insert(), rows.name_form_values(person.id, person.name_forms))
    audit.append(
        conn,
        at=now,
        actor="old-version",
        action="create",
        entity="person",
        entity_id=person.id,
        before=None,
        after=snapshot,
    )
