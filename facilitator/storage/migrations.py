"""The schema history, oldest first. Append new migrations; never edit a released one.

Each migration is a version number, a French description and a small function run inside the
upgrade transaction; ``PRAGMA user_version`` records the last one applied. The DDL is written
out in SQL (not generated) so that a migration means the same thing forever.

Each facilitator package that keeps tables in the workshop file registers its own migrations
in its ``migrations`` module (``facilitator/trainings/migrations.py``); the storage finds them
by that name and knows nothing else of the packages above it. Version numbers are one series
shared by all packages: a new migration takes the next number.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import sqlite_utils


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[sqlite_utils.Database], None]


def _run(db: sqlite_utils.Database, statements: tuple[str, ...]) -> None:
    for statement in statements:
        db.conn.execute(statement)


_V1_SESSIONS = (
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at REAL NOT NULL,
        scenario_id TEXT NOT NULL,
        scenario_version TEXT NOT NULL,
        scenario_path TEXT NOT NULL,
        scenario_title TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'lobby' CHECK (status IN ('lobby', 'playing', 'ended')),
        settings TEXT NOT NULL DEFAULT '{}'
    )
    """,
    "CREATE INDEX sessions_created ON sessions (created_at)",
    """
    CREATE TABLE teams (
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (session_id, id)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE players (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        player_id TEXT NOT NULL,
        pseudonym TEXT NOT NULL,
        colour TEXT NOT NULL,
        avatar TEXT NOT NULL,
        team TEXT NOT NULL,
        home_town TEXT,
        token TEXT NOT NULL UNIQUE,
        short_code TEXT NOT NULL UNIQUE,
        joined_at REAL NOT NULL,
        UNIQUE (session_id, player_id),
        FOREIGN KEY (session_id, team) REFERENCES teams (session_id, id) ON DELETE CASCADE
    )
    """,
    """
    CREATE TABLE events (
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        at REAL NOT NULL,
        kind TEXT NOT NULL,
        player TEXT,
        team TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (session_id, seq)
    ) WITHOUT ROWID
    """,
    # One secondary index (each one costs a page write per commit; see bench/events.py):
    # the primary key reads a session in order, this one finds its events of a kind or player.
    "CREATE INDEX events_kind_player ON events (session_id, kind, player)",
    """
    CREATE TABLE exports (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id INTEGER REFERENCES sessions (id) ON DELETE CASCADE,
        path TEXT NOT NULL UNIQUE,
        format TEXT NOT NULL,
        player_row INTEGER,
        written_at REAL NOT NULL
    )
    """,
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)


def _v1_sessions(db: sqlite_utils.Database) -> None:
    _run(db, _V1_SESSIONS)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1, "sessions, équipes, joueurs, journal d'événements, exports, réglages", _v1_sessions
    ),
)


@cache
def all_migrations() -> tuple[Migration, ...]:
    """Every package's migrations, in version order (the storage's own first)."""
    import facilitator

    found = list(MIGRATIONS)
    for package in pkgutil.iter_modules(facilitator.__path__):
        name = f"facilitator.{package.name}.migrations"
        if package.ispkg and package.name != "storage" and importlib.util.find_spec(name):
            found += importlib.import_module(name).MIGRATIONS
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"two migrations share a version number: {versions}")
    return tuple(found)
