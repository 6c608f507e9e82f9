"""The durable event log: every batch of core events is committed before ``append`` returns.

A batch (the events of one action) is one transaction, so after a crash the log holds whole
actions only and replaying it gives a state the players actually saw. The player rows and the
session status are kept in step inside the same transaction. Each row keeps the event as the
JSON of ``Event.to_dict()`` plus indexed columns (sequence, wall-clock time, kind, player, team)
for the console, the debrief and the exports.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from engine.core.events import Event, GameEnded, GameStarted, PlayerJoined, event_from_dict
from facilitator.storage.players import record_join

_INSERT = (
    "INSERT INTO events (session_id, seq, at, kind, player, team, data) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_PROJECTED = frozenset({PlayerJoined.kind, GameStarted.kind, GameEnded.kind})


@dataclass(frozen=True)
class StoredEvent:
    seq: int
    at: float
    event: Event


def event_json(event: Event) -> str:
    return json.dumps(event.to_dict(), ensure_ascii=False, separators=(",", ":"))


class EventLog:
    """``engine.core.ports.EventSink`` for one session, stored in SQLite."""

    def __init__(self, db: sqlite_utils.Database, session_id: int) -> None:
        self.db = db
        self.session_id = session_id
        row = db.execute(
            "SELECT COALESCE(MAX(seq), 0) FROM events WHERE session_id = ?", (session_id,)
        ).fetchone()
        self._last_seq = int(row[0])

    def append(self, events: Sequence[Event], now: float) -> None:
        """Store ``events`` produced at wall-clock ``now``; committed when this returns."""
        self.append_batches([(events, now)])

    def append_batches(self, batches: Sequence[tuple[Sequence[Event], float]]) -> None:
        """Several batches, each with its own wall-clock time, in one transaction."""
        session_id = self.session_id
        seq = self._last_seq
        rows: list[tuple[Any, ...]] = []
        projected: list[tuple[Event, float]] = []
        for events, now in batches:
            for event in events:
                seq += 1
                rows.append(
                    (session_id, seq, now, event.kind, event.player, event.team, event_json(event))
                )
                if event.kind in _PROJECTED:
                    projected.append((event, now))
        if not rows:
            return
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")  # the write lock first, so the commit never waits
        try:
            if len(rows) == 1:
                conn.execute(_INSERT, rows[0])
            else:
                conn.executemany(_INSERT, rows)
            for event, now in projected:
                self._project(conn, event, now)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self._last_seq = seq

    def _project(self, conn: sqlite3.Connection, event: Event, now: float) -> None:
        """Keep the player rows and the session status in step with the log."""
        if isinstance(event, PlayerJoined):
            record_join(conn, self.session_id, event, now)
        else:
            status = "playing" if isinstance(event, GameStarted) else "ended"
            conn.execute("UPDATE sessions SET status = ? WHERE id = ?", (status, self.session_id))

    @property
    def last_seq(self) -> int:
        return self._last_seq

    def load(self) -> list[Event]:
        return load_events(self.db, self.session_id)


def load_stored(db: sqlite_utils.Database, session_id: int) -> list[StoredEvent]:
    """The session's events in order, with their sequence numbers and wall-clock times."""
    rows = db.execute(
        "SELECT seq, at, data FROM events WHERE session_id = ? ORDER BY seq", (session_id,)
    ).fetchall()
    return [StoredEvent(seq, at, event_from_dict(json.loads(data))) for seq, at, data in rows]


def load_events(db: sqlite_utils.Database, session_id: int) -> list[Event]:
    """The session's events in order: ``engine.core.apply.replay`` folds them into the state."""
    return [stored.event for stored in load_stored(db, session_id)]


def last_event_at(db: sqlite_utils.Database, session_id: int) -> float | None:
    row = db.execute(
        "SELECT at FROM events WHERE session_id = ? ORDER BY seq DESC LIMIT 1", (session_id,)
    ).fetchone()
    return None if row is None else float(row[0])
