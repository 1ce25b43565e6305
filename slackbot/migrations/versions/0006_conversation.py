"""A conversation the user steers: holiday country, outcome time, linked rounds, undo points

Revision ID: 0006_conversation
Revises: 0005_send_budget
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_conversation"
down_revision = "0005_send_budget"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("user_settings", sa.Column("holiday_country", sa.String(length=8), nullable=True))
    op.add_column("interviews", sa.Column("heard_at", sa.DateTime(), nullable=True))
    op.add_column("interviews", sa.Column("previous_id", sa.Integer(), nullable=True))
    op.create_table(
        "undo_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=80), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_undo_points_owner", "undo_points", ["team_id", "user_id", "created_at"])
    op.create_index("ix_undo_points_interview_id", "undo_points", ["interview_id"])


def downgrade() -> None:
    op.drop_index("ix_undo_points_interview_id", table_name="undo_points")
    op.drop_index("ix_undo_points_owner", table_name="undo_points")
    op.drop_table("undo_points")
    op.drop_column("interviews", "previous_id")
    op.drop_column("interviews", "heard_at")
    op.drop_column("user_settings", "holiday_country")
