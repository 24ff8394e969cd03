"""The person list sorted by the database: a stored sort key on persons, and its index.

The list orders persons by display name (the first official name form, else the first),
case-folded, then by id. Until now every page read the display name of every person and
sorted them in Python: about a second a page at 100,000 persons. ``persons.sort_name`` keeps
the case-folded display name, written with the person (``rows.person_values``), so a page is
one walk of the index ``(merged_into, sort_name, id, visibility)``: the live persons
(``merged_into`` NULL) in list order, with what the list filters on, so both engines read a
page from the index alone and sort nothing. The index leads with ``merged_into`` because
SQLite, without statistics, would otherwise find the live persons by ``ix_persons_merged_into``
and sort all of them; the list orders by ``merged_into`` first (a no-op among live persons),
so that PostgreSQL walks this index in order too.

The key is folded by Python's ``str.casefold``, not by SQL ``lower()`` (which leaves "ß" and
differs between the engines), and compared bytewise: UTF-8 bytes compare in code point order,
as Python compares strings. SQLite's default collation is bytewise; on PostgreSQL the index
names the "C" collation for the key and the id, as the list's ORDER BY does
(``rows.list_order``), whatever the database's locale. The existing persons are keyed here,
a batch at a time.

SQLite adds a NOT NULL column only with a default (here ''). Rebuilding ``persons`` in batch
mode instead would drop the table with foreign keys on, and ON DELETE CASCADE would take the
name forms, keys and external ids with it. Every write names the key (``rows.person_values``),
so the default is never used. No record changes, so the audit chain is unaffected.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

INDEX = "ix_persons_sort_name"


def upgrade() -> None:
    from powtrace.store.rows import write_sort_names

    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    if postgresql:
        op.add_column("persons", sa.Column("sort_name", sa.Text(), nullable=True))
    else:
        op.add_column(
            "persons", sa.Column("sort_name", sa.Text(), nullable=False, server_default="")
        )
    write_sort_names(bind)
    if postgresql:
        op.alter_column("persons", "sort_name", nullable=False)
        op.execute(
            f"CREATE INDEX {INDEX} ON persons "
            '(merged_into, sort_name COLLATE "C", id COLLATE "C", visibility)'
        )
    else:
        op.create_index(INDEX, "persons", ["merged_into", "sort_name", "id", "visibility"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="persons")
    op.drop_column("persons", "sort_name")
