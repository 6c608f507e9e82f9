"""Benchmark of the hub, with baselines measured in the same run.

(a) sync: LAPTOPS simulated laptops (each its own workshop database) push SESSIONS finished
    sessions of PLAYERS players each, concurrently, through a proxy on 127.0.0.1 that cuts at
    least CUT_RATE of the connections, at a random byte of the request or of the response
    (``CuttingProxy``: where the cuts landed is printed); retries until everything is
    acknowledged. The CPU of the laptops' threads and of the proxy's is printed apart.
    Checks 0 lost and 0 duplicated events, and prints the time beside a bare bulk insert of
    the same rows into an empty hub database (target: at most 3x). Each laptop made its
    sessions' cards when each game ended (``local.prepare_cards``, as ``session_hooks`` does,
    even offline), before the timed push; that time is printed too, and the ratio with it.
    A second figure, CPU rather than time: the hub's and PostgreSQL's CPU for the push beside
    the CPU of the fastest bulk insert (Python and PostgreSQL); the laptops' and the proxy's
    CPU, here taken from the same 2 cores, is printed beside it (in real life 24 other
    machines). It does not replace the time ratio, which is the target.
(b) youth page: a hub holding YOUTH players, `/s/TOKEN` fetched by CLIENTS keep-alive
    clients, p50/p99 beside a static file served by the same server (targets: p99 <= 50 ms
    and <= 2x the static file). Measured by wrk (`apt-get install wrk`: C, an event loop, a
    Lua script drawing a random token per request) for --wrk-seconds, then by the Python
    client (bench/portal.py: load) for comparison; without wrk, the Python client alone,
    with a warning: its threads share the 2 cores and the GIL with the server.
(c) dashboards (issue 15): `bench/dashboards.py` run after (a) and (b) with the same --youth,
    --clients and --sqlite: the regional dashboard's p99 while CLIENTS load `/s/TOKEN`
    (target <= 200 ms) and the youth page's p99 growth (target <= 20 %). Its own script so it
    can be run alone; --skip-dashboards leaves it out.

The hub runs as `declic hub serve` in a subprocess on 127.0.0.1, on a throwaway PostgreSQL
cluster (fsync on) started for the run (or SQLite with --sqlite). Everything is bounded in
count and time.

    python bench/hub.py [--laptops 24] [--sessions 2000] [--players 15] [--cut-rate 0.05]
                        [--youth 100000] [--clients 32] [--requests 8000] [--seconds 60]
                        [--wrk-seconds 20] [--workers 1] [--youth-threads 0] [--sqlite]
                        [--skip-sync] [--skip-youth] [--skip-dashboards]
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import os
import resource
import secrets
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from declic.shipped import resolve_scenario  # noqa: E402
from engine.core import actions as ac  # noqa: E402
from engine.walkthrough import default_walkthrough, load_walkthrough  # noqa: E402
from facilitator.hub import client, local, schema  # noqa: E402
from facilitator.hub.cards import scenario_from_bytes, scenario_hash, session_cards  # noqa: E402
from facilitator.hub.cutting_proxy import CuttingProxy  # noqa: E402
from facilitator.hub.database import open_hub  # noqa: E402
from facilitator.hub.people import add_organisation, new_device_code  # noqa: E402
from facilitator.hub.pgcluster import Cluster, start_cluster  # noqa: E402
from facilitator.hub.sync_server import insert_rows  # noqa: E402
from facilitator.sessions.service import GameSession, create_session  # noqa: E402
from facilitator.storage.db import open_database  # noqa: E402
from facilitator.storage.hub_link import read_link  # noqa: E402
from facilitator.storage.players import new_short_code, new_token  # noqa: E402

_spec = importlib.util.spec_from_file_location("bench_portal", ROOT / "bench" / "portal.py")
assert _spec and _spec.loader
portal_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(portal_bench)
HOST = "127.0.0.1"


# --- data ----------------------------------------------------------------------------------


def template_session(folder: Path, players: int) -> Path:
    """One played, finished session of the shipped escape game with ``players`` players."""
    path = folder / "template.db"
    scenario = resolve_scenario("demo-escape")
    walkthrough = load_walkthrough(default_walkthrough(scenario))
    db = open_database(path)
    start = 1_780_000_000.0
    session = create_session(db, scenario, now=start)
    game = GameSession.open(db, session.id)
    planned = [(action, now) for action, now, _ in walkthrough.actions(start)]
    joins = [a for a, _ in planned if isinstance(a, ac.Join)]
    extra = [
        (dataclasses.replace(joins[0], player=f"x{n}", pseudonym=f"Joueur{n}"), start)
        for n in range(max(0, players - len(joins)))
    ]
    game.step_together(planned[: len(joins)] + extra + planned[len(joins) :])
    db.close()
    return path


def laptop(template: Path, path: Path, sessions: int) -> None:
    """A laptop database holding ``sessions`` copies of the template session (fresh tokens)."""
    open_database(path).close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous = OFF")
    con.execute("ATTACH DATABASE ? AS t", (str(template),))
    session = con.execute("SELECT * FROM t.sessions").fetchone()
    teams = con.execute("SELECT id, name FROM t.teams").fetchall()
    players = con.execute(
        "SELECT player_id, pseudonym, colour, avatar, team, home_town, joined_at FROM t.players"
    ).fetchall()
    events = con.execute("SELECT seq, at, kind, player, team, data FROM t.events").fetchall()
    with con:
        for n in range(sessions):
            sid = n + 1
            con.execute(
                "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, 'ended', ?)",
                (sid, session[1] + n * 3600, *session[2:6], session[7]),
            )
            con.executemany("INSERT INTO teams VALUES (?, ?, ?)", [(sid, *t) for t in teams])
            con.executemany(
                "INSERT INTO players (session_id, player_id, pseudonym, colour, avatar, team, "
                "home_town, token, short_code, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(sid, *p[:6], new_token(), new_short_code(), p[6]) for p in players],
            )
            con.executemany(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", [(sid, *e) for e in events]
            )
    con.close()


def serve(url: str, port: int, threads: int, workers: int = 1) -> subprocess.Popen[bytes]:
    """``declic hub serve`` (granian) in a subprocess; ``threads`` 0: its default."""
    command = [sys.executable, "-m", "declic", "hub", "serve", "--db", url, "--port", str(port)]
    command += ["--workers", str(workers)] + (["--threads", str(threads)] if threads else [])
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # granian's start and stop lines
        cwd=ROOT,
    )
    portal_bench.wait_until_up(port, time.monotonic() + 60)
    return process


# --- (a) sync ------------------------------------------------------------------------------


def bulk_insert(
    url: str, laptops: list[Path], *, one_statement: bool = False, pg_pids: Any = lambda: []
) -> tuple[float, float, float]:
    """The baseline: the same sessions, events and players inserted straight into the hub, in
    one transaction; returns (seconds, Python CPU seconds, PostgreSQL CPU seconds) of the
    insert alone (the rows are read from the laptops before). By SQLAlchemy's executemany,
    or with ``one_statement`` by the statement the hub's push uses (``insert_rows``: one
    INSERT ... SELECT FROM json_to_recordset per 20,000 rows), the faster of the two here."""
    engine = open_hub(url)
    rows_s, rows_e, rows_p = [], [], []
    content = None
    next_id = 0
    for device, path in enumerate(laptops, start=1):
        db = open_database(path)
        for (sid,) in db.execute("SELECT id FROM sessions").fetchall():
            push = local.build_push(db, sid)
            content = push.scenario
            next_id += 1
            rows_s.append(
                {
                    "id": next_id,
                    "org_id": 1,
                    "device_id": device,
                    "laptop_session": sid,
                    "scenario_hash": push.meta["scenario_hash"],
                    "scenario_id": push.meta["scenario_id"],
                    "scenario_title": push.meta["scenario_title"],
                    "created_at": push.meta["created_at"],
                    "state": "committed",
                    "digest": push.digest,
                }
            )
            rows_e += [
                {
                    "session_id": next_id,
                    "seq": r[0],
                    "at": r[1],
                    "kind": r[2],
                    "player": r[3],
                    "team": r[4],
                    "data": r[5],
                }
                for r in push.rows
            ]
            rows_p += [
                {
                    "org_id": 1,
                    "session_id": next_id,
                    "player_id": p["player_id"],
                    "pseudonym": p["pseudonym"],
                    "home_town": p["home_town"],
                    "token": p["token"],
                    "short_code": p["short_code"],
                    "joined_at": p["joined_at"],
                    "card": "{}",
                }
                for p in push.players
            ]
        db.close()
    assert content is not None
    pg_before = _cpu_seconds(pg_pids())
    py_before = _own_cpu()
    began = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(
            schema.organisations.insert(), [{"id": 1, "slug": "o", "name": "O", "created_at": 0.0}]
        )
        conn.execute(
            schema.devices.insert(),
            [
                {"id": d, "org_id": 1, "secret_hash": str(d), "label": "l", "enrolled_at": 0.0}
                for d in range(1, len(laptops) + 1)
            ],
        )
        conn.execute(
            schema.scenarios.insert(),
            [{"hash": scenario_hash(content), "content": content, "stored_at": 0.0}],
        )
        for table, rows in (
            (schema.sessions, rows_s),
            (schema.events, rows_e),
            (schema.players, rows_p),
        ):
            for start in range(0, len(rows), 20_000):
                if one_statement:
                    insert_rows(conn, table, rows[start : start + 20_000])
                else:
                    conn.execute(table.insert(), rows[start : start + 20_000])
    took = time.perf_counter() - began
    py_cpu = _own_cpu() - py_before
    pg_cpu = _cpu_seconds(pg_pids()) - pg_before
    engine.dispose()
    return took, py_cpu, pg_cpu


def sync_bench(
    args: argparse.Namespace, new_url: Any, folder: Path, pg_pids: Any = lambda: []
) -> None:
    per_laptop = [
        args.sessions // args.laptops + (n < args.sessions % args.laptops)
        for n in range(args.laptops)
    ]
    template = template_session(folder, args.players)
    paths = []
    for n, count in enumerate(per_laptop):
        paths.append(folder / f"laptop-{n}.db")
        laptop(template, paths[-1], count)
    prepared = time.perf_counter()
    for path in paths:  # what each game's end did on the laptop, offline (session_hooks)
        db = open_database(path)
        local.prepare_cards(db)
        db.close()
    prepared = time.perf_counter() - prepared
    url = new_url()
    engine = open_hub(url)
    with engine.begin() as conn:
        add_organisation(conn, "ml-bench", "Mission Locale du banc d'essai", None, time.time())
        codes = [new_device_code(conn, "ml-bench", time.time()) for _ in paths]
    port = portal_bench.free_port()
    server = serve(url, port, args.threads, args.workers)
    try:
        with CuttingProxy(port, rate=args.cut_rate, max_offset=60_000, seed=3) as proxy:
            for path, code in zip(paths, codes, strict=True):
                db = open_database(path)
                client.enrol(db, f"http://{HOST}:{port}", code)
                db.close()
            failures: list[str] = []
            laptop_cpu: list[float] = []

            def push(path: Path) -> None:
                began = time.thread_time()
                db = open_database(path)
                link = read_link(db)
                assert link is not None
                hub = client.HubClient(proxy.url, link.credential)
                for _round in range(20):  # a clean push has pushed all that waited
                    report = client.push_waiting(db, client=hub)
                    if not (report.failed or report.unreachable or report.refused):
                        break
                db.close()
                laptop_cpu.append(time.thread_time() - began)  # list.append: thread-safe

            threads = [threading.Thread(target=push, args=(p,)) for p in paths]
            cpu_before = (
                _own_cpu(),
                _cpu_seconds(_with_children(server.pid)),
                _cpu_seconds(pg_pids()),
            )
            began = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            took = time.perf_counter() - began
            cpu = (
                _own_cpu() - cpu_before[0],
                _cpu_seconds(_with_children(server.pid)) - cpu_before[1],
                _cpu_seconds(pg_pids()) - cpu_before[2],
            )
            cuts, connections = proxy.cuts, proxy.connections
            cut_split = (proxy.request_cuts, proxy.response_cuts)
        proxy_cpu = proxy.cpu  # known once its thread stopped
    finally:
        server.terminate()
        server.wait(timeout=30)
    expected: set[tuple[int, int, int]] = set()
    for device, path in enumerate(paths, start=1):
        db = open_database(path)
        if not all(s.pushed for s in local.session_state(db)):  # checked once timing is over
            failures.append(str(path))
        expected |= {
            (device, int(s), int(q)) for s, q in db.execute("SELECT session_id, seq FROM events")
        }
        db.close()
    s, e = schema.sessions, schema.events
    with engine.connect() as conn:
        held = [
            (int(d), int(ls), int(q))
            for d, ls, q in conn.execute(
                sa.select(s.c.device_id, s.c.laptop_session, e.c.seq).join(
                    e, e.c.session_id == s.c.id
                )
            )
        ]
        players = conn.execute(sa.select(sa.func.count()).select_from(schema.players)).scalar_one()
    engine.dispose()
    lost = len(expected - set(held))
    duplicated = len(held) - len(set(held)) + len(set(held) - expected)
    plain, *plain_cpu = bulk_insert(new_url(), paths, pg_pids=pg_pids)
    fastest, *fastest_cpu = bulk_insert(new_url(), paths, one_statement=True, pg_pids=pg_pids)
    baseline = min(plain, fastest)
    bulk_cpu = plain_cpu if plain <= fastest else fastest_cpu  # that of the fastest
    print(
        f"(a) synchronisation : {len(paths)} postes, {sum(per_laptop)} séances, {players} joueurs, {len(expected)} événements"
    )
    print(
        f"    connexions coupées par le proxy : {cuts} sur {connections} ({100 * cuts / max(1, connections):.1f} %) :"
        f" {cut_split[0]} au milieu de la requête, {cut_split[1]} au milieu de la réponse"
    )
    print(f"    perdus : {lost}   en double : {duplicated}   postes en échec : {len(failures)}")
    print(
        f"    insertion brute des mêmes lignes : executemany {plain:.2f} s, une instruction par table (celle de l'envoi) {fastest:.2f} s"
    )
    print(
        f"    envoi concurrent : {took:.1f} s   insertion brute la plus rapide : {baseline:.2f} s   rapport : {took / baseline:.1f}x (cible <= 3x)"
    )
    print(
        f"    cartes faites à la fin de chaque partie sur les postes (avant l'envoi, hors chrono) : {prepared:.1f} s"
        f" sur un seul cœur ; envoi + ce temps : {took + prepared:.1f} s, rapport {(took + prepared) / baseline:.1f}x"
    )
    print(
        f"    temps CPU de l'envoi : postes + proxy {cpu[0]:.1f} s, hub {cpu[1]:.1f} s, PostgreSQL {cpu[2]:.1f} s"
        f"   de l'insertion brute la plus rapide : Python {bulk_cpu[0]:.1f} s, PostgreSQL {bulk_cpu[1]:.1f} s"
    )
    print(
        f"    dont les fils des {len(paths)} postes {sum(laptop_cpu):.2f} s et le fil du proxy {proxy_cpu:.2f} s"
    )
    hub_cpu, bulk_total = cpu[1] + cpu[2], bulk_cpu[0] + bulk_cpu[1]
    print(
        f"    second chiffre (CPU, pas le temps) : hub + PostgreSQL {hub_cpu:.1f} s contre {bulk_total:.1f} s"
        f" pour l'insertion brute, rapport {hub_cpu / max(bulk_total, 0.01):.1f}x ; ici les 24 postes et le proxy"
        f" prennent en plus {cpu[0]:.1f} s des 2 mêmes cœurs, ailleurs ce sont 24 autres machines"
    )


# --- (b) youth page ------------------------------------------------------------------------


def fill_youth(youth: int, url: str, folder: Path) -> list[str]:
    """A hub database at ``url`` holding ``youth`` players of one organisation, fifteen a
    session, each with the card of a played session; returns their link tokens."""
    template = template_session(folder, 15)
    db = open_database(template)
    push = local.build_push(db, 1)
    db.close()
    cards = session_cards(push.rows, scenario_from_bytes(push.scenario))
    card = json.dumps(next(iter(cards.values())), ensure_ascii=False)
    engine = open_hub(url)
    tokens = [secrets.token_urlsafe(24) for _ in range(youth)]
    with engine.begin() as conn:
        conn.execute(
            schema.organisations.insert(),
            [{"id": 1, "slug": "o", "name": "Mission Locale de Rouen", "created_at": 0.0}],
        )
        conn.execute(
            schema.devices.insert(),
            [{"id": 1, "org_id": 1, "secret_hash": "x", "label": "l", "enrolled_at": 0.0}],
        )
        conn.execute(
            schema.scenarios.insert(),
            [{"hash": push.meta["scenario_hash"], "content": push.scenario, "stored_at": 0.0}],
        )
        sessions = (youth + 14) // 15
        conn.execute(
            schema.sessions.insert(),
            [
                {
                    "id": n + 1,
                    "org_id": 1,
                    "device_id": 1,
                    "laptop_session": n + 1,
                    "scenario_hash": push.meta["scenario_hash"],
                    "scenario_id": "demo-escape",
                    "scenario_title": "La cuisine fermée",
                    "created_at": 1_780_000_000.0,
                    "state": "committed",
                }
                for n in range(sessions)
            ],
        )
        insert_players(conn, tokens, card, lambda n: 1, per_session=15)
    engine.dispose()
    return tokens


def youth_bench(args: argparse.Namespace, new_url: Any, folder: Path) -> None:
    url = new_url()
    tokens = fill_youth(args.youth, url, folder)
    port = portal_bench.free_port()
    server = serve(url, port, args.youth_threads, args.workers)
    try:
        results = []
        for label, paths in (
            ("fichier statique /static/portal.css", ["/static/portal.css"]),
            (f"page du jeune /s/TOKEN ({args.youth} joueurs)", [f"/s/{t}" for t in tokens]),
        ):
            portal_bench.load(
                port, paths, min(500, args.requests), args.clients, args.seconds
            )  # warm-up
            measured = portal_bench.load_wrk(port, paths, args.clients, args.wrk_seconds)
            if measured is not None:
                results.append(
                    (
                        "wrk",
                        label,
                        measured.requests,
                        measured.errors,
                        measured.rate,
                        measured.p50,
                        measured.p99,
                    )
                )
            elapsed, latencies, errors = portal_bench.load(
                port, paths, args.requests, args.clients, args.seconds
            )
            results.append(
                (
                    "python",
                    label,
                    len(latencies),
                    errors,
                    len(latencies) / elapsed,
                    portal_bench.percentile(latencies, 0.5),
                    portal_bench.percentile(latencies, 0.99),
                )
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"(b) page du jeune, {args.clients} clients keep-alive en boucle fermée, "
        f"serveur granian : {args.workers} processus x {args.youth_threads or '4 (défaut)'} fils"
    )
    if not any(row[0] == "wrk" for row in results):
        print(f"    {portal_bench.WRK_MISSING}")
    print(
        f"    {'client':<7} {'page':<42} {'requêtes':>9} {'erreurs':>8} {'req/s':>7} "
        f"{'p50 ms':>7} {'p99 ms':>7}"
    )
    for generator, label, count, errors, rate, p50, p99 in results:
        print(
            f"    {generator:<7} {label:<42} {count:>9} {errors:>8} {rate:>7.0f} "
            f"{p50 * 1000:>7.1f} {p99 * 1000:>7.1f}"
        )
    for generator in ("wrk", "python"):
        static, page = [row[6] for row in results if row[0] == generator] or [0.0, 0.0]
        if static:
            print(
                f"    {generator} : p99 page {page * 1000:.1f} ms / p99 fichier "
                f"{static * 1000:.1f} ms = {page / static:.1f}x "
                "(cibles : p99 <= 50 ms et <= 2x)"
            )
    print(
        "    wrk (C, 2 fils, boucle d'événements) mesure le serveur ; le client Python "
        "(32 fils, même machine, GIL) se mesure surtout lui-même"
    )


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU the processes used so far (Linux /proc), 0 where unreadable."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _postgres_pids(cluster: Cluster | None) -> list[int]:
    """The cluster's postmaster and its children (backends, writer, WAL writer...)."""
    if cluster is None:
        return []
    try:
        master = int((cluster.folder / "data" / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return []
    return _with_children(master)


def _with_children(parent: int) -> list[int]:
    """A process and its children (the hub's workers, PostgreSQL's backends)."""
    found = [parent]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rpartition(")")[2].split()[1]) == parent:
                found.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _load() -> str:
    """The load average when a part ends: on 2 shared cores the figures depend on it."""
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def insert_players(
    conn: sa.Connection,
    tokens: list[str],
    card: str,
    org_of: Any,
    *,
    per_session: int,
    numbered: bool = False,
) -> None:
    """One player a token, ``per_session`` to a session, in statements of 20,000 rows; the
    organisation of player ``n`` is ``org_of(n)``; ``numbered`` gives the ids explicitly."""
    rows = [
        {
            **({"id": n + 1} if numbered else {}),
            "org_id": org_of(n),
            "session_id": n // per_session + 1,
            "player_id": f"p{n}",
            "pseudonym": f"Joueur{n}",
            "token": token,
            "short_code": f"{n:08d}",
            "joined_at": 0.0,
            "card": card,
        }
        for n, token in enumerate(tokens)
    ]
    for start in range(0, len(rows), 20_000):
        conn.execute(schema.players.insert(), rows[start : start + 20_000])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--laptops", type=int, default=24)
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--players", type=int, default=15)
    parser.add_argument("--cut-rate", type=float, default=0.05)
    parser.add_argument(
        "--threads", type=int, default=16, help="threads per process of the hub (sync)"
    )
    parser.add_argument(
        "--youth-threads",
        type=int,
        default=0,
        help="threads per process (youth page); 0: declic hub serve's default",
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="processes of the hub (declic hub serve --workers)"
    )
    parser.add_argument("--youth", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--requests", type=int, default=8000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--wrk-seconds", type=float, default=20.0, help="length of each wrk measure (youth page)"
    )
    parser.add_argument("--sqlite", action="store_true", help="hub on SQLite instead of PostgreSQL")
    parser.add_argument("--skip-sync", action="store_true")
    parser.add_argument("--skip-youth", action="store_true")
    parser.add_argument("--skip-dashboards", action="store_true")
    args = parser.parse_args()
    cluster: Cluster | None = None if args.sqlite else start_cluster(fast=False)
    with tempfile.TemporaryDirectory(prefix="declic-bench-hub-") as tmp:
        folder = Path(tmp)
        made = iter(range(1, 1000))

        def new_url() -> str:
            if cluster is not None:
                return cluster.new_database("bench")
            return f"sqlite:///{folder / f'hub-{next(made)}.db'}"

        try:
            print(
                f"hub sur {'PostgreSQL (fsync actif)' if cluster else 'SQLite'}, "
                f"{args.workers} processus, charge au départ : {_load()}"
            )
            if not args.skip_sync:
                sync_bench(args, new_url, folder, lambda: _postgres_pids(cluster))
                print(f"    charge de la machine (1, 5, 15 min) : {_load()}")
            if not args.skip_youth:
                youth_bench(args, new_url, folder)
                print(f"    charge de la machine (1, 5, 15 min) : {_load()}")
        finally:
            if cluster is not None:
                cluster.stop()
    if args.skip_dashboards:
        return 0
    print("(c) tableaux de bord : bench/dashboards.py", flush=True)
    dashboards = [sys.executable, str(ROOT / "bench" / "dashboards.py"), "--youth", str(args.youth)]
    dashboards += ["--clients", str(args.clients), "--seconds", str(args.seconds)]
    dashboards += ["--wrk-seconds", str(args.wrk_seconds)]
    return subprocess.run(
        dashboards + (["--sqlite"] if args.sqlite else []), check=False
    ).returncode


if __name__ == "__main__":
    raise SystemExit(main())
