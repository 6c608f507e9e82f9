"""The lobby: each player types a pseudonym (accents welcome), picks a colour and a shape,
and a team in ``turns`` mode. Gamepad players press "C'est moi !" with their own pad.

In ``turns`` mode the teams are full-width rows of the right panel, each showing who joined
it: a team's name keeps its size at the largest text (F2), where a row of four buttons under
the keyboard had to shrink it (issue 20). With phones attached, the phones' panel leaves the
rows too little height: the teams become a grid of two columns, each name over its avatars."""

from __future__ import annotations

import random
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from engine.core import actions as ac
from engine.core.state import FACILITATOR, Player
from engine.player.icons import avatar_maker, avatar_surface
from engine.player.intents import Act, EditForm, Join
from engine.player.paint import Painter
from engine.player.screens.chrome import strip, top_bar
from engine.player.screens.keyboard import keyboard
from engine.player.screens.phone_join import phone_panel, phone_panel_height
from engine.player.theme import AVATAR_SHAPES, PLAYER_COLOURS, readable_on, rgb
from engine.player.widgets import Look, Widget, button, button_face, decoration, focus_ring

if TYPE_CHECKING:
    from engine.player.app import App

FORM = (40.0, 124.0, 1160.0, 796.0)
SIDE = (1224.0, 124.0, 656.0, 796.0)
#: the lowest team row that keeps its name at full size beside its members' avatars
ROW_LEAST = 80.0
#: the form's rows, from the form's top: the name field, the keyboard, colours and shapes;
#: each label sits just above its row and grows upwards with the text size
FIELD_Y, KEYS_Y, KEYS_H, SWATCH_Y = 164.0, 276.0, 236.0, 572.0


def build(app: App) -> list[Widget]:
    t = app.t
    form = app.ui.form
    turns = app.scenario.team_mode == "turns"

    def backdrop(p: Painter, _look: Look) -> None:
        p.rect(FORM, p.theme.panel, 28)
        p.rect(SIDE, p.theme.panel, 28)
        x, y, _w, _h = FORM
        p.text(t("lobby.title"), (x + 32, y + 14), 52, p.theme.text, True)
        dim = p.theme.text_dim
        p.text(t("lobby.name"), (x + 32, y + FIELD_Y - 6), 28, dim, True, "bottomleft")
        p.text(t("lobby.colour"), (x + 32, y + SWATCH_Y - 10), 28, dim, True, "bottomleft")
        p.text(t("lobby.shape"), (x + 600, y + SWATCH_Y - 10), 28, dim, True, "bottomleft")

    sx, sy, _sw, _sh = SIDE
    ready_text = t("lobby.ready", n=len(app.state.players))
    pads_text = t("lobby.pads", n=len(app.ui.pads))

    # with phones the count sits higher and the panel starts under it at every text size
    phones = app.ui.phones is not None
    ready_y = sy + 12 if phones else sy + 20
    panel_y = ready_y + app.painter.line_height(40, True) + 6
    panel_h = phone_panel_height(app) if phones else 0.0
    below = panel_y + panel_h + 8  # where the joined players or the teams may start
    # without phones the joined players' cards start under the count's whole letters
    # (« p » goes below its line: at F2 the cards covered it)
    cards_y = max(SIDE[1] + 100, ready_y + app.painter.font(40, True).get_height() / app.painter.s)

    def counts(p: Painter, _look: Look) -> None:
        p.text(ready_text, (sx + 28, ready_y), 40, p.theme.text, True)

    def pad_note(p: Painter, _look: Look) -> None:
        p.text_box(pads_text, (sx + 28, sy + 548, 600, 120), 28, p.theme.text_dim)

    # the backdrop never changes: joining or typing repaints only the small parts
    widgets = [
        decoration("lobby", (0, 0, 1920, 1080), backdrop, t("lobby.title"), turns, ground=True),
        decoration("lobby:ready", (sx + 28, ready_y, 600, panel_y - ready_y), counts, ready_text),
    ]
    if not phones:
        widgets.append(decoration("lobby:pads", (sx + 28, sy + 548, 600, 120), pad_note, pads_text))
    widgets += phone_panel(app, (sx + 28, panel_y, 600, panel_h))
    widgets += top_bar(app)
    widgets.append(
        name_field(
            app,
            "field:pseudonym",
            (FORM[0] + 32, FORM[1] + FIELD_Y, 640, 96),
            form.pseudonym,
            form.field == "pseudonym",
            t("lobby.name"),
        )
    )
    widgets.append(preview(app, (FORM[0] + 700, FORM[1] + FIELD_Y - 26, 430, 140)))
    widgets += keyboard(app, (FORM[0] + 32, FORM[1] + KEYS_Y, 1100, KEYS_H), "osk", figures=False)
    y = FORM[1] + SWATCH_Y
    for i, colour in enumerate(PLAYER_COLOURS):
        widgets.append(swatch(app, colour, (FORM[0] + 32 + i * 68, y, 60, 60)))
    for i, shape in enumerate(AVATAR_SHAPES):
        widgets.append(shape_button(app, shape, (FORM[0] + 600 + i * 68, y, 60, 60)))
    if turns:  # below the phones' panel, or above the gamepads' note
        top, bottom = (below + 60, SIDE[1] + 670) if phones else (SIDE[1] + 156, SIDE[1] + 536)
        widgets += teams(app, (SIDE[0] + 28, top, SIDE[2] - 56, bottom - top))
    add_y = FORM[1] + FORM[3] - 112
    widgets.append(
        button(
            "lobby:add",
            (FORM[0] + 32, add_y, 520, 92),
            t("lobby.add"),
            lambda _w: Join(),
            icon="ok",
            colour=(0, 114, 178),
            size=38,
        )
    )
    widgets.append(
        button(
            "lobby:random",
            (FORM[0] + 580, add_y, 360, 92),
            t("lobby.random"),
            lambda _w: random_name(app),
            size=30,
        )
    )
    for i, player in enumerate([] if turns else app.state.players.values()):
        if phones:  # up to 16 players under the phones' panel, in three columns
            row, col = divmod(i, 3)
            box = (SIDE[0] + 28 + col * 204, below + row * 54, 196, 48)
        else:
            row, col = divmod(i, 2)
            box = (SIDE[0] + 28 + col * 306, cards_y + row * 86, 296, 76)
        widgets.append(joined_card(app, player.id, box))
    ready = bool(app.state.players)
    widgets.append(
        button(
            "lobby:start",
            (SIDE[0] + 28, SIDE[1] + SIDE[3] - 120, SIDE[2] - 56, 100),
            t("lobby.start"),
            lambda _w: start(app),
            icon="reprendre",
            colour=(0, 158, 115),
            enabled=ready,
            size=44,
        )
    )
    widgets += strip(app)
    return widgets


def name_field(
    app: App,
    key: str,
    rect: tuple[float, float, float, float],
    value: str,
    active: bool,
    label: str,
) -> Widget:
    def draw(p: Painter, look: Look) -> None:
        x, y, w, h = rect
        p.rect(rect, p.theme.card, 18)
        p.rect(rect, p.theme.accent if active else p.theme.panel_alt, 18, 5)
        shown = value + ("|" if (active and (app.frames // 30) % 2 == 0) or active else "")
        p.text(
            shown or " ",
            (x + 24, y + h / 2),
            48,
            p.theme.text_on_card,
            True,
            "midleft",
            max_width=w - 40,
        )
        focus_ring(p, rect, look)

    def activate(_who: str | None) -> EditForm:
        return EditForm(partial(replace, field=key.split(":")[1]))

    return Widget(key, rect, draw, f"{label} {value}", activate, sig=active)


def preview(app: App, rect: tuple[float, float, float, float]) -> Widget:
    form = app.ui.form

    def draw(p: Painter, _look: Look) -> None:
        x, y, _w, h = rect
        name = form.pseudonym or "?"
        p.blit_shape(
            ("avatar", form.avatar, form.colour, name[:1].upper()),
            (x, y, h, h),
            lambda s: avatar_surface(form.avatar, form.colour, name, min(s)),
        )
        p.text(
            name,
            (x + h + 16, y + h / 2 - 20),
            44,
            p.theme.text,
            True,
            "midleft",
            max_width=rect[2] - h - 20,
        )
        if form.team:
            p.text(
                form.team,
                (x + h + 16, y + h / 2 + 28),
                28,
                p.theme.text_dim,
                False,
                "midleft",
                max_width=rect[2] - h - 20,
            )

    return decoration(
        "lobby:preview", rect, draw, form.pseudonym, (form.avatar, form.colour, form.team)
    )


def swatch(app: App, colour: str, rect: tuple[float, float, float, float]) -> Widget:
    def draw(p: Painter, look: Look) -> None:
        x, y, w, h = rect
        chosen = app.ui.form.colour == colour
        if chosen:
            p.rect((x - 6, y - 6, w + 12, h + 12), p.theme.text, 16)
        p.rect(rect, rgb(colour), 12)
        p.rect(rect, (20, 20, 28), 12, 3)
        if chosen:
            p.polygon(
                [
                    (x + 14, y + 30),
                    (x + 24, y + 42),
                    (x + 46, y + 18),
                    (x + 50, y + 24),
                    (x + 24, y + 50),
                    (x + 10, y + 36),
                ],
                (20, 20, 28),
            )
        focus_ring(p, rect, look, 12)

    def pick(_who: str | None) -> EditForm:
        return EditForm(partial(replace, colour=colour))

    return Widget(
        f"colour:{colour}",
        rect,
        draw,
        app.t(f"colour.{colour[1:]}"),
        pick,
        sig=app.ui.form.colour == colour,
        pictured=True,
    )


def shape_button(app: App, shape: str, rect: tuple[float, float, float, float]) -> Widget:
    def draw(p: Painter, look: Look) -> None:
        x, y, w, h = rect
        chosen = app.ui.form.avatar == shape
        p.rect(rect, p.theme.accent if chosen else p.theme.panel_alt, 12)
        colour = app.ui.form.colour or "#ffffff"
        p.blit_shape(
            ("avatar", shape, colour, " "),
            (x + 4, y + 4, w - 8, h - 8),
            lambda s: avatar_surface(shape, colour, " ", min(s)),
        )
        focus_ring(p, rect, look, 12)

    def pick(_who: str | None) -> EditForm:
        return EditForm(partial(replace, avatar=shape))

    return Widget(
        f"shape:{shape}",
        rect,
        draw,
        app.t(f"shape.{shape}"),
        pick,
        sig=(app.ui.form.avatar == shape, app.ui.form.colour),
        pictured=True,
    )


def teams(app: App, rect: tuple[float, float, float, float]) -> list[Widget]:
    """The teams to pick, one full-width row each, split from ``rect``; under its label."""
    t = app.t
    x, y, w, h = rect
    names = list(
        dict.fromkeys([team.name for team in app.state.teams.values()] + t.list("lobby.team_names"))
    )
    limit = app.scenario.teams.max if app.scenario.teams else 4
    names = names[: max(limit, len(app.state.teams))]

    def label(p: Painter, _look: Look) -> None:
        p.text(t("lobby.team"), (x, y - 8), 28, p.theme.text_dim, True, "bottomleft")

    widgets = [decoration("lobby:team_label", (x, y - 60, w, 52), label, t("lobby.team"))]
    gap = 14.0
    # rows lower than a button (under the phones' panel) become a grid of two columns
    cols = 1 if h / max(1, len(names)) - gap >= ROW_LEAST else 2
    rows = -(-len(names) // cols)
    row = min(104.0 * cols, (h + gap) / max(1, rows) - gap)
    cell = (w - (cols - 1) * gap) / cols
    for i, name in enumerate(names):
        members = [pl for pl in app.state.players.values() if team_name(app, pl.team) == name]
        r, c = divmod(i, cols)
        box = (x + c * (cell + gap), y + r * (row + gap), cell, row)
        widgets.append(team_row(app, name, members, box, stacked=cols > 1))
    return widgets


def team_name(app: App, team: str) -> str:
    """A player's team as the room reads it (players keep the team's id)."""
    known = app.state.teams.get(team)
    return known.name if known is not None else team


def team_row(
    app: App,
    name: str,
    members: list[Player],
    rect: tuple[float, float, float, float],
    stacked: bool = False,
) -> Widget:
    """A team to pick, as large as a button, with the avatars of those who joined it on its
    right, or under the name when ``stacked`` (a grid's cell is too narrow for both on one
    line); the name wraps or shrinks only within the room the avatars leave it."""
    selected = app.ui.form.team == name
    faces = tuple((m.id, m.avatar, m.colour, m.pseudonym) for m in members)

    def draw(p: Painter, look: Look) -> None:
        x, y, w, h = rect
        lift, base = button_face(p, rect, look, selected=selected)
        ink = p.theme.accent_text if selected else readable_on(base)
        if stacked:  # the name on the whole width, the avatars in a line under it
            side = min(h * 0.36, 40.0)
            slots = max(1, int((w - 40) // (side + 6)))
            left, top = x + 18, y - lift + h - side - 8
            name_box = (x + 18, y - lift + 4, w - 36, h - side - 14)
        else:
            side = min(h - 24, 60.0)
            slots = max(1, int((w - 300) // (side + 8)))
        # more members than slots: the last slot says how many are not drawn
        shown = faces if len(faces) <= slots else faces[: slots - 1]
        more = len(faces) - len(shown)
        if not stacked:
            left = x + w - 16 - (len(shown) + (more > 0)) * (side + 8) + 8
            top = y - lift + (h - side) / 2
            name_box = (x + 24, y - lift + 6, left - x - 40, h - 12)
        p.text_box(name, name_box, 34, ink, True, "left", "middle")
        step = side + (6 if stacked else 8)
        for i, (_id, avatar, colour, pseudonym) in enumerate(shown):
            p.blit_shape(
                ("avatar", avatar, colour, pseudonym),
                (left + i * step, top, side, side),
                avatar_maker(avatar, colour, pseudonym),
            )
        if more:
            at = (left + len(shown) * step + side / 2, top + side / 2)
            p.text(f"+{more}", at, 28, ink, True, "center")
        focus_ring(p, (x, y - lift, w, h), look)

    def pick(_who: str | None) -> EditForm:
        return EditForm(partial(replace, team=name))

    who = ", ".join(m.pseudonym for m in members)
    return Widget(
        f"team:{name}",
        rect,
        draw,
        f"{name} : {who}" if who else name,
        pick,
        sig=(selected, faces),
        bleed=12,
        rest_bleed=6,
        pictured=True,
    )


def random_name(app: App) -> EditForm:
    taken = {p.pseudonym for p in app.state.players.values()}
    choices = [n for n in app.t.list("lobby.random_names") if n not in taken] or app.t.list(
        "lobby.random_names"
    )
    return EditForm(partial(replace, pseudonym=random.choice(choices), field="pseudonym"))


def joined_card(app: App, player_id: str, rect: tuple[float, float, float, float]) -> Widget:
    player = app.state.players[player_id]

    def draw(p: Painter, _look: Look) -> None:
        x, y, w, h = rect
        p.rect(rect, p.theme.panel_alt, 16)
        p.blit_shape(
            ("avatar", player.avatar, player.colour, player.pseudonym),
            (x + 6, y + 4, h - 8, h - 8),
            lambda s: avatar_surface(player.avatar, player.colour, player.pseudonym, min(s)),
        )
        p.text(
            player.pseudonym,
            (x + h + 8, y + h / 2),
            30,
            p.theme.text,
            True,
            "midleft",
            max_width=w - h - 16,
        )

    return decoration(
        f"joined:{player_id}",
        rect,
        draw,
        player.pseudonym,
        (player.avatar, player.colour),
        pictured=True,
    )


def start(_app: App) -> Act:
    """ "On commence !": the facilitator's gesture, attributed to the facilitator."""
    return Act(ac.Start(player=FACILITATOR))
