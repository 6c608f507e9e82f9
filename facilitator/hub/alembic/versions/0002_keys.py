"""Badge keys: each organisation's Ed25519 key, the laptops' keys and their revocation bits.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisation_keys",
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("private_seed", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.Double(), nullable=False),
        sa.ForeignKeyConstraint(["org_id"], ["organisations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("org_id"),
    )
    op.create_table(
        "device_keys",
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("registered_at", sa.Double(), nullable=False),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["org_id"], ["organisations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("device_id"),
        sa.UniqueConstraint("public_key"),
    )
    op.create_index("device_keys_org", "device_keys", ["org_id"], unique=False)
    op.create_table(
        "badge_status",
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("idx", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=100), nullable=True),
        sa.Column("used_at", sa.Double(), nullable=True),
        sa.Column("revoked_at", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["org_id"], ["organisations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("org_id", "idx"),
    )
    op.create_index("badge_status_device", "badge_status", ["device_id", "used_at"], unique=False)
    op.create_index("badge_status_subject", "badge_status", ["org_id", "subject"], unique=False)
    # Existing organisations get their key lazily, the first time it is needed
    # (facilitator.hub.org_keys.organisation_key): a migration has no randomness to spare.


def downgrade() -> None:
    op.drop_index("badge_status_subject", table_name="badge_status")
    op.drop_index("badge_status_device", table_name="badge_status")
    op.drop_table("badge_status")
    op.drop_index("device_keys_org", table_name="device_keys")
    op.drop_table("device_keys")
    op.drop_table("organisation_keys")
