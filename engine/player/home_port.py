"""What the facilitator's home screen needs from the workshop side, as a small port.

The engine never imports ``facilitator``: the home screen (``engine/player/screens/home.py``)
reads and does everything through a ``HomePort``, which ``facilitator/sessions/home.py``
implements and ``declic`` wires. Values only: the screen shows them, the port acts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol


class HomeError(Exception):
    """What the port could not do, in French, to show on the home screen."""


@dataclass(frozen=True)
class ScenarioCard:
    """One scenario of the picker; ``problems`` (plain French) forbid starting it."""

    path: Path
    title: str
    kind: str
    minutes: int = 0
    players: tuple[int, int] = (1, 1)
    jobs: tuple[str, ...] = ()
    summary: str = ""
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class PlayerLine:
    id: str  # the player's id in the session ("p1")
    pseudonym: str
    code: str  # the card's short code, as printed


@dataclass(frozen=True)
class SessionLine:
    """One workshop session: when, which scenario, who played."""

    id: int
    created_at: float
    title: str
    status: str  # lobby, playing, ended
    players: tuple[PlayerLine, ...] = ()


@dataclass
class Launch:
    """What the game window needs to open on a session (``run.run_game``'s arguments)."""

    scenario_path: Path
    state: Any = None
    sink: Any = None
    on_summary: Callable[[], str] | None = None
    history: Sequence[Any] = field(default_factory=tuple)
    session: int | None = None  # None: a trial, nothing recorded


class HomePort(Protocol):
    def scenarios(self) -> list[ScenarioCard]:
        """The scenarios one can start, checked and linted."""
        ...

    def unfinished(self) -> list[SessionLine]:
        """Sessions still in the lobby or playing (paused, or cut by a crash), newest first."""
        ...

    def finished(self) -> list[SessionLine]:
        """Sessions that reached their end, newest first."""
        ...

    def start(self, scenario: Path) -> Launch:
        """A new recorded session of ``scenario``, in its lobby."""
        ...

    def resume(self, session: int) -> Launch:
        """Reopen a session exactly where it stopped."""
        ...

    def trial(self, scenario: Path) -> Launch:
        """Play without recording."""
        ...

    def write_cards(self, session: int) -> tuple[str, Path | None]:
        """Write the skills cards; a French line saying where, and the PDF."""
        ...

    def erase(self, session: int, player: str) -> str:
        """Erase one player everywhere; a French line saying what was done."""
        ...
