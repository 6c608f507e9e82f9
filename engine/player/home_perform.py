"""The one place that changes the facilitator's home (``engine/player/home.py``): it applies
what the home's inputs and presses want, as ``perform`` does for a game.

The home's own intents (``HomeGo``, ``HomeStart``, … in ``intents.py``) call its
``HomePort``; what the port cannot do (``HomeError``) is shown on the page, in French.
Enrolling and pushing may wait on the network: they run beside the window's loop
(``Home.background``), which keeps drawing and answering.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from engine.player import intents as do
from engine.player.home_port import HomeError
from engine.player.intents import Intent, Intents, as_list
from engine.player.locale import Texts
from engine.player.perform import perform_one
from engine.player.screens import home as pages
from engine.player.ui import HomePage

if TYPE_CHECKING:
    from engine.player.app import App
    from engine.player.home import Home

T = TypeVar("T")

#: the intents a home window shares with the game's: focus, hover, presses, options, window
_SHARED = (
    do.Hover,
    do.Focus,
    do.PressStart,
    do.PressEnd,
    do.Option,
    do.ReadAloud,
    do.Redraw,
    do.Window,
    do.Fullscreen,
    do.Quit,
    do.PadAdded,
    do.PadStick,
    do.PadTo,
)
#: where « Retour » goes from each page of the home
_HOME_BACK = {"session": "finished", "erase": "session"}
#: what « Réglages » changes by a choice (the rest is typed)
SETTABLE = (
    "language",
    "players_per_team",
    "phones",
    "retention_days",
    "text_step",
    "contrast",
    "muted",
)
#: the longest text a field of « Réglages » takes (an address, a folder)
FIELD_LIMIT = 300


def perform_home(home: Home, intents: Intents) -> None:
    """Apply what the home's inputs and presses want, in order (as ``perform`` for a game)."""
    for intent in as_list(intents):
        perform_home_one(home, intent)


def perform_home_one(home: Home, intent: Intent) -> None:
    match intent:
        case do.Activate(key=key):
            widget = next(
                (w for w in reversed(home.widgets) if w.key == key and w.interactive), None
            )
            if widget is not None and widget.on_press is not None:
                perform_home(home, widget.on_press(None))
        case do.Back():
            page = home.page
            back = _HOME_BACK.get(page.page, "menu")
            go_home(home, do.HomeGo(back, page.session if back != "menu" else None))
        case do.HomeGo():
            go_home(home, intent)
        case do.HomeStart(path=path, trial=trial):
            attempt(home, lambda: launch(home, Path(path), trial))
        case do.HomeResume(session=session):
            attempt(home, lambda: resume_game(home, session))
        case do.HomeCards(session=session):
            attempt(home, lambda: cards(home, session))
        case do.HomeErase(session=session, player=player):
            attempt(home, lambda: erase(home, session, player))
        case do.HomeExport(session=session):
            said = attempt(home, lambda: home.port.export(session))
            if said is not None:
                home.page = replace(home.page, message=said)
        case do.HomeTurn(step=step):
            turn(home, step)
        case do.HomeSet(name=name, value=value):
            set_value(home, name, value)
        case do.HomeField(name=name):
            home.typing = name
        case do.TypeText(text=text):
            if home.typing is not None:
                typed = home.fields.get(home.typing, "") + text
                home.fields[home.typing] = typed[:FIELD_LIMIT]
        case do.Backspace():
            if home.typing is not None:
                home.fields[home.typing] = home.fields.get(home.typing, "")[:-1]
        case do.HomeSave():
            save(home)
        case do.HomeEnrol():
            url, code = home.fields.get("url", ""), home.fields.get("code", "")
            home.background(lambda: home.port.enrol(url, code), after=enrolled)
        case do.HomePush():
            home.background(home.port.push, after=pushed)
        case do.PadRemoved(instance=instance):
            home.ui.pads.pop(instance, None)
            home.update_pad_hover()
        case _ if isinstance(intent, _SHARED):
            perform_one(cast("App", home), intent)
        case _:
            pass  # a game's intent: nothing on the home screen returns one
    home.dirty = True


def go_home(home: Home, intent: do.HomeGo) -> None:
    """Show a page with fresh lists (a game may have ended or a player been erased)."""
    page = intent.page
    if page in ("new", "trial") and not home.cards:
        home.cards = attempt(home, home.port.scenarios) or []
    elif page == "resume":
        home.sessions = attempt(home, home.port.unfinished) or []
    elif page in ("finished", "session", "erase"):
        home.sessions = attempt(home, home.port.finished) or []
    elif page == "settings":
        home.draft = attempt(home, home.port.settings)
        if home.draft is not None:
            home.fields = {
                "url": home.draft.hub_url,
                "code": "",
                "folder": home.draft.scenario_folder,
            }
        home.typing = None
    keep = home.page.turn if page == home.page.page and intent.session == home.page.session else 0
    home.page = HomePage(page, intent.session, intent.player, turn=keep)
    home.ui.focus = home.ui.hover = None
    home.ui.pressed.clear()


def turn(home: Home, step: int) -> None:
    """The next or previous page of the list, within its pages."""
    last = pages.pages_of(home) - 1
    at = max(0, min(last, home.page.turn + step))
    if at != home.page.turn:
        home.page = replace(home.page, turn=at)
        home.ui.focus = home.ui.hover = None


def set_value(home: Home, name: str, value: object) -> None:
    """A choice of « Réglages » (kept when « Enregistrer » is pressed), or « Téléphones »
    on the scenario picker (for the workshops started from here)."""
    if home.page.page in ("new", "trial") and name == "phones":
        home.phones = bool(value)
    elif home.draft is not None and name in SETTABLE:
        home.draft = replace(home.draft, **cast(dict[str, Any], {name: value}))


def save(home: Home) -> None:
    if home.draft is None:
        return
    draft = replace(home.draft, scenario_folder=home.fields.get("folder", "").strip())
    said = attempt(home, lambda: home.port.save_settings(draft))
    if said is None:
        return
    home.draft = draft
    home.typing = None
    home.phones = draft.phones
    home.cards = []  # the scenario folder may have changed: list them again
    home.ui.options.language = draft.language
    home.t = Texts(draft.language)
    if (home.ui.options.contrast, home.ui.options.muted) != (draft.contrast, draft.muted):
        home.ui.options.contrast = draft.contrast
        home.ui.options.muted = home.sounds.muted = draft.muted
        home.restyle()
    home.page = replace(home.page, message=said)


def enrolled(home: Home, said: str) -> None:
    """After « Inscrire »: what the hub said, and the link as it is now kept."""
    home.draft = attempt(home, home.port.settings) or home.draft
    if home.draft is not None:
        home.fields["url"] = home.draft.hub_url
    home.fields["code"] = ""
    home.page = replace(home.page, message=said)


def pushed(home: Home, said: str) -> None:
    if home.page.page in ("finished", "session"):
        home.sessions = attempt(home, home.port.finished) or home.sessions
    home.page = replace(home.page, message=said)


def launch(home: Home, path: Path, trial: bool) -> None:
    port = home.port
    phones = home.phones
    home.play(port.trial(path, phones=phones) if trial else port.start(path, phones=phones))
    go_home(home, do.HomeGo("menu"))


def resume_game(home: Home, session: int) -> None:
    home.play(home.port.resume(session, phones=home.phones))
    go_home(home, do.HomeGo("menu"))


def erase(home: Home, session: int, player: str) -> None:
    said = home.port.erase(session, player)
    go_home(home, do.HomeGo("session", session))
    home.page = replace(home.page, message=said)


def cards(home: Home, session: int) -> None:
    said, pdf = home.port.write_cards(session)
    if pdf is not None and home.show_file is not None:
        home.show_file(pdf)
    home.page = replace(home.page, message=said)


def attempt(home: Home, work: Callable[[], T]) -> T | None:
    """Do ``work``; what the port cannot do is shown on the page, in French."""
    try:
        return work()
    except HomeError as exc:
        home.page = replace(home.page, message=str(exc))
        return None
