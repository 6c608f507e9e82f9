"""The young person's pages on the hub (``/s/TOKEN``, ``/code``): one statement, no replay.

They reuse the portal's templates and the portal's plain values (``data.Card``), filled from
the card data the hub rebuilt at push time, and name the Mission Locale the player belongs to.
"""

from __future__ import annotations

import json
from collections import namedtuple
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from facilitator.hub import followups as follow
from facilitator.hub.schema import followups, organisations, players, sessions
from facilitator.portal import data
from facilitator.storage.players import normalise_short_code

_COLUMNS = (
    players.c.id,
    players.c.session_id,
    players.c.player_id,
    players.c.pseudonym,
    players.c.short_code,
    players.c.token,
    players.c.home_town,
    players.c.card,
    sessions.c.scenario_title,
    sessions.c.created_at,
    organisations.c.name.label("organisation"),
)


def select_players() -> sa.Select[Any]:
    """Players with their session and organisation, as ``card_from_row`` reads them."""
    return (
        sa.select(*_COLUMNS)
        .join(sessions, sessions.c.id == players.c.session_id)
        .join(organisations, organisations.c.id == players.c.org_id)
    )


#: The young person's page in one statement, built once (SQLAlchemy reuses its compiled form,
#: psycopg prepares it on each pooled connection), the token its only value: the card's row
#: with their trainings joined on (one row per training, none: one row of NULLs), so the page
#: is one round trip to the database, read at the time of the request (an erased player's
#: row is gone at once: nothing is kept between requests).
_BY_TOKEN = (
    select_players()
    .add_columns(followups.c.id.label("followup_id"), *follow.YOUTH_COLUMNS)
    .outerjoin(followups, followups.c.player_row == players.c.id)
    .where(players.c.token == sa.bindparam("token"))
    .order_by(followups.c.id)
)


@dataclass(frozen=True)
class YouthPage:
    """What ``/s/TOKEN`` shows on the hub: the card, the Mission Locale, the trainings."""

    card: data.Card
    organisation: str
    trainings: list[follow.ForYouth]


def _day(created_at: float) -> str:
    return datetime.fromtimestamp(created_at).strftime("%d/%m/%Y")


def card_from_row(row: Any) -> data.Card:
    stored = json.loads(row.card)
    player = data.PlayerRef(
        id=row.id,
        session_id=row.session_id,
        game_id=row.player_id,
        pseudonym=row.pseudonym,
        team=stored.get("team_name"),
        short_code=row.short_code,
        token=row.token,
        home_town=row.home_town,
        session_title=row.scenario_title,
        session_date=_day(row.created_at),
        scenario_path="",
    )
    skills = tuple(
        data.SkillShown(
            skill=s["skill"],
            label=s["label"],
            at_work=s["at_work"],
            level=s["level"],
            level_text=s["level_text"],
            best=data.Evidence(*s["best"]),
            for_player=data.Evidence(*s["for_player"]),
            evidence=tuple(data.Evidence(*e) for e in s["evidence"]),
        )
        for s in stored["skills"]
    )
    return data.Card(
        player=player,
        skills=skills,
        self_only=tuple(stored["self_only"]),
        jobs=tuple(data.Job(*job) for job in stored["jobs"]),
        team_lines=tuple(stored["team_lines"]),
        completed=bool(stored["completed"]),
        address=stored.get("address", "vous"),  # cards stored before it was kept
    )


def page_by_token(conn: sa.Connection, token: str) -> YouthPage | None:
    """The young person's page for a QR link; None when unknown or erased."""
    if not token or len(token) > data.MAX_TOKEN_LENGTH:
        return None
    return _page(conn.execute(_BY_TOKEN, {"token": token}).all())


def _page(rows: Sequence[Any]) -> YouthPage | None:
    if not rows:
        return None
    trainings = [follow.youth_line(r) for r in rows if r.followup_id is not None]
    return YouthPage(card_from_row(rows[0]), str(rows[0].organisation), trainings)


class PageReader:
    """``page_by_token`` on the pooled connection's own driver (psycopg, sqlite3), for the
    page a whole region opens: the statement compiled once for the engine's dialect, run
    without SQLAlchemy's execution layer (per request it cost more CPU than the page's
    template), rows as plain tuples named once. Still read at the time of the request, in
    autocommit: an erasure or a follow-up change shows at the very next request."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        compiled = _BY_TOKEN.compile(dialect=engine.dialect)
        self.sql = str(compiled)
        self.positional = bool(compiled.positional)
        self.postgresql = engine.dialect.name == "postgresql"
        self.row: Any = namedtuple("_Row", list(_BY_TOKEN.selected_columns.keys()))  # type: ignore[misc]
        self.convert: list[tuple[int, Any]] | None = None  # from the first answer's types

    def page(self, token: str) -> YouthPage | None:
        if not token or len(token) > data.MAX_TOKEN_LENGTH:
            return None
        params: Any = (token,) if self.positional else {"token": token}
        pooled = self.engine.raw_connection()
        try:
            driver: Any = pooled.driver_connection
            if self.postgresql:
                driver.autocommit = True  # no BEGIN/ROLLBACK round trips for one SELECT
            try:
                cursor = driver.cursor()
                try:
                    found = cursor.execute(self.sql, params).fetchall()
                    if self.convert is None:
                        self.convert = self._conversions(cursor.description)
                finally:
                    cursor.close()
            except self.engine.dialect.loaded_dbapi.Error:
                pooled.invalidate()  # a broken connection is not given to the next request
                raise
            finally:
                if self.postgresql and not driver.closed:
                    driver.autocommit = False  # the pool's other users expect transactions
        finally:
            pooled.close()
        if self.convert:
            found = [self._converted(list(r)) for r in found]
        return _page([self.row._make(r) for r in found])

    def _conversions(self, description: Sequence[Any]) -> list[tuple[int, Any]]:
        """What SQLAlchemy's result would convert (SQLite keeps a date as text), by the
        driver's type of each column, as SQLAlchemy itself asks its types."""
        dialect = self.engine.dialect
        found = []
        for index, column in enumerate(_BY_TOKEN.selected_columns):
            kind = column.type.dialect_impl(dialect)
            convert = kind.result_processor(dialect, description[index][1])
            if convert is not None:
                found.append((index, convert))
        return found

    def _converted(self, values: list[Any]) -> list[Any]:
        for index, convert in self.convert or ():
            values[index] = convert(values[index])
        return values


def token_by_short_code(conn: sa.Connection, typed: str) -> str | None:
    code = normalise_short_code(typed[:40])
    if len(code) != data.SHORT_CODE_LENGTH:
        return None
    found = conn.execute(sa.select(players.c.token).where(players.c.short_code == code)).first()
    return None if found is None else str(found[0])


def card_image(conn: sa.Connection, token: str, base_url: str) -> Any:
    """The printed card as an image, drawn from the events as ``declic summary`` does."""
    from facilitator.hub.cards import scenario_from_bytes
    from facilitator.hub.schema import scenarios
    from facilitator.hub.sync_server import stored_rows
    from facilitator.summaries.card import address_of, build_card, layout_card
    from facilitator.summaries.draw import render_png
    from facilitator.summaries.evidence import compute_evidence
    from facilitator.summaries.jobs import propose_jobs

    if not token or len(token) > data.MAX_TOKEN_LENGTH:
        return None
    row = conn.execute(
        sa.select(
            players, sessions.c.scenario_hash, sessions.c.scenario_title, sessions.c.created_at
        )
        .join(sessions, sessions.c.id == players.c.session_id)
        .where(players.c.token == token)
    ).first()
    if row is None:
        return None
    content = conn.execute(
        sa.select(scenarios.c.content).where(scenarios.c.hash == row.scenario_hash)
    ).scalar_one()
    scenario = scenario_from_bytes(bytes(content))
    rows = stored_rows(conn, row.session_id)
    from engine.core.events import event_from_dict

    events = [event_from_dict(json.loads(r[5])) for r in rows]
    found = compute_evidence(events, scenario, refs=[r[0] for r in rows]).get(row.player_id)
    if found is None:
        return None
    levels = {s.skill: s.level for s in found.skills}
    shown = build_card(
        found,
        token=row.token,
        short_code=row.short_code,
        scenario_title=row.scenario_title,
        day=datetime.fromtimestamp(row.created_at).date(),
        jobs=propose_jobs(levels, scenario.jobs if scenario else ()),
        address=address_of(scenario),
    )
    return render_png(layout_card(shown, base_url), None, px_per_mm=4.0)
