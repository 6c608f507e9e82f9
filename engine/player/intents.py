"""What a screen or an input handler wants done, as small values.

A widget's ``on_press`` and ``inputs.handle`` return intents instead of changing the window;
``engine/player/perform.py`` is the one place that applies them, in order. Following an input
is then: ``inputs.handle`` says what it means, ``perform`` does it. No pygame here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from engine.core import actions as ac
from engine.player.ui import Document, LobbyForm, PuzzleWork


@dataclass(frozen=True)
class Act:
    """Step the core with ``action`` (the events then narrate and update the screen)."""

    action: ac.Action


@dataclass(frozen=True)
class Join:
    """The lobby form's "add me": a new player from the form, bound to the pressing device."""


@dataclass(frozen=True)
class SelfAssess:
    """A player validates the skills they picked in the debrief."""

    player: str


@dataclass(frozen=True)
class EditWork:
    """Change the open puzzle's answer in progress (a pure function of the current one,
    applied when the intent is: two presses in one frame both count)."""

    change: Callable[[PuzzleWork], PuzzleWork]


@dataclass(frozen=True)
class EditForm:
    """Change the lobby form (a pure function of the current one)."""

    change: Callable[[LobbyForm], LobbyForm]


@dataclass(frozen=True)
class TypeText:
    """Characters typed on a keyboard or an on-screen keyboard, for the active field."""

    text: str


@dataclass(frozen=True)
class Backspace:
    pass


@dataclass(frozen=True)
class Hold:
    """The item picked in the bag (None: put back)."""

    item: str | None


@dataclass(frozen=True)
class ChoosePlayer:
    """A tap on a player in "Qui joue ?": chosen for the mouse, or bound to the pressing pad."""

    player: str


@dataclass(frozen=True)
class Notify:
    """A short French line for the room (None: clear it); ``flash`` the "Qui joue ?" strip,
    with ``sound``."""

    text: str | None
    flash: bool = False
    sound: str | None = None


@dataclass(frozen=True)
class Screen:
    name: str


@dataclass(frozen=True)
class Focus:
    key: str | None


@dataclass(frozen=True)
class Hover:
    key: str | None


@dataclass(frozen=True)
class ShowDocument:
    """Open a document full screen (None: close it)."""

    document: Document | None


@dataclass(frozen=True)
class Zoom:
    """Make the open document's text larger (+1) or smaller (-1)."""

    step: int


@dataclass(frozen=True)
class Handover:
    """The hand-over overlay to ``team`` (None: dismissed)."""

    team: str | None


@dataclass(frozen=True)
class Option:
    """F2-F5: text size, contrast, font for dyslexia, sound."""

    name: Literal["text_size", "contrast", "font", "sound"]


@dataclass(frozen=True)
class Language:
    language: str


@dataclass(frozen=True)
class ReadAloud:
    pass


@dataclass(frozen=True)
class ShowWords:
    """« Les mots »: the glossary's page ``page`` (None: closed)."""

    page: int | None


@dataclass(frozen=True)
class DebriefPage:
    """Show the debrief's ``stage`` at ``page``, with the focus on "next"."""

    stage: str
    page: int = 0


@dataclass(frozen=True)
class PickSkill:
    """A player ticks or unticks a skill in the debrief's self-assessment."""

    player: str
    skill: str


@dataclass(frozen=True)
class WriteCards:
    """The ending's "write the skills cards" (the session's hook)."""


@dataclass(frozen=True)
class Reloaded:
    """The scenario was reloaded (``declic play --watch``): the room's work starts afresh."""

    notice: str


@dataclass(frozen=True)
class Redraw:
    """Rebuild the screen (``full``: repaint every widget; ``window``: update all of it)."""

    full: bool = False
    window: bool = False


# --- input: pointers, pads, the window --------------------------------------------------------


@dataclass(frozen=True)
class PressStart:
    """A pointer went down on ``key`` (a release on the same widget activates it)."""

    source: str
    key: str


@dataclass(frozen=True)
class PressEnd:
    source: str


@dataclass(frozen=True)
class Activate:
    """Press the widget ``key`` for ``player`` (refused if it needs a player and none is)."""

    key: str
    player: str | None
    source: str


@dataclass(frozen=True)
class Drop:
    """Something dragged from ``start`` was let go on ``key``."""

    start: str
    key: str
    player: str | None


@dataclass(frozen=True)
class Back:
    """Escape / B: drop what is held, else close the puzzle, else an overlay."""

    player: str | None


@dataclass(frozen=True)
class PadAdded:
    instance: int
    device: Any = None


@dataclass(frozen=True)
class PadRemoved:
    instance: int


@dataclass(frozen=True)
class PadStick:
    instance: int
    axis: int
    value: float


@dataclass(frozen=True)
class PadTo:
    """The D-pad jumped the pad's cursor onto a widget."""

    instance: int
    x: float
    y: float


@dataclass(frozen=True)
class Window:
    """The window was minimised (True), shown again (False), or lost the focus (None)."""

    minimised: bool | None


@dataclass(frozen=True)
class Fullscreen:
    pass


@dataclass(frozen=True)
class Quit:
    pass


# --- the facilitator's home (engine/player/home.py applies these) -------------------------


@dataclass(frozen=True)
class HomeGo:
    """Show a page of the home: menu, new, resume, finished, session, erase, trial."""

    page: str
    session: int | None = None
    player: str | None = None


@dataclass(frozen=True)
class HomeStart:
    """Open the game on this scenario: a recorded workshop, or a trial (nothing recorded)."""

    path: str
    trial: bool = False


@dataclass(frozen=True)
class HomeResume:
    session: int


@dataclass(frozen=True)
class HomeCards:
    """« Imprimer les cartes »: write the session's skills cards and show them."""

    session: int


@dataclass(frozen=True)
class HomeErase:
    """The confirmed « Effacer un joueur »."""

    session: int
    player: str


@dataclass(frozen=True)
class HomeTurn:
    """« Suivant » (+1) or « Précédent » (-1): the next or previous page of a long list."""

    step: int


@dataclass(frozen=True)
class HomeSet:
    """Change one setting of the « Réglages » draft (or « Téléphones » before a start)."""

    name: str
    value: Any


@dataclass(frozen=True)
class HomeField:
    """Type into this field of « Réglages » (hub address, code, folder); None: none."""

    name: str | None


@dataclass(frozen=True)
class HomeSave:
    """« Enregistrer » the « Réglages » draft."""


@dataclass(frozen=True)
class HomeEnrol:
    """« Inscrire » this laptop with the hub typed in « Réglages »."""


@dataclass(frozen=True)
class HomePush:
    """« Envoyer au hub »: the finished sessions not on the hub yet."""


@dataclass(frozen=True)
class HomeExport:
    """« Exporter »: a session's figures per player, as a file."""

    session: int


HomeIntent = (
    HomeGo
    | HomeStart
    | HomeResume
    | HomeCards
    | HomeErase
    | HomeTurn
    | HomeSet
    | HomeField
    | HomeSave
    | HomeEnrol
    | HomePush
    | HomeExport
)


Intent = (
    Act
    | Join
    | SelfAssess
    | EditWork
    | EditForm
    | TypeText
    | Backspace
    | Hold
    | ChoosePlayer
    | Notify
    | Screen
    | Focus
    | Hover
    | Handover
    | ShowDocument
    | Zoom
    | Option
    | Language
    | ReadAloud
    | ShowWords
    | DebriefPage
    | PickSkill
    | WriteCards
    | Reloaded
    | Redraw
    | PressStart
    | PressEnd
    | Activate
    | Drop
    | Back
    | PadAdded
    | PadRemoved
    | PadStick
    | PadTo
    | Window
    | Fullscreen
    | Quit
    | HomeIntent
)
#: what a press, a drop or an input handler returns
Intents = Intent | Sequence[Intent] | None


def as_list(intents: Intents) -> list[Intent]:
    if intents is None:
        return []
    if isinstance(intents, Sequence):
        return list(intents)
    return [intents]
