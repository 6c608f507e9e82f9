"""What only the screen knows: the room's work in progress, separate from the game state.

The core's ``GameState`` says what happened; this module holds what the room is doing on
screen in between (the puzzle answer being composed, the lobby form, the chosen player,
focus and hover, the options). Screens read it; only ``engine/player/perform.py`` changes
it, by applying the intents screens and input handlers return. No pygame here.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Pad:
    """One gamepad: its cursor and the player it plays for."""

    instance_id: int
    player: str | None = None
    x: float = 960.0
    y: float = 540.0
    ax: float = 0.0
    ay: float = 0.0
    device: Any = None


#: A stick's rest zone, and how fast a cursor moves at full stick (virtual pixels a second).
DEADZONE = 0.2
PAD_SPEED = 1500.0


def move_pads(pads: Iterable[Pad], dt: float) -> bool:
    """Gamepad sticks move their cursors, in the game and on the home; True when one moved."""
    moved = False
    for pad in pads:
        ax = pad.ax if abs(pad.ax) > DEADZONE else 0.0
        ay = pad.ay if abs(pad.ay) > DEADZONE else 0.0
        if ax or ay:
            pad.x = min(1920.0, max(0.0, pad.x + ax * PAD_SPEED * dt))
            pad.y = min(1080.0, max(0.0, pad.y + ay * PAD_SPEED * dt))
            moved = True
    return moved


@dataclass
class Layer:
    """Something drawn over the screen (timer, cursors, console). ``signature`` says what
    it shows: while it and the screen stay the same, the frame draws nothing; without one,
    the layer is drawn every frame."""

    draw: Callable[[], None]
    signature: Callable[[], Hashable] | None = None


@dataclass(frozen=True)
class Narration:
    """One line the room reads (and hears) after an action."""

    kind: str  # say, blocked, hint, announce, rejected, gain, item, right, wrong
    text: str
    icon: str | None = None
    until: float | None = None  # the clock time it goes away by itself (the facilitator's message)


@dataclass(frozen=True)
class PuzzleWork:
    """What the room is composing for the open puzzle, before it is sent as an answer.
    A value: a puzzle view returns a new one (``dataclasses.replace``), never edits it."""

    puzzle: str = ""
    entry: str = ""
    choice: str | None = None
    choices: tuple[str, ...] = ()
    order: tuple[str, ...] = ()
    pairs: dict[str, str] = field(default_factory=dict)  # copied, never edited
    right_order: tuple[str, ...] = ()
    left: str | None = None
    grabbed: str | None = None


@dataclass(frozen=True)
class LobbyForm:
    pseudonym: str = ""
    colour: str = ""
    avatar: str = ""
    team: str = ""
    field: str = "pseudonym"


@dataclass
class Options:
    """The accessibility settings (F2-F5) and the language."""

    language: str = "fr"
    text_step: int = 0
    contrast: bool = False
    dyslexia: bool = False
    muted: bool = False


@dataclass(frozen=True)
class Document:
    """A document or clue opened full screen (an item examined): what it says, in big
    letters, and how far the room zoomed in (0, 1 or 2 steps)."""

    title: str
    text: str
    icon: str | None = None
    zoom: int = 0


@dataclass(frozen=True)
class Cheer:
    """Points just won, shown big for a moment before the screen is handed to ``then`` (the
    next team): the hand-over must not hide the « +10 points » the room just earned."""

    team: str
    points: int
    until: float  # session clock time when the hand-over takes its place
    then: str | None = None


@dataclass
class UiState:
    """Everything on screen that is not the game: changed only by ``perform``."""

    options: Options
    screen: str = "start"  # start, lobby, play, ending
    selected: str | None = None  # the player chosen in "Qui joue ?"
    pads: dict[int, Pad] = field(default_factory=dict)
    pad_hover: set[str] = field(default_factory=set)
    focus: str | None = None
    hover: str | None = None
    pressed: dict[str, str] = field(default_factory=dict)  # pointer source → widget key
    source: str = "mouse"  # the device of the last press (a pad binds to who joins with it)
    form: LobbyForm = field(default_factory=LobbyForm)
    work: PuzzleWork = field(default_factory=PuzzleWork)
    held: str | None = None  # the item picked in the bag
    narration: list[Narration] = field(default_factory=list)
    handover: str | None = None  # the team the screen is being handed to
    cheer: Cheer | None = None  # points just won, shown before the hand-over
    words: int | None = None  # the page of « Les mots » shown (the glossary), if open
    document: Document | None = None  # opened full screen (screens/overlays.document)
    notice: str | None = None
    flash_strip: float = 0.0  # seconds the "Qui joue ?" strip still flashes
    last_joined: str | None = None
    minimised: bool = False
    running: bool = True
    #: the debrief screen's state (screens/debrief.py), set when the console is attached
    debrief: Any = None
    #: a French line saying where the skills cards were written (ending screen)
    summary_message: str | None = None
    #: the phones' join link, address and room code (engine/phones), None when off
    phones: tuple[str, str, str] | None = None


@dataclass(frozen=True)
class HomePage:
    """Where the facilitator's home is: the page, the session and player it is about, and
    the last French line to show (what was written, erased, or what went wrong)."""

    page: str = "menu"  # menu, new, trial, resume, finished, session, erase, settings
    session: int | None = None
    player: str | None = None
    message: str | None = None
    turn: int = 0  # the page of a long list (« Suivant », « Précédent »)


def parse_size(text: str) -> tuple[int, int]:
    """ "1280x720" → (1280, 720); nonsense gives the projector's 1920×1080."""
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        return 1920, 1080
    return max(320, w), max(240, h)
