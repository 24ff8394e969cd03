"""The review queue of extracted proposals, stored legal findings, a source's date basis.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ID = sa.String(length=40)
SHORT = sa.String(length=40)


def upgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("published_basis", SHORT, nullable=True))
    op.create_table(
        "proposals",
        sa.Column("id", ID, nullable=False),
        sa.Column("source_id", ID, nullable=False),
        sa.Column("kind", SHORT, nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", SHORT, nullable=False),
        sa.Column("result_id", ID, nullable=True),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", SHORT, nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", SHORT, nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_proposals_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposals")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_proposals_fingerprint")),
    )
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_proposals_source_id"), ["source_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_proposals_status"), ["status"], unique=False)
    op.create_table(
        "findings",
        sa.Column("id", ID, nullable=False),
        sa.Column("rule_id", sa.String(length=100), nullable=False),
        sa.Column("person_id", ID, nullable=False),
        sa.Column("certainty", SHORT, nullable=False),
        sa.Column("severity", SHORT, nullable=False),
        sa.Column("status", SHORT, nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=True),
        sa.Column("supported", sa.Boolean(), nullable=False),
        sa.Column("change", sa.Text(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("first_seen_at", SHORT, nullable=False),
        sa.Column("evaluated_at", SHORT, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_findings_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_findings")),
    )
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_findings_rule_id"), ["rule_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_findings_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    op.drop_table("findings")
    op.drop_table("proposals")
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_column("published_basis")
