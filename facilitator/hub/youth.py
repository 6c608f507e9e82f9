"""The young person's pages on the hub (``/s/TOKEN``, ``/code``): one row read, no replay.

They reuse the portal's templates and the portal's plain values (``data.Card``), filled from
the card data the hub rebuilt at push time, and name the Mission Locale the player belongs to.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from facilitator.hub.schema import organisations, players, sessions
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
_SELECT = (
    sa.select(*_COLUMNS)
    .join(sessions, sessions.c.id == players.c.session_id)
    .join(organisations, organisations.c.id == players.c.org_id)
)


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
    )


def card_by_token(conn: sa.Connection, token: str) -> tuple[data.Card, str] | None:
    """The card and the Mission Locale's name for a QR link; None when unknown or erased."""
    if not token or len(token) > data.MAX_TOKEN_LENGTH:
        return None
    row = conn.execute(_SELECT.where(players.c.token == token)).first()
    return None if row is None else (card_from_row(row), str(row.organisation))


def token_by_short_code(conn: sa.Connection, typed: str) -> str | None:
    code = normalise_short_code(typed[:40])
    if len(code) != data.SHORT_CODE_LENGTH:
        return None
    found = conn.execute(sa.select(players.c.token).where(players.c.short_code == code)).first()
    return None if found is None else str(found[0])
