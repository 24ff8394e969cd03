"""Case work: cases, the persons they concern, relatives (with consent), tasks and notes.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ID = sa.String(length=40)
SHORT = sa.String(length=40)


def _case_fk(table: str) -> sa.ForeignKeyConstraint:
    name = op.f(f"fk_{table}_case_id_cases")
    return sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=name)


def _index(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", ID, nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("kind", SHORT, nullable=False),
        sa.Column("status", SHORT, nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("visibility", SHORT, nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", SHORT, nullable=False),
        sa.Column("updated_at", SHORT, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
    )
    _index("cases", "status")
    op.create_table(
        "case_persons",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("person_id", ID, nullable=False),
        sa.Column("role", SHORT, nullable=False),
        _case_fk("case_persons"),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_case_persons_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_persons")),
        sa.UniqueConstraint("case_id", "person_id", name="uq_case_persons_pair"),
    )
    _index("case_persons", "case_id", "person_id")
    op.create_table(
        "case_relatives",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("relationship", SHORT, nullable=False),
        sa.Column("contact", sa.Text(), nullable=True),
        sa.Column("contact_salt", sa.String(length=32), nullable=True),
        sa.Column("contact_visibility", SHORT, nullable=False),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("consent_date", SHORT, nullable=True),
        sa.Column("consent_how", SHORT, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", SHORT, nullable=False),
        sa.Column("updated_at", SHORT, nullable=False),
        _case_fk("case_relatives"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_relatives")),
    )
    _index("case_relatives", "case_id")
    op.create_table(
        "case_tasks",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("due", SHORT, nullable=True),
        sa.Column("assignee", sa.String(length=200), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", SHORT, nullable=False),
        sa.Column("updated_at", SHORT, nullable=False),
        _case_fk("case_tasks"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_tasks")),
    )
    _index("case_tasks", "case_id", "due")
    op.create_table(
        "case_notes",
        sa.Column("id", ID, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("at", SHORT, nullable=False),
        _case_fk("case_notes"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_notes")),
    )
    _index("case_notes", "case_id")


def downgrade() -> None:
    for table in ("case_notes", "case_tasks", "case_relatives", "case_persons", "cases"):
        op.drop_table(table)
