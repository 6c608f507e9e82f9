"""A batch's dashboard figures are written without the organisation's lock (``pending_counts``)
and added just after its commit (``dashboards.fold``): pushes of one organisation commit side
by side, and the figures stay exact, even when the addition never happened (a cut)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from hub_helpers import (
    figures_held_and_counted,
    hub_events,
    laptop_events,
    organisation_with_code,
    play,
)

from facilitator.hub import client, dashboards, schema
from facilitator.hub.people import new_device_code
from facilitator.hub.web import ServerThread
from facilitator.storage.db import open_database


def _enrolled_laptop(path: Path, url: str, code: str) -> Path:
    play(path, "demo-escape", tag=path.stem)
    play(path, "demo-rally", tag=f"{path.stem}-r")
    db = open_database(path)
    client.enrol(db, url, code)
    db.close()
    return path


def _pending(hub: sa.Engine) -> int:
    with hub.connect() as conn:
        return int(
            conn.execute(sa.select(sa.func.count()).select_from(schema.pending_counts)).scalar_one()
        )


def test_laptops_of_one_organisation_pushing_at_once_are_all_counted(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    first = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    with hub.begin() as conn:
        codes = [first] + [new_device_code(conn, "ml-rouen", time.time()) for _ in range(3)]
    laptops = [
        _enrolled_laptop(tmp_path / f"laptop{n}.db", served.url, code)
        for n, code in enumerate(codes)
    ]
    reports: list[client.PushReport] = []

    def push(path: Path) -> None:
        db = open_database(path)
        reports.append(client.push_waiting(db))
        db.close()

    threads = [threading.Thread(target=push, args=(p,)) for p in laptops]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(sorted(r.pushed) for r in reports) == [[1, 2]] * 4
    held, counted = figures_held_and_counted(hub)
    assert held == counted
    assert sum(v for k, v in held.items() if k[2] == dashboards.WORKSHOPS) == 8
    assert _pending(hub) == 0
    with hub.connect() as conn:
        kept = conn.execute(sa.select(sa.func.count()).select_from(schema.session_counts))
        assert kept.scalar_one() == 8


def test_figures_left_pending_by_a_cut_are_added_by_the_next_writer_of_the_organisation(
    tmp_path: Path, hub: sa.Engine, served: ServerThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The push committed but its request ended before the addition: the figures wait in
    ``pending_counts`` and the next change of the organisation's figures adds them once."""
    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    laptop = _enrolled_laptop(tmp_path / "laptop.db", served.url, code)
    db = open_database(laptop)
    with monkeypatch.context() as patched:
        patched.setattr(dashboards, "fold", lambda _conn, _org: None)
        assert sorted(client.push_waiting(db).pushed) == [1, 2]
    db.close()
    assert hub_events(hub, "ml-rouen") == laptop_events(laptop)
    assert _pending(hub) == 2
    held, counted = figures_held_and_counted(hub)
    assert held == {} and counted
    with hub.begin() as conn:
        org_id = conn.execute(sa.select(schema.organisations.c.id)).scalar_one()
        dashboards.refresh_followups(conn, org_id)  # any holder of the lock adds them
    assert _pending(hub) == 0
    held, counted = figures_held_and_counted(hub)
    assert held == counted
    version = sa.select(schema.organisations.c.figures_version)
    with hub.begin() as conn:
        before = conn.execute(version).scalar_one()
        dashboards.fold(conn, org_id)  # nothing waits: no lock, no new figures version
        assert conn.execute(version).scalar_one() == before
        dashboards.rebuild(conn, org_id)  # summing session_counts again gives the same
    assert figures_held_and_counted(hub)[0] == counted
