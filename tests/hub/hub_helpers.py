"""Helpers of the hub tests: laptops with played sessions, a hub served on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from pathlib import Path

import sqlalchemy as sa

from declic.shipped import resolve_scenario
from engine.walkthrough import default_walkthrough, load_walkthrough
from facilitator.hub import dashboards, schema
from facilitator.hub.people import add_organisation, add_user, new_device_code
from facilitator.sessions.service import GameSession, create_session
from facilitator.storage.db import open_database

STARTED = 1_788_000_000.0
PASSWORD = "la girafe mange des nuages violets"


def play(
    db_path: Path, scenario: str = "demo-escape", start: float = STARTED, tag: str = ""
) -> int:
    """Play a shipped scenario's walkthrough to its end; pseudonyms get ``tag`` appended."""
    db = open_database(db_path)
    path = resolve_scenario(scenario)
    session = create_session(db, path, now=start)
    game = GameSession.open(db, session.id)
    for action, now, _step in load_walkthrough(default_walkthrough(path)).actions(start):
        pseudonym = getattr(action, "pseudonym", None)
        if tag and pseudonym:
            action = dataclasses.replace(action, pseudonym=f"{pseudonym}{tag}")
        game.step(action, now)
    db.close()
    return session.id


def organisation_with_code(engine: sa.Engine, slug: str, name: str) -> str:
    """An organisation with an admin and a counsellor; returns a fresh device code."""
    with engine.begin() as conn:
        add_organisation(conn, slug, name, "76", 1.0)
        add_user(conn, f"admin.{slug}", slug, "admin", PASSWORD, 1.0)
        add_user(conn, f"conseil.{slug}", slug, "counsellor", PASSWORD, 1.0)
        return new_device_code(conn, slug, time.time())


def laptop_events(db_path: Path) -> dict[int, list[tuple[int, float, str]]]:
    db = open_database(db_path)
    found: dict[int, list[tuple[int, float, str]]] = {}
    for sid, seq, at, data in db.execute(
        "SELECT session_id, seq, at, data FROM events ORDER BY session_id, seq"
    ):
        found.setdefault(int(sid), []).append((int(seq), float(at), str(data)))
    db.close()
    return found


def hub_events(engine: sa.Engine, org_slug: str) -> dict[int, list[tuple[int, float, str]]]:
    """The hub's events of one organisation, keyed by the laptop's session number."""
    s, e, o = schema.sessions, schema.events, schema.organisations
    query = (
        sa.select(s.c.laptop_session, e.c.seq, e.c.at, e.c.data)
        .join(e, e.c.session_id == s.c.id)
        .join(o, o.c.id == s.c.org_id)
        .where(o.c.slug == org_slug)
        .order_by(s.c.laptop_session, e.c.seq)
    )
    found: dict[int, list[tuple[int, float, str]]] = {}
    with engine.connect() as conn:
        for sid, seq, at, data in conn.execute(query):
            found.setdefault(int(sid), []).append((int(seq), float(at), str(data)))
    return found


def figures_held_and_counted(
    hub: sa.Engine,
) -> tuple[dict[dashboards.Key, int], dict[dashboards.Key, int]]:
    """The dashboard figures the hub holds, and those counted again from its stored players."""
    total: Counter[dashboards.Key] = Counter()
    with hub.connect() as conn:
        for session_id in conn.execute(sa.select(schema.sessions.c.id)).scalars():
            figures = dashboards._session_figures(conn, session_id)
            assert figures is not None
            total.update(figures[1])
            assert dashboards._stored(conn, session_id) in (figures[1], Counter())
        held = {
            (r.month, r.scenario, r.measure, r.key): r.value
            for r in conn.execute(sa.select(schema.dashboard_counts))
        }
    return held, dict(total)
