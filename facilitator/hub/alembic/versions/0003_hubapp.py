"""Accounts an admin disabled from the hub's pages (``users.disabled_at``).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot ALTER a table's columns otherwise
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("disabled_at", sa.Double(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("disabled_at")
