"""Background jobs: a list imported from the web page runs after the request answers.

Each job's progress and outcome is a row, so whichever server process answers the progress
page can read it. The table holds operational metadata, like ``login_attempts``: it is not a
record and not in the audit chain.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

SHORT = sa.String(length=40)


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("kind", SHORT, nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("status", SHORT, nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", SHORT, nullable=False),
        sa.Column("updated_at", SHORT, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
    )


def downgrade() -> None:
    op.drop_table("jobs")
