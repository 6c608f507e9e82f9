"""The facilitator console's widgets: timer, team progress, hint pushes, observations.

Drawn in the player's 1920×1080 virtual space, like the game screens, so the same widgets,
painter and fonts serve the laptop window and the single-screen overlay. Denser than the
game screens: it is read by an adult at arm's length, not by a room.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.core import actions as ac
from engine.core.state import FACILITATOR
from engine.player.console.progress import TeamProgress, solution_text, team_progress
from engine.player.icons import avatar_maker, icon_maker
from engine.player.paint import Painter
from engine.player.screens.chrome import clock_text
from engine.player.screens.debrief import key_moments
from engine.player.theme import mix
from engine.player.widgets import Look, Press, Widget, button, decoration, focus_ring

if TYPE_CHECKING:
    from engine.player.console.host import Console

HEAD_H = 118
OBSERVED = "etoile"  # the icon of the facilitator's observations in the key moments
LEFT = (24.0, 140.0, 1096.0, 820.0)
SEND = (24.0, 976.0, 1096.0, 84.0)  # the free message to the teams
RIGHT = (1144.0, 140.0, 752.0, 920.0)
TEXT = 28


def build(console: Console) -> list[Widget]:
    widgets = header(console)
    widgets += teams(console)
    widgets += announce(console)
    if console.team is not None and console.team in console.app.state.teams:
        widgets += puzzle_panel(console, console.team)
    else:
        widgets += observe(console)
    return widgets


def header(console: Console) -> list[Widget]:
    app = console.app
    t = app.t
    state = app.state
    paused = state.clock.paused_at is not None
    elapsed = app.session.elapsed()
    remaining = app.session.remaining()
    overlay = console.mode == "overlay"

    def draw(p: Painter, _look: Look) -> None:
        theme = p.theme
        p.fill(theme.background)
        p.gradient((0, 0, 1920, HEAD_H), mix(theme.bar, (0, 0, 0), 0.3), theme.bar)
        p.rect((0, HEAD_H - 4, 1920, 4), theme.accent)
        p.text(t("console.title"), (28, 32), 34, theme.text, True)
        hint = t("console.key_overlay") if overlay else t("console.key_window")
        p.text(hint, (28, 78), 24, theme.text_dim, max_width=470)
        p.rect((510, 14, 440, 90), theme.panel, 20)
        p.blit_shape(("icon", "horloge"), (524, 24, 70, 70), icon_maker("horloge"))
        p.text(clock_text(elapsed), (604, 59), 56, theme.text, True, "midleft")
        if remaining is not None:
            p.text(t("console.left", time=clock_text(remaining)), (780, 40), 24, theme.text_dim)
        status = t("console.paused") if paused else t("console.running")
        colour = theme.warn if paused else theme.good
        p.text(status, (780, 70), 26, colour, True)

    widgets = [
        decoration(
            "console:head",
            (0, 0, 1920, HEAD_H),
            draw,
            t("console.title"),
            (overlay, paused, int(elapsed), None if remaining is None else int(remaining)),
        )
    ]
    playing = state.phase == "playing"
    x = 970.0
    label = t("console.resume") if paused else t("console.pause")
    widgets.append(
        button(
            "console:pause",
            (x, 18, 250, 82),
            label,
            (lambda _w: console.act(ac.Resume(player=FACILITATOR)))
            if paused
            else (lambda _w: console.act(ac.Pause(player=FACILITATOR))),
            icon="reprendre" if paused else "pause",
            colour=(200, 110, 20) if paused else None,
            enabled=playing,
            size=28,
        )
    )
    x += 262
    timed = app.scenario.timer.limit_minutes is not None
    for minutes, key in ((-1, "minus1"), (1, "plus1"), (5, "plus5")):
        widgets.append(
            button(
                f"console:time:{key}",
                (x, 18, 124, 82),
                t("console.minutes", n=f"{minutes:+d}"),
                _adjust(console, minutes),
                enabled=playing and timed,
                size=26,
            )
        )
        x += 134
    if overlay:  # the laptop's window is private; over the game, the facilitator chooses
        widgets.append(
            button(
                "console:private",
                (x + 4, 18, 1920 - 110 - x - 4, 82),
                t("console.private_on") if console.private else t("console.private"),
                lambda _w: console.toggle_private(),
                icon="cadenas" if console.private else "loupe",
                selected=console.private,
                size=24,
            )
        )
        widgets.append(
            button(
                "console:close",
                (1920 - 96, 18, 82, 82),
                t("console.close"),
                lambda _w: console.close(),
                icon="fermer",
                show_label=False,
            )
        )
    return widgets


def teams(console: Console) -> list[Widget]:
    app = console.app
    t = app.t
    rows = team_progress(
        app.rules, app.state, app.log, app.session.elapsed(), console.settings.alert_minutes
    )
    x0, y0, w0, h0 = LEFT

    def title(p: Painter, _look: Look) -> None:
        p.text(t("console.teams"), (x0, y0), 30, p.theme.text, True)

    widgets = [decoration("console:teams", (x0, y0, w0, 44), title, t("console.teams"))]
    if not rows:
        return widgets
    gap = 14
    top = y0 + 52
    height = min(250.0, (h0 - 52 - gap * (len(rows) - 1)) / len(rows))
    height = min(196.0, height)
    for i, row in enumerate(rows):
        rect = (x0, top + i * (height + gap), w0, height)
        widgets += team_card(console, row, rect)
    below = top + len(rows) * (height + gap)
    if y0 + h0 - below >= 200:
        widgets.append(journal(console, (x0, below + 10, w0, y0 + h0 - below - 10)))
    return widgets


def team_card(
    console: Console, row: TeamProgress, rect: tuple[float, float, float, float]
) -> list[Widget]:
    t = console.app.t
    x, y, w, h = rect
    line = min(54.0, (h - 24) / 3)
    size = min(TEXT, line * 0.58)
    text_w = w - 390

    def draw(p: Painter, _look: Look) -> None:
        theme = p.theme
        p.rect(rect, theme.panel, 18)
        p.rect((x, y, 12, h), theme.bad if row.alert else theme.panel_alt, 6)
        if row.alert:
            p.rect(rect, theme.bad, 18, 4)
        cy = y + 12 + line / 2
        p.text(row.name, (x + 30, cy), size + 6, theme.text, True, "midleft", max_width=300)
        bx, bw = x + 340, 220.0
        p.rect((bx, cy - 11, bw, 22), theme.panel_alt, 11)
        if row.total and row.solved:
            p.rect((bx, cy - 11, max(22.0, bw * row.solved / row.total), 22), theme.good, 11)
        p.text(
            t("console.solved", n=row.solved, total=row.total),
            (bx + bw + 14, cy),
            size,
            theme.text,
            True,
            "midleft",
        )
        cy += line
        where = t("console.where", scene=row.scene)
        if row.puzzle_title:
            where += "  ·  " + t("console.puzzle", title=row.puzzle_title)
        p.text(where, (x + 30, cy), size, theme.text_dim, False, "midleft", max_width=text_w - 40)
        cy += line
        if row.finished:
            idle_text, colour, icon = t("console.finished"), theme.good, "coche"
        elif row.alert:
            idle_text = t("console.stuck", time=clock_text(row.idle_seconds))
            colour, icon = theme.bad, "cadenas"
        else:
            idle_text = t("console.idle", time=clock_text(row.idle_seconds))
            colour, icon = theme.text, "horloge"
        side = size * 1.3
        p.blit_shape(("icon", icon), (x + 28, cy - side / 2, side, side), icon_maker(icon))
        p.text(idle_text, (x + 40 + side, cy), size, colour, row.alert, "midleft", max_width=340)
        hx = x + 420
        p.blit_shape(("icon", "indice"), (hx, cy - side / 2, side, side), icon_maker("indice"))
        p.text(
            t("console.hints", n=row.hints, pushed=row.pushed),
            (hx + side + 10, cy),
            size,
            theme.text,
            False,
            "midleft",
            max_width=text_w - 430 - side,
        )

    widgets = [decoration(f"console:team:{row.team}", rect, draw, row.name, (row, line))]
    if row.puzzle is not None and not row.finished:
        if row.next_hint is not None:
            label = t("console.hint_open", level=row.next_hint, count=row.hint_count)
        else:
            label = t("console.puzzle_actions")
        enabled = True
    else:
        label = t("console.no_hint")
        enabled = False
    bh = min(84.0, h - 28)
    widgets.append(
        button(
            f"console:push:{row.team}",
            (x + w - 360, y + (h - bh) / 2, 340, bh),
            label,
            lambda _w: console.open_puzzle_panel(row.team),
            icon="indice",
            colour=(0, 114, 178),
            selected=console.team == row.team,
            enabled=enabled,
            size=min(26.0, bh * 0.4),
        )
    )
    return widgets


def journal(console: Console, rect: tuple[float, float, float, float]) -> Widget:
    """The last key moments (solved puzzles, hints, observations), newest first."""
    app = console.app
    x, y, w, h = rect
    rows = int((h - 60) // 44)
    moments = key_moments(app.log, app.state, app.scenario, dict(console.skills()))
    if not console.confidential:  # the facilitator's observations name players: not projected
        moments = [m for m in moments if m.icon != OBSERVED]
    shown = list(reversed(moments))[: max(0, rows)]

    def draw(p: Painter, _look: Look) -> None:
        theme = p.theme
        p.rect(rect, theme.panel, 18)
        p.text(app.t("console.journal"), (x + 22, y + 14), 26, theme.text, True)
        if not shown:
            p.text(app.t("console.journal_empty"), (x + 22, y + 62), 22, theme.text_dim)
        for i, m in enumerate(shown):
            ly = y + 60 + i * 44
            p.text(clock_text(m.t), (x + 22, ly + 18), 22, theme.text_dim, True, "midleft")
            p.blit_shape(("icon", m.icon), (x + 100, ly, 36, 36), icon_maker(m.icon))
            p.text(m.text, (x + 148, ly + 18), 22, theme.text, False, "midleft", max_width=w - 170)

    return decoration("console:journal", rect, draw, app.t("console.journal"), tuple(shown))


def observe(console: Console) -> list[Widget]:
    app = console.app
    t = app.t
    x0, y0, w0, h0 = RIGHT
    players = list(app.state.players.values())
    skills = console.skills()
    phones = app.phone_link
    offline = phones.offline() if phones is not None else frozenset()

    def frame(p: Painter, _look: Look) -> None:
        theme = p.theme
        p.rect((x0, y0, w0, h0), theme.panel, 22)
        p.text(t("console.observe"), (x0 + 22, y0 + 14), 30, theme.text, True)
        p.text(t("console.observe_who"), (x0 + 22, y0 + 60), 22, theme.text_dim)
        if not players:
            p.text(t("console.no_players"), (x0 + 22, y0 + 100), 24, theme.text_dim)
        if console.confidential:
            p.text(t("console.observe_skill"), (x0 + 22, skills_top - 32), 22, theme.text_dim)

    per_row = 6
    cell = (w0 - 32) / per_row
    rows = max(1, (len(players) + per_row - 1) // per_row)
    avatar_h = 112.0 if rows == 1 else 96.0
    skills_top = y0 + 92 + rows * (avatar_h + 8) + 40
    widgets = [
        decoration(
            "console:observe",
            RIGHT,
            frame,
            t("console.observe"),
            (len(players), rows, console.confidential),
        )
    ]
    for i, player in enumerate(players):
        rect = (
            x0 + 16 + (i % per_row) * cell,
            y0 + 92 + (i // per_row) * (avatar_h + 8),
            cell - 8,
            avatar_h,
        )
        widgets.append(
            player_chip(
                console,
                player.id,
                player.pseudonym,
                player.avatar,
                player.colour,
                rect,
                offline=player.id in offline,
            )
        )
    if phones is not None and app.state.phase == "playing":
        joining = phones.joining()
        label = t("console.phones_open")
        if joining:  # what a late player types: the code and the address
            _link, url, code = app.ui.phones or ("", "", "")
            where = url.removeprefix("http://").rstrip("/")
            label = t("console.phones_close", code=code, address=where)
        widgets.append(
            button(
                "console:phones",
                (x0 + w0 - 416, y0 + 6, 400, 78),  # its shadow clear of the players
                label,
                lambda _w: phones.reopen(not joining),
                icon="cadenas" if joining else "cle",
                selected=joining,
                size=21,
            )
        )
    if not console.confidential:
        return widgets + private_notice(console, skills_top - 40)
    cols = 2
    chip_w = (w0 - 32 - 10) / cols
    note_top = y0 + h0 - 150
    chip_h = min(56.0, (note_top - skills_top - 10) / ((len(skills) + 1) // cols) - 6)
    for i, (skill_id, label) in enumerate(skills):
        rect = (
            x0 + 16 + (i % cols) * (chip_w + 10),
            skills_top + (i // cols) * (chip_h + 6),
            chip_w,
            chip_h,
        )
        widgets.append(
            button(
                f"console:skill:{skill_id}",
                rect,
                label,
                _choose(console, skill_id),
                selected=console.skill == skill_id,
                size=22,
            )
        )
    widgets.append(note_field(console, (x0 + 16, note_top, w0 - 32, 60)))
    ready = console.player is not None and console.skill is not None
    widgets.append(
        button(
            "console:save",
            (x0 + 16, note_top + 72, 360, 66),
            t("console.save"),
            lambda _w: console.save_observation(),
            icon="etoile",
            colour=(0, 158, 115),
            enabled=ready,
            size=26,
        )
    )

    widgets.append(status_line(console, (x0 + 392, note_top + 72, w0 - 410, 66)))
    return widgets


def status_line(console: Console, rect: tuple[float, float, float, float]) -> Widget:
    """What the last press did (« Noté : … », « Message envoyé », a refusal)."""

    def draw(p: Painter, _look: Look) -> None:
        if console.message:
            p.text_box(console.message, rect, 21, p.theme.good, True, "left", "middle")

    return decoration("console:message", rect, draw, console.message, console.message)


def player_chip(
    console: Console,
    player: str,
    pseudonym: str,
    avatar: str,
    colour: str,
    rect: tuple[float, float, float, float],
    *,
    offline: bool = False,
) -> Widget:
    """A player to observe; ``offline``: their phone is not connected (a red frame, said)."""
    chosen = console.player == player and console.confidential
    off = console.app.t("console.phone_offline") if offline else ""

    def draw(p: Painter, look: Look) -> None:
        x, y, w, h = rect
        theme = p.theme
        if chosen:
            p.rect(rect, theme.card, 16)
            p.rect(rect, theme.accent, 16, 5)
        elif look.hovered:
            p.rect(rect, theme.panel_alt, 16)
        side = min(w - 12, h - 38)
        p.blit_shape(
            ("avatar", avatar, colour, pseudonym),
            (x + (w - side) / 2, y + 4, side, side),
            avatar_maker(avatar, colour, pseudonym),
        )
        ink = theme.text_on_card if chosen else theme.text
        p.text(pseudonym, (x + w / 2, y + h - 18), 22, ink, True, "center", max_width=w - 8)
        if off:
            p.rect(rect, theme.bad, 16, 4)
            p.rect((x + 4, y + 4, w - 8, 30), theme.bad, 10)
            p.text(
                off, (x + w / 2, y + 19), 20, theme.text_on_card, True, "center", max_width=w - 12
            )
        focus_ring(p, rect, look, 16)

    return Widget(
        f"console:player:{player}",
        rect,
        draw,
        f"{pseudonym}, {console.app.t('console.phone_word')} {off}" if off else pseudonym,
        (lambda _w: console.choose_player(player)) if console.confidential else None,
        sig=(chosen, avatar, colour, pseudonym, off),
    )


def note_field(console: Console, rect: tuple[float, float, float, float]) -> Widget:
    return text_field(
        "console:note",
        rect,
        console.note,
        console.app.t("console.note_placeholder"),
        console.typing and console.field == "note",
        lambda _w: console.start_typing(),
    )


def text_field(
    key: str,
    rect: tuple[float, float, float, float],
    value: str,
    placeholder: str,
    active: bool,
    on_press: Press,
) -> Widget:
    """A one-line field typed on the console's keyboard (the cursor shows while typing)."""

    def draw(p: Painter, look: Look) -> None:
        theme = p.theme
        x, y, w, h = rect
        p.rect(rect, theme.card, 14)
        p.rect(rect, theme.accent if active else theme.panel_alt, 14, 4)
        if value:
            text, ink = value + ("|" if active else ""), theme.text_on_card
        else:
            text, ink = placeholder, mix(theme.text_on_card, theme.card, 0.45)
        p.text(text, (x + 16, y + h / 2), 24, ink, False, "midleft", max_width=w - 32)
        focus_ring(p, rect, look, 14)

    return Widget(key, rect, draw, placeholder, on_press, sig=(value, active))


def private_notice(console: Console, top: float) -> list[Widget]:
    """Over the projected game: skills, notes and saved observations stay hidden until the
    private mode (the players see the screen the console is drawn on)."""
    t = console.app.t
    x0, y0, w0, h0 = RIGHT
    rect = (x0 + 16, top, w0 - 32, y0 + h0 - top - 16)
    _x, _y, _w, h = rect

    def draw(p: Painter, _look: Look) -> None:
        theme = p.theme
        p.rect(rect, theme.panel_alt, 18)
        p.blit_shape(("icon", "cadenas"), (x0 + 40, top + 24, 80, 80), icon_maker("cadenas"))
        p.text_box(
            t("console.private_hidden"), (x0 + 140, top + 20, w0 - 190, h - 150), 24, theme.text
        )

    return [
        decoration("console:hidden", rect, draw, t("console.private_hidden")),
        status_line(console, (x0 + 140, top + h - 200, w0 - 190, 66)),
        button(
            "console:private_open",
            (x0 + 40, top + h - 116, w0 - 80, 96),
            t("console.private"),
            lambda _w: console.toggle_private(),
            icon="cadenas",
            colour=(0, 114, 178),
            size=28,
        ),
    ]


def puzzle_panel(console: Console, team_id: str) -> list[Widget]:
    """A team's current puzzle: the next hint read before it is sent, skip, solution."""
    app = console.app
    t = app.t
    x0, y0, w0, _h0 = RIGHT
    rows = team_progress(
        app.rules, app.state, app.log, app.session.elapsed(), console.settings.alert_minutes
    )
    row = next((r for r in rows if r.team == team_id), None)
    if row is None or row.puzzle is None or row.finished:
        console.close_panel()
        return observe(console)
    puzzle = row.puzzle
    items = {i.id: i.name for i in app.scenario.items}
    spec = app.rules.puzzle_for(puzzle, app.state, team_id)
    answer = solution_text(spec, items) if console.solution and console.confidential else ""
    hidden = ""  # over the projected game the room would read the hint before it is sent
    if row.next_hint is not None:
        hint = t("console.preview", level=row.next_hint, count=row.hint_count)
        hint_text = row.next_hint_text if console.confidential else ""
        hidden = "" if console.confidential else t("console.hint_private")
    else:
        hint, hint_text = t("console.no_hint"), ""
    pad = x0 + 24
    inner = w0 - 48

    def draw(p: Painter, _look: Look) -> None:
        theme = p.theme
        p.rect(RIGHT, theme.panel, 22)
        p.text(row.name, (pad, y0 + 14), 30, theme.text, True, max_width=inner - 90)
        p.text_box(
            t("console.puzzle", title=row.puzzle_title),
            (pad, y0 + 56, inner, 64),
            24,
            theme.text_dim,
        )
        p.blit_shape(("icon", "indice"), (pad, y0 + 130, 40, 40), icon_maker("indice"))
        p.text(hint, (pad + 52, y0 + 150), 26, theme.text, True, "midleft", max_width=inner - 52)
        p.rect((pad, y0 + 184, inner, 170), theme.card, 14)
        if hint_text:
            p.text_box(
                f"« {hint_text} »", (pad + 16, y0 + 196, inner - 32, 146), 24, theme.text_on_card
            )
        elif hidden:
            p.blit_shape(("icon", "cadenas"), (pad + 16, y0 + 229, 80, 80), icon_maker("cadenas"))
            p.text_box(hidden, (pad + 112, y0 + 196, inner - 128, 146), 24, theme.text_on_card)
        if console.skipping:
            p.rect((pad, y0 + 470, inner, 150), mix(theme.warn, theme.panel, 0.75), 14)
            p.text_box(
                t("console.skip_confirm", title=row.puzzle_title),
                (pad + 16, y0 + 480, inner - 32, 130),
                23,
                theme.text,
            )
        elif answer:
            p.rect((pad, y0 + 470, inner, 150), theme.card, 14)
            p.text(
                t("console.solution_title"),
                (pad + 16, y0 + 494),
                22,
                theme.text_on_card,
                True,
                "midleft",
            )
            p.text_box(answer, (pad + 16, y0 + 514, inner - 32, 100), 22, theme.text_on_card)
        elif not console.confidential:
            p.text_box(
                t("console.solution_private"), (pad, y0 + 490, inner, 110), 22, theme.text_dim
            )

    widgets = [
        decoration(
            "console:panel",
            RIGHT,
            draw,
            f"{row.name} : {hint_text or hidden}",
            (row, hint, hint_text, hidden, console.skipping, answer, console.confidential),
        ),
        button(
            "console:panel_close",
            (x0 + w0 - 84, y0 + 10, 70, 70),
            t("console.cancel"),
            lambda _w: console.close_panel(),
            icon="fermer",
            show_label=False,
        ),
        button(
            "console:send_hint",
            (pad, y0 + 370, inner, 80),
            t("console.send_hint"),
            lambda _w: console.push_hint(team_id, puzzle),
            icon="indice",
            colour=(0, 114, 178),
            enabled=row.next_hint is not None,
            size=26,
        ),
    ]
    half = (inner - 16) / 2
    if console.skipping:
        widgets.append(
            button(
                "console:skip",
                (pad, y0 + 640, half, 80),
                t("console.skip_yes"),
                lambda _w: console.skip(team_id, puzzle),
                icon="fleche",
                colour=(200, 110, 20),
                size=24,
            )
        )
        widgets.append(
            button(
                "console:skip_no",
                (pad + half + 16, y0 + 640, half, 80),
                t("console.cancel"),
                lambda _w: setattr(console, "skipping", False),
                icon="fermer",
                size=24,
            )
        )
    else:
        widgets.append(
            button(
                "console:skip",
                (pad, y0 + 640, half, 80),
                t("console.skip"),
                lambda _w: console.skip(team_id, puzzle),
                icon="fleche",
                size=24,
            )
        )
        widgets.append(
            button(
                "console:solution",
                (pad + half + 16, y0 + 640, half, 80),
                t("console.solution_hide") if answer else t("console.solution"),
                lambda _w: console.show_solution(),
                icon="loupe",
                selected=bool(answer),
                enabled=console.confidential,
                size=24,
            )
        )
    return widgets


def announce(console: Console) -> list[Widget]:
    """A message typed here is shown to every team on the projector (an ``Announce``)."""
    t = console.app.t
    x, y, w, h = SEND
    return [
        text_field(
            "console:draft",
            (x, y, w - 300, h),
            console.draft,
            t("console.message_placeholder"),
            console.typing and console.field == "draft",
            lambda _w: console.start_message(),
        ),
        button(
            "console:announce",
            (x + w - 284, y, 284, h),
            t("console.message_send"),
            lambda _w: console.send_message(),
            icon="megaphone",
            colour=(0, 158, 115),
            enabled=bool(console.draft.strip()) and console.app.state.phase != "ended",
            size=24,
        ),
    ]


def _adjust(console: Console, minutes: int) -> Press:
    return lambda _w: console.act(ac.AdjustTime(player=FACILITATOR, minutes=minutes))


def _choose(console: Console, skill: str) -> Press:
    return lambda _w: console.choose_skill(skill)


__all__ = ["build"]
