"""Linkage: judgements on pairs of records, merges of persons (undoable).

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


def downgrade() -> None:
    op.drop_table("merges")
    op.drop_table("judgements")
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_persons_merged_into"))
        batch_op.drop_column("merged_into")
