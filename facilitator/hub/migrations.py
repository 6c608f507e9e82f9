"""The laptop's hub table in the workshop file (found by ``facilitator.storage``).

``hub_pushed`` remembers, per session, the digest of what the hub acknowledged. The hub's own
database has its own history, in Alembic (``facilitator/hub/alembic``). Light on purpose: the
storage imports this module each time it opens a workshop file.
"""

from __future__ import annotations

import sqlite_utils

from facilitator.storage.migrations import Migration

_PUSHED = """
CREATE TABLE IF NOT EXISTS hub_pushed (
    session_id INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    digest TEXT NOT NULL,
    pushed_at REAL NOT NULL,
    problem TEXT
)
"""


def ensure_pushed_table(db: sqlite_utils.Database) -> None:
    """Migration 6 (IF NOT EXISTS: laptops that used the hub before it was a migration)."""
    db.conn.execute(_PUSHED)


MIGRATIONS = (Migration(6, "hub : ce que le hub a reçu de chaque session", ensure_pushed_table),)
