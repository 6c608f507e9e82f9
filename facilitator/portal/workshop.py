"""The pages' store over a laptop's workshop database (``declic portal``).

One Mission Locale, implicit: every account is a counsellor who sees every player of this
database. One SQLite connection per server thread (``ThreadConnections``), kept between
requests.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import sqlite_utils

from facilitator.portal import data
from facilitator.portal.accounts import NOTES, check_password, name_key
from facilitator.portal.security import (
    CONSULTED,
    WROTE_NOTES,
    audit,
    audit_entries,
    audit_names,
    clear_failures,
    close_session,
    current_session,
    open_session,
    record_failure,
    throttle_key,
    wait_before_retry,
)
from facilitator.portal.store import (
    COUNSELLOR,
    Attempt,
    AuditPage,
    Login,
    PlayerPage,
    TrainingQuery,
    search_trainings,
)
from facilitator.storage.db import configure
from facilitator.storage.hub_link import read_link
from facilitator.trainings.match import Match

JOBS_SHOWN = 8  # on the counsellor's page; the young person's card shows 3


class ThreadConnections:
    """One connection per server thread, kept between requests: opening one and reading the
    schema cost more than a small page itself (the stored card image was 3× a static file
    with a connection per request). Each request leaves it as it found it: anything not
    committed is rolled back. They go with the app."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.local = threading.local()

    def get(self) -> sqlite_utils.Database:
        db: sqlite_utils.Database | None = getattr(self.local, "db", None)
        if db is None:
            db = sqlite_utils.Database(self.path)
            configure(db)  # storage's settings: WAL, full sync, foreign keys, secure delete
            self.local.db = db
        return db

    def release(self, db: sqlite_utils.Database) -> None:
        if db.conn.in_transaction:
            db.conn.rollback()


class WorkshopStore:
    """``WebStore`` over the workshop database at ``path``."""

    badge_pages = True
    local_accounts = True

    def __init__(self, path: str) -> None:
        self.connections = ThreadConnections(path)

    @property
    def db(self) -> sqlite_utils.Database:
        """This thread's connection (the badge pages read it as ``g.db`` too)."""
        return self.connections.get()

    def end_request(self) -> None:
        self.connections.release(self.db)

    # --- logins ---------------------------------------------------------------------------

    def current_login(self, cookie: str | None, now: float) -> Login | None:
        found = current_session(self.db, cookie, now)
        if found is None:
            return None
        return Login(found.counsellor.id, found.counsellor.name, COUNSELLOR, None, found.csrf)

    def try_login(self, address: str, name: str, password: str, now: float) -> Attempt:
        key = throttle_key(address, name)
        wait = wait_before_retry(self.db, key, now)
        if wait > 0:
            return Attempt(wait, None)
        counsellor = check_password(self.db, name, password)
        if counsellor is None:
            record_failure(self.db, key, now)
            return Attempt(0.0, None)
        clear_failures(self.db, key)
        return Attempt(0.0, open_session(self.db, counsellor, now))

    def close_session(self, cookie: str | None) -> None:
        close_session(self.db, cookie)

    # --- the young person -----------------------------------------------------------------

    def card_by_token(self, token: str) -> tuple[data.Card, str | None] | None:
        player = data.player_by_token(self.db, token)
        if player is None:
            return None
        link = read_link(self.db)  # once this laptop is enrolled, the page names its Mission Locale
        return data.player_card(self.db, player), link.organisation if link else None

    def card_png(self, token: str, base_url: str) -> bytes | None:
        player = data.player_by_token(self.db, token)
        if player is None:
            return None
        try:
            return data.card_png(self.db, player, base_url=base_url)
        except LookupError:
            return None

    def try_code(self, address: str, typed: str, now: float) -> Attempt:
        key = throttle_key(f"code:{address}", "code")  # its own counters, apart from logins
        wait = wait_before_retry(self.db, key, now)
        if wait > 0:
            return Attempt(wait, None)
        player = data.player_by_short_code(self.db, typed)
        if player is None:
            record_failure(self.db, key, now)
            return Attempt(0.0, None)
        return Attempt(0.0, player.token)

    # --- counsellors ----------------------------------------------------------------------

    def list_sessions(
        self, login: Login, search: str, limit: int, offset: int
    ) -> tuple[list[data.SessionRow], bool]:
        return data.list_sessions(self.db, search, limit, offset)

    def open_player(
        self, login: Login, player_id: int, address: str, now: float
    ) -> PlayerPage | None:
        ref = data.player_by_id(self.db, player_id)
        if ref is None:
            return None
        audit(self.db, login.name, ref.id, CONSULTED, address)
        card = data.player_card(self.db, ref, jobs=JOBS_SHOWN)
        row = self.db.execute(
            f"SELECT notes, updated_at, updated_by FROM {NOTES} WHERE player_id = ?", [ref.id]
        ).fetchone()
        notes = None if row is None else (str(row[0]), str(row[1]), str(row[2]))
        return PlayerPage(card, notes)

    def save_notes(self, login: Login, player_id: int, text: str, address: str, now: float) -> bool:
        ref = data.player_by_id(self.db, player_id)
        if ref is None:
            return False
        self.db.table(NOTES).upsert(
            {
                "player_id": ref.id,
                "notes": text,
                "updated_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "updated_by": login.name,
            },
            pk="player_id",
        )
        audit(self.db, login.name, ref.id, WROTE_NOTES, address)
        return True

    def match_trainings(self, query: TrainingQuery) -> list[Match]:
        return search_trainings(self.db, query)

    def stats(self, login: Login) -> data.TerritoryStats:
        return data.territory_stats(self.db)

    def audit_page(self, login: Login, name: str, before: int | None, limit: int) -> AuditPage:
        entries = audit_entries(self.db, name, before, limit)
        names = audit_names(self.db)
        return AuditPage(
            entries=entries,
            players=data.players_by_ids(self.db, [e.player_id for e in entries]),
            names=names,
            selected=next((n for n in names if name and name_key(n) == name_key(name)), ""),
        )
