"""Figures of pushed sessions not yet added to their organisation's dashboards (issue 14):
a push writes them here in its own transaction, without the organisation's lock, and the
next holder of that lock (the same request, just after) adds them (``dashboards.fold``).

Revision ID: 0006_hubsync
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_hubsync"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pending_counts",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["org_id"], ["organisations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("session_id"),
    )
    op.create_index("pending_counts_org", "pending_counts", ["org_id"])


def downgrade() -> None:
    op.drop_index("pending_counts_org", table_name="pending_counts")
    op.drop_table("pending_counts")
