"""The dashboards' figures, kept up to date as data arrives so that a dashboard reads a few
rows (``dashboard_counts``) and never the players.

At push, ``count_session`` takes back what the session added before (``session_counts``) and
adds what it adds now: a re-push or a forget on the laptop counts once. At each follow-up
change, ``refresh_followups`` recounts that organisation's follow-ups (a few hundred rows at
most). After an erasure or retention, ``rebuild`` sums ``session_counts`` again. Each young
person counts once per stage (their first follow-up to reach it), in the month and scenario
of their workshop, so the rows of a table add up to its total.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from facilitator.hub import stages
from facilitator.hub.schema import (
    dashboard_counts,
    followup_steps,
    followups,
    organisations,
    pending_counts,
    players,
    session_counts,
    sessions,
)

WORKSHOPS = "workshops"
PLAYERS = "players"
SKILL = "skill"
JOB = "job"
#: Young people who reached each stage, and the days from the workshop to it.
FOLLOWUP_MEASURES = (
    stages.POSITIONED,
    stages.SELECTION,
    stages.RETAINED,
    stages.ENTERED,
    stages.DROPPED,
    "days_positionne",
    "days_entre",
)

Key = tuple[str, str, str, str]  # month, scenario, measure, key


def month_of(created_at: float) -> str:
    return datetime.fromtimestamp(created_at).strftime("%Y-%m")


def _session_figures(conn: sa.Connection, session_id: int) -> tuple[int, Counter[Key]] | None:
    found = conn.execute(
        sa.select(sessions.c.org_id, sessions.c.created_at, sessions.c.scenario_title).where(
            sessions.c.id == session_id
        )
    ).first()
    if found is None:
        return None
    cards = (
        json.loads(text)
        for (text,) in conn.execute(
            sa.select(players.c.card).where(players.c.session_id == session_id)
        )
    )
    return int(found.org_id), session_figures(found.created_at, found.scenario_title, cards)


def session_figures(created_at: float, title: str, cards: Iterable[dict[str, Any]]) -> Counter[Key]:
    """What one session adds to the dashboards: itself, its players, their skills and jobs."""
    month = month_of(created_at)
    counts: Counter[Key] = Counter({(month, title, WORKSHOPS, ""): 1})
    for card in cards:
        counts[(month, title, PLAYERS, "")] += 1
        for label in {s["label"] for s in card["skills"]}:
            counts[("", "", SKILL, label)] += 1
        for code, job_title in {(j[0], j[1]) for j in card["jobs"]}:
            counts[("", "", JOB, f"{code} {job_title}")] += 1
    return counts


def _add(conn: sa.Connection, org_id: int, delta: Counter[Key] | dict[Key, int]) -> None:
    rows = [
        {
            "org_id": org_id,
            "month": k[0],
            "scenario": k[1],
            "measure": k[2],
            "key": k[3],
            "value": v,
        }
        for k, v in sorted(delta.items())
        if v
    ]
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    insert = dialect.insert(dashboard_counts)
    conn.execute(
        insert.on_conflict_do_update(
            index_elements=["org_id", "month", "scenario", "measure", "key"],
            set_={"value": dashboard_counts.c.value + insert.excluded.value},
        ),
        rows,
    )
    conn.execute(
        dashboard_counts.delete().where(
            dashboard_counts.c.org_id == org_id, dashboard_counts.c.value == 0
        )
    )


def _stored(conn: sa.Connection, session_id: int) -> Counter[Key]:
    text = conn.execute(
        sa.select(session_counts.c.counts).where(session_counts.c.session_id == session_id)
    ).scalar()
    return Counter({tuple(r[:4]): int(r[4]) for r in json.loads(text)} if text else {})


def _lock(conn: sa.Connection, org_id: int) -> None:
    """One writer of an organisation's figures at a time, and a new figures version for the
    built dashboards (``dashboard_cache``), in the writer's transaction: the UPDATE holds the
    organisation's row (PostgreSQL: FOR NO KEY UPDATE, which does not block inserts
    referencing it; SQLite writes one at a time anyway) until commit, as two follow-up changes
    at once would otherwise both delete, then both add."""
    conn.execute(
        organisations.update()
        .where(organisations.c.id == org_id)
        .values(figures_version=organisations.c.figures_version + 1)
    )
    _fold_pending(conn, org_id)  # every writer first adds the pushes counted but not added


def _fold_pending(conn: sa.Connection, org_id: int) -> None:
    """Add the organisation's ``pending_counts`` to its figures and keep them as its
    sessions' ``session_counts``; the caller holds the organisation's lock."""
    pending = conn.execute(
        sa.select(pending_counts.c.session_id, pending_counts.c.counts).where(
            pending_counts.c.org_id == org_id
        )
    ).all()
    if not pending:
        return
    total: Counter[Key] = Counter()
    for _session_id, text in pending:
        for r in json.loads(text):
            total[(r[0], r[1], r[2], r[3])] += int(r[4])
    _add(conn, org_id, total)
    conn.execute(
        session_counts.insert(),
        [{"session_id": s, "org_id": org_id, "counts": text} for s, text in pending],
    )
    conn.execute(
        pending_counts.delete().where(
            pending_counts.c.session_id.in_([int(s) for s, _text in pending])
        )
    )


def fold(conn: sa.Connection, org_id: int) -> None:
    """Add the figures of pushes counted with ``count_new_sessions`` (a transaction of its
    own, after theirs): one holder of the organisation's lock adds those of every push
    committed meanwhile, and finding none, takes no lock."""
    waiting = conn.execute(
        sa.select(pending_counts.c.session_id).where(pending_counts.c.org_id == org_id).limit(1)
    ).first()
    if waiting is not None:
        _lock(conn, org_id)


def count_session(conn: sa.Connection, session_id: int) -> None:
    """Called once the session's players are written (push, re-push, forget): exact, idempotent."""
    figures = _session_figures(conn, session_id)
    if figures is None:
        return
    org_id, new = figures
    _lock(conn, org_id)
    old = _stored(conn, session_id)
    delta = {k: new.get(k, 0) - old.get(k, 0) for k in set(new) | set(old)}
    _add(conn, org_id, delta)
    conn.execute(session_counts.delete().where(session_counts.c.session_id == session_id))
    conn.execute(
        session_counts.insert().values(
            session_id=session_id,
            org_id=org_id,
            counts=json.dumps([[*k, v] for k, v in sorted(new.items())], ensure_ascii=False),
        )
    )


def count_new_sessions(conn: sa.Connection, org_id: int, figures: dict[int, Counter[Key]]) -> None:
    """What sessions pushed for the first time add, from the figures computed with their
    cards, kept in ``pending_counts``: inserts only, no lock, so that pushes of one
    organisation commit side by side rather than one after the other (each holding the
    organisation's row through its commit's disk flush: measured, 24 laptops of one
    organisation spent two thirds of their push waiting there). ``fold``, in a transaction
    of its own just after, adds them to the figures; so does any later holder of the lock."""
    if not figures:
        return
    conn.execute(
        pending_counts.insert(),
        [
            {
                "session_id": session_id,
                "org_id": org_id,
                "counts": json.dumps([[*k, v] for k, v in sorted(new.items())], ensure_ascii=False),
            }
            for session_id, new in figures.items()
        ],
    )


def after_push(conn: sa.Connection, session_id: int) -> None:
    """The one call at the end of a push: the session's figures, and the follow-ups' when a
    re-push may have removed a player (a forget on the laptop)."""
    pushed_before = conn.execute(
        sa.select(session_counts.c.org_id).where(session_counts.c.session_id == session_id)
    ).scalar()
    count_session(conn, session_id)
    if pushed_before is not None:
        refresh_followups(conn, int(pushed_before))


def refresh_followups(conn: sa.Connection, org_id: int) -> None:
    """Recount the organisation's follow-up figures from its follow-ups."""
    _lock(conn, org_id)
    conn.execute(
        dashboard_counts.delete().where(
            dashboard_counts.c.org_id == org_id,
            dashboard_counts.c.measure.in_(FOLLOWUP_MEASURES),
        )
    )
    first: dict[tuple[int, str], date] = {}
    workshop: dict[int, tuple[str, str, date]] = {}
    query = (
        sa.select(
            players.c.id,
            sessions.c.created_at,
            sessions.c.scenario_title,
            followup_steps.c.stage,
            followup_steps.c.on_date,
        )
        .join(followups, followups.c.id == followup_steps.c.followup_id)
        .join(players, players.c.id == followups.c.player_row)
        .join(sessions, sessions.c.id == players.c.session_id)
        .where(followup_steps.c.org_id == org_id, followups.c.org_id == org_id)
    )
    for row in conn.execute(query):
        workshop[row.id] = (
            month_of(row.created_at),
            row.scenario_title,
            date.fromtimestamp(row.created_at),
        )
        key = (int(row.id), str(row.stage))
        if key not in first or row.on_date < first[key]:
            first[key] = row.on_date
    counts: Counter[Key] = Counter()
    for (player, stage), on in first.items():
        if stage not in FOLLOWUP_MEASURES:
            continue
        month, title, day = workshop[player]
        counts[(month, title, stage, "")] += 1
        if stage in (stages.POSITIONED, stages.ENTERED):
            counts[(month, title, f"days_{stage}", "")] += max(0, (on - day).days)
    _add(conn, org_id, counts)


def rebuild(conn: sa.Connection, org_id: int) -> None:
    """Every figure of one organisation again from ``session_counts`` and the follow-ups."""
    _lock(conn, org_id)
    conn.execute(dashboard_counts.delete().where(dashboard_counts.c.org_id == org_id))
    total: Counter[Key] = Counter()
    for (text,) in conn.execute(
        sa.select(session_counts.c.counts).where(session_counts.c.org_id == org_id)
    ):
        for r in json.loads(text):
            total[(r[0], r[1], r[2], r[3])] += int(r[4])
    _add(conn, org_id, total)
    refresh_followups(conn, org_id)


def figures(conn: sa.Connection, org_id: int | None) -> list[Any]:
    """The stored figures of one organisation, or of all (the region): a few rows."""
    query = sa.select(dashboard_counts)
    if org_id is not None:
        query = query.where(dashboard_counts.c.org_id == org_id)
    return list(conn.execute(query).all())
