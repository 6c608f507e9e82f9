"""The laptop's hub tables in the workshop file (found by ``facilitator.storage``).

``hub_pushed`` remembers, per session, the digest of what the hub acknowledged;
``hub_cards`` keeps the cards a push carries, made once per version of the session. The hub's own
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


_CARDS = """
CREATE TABLE IF NOT EXISTS hub_cards (
    session_id INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    made_for TEXT NOT NULL,
    cards TEXT NOT NULL
)
"""


def ensure_cards_table(db: sqlite_utils.Database) -> None:
    """Migration 7: the cards sent with a push, kept with what they were made from
    (``local.cards_for``) so that a push, a retry or a later push does not make them again."""
    db.conn.execute(_CARDS)


MIGRATIONS = (
    Migration(6, "hub : ce que le hub a reçu de chaque session", ensure_pushed_table),
    Migration(
        7, "hub : les cartes envoyées avec chaque session, faites une fois", ensure_cards_table
    ),
)
