"""Interviewers: a role, a handwritten card sent, and the last draft written to them

Revision ID: 0004_roles
Revises: 0003_invites
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_roles"
down_revision = "0003_invites"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("interviewers", sa.Column("role", sa.String(length=16), nullable=True))
    op.add_column("interviewers", sa.Column("card_sent_at", sa.DateTime(), nullable=True))
    op.add_column("interviewers", sa.Column("draft", sa.Text(), nullable=True))


def downgrade() -> None:
    # SQLite drops columns by copying the table; batch mode does that on either database.
    with op.batch_alter_table("interviewers") as batch:
        batch.drop_column("draft")
        batch.drop_column("card_sent_at")
        batch.drop_column("role")
