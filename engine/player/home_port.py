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
    #: the icons the scenario draws (hand-drawn or OpenMoji names), for the card's pictures
    icons: tuple[str, ...] = ()

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
    #: on the hub: "pushed", "waiting" (with ``hub_problem``), "" when not enrolled
    hub: str = ""
    hub_problem: str = ""


@dataclass
class Launch:
    """What the game window needs to open on a session (``run.run_game``'s arguments)."""

    scenario_path: Path
    state: Any = None
    sink: Any = None
    on_summary: Callable[[], str] | None = None
    history: Sequence[Any] = field(default_factory=tuple)
    session: int | None = None  # None: a trial, nothing recorded
    #: what ``run_game`` plugs in (the phones' server), empty without phones
    attach: Sequence[Callable[[Any], Callable[[], None]]] = field(default_factory=tuple)
    #: the game's options when it opens (« Réglages »: ``ui.Options``' text_step, contrast,
    #: muted); the scenario keeps its language
    text_step: int = 0
    contrast: bool = False
    muted: bool = False


@dataclass(frozen=True)
class HomeSettings:
    """The « Réglages » page: kept where the command line reads them (the workshop file)."""

    hub_url: str = ""  # the hub this laptop is enrolled with, "" when none
    hub_organisation: str = ""
    scenario_folder: str = ""  # the Mission Locale's own scenarios, "" for none
    language: str = "fr"
    players_per_team: int = 4
    phones: bool = True  # « Téléphones » when a workshop starts from the home
    retention_days: int | None = None  # None: sessions are kept until erased
    text_step: int = 0  # the games' default text size (``theme.TEXT_STEPS``' index)
    contrast: bool = False  # the games open in high contrast
    muted: bool = False  # the games open without sound
    #: « Où sont les données », read only: the workshop file, and the cards' folder if any
    data_file: str = ""
    cards_folder: str = ""


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

    def start(self, scenario: Path, *, phones: bool = False) -> Launch:
        """A new recorded session of ``scenario``, in its lobby (with the phones' server);
        every ``Launch`` carries the games' defaults of « Réglages »."""
        ...

    def resume(self, session: int, *, phones: bool = False) -> Launch:
        """Reopen a session exactly where it stopped."""
        ...

    def trial(self, scenario: Path, *, phones: bool = False) -> Launch:
        """Play without recording."""
        ...

    def write_cards(self, session: int) -> tuple[str, Path | None]:
        """Write the skills cards; a French line saying where, and the PDF."""
        ...

    def erase(self, session: int, player: str) -> str:
        """Erase one player everywhere; a French line saying what was done."""
        ...

    def export(self, session: int) -> str:
        """Write the session's figures per player (CSV); a French line saying where."""
        ...

    def settings(self) -> HomeSettings:
        """The settings as they are kept now."""
        ...

    def save_settings(self, settings: HomeSettings) -> str:
        """Keep ``settings`` (the hub's part is changed by ``enrol`` only, where the data lives
        is read only); a French line."""
        ...

    def enrol(self, url: str, code: str) -> str:
        """``declic hub enrol URL CODE``; a French line. May wait on the network: the home
        calls it away from its window's loop."""
        ...

    def push(self) -> str:
        """``declic hub push``: the finished sessions not on the hub yet; a French line.
        May wait on the network, like ``enrol``."""
        ...
