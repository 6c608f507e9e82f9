"""Push finished sessions in the background when this laptop is enrolled (best effort).

Offline first: a workshop never waits for the network. The push runs in a daemon thread on
its own database connection; it first makes and stores the finished sessions' cards
(``local.prepare_cards``, even with no network), then pushes. Any failure leaves the sessions
waiting, and the next game end, the next new session or ``declic hub push`` tries again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import sqlite_utils

from facilitator.storage.hub_link import read_link

_running = threading.Lock()


def after_game(db: sqlite_utils.Database) -> None:
    """Called by ``facilitator.sessions`` (``sessions/hooks.py``) when a workshop is created
    or a game ends: sessions do not import the hub, which builds on them."""
    push_in_background(db)


def database_file(db: sqlite_utils.Database) -> str | None:
    row = db.execute("PRAGMA database_list").fetchone()
    return str(row[2]) if row and row[2] else None


def push_in_background(db: sqlite_utils.Database) -> threading.Thread | None:
    """Start pushing what waits, if enrolled and no push is already running; never raises."""
    try:
        if read_link(db) is None:
            return None
        path = database_file(db)
    except Exception:  # a database without settings yet: nothing to push
        return None
    if path is None or not _running.acquire(blocking=False):
        return None
    thread = threading.Thread(target=_push, args=(path,), name="declic-hub-push", daemon=True)
    thread.start()
    return thread


def _push(path: str) -> None:
    try:
        from facilitator.hub.client import push_waiting
        from facilitator.hub.local import prepare_cards
        from facilitator.storage.db import open_database

        db = open_database(path)
        try:
            prepare_cards(db)  # while the game's end is fresh, whatever the network
            push_waiting(db, attempts=3)
        finally:
            db.close()
    except Exception:  # best effort: the sessions stay waiting, retried later
        pass
    finally:
        _running.release()


def after_forget(db: sqlite_utils.Database, session_id: int, clean: Callable[[str], str]) -> None:
    """The cards stored for the session's push hold the erased player's pseudonym and are
    made from the log as it was: dropped, made again from the cleaned log by the next push."""
    del clean  # nothing to clean: the whole stored copy goes
    if db.table("hub_cards").exists():
        db.execute("DELETE FROM hub_cards WHERE session_id = ?", (session_id,))
