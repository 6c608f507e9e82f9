"""What a session keeps of its players' phones, and how ``forget`` drops a player's part.

A session played with phones keeps, in ``sessions.settings["phones"]``, the room code and
each phone's cookie as the SHA-256 of its token → the player id it stands for (never the
cookie itself): after ``declic session resume`` each phone is its player again. A forgotten
player's hashes must go too, or their phone would rejoin as them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import sqlite_utils

PHONES_SETTING = "phones"


def kept_phones(settings: dict[str, Any]) -> tuple[str | None, dict[str, str]]:
    """The room code and the cookies' hashes → player ids kept in a session's settings."""
    kept = settings.get(PHONES_SETTING) or {}
    return kept.get("code"), dict(kept.get("known") or {})


def forget_phones(
    db: sqlite_utils.Database, session_id: int, player_id: str, clean: Callable[[str], str]
) -> int:
    """Drop every cookie hash of ``player_id`` (how many), and clean the other players' ids
    as ``forget`` cleans them in the log, so their phones still find them. Runs inside the
    caller's transaction."""
    row = db.execute("SELECT settings FROM sessions WHERE id = ?", (session_id,)).fetchone()
    settings = json.loads(row[0] or "{}") if row is not None else {}
    code, known = kept_phones(settings)
    if not known:
        return 0
    kept = {digest: clean(who) for digest, who in known.items() if who != player_id}
    settings[PHONES_SETTING] = {"code": code, "known": kept}
    db.execute(
        "UPDATE sessions SET settings = ? WHERE id = ?",
        (json.dumps(settings, ensure_ascii=False), session_id),
    )
    return len(known) - len(kept)
