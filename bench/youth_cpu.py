"""The youth page's CPU per request inside the process, no HTTP: ``/s/TOKEN`` beside a
static file, both called as WSGI by the same loop over a hub of ``--youth`` players
(issue 14 (b): the page must cost nearly what the static file costs).

    python bench/youth_cpu.py [--youth 100000] [--requests 3000] [--sqlite] [--profile N]

Prints the process CPU time per request for each (thread CPU, so other engineers' load
does not count) and their ratio; ``--profile N`` prints cProfile's N costliest functions
of the page.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# bench/ is sys.path[0] when a bench runs as a script: its sibling is importable.
import hub as hub_bench  # noqa: E402
from werkzeug.test import EnvironBuilder  # noqa: E402

from facilitator.hub.database import open_hub  # noqa: E402
from facilitator.hub.pgcluster import start_cluster  # noqa: E402
from facilitator.hub.web import create_hub_app  # noqa: E402


def call(app: Any, path: str) -> int:
    """One request through the WSGI interface, its body read to the end."""
    environ = EnvironBuilder(path=path, base_url="http://127.0.0.1/").get_environ()
    status: list[str] = []
    body = app(environ, lambda s, _h, _e=None: status.append(s))
    try:
        for _chunk in body:
            pass
    finally:
        close = getattr(body, "close", None)
        if close:
            close()
    return int(status[0].split()[0])


def cpu_per_request(app: Any, paths: list[str], requests: int) -> float:
    rng = random.Random(1)
    for path in paths[:50]:  # warm: compiled statements, templates, pooled connections
        assert call(app, path) == 200, path
    start = time.thread_time()
    for _ in range(requests):
        assert call(app, rng.choice(paths)) == 200
    return (time.thread_time() - start) / requests


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--youth", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--profile", type=int, default=0)
    args = parser.parse_args()
    cluster = None if args.sqlite else start_cluster(fast=True)
    try:
        with tempfile.TemporaryDirectory(prefix="declic-youth-cpu-") as tmp:
            folder = Path(tmp)
            url = cluster.new_database("bench") if cluster else f"sqlite:///{folder / 'hub.db'}"
            tokens = hub_bench.fill_youth(args.youth, url, folder)
            engine = open_hub(url)
            app = create_hub_app(engine)
            pages = [f"/s/{t}" for t in tokens]
            static = cpu_per_request(app, ["/static/portal.css"], args.requests)
            page = cpu_per_request(app, pages, args.requests)
            where = "PostgreSQL" if cluster else "SQLite"
            print(f"CPU par requête, sans HTTP ({where}, {args.youth} joueurs, {args.requests}):")
            print(f"    fichier statique /static/portal.css : {static * 1000:.3f} ms")
            print(f"    page du jeune /s/TOKEN              : {page * 1000:.3f} ms")
            print(f"    rapport page / fichier statique     : {page / static:.2f}x")
            if args.profile:
                profile = cProfile.Profile(time.thread_time)
                profile.enable()
                cpu_per_request(app, pages, args.requests)
                profile.disable()
                out = io.StringIO()
                pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.profile)
                print(out.getvalue())
            engine.dispose()
    finally:
        if cluster is not None:
            cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
