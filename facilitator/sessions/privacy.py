"""Erase a player everywhere (``forget``) and drop old sessions (retention ``purge``).

``forget`` keeps the game record usable for the rest of the group: the player's row (token,
short code, home town) is deleted, and their pseudonym is replaced by « (effacé) » in every
stored event of the session — the join, but also the facilitator's notes, typed answers and
team names, where it may have been written (scenario texts are left alone) — and in the
counsellors' notes on the session's other players. The hashes of the player's phone cookies
are dropped from the session, so that phone cannot come back as them. Identifiers are cleaned with the same
function everywhere, so the log still replays. Exports Déclic wrote for the session are
rewritten (or deleted when nobody is left; the evidence trail keeps the others' evidence),
then the database is vacuumed and its WAL truncated so the pseudonym is not left in free
pages.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from facilitator.credentials.status import revoke_subject
from facilitator.credentials.subjects import subject_id
from facilitator.sessions.export import FORMATS, session_figures, write_figures
from facilitator.sessions.hooks import call_hooks, has_hook
from facilitator.sessions.phones import forget_phones
from facilitator.sessions.service import get_session
from facilitator.storage.db import scrub
from facilitator.storage.exports import (
    EVIDENCE_FORMAT,
    ExportRecord,
    forget_export,
    session_exports,
)
from facilitator.storage.players import PlayerRow

ERASED = "(effacé)"
RETENTION_KEY = "retention_days"
DAY = 86_400.0
#: Event fields people type or that hold ids (which a lobby might derive from a pseudonym).
TYPED_FIELDS = frozenset(
    {"pseudonym", "team_name", "answer", "player", "team", "players", "participants"}
)
#: Events whose ``text`` is a facilitator's free note when ``source`` is ``facilitator``.
NOTE_KINDS = frozenset({"evidence_recorded"})


@dataclass
class ForgetReport:
    player: PlayerRow
    events_changed: int = 0
    exports_rewritten: list[Path] = field(default_factory=list)
    exports_deleted: list[Path] = field(default_factory=list)
    badges_revoked: int = 0
    phones_forgotten: int = 0  # the player's phone cookies' hashes dropped from the session
    clean: bool = True  # False: another program kept the WAL open; run again once it is closed


@dataclass
class PurgeReport:
    sessions: list[int] = field(default_factory=list)
    files_deleted: list[Path] = field(default_factory=list)
    clean: bool = True


def cleaner(pseudonym: str) -> Callable[[str], str]:
    """Whole-word, case-insensitive; a one- or two-letter pseudonym ("A") only as written."""
    name = pseudonym.strip()
    flags = re.IGNORECASE if len(name) > 2 else 0
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", flags)
    return lambda text: pattern.sub(ERASED, text)


def _clean_value(value: Any, clean: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [_clean_value(v, clean) for v in value]
    if isinstance(value, dict):
        return {clean(k): _clean_value(v, clean) for k, v in value.items()}
    return value


def clean_event(
    data: dict[str, Any], player_id: str, clean: Callable[[str], str]
) -> dict[str, Any]:
    """Erase the pseudonym where people type (not in scenario texts, where "A" or "Le" are words)."""
    out = dict(data)
    for key in TYPED_FIELDS & data.keys():
        out[key] = _clean_value(data[key], clean)
    if data.get("kind") in NOTE_KINDS and data.get("source") == "facilitator":
        out["text"] = clean(str(data.get("text", "")))
    if data.get("kind") == "roles_dealt":  # player ids beside the scenario's role ids
        out["roles"] = [[clean(str(p)), roles] for p, roles in data.get("roles", [])]
    if data.get("kind") == "player_joined" and data.get("player") == player_id:
        out["pseudonym"] = ERASED
    elif "pseudonym" in data:
        out["pseudonym"] = data["pseudonym"]  # another player who chose the same name keeps it
    return out


def forget(db: sqlite_utils.Database, player: PlayerRow) -> ForgetReport:
    """Erase ``player`` from the database and from the exports Déclic wrote."""
    report = ForgetReport(player)
    clean = cleaner(player.pseudonym)
    sid = player.session_id
    with db.atomic():
        db.execute("PRAGMA defer_foreign_keys = ON")  # team ids may change with their players
        db.execute("DELETE FROM players WHERE id = ?", (player.id,))
        report.badges_revoked = revoke_subject(db, subject_id(player.token))
        rows = db.execute(
            "SELECT seq, player, team, data FROM events WHERE session_id = ?", (sid,)
        ).fetchall()
        for seq, who, team, data in rows:
            new_data = json.dumps(
                clean_event(json.loads(data), player.player_id, clean),
                ensure_ascii=False,
                separators=(",", ":"),
            )
            new_who = None if who is None else clean(who)
            new_team = None if team is None else clean(team)
            if (new_data, new_who, new_team) != (data, who, team):
                db.execute(
                    "UPDATE events SET data = ?, player = ?, team = ? WHERE session_id = ? AND seq = ?",
                    (new_data, new_who, new_team, sid, seq),
                )
                report.events_changed += 1
        for team_id, name in db.execute(
            "SELECT id, name FROM teams WHERE session_id = ?", (sid,)
        ).fetchall():
            if (clean(team_id), clean(name)) != (team_id, name):
                db.execute(
                    "UPDATE teams SET id = ?, name = ? WHERE session_id = ? AND id = ?",
                    (clean(team_id), clean(name), sid, team_id),
                )
        for row_id, player_id, team in db.execute(
            "SELECT id, player_id, team FROM players WHERE session_id = ?", (sid,)
        ).fetchall():
            if (clean(player_id), clean(team)) != (player_id, team):
                db.execute(
                    "UPDATE players SET player_id = ?, team = ? WHERE id = ?",
                    (clean(player_id), clean(team), row_id),
                )
        report.phones_forgotten = forget_phones(db, sid, player.player_id, clean)
        call_hooks("after_forget", db, sid, clean)  # the portal's notes and card images
        # Before COMMIT: if the program dies here, the player is still findable and the
        # command can simply be run again.
        report.exports_rewritten, report.exports_deleted = rewrite_exports(db, sid, player)
    report.clean = scrub(db)
    return report


def rewrite_exports(
    db: sqlite_utils.Database, session_id: int, forgotten: PlayerRow | None = None
) -> tuple[list[Path], list[Path]]:
    """Bring the files Déclic wrote for a session in line with the database as it is now.

    JSON/CSV exports are written again (deleted when nobody is left), and so is the evidence
    trail (``preuves.json``): made again from the cleaned log, it keeps every other player's
    "why". A file about the forgotten player (their card), or a group file of a kind this
    module cannot rewrite, is deleted: it can be made again from the database. Files about
    other single players are left alone.
    """
    session = get_session(db, session_id)
    figures = session_figures(db, session_id)
    rewritten: list[Path] = []
    deleted: list[Path] = []
    for record in session_exports(db, session_id):
        path = record.path
        if not path.exists():
            forget_export(db, record)
            continue
        if record.player_row is not None and (
            forgotten is None or record.player_row != forgotten.id
        ):
            continue  # a file about another single player (their card) does not name this one
        if (
            record.player_row is None
            and _is_evidence_trail(record)
            and figures
            and has_hook("write_evidence_trail")
        ):
            call_hooks("write_evidence_trail", db, session_id, path)  # the summaries make it
            rewritten.append(path)
        elif record.player_row is not None or record.format not in FORMATS or not figures:
            path.unlink()
            forget_export(db, record)
            deleted.append(path)
        else:
            write_figures(path, record.format, session, figures)
            rewritten.append(path)
    return rewritten, deleted


def _is_evidence_trail(record: ExportRecord) -> bool:
    """``preuves.json``: recorded as such, or as plain JSON by a Déclic from before that
    format (then known by its "scale" key, which a figures export does not have)."""
    if record.format == EVIDENCE_FORMAT:
        return True
    if record.format != "json":
        return False
    try:
        document = json.loads(record.path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(document, dict) and "scale" in document


# --- retention --------------------------------------------------------------------------------


def get_retention(db: sqlite_utils.Database) -> int | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", (RETENTION_KEY,)).fetchone()
    return None if row is None else int(row[0])


def set_retention(db: sqlite_utils.Database, days: int | None) -> None:
    """Keep sessions ``days`` days (None: keep until purged by hand)."""
    if days is not None and days < 1:
        raise ValueError("la durée de conservation est d'au moins 1 jour")
    with db.atomic():
        if days is None:
            db.execute("DELETE FROM settings WHERE key = ?", (RETENTION_KEY,))
        else:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (RETENTION_KEY, str(days)),
            )


def purge(
    db: sqlite_utils.Database, older_than_days: float, *, now: float | None = None
) -> PurgeReport:
    """Delete sessions created more than ``older_than_days`` days ago, with their export files."""
    cutoff = (time.time() if now is None else now) - older_than_days * DAY
    report = PurgeReport()
    ids = [int(r[0]) for r in db.execute("SELECT id FROM sessions WHERE created_at < ?", (cutoff,))]
    for session_id in ids:
        for record in session_exports(db, session_id):
            if record.path.exists():
                record.path.unlink()
                report.files_deleted.append(record.path)
        with db.atomic():
            db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        report.sessions.append(session_id)
    if ids:
        report.clean = scrub(db)
    return report


def apply_retention(db: sqlite_utils.Database, *, now: float | None = None) -> PurgeReport:
    """Purge by the retention setting, if one is set."""
    days = get_retention(db)
    return PurgeReport() if days is None else purge(db, days, now=now)
