"""What the hub's counsellor pages read, always inside one organisation (or aggregated).

Every function that returns a player takes ``org_id`` and filters on it: a counsellor or an
admin never reads another organisation's rows. ``territory_stats`` is the only read a
``region`` user gets: counts, never a pseudonym. Values are the portal's own plain types
(``facilitator.portal.data``), so the same templates show them.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime

import sqlalchemy as sa

from facilitator.hub.schema import access_log, notes, players, sessions
from facilitator.hub.youth import card_from_row, select_players
from facilitator.portal import data
from facilitator.portal.security import AuditEntry
from facilitator.storage.players import normalise_short_code


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def org_sessions(
    conn: sa.Connection, org_id: int, search: str = "", limit: int = 500, offset: int = 0
) -> tuple[list[data.SessionRow], bool]:
    """The organisation's sessions, newest first, with ``limit`` of their players from the
    ``offset``-th on, and whether more follow (``search`` as in the portal)."""
    query = select_players().where(players.c.org_id == org_id)
    search = search.strip()
    if search:
        query = query.where(
            sa.or_(
                players.c.pseudonym.ilike(_like(search), escape="\\"),
                players.c.short_code == normalise_short_code(search),
            )
        )
    query = (
        query.order_by(
            sessions.c.created_at.desc(), sessions.c.id.desc(), players.c.joined_at, players.c.id
        )
        .limit(limit + 1)
        .offset(offset)
    )
    rows = conn.execute(query).all()
    grouped: dict[int, list[data.PlayerRef]] = {}
    for row in rows[:limit]:
        ref = card_from_row(row).player
        grouped.setdefault(ref.session_id, []).append(ref)
    found = [
        data.SessionRow(
            refs[0].session_id, refs[0].session_title, refs[0].session_date, tuple(refs)
        )
        for refs in grouped.values()
    ]
    return found, len(rows) > limit


def org_player(conn: sa.Connection, org_id: int, player_row: int) -> data.Card | None:
    row = conn.execute(
        select_players().where(players.c.id == player_row, players.c.org_id == org_id)
    ).first()
    return None if row is None else card_from_row(row)


def org_players_by_ids(
    conn: sa.Connection, org_id: int, ids: list[int]
) -> dict[int, data.PlayerRef]:
    if not ids:
        return {}
    rows = conn.execute(
        select_players().where(players.c.id.in_(sorted(set(ids))), players.c.org_id == org_id)
    )
    return {ref.id: ref for ref in (card_from_row(r).player for r in rows)}


def territory_stats(conn: sa.Connection, org_id: int | None) -> data.TerritoryStats:
    """Counts over one organisation, or over all of them (``None``: the region's view)."""
    where = [] if org_id is None else [sessions.c.org_id == org_id]
    session_count = conn.execute(
        sa.select(sa.func.count())
        .select_from(sessions)
        .where(sessions.c.state == "committed", *where)
    ).scalar_one()
    query = sa.select(players.c.card)
    if org_id is not None:
        query = query.where(players.c.org_id == org_id)
    count = completed = 0
    skills: Counter[str] = Counter()
    jobs: Counter[tuple[str, str]] = Counter()
    for (text,) in conn.execute(query):
        card = json.loads(text)
        count += 1
        completed += bool(card["completed"])
        skills.update(s["label"] for s in card["skills"])
        jobs.update((code, title) for code, title, _reason in card["jobs"])
    return data.TerritoryStats(
        sessions=int(session_count),
        players=count,
        completed=completed,
        skills=tuple(skills.most_common(10)),
        jobs=tuple((code, title, n) for (code, title), n in jobs.most_common(10)),
    )


def log_access(
    conn: sa.Connection, org_id: int, user_name: str, action: str, player_row: int, now: float
) -> None:
    conn.execute(
        access_log.insert().values(
            org_id=org_id, user_name=user_name, action=action, player_row=player_row, at=now
        )
    )


def org_access_log(
    conn: sa.Connection, org_id: int, name: str = "", before: int | None = None, limit: int = 200
) -> list[AuditEntry]:
    query = sa.select(access_log).where(access_log.c.org_id == org_id)
    if name.strip():
        query = query.where(access_log.c.user_name == name.strip().casefold())
    if before is not None:
        query = query.where(access_log.c.id < before)
    rows = conn.execute(query.order_by(access_log.c.id.desc()).limit(limit))
    return [
        AuditEntry(
            r.id,
            datetime.fromtimestamp(r.at, UTC).isoformat(timespec="seconds"),
            r.user_name,
            r.player_row or 0,
            r.action,
        )
        for r in rows
    ]


def org_log_names(conn: sa.Connection, org_id: int) -> list[str]:
    return list(
        conn.execute(
            sa.select(access_log.c.user_name)
            .where(access_log.c.org_id == org_id)
            .distinct()
            .order_by(access_log.c.user_name)
        ).scalars()
    )


def player_notes(conn: sa.Connection, org_id: int, player_row: int) -> tuple[str, str, str] | None:
    row = conn.execute(
        sa.select(notes.c.text, notes.c.at, notes.c.user_name)
        .where(notes.c.org_id == org_id, notes.c.player_row == player_row)
        .order_by(notes.c.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return (row.text, datetime.fromtimestamp(row.at, UTC).isoformat(), row.user_name)


def save_notes(
    conn: sa.Connection, org_id: int, player_row: int, user_name: str, text: str, now: float
) -> None:
    conn.execute(notes.delete().where(notes.c.org_id == org_id, notes.c.player_row == player_row))
    conn.execute(
        notes.insert().values(
            org_id=org_id, player_row=player_row, user_name=user_name, text=text, at=now
        )
    )
