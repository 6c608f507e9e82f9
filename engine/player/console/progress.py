"""What the facilitator needs to know about each team, computed from state and events.

No pygame here: the console's figures (solved/total, where a team is, how long since it last
moved forward, which puzzle the next hint is for) are plain functions, tested without a window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from engine.core import events as ev
from engine.core.answers import right_answer
from engine.core.rules import Rules
from engine.core.state import GameState, TeamState
from engine.puzzles.base import PuzzleBase

#: Events that mean "the team moved forward" (the alert clock restarts on each).
PROGRESS_EVENTS = (ev.PuzzleSolved, ev.PuzzleSkipped, ev.Moved, ev.ItemGained)


@dataclass(frozen=True)
class TeamProgress:
    team: str
    name: str
    solved: int
    total: int
    scene: str
    puzzle: str | None  # the open (or last opened, unsolved) puzzle: the next hint is for it
    puzzle_title: str
    hints: int
    pushed: int
    idle_seconds: float
    next_hint: int | None  # level of the hint a push would show; None when none is left
    next_hint_text: str  # its text, previewed before it is sent
    hint_count: int
    alert: bool
    finished: bool


def current_puzzle(team: TeamState) -> str | None:
    """The open puzzle, else the most recently opened one still unsolved."""
    if team.open_puzzle is not None:
        return team.open_puzzle
    waiting = [
        (at, pid)
        for pid, at in team.opened_at.items()
        if pid not in team.solved and pid not in team.failed
    ]
    return max(waiting)[1] if waiting else None


def last_progress(events: Sequence[ev.Event], team: str) -> float:
    """Game time (seconds) of the team's last progress event; 0 (the start) if none."""
    for event in reversed(events):
        if event.team == team and isinstance(event, PROGRESS_EVENTS):
            return event.t
    return 0.0


def team_progress(
    rules: Rules,
    state: GameState,
    events: Sequence[ev.Event],
    elapsed: float,
    alert_minutes: float,
) -> list[TeamProgress]:
    result = []
    for team in state.teams.values():
        puzzle = current_puzzle(team)
        spec = rules.puzzle_for(puzzle, state, team.id) if puzzle in rules.puzzles else None
        scene = rules.scenes.get(team.scene or "")
        pushed = sum(
            1 for e in events if isinstance(e, ev.HintShown) and e.pushed and e.team == team.id
        )
        idle = max(0.0, elapsed - last_progress(events, team.id))
        used = team.hints.get(puzzle or "", 0)
        count = len(spec.hints) if spec is not None else 0
        finished = team.ending is not None or state.phase == "ended"
        result.append(
            TeamProgress(
                team=team.id,
                name=team.name,
                solved=len(team.solved),
                total=len(rules.puzzles),
                scene=scene.title if scene is not None else "—",
                puzzle=puzzle if spec is not None else None,
                puzzle_title=_title(spec),
                hints=team.hints_total,
                pushed=pushed,
                idle_seconds=idle,
                next_hint=used + 1 if spec is not None and used < count else None,
                next_hint_text=spec.hints[used] if spec is not None and used < count else "",
                hint_count=count,
                alert=(not finished and state.phase == "playing" and idle >= alert_minutes * 60),
                finished=finished,
            )
        )
    return result


def solution_text(puzzle: PuzzleBase, item_names: dict[str, str] | None = None) -> str:
    """The right answer in the words the players see (option texts, item names, not ids)."""
    try:
        value = right_answer(puzzle)
    except (LookupError, NotImplementedError, TypeError, ValueError):
        value = None
    if value is None:  # a combination: the items to put together
        parts = [p for p in getattr(puzzle, "items", None) or () if isinstance(p, str)]
        return " + ".join((item_names or {}).get(p, p) for p in parts)
    words: dict[str, str] = {}
    rights: dict[str, str] = {}
    for name in ("options", "items", "areas", "pairs"):
        for part in getattr(puzzle, name, None) or ():
            key = getattr(part, "id", None)
            text = next(
                (getattr(part, a) for a in ("text", "label", "left") if getattr(part, a, None)),
                None,
            )
            if isinstance(key, str) and isinstance(text, str):
                words[key] = text
                rights[key] = str(getattr(part, "right", text))
    if isinstance(value, dict):
        return " ; ".join(f"{words.get(k, k)} → {rights.get(v, v)}" for k, v in value.items())
    if isinstance(value, tuple | list):
        return ", ".join(words.get(str(v), str(v)) for v in value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return words.get(str(value), str(value))


def _title(spec: object) -> str:
    if spec is None:
        return ""
    for name in ("title", "question", "prompt"):
        value = getattr(spec, name, None)
        if isinstance(value, str) and value:
            return value
    return str(getattr(spec, "id", ""))
