"""Benchmark of the hub's dashboards (issue 15), with baselines measured in the same run.

A hub holds YOUTH players in ORGS Missions Locales (5 départements, 12 months, 2 scenarios),
a tenth of them followed on a training; the figures are filled the way pushes and follow-up
changes fill them (``dashboards.count_session`` per session, ``refresh_followups`` per
organisation). Then, against ``declic hub serve`` in a subprocess:

1. baseline: `/s/TOKEN` fetched by CLIENTS keep-alive clients, alone (wrk for --wrk-seconds
   when installed, `apt-get install wrk`, as in bench/hub.py; else the Python client, with a
   warning);
2. the same load while DASHBOARD_CLIENTS region users reload `/tableau-de-bord` (every PAUSE
   seconds, 0.5 by default: people, not a loop without rest):
   the dashboard's p99 (target <= 200 ms) and the youth page's p99 beside step 1's
   (target: grows by <= 20 %).

Reuses ``bench/hub.py``'s helpers (template session, server, load); PostgreSQL (fsync on) by
default, ``--sqlite`` otherwise.

    python bench/dashboards.py [--youth 100000] [--orgs 20] [--clients 32]
                               [--dashboard-clients 1] [--pause 0.5] [--requests 8000] [--seconds 60] [--wrk-seconds 20] [--no-wrk] [--sqlite]
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import secrets
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# bench/ is sys.path[0] when a bench runs as a script: its sibling is importable.
import hub as hub_bench  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from facilitator.hub import dashboards, local, logins, schema, stages  # noqa: E402
from facilitator.hub.cards import scenario_from_bytes, session_cards  # noqa: E402
from facilitator.hub.database import open_hub  # noqa: E402
from facilitator.hub.people import User  # noqa: E402
from facilitator.portal.security import SESSION_COOKIE  # noqa: E402
from facilitator.storage.db import open_database  # noqa: E402

portal_bench = hub_bench.portal_bench
PER_SESSION = 15
MONTH = 30 * 86_400.0
START = 1_760_000_000.0
PATH = [stages.POSITIONED, stages.SELECTION, stages.RETAINED, stages.ENTERED]


def fill(url: str, youth: int, orgs: int, folder: Path) -> tuple[list[str], str, float]:
    """The hub's rows; returns the players' tokens, a region user's cookie, seconds spent
    filling the figures (as pushes and follow-up changes would, one by one)."""
    template = hub_bench.template_session(folder, PER_SESSION)
    db = open_database(template)
    push = local.build_push(db, 1)
    db.close()
    card = json.dumps(
        next(iter(session_cards(push.rows, scenario_from_bytes(push.scenario)).values())),
        ensure_ascii=False,
    )
    rng = random.Random(15)
    engine = open_hub(url)
    tokens = [secrets.token_urlsafe(24) for _ in range(youth)]
    sessions = (youth + PER_SESSION - 1) // PER_SESSION
    with engine.begin() as conn:
        conn.execute(
            schema.organisations.insert(),
            [
                {
                    "id": o + 1,
                    "slug": f"ml-{o}",
                    "name": f"Mission Locale n° {o + 1}",
                    "departement": ("14", "27", "50", "61", "76")[o % 5],
                    "created_at": 0.0,
                }
                for o in range(orgs)
            ],
        )
        conn.execute(
            schema.devices.insert(),
            [
                {
                    "id": o + 1,
                    "org_id": o + 1,
                    "secret_hash": f"x{o}",
                    "label": "l",
                    "enrolled_at": 0.0,
                }
                for o in range(orgs)
            ],
        )
        conn.execute(
            schema.scenarios.insert(),
            [{"hash": push.meta["scenario_hash"], "content": push.scenario, "stored_at": 0.0}],
        )
        conn.execute(
            schema.sessions.insert(),
            [
                {
                    "id": n + 1,
                    "org_id": n % orgs + 1,
                    "device_id": n % orgs + 1,
                    "laptop_session": n + 1,
                    "scenario_hash": push.meta["scenario_hash"],
                    "scenario_id": "demo-escape",
                    "scenario_title": ("La cuisine fermée", "Mini-rallye des métiers")[n % 2],
                    "created_at": START + (n % 12) * MONTH + n,
                    "state": "committed",
                }
                for n in range(sessions)
            ],
        )
        hub_bench.insert_players(
            conn,
            tokens,
            card,
            lambda n: (n // PER_SESSION) % orgs + 1,
            per_session=PER_SESSION,
            numbered=True,
        )
        followed, steps = [], []
        for n in range(0, youth, 10):
            org = (n // PER_SESSION) % orgs + 1
            day = date.fromtimestamp(START + ((n // PER_SESSION) % 12) * MONTH) + timedelta(days=20)
            reached = PATH[: rng.randint(1, len(PATH))]
            fid = len(followed) + 1
            for k, stage in enumerate(reached):
                steps.append(
                    {
                        "org_id": org,
                        "followup_id": fid,
                        "stage": stage,
                        "on_date": day + timedelta(days=10 * k),
                        "user_name": "c",
                        "at": 0.0,
                    }
                )
            followed.append(
                {
                    "id": fid,
                    "org_id": org,
                    "player_row": n + 1,
                    "user_name": "c",
                    "training_title": "CAP Cuisine",
                    "stage": reached[-1],
                    "stage_on": day + timedelta(days=10 * (len(reached) - 1)),
                    "created_at": 0.0,
                }
            )
        conn.execute(schema.followups.insert(), followed)
        conn.execute(schema.followup_steps.insert(), steps)
        conn.execute(
            schema.users.insert().values(
                id=1, org_id=1, name="region", role="region", password_hash="x", created_at=0.0
            )
        )
        cookie = logins.open_session(conn, User(1, 1, "region", "region"), time.time())
    began = time.perf_counter()
    for session_id in range(1, sessions + 1):
        with engine.begin() as conn:
            dashboards.count_session(conn, session_id)
    for org in range(1, orgs + 1):
        with engine.begin() as conn:
            dashboards.refresh_followups(conn, org)
    filled = time.perf_counter() - began
    with engine.connect() as conn:
        stored = conn.execute(
            sa.select(sa.func.count()).select_from(schema.dashboard_counts)
        ).scalar_one()
    engine.dispose()
    print(
        f"    {youth} joueurs, {sessions} séances, {len(followed)} suivis, {orgs} Missions Locales"
    )
    print(
        f"    figures remplies séance par séance : {filled:.1f} s ({stored} lignes lues par un tableau de bord)"
    )
    return tokens, cookie, filled


def dashboard_loop(
    port: int,
    cookie: str,
    stop: threading.Event,
    latencies: list[float],
    errors: list[int],
    pause: float = 0.0,
) -> None:
    conn = http.client.HTTPConnection(hub_bench.HOST, port, timeout=30)
    headers = {"Cookie": f"{SESSION_COOKIE}={cookie}"}
    while not stop.is_set():
        began = time.perf_counter()
        try:
            conn.request("GET", "/tableau-de-bord", headers=headers)
            response = conn.getresponse()
            body = response.read()
            ok = response.status == 200 and b"Par territoire" in body
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection(hub_bench.HOST, port, timeout=30)
        latencies.append(time.perf_counter() - began)
        errors.append(0 if ok else 1)
        stop.wait(pause)
    conn.close()


def run(args: argparse.Namespace, url: str, folder: Path) -> None:
    tokens, cookie, _filled = fill(url, args.youth, args.orgs, folder)
    paths = [f"/s/{t}" for t in tokens]
    port = portal_bench.free_port()
    server = hub_bench.serve(url, port, args.clients + args.dashboard_clients)
    try:
        alone_dash: list[float] = []
        errors: list[int] = []
        stop = threading.Event()
        timer = threading.Timer(5.0, stop.set)
        timer.start()
        dashboard_loop(port, cookie, stop, alone_dash, errors)
        portal_bench.load(port, paths, min(500, args.requests), args.clients, args.seconds)
        alone = portal_bench.closed_loop(
            port, paths, args.clients, args.wrk_seconds, args.requests, not args.no_wrk
        )
        loaded: list[float] = []
        stop = threading.Event()
        loops = [
            threading.Thread(
                target=dashboard_loop, args=(port, cookie, stop, loaded, errors, args.pause)
            )
            for _ in range(args.dashboard_clients)
        ]
        for thread in loops:
            thread.start()
        together = portal_bench.closed_loop(
            port, paths, args.clients, args.wrk_seconds, args.requests, not args.no_wrk
        )
        stop.set()
        for thread in loops:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    p = portal_bench.percentile
    print(f"    page du jeune mesurée par {alone.client}")
    print(f"    {'mesure':<62} {'requêtes':>9} {'erreurs':>8} {'p50 ms':>7} {'p99 ms':>7}")
    rows = [
        (
            "tableau de bord région, seul (référence)",
            len(alone_dash),
            0,
            p(alone_dash, 0.5),
            p(alone_dash, 0.99),
        ),
        (
            f"page du jeune, {args.clients} clients, seule (référence)",
            alone.requests,
            alone.errors,
            alone.p50,
            alone.p99,
        ),
        (
            f"page du jeune, {args.clients} clients + tableaux de bord",
            together.requests,
            together.errors,
            together.p50,
            together.p99,
        ),
        (
            f"tableau de bord région ({args.dashboard_clients} x toutes les {args.pause} s) "
            "pendant ce temps",
            len(loaded),
            sum(errors),
            p(loaded, 0.5),
            p(loaded, 0.99),
        ),
    ]
    for label, count, errs, p50, p99 in rows:
        print(f"    {label:<62} {count:>9} {errs:>8} {p50 * 1000:>7.1f} {p99 * 1000:>7.1f}")
    growth = together.p99 / alone.p99 - 1 if alone.p99 else float("inf")
    print(
        f"    tableau de bord p99 : {p(loaded, 0.99) * 1000:.0f} ms (cible <= 200 ms) ; "
        f"page du jeune p99 : {growth * 100:+.0f} % (cible <= +20 %) ; "
        f"débits {alone.rate:.0f} puis {together.rate:.0f} req/s ; "
        f"charge de la machine (1, 5, 15 min) : {hub_bench._load()}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--youth", type=int, default=100_000)
    parser.add_argument("--orgs", type=int, default=20)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--dashboard-clients", type=int, default=1)
    parser.add_argument(
        "--pause", type=float, default=0.5, help="seconds between a region user's reloads"
    )
    parser.add_argument("--requests", type=int, default=8000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--wrk-seconds", type=float, default=20.0, help="length of each wrk measure"
    )
    parser.add_argument(
        "--no-wrk", action="store_true", help="the Python client even when wrk is installed"
    )
    parser.add_argument("--sqlite", action="store_true")
    args = parser.parse_args()
    cluster: Any = None if args.sqlite else hub_bench.start_cluster(fast=False)
    try:
        with tempfile.TemporaryDirectory(prefix="declic-bench-dash-") as tmp:
            folder = Path(tmp)
            url = cluster.new_database("bench") if cluster else f"sqlite:///{folder / 'hub.db'}"
            print(
                f"tableaux de bord, hub sur {'PostgreSQL (fsync actif)' if cluster else 'SQLite'}"
            )
            run(args, url, folder)
    finally:
        if cluster is not None:
            cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
