"""The register of files Déclic wrote (exports, skills cards…), so privacy tools can find them.

Any part of Déclic that writes a file naming players calls ``record_export``; ``forget`` and the
retention purge then rewrite or delete those files. ``player_row`` marks a file about one player
(a skills card): it is deleted when that player is forgotten.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

#: The format recorded for ``preuves.json``, the evidence trail of a session's cards.
EVIDENCE_FORMAT = "evidence"


@dataclass(frozen=True)
class ExportRecord:
    id: int
    session_id: int | None
    path: Path
    format: str
    player_row: int | None
    written_at: float


def record_export(
    db: sqlite_utils.Database,
    path: Path,
    fmt: str,
    session_id: int | None,
    *,
    player_row: int | None = None,
    now: float | None = None,
) -> None:
    """Remember that Déclic wrote ``path`` (absolute) for a session, or for one of its players."""
    with db.atomic():
        db.execute(
            "INSERT INTO exports (session_id, path, format, player_row, written_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET "
            "session_id = excluded.session_id, format = excluded.format, "
            "player_row = excluded.player_row, written_at = excluded.written_at",
            (
                session_id,
                str(Path(path).resolve()),
                fmt,
                player_row,
                time.time() if now is None else now,
            ),
        )


def session_exports(db: sqlite_utils.Database, session_id: int) -> list[ExportRecord]:
    rows = db.execute(
        "SELECT id, session_id, path, format, player_row, written_at FROM exports "
        "WHERE session_id = ? ORDER BY id",
        (session_id,),
    ).fetchall()
    return [ExportRecord(i, s, Path(p), f, r, w) for i, s, p, f, r, w in rows]


def forget_export(db: sqlite_utils.Database, record: ExportRecord) -> None:
    db.execute("DELETE FROM exports WHERE id = ?", (record.id,))
