"""The calendar invite an interview was logged from: its UID and SEQUENCE

Revision ID: 0003_invites
Revises: 0002
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_invites"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("interviews") as batch:
        batch.add_column(sa.Column("invite_uid", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("invite_sequence", sa.Integer(), nullable=True))
    op.create_index(
        "ix_interviews_owner_invite", "interviews", ["team_id", "user_id", "invite_uid"]
    )


def downgrade() -> None:
    op.drop_index("ix_interviews_owner_invite", table_name="interviews")
    with op.batch_alter_table("interviews") as batch:
        batch.drop_column("invite_sequence")
        batch.drop_column("invite_uid")
