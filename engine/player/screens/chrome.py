"""What frames every play screen: top bar (title, timer, hints, settings), the "Qui joue ?"
strip of avatars, the bag of items, narration bubbles, and the live overlays."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from engine.core import actions as ac
from engine.core.state import FACILITATOR, Player
from engine.format.kinds import kind_icon
from engine.player.icons import avatar_maker, avatar_surface, icon_surface
from engine.player.initials import initials
from engine.player.intents import (
    Act,
    ChoosePlayer,
    Hold,
    Intent,
    Notify,
    Option,
    ReadAloud,
    ShowDocument,
    ShowWords,
)
from engine.player.paint import Painter, VRect
from engine.player.theme import contrast, mix, readable_on, rgb
from engine.player.ui import Document, Narration
from engine.player.widgets import Look, Widget, button, decoration, focus_ring

if TYPE_CHECKING:
    from engine.player.app import App

TOP_H = 104
STRIP = (16.0, 930.0, 940.0, 142.0)
BAG = (972.0, 930.0, 932.0, 142.0)
#: an item in the bag: its widest, and its name's size
ITEM_W = 150.0
ITEM_TEXT = 28.0
#: the width of the strip's "Touche ton nom" end
HAND = 196.0


def pause(app: App, _who: str | None) -> Act:
    """The pause button: pauses, or resumes a paused game (the facilitator's gesture)."""
    if app.state.clock.paused_at is None:
        return Act(ac.Pause(player=FACILITATOR))
    return Act(ac.Resume(player=FACILITATOR))


def clock_text(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


#: With « Les mots » among the buttons, the clock and the counters move this far left.
WORDS_SHIFT = 88


def _has_words(app: App) -> bool:
    """The playing screen's bar has a « Les mots » button (the scenario has a glossary)."""
    return bool(app.scenario.glossary) and app.state.phase == "playing"


def top_bar(app: App, *, settings: bool = True) -> list[Widget]:
    t = app.t
    scenario = app.scenario
    words = settings and _has_words(app)
    shift = WORDS_SHIFT if words else 0  # room for « Les mots » among the buttons

    def draw(p: Painter, _look: Look) -> None:
        p.gradient((0, 0, 1920, TOP_H), mix(p.theme.bar, (0, 0, 0), 0.2), p.theme.bar)
        p.rect((0, TOP_H - 4, 1920, 4), p.theme.accent)
        p.blit_shape(
            ("icon", kind_icon(scenario.kind)),
            (24, 18, 68, 68),
            lambda s: icon_surface(kind_icon(scenario.kind), s),
        )
        p.text(scenario.title, (108, 52), 40, p.theme.text, True, "midleft", max_width=560 - shift)

    widgets = [decoration("bar", (0, 0, 1920, TOP_H), draw, scenario.title, shift)]
    team = app.team()
    if team is not None and app.state.phase != "lobby":
        hx = 1020 - shift

        def hints(p: Painter, _look: Look) -> None:
            p.rect((hx, 16, 150, 72), p.theme.panel_alt, 36)
            p.blit_shape(
                ("icon", "indice"), (hx + 10, 22, 60, 60), lambda s: icon_surface("indice", s)
            )
            p.text(str(team.hints_total), (hx + 80, 52), 44, p.theme.hint, True, "midleft")

        widgets.append(
            decoration("bar:hints", (hx, 16, 150, 72), hints, t("bar.hints", n=team.hints_total))
        )
        if scenario.kind == "rally" or any(pz.points for pz in scenario.puzzles):
            sx = 1184 - shift

            def score(p: Painter, _look: Look) -> None:
                p.rect((sx, 16, 160, 72), p.theme.panel_alt, 36)
                p.blit_shape(
                    ("icon", "etoile"), (sx + 8, 22, 60, 60), lambda s: icon_surface("etoile", s)
                )
                p.text(str(team.score), (sx + 78, 52), 44, p.theme.text, True, "midleft")

            widgets.append(
                decoration("bar:score", (sx, 16, 160, 72), score, t("bar.score", n=team.score))
            )
    if settings:
        x = 1920 - 16
        entries = [
            (
                "bar:pause",
                "pause" if app.state.clock.paused_at is None else "reprendre",
                t("bar.pause"),
                lambda who: pause(app, who),
            ),
            (
                "bar:sound",
                "muet" if app.ui.options.muted else "son",
                t("bar.sound"),
                _do(Option("sound")),
            ),
            ("bar:font", "police", t("bar.font"), _do(Option("font"))),
            ("bar:contrast", "contraste", t("bar.contrast"), _do(Option("contrast"))),
            ("bar:size", "texte", t("bar.size"), _do(Option("text_size"))),
            (
                "bar:read",
                "lire",
                t("bar.read") if app.voice.available else t("bar.read_missing"),
                _do(ReadAloud()),
            ),
        ]
        if app.state.phase != "playing":
            entries = entries[1:]
        if words:
            entries.append(("bar:words", "loupe", t("bar.words"), _do(ShowWords(0))))
        for key, icon, label, action in entries:
            x -= 88
            widgets.append(
                button(
                    key, (x, 14, 76, 76), label, action, icon=icon, show_label=False, colour=None
                )
            )
    return widgets


def strip(app: App) -> list[Widget]:
    """The persistent "Qui joue ?" strip: tap your avatar, then act."""
    t = app.t
    players = list(app.state.players.values())
    turns = app.scenario.team_mode == "turns" and app.state.phase == "playing"
    active = app.state.active_team

    def frame(p: Painter, _look: Look) -> None:
        x, y, w, h = STRIP
        flash = app.ui.flash_strip > 0
        p.rect((x, y, w, h), p.theme.bad if flash else p.theme.panel, 24)
        p.rect((x, y, HAND, h), mix(p.theme.panel, p.theme.accent, 0.35), 24)
        p.blit_shape(
            ("icon", "main"), (x + HAND / 2 - 20, y + 6, 40, 40), lambda s: icon_surface("main", s)
        )
        p.text_box(
            t("who.hint"),
            (x + 6, y + 46, HAND - 12, h - 50),
            28,
            p.theme.text,
            True,
            "center",
            "middle",
        )
        if not players:
            p.text_box(
                t("who.empty"),
                (x + HAND + 20, y + 20, w - HAND - 40, h - 40),
                28,
                p.theme.text_dim,
                False,
                "left",
                "middle",
            )

    widgets = [
        decoration(
            "strip",
            STRIP,
            frame,
            t("who.title"),
            (app.ui.flash_strip > 0, bool(players)),
            pictured=True,  # drawn from its signature only
        )
    ]
    # past 7 players, two rows: names keep their size and room for more letters
    rows = 1 if len(players) <= 7 else 2
    per_row = max(1, -(-len(players) // rows))
    cell = min(118.0, (STRIP[2] - HAND - 14) / per_row)
    row_h = (STRIP[3] - 12) / rows
    letters = initials(player.pseudonym for player in players)
    for i, player in enumerate(players):
        row, col = divmod(i, per_row)
        rect = (STRIP[0] + HAND + 10 + col * cell, STRIP[1] + 6 + row * row_h, cell - 6, row_h - 4)
        dim = turns and player.team != active
        widgets.append(avatar_button(app, player, rect, dim, letters[player.pseudonym]))
    return widgets


def avatar_button(
    app: App,
    player: Player,
    rect: tuple[float, float, float, float],
    dim: bool,
    letters: str | None = None,
) -> Widget:
    """A player's button in the strip; an avatar in the colour of what lies under it (the
    white one on the chosen card) sits on a disc of the opposite shade."""

    def draw(p: Painter, look: Look) -> None:
        x, y, w, h = rect
        chosen = app.ui.selected == player.id
        pads = [pad for pad in app.ui.pads.values() if pad.player == player.id]
        if chosen:
            p.rect((x, y, w, h), p.theme.card, 20)
            p.rect((x, y, w, h), p.theme.accent, 20, 6)
        elif look.hovered:
            p.rect((x, y, w, h), p.theme.panel_alt, 20)
        roomy = h >= 100  # one row of players; two rows leave less height to each
        side = min(w - 8, h - 44 if roomy else h - 32)
        lift = -8 if chosen and roomy else 0
        under = p.theme.card if chosen else p.theme.panel_alt if look.hovered else p.theme.panel
        if contrast(rgb(player.colour), under) < 1.6:
            disc = mix(under, readable_on(under), 0.8)
            p.circle((x + w / 2, y + 4 + lift + side / 2), side / 2, disc)
        p.blit_shape(
            ("avatar", player.avatar, player.colour, player.pseudonym, letters),
            (x + (w - side) / 2, y + 4 + lift, side, side),
            lambda s: avatar_surface(
                player.avatar, player.colour, player.pseudonym, min(s), letters=letters
            ),
        )
        ink = p.theme.text_on_card if chosen else p.theme.text
        p.text(
            player.pseudonym,
            (x + w / 2, y + h - (22 if roomy else 15)),
            28,
            ink,
            chosen,
            "center",
            max_width=w - 6,
            ellipsis=True,
        )
        if pads:
            p.circle((x + w - 14, y + 16), 13, rgb(player.colour))
            p.circle((x + w - 14, y + 16), 13, (20, 20, 28), 3)
        if dim:
            p.shade((x, y, w, h), p.theme.background, 150, 20)
        focus_ring(p, rect, look, 20)

    def choose(_who: str | None) -> ChoosePlayer:
        return ChoosePlayer(player.id)

    label = app.t("who.player", name=player.pseudonym)
    bound = tuple(
        sorted(pad.instance_id for pad in app.ui.pads.values() if pad.player == player.id)
    )
    sig = (player.avatar, player.colour, app.ui.selected == player.id, bound, dim, letters)
    return Widget(f"player:{player.id}", rect, draw, label, choose, sig=sig)


def bag(app: App) -> list[Widget]:
    """The team's items: pick one to use it on something, examine it, or combine two."""
    t = app.t
    team = app.team()
    if team is None or not app.scenario.items:
        return []
    items = {i.id: i for i in app.scenario.items}
    held = app.ui.held
    carried = sum(1 for item_id in team.inventory if item_id in items)
    step = min(ITEM_W + 8, (BAG[2] - 140) / max(1, carried))
    how_x = 130 + carried * step + 16  # the "how to" goes after the items, while it has room

    def frame(p: Painter, _look: Look) -> None:
        x, y, w, h = BAG
        p.rect((x, y, w, h), p.theme.panel, 24)
        p.text(t("bag.title"), (x + 20, y + 10), 28, p.theme.text_dim, True)
        if not team.inventory:
            p.text_box(t("bag.empty"), (x + 20, y + 50, w - 40, h - 60), 28, p.theme.text_dim)
        elif held is None and w - how_x - 20 >= 240:
            p.text_box(
                t("bag.how"),
                (x + how_x, y + 10, w - how_x - 20, h - 20),
                28,
                p.theme.text_dim,
                False,
                "left",
                "middle",
            )

    widgets = [decoration("bag", BAG, frame, t("bag.title"), (carried, held is None))]
    x = BAG[0] + 130
    for item_id in team.inventory:
        item = items.get(item_id)
        if item is None:
            continue
        rect = (x, BAG[1] + 8, step - 8, BAG[3] - 16)
        widgets.append(item_button(app, item_id, item.name, item.icon, rect))
        x += step
    if held is not None and held in items:
        name = items[held].name
        bx = max(x + 12, BAG[0] + BAG[2] - 420)
        widgets.append(
            button(
                "held:examine",
                (bx, BAG[1] + 16, 200, 110),
                t("bag.examine"),
                lambda who: examine(app, who),
                icon="loupe",
                needs_player=True,
                size=28,
                colour=(0, 114, 178),
            )
        )
        widgets.append(
            button(
                "held:cancel",
                (bx + 212, BAG[1] + 16, 190, 110),
                t("bag.cancel"),
                _do(Hold(None)),
                icon="fermer",
                size=28,
            )
        )

        def tip(p: Painter, _look: Look) -> None:
            p.text_box(
                t("bag.use_on", name=name),
                (BAG[0] + 20, BAG[1] - 64, 900, 56),
                28,
                p.theme.hint,
                True,
                "left",
                "middle",
            )

        widgets.append(
            decoration("bag:tip", (BAG[0], BAG[1] - 64, 900, 56), tip, t("bag.use_on", name=name))
        )
    return widgets


def item_button(
    app: App, item_id: str, name: str, icon: str | None, rect: tuple[float, float, float, float]
) -> Widget:
    def draw(p: Painter, look: Look) -> None:
        x, y, w, h = rect
        held = app.ui.held == item_id
        base = p.theme.accent if held else p.theme.panel_alt
        if look.hovered:
            base = mix(base, (255, 255, 255), 0.15)
        lift = -10 if held else 0
        p.rect((x, y + lift, w, h), base, 18)
        ink = p.theme.accent_text if held else p.theme.text
        # the name at a readable size, never shrunk: on one line under a big icon, else on
        # two under a smaller one, the second cut with « … » (the full name is spoken and
        # shown whole by « Examiner », in the document viewer)
        wrapped = p.wrap(name, w - 8, ITEM_TEXT, True)
        shown = wrapped[:2]
        if len(wrapped) > 2:
            shown[1] = " ".join(wrapped[1:])
        # a word wider than the tile is cut too (at F2 « Passeport » ran under the next item)
        shown = [p.cut(line, w - 8, ITEM_TEXT, True) for line in shown]
        line = p.line_height(ITEM_TEXT, True)
        side = min(w - 28, h - 10 - len(shown) * line)
        p.blit_shape(
            ("icon", icon or item_id, name),
            (x + (w - side) / 2, y + 4 + lift, side, side),
            lambda s: icon_surface(icon or item_id, s, name),
        )
        p.text_box(
            "\n".join(shown),
            (x + 4, y + 6 + side + lift, w - 8, h - 8 - side),
            ITEM_TEXT,
            ink,
            True,
            "center",
            "middle",
        )
        focus_ring(p, rect, look)

    def pick(who: str | None) -> Intent | list[Intent]:
        held = app.ui.held
        if held is None:
            return Hold(item_id)
        if held == item_id:
            return Hold(None)
        if who is None:
            return Notify(app.t("who.first"), flash=True)
        return [Hold(None), Act(ac.Combine(player=who, first=held, second=item_id))]

    return Widget(f"item:{item_id}", rect, draw, name, pick, sig=(icon, app.ui.held == item_id))


def examine(app: App, who: str | None) -> list[Intent]:
    if app.ui.held is None or who is None:
        return []
    item = next((i for i in app.scenario.items if i.id == app.ui.held), None)
    shown = [] if item is None else [ShowDocument(Document(item.name, item.description, item.icon))]
    return [Hold(None), Act(ac.Examine(player=who, item=app.ui.held)), *shown]


def _do(intent: Intent) -> Callable[[str | None], Intent]:
    return lambda _who: intent


NARRATION_STYLE = {
    "say": ((255, 250, 235), None),
    "blocked": ((255, 224, 204), "cadenas"),
    "hint": ((255, 243, 176), "indice"),
    "announce": ((214, 234, 255), "megaphone"),
    "rejected": ((255, 214, 214), "fermer"),
    "gain": ((214, 245, 224), None),
    "item": ((220, 236, 255), None),
}


def narration(
    app: App,
    rect: tuple[float, float, float, float],
    size: float = 30,
    skip: tuple[str, ...] = (),
    prefix: str = "say",
) -> list[Widget]:
    """The last things the game said, as speech bubbles sized to their text (newest last).
    Text keeps its size: older bubbles leave first, and a newest one longer than the room
    shows its first lines and « Lire », which opens it whole (the document viewer)."""
    entries = said(app, skip)
    if not entries or rect[3] < 60:
        return []
    x, y, w, h = rect
    p = app.painter
    line = p.line_height(size, True)
    needs = [len(p.wrap(e.text, w - 128, size, True)) * line + 30 for e in entries]
    heights = [max(BUBBLE_LEAST, need) for need in needs]
    # the newest that fit at full size: older ones leave rather than squeezing every text
    while len(entries) > 1 and sum(heights) + 10 * (len(entries) - 1) > h:
        entries, needs, heights = entries[1:], needs[1:], heights[1:]
    if heights[0] > h:  # one bubble left, taller than the room
        if needs[0] > h:
            return long_bubble(app, f"{prefix}:0", (x, y, w, h), entries[0], size)
        heights = [h]  # its text fits once the bubble drops its spare height
    widgets: list[Widget] = []
    top = y
    for i, (entry, height) in enumerate(zip(entries, heights, strict=True)):
        box = (x, top, w, height)
        widgets.append(bubble(app, f"{prefix}:{i}", box, entry.kind, entry.text, entry.icon, size))
        top += height + 10
    return widgets


#: a bubble's height when its text needs less (room for its icon); and its « Lire » button
BUBBLE_LEAST = 92.0
READ_BUTTON = (150.0, 64.0)


def said(app: App, skip: tuple[str, ...] = ()) -> list[Narration]:
    """What the bubbles show: the game's last words, then a refusal of the room's input."""
    entries = [n for n in app.ui.narration if n.kind not in skip]
    if app.ui.notice:
        entries.append(Narration("rejected", app.ui.notice, "main"))
    return entries


def said_height(app: App, width: float, size: float) -> float:
    """The room the newest bubble wants with its text at full size (0: nothing said), for
    a crowded column to keep before sharing the rest; a long text is promised its first
    line and « Lire »."""
    entries = said(app)
    if not entries:
        return 0.0
    p = app.painter
    line = p.line_height(size, True)
    need = len(p.wrap(entries[-1].text, width - 128, size, True)) * line + 30
    return min(need, line + 32 + READ_BUTTON[1])


def long_bubble(
    app: App, key: str, box: tuple[float, float, float, float], entry: Narration, size: float
) -> list[Widget]:
    """A text longer than the room left to it: its first lines at full size, the last cut
    with « … », and a « Lire » button (under them, or beside a single line) opening the
    whole text big, titled with the place."""
    x, y, w, h = box
    p = app.painter
    bw, bh = READ_BUTTON
    rows = int((h - 32 - bh) // p.line_height(size, True))
    beside = rows < 1  # no line above the button: one line, narrowed, the button at its right
    keep = (bw + 24, 0.0) if beside else (0.0, bh + 8)
    lines = p.wrap(entry.text, w - 128 - keep[0], size, True)
    shown = lines[: max(1, rows)]
    shown[-1] = p.cut(" ".join(lines[len(shown) - 1 :]), w - 128 - keep[0], size, True)
    team = app.team()
    scene = app.rules.scenes.get(team.scene or "") if team is not None else None
    document = Document(scene.title if scene else app.scenario.title, entry.text, entry.icon)
    top = y + (h - bh) / 2 if beside else y + h - bh - 12
    return [
        bubble(app, key, box, entry.kind, " ".join(shown), entry.icon, size, keep, entry.text),
        button(
            f"{key}:read",
            (x + w - bw - 16, top, bw, bh),
            app.t("document.read"),
            lambda _w: ShowDocument(document),
            colour=(40, 44, 80),
            size=30,
            spoken=f"{app.t('document.read')} : {entry.text}",
        ),
    ]


def bubble(
    app: App,
    key: str,
    box: tuple[float, float, float, float],
    kind: str,
    text: str,
    icon: str | None,
    size: float,
    keep: tuple[float, float] = (0.0, 0.0),
    spoken: str | None = None,
) -> Widget:
    """A speech bubble; ``keep``: room kept right of and under the text (for « Lire »)."""
    paper, default_icon = NARRATION_STYLE.get(kind, NARRATION_STYLE["say"])
    icon = icon or default_icon or "lire"

    def draw(p: Painter, _look: Look) -> None:
        x, y, w, h = box
        colour = p.theme.card if p.theme.outline else paper
        p.rect((x + 4, y + 6, w, h), (0, 0, 0), 20)
        p.rect((x, y, w, h), colour, 20)
        if p.theme.outline:
            p.rect((x, y, w, h), p.theme.text_on_card, 20, p.theme.outline)
        side = min(60, h - 24)
        p.rect((x + 12, y + 12, side + 8, side + 8), (40, 44, 80), 14)
        p.blit_shape(
            ("icon", icon, kind), (x + 16, y + 16, side, side), lambda s: icon_surface(icon, s)
        )
        p.text_box(
            text,
            (x + 104, y + 12, w - 120 - keep[0], h - 24 - keep[1]),
            size,
            p.theme.text_on_card,
            True,
            "left",
            "top" if keep[1] else "middle",
        )

    return decoration(key, box, draw, spoken or text, (kind, icon, size, keep, text))


@dataclass(frozen=True)
class Live:
    """What the live layer shows: equal values draw equal pixels, so a frame where it is
    unchanged (most of them: the clock moves once a second) draws nothing."""

    clock: tuple[str, bool, bool] | None  # text, urgent, paused
    pads: tuple[tuple[float, float, tuple[str, str, str] | None], ...]  # x, y, who


def live(app: App) -> Live:
    clock = None
    if app.ui.screen == "play" and app.state.phase == "playing":
        remaining = app.session.remaining()
        seconds = remaining if remaining is not None else app.session.elapsed()
        urgent = remaining is not None and remaining < 120
        clock = (clock_text(seconds), urgent, app.state.clock.paused_at is not None)
    pads = []
    for pad in app.ui.pads.values():
        player = app.state.players.get(pad.player or "")
        who = (player.colour, player.avatar, player.pseudonym) if player is not None else None
        pads.append((pad.x, pad.y, who))
    return Live(clock, tuple(pads))


def clock_rect(app: App) -> VRect:
    """Where the big timer goes: left of the counters, never over them."""
    return (760 - (WORDS_SHIFT if _has_words(app) else 0), 10, 240, 84)


def draw_live(app: App, p: Painter, view: Live) -> None:
    """Drawn over the screen: the big timer and the gamepad cursors."""
    if view.clock is not None:
        text, urgent, paused = view.clock
        x = clock_rect(app)[0]

        def clock() -> None:
            p.rect((x, 10, 240, 84), p.theme.bad if urgent else p.theme.panel_alt, 42)
            p.blit_shape(
                ("icon", "horloge"), (x + 10, 16, 72, 72), lambda s: icon_surface("horloge", s)
            )
            ink = (255, 255, 255) if urgent else p.theme.text
            p.text(text, (x + 90, 52), 58, ink, True, "midleft", max_width=140)

        p.composed(("clock", text, urgent), (x, 10, 240, 84), clock)
        if paused:
            p.text(app.t("bar.paused"), (x + 120, 100), 28, p.theme.hint, True, "midtop")
    for cx, cy, who in view.pads:
        colour = rgb(who[0]) if who else (230, 230, 230)
        p.circle((cx, cy), 30, (0, 0, 0), 9)
        p.circle((cx, cy), 30, colour, 6)
        p.circle((cx, cy), 6, colour)
        if who is not None:
            p.blit_shape(
                ("avatar", who[1], who[0], who[2]),
                (cx + 18, cy + 18, 48, 48),
                avatar_maker(who[1], who[0], who[2]),
            )
        else:
            p.text("?", (cx + 36, cy + 36), 36, colour, True, "center")
