"""The migrations build exactly the schema the code describes, on every engine."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from powtrace.store import engine as eng
from powtrace.store.schema import metadata
from powtrace.store.store import Store


def test_migrated_schema_matches_the_code(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_store_is_at_the_newest_revision(store: Store) -> None:
    assert eng.current_revision(store.engine) == eng.head_revision()


def test_audit_chain_starts_from_a_zero_head(store: Store) -> None:
    with store.reading() as conn:
        head = conn.exec_driver_sql("SELECT seq, hash FROM audit_head WHERE id = 1").one()
    assert head.seq == 0 and head.hash == "0" * 64
