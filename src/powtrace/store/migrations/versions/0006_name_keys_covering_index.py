"""Name search: a covering index on name_keys (key, person_id, position).

Search intersects the persons that have each part of a typed name (surname, given name,
patronymic) inside the database. With the person and position in the index, each part is an
index-only range, and no table row is read for the thousands of holders of a common surname.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("name_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_name_keys_key")
        batch_op.create_index(
            "ix_name_keys_key_person", ["key", "person_id", "position"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("name_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_name_keys_key_person")
        batch_op.create_index("ix_name_keys_key", ["key"], unique=False)
