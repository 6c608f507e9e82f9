"""Benchmark of the portal: the young person's page `/s/TOKEN` and card image
`/s/TOKEN/carte.png` under a bounded local load.

Generates a workshop database with 2,000 players (played sessions of the shipped escape game,
ten players each), starts the real server (`declic portal`, waitress) in a subprocess on
127.0.0.1, then sends a bounded number of requests from a few keep-alive clients, stopping at
the count or the time limit, whichever comes first. The baseline is a static file
(`/static/portal.css`) served by the same server in the same run. A card image is drawn
once, at its first request, then served from the database: the bench asks for --cards
cards once (drawn, timed apart), then measures them served from storage.

    python bench/portal.py [--players 2000] [--requests 2000] [--clients 8] [--seconds 30]
                           [--cards 100]
"""

from __future__ import annotations

import argparse
import dataclasses
import http.client
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from engine.core import actions as ac  # noqa: E402
from engine.shipped import resolve_scenario  # noqa: E402
from engine.walkthrough import default_walkthrough, load_walkthrough  # noqa: E402
from facilitator.sessions.service import GameSession, create_session  # noqa: E402
from facilitator.storage.db import open_database  # noqa: E402

HOST = "127.0.0.1"  # loopback only
PER_SESSION = 10


def generate(db_path: Path, players: int) -> list[str]:
    """Played sessions of demo-escape with ten players each; returns every link token."""
    scenario = resolve_scenario("demo-escape")
    walkthrough = load_walkthrough(default_walkthrough(scenario))
    db = open_database(db_path)
    start = 1_780_000_000.0
    made = 0
    while made < players:
        size = min(PER_SESSION, players - made)
        session = create_session(db, scenario, now=start)
        game = GameSession.open(db, session.id)
        planned = [(action, now) for action, now, _ in walkthrough.actions(start)]
        joins = [a for a, _ in planned if isinstance(a, ac.Join)]
        extra = [
            (dataclasses.replace(joins[0], player=f"x{n}", pseudonym=f"Joueur{made + n}"), start)
            for n in range(size - len(joins))
        ]
        game.step_together(planned[: len(joins)] + extra + planned[len(joins) :])
        made += size
        start += 3600
    tokens = [row[0] for row in db.execute("SELECT token FROM players")]
    db.close()
    return tokens


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wait_until_up(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("le portail n'a pas démarré à temps")


def load(
    port: int, paths: list[str], total: int, clients: int, seconds: float, in_order: bool = False
) -> tuple[float, list[float], int]:
    """Send up to `total` GETs (stop after `seconds`); returns (elapsed, latencies, errors).
    Paths are drawn at random, or taken in order (each once when `total` is their count)."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(total))
    stop_at = time.monotonic() + seconds

    def client(seed: int) -> None:
        nonlocal errors
        rng = random.Random(seed)
        conn = http.client.HTTPConnection(HOST, port, timeout=10)
        while time.monotonic() < stop_at:
            with lock:
                number = next(counter, None)
            if number is None:
                break
            path = paths[number % len(paths)] if in_order else rng.choice(paths)
            began = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=10)
            took = time.perf_counter() - began
            with lock:
                latencies.append(took)
                errors += not ok
        conn.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, latencies, errors


WRK_SCRIPT = Path(__file__).with_name("wrk_paths.lua")
WRK_MISSING = (
    "attention : wrk absent (installez-le : apt-get install wrk) ; seul le client Python mesure, "
    "et ses 32 fils partagent les 2 cœurs et le GIL avec le serveur : ses latences comptent "
    "surtout le client lui-même"
)


class WrkResult(NamedTuple):
    """What wrk measured: its latencies are taken in C, on an event loop that costs the
    machine little, so they are the server's (plus the loopback), not the load generator's."""

    requests: int
    errors: int
    seconds: float
    p50: float
    p99: float
    worst: float

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def load_wrk(
    port: int, paths: list[str], clients: int, seconds: float, threads: int = 2
) -> WrkResult | None:
    """The same closed loop as ``load`` (``clients`` keep-alive connections, each sending its
    next request when the answer came), driven by wrk for ``seconds``, each request for a path
    drawn at random; None when wrk is not installed."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as listed:
        listed.write("\n".join(paths) + "\n")
        listed.flush()
        done = subprocess.run(
            [
                wrk,
                "-t",
                str(min(threads, clients)),
                "-c",
                str(clients),
                "-d",
                f"{max(1, round(seconds))}s",
                "--timeout",
                "10s",
                "-s",
                str(WRK_SCRIPT),
                f"http://{HOST}:{port}",
                "--",
                listed.name,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=False,
        )
    line = next((x for x in done.stdout.splitlines() if x.startswith("DECLIC ")), None)
    if line is None:
        raise SystemExit(f"wrk n'a pas donné de mesure : {done.stderr.strip() or done.stdout}")
    count, errors, took, p50, p99, worst = line.split()[1:]
    return WrkResult(
        int(count), int(errors), float(took), int(p50) / 1e6, int(p99) / 1e6, int(worst) / 1e6
    )


class Measured(NamedTuple):
    """One closed-loop measure, whichever client made it."""

    client: str  # "wrk" or "python"
    requests: int
    errors: int
    rate: float
    p50: float
    p99: float


def closed_loop(
    port: int, paths: list[str], clients: int, seconds: float, requests: int, wrk: bool = True
) -> Measured:
    """``clients`` keep-alive connections in a closed loop on random ``paths``: by wrk for
    ``seconds`` when installed, else by the Python client (``requests`` at most), with a
    printed warning that its figures count the client as much as the server."""
    measured = load_wrk(port, paths, clients, seconds) if wrk else None
    if measured is not None:
        return Measured(
            "wrk", measured.requests, measured.errors, measured.rate, measured.p50, measured.p99
        )
    print(WRK_MISSING if wrk else "client Python demandé (--no-wrk)", flush=True)
    elapsed, latencies, errors = load(port, paths, requests, clients, seconds)
    return Measured(
        "python",
        len(latencies),
        errors,
        len(latencies) / elapsed,
        percentile(latencies, 0.5),
        percentile(latencies, 0.99),
    )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--players", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=2000, help="per measured page")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0, help="time limit per page")
    parser.add_argument("--cards", type=int, default=100, help="card images drawn, then read")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="declic-bench-portal-") as tmp:
        db_path = Path(tmp) / "declic.db"
        began = time.perf_counter()
        tokens = generate(db_path, args.players)
        print(f"base : {len(tokens)} joueurs générés en {time.perf_counter() - began:.1f} s")
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "facilitator.portal.cli",
                "portal",
                "--db",
                str(db_path),
                "--host",
                HOST,
                "--port",
                str(port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # waitress logs a line whenever its queue is not empty
            cwd=ROOT,
        )
        try:
            wait_until_up(port, time.monotonic() + 30)
            load(port, ["/static/portal.css"], 50, 2, 10)  # warm-up: imports, caches
            load(port, [f"/s/{t}" for t in tokens[:20]], 50, 2, 10)
            cards = [f"/s/{t}/carte.png" for t in tokens[: args.cards]]
            rows = []
            for label, paths, total, seconds in (
                ("fichier statique (référence)", ["/static/portal.css"], None, None),
                ("/s/TOKEN (2 000 joueurs)", [f"/s/{t}" for t in tokens], None, None),
                ("carte.png, 1re fois (dessin)", cards, len(cards), 120.0),
                ("/s/TOKEN/carte.png (stockée)", cards, None, None),
            ):
                elapsed, latencies, errors = load(
                    port,
                    paths,
                    total or args.requests,
                    args.clients,
                    seconds or args.seconds,
                    in_order=total is not None,
                )
                rows.append(
                    (
                        label,
                        len(latencies),
                        errors,
                        len(latencies) / elapsed,
                        percentile(latencies, 0.5),
                        percentile(latencies, 0.99),
                    )
                )
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"{'page':<30} {'requêtes':>9} {'erreurs':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for label, count, errors, rate, p50, p99 in rows:
        print(
            f"{label:<30} {count:>9} {errors:>8} {rate:>8.0f} {p50 * 1000:>8.1f} {p99 * 1000:>8.1f}"
        )
    static_p50, card_p50 = rows[0][4], rows[3][4]
    print(
        f"carte.png stockée / fichier statique (p50) : {card_p50 / static_p50:.1f}x "
        "(cible : 3x au plus)"
    )
    print(f"clients simultanés : {args.clients}, serveur waitress (8 fils), boucle locale {HOST}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
