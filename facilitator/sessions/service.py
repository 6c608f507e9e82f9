"""The one place that wires the pure core to storage: create, step, resume a workshop session.

``GameSession.step`` is ``Rules.step`` followed by a durable append: the new state is only
kept (and shown) once its events are committed. ``resume`` rebuilds the state from the log
alone; if the clock was running when the program died, it pauses the clock at the wall time of
the last stored event and resumes it now, through the core, so a crash does not eat play time.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from engine.core import actions as ac
from engine.core.apply import replay
from engine.core.events import Event, GameEnded
from engine.core.rules import Rules
from engine.core.state import FACILITATOR, GameState, new_state
from engine.diagnostics import Diagnostic
from engine.format.scenario import Scenario
from engine.load.check import load_scenario
from facilitator.sessions.hooks import call_hooks
from facilitator.storage.events import EventLog, last_event_at, load_events


class SessionError(Exception):
    """A session cannot be created or opened; the message says what to do, in French."""

    def __init__(self, message: str, diagnostics: Sequence[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.diagnostics = list(diagnostics)


class SessionNotFound(SessionError):
    pass


@dataclass(frozen=True)
class Session:
    id: int
    created_at: float
    scenario_id: str
    scenario_version: str
    scenario_path: Path
    scenario_title: str
    status: str
    settings: dict[str, Any] = field(default_factory=dict)


_SESSION_COLUMNS = (
    "id, created_at, scenario_id, scenario_version, scenario_path, scenario_title, status, settings"
)


def _session(row: Sequence[Any]) -> Session:
    values = list(row)
    values[4] = Path(values[4])
    values[7] = json.loads(values[7] or "{}")
    return Session(*values)


def load_valid_scenario(path: Path) -> Scenario:
    loaded = load_scenario(path)
    if loaded.scenario is None:
        raise SessionError(
            f"le scénario {path} a des erreurs ; corrigez-les (declic check {path}).",
            loaded.diagnostics,
        )
    return loaded.scenario


def create_session(
    db: sqlite_utils.Database,
    scenario_path: Path,
    *,
    now: float | None = None,
    settings: dict[str, Any] | None = None,
) -> Session:
    """A new session in the lobby for a valid scenario; players join in the game."""
    scenario = load_valid_scenario(scenario_path)
    created = time.time() if now is None else now
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO sessions (created_at, scenario_id, scenario_version, scenario_path, "
            "scenario_title, settings) VALUES (?, ?, ?, ?, ?, ?)",
            (
                created,
                scenario.id,
                scenario.version,
                str(Path(scenario_path).resolve()),
                scenario.title,
                json.dumps(settings or {}, ensure_ascii=False),
            ),
        )
        session_id = int(cursor.lastrowid or 0)
    _push_waiting(db)  # a new workshop is a good moment to retry what the last one left
    return get_session(db, session_id)


def get_session(db: sqlite_utils.Database, session_id: int) -> Session:
    row = db.execute(
        f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)
    ).fetchone()
    if row is None:
        raise SessionNotFound(
            f"aucune session n° {session_id} dans cette base. Voyez la liste : declic session list"
        )
    return _session(row)


def save_setting(db: sqlite_utils.Database, session_id: int, key: str, value: Any) -> None:
    """Keep one setting with the session (JSON in ``sessions.settings``)."""
    with db.conn:
        row = db.execute("SELECT settings FROM sessions WHERE id = ?", (session_id,)).fetchone()
        settings = json.loads(row[0] or "{}") if row is not None else {}
        settings[key] = value
        db.execute(
            "UPDATE sessions SET settings = ? WHERE id = ?",
            (json.dumps(settings, ensure_ascii=False), session_id),
        )


def list_sessions(db: sqlite_utils.Database) -> list[Session]:
    rows = db.execute(f"SELECT {_SESSION_COLUMNS} FROM sessions ORDER BY id").fetchall()
    return [_session(r) for r in rows]


def rebuild_state(db: sqlite_utils.Database, session: Session) -> GameState:
    """The state from the log alone (no scenario needed: events carry what they change)."""
    return replay(
        new_state(session.scenario_id, session.scenario_version), load_events(db, session.id)
    )


class GameSession:
    """A session being played: the rules, the current state and its durable log."""

    def __init__(
        self, db: sqlite_utils.Database, session: Session, rules: Rules, state: GameState
    ) -> None:
        self.db = db
        self.session = session
        self.rules = rules
        self.state = state
        self.log = EventLog(db, session.id)

    @classmethod
    def open(
        cls, db: sqlite_utils.Database, session_id: int, scenario_path: Path | None = None
    ) -> GameSession:
        """Load the session's scenario and rebuild the state from the stored events."""
        session = get_session(db, session_id)
        path = scenario_path or session.scenario_path
        if not Path(path).exists():
            raise SessionError(
                f"le fichier du scénario est introuvable : {path}. "
                "Indiquez où il est maintenant avec --scenario."
            )
        scenario = load_valid_scenario(Path(path))
        if (scenario.id, scenario.version) != (session.scenario_id, session.scenario_version):
            raise SessionError(
                f"ce fichier contient « {scenario.id} » version {scenario.version}, mais la session "
                f"a commencé avec « {session.scenario_id} » version {session.scenario_version}. "
                "Remettez cette version du scénario, ou lancez une nouvelle session."
            )
        return cls(db, session, Rules(scenario), rebuild_state(db, session))

    def step(self, action: ac.Action, now: float) -> list[Event]:
        """Play one action; its events are committed before the new state is kept."""
        state, events = self.rules.step(self.state, action, now)
        self.log.append(events, now)
        self.state = state
        if any(isinstance(e, GameEnded) for e in events):
            _push_waiting(self.db)
        return events

    def step_together(self, timed_actions: Sequence[tuple[ac.Action, float]]) -> list[Event]:
        """Several actions committed as one transaction: all of them happen, or none."""
        state = self.state
        batches: list[tuple[Sequence[Event], float]] = []
        for action, now in timed_actions:
            state, events = self.rules.step(state, action, now)
            batches.append((events, now))
        self.log.append_batches(batches)
        self.state = state
        done = [e for events, _ in batches for e in events]
        if any(isinstance(e, GameEnded) for e in done):
            _push_waiting(self.db)
        return done

    @property
    def clock_running(self) -> bool:
        return self.state.phase == "playing" and self.state.clock.paused_at is None


def _push_waiting(db: sqlite_utils.Database) -> None:
    """When this laptop is enrolled with a hub, push finished sessions in the background."""
    call_hooks("after_game", db)


def resume(
    db: sqlite_utils.Database,
    session_id: int,
    now: float | None = None,
    scenario_path: Path | None = None,
) -> GameSession:
    """Reopen a session after a stop or a crash, giving back the time the game was down."""
    game = GameSession.open(db, session_id, scenario_path)
    last = last_event_at(db, session_id)
    if game.clock_running and last is not None:
        now = time.time() if now is None else now
        game.step_together(
            [(ac.Pause(player=FACILITATOR), last), (ac.Resume(player=FACILITATOR), max(now, last))]
        )
    return game
