"""A headless game for crash tests: play a walkthrough through ``GameSession`` with a given clock.

``python -m facilitator.sessions.scripted_game --db PATH --session ID --walkthrough FILE``
resumes the session (as ``declic session resume`` does), then plays the walkthrough's actions
from ``--from`` on, at their planned times plus ``--shift`` seconds. Every time is passed in,
so the test can compute exactly what the log must hold wherever the process is killed.

``--serve`` (POSIX) imports everything once, then forks one game per JSON request read on
stdin — ``{"run": [ARGS…]}`` answers ``{"started": PID}``, the game prints ``{"done": PID}``,
``{"reap": PID}`` answers ``{"reaped": PID, "code": CODE}`` (``-9`` after SIGKILL). A game is
only reaped when asked, so its PID cannot be reused while the test may still kill it. Forking
skips the second of Python start-up that would otherwise dominate 50 crash runs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from engine.walkthrough import WalkthroughError, load_walkthrough
from facilitator.sessions.service import SessionError, resume
from facilitator.storage.db import StorageError, open_database


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="scripted_game", description=__doc__)
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("--session", type=int, required=True)
    p.add_argument("--walkthrough", type=Path, required=True)
    p.add_argument("--start", type=float, default=1_000_000.0, help="wall time of the first action")
    p.add_argument("--from", dest="first", type=int, default=0, help="index of the first action")
    p.add_argument("--shift", type=float, default=0.0, help="seconds added to planned times")
    p.add_argument(
        "--resume-at", type=float, help="wall time of the resume (default: first action)"
    )
    p.add_argument("--pace", type=float, default=0.0, help="real seconds to sleep between actions")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        walkthrough = load_walkthrough(args.walkthrough)
        db = open_database(args.db)
    except (WalkthroughError, StorageError) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    planned = [(action, now + args.shift) for action, now, _ in walkthrough.actions(args.start)]
    todo = planned[args.first :]
    try:
        resume_at = (
            args.resume_at if args.resume_at is not None else (todo[0][1] if todo else args.start)
        )
        game = resume(db, args.session, now=resume_at)
    except SessionError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    for action, now in todo:
        game.step(action, now)
        if args.pace:
            time.sleep(args.pace)
    db.close()
    return 0


def serve() -> int:
    """The fork server described above; one request per line, one answer per line."""
    for line in sys.stdin:
        request = json.loads(line)
        if "run" in request:
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:  # the game
                code = 1
                try:
                    code = main(request["run"])
                finally:
                    print(json.dumps({"done": os.getpid(), "code": code}), flush=True)
                    os._exit(code)
            print(json.dumps({"started": pid}), flush=True)
        elif "reap" in request:
            _, status = os.waitpid(int(request["reap"]), 0)
            code = os.waitstatus_to_exitcode(status)
            print(json.dumps({"reaped": request["reap"], "code": code}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(serve() if sys.argv[1:] == ["--serve"] else main())
