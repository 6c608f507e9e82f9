"""The pages' store over the hub's database (``declic hub serve``).

The same pages as ``declic portal`` (``facilitator.portal.store.WebStore``), read through
``youth`` and ``reads``: every read of a player is inside the logged-in person's
organisation, and a ``region`` user gets statistics over every organisation only. Each
write is one transaction; a read that writes nothing goes through ``HubContext.reader``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TypeVar

import sqlalchemy as sa
from flask import current_app, g, has_request_context

from facilitator.hub import catalogue, logins, reads, youth
from facilitator.hub.api import HubContext
from facilitator.hub.people import check_user_password
from facilitator.hub.schema import MAX_ID
from facilitator.portal import data
from facilitator.portal.security import CONSULTED, WROTE_NOTES
from facilitator.portal.store import (
    REGION,
    Attempt,
    AuditPage,
    Login,
    PlayerPage,
    TrainingQuery,
)
from facilitator.trainings.match import Match

T = TypeVar("T")


class HubStore:
    """``WebStore`` over the hub database of ``context``."""

    badge_pages = False  # the badges stay on the laptop that signed them
    local_accounts = False  # an admin of the organisation makes them (/admin)

    def __init__(self, context: HubContext) -> None:
        self.context = context
        self.pages = youth.PageReader(context.engine)

    def write(self, work: Callable[[sa.Connection], T]) -> T:
        with self.context.engine.begin() as conn:
            return work(conn)

    def read(self, work: Callable[[sa.Connection], T]) -> T:
        """A read that writes nothing: on PostgreSQL without BEGIN/COMMIT round trips."""
        with self.context.reader.connect() as conn:
            return work(conn)

    def end_request(self) -> None:
        """Nothing held between calls: each one opened and closed its connection."""

    # --- logins ---------------------------------------------------------------------------

    def current_login(self, cookie: str | None, now: float) -> Login | None:
        if not cookie:
            return None
        found = self.read(lambda conn: logins.current_login(conn, cookie, now))
        if found is None:
            return None
        user = found.user
        return Login(user.id, user.name, user.role, user.org_id, found.csrf)

    def try_login(self, address: str, name: str, password: str, now: float) -> Attempt:
        keys = logins.login_limits(address, name)

        def attempt(conn: sa.Connection) -> Attempt:
            wait = logins.wait_before_retry(conn, keys, now)
            if wait > 0:
                return Attempt(wait, None)
            user = check_user_password(conn, name, password)
            if user is None:
                logins.record_failure(conn, keys, now)
                return Attempt(0.0, None)
            logins.clear_account(conn, keys)
            return Attempt(0.0, logins.open_session(conn, user, now))

        return self.write(attempt)

    def close_session(self, cookie: str | None) -> None:
        self.write(lambda conn: logins.close_session(conn, cookie))

    # --- the young person -----------------------------------------------------------------

    def card_by_token(self, token: str) -> tuple[data.Card, str | None] | None:
        """The card and its Mission Locale; the trainings read by the same statement are kept
        for this request only (``followup_web.youth_followups``), not asked for again."""
        page = self.pages.page(token)
        if page is None:
            return None
        if has_request_context():
            g.youth_trainings = (page.card.player.id, page.trainings)
        return page.card, page.organisation

    def card_png(self, token: str, base_url: str) -> bytes | None:
        image = self.read(lambda conn: youth.card_image(conn, token, base_url))
        if image is None:
            return None
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()

    def try_code(self, address: str, typed: str, now: float) -> Attempt:
        keys = logins.code_limits(address)

        def look(conn: sa.Connection) -> Attempt:
            wait = logins.wait_before_retry(conn, keys, now)
            if wait > 0:
                return Attempt(wait, None)
            token = youth.token_by_short_code(conn, typed)
            if token is None:
                logins.record_failure(conn, keys, now)
            return Attempt(0.0, token)

        return self.write(look)

    # --- counsellors: always inside the person's organisation -----------------------------

    @staticmethod
    def _org(login: Login) -> int:
        """The organisation a player read is limited to (the views let no region user here)."""
        if login.org_id is None or login.role == REGION:
            raise PermissionError(login.name)
        return login.org_id

    def list_sessions(
        self, login: Login, search: str, limit: int, offset: int
    ) -> tuple[list[data.SessionRow], bool]:
        org = self._org(login)
        return self.read(lambda conn: reads.org_sessions(conn, org, search, limit, offset))

    def open_player(
        self, login: Login, player_id: int, address: str, now: float
    ) -> PlayerPage | None:
        org = self._org(login)
        if not 0 < player_id < MAX_ID:
            return None

        def read(conn: sa.Connection) -> PlayerPage | None:
            shown = reads.org_player(conn, org, player_id)
            if shown is None:
                return None
            reads.log_access(conn, org, login.name, CONSULTED, player_id, now)
            return PlayerPage(shown, reads.player_notes(conn, org, player_id))

        return self.write(read)

    def save_notes(self, login: Login, player_id: int, text: str, address: str, now: float) -> bool:
        org = self._org(login)
        if not 0 < player_id < MAX_ID:
            return False

        def write(conn: sa.Connection) -> bool:
            if reads.org_player(conn, org, player_id) is None:
                return False
            reads.save_notes(conn, org, player_id, login.name, text, now)
            reads.log_access(conn, org, login.name, WROTE_NOTES, player_id, now)
            return True

        return self.write(write)

    def match_trainings(self, query: TrainingQuery) -> list[Match]:
        """The hub's catalogue (``declic hub trainings import``), searched like the laptop's."""
        configured = current_app.config.get(catalogue.CATALOGUE_ENV)
        return catalogue.search(catalogue.catalogue_path(configured), query)

    def stats(self, login: Login) -> data.TerritoryStats:
        scope = None if login.role == REGION else login.org_id
        return self.read(lambda conn: reads.territory_stats(conn, scope))

    def audit_page(self, login: Login, name: str, before: int | None, limit: int) -> AuditPage:
        org = self._org(login)
        if before is not None and before >= MAX_ID:
            before = None  # every entry is older than an id no row can have

        def read(conn: sa.Connection) -> AuditPage:
            entries = reads.org_access_log(conn, org, name, before, limit)
            names = reads.org_log_names(conn, org)
            return AuditPage(
                entries=entries,
                players=reads.org_players_by_ids(conn, org, [e.player_id for e in entries]),
                names=names,
                selected=name if name in names else "",
            )

        return self.write(read)
