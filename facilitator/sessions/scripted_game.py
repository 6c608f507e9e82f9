"""Headless games: play a walkthrough through ``GameSession`` (the rules and the durable log).

``play_new_session`` is ``declic session new --headless --walkthrough W``: a workshop session
played from a walkthrough, so that ``declic summary`` makes its cards without live players.

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

import sqlite_utils

from engine.core import actions as ac
from engine.core.events import Event
from engine.core.rules import Rules
from engine.walkthrough import Walkthrough, WalkthroughError, load_walkthrough, run
from facilitator.sessions.service import (
    GameSession,
    SessionError,
    create_session,
    load_valid_scenario,
    resume,
)
from facilitator.storage.db import StorageError, open_database


def planned_actions(
    walkthrough: Walkthrough, start: float, shift: float = 0.0
) -> list[tuple[ac.Action, float]]:
    """Every action of the walkthrough with the wall time it is played at."""
    return [(action, now + shift) for action, now, _ in walkthrough.actions(start)]


def play(
    game: GameSession, todo: Sequence[tuple[ac.Action, float]], pace: float = 0.0
) -> list[Event]:
    """Step each action into the session's durable log, in order; the events produced."""
    events: list[Event] = []
    for action, now in todo:
        events += game.step(action, now)
        if pace:
            time.sleep(pace)
    return events


def play_new_session(
    db: sqlite_utils.Database,
    scenario_path: Path,
    walkthrough_path: Path,
    *,
    end: float | None = None,
) -> GameSession:
    """A new session played from a walkthrough that ends at ``end`` (default: now).

    The walkthrough is first run through the pure rules: if an action is refused or the
    expected ending is not reached, no session is created and the error says where.
    """
    scenario = load_valid_scenario(scenario_path)
    try:
        walkthrough = load_walkthrough(walkthrough_path)
    except WalkthroughError as exc:
        raise SessionError(
            f"le parcours {walkthrough_path} a des erreurs ; corrigez-les.", exc.diagnostics
        ) from None
    dry = run(Rules(scenario), walkthrough)
    check = f"Vérifiez-le avec : declic replay {scenario_path} {walkthrough_path}"
    if dry.rejected:
        step, refused = dry.rejected[0]
        raise SessionError(
            f"le parcours ne se joue pas jusqu'au bout, aucune session créée. "
            f"{walkthrough.path}:{step.line}:{step.col}: action refusée ({refused.action}) : "
            f"{refused.reason}. {check}"
        )
    expected = walkthrough.spec.expect.get("ending")
    if expected and any(team.ending != expected for team in dry.state.teams.values()):
        raise SessionError(
            f"le parcours n'arrive pas à la fin attendue « {expected} », aucune session créée. {check}"
        )
    todo = planned_actions(walkthrough, 0.0)
    finish = time.time() if end is None else end
    start = finish - (todo[-1][1] if todo else 0.0)
    session = create_session(db, scenario_path, now=start)
    game = GameSession.open(db, session.id)
    play(game, [(action, now + start) for action, now in todo])
    return game


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
    todo = planned_actions(walkthrough, args.start, args.shift)[args.first :]
    try:
        resume_at = (
            args.resume_at if args.resume_at is not None else (todo[0][1] if todo else args.start)
        )
        game = resume(db, args.session, now=resume_at)
    except SessionError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    play(game, todo, args.pace)
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
                    # one write, newline included: a SIGKILL racing the end of the game
                    # must not leave a line without its end for the next answer to join
                    sys.stdout.write(json.dumps({"done": os.getpid(), "code": code}) + "\n")
                    sys.stdout.flush()
                    os._exit(code)
            print(json.dumps({"started": pid}), flush=True)
        elif "reap" in request:
            _, status = os.waitpid(int(request["reap"]), 0)
            code = os.waitstatus_to_exitcode(status)
            print(json.dumps({"reaped": request["reap"], "code": code}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(serve() if sys.argv[1:] == ["--serve"] else main())
