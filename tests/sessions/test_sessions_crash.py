"""Acceptance: ``kill -9`` the game at 50 random points; every resume gives the clean-replay state.

A real subprocess (``facilitator.sessions.scripted_game``) plays the demo escape game's
walkthrough into a real SQLite file and is killed with SIGKILL either after its N-th committed
event (the test polls the file) or after a random delay (often while Python starts). The test
computes in memory, with the pure core, every batch that run could commit. After each kill:
the log must hold whole batches only, equal to the clean in-memory events; the state rebuilt
from the file must equal the in-memory state; ``PRAGMA integrity_check`` must say ok. The next
run resumes the same session (pause at the last event, resume after a random down time), so
resumes of resumes are covered, and a finished game must end exactly as an uninterrupted one.
Four sessions are played at once in the same file, as a console and a game would share it.
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from engine.core import actions as ac
from engine.core.apply import replay
from engine.core.events import Event
from engine.core.rules import Rules
from engine.core.state import FACILITATOR, GameState
from engine.walkthrough import load_walkthrough, run
from facilitator.sessions.service import GameSession, create_session, load_valid_scenario
from facilitator.storage.db import open_database
from facilitator.storage.events import last_event_at, load_events

REPO = Path(__file__).resolve().parents[2]
SCENARIO = REPO / "scenarios" / "demo-escape" / "demo-escape.yaml"
WALKTHROUGH = SCENARIO.with_name("demo-escape.walkthrough.yaml")
KILLS = 50
START = 1_000_000.0
SEED = 20261126


@dataclass(frozen=True)
class Batch:
    """What one committed transaction of the scripted game must contain."""

    events: list[Event]
    state_after: GameState
    cursor_after: int


@dataclass
class LaneResult:
    kills: int = 0
    mid_game_kills: int = 0
    finished_games: int = 0
    checks: int = 0


def expected_batches(
    rules: Rules,
    state: GameState,
    planned: list[tuple[ac.Action, float]],
    cursor: int,
    shift: float,
    last_at: float | None,
    resume_at: float,
) -> list[Batch]:
    """Every batch the next run commits, in order: the resume pause first, then the actions."""
    batches = []
    if state.phase == "playing" and state.clock.paused_at is None and last_at is not None:
        paused, first = rules.step(state, ac.Pause(player=FACILITATOR), last_at)
        state, second = rules.step(paused, ac.Resume(player=FACILITATOR), max(resume_at, last_at))
        batches.append(Batch(first + second, state, cursor))
    for index in range(cursor, len(planned)):
        action, now = planned[index]
        state, events = rules.step(state, action, now + shift)
        batches.append(Batch(events, state, index + 1))
    return batches


def committed_prefix(batches: list[Batch], new_events: list[Event]) -> int:
    """How many whole batches the log holds; fails on a half-written batch or a wrong event."""
    total = 0
    for count, batch in enumerate(batches):
        if total == len(new_events):
            return count
        assert (
            new_events[total : total + len(batch.events)] == batch.events[: len(new_events) - total]
        )
        total += len(batch.events)
        assert total <= len(new_events), "a batch was only partly committed"
    assert total == len(new_events), "the log holds events no run could have written"
    return len(batches)


def game_args(
    db_path: Path, session_id: int, first: int, shift: float, resume_at: float
) -> list[str]:
    return [
        "--db", str(db_path), "--session", str(session_id), "--walkthrough", str(WALKTHROUGH),
        "--start", repr(START), "--from", str(first), "--shift", repr(shift),
        "--resume-at", repr(resume_at),
    ]  # fmt: skip


class GameServer:
    """``scripted_game --serve``: each game is a forked process, started in milliseconds."""

    def __init__(self) -> None:
        command = [sys.executable, "-m", "facilitator.sessions.scripted_game", "--serve"]
        self.proc = subprocess.Popen(
            command, cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        assert self.proc.stdout is not None and self.proc.stdin is not None
        self.fd = self.proc.stdout.fileno()
        self.buffer = b""
        self.inbox: list[dict[str, int]] = []

    def send(self, request: dict[str, object]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(request).encode() + b"\n")
        self.proc.stdin.flush()

    def _read(self, timeout: float) -> None:
        if select.select([self.fd], [], [], timeout)[0]:
            chunk = os.read(self.fd, 65536)
            assert chunk, "the game server stopped"
            self.buffer += chunk
            *lines, self.buffer = self.buffer.split(b"\n")
            self.inbox += [json.loads(line) for line in lines if line]

    def take(self, key: str, pid: int | None = None) -> dict[str, int]:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            for message in self.inbox:
                if key in message and (pid is None or message[key] == pid):
                    self.inbox.remove(message)
                    return message
            self._read(0.05)
        raise AssertionError(f"no {key!r} from the game server")

    def finished(self, pid: int) -> bool:
        self._read(0)
        return any(m.get("done") == pid for m in self.inbox)

    def start(self, args: list[str]) -> int:
        self.send({"run": args})
        return self.take("started")["started"]

    def reap(self, pid: int) -> int:
        self.send({"reap": pid})
        code = self.take("reaped", pid)["code"]
        self.inbox = [m for m in self.inbox if m.get("done") != pid]
        return code

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def count_events(conn: sqlite3.Connection, session_id: int) -> int:
    return int(
        conn.execute("SELECT count(*) FROM events WHERE session_id = ?", (session_id,)).fetchone()[
            0
        ]
    )


def kill_somewhere(
    server: GameServer, pid: int, rng: random.Random, db_path: Path, session_id: int, before: int
) -> None:
    """SIGKILL after the N-th new committed event, or after a random delay (unless it ended)."""
    if rng.random() < 0.3:
        deadline = time.monotonic() + rng.uniform(0.0, 0.05)
        while time.monotonic() < deadline and not server.finished(pid):
            time.sleep(0.0005)
    else:
        target = before + rng.randint(1, 25)
        poll = sqlite3.connect(db_path, timeout=10)
        try:
            while count_events(poll, session_id) < target and not server.finished(pid):
                time.sleep(0.0002)
        finally:
            poll.close()
    os.kill(pid, signal.SIGKILL)  # not reaped yet: the PID is still this game's, even if it ended


def play(db_path: Path, server: GameServer, quota: int) -> LaneResult:
    rng = random.Random(SEED)
    scenario = load_valid_scenario(SCENARIO)
    rules = Rules(scenario)
    walkthrough = load_walkthrough(WALKTHROUGH)
    planned = [(action, now) for action, now, _ in walkthrough.actions(START)]
    uninterrupted = run(rules, walkthrough, start=START).state
    db = open_database(db_path)
    result = LaneResult()
    try:
        while result.kills < quota:
            session = create_session(db, SCENARIO)
            state, cursor, shift = rules.new_game(), 0, 0.0
            while state.phase != "ended" and result.kills < quota:
                before = count_events(db.conn, session.id)
                last_at = last_event_at(db, session.id)
                down = rng.uniform(5.0, 900.0)  # how long the laptop was off
                run_shift = shift + down
                resume_at = planned[cursor][1] + run_shift if last_at is None else last_at + down
                batches = expected_batches(
                    rules, state, planned, cursor, run_shift, last_at, resume_at
                )
                pid = server.start(game_args(db_path, session.id, cursor, run_shift, resume_at))
                kill_somewhere(server, pid, rng, db_path, session.id, before)
                code = server.reap(pid)
                killed = code == -signal.SIGKILL
                assert killed or code == 0, f"the scripted game failed (exit {code})"
                result.kills += killed

                assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                assert db.execute("PRAGMA foreign_key_check").fetchall() == []
                stored = load_events(db, session.id)
                done = committed_prefix(batches, stored[before:])
                if not killed:
                    assert done == len(batches)
                if done:  # the run's times are now in the log: later actions follow them
                    state, cursor = batches[done - 1].state_after, batches[done - 1].cursor_after
                    shift = run_shift
                    if killed and done < len(batches):
                        result.mid_game_kills += 1
                # The state rebuilt from the file is the state of the clean in-memory replay.
                assert replay(rules.new_game(), stored) == state
                assert GameSession.open(db, session.id).state == state
                result.checks += 1
            if state.phase == "ended":
                # Crashes cost no play time: the game ends exactly as an uninterrupted one.
                assert state.teams == uninterrupted.teams
                assert state.players == uninterrupted.players
                result.finished_games += 1
    finally:
        db.close()
    return result


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the game server forks (POSIX)")
def test_sigkill_at_random_points_resumes_to_the_clean_replay_state(tmp_path: Path) -> None:
    db_path = tmp_path / "atelier.db"
    open_database(db_path).close()
    server = GameServer()
    try:
        result = play(db_path, server, KILLS)
    finally:
        server.close()
    assert result.kills == KILLS
    assert result.mid_game_kills >= 10  # kills between commits, not only before the first one
    assert result.finished_games >= 1
    db = open_database(db_path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()


def test_scripted_game_killed_and_resumed_as_real_programs(tmp_path: Path) -> None:
    """The real entry point: ``python -m`` killed after its first events, then run to the end."""
    db_path = tmp_path / "atelier.db"
    db = open_database(db_path)
    rules = Rules(load_valid_scenario(SCENARIO))
    uninterrupted = run(rules, load_walkthrough(WALKTHROUGH), start=START).state
    session = create_session(db, SCENARIO)
    command = [sys.executable, "-m", "facilitator.sessions.scripted_game"]
    first = subprocess.Popen(
        [*command, *game_args(db_path, session.id, 0, 0.0, START)], cwd=REPO, stderr=subprocess.PIPE
    )
    while count_events(db.conn, session.id) < 5 and first.poll() is None:
        time.sleep(0.001)
    first.kill()
    first.wait()
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    state = GameSession.open(db, session.id).state
    assert state == replay(rules.new_game(), load_events(db, session.id))
    # The rest of the walkthrough, after 10 minutes off: same ending, same game times.
    planned = [(a, now) for a, now, _ in load_walkthrough(WALKTHROUGH).actions(START)]
    done = next(i for i in range(len(planned) + 1) if _prefix_state(rules, planned, i) == state)
    last = last_event_at(db, session.id)
    assert last is not None
    second = subprocess.run(
        [*command, *game_args(db_path, session.id, done, 600.0, last + 600.0)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert second.returncode == 0, second.stderr
    final = GameSession.open(db, session.id).state
    assert final.phase == "ended"
    assert final.teams == uninterrupted.teams
    db.close()


def _prefix_state(rules: Rules, planned: list[tuple[ac.Action, float]], count: int) -> GameState:
    state = rules.new_game()
    for action, now in planned[:count]:
        state, _ = rules.step(state, action, now)
    return state
