"""Users' holiday country: whose public holidays follow-ups and closure skip

Revision ID: 0003_holiday_country
Revises: 0002
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_holiday_country"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("user_settings", sa.Column("holiday_country", sa.String(length=8), nullable=True))


def downgrade() -> None:
    op.drop_column("user_settings", "holiday_country")
