"""The migrations build exactly the schema the code describes, on every engine."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from powtrace.store import engine as eng
from powtrace.store.fulltext import engine_only_table
from powtrace.store.schema import metadata
from powtrace.store.store import Store

# Indexes a migration adds only where the engine can have them (PostgreSQL's trigram index,
# which needs the pg_trgm extension): not in the code's schema, so not compared.
OPTIONAL_INDEXES = {"ix_name_forms_search_key_trgm"}
# Full-text indexes are each engine's own (migration 0010): PostgreSQL's is an expression index,
# SQLite's are FTS5 tables. Neither is in the code's schema.
ENGINE_INDEXES = {"ix_sources_fulltext"}


def _compared(obj: object, name: str | None, kind: str, reflected: bool, _: object) -> bool:
    return not (kind == "index" and reflected and name in OPTIONAL_INDEXES | ENGINE_INDEXES)


def _named(name: str | None, kind: str, _: object) -> bool:
    return not (kind == "table" and name is not None and engine_only_table(name))


def test_migrated_schema_matches_the_code(store: Store) -> None:
    with store.engine.connect() as conn:
        opts = {"include_object": _compared, "include_name": _named}
        context = MigrationContext.configure(conn, opts=opts)
        diff = compare_metadata(context, metadata)
    assert diff == []


def test_postgresql_answers_substring_search_from_a_trigram_index(
    store: Store, engine_kind: str
) -> None:
    if engine_kind != "postgresql":
        pytest.skip("the trigram index is PostgreSQL's")
    with store.engine.connect() as conn:
        names = conn.exec_driver_sql(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'name_forms'"
        )
        assert set(names.scalars()) >= OPTIONAL_INDEXES
        conn.exec_driver_sql("SET enable_seqscan = off")  # a tiny table is scanned otherwise
        plan = conn.exec_driver_sql(
            "EXPLAIN SELECT person_id FROM name_forms WHERE search_key LIKE '%%dolgop%%'"
        )
        assert "ix_name_forms_search_key_trgm" in "\n".join(plan.scalars())


def test_store_is_at_the_newest_revision(store: Store) -> None:
    assert eng.current_revision(store.engine) == eng.head_revision()


def test_audit_chain_starts_from_a_zero_head(store: Store) -> None:
    with store.reading() as conn:
        head = conn.exec_driver_sql("SELECT seq, hash FROM audit_head WHERE id = 1").one()
    assert head.seq == 0 and head.hash == "0" * 64
