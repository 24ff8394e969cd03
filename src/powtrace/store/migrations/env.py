"""Alembic environment: powtrace runs migrations in-process on a connection it opened."""

from __future__ import annotations

from alembic import context

from powtrace.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached when someone runs the alembic CLI
    raise SystemExit("run migrations with 'powtrace init' or 'powtrace migrate', not alembic")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
