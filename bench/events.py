"""Cost of one durable event append, beside a bare ``sqlite3`` insert+commit on the same file.

Both write to the same database file with the same settings (WAL, ``synchronous=FULL``), one
commit per append, so the difference is what ``EventLog`` adds: JSON, indexes, the player/status
projection. Targets: median ≤ 1 ms and ≤ 1.5 × the bare insert.

    /work/venv/bin/python bench/events.py [--n 2000] [--dir DIR]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from engine.core.events import EvidenceRecorded
from facilitator.storage.db import open_database
from facilitator.storage.events import EventLog, event_json

TARGET_MEDIAN_MS = 1.0
TARGET_RATIO = 1.5


def _event(i: int) -> EvidenceRecorded:
    """A realistic event: a skill credited to two players after a puzzle."""
    return EvidenceRecorded(
        t=12.5 * i,
        player="p1",
        team="equipe",
        skill="cooperer",
        players=("p1", "p2"),
        text="A participé à « Le code du casier », réussi à plusieurs",
        source="game",
        puzzle="code_casier",
        rule="together",
    )


def _quantiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p99 * 1000


def run(
    directory: Path, n: int, synchronous: str
) -> tuple[tuple[float, float], tuple[float, float]]:
    db = open_database(directory / "bench.db")
    db.execute(f"PRAGMA synchronous = {synchronous}")  # FULL is what Déclic uses
    session_id = int(
        db.execute(
            "INSERT INTO sessions (created_at, scenario_id, scenario_version, scenario_path) "
            "VALUES (0, 'bench', '1', 'bench.yaml')"
        ).lastrowid
        or 0
    )
    db.execute("CREATE TABLE bare (id INTEGER PRIMARY KEY, data TEXT NOT NULL)")
    log = EventLog(db, session_id)
    conn = db.conn
    payload = event_json(_event(0))
    durable: list[float] = []
    bare: list[float] = []
    for i in range(n):  # interleaved, so disk and cache conditions are the same for both
        event = _event(i)
        start = time.perf_counter()
        log.append([event], 1_000_000.0 + i)
        durable.append(time.perf_counter() - start)
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO bare (data) VALUES (?)", (payload,))
        conn.execute("COMMIT")
        bare.append(time.perf_counter() - start)
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    sync = conn.execute("PRAGMA synchronous").fetchone()[0]
    db.close()
    print(
        f"file {directory / 'bench.db'}  journal_mode={mode} synchronous={sync} (2 FULL, 1 NORMAL)  n={n}"
    )
    return _quantiles(durable), _quantiles(bare)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--dir", type=Path, help="folder for the test file (default: a temp dir)")
    parser.add_argument(
        "--synchronous", choices=("FULL", "NORMAL"), default="FULL", help="to compare the two modes"
    )
    args = parser.parse_args()
    if args.dir:
        args.dir.mkdir(parents=True, exist_ok=True)
        (durable, bare) = run(args.dir, args.n, args.synchronous)
    else:
        with tempfile.TemporaryDirectory(prefix="declic-bench-") as tmp:
            (durable, bare) = run(Path(tmp), args.n, args.synchronous)
    ratio = durable[0] / bare[0] if bare[0] else float("inf")
    print(f"{'':28}{'median ms':>10}{'p99 ms':>10}")
    print(f"{'EventLog.append (durable)':28}{durable[0]:>10.3f}{durable[1]:>10.3f}")
    print(f"{'bare sqlite3 insert+commit':28}{bare[0]:>10.3f}{bare[1]:>10.3f}")
    ok_median = durable[0] <= TARGET_MEDIAN_MS
    ok_ratio = ratio <= TARGET_RATIO
    print(f"median target ≤ {TARGET_MEDIAN_MS} ms: {'OK' if ok_median else 'MISSED'}")
    print(f"ratio {ratio:.2f} × bare, target ≤ {TARGET_RATIO}: {'OK' if ok_ratio else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
