"""Name search's fallback on PostgreSQL: a trigram index on the folded name forms.

When no name key matches (a typo in the surname, part of a word, nobody to find), search looks
for the typed words inside every folded name form (``search_key LIKE '%word%'``). Without an
index that reads the whole table: 150–250 ms at 1,000,000 name forms. PostgreSQL's own
``pg_trgm`` answers such patterns from a GIN index (8 ms for the same searches). The extension is
trusted (PostgreSQL 13+), so the database's owner may create it; where it is not installed or
not allowed, the index is left out and search still works, by the scan. SQLite is unchanged.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

INDEX = "ix_name_forms_search_key_trgm"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    available = bind.execute(
        sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
    ).first()
    if available is None:
        return
    try:
        with bind.begin_nested():  # a refusal must not abort the rest of the upgrade
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:
        return
    bind.execute(
        sa.text(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON name_forms USING gin (search_key gin_trgm_ops)"
        )
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {INDEX}")
