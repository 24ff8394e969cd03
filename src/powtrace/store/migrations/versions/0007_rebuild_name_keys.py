"""Name keys derived again: the name rules learned new spellings and readings.

The keys in ``name_keys`` are derived from each name form's text by ``powtrace.names``. This
release reads Latin sch/tch/shch as either Cyrillic spelling, adds ё readings of surnames
written with е, stems for declined names the dictionary only guesses at, and parses some
forms into other parts ("Андреев В.И." is a surname with initials, not a given name). Keys
written by the earlier rules would miss those matches, so the whole index is rebuilt from the
stored forms. Nothing else changes; no record is touched, so the audit chain is unaffected.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from powtrace.store.rows import index_all_names

    conn = op.get_bind()
    conn.execute(sa.text("DELETE FROM name_keys"))
    index_all_names(conn)


def downgrade() -> None:
    # The earlier keys cannot be rebuilt without the earlier rules: keep these. Search with
    # the earlier code still works, it only misses what these keys add.
    pass
