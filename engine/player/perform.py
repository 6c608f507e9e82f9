"""The one place that changes the window's UI state: it applies intents, and the events of
each step of the core.

Screens and input handlers return intents (``engine/player/intents.py``); ``perform`` does
each one, in order; an intent a widget returns when pressed is done right after. What the
room reads and hears after a step comes from ``narration.narrate`` (a pure function);
``after_step`` applies it with the other consequences of the events (the open puzzle's work,
the item held, the hand-over between teams).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, assert_never

from engine.core import actions as ac
from engine.core import events as ev
from engine.player import intents as do
from engine.player.inputs import toggle_fullscreen
from engine.player.intents import Intent, Intents, as_list
from engine.player.narration import narrate
from engine.player.puzzle_views import view_of
from engine.player.screens.current import build_screen, open_puzzle, screen_name
from engine.player.screens.debrief import PICKS, next_page
from engine.player.screens.overlays import ZOOMS
from engine.player.screens.puzzles import start_work
from engine.player.theme import AVATAR_SHAPES, PLAYER_COLOURS, TEXT_STEPS
from engine.player.ui import Cheer, LobbyForm, Pad, PuzzleWork
from engine.player.widgets import Widget

if TYPE_CHECKING:
    from engine.player.app import App

#: how long the points just won stay on screen before the hand-over (session clock seconds)
CHEER_SECONDS = 2.5


def perform(app: App, intents: Intents) -> None:
    for intent in as_list(intents):
        perform_one(app, intent)


def perform_one(app: App, intent: Intent) -> None:
    ui = app.ui
    match intent:
        case do.Act(action=action):
            app.act(action)
        case do.Join():
            join(app)
        case do.SelfAssess(player=who):
            self_assess(app, who)
        case do.EditWork(change=change):
            ui.work = change(ui.work)
            app.dirty = True
        case do.EditForm(change=change):
            ui.form = change(ui.form)
            app.dirty = True
        case do.TypeText(text=text):
            type_text(app, text)
        case do.Backspace():
            backspace(app)
        case do.Hold(item=item):
            ui.held = item
            app.dirty = True
        case do.ChoosePlayer(player=player):
            choose_player(app, player)
        case do.Notify(text=text, flash=flash, sound=sound):
            ui.notice = text
            if flash:
                ui.flash_strip = 1.0
            if sound is not None:
                app.sounds.play(sound)
            app.dirty = True
        case do.Screen(name=name):
            ui.screen = name
            app.dirty = True
        case do.Focus(key=key):
            ui.focus = key
        case do.Hover(key=key):
            ui.hover = key
        case do.Handover(team=team):
            ui.handover, ui.cheer = team, None
            app.dirty = True
        case do.ShowDocument(document=document):
            ui.document = document
            app.dirty = True
        case do.Zoom(step=step):
            if ui.document is not None:
                zoom = min(max(ui.document.zoom + step, 0), len(ZOOMS) - 1)
                ui.document = replace(ui.document, zoom=zoom)
                app.dirty = True
        case do.Option(name=name):
            option(app, name)
        case do.Language(language=language):
            app.set_language(language)
            reset_form(app)
        case do.ReadAloud():
            app.read_aloud()
        case do.ShowWords(page=page):
            ui.words = page
            app.dirty = app.force_full = True
        case do.DebriefPage(stage=stage, page=page):
            ui.debrief.stage = stage
            ui.debrief.page = page
            ui.focus = "debrief:next"
            app.dirty = app.force_full = True
        case do.PickSkill(player=who, skill=skill):
            pick_skill(app, who, skill)
        case do.WriteCards():
            write_cards(app)
        case do.Reloaded(notice=notice):
            ui.work = PuzzleWork()
            ui.held = None
            ui.narration = []
            ui.notice = notice
        case do.Redraw(full=full, window=whole):
            app.dirty = True
            app.force_full = app.force_full or full
            app.present_full = app.present_full or whole
        case do.PressStart(source=source, key=key):
            ui.pressed[source] = key
        case do.PressEnd(source=source):
            ui.pressed.pop(source, None)
        case do.Activate(key=key, player=player, source=source):
            activate(app, pressable(app, key), player, source)
        case do.Drop(start=start, key=key, player=player):
            widget = pressable(app, key)
            if widget is not None and widget.on_drop is not None:
                perform(app, widget.on_drop(start, player))
                app.dirty = True
        case do.Back(player=player):
            back(app, player)
        case do.PadAdded(instance=instance, device=device):
            n = len(ui.pads)
            ui.pads[instance] = Pad(instance, None, 560.0 + 120 * n, 620.0, device=device)
            ui.notice = app.t("pad.added")
            app.dirty = True
        case do.PadRemoved(instance=instance):
            pad_removed(app, instance)
        case do.PadStick(instance=instance, axis=axis, value=value):
            pad = ui.pads.get(instance)
            if pad is not None:
                if axis == 0:
                    pad.ax = value
                else:
                    pad.ay = value
        case do.PadTo(instance=instance, x=x, y=y):
            pad = ui.pads.get(instance)
            if pad is not None:
                pad.x, pad.y = x, y
                app.update_pad_hover()
        case do.Window(minimised=minimised):
            window_changed(app, minimised)
        case do.Fullscreen():
            toggle_fullscreen(app.window_size)
            app.dirty = True
        case do.Quit():
            ui.running = False
        case (
            do.HomeGo()
            | do.HomeStart()
            | do.HomeResume()
            | do.HomeCards()
            | do.HomeErase()
            | do.HomeTurn()
            | do.HomeSet()
            | do.HomeField()
            | do.HomeSave()
            | do.HomeEnrol()
            | do.HomePush()
            | do.HomeExport()
        ):
            pass  # only the home window has them (engine/player/home.py: perform_home)
        case _:
            assert_never(intent)


# --- presses ------------------------------------------------------------------------------


def pressable(app: App, key: str) -> Widget | None:
    """The widget on screen that an input named: the topmost one with that key that can be
    pressed (what ``App.widget_at`` would find there)."""
    return next((w for w in reversed(app.widgets) if w.key == key and w.interactive), None)


def activate(app: App, widget: Widget | None, player: str | None, source: str) -> None:
    """Press a widget for ``player``; refuse game actions when nobody is chosen."""
    if widget is None or widget.on_press is None:
        return
    if widget.needs_player and player is None:
        perform_one(app, do.Notify(app.t("who.first"), flash=True, sound="failure"))
        return
    app.ui.source = source
    perform(app, widget.on_press(player))
    app.dirty = True


def back(app: App, player: str | None) -> None:
    """Escape / B: close « Les mots » or an open document, else drop what is held, else close
    the hand-over, else close the open puzzle."""
    ui = app.ui
    if ui.words is not None:  # « Les mots » is over everything
        ui.words = None
    elif ui.document is not None:
        ui.document = None
    elif ui.work.grabbed or ui.work.left:
        ui.work = replace(ui.work, grabbed=None, left=None)
    elif ui.held is not None:
        ui.held = None
    elif ui.cheer is not None:  # Échap: straight to the hand-over
        ui.handover = ui.cheer.then
        ui.cheer = None
    elif ui.handover is not None:
        ui.handover = None
    elif ui.work.puzzle and player is not None:
        app.act(ac.Close(player=player))
    app.dirty = True


def choose_player(app: App, player: str) -> None:
    """A tap in "Qui joue ?": a pad's press binds that pad (and only it) to the player."""
    ui = app.ui
    if ui.source.startswith("pad:"):
        pad = ui.pads.get(int(ui.source[4:]))
        if pad is not None:
            for other in ui.pads.values():
                if other.player == player and other is not pad:
                    other.player = None
            pad.player = player
    else:
        ui.selected = player
    ui.notice = None
    app.dirty = True


# --- typing -------------------------------------------------------------------------------


def type_text(app: App, text: str) -> None:
    """Characters typed on a keyboard or the on-screen keyboard go to the active field."""
    ui = app.ui
    if ui.screen == "lobby":
        form = ui.form
        if form.field == "team":
            ui.form = replace(form, team=(form.team + text)[:24])
        else:
            value = (form.pseudonym + text)[:16]
            ui.form = replace(form, pseudonym=value[:1].upper() + value[1:])
    elif ui.work.puzzle:
        puzzle = app.puzzle(ui.work.puzzle)
        typed = view_of(puzzle).typed
        if typed is not None:
            ui.work = replace(ui.work, entry=typed(puzzle, ui.work.entry, text))
    app.dirty = True


def backspace(app: App) -> None:
    ui = app.ui
    if ui.screen == "lobby":
        form = ui.form
        if form.field == "team":
            ui.form = replace(form, team=form.team[:-1])
        else:
            ui.form = replace(form, pseudonym=form.pseudonym[:-1])
    elif ui.work.puzzle:
        ui.work = replace(ui.work, entry=ui.work.entry[:-1])
    app.dirty = True


# --- the lobby ----------------------------------------------------------------------------


def reset_form(app: App) -> None:
    """A fresh form with a colour and shape nobody has yet (the team kept in turns mode)."""
    state = app.state
    used = {(p.colour, p.avatar) for p in state.players.values()}
    n = len(state.players)
    colour, avatar = (
        PLAYER_COLOURS[n % len(PLAYER_COLOURS)],
        AVATAR_SHAPES[n % len(AVATAR_SHAPES)],
    )
    for k in range(len(PLAYER_COLOURS) * len(AVATAR_SHAPES)):
        pair = (
            PLAYER_COLOURS[(n + k) % len(PLAYER_COLOURS)],
            AVATAR_SHAPES[(n + k) % len(AVATAR_SHAPES)],
        )
        if pair not in used:
            colour, avatar = pair
            break
    team = app.ui.form.team if app.scenario.team_mode == "turns" else ""
    app.ui.form = LobbyForm(colour=colour, avatar=avatar, team=team)


def new_player_id(app: App) -> str:
    n = len(app.state.players) + 1
    while f"p{n}" in app.state.players:
        n += 1
    return f"p{n}"


def join(app: App) -> None:
    """The form's "add me" button: a Join action, attributed to the new player."""
    ui = app.ui
    form = ui.form
    name = form.pseudonym.strip()
    if not name:
        ui.notice = app.t("lobby.need_name")
        return
    if app.scenario.team_mode == "turns" and not form.team.strip():
        ui.notice = app.t("lobby.need_team")
        return
    player = new_player_id(app)
    team = form.team.strip() if app.scenario.team_mode == "turns" else "equipe"
    events = app.act(
        ac.Join(player=player, pseudonym=name, team=team, colour=form.colour, avatar=form.avatar)
    )
    if any(isinstance(e, ev.PlayerJoined) for e in events):
        if ui.source.startswith("pad:"):
            pad = ui.pads.get(int(ui.source[4:]))
            if pad is not None:
                pad.player = player
        else:
            ui.selected = player
        reset_form(app)


# --- options, pads, the window ------------------------------------------------------------


def option(app: App, name: str) -> None:
    options = app.ui.options
    if name == "sound":
        options.muted = not options.muted
        app.sounds.muted = options.muted
        app.dirty = True
        return
    if name == "text_size":
        options.text_step = (options.text_step + 1) % len(TEXT_STEPS)
    elif name == "contrast":
        options.contrast = not options.contrast
    elif name == "font":
        options.dyslexia = not options.dyslexia
    app.restyle()


def pad_removed(app: App, instance: int) -> None:
    ui = app.ui
    pad = ui.pads.pop(instance, None)
    if pad is None:
        return
    ui.pressed.pop(f"pad:{pad.instance_id}", None)
    who = app.state.players.get(pad.player or "")
    ui.notice = app.t("pad.removed", name=who.pseudonym) if who else app.t("pad.removed_free")
    app.update_pad_hover()
    app.dirty = True


def window_changed(app: App, minimised: bool | None) -> None:
    ui = app.ui
    if minimised is True:
        ui.minimised = True
    elif minimised is False:
        ui.minimised = False
        app.dirty = app.present_full = True  # the system may have lost the window's pixels
    else:  # the focus went elsewhere: nothing stays pressed or pushed
        ui.pressed.clear()
        ui.hover = None
        for pad in ui.pads.values():
            pad.ax = pad.ay = 0.0
        app.dirty = True


# --- the debrief and the ending -----------------------------------------------------------


def pick_skill(app: App, who: str, skill: str) -> None:
    ui = app.ui
    d = ui.debrief
    d.current = who
    picks = d.picks.setdefault(who, [])
    ui.notice = None
    if skill in picks:
        picks.remove(skill)
    elif len(picks) >= PICKS:
        ui.notice = app.t("debrief.three_max")
    else:
        picks.append(skill)
    app.dirty = True


def self_assess(app: App, who: str) -> None:
    ui = app.ui
    d = ui.debrief
    d.current = who
    picks = d.picks.get(who, [])
    if not picks:
        ui.notice = app.t("debrief.pick_first")
        return
    events = app.act(ac.SelfAssess(player=who, skills=tuple(picks)))
    if any(isinstance(e, ev.SelfAssessed) for e in events):
        ui.notice = None
        ui.selected = None
        d.current = None
        if all(pid in app.state.self_assessed for pid in app.state.players):
            perform_one(app, next_page(app))


def write_cards(app: App) -> None:
    """The session's hook writes everyone's skills cards; a failure is said, not raised."""
    hook = app.summary_hook
    if hook is None:
        return
    try:
        app.ui.summary_message = hook()
    except Exception as exc:  # a full disk must not end the workshop on a traceback
        app.ui.summary_message = app.t("ending.cards_failed", error=str(exc)[:80])
    app.dirty = app.force_full = True


# --- after a step of the core, and when the screen is rebuilt -------------------------------


def after_step(app: App, events: Sequence[ev.Event]) -> None:
    """What the room sees and hears after the events of one step."""
    ui = app.ui
    told = narrate(events, app.scenario, app.t)
    for sound in told.sounds:
        app.sounds.play(sound)
    won: dict[str, int] = {}  # points won in this step, per team
    for e in events:
        if isinstance(e, ev.ScoreChanged) and e.team is not None and e.delta > 0:
            won[e.team] = won.get(e.team, 0) + e.delta
        if isinstance(e, ev.AnswerChecked) and not e.correct:
            ui.work = replace(ui.work, entry="")
        elif isinstance(e, ev.PuzzleOpened):
            ui.work = start_work(app.rules.puzzle_for(e.puzzle, app.state, e.team))
        elif isinstance(e, ev.PuzzleClosed):
            ui.work = PuzzleWork()
        elif (isinstance(e, ev.ItemLost) and ui.held == e.item) or isinstance(e, ev.Moved):
            ui.held = None
        elif (
            isinstance(e, ev.TurnPassed)
            and len(app.state.teams) > 1
            and app.state.phase == "playing"
        ):
            ui.handover = e.team
            if won:  # the points first, then the hand-over (``cheer_done``)
                team, points = next(iter(won.items()))
                until = app.session.clock() + CHEER_SECONDS
                ui.cheer, ui.handover = Cheer(team, points, until, e.team), None
            ui.held = None
            if ui.selected and app.state.players[ui.selected].team != e.team:
                ui.selected = None
        elif isinstance(e, ev.GameEnded):
            ui.handover = ui.cheer = None
        elif isinstance(e, ev.PlayerJoined) and e.player is not None:
            ui.last_joined = e.player
    if told.lines is not None:
        ui.narration = list(told.lines)
    ui.notice = None
    app.dirty = True


def cheer_done(app: App) -> None:
    """Called each frame: once the points were seen long enough, the hand-over shows."""
    cheer = app.ui.cheer
    if cheer is not None and app.session.clock() >= cheer.until:
        app.ui.cheer, app.ui.handover = None, cheer.then
        app.dirty = True


def announce_done(app: App) -> None:
    """Called each frame: the facilitator's message leaves the projector after
    ``ANNOUNCE_SECONDS``, as it leaves the phones."""
    now = app.session.clock()
    kept = [n for n in app.ui.narration if n.until is None or now < n.until]
    if len(kept) != len(app.ui.narration):
        app.ui.narration = kept
        app.dirty = True


def rebuild(app: App) -> list[Widget]:
    """The screen the game calls for, with the open puzzle's work in step with the core; a
    focus or hover on a widget that is gone is dropped."""
    ui = app.ui
    ui.screen = screen_name(app)
    if ui.screen == "play":
        wanted = open_puzzle(app)
        if (ui.work.puzzle or None) != wanted:
            ui.work = start_work(app.puzzle(wanted)) if wanted else PuzzleWork()
    widgets = build_screen(app)
    keys = {w.key for w in widgets if w.interactive}
    if ui.focus is not None and ui.focus not in keys:
        ui.focus = None
    if ui.hover is not None and ui.hover not in keys:
        ui.hover = None
    if ui.focus is None:
        ui.focus = next((w.key for w in widgets if w.autofocus and w.interactive), None)
    return widgets
