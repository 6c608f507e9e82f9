"""Which HTTP server under the hub: the static file and `/s/TOKEN` measured by wrk for each.

The measure behind ``declic hub serve`` serving with granian (docs/hub.md, « Processes »):
waitress as the hub ran it before (forked processes sharing one socket, threads per process),
tuned, and with one socket per process; granian with 1 to 16 threads per process; gunicorn's
gthread workers when gunicorn is installed (not a dependency: Linux only).

Fills one hub (PostgreSQL, fsync on) with YOUTH players once, then for each server setting
starts it on 127.0.0.1, warms it up, and runs wrk (CLIENTS keep-alive connections, closed
loop) on the static file then on the page; prints p50/p99, req/s and the server's CPU per
request (its processes, not PostgreSQL's). Settings measured in the same run, one after the
other, so they are compared at about the same load (printed).

    python bench/hub_servers.py [--youth 100000] [--clients 32] [--wrk-seconds 15]
                                [--workers 2] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import hub as hub_bench  # noqa: E402  (bench/hub.py: the hub's filling and measuring helpers)

from facilitator.hub.pgcluster import start_cluster  # noqa: E402

portal_bench = hub_bench.portal_bench


WAITRESS = """
import json, os, signal, socket, sys
from waitress import create_server
from facilitator.hub.wsgi import create_app
threads, workers, reuse, port = (int(v) for v in sys.argv[1:5])
settings = json.loads(sys.argv[5])
where = ("127.0.0.1", port)
if reuse:
    shared = None
else:
    shared = socket.create_server(where, backlog=1024)
children = []
for _ in range(workers):
    pid = os.fork()
    if pid == 0:
        own = shared or socket.create_server(where, backlog=1024, reuse_port=True)
        create_server(create_app(), threads=threads, sockets=[own], **settings).run()
        os._exit(0)
    children.append(pid)
signal.signal(signal.SIGTERM, lambda *_: [os.kill(c, signal.SIGTERM) for c in children])
for _ in children:
    os.wait()
"""


def _waitress(
    threads: int, workers: int, reuse: bool = False, settings: dict[str, object] | None = None
) -> list[str]:
    """Waitress as ``declic hub serve`` ran it before granian: ``workers`` forked processes
    on one shared socket (or, ``reuse``, each its own socket with SO_REUSEPORT)."""
    tail = [str(threads), str(workers), str(int(reuse)), "PORT", json.dumps(settings or {})]
    return [sys.executable, "-c", WAITRESS, *tail]


def settings(workers: int, clients: int) -> dict[str, tuple[list[str], dict[str, str]]]:
    """name -> (command without --db/--port/--workers, extra environment)."""
    bare: dict[str, object] = {"asyncore_use_poll": True}
    pool = {"DECLIC_HUB_POOL": str(clients + 2)}
    granian = [sys.executable, "-m", "granian", "--interface", "wsgi", "--factory", "--no-log"]
    granian += ["--workers", str(workers), "--host", "127.0.0.1"]
    gunicorn = [sys.executable, "-m", "gunicorn", "-k", "gthread", "-w", str(workers)]
    return {
        "waitress-32": (_waitress(clients, workers, settings=bare), pool),
        "waitress-8": (_waitress(8, workers, settings=bare), {"DECLIC_HUB_POOL": "10"}),
        "waitress-4": (_waitress(4, workers, settings=bare), {"DECLIC_HUB_POOL": "6"}),
        "waitress-8-tuned": (
            _waitress(
                8,
                workers,
                settings={
                    **bare,
                    "backlog": 2048,
                    "connection_limit": 200,
                    "outbuf_overflow": 1 << 20,
                    "send_bytes": 1,
                    "channel_timeout": 120,
                },
            ),
            {},
        ),
        "waitress-8-reuseport": (_waitress(8, workers, True, bare), {"DECLIC_HUB_POOL": "10"}),
        "waitress-32-reuseport": (_waitress(clients, workers, True, bare), pool),
        "granian-1": ([*granian, "--blocking-threads", "1"], {"DECLIC_HUB_POOL": "3"}),
        "granian-2": ([*granian, "--blocking-threads", "2"], {"DECLIC_HUB_POOL": "4"}),
        "granian-4": ([*granian, "--blocking-threads", "4"], {"DECLIC_HUB_POOL": "6"}),
        "granian-8": ([*granian, "--blocking-threads", "8"], {"DECLIC_HUB_POOL": "10"}),
        "granian-16": ([*granian, "--blocking-threads", "16"], {"DECLIC_HUB_POOL": "18"}),
        "gunicorn-4": (
            [*gunicorn, "--threads", "4", "--bind", "127.0.0.1"],
            {"DECLIC_HUB_POOL": "6"},
        ),
        "gunicorn-8": (
            [*gunicorn, "--threads", "8", "--bind", "127.0.0.1"],
            {"DECLIC_HUB_POOL": "10"},
        ),
    }


def start(
    name: str, command: list[str], env: dict[str, str], url: str, port: int
) -> subprocess.Popen[bytes]:
    environment = {**os.environ, "DECLIC_HUB_DB": url, **env}
    if "granian" in name:
        command = [*command, "--port", str(port), "facilitator.hub.wsgi:create_app"]
    elif "gunicorn" in name:
        command = [*command[:-1], f"127.0.0.1:{port}", "facilitator.hub.wsgi:create_app()"]
    else:
        command = [str(port) if part == "PORT" else part for part in command]
    process = subprocess.Popen(
        command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/portal.css", timeout=2):
                return process
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit(f"{name} n'a pas démarré") from None
            time.sleep(0.2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--youth", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--wrk-seconds", type=float, default=15.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()
    cluster = start_cluster(fast=False)
    try:
        with tempfile.TemporaryDirectory(prefix="declic-bench-servers-") as tmp:
            url = cluster.new_database("bench")
            tokens = hub_bench.fill_youth(args.youth, url, Path(tmp))
            print(
                f"{args.youth} joueurs, {args.clients} connexions, {args.workers} processus, "
                f"wrk {args.wrk_seconds:.0f} s"
            )
            print(
                f"{'serveur':<18} {'chemin':<8} {'req/s':>7} {'p50':>7} {'p99':>7} "
                f"{'CPU ms/req':>10} {'err':>5}  charge"
            )
            for name, (command, env) in settings(args.workers, args.clients).items():
                if args.only and name not in args.only:
                    continue
                if "gunicorn" in name and importlib.util.find_spec("gunicorn") is None:
                    print(f"{name:<18} (pip install gunicorn pour le mesurer ; Linux seulement)")
                    continue
                port = portal_bench.free_port()
                server = start(name, command, env, url, port)
                try:
                    for label, paths in (
                        ("statique", ["/static/portal.css"]),
                        ("page", [f"/s/{t}" for t in tokens]),
                    ):
                        portal_bench.load_wrk(port, paths, args.clients, 3)  # warm-up
                        before = hub_bench._cpu_seconds(hub_bench._with_children(server.pid))
                        got = portal_bench.load_wrk(port, paths, args.clients, args.wrk_seconds)
                        assert got is not None, portal_bench.WRK_MISSING
                        cpu = hub_bench._cpu_seconds(hub_bench._with_children(server.pid)) - before
                        print(
                            f"{name:<18} {label:<8} {got.rate:>7.0f} {got.p50 * 1000:>7.1f} "
                            f"{got.p99 * 1000:>7.1f} {cpu / max(1, got.requests) * 1000:>10.2f} "
                            f"{got.errors:>5}  {hub_bench._load()}",
                            flush=True,
                        )
                finally:
                    server.terminate()
                    server.wait(timeout=30)
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
