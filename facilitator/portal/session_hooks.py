"""What the portal does when a session changes (called by ``facilitator/sessions/hooks.py``)."""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils


def after_forget(db: sqlite_utils.Database, session_id: int, clean: Callable[[str], str]) -> None:
    """What the portal keeps about the session's other players: a counsellor's note may name
    the erased player (it is cleaned like the log), and a card image was drawn from the log
    as it was (it is dropped, and drawn again when asked for). The erased player's own notes
    and image went with their row."""
    from facilitator.portal.accounts import CARD_IMAGES, NOTES

    players = "SELECT id FROM players WHERE session_id = ?"
    if db.table(NOTES).exists():
        for row_id, notes in db.execute(
            f"SELECT player_id, notes FROM {NOTES} WHERE player_id IN ({players})", (session_id,)
        ).fetchall():
            if clean(notes) != notes:
                db.execute(
                    f"UPDATE {NOTES} SET notes = ? WHERE player_id = ?", (clean(notes), row_id)
                )
    if db.table(CARD_IMAGES).exists():
        db.execute(f"DELETE FROM {CARD_IMAGES} WHERE player_id IN ({players})", (session_id,))
