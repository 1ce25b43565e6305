"""Pacing buckets per workspace and Web API method, shared by every bot process

Revision ID: 0005_send_budget
Revises: 0004_roles
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_send_budget"
down_revision = "0004_roles"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "send_budget",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("method", sa.String(length=64), nullable=False),
        sa.Column("tokens", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False),
        sa.Column("paused_until", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("team_id", "method"),
    )


def downgrade() -> None:
    op.drop_table("send_budget")
