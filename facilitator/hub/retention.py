"""Retention while the hub serves: old sessions go even if nobody restarts the hub.

``declic hub serve`` applies each organisation's retention at start; a hub that runs for
months must keep applying it. The application calls ``run_if_due(now)`` before each request:
at most once every ``every`` seconds (an hour by default), the first request after that
applies retention in its own transaction. No timer thread: the clock is the one the app
was given, so a test moves it by hand, and a hub nobody asks anything of has nothing to
show anyway (it deletes at its next request).
"""

from __future__ import annotations

import sys
import threading

import sqlalchemy as sa

from facilitator.hub.erase import apply_retention

RETENTION_EVERY = 3600.0


class RetentionSchedule:
    """Apply retention when ``every`` seconds have passed since the last run (or never ran)."""

    def __init__(self, engine: sa.Engine, every: float = RETENTION_EVERY) -> None:
        self.engine = engine
        self.every = every
        self.last_run: float | None = None
        self.lock = threading.Lock()
        self.deleted = 0  # sessions deleted since the process started

    def due(self, now: float) -> bool:
        return self.last_run is None or now - self.last_run >= self.every

    def run_if_due(self, now: float) -> int | None:
        """Sessions deleted now, or None when it was not due (or another thread runs it)."""
        if not self.due(now) or not self.lock.acquire(blocking=False):
            return None
        try:
            if not self.due(now):
                return None
            self.last_run = now  # even on failure: retried in an hour, not at every request
            try:
                with self.engine.begin() as conn:
                    deleted = apply_retention(conn, now)
            except sa.exc.SQLAlchemyError as error:
                print(
                    f"declic : la durée de conservation n'a pas pu être appliquée ({error}); "
                    "nouvel essai dans une heure, ou lancez declic hub retention.",
                    file=sys.stderr,
                )
                return None
            self.deleted += deleted
            return deleted
        finally:
            self.lock.release()
