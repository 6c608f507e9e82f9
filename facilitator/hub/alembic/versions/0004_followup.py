"""Follow-up of trainings and the dashboards' aggregates (issue 15).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_STAGE_CHECK = "stage IN ('positionne', 'selection', 'retenu', 'non_retenu', 'entre', 'abandon')"


def upgrade() -> None:
    op.create_table(
        "followups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("player_row", sa.Integer(), nullable=False),
        sa.Column("user_name", sa.String(length=80), nullable=False),
        sa.Column("training_ref", sa.String(length=200), nullable=True),
        sa.Column("training_title", sa.String(length=300), nullable=False),
        sa.Column("training_place", sa.String(length=200), nullable=True),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("stage_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.Double(), nullable=False),
        sa.CheckConstraint(_STAGE_CHECK, name="followups_stage"),
        sa.ForeignKeyConstraint(["org_id"], ["organisations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["player_row"], ["players.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("followups_player", "followups", ["player_row"])
    op.create_index("followups_org_user", "followups", ["org_id", "user_name", "stage_on"])
    op.create_table(
        "followup_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("followup_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("user_name", sa.String(length=80), nullable=False),
        sa.Column("at", sa.Double(), nullable=False),
        sa.CheckConstraint(_STAGE_CHECK, name="followup_steps_stage"),
        sa.ForeignKeyConstraint(["followup_id"], ["followups.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["org_id"], ["organisations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("followup_steps_followup", "followup_steps", ["followup_id", "id"])
    op.create_table(
        "session_counts",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["org_id"], ["organisations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("session_id"),
    )
    op.create_table(
        "dashboard_counts",
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("scenario", sa.String(length=300), nullable=False),
        sa.Column("measure", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["org_id"], ["organisations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("org_id", "month", "scenario", "measure", "key"),
    )


def downgrade() -> None:
    op.drop_table("dashboard_counts")
    op.drop_table("session_counts")
    op.drop_index("followup_steps_followup", table_name="followup_steps")
    op.drop_table("followup_steps")
    op.drop_index("followups_org_user", table_name="followups")
    op.drop_index("followups_player", table_name="followups")
    op.drop_table("followups")
