"""The hub's one schema (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Every row that holds player data carries ``org_id``: pages and the sync API filter by it, so
one organisation never reads another's players. Per-organisation data that is not about
players (retention, ...) goes in ``organisation_settings``, one key per row, so a feature adds keys
rather than columns. Badge keys have their own tables (``organisation_keys``, ``device_keys``,
``badge_status``): binary keys and one revocation bit per badge do not fit that mould.

Changes to this file need an Alembic migration in ``facilitator/hub/alembic/versions``;
``tests/hub/test_hub_schema.py`` fails when the two disagree.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

ROLES = ("counsellor", "admin", "region")
MAX_ID = 2**31  # sa.Integer is 32-bit on PostgreSQL: a larger id typed in an address is unknown
ORIGINS = ("laptop", "hub")
SESSION_STATES = ("uploading", "committed")

organisations = sa.Table(
    "organisations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("slug", sa.String(64), nullable=False, unique=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("departement", sa.String(3)),
    sa.Column("created_at", sa.Double, nullable=False),
    # bumped with every change of its dashboard figures: the built dashboards' cache key
    sa.Column("figures_version", sa.BigInteger, nullable=False, server_default="0"),
)

organisation_settings = sa.Table(
    "organisation_settings",
    metadata,
    sa.Column("org_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("org_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    sa.Column("name", sa.String(80), nullable=False, unique=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("created_at", sa.Double, nullable=False),
    sa.Column("last_login_at", sa.Double),
    sa.Column("disabled_at", sa.Double),  # an admin disabled it: no login, no session
    sa.CheckConstraint("role IN ('counsellor', 'admin', 'region')", name="users_role"),
)

login_sessions = sa.Table(
    "login_sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("created_at", sa.Double, nullable=False),
    sa.Column("expires_at", sa.Double, nullable=False),
)

login_failures = sa.Table(
    "login_failures",
    metadata,
    sa.Column("key", sa.String(200), primary_key=True),  # "ip:ADDRESS" or "user:NAME"
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("last_at", sa.Double, nullable=False),
)

device_codes = sa.Table(
    "device_codes",
    metadata,
    sa.Column("code_hash", sa.String(64), primary_key=True),
    sa.Column("org_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    sa.Column("created_at", sa.Double, nullable=False),
    sa.Column("expires_at", sa.Double, nullable=False),
    sa.Column("used_at", sa.Double),
)

devices = sa.Table(
    "devices",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("org_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    sa.Column("secret_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("label", sa.String(200), nullable=False),
    sa.Column("enrolled_at", sa.Double, nullable=False),
    sa.Column("revoked_at", sa.Double),
    sa.Column("last_push_at", sa.Double),
)

scenarios = sa.Table(
    "scenarios",
    metadata,
    sa.Column("hash", sa.String(64), primary_key=True),  # sha256 of the YAML file's bytes
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("stored_at", sa.Double, nullable=False),
)

sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("org_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    sa.Column("device_id", sa.ForeignKey("devices.id", ondelete="CASCADE"), nullable=False),
    sa.Column("laptop_session", sa.Integer, nullable=False),
    sa.Column("scenario_hash", sa.ForeignKey("scenarios.hash"), nullable=False),
    sa.Column("scenario_id", sa.String(200), nullable=False),
    sa.Column("scenario_title", sa.String(300), nullable=False),
    sa.Column("created_at", sa.Double, nullable=False),
    sa.Column("state", sa.String(12), nullable=False),
    sa.Column("committed_at", sa.Double),
    sa.Column("digest", sa.String(64)),  # what the laptop pushed: events, players, scenario
    sa.UniqueConstraint("device_id", "laptop_session", name="sessions_device_laptop"),
    sa.CheckConstraint("state IN ('uploading', 'committed')", name="sessions_state"),
    sa.Index("sessions_org", "org_id", "created_at"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("session_id", sa.ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("at", sa.Double, nullable=False),
    sa.Column("kind", sa.String(64), nullable=False),
    sa.Column("player", sa.String(200)),
    sa.Column("team", sa.String(200)),
    sa.Column("data", sa.Text, nullable=False),
)

players = sa.Table(
    "players",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("org_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    sa.Column("session_id", sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    sa.Column("player_id", sa.String(200), nullable=False),
    sa.Column("pseudonym", sa.String(200), nullable=False),
    sa.Column("home_town", sa.String(200)),
    sa.Column("token", sa.String(200), nullable=False, unique=True),
    sa.Column("short_code", sa.String(16), nullable=False, unique=True),
    sa.Column("joined_at", sa.Double, nullable=False),
    sa.Column("card", sa.Text, nullable=False),  # JSON rebuilt by the hub from the events
    sa.UniqueConstraint("session_id", "player_id", name="players_session_player"),
    sa.Index("players_org", "org_id"),
)

tombstones = sa.Table(
    "tombstones",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("org_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    sa.Column("token", sa.String(200), nullable=False),
    sa.Column("origin", sa.String(8), nullable=False),
    sa.Column("at", sa.Double, nullable=False),
    sa.CheckConstraint("origin IN ('laptop', 'hub')", name="tombstones_origin"),
    sa.Index("tombstones_org", "org_id", "id"),
)

notes = sa.Table(
    "notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("org_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    sa.Column("player_row", sa.ForeignKey("players.id", ondelete="CASCADE"), nullable=False),
    sa.Column("user_name", sa.String(80), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("at", sa.Double, nullable=False),
)

access_log = sa.Table(
    "access_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("org_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    sa.Column("user_name", sa.String(80), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("player_row", sa.Integer),  # no foreign key: the log outlives an erased player
    sa.Column("at", sa.Double, nullable=False),
    sa.Index("access_log_org", "org_id", "at"),
)

organisation_keys = sa.Table(
    "organisation_keys",
    metadata,
    sa.Column("org_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("public_key", sa.String(64), nullable=False),  # publicKeyMultibase (z6Mk…)
    sa.Column("private_seed", sa.LargeBinary, nullable=False),  # 32 bytes, never served
    sa.Column("created_at", sa.Double, nullable=False),
)

device_keys = sa.Table(
    "device_keys",
    metadata,
    sa.Column("device_id", sa.ForeignKey("devices.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("org_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    sa.Column("public_key", sa.String(64), nullable=False, unique=True),  # made by the laptop
    sa.Column("registered_at", sa.Double, nullable=False),
    sa.Index("device_keys_org", "org_id"),
)

badge_status = sa.Table(
    "badge_status",
    metadata,
    sa.Column("org_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True, autoincrement=False),  # in the org's list
    sa.Column("device_id", sa.ForeignKey("devices.id", ondelete="CASCADE"), nullable=False),
    sa.Column("subject", sa.String(100)),  # opaque urn:uuid, dropped when revoked
    sa.Column("used_at", sa.Double),  # NULL: reserved for the device, not used yet
    sa.Column("revoked_at", sa.Double),
    sa.Index("badge_status_subject", "org_id", "subject"),
    sa.Index("badge_status_device", "device_id", "used_at"),
)

FOLLOWUP_STAGES = ("positionne", "selection", "retenu", "non_retenu", "entre", "abandon")
_STAGE_CHECK = "stage IN ('positionne', 'selection', 'retenu', 'non_retenu', 'entre', 'abandon')"

followups = sa.Table(  # one young person positioned on one training (issue 15)
    "followups",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("org_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    sa.Column("player_row", sa.ForeignKey("players.id", ondelete="CASCADE"), nullable=False),
    sa.Column("user_name", sa.String(80), nullable=False),  # the counsellor who follows it
    sa.Column("training_ref", sa.String(200)),  # the catalogue's id; none when typed by hand
    sa.Column("training_title", sa.String(300), nullable=False),
    sa.Column("training_place", sa.String(200)),
    sa.Column("stage", sa.String(16), nullable=False),  # the latest step's, for the lists
    sa.Column("stage_on", sa.Date, nullable=False),
    sa.Column("created_at", sa.Double, nullable=False),
    sa.CheckConstraint(_STAGE_CHECK, name="followups_stage"),
    sa.Index("followups_player", "player_row"),  # the young person's page reads by player
    sa.Index("followups_org_user", "org_id", "user_name", "stage_on"),
)

followup_steps = sa.Table(
    "followup_steps",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("org_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    sa.Column("followup_id", sa.ForeignKey("followups.id", ondelete="CASCADE"), nullable=False),
    sa.Column("stage", sa.String(16), nullable=False),
    sa.Column("on_date", sa.Date, nullable=False),
    sa.Column("reason", sa.String(16)),  # a key of stages.REASONS
    sa.Column("comment", sa.Text),  # counsellors only, never on the young person's page
    sa.Column("user_name", sa.String(80), nullable=False),
    sa.Column("at", sa.Double, nullable=False),
    sa.CheckConstraint(_STAGE_CHECK, name="followup_steps_stage"),
    sa.Index("followup_steps_followup", "followup_id", "id"),
)

session_counts = sa.Table(  # what one session adds to the dashboards, to take it back exactly
    "session_counts",
    metadata,
    sa.Column("session_id", sa.ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("org_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    sa.Column("counts", sa.Text, nullable=False),  # JSON [[month, scenario, measure, key, n]]
)

pending_counts = sa.Table(  # session_counts of pushes not yet added (dashboards.fold)
    "pending_counts",
    metadata,
    sa.Column("session_id", sa.ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("org_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    sa.Column("counts", sa.Text, nullable=False),  # as session_counts.counts
    sa.Index("pending_counts_org", "org_id"),
)

dashboard_counts = sa.Table(  # the dashboards read these few rows, never the players
    "dashboard_counts",
    metadata,
    sa.Column("org_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("month", sa.String(7), primary_key=True),  # "2026-03", "" for every month
    sa.Column("scenario", sa.String(300), primary_key=True),  # the title, "" for all
    sa.Column("measure", sa.String(32), primary_key=True),
    sa.Column("key", sa.String(300), primary_key=True),  # a skill, a job, or ""
    sa.Column("value", sa.BigInteger, nullable=False),
)

#: Tables whose rows are about players: no column may be meant for personal data.
PLAYER_TABLES = (
    sessions,
    events,
    players,
    tombstones,
    notes,
    access_log,
    badge_status,
    followups,
    followup_steps,
    session_counts,
    pending_counts,
    dashboard_counts,
)
