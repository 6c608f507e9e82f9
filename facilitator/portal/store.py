"""What the web pages read and write, as one interface with two implementations.

``declic portal`` serves the pages over a laptop's workshop database
(``facilitator.portal.workshop.WorkshopStore``: one implicit Mission Locale, its local
accounts); ``declic hub serve`` serves the same pages over the hub's database
(``facilitator.hub.store.HubStore``: organisations, roles, every read filtered by the
logged-in person's organisation). The views (``public.py``, ``counsellor.py``) know only
this protocol, so a page is written once and behaves the same on both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

import sqlite_utils
from flask import current_app

from facilitator.portal import data
from facilitator.portal.security import AuditEntry
from facilitator.trainings.match import Match, match_trainings

STORE = "declic_store"  # the key of the application's store in ``app.extensions``
COUNSELLOR = "counsellor"
ADMIN = "admin"
REGION = "region"  # statistics of every organisation, never a player
PEOPLE = (COUNSELLOR, ADMIN)  # who may open a player's page


@dataclass(frozen=True, slots=True)
class Name:
    name: str


@dataclass(frozen=True, slots=True)
class Login:
    """The person behind a session cookie; ``org_id`` is None on a laptop (one Mission Locale)."""

    account_id: int
    name: str
    role: str
    org_id: int | None
    csrf: str

    @property
    def counsellor(self) -> Name:
        """What the templates show (« Connecté : NAME »)."""
        return Name(self.name)


@dataclass(frozen=True, slots=True)
class Attempt:
    """A throttled try (login or card code): seconds to wait first, or what it gave."""

    wait: float
    found: str | None  # the session cookie for a login, the link token for a code


@dataclass(frozen=True, slots=True)
class PlayerPage:
    card: data.Card
    notes: tuple[str, str, str] | None  # text, ISO time, author


@dataclass(frozen=True, slots=True)
class AuditPage:
    entries: list[AuditEntry]
    players: dict[int, data.PlayerRef]
    names: list[str]
    selected: str  # the name among ``names`` the filter matched, or ""


@dataclass(frozen=True, slots=True)
class TrainingQuery:
    """A counsellor's training search for one player (``facilitator.trainings.match``)."""

    codes: tuple[str, ...]
    home: tuple[float, float] | None
    today: date
    radius_km: float | None
    start_within_weeks: float | None
    remote_ok: bool
    limit: int


def search_trainings(db: sqlite_utils.Database, query: TrainingQuery) -> list[Match]:
    """``query`` in a training catalogue (the laptop's database or the hub's catalogue file)."""
    return match_trainings(
        db,
        list(query.codes),
        query.home,
        today=query.today,
        radius_km=query.radius_km,
        start_within_weeks=query.start_within_weeks,
        remote_ok=query.remote_ok,
        limit=query.limit,
    )


class WebStore(Protocol):
    """Every read and write of the pages. A method given a ``Login`` stays inside what that
    person may see; an unknown player and another organisation's are the same None."""

    #: whether the young person's page offers « Garder mes badges » (signed on a laptop)
    badge_pages: bool
    #: whether accounts are made on this computer (``declic portal add-counsellor``) rather
    #: than by an admin of the organisation
    local_accounts: bool

    def end_request(self) -> None:
        """Leave the request's connection as it was found (rollback anything not committed)."""

    def current_login(self, cookie: str | None, now: float) -> Login | None: ...

    def try_login(self, address: str, name: str, password: str, now: float) -> Attempt: ...

    def close_session(self, cookie: str | None) -> None: ...

    def card_by_token(self, token: str) -> tuple[data.Card, str | None] | None:
        """The young person's card and their Mission Locale's name (None: not enrolled)."""

    def card_png(self, token: str, base_url: str) -> bytes | None: ...

    def try_code(self, address: str, typed: str, now: float) -> Attempt: ...

    def list_sessions(
        self, login: Login, search: str, limit: int, offset: int
    ) -> tuple[list[data.SessionRow], bool]: ...

    def open_player(
        self, login: Login, player_id: int, address: str, now: float
    ) -> PlayerPage | None:
        """The player's page, its consultation written to the access log."""

    def save_notes(
        self, login: Login, player_id: int, text: str, address: str, now: float
    ) -> bool: ...

    def match_trainings(self, query: TrainingQuery) -> list[Match]:
        """Trainings for the jobs; ValueError (French) on a filter the catalogue refuses."""

    def stats(self, login: Login) -> data.TerritoryStats: ...

    def audit_page(self, login: Login, name: str, before: int | None, limit: int) -> AuditPage: ...


def web_store() -> WebStore:
    """The store of the application handling this request."""
    found: WebStore = current_app.extensions[STORE]
    return found
