"""Linkage: the name-key index, judgements on pairs of records, undoable merges.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_into", sa.String(length=40), nullable=True))
        batch_op.create_index(batch_op.f("ix_persons_merged_into"), ["merged_into"], unique=False)
    op.create_table(
        "name_keys",
        sa.Column("person_id", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_name_keys_person_id_persons"),
            ondelete="CASCADE",
        ),
    )
    with op.batch_alter_table("name_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_name_keys_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_name_keys_key"), ["key"], unique=False)
    # Index the name forms that 0001 stored (the keys are derived, so they can be rebuilt).
    _index_existing_names()
    op.create_table(
        "judgements",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("left_ref", sa.String(length=300), nullable=False),
        sa.Column("right_ref", sa.String(length=300), nullable=False),
        sa.Column("decision", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_judgements")),
        sa.UniqueConstraint("left_ref", "right_ref", name="uq_judgements_pair"),
    )
    op.create_table(
        "merges",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("winner_id", sa.String(length=40), nullable=False),
        sa.Column("loser_id", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("moved", sa.JSON(), nullable=False),
        sa.Column("undone_at", sa.String(length=40), nullable=True),
        sa.Column("undone_by", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["winner_id"], ["persons.id"], name=op.f("fk_merges_winner_id_persons")
        ),
        sa.ForeignKeyConstraint(
            ["loser_id"], ["persons.id"], name=op.f("fk_merges_loser_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merges")),
    )
    with op.batch_alter_table("merges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_merges_winner_id"), ["winner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_merges_loser_id"), ["loser_id"], unique=False)


def _index_existing_names() -> None:
    from powtrace.store.rows import index_all_names

    index_all_names(op.get_bind())


def downgrade() -> None:
    op.drop_table("merges")
    op.drop_table("judgements")
    op.drop_table("name_keys")
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_persons_merged_into"))
        batch_op.drop_column("merged_into")
