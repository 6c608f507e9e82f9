# ruff: noqa: F811  (the two_orgs fixture is imported from test_hub_pages)
"""Dashboards built once and reused, never stale; two counsellors changing follow-ups at the
same moment (threads, each its own login and transaction) on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar
from urllib.parse import parse_qs, urlsplit

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from test_hub_followup import _followup_ids, _table
from test_hub_pages import TwoOrgs, _csrf, _log_in, two_orgs  # noqa: F401 (fixture)

from facilitator.hub import dashboards, erase, followups, schema
from facilitator.hub.web import create_hub_app

TODAY = date.today()
START = TODAY - timedelta(days=10)
T = TypeVar("T")


def _figures(engine: sa.Engine) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        return sorted(tuple(r) for r in dashboards.figures(conn, None))


def _recounted(engine: sa.Engine) -> list[tuple[object, ...]]:
    """Every organisation's figures rebuilt from the sessions and the follow-ups."""
    with engine.begin() as conn:
        for org_id in conn.execute(sa.select(schema.organisations.c.id)).scalars():
            dashboards.rebuild(conn, org_id)
    return _figures(engine)


def _org_id(engine: sa.Engine, slug: str) -> int:
    o = schema.organisations
    with engine.connect() as conn:
        return int(conn.execute(sa.select(o.c.id).where(o.c.slug == slug)).scalar_one())


def _counsellor(app: Flask, name: str) -> tuple[FlaskClient, str]:
    web = app.test_client()
    assert _log_in(web, name) == 303
    return web, _csrf(web.get("/stats").get_data(as_text=True))


def _built(app: Flask) -> int:
    return int(app.extensions["declic_dashboards"].built)


def _at_once(work: Callable[[int], T], threads: int = 2) -> list[T]:
    """``work(i)`` in ``threads`` threads released together; every result or error kept."""
    barrier = threading.Barrier(threads)
    results: list[T | BaseException | None] = [None] * threads

    def one(i: int) -> None:
        barrier.wait(timeout=30)
        try:
            results[i] = work(i)
        except BaseException as error:  # the test says which thread failed and how
            results[i] = error

    running = [threading.Thread(target=one, args=(i,)) for i in range(threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join(timeout=120)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results  # type: ignore[return-value]


def _position(web: FlaskClient, csrf: str, row: int) -> None:
    answer = web.post(
        f"/joueur/{row}/suivis",
        data={"csrf": csrf, "formation": "CAP Cuisine", "date": START.isoformat()},
    )
    assert answer.status_code == 303 and "suivi=positionne" in answer.headers["Location"]


def _move(web: FlaskClient, csrf: str, followup: int, stage: str, on: date) -> tuple[int, str]:
    answer = web.post(
        f"/suivis/{followup}/etape",
        data={"csrf": csrf, "etape": stage, "date": on.isoformat()},
    )
    return answer.status_code, answer.headers.get("Location", "")


def test_a_dashboard_is_built_once_then_rebuilt_at_once_after_any_change(
    two_orgs: TwoOrgs,
) -> None:
    writer = create_hub_app(two_orgs.engine)
    reader = create_hub_app(two_orgs.engine)  # another server process: its own built tables
    web, csrf = _counsellor(writer, "conseil.ml-rouen")
    other, _ = _counsellor(reader, "admin.ml-rouen")
    rouen = two_orgs.players["ml-rouen"]
    assert len(rouen) == 5
    for row, _p, _t, _c in rouen:
        _position(web, csrf, row)
    assert _table(other, "mois")["Total"]["Positionnés"] == "5"
    built = _built(reader)
    assert other.get("/tableau-de-bord").status_code == 200
    assert _table(other, "scenarios")["Total"]["Positionnés"] == "5"
    assert _built(reader) == built  # same figures version: the tables built before
    ids = [_followup_ids(two_orgs.engine, row)[0] for row, _p, _t, _c in rouen]
    for followup in ids[:-1]:
        assert _move(web, csrf, followup, "selection", TODAY)[0] == 303
    assert _table(other, "mois")["Total"]["En sélection"] == "< 5"
    built = _built(reader)
    assert _move(web, csrf, ids[-1], "selection", TODAY)[0] == 303
    assert _table(other, "mois")["Total"]["En sélection"] == "5"  # at once, on the other server
    assert _built(reader) == built + 1
    region = reader.test_client()
    assert _log_in(region, "region.normandie") == 303
    players = sum(len(r) for r in two_orgs.players.values())
    assert _table(region, "territoires")["Total"]["Joueurs"] == str(players)
    with two_orgs.engine.begin() as conn:  # an erasure elsewhere (the CLI): a new version too
        erase.forget_player(conn, "ml-caen", two_orgs.players["ml-caen"][0][2], 2.0)
    assert _table(region, "territoires")["Total"]["Joueurs"] == str(players - 1)
    assert _figures(two_orgs.engine) == _recounted(two_orgs.engine)


def test_two_counsellors_moving_the_same_follow_ups_at_once(two_orgs: TwoOrgs) -> None:
    app = create_hub_app(two_orgs.engine)
    people = [_counsellor(app, "conseil.ml-rouen"), _counsellor(app, "admin.ml-rouen")]
    rouen = two_orgs.players["ml-rouen"]
    for row, _p, _t, _c in rouen:
        _position(*people[0], row)
    for row, _p, _t, _c in rouen:
        followup = _followup_ids(two_orgs.engine, row)[0]
        answers = _at_once(lambda i: _move(*people[i], followup, "selection", START))  # noqa: B023
        assert [status for status, _l in answers] == [303, 303], answers  # never a 500
        said = [parse_qs(urlsplit(where).query) for _s, where in answers]
        done = [q for q in said if q.get("suivi") == ["selection"]]
        refused = [q["erreur"][0] for q in said if "erreur" in q]
        assert len(done) == 1 and refused == [
            "ce suivi est déjà à l'étape « sélection » (enregistrée juste avant) : "
            "choisissez l'étape suivante"
        ], answers
    rouen_id = _org_id(two_orgs.engine, "ml-rouen")
    with two_orgs.engine.connect() as conn:
        steps = conn.execute(
            sa.select(schema.followup_steps.c.stage, sa.func.count())
            .where(schema.followup_steps.c.org_id == rouen_id)
            .group_by(schema.followup_steps.c.stage)
        ).all()
    assert dict(steps) == {"positionne": len(rouen), "selection": len(rouen)}  # none twice
    assert _figures(two_orgs.engine) == _recounted(two_orgs.engine)
    assert _table(people[0][0], "mois")["Total"]["En sélection"] == str(len(rouen))


def test_two_counsellors_moving_different_follow_ups_at_once(two_orgs: TwoOrgs) -> None:
    app = create_hub_app(two_orgs.engine)
    people = [_counsellor(app, "conseil.ml-rouen"), _counsellor(app, "admin.ml-rouen")]
    rouen = [row for row, _p, _t, _c in two_orgs.players["ml-rouen"]]
    halves = [rouen[0::2], rouen[1::2]]
    pairs = list(zip(halves[0], halves[1], strict=False))
    for pair in pairs:  # each positions one young person at the same moment
        _at_once(lambda i: _position(*people[i], pair[i]))  # noqa: B023
    for row in rouen[len(pairs) * 2 :]:
        _position(*people[0], row)
    for stage, on in (("selection", START), ("retenu", START), ("entre", TODAY)):
        for pair in pairs:
            ids = [_followup_ids(two_orgs.engine, row)[0] for row in pair]
            answers = _at_once(lambda i: _move(*people[i], ids[i], stage, on))  # noqa: B023
            assert all(status == 303 and "suivi=" in where for status, where in answers), answers
        for row in rouen[len(pairs) * 2 :]:
            status, where = _move(*people[0], _followup_ids(two_orgs.engine, row)[0], stage, on)
            assert status == 303 and "suivi=" in where
    assert _figures(two_orgs.engine) == _recounted(two_orgs.engine)
    total = _table(people[1][0], "mois")["Total"]
    assert total["Positionnés"] == total["Entrés en formation"] == str(len(rouen)) == "5"


def test_two_follow_up_changes_overlapping_in_time_count_once_each(two_orgs: TwoOrgs) -> None:
    """The store directly, with the transactions made to overlap: the first has written and
    not committed when the second starts (it waits for the first's lock on the organisation,
    whose figures both recount)."""
    engine = two_orgs.engine
    org_id = _org_id(engine, "ml-rouen")
    rows = [row for row, _p, _t, _c in two_orgs.players["ml-rouen"]]
    for first, second in zip(rows[0::2], rows[1::2], strict=False):
        wrote, started = threading.Event(), threading.Event()

        def change(
            i: int,
            pair: tuple[int, int] = (first, second),
            wrote: threading.Event = wrote,
            started: threading.Event = started,
        ) -> int | None:
            if i == 1:
                assert wrote.wait(timeout=30)
                started.set()
            with engine.begin() as conn:
                made = followups.position(
                    conn, org_id, pair[i], f"c{i}", "BPJEPS", None, START, TODAY, 1.0
                )
                if i == 0:
                    wrote.set()
                    assert started.wait(timeout=30)
                    time.sleep(0.3)  # the second is now inside its transaction
            return made

        assert all(made is not None for made in _at_once(change))
    assert _figures(engine) == _recounted(engine)
    positioned = sum(r[-1] for r in _figures(engine) if r[3] == "positionne")
    assert positioned == len(rows) // 2 * 2
