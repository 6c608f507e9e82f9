"""The play screens: an escape room's picture, a rally station, a tour's map of Normandy.

All three share the chrome; they differ by their main area and their side panel.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from engine.core import actions as ac
from engine.format.puzzles import FindPuzzle
from engine.format.scenario import Exit, Hotspot, Scene
from engine.player.art import MapProjection, normandy_outline, picture_surface
from engine.player.icons import avatar_maker, guess_icon, icon_surface
from engine.player.intents import Act, Hold, Intent
from engine.player.paint import Painter, VRect
from engine.player.puzzle_views import find
from engine.player.screens.chrome import bag, narration, said_height, strip, top_bar
from engine.player.screens.parts import memo, part
from engine.player.theme import mix, rgb
from engine.player.widgets import Look, Widget, button, decoration, focus_ring
from engine.reference.geo import departements, map_town, towns
from engine.reference.icons import read_ahead
from engine.typography import spaced

if TYPE_CHECKING:
    from engine.player.app import App

PICTURE: VRect = (24.0, 120.0, 1300.0, 796.0)
SIDE: VRect = (1344.0, 120.0, 560.0, 796.0)
MAP: VRect = (24.0, 120.0, 1080.0, 796.0)
TOUR_SIDE: VRect = (1124.0, 120.0, 780.0, 796.0)
#: a rally's "À vous de jouer !" banner: where, its top and bottom colours, its radius
TURN_BANNER = ((SIDE[0], SIDE[1], SIDE[2], 176.0), (230, 159, 0), (213, 94, 0), 24.0)


def build(app: App) -> list[Widget]:
    team = app.team()
    widgets = top_bar(app)
    if team is None or team.scene is None:
        return widgets + strip(app)
    scene = app.rules.scenes[team.scene]
    main = {"tour": tour, "rally": rally}.get(app.scenario.kind, escape)
    # all the scene's widgets read besides the game state (the narration list is replaced,
    # never changed, when the game speaks)
    read = (
        app.ui.held,
        app.ui.narration,
        app.ui.notice,
        app.moments_passed,
        app.ui.options.contrast,
    )
    widgets += part(app, "scene", app.state, read, lambda: main(app, scene))
    widgets += strip(app)
    widgets += bag(app)
    return widgets


# --- the picture with its hotspots -------------------------------------------------------------


def scene_picture(app: App, scene: Scene, rect: VRect, key: str = "picture") -> Widget:
    def draw(p: Painter, _look: Look) -> None:
        x, y, w, h = rect
        if not p.hidden_by(rect):
            p.rect((x - 6, y - 6, w + 12, h + 12), (10, 10, 20), 24)
        p.blit_cached(("scene", scene.id), rect, _scene_maker(app, scene))

    return decoration(key, rect, draw, f"{scene.title}. {scene.text}", scene.id)


def _scene_maker(app: App, scene: Scene) -> Callable[[tuple[int, int]], pygame.Surface]:
    folder, p = app.folder, app.painter
    return lambda size: _rounded(
        picture_surface(scene.image, folder, size, scene.id), max(4, round(18 * p.s))
    )


def _map_maker(app: App, contrast: bool) -> Callable[[tuple[int, int]], pygame.Surface]:
    p = app.painter
    return lambda size: _rounded(_map_surface(size, contrast), max(4, round(18 * p.s)))


#: how many scenes' pictures are drawn before the first frame
AHEAD = 6


def pictures_ahead(app: App) -> None:
    """Draw the scenario's big pictures (each scene's, the tour's map) into the painter's
    cache before the first frame: drawn the first time a screen shows them, each cost a
    frame of 10 to 30 ms (bench/frames.py). Start to first frame pays for them instead
    (``engine/player/ahead.py``)."""
    read_ahead()
    p = app.painter
    p.set_target(app.display)
    if app.scenario.kind == "tour":
        contrast = app.ui.options.contrast
        p.ahead(("map", contrast), MAP, _map_maker(app, contrast))
        return
    for scene in app.scenario.scenes[:AHEAD]:  # the first ones: about 4 MB each at 1080p
        p.ahead(("scene", scene.id), PICTURE, _scene_maker(app, scene))
        for hotspot in scene.hotspots:  # a find puzzle opened there shows a picture too
            puzzle = app.rules.puzzles.get(hotspot.puzzle or "")
            if isinstance(puzzle, FindPuzzle):
                p.ahead(
                    ("find", puzzle.id), find.PICTURE_AT, find.picture_maker(app, puzzle, scene)
                )


def _rounded(
    surf: pygame.Surface, radius: int, corner: tuple[int, int, int] = (10, 10, 20)
) -> pygame.Surface:
    """Round the corners once, onto the frame colour: the result blits opaque (fast)."""
    mask = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
    pygame.draw.rect(mask, (255, 255, 255, 255), mask.get_rect(), 0, radius)
    cut = surf.convert_alpha()
    cut.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    out = pygame.Surface(surf.get_size())
    out.fill(corner)
    out.blit(cut, (0, 0))
    return out.convert()


def hotspots(app: App, scene: Scene, rect: VRect) -> list[Widget]:
    team = app.team()
    assert team is not None
    visible = app.rules.visible_hotspots(team, app.session.elapsed())
    placed = [h for h in visible if h.area is not None]
    loose = [h for h in visible if h.area is None]
    x, y, w, h = rect
    widgets = [
        hotspot_area(
            app, hs, (x + hs.area[0] * w, y + hs.area[1] * h, hs.area[2] * w, hs.area[3] * h)
        )
        for hs in placed
        if hs.area is not None
    ]
    if loose:
        bw = min(420.0, (w - 40) / len(loose) - 20)
        total = len(loose) * (bw + 20) - 20
        bx = x + (w - total) / 2
        for i, hs in enumerate(loose):
            widgets.append(hotspot_button(app, hs, (bx + i * (bw + 20), y + h - 150, bw, 120)))
    return widgets


def _use(app: App, hotspot: Hotspot, who: str | None) -> list[Intent]:
    if who is None:
        return []
    return [Hold(None), Act(ac.Use(player=who, hotspot=hotspot.id, item=app.ui.held))]


def _hotspot_state(app: App, hotspot: Hotspot) -> str:
    team = app.team()
    assert team is not None
    if app.rules.is_locked(team, hotspot):
        return "locked"
    if hotspot.puzzle and hotspot.puzzle in team.solved:
        return "done"
    if hotspot.once and hotspot.id in team.used and not hotspot.puzzle:
        return "done"
    return "open"


#: a hotspot's name in its chip, and the widest chip (a longer name takes two lines)
CHIP_TEXT = 28.0
CHIP_MOST = 520.0


def hotspot_area(app: App, hotspot: Hotspot, rect: VRect) -> Widget:
    status = _hotspot_state(app, hotspot)
    icon = hotspot.icon or guess_icon(hotspot.id, hotspot.label)
    held = app.ui.held
    painter = app.painter
    wide = painter.font(CHIP_TEXT, True).size(spaced(hotspot.label))[0] / painter.s + 84
    lines = 1 if wide <= CHIP_MOST else 2
    chip_w = min(max(rect[2], 240.0, wide), CHIP_MOST)
    chip_h = max(60.0, lines * painter.line_height(CHIP_TEXT, True) + 16)
    # under the area, centred, but kept inside the window
    left = min(max(8.0, rect[0] + rect[2] / 2 - chip_w / 2), 1912.0 - chip_w)
    chip = (left, rect[1] + rect[3] + 20 - chip_h, chip_w, chip_h)

    def draw(p: Painter, look: Look) -> None:
        lit = look.hovered or look.focused or look.pressed
        if lit or held is not None:
            p.shade(rect, p.theme.focus, 60 if lit else 25, 16)
            p.rect(
                rect,
                p.theme.focus if lit else mix(p.theme.focus, (0, 0, 0), 0.3),
                16,
                6 if lit else 3,
            )
        p.shade(chip, (10, 10, 25), 200, 30)
        mark = {"locked": "cadenas", "done": "ok"}.get(status, icon or "loupe")
        p.blit_shape(
            ("icon", mark, hotspot.label),
            (chip[0] + 8, chip[1] + chip_h / 2 - 26, 52, 52),
            lambda s: icon_surface(mark, s, hotspot.label),
        )
        p.text_box(
            hotspot.label,
            (chip[0] + 68, chip[1] + 4, chip_w - 80, chip_h - 8),
            CHIP_TEXT,
            (255, 255, 255),
            True,
            "left",
            "middle",
        )
        if look.focused:
            focus_ring(p, rect, look, 16)

    widget = Widget(
        f"hotspot:{hotspot.id}",
        rect,
        draw,
        hotspot.label,
        lambda who: _use(app, hotspot, who),
        needs_player=True,
        sig=(status, held is not None, icon),
    )
    # the label chip is wider than small areas, and a two-line one reaches higher
    widget.bleed = max(
        110.0,
        rect[0] - chip[0] + 8,
        chip[0] + chip_w - rect[0] - rect[2] + 8,
        rect[1] - chip[1] + 8,
    )
    return widget


def hotspot_button(app: App, hotspot: Hotspot, rect: VRect) -> Widget:
    status = _hotspot_state(app, hotspot)
    icon = {"locked": "cadenas", "done": "ok"}.get(
        status, hotspot.icon or guess_icon(hotspot.id, hotspot.label) or "loupe"
    )
    colour = (
        (0, 158, 115) if status == "done" else (213, 94, 0) if status == "open" else (90, 90, 110)
    )
    widget = button(
        f"hotspot:{hotspot.id}",
        rect,
        hotspot.label,
        lambda who: _use(app, hotspot, who),
        icon=icon,
        colour=colour,
        needs_player=True,
        size=36,
    )
    return widget


def exit_buttons(app: App, scene: Scene, rect: VRect, *, minutes: bool = False) -> list[Widget]:
    team = app.team()
    assert team is not None
    exits = app.rules.visible_exits(team, app.session.elapsed())
    x, y, w, h = rect
    widgets = []
    each = min(100.0, h / max(1, len(exits)))
    for i, exit_ in enumerate(exits):
        widgets.append(exit_button(app, exit_, (x, y + i * each, w, each - 12), minutes))
    return widgets


def exit_label(app: App, exit_: Exit, minutes: bool) -> str:
    target = app.rules.scenes[exit_.to]
    label = exit_.label or app.t("exit.to", place=target.title)
    if minutes and exit_.travel_minutes:
        label = f"{label} ({app.t('exit.minutes', n=exit_.travel_minutes)})"
    return label


def exit_button(app: App, exit_: Exit, rect: VRect, minutes: bool) -> Widget:
    team = app.team()
    assert team is not None
    # a lock too while an item it requires is missing: pressed, it says which (missing_items)
    locked = app.rules.is_locked(team, exit_) or bool(app.rules.missing_items(team, exit_))

    def go(who: str | None) -> list[Intent]:
        if who is None:
            return []
        return [Hold(None), Act(ac.Go(player=who, to=exit_.to))]

    return button(
        f"exit:{exit_.to}",
        rect,
        exit_label(app, exit_, minutes),
        go,
        icon="cadenas" if locked else "fleche",
        colour=(0, 114, 178),
        needs_player=True,
        size=30,
    )


def wrapped_height(p: Painter, text: str, width: float, size: float, bold: bool = False) -> float:
    """How tall ``text`` is once wrapped to ``width`` at ``size`` and the chosen text size."""
    return len(p.wrap(text, width, size, bold)) * p.line_height(size, bold)


def card_height(
    p: Painter, title: str, text: str, width: float, least: float, most: float
) -> float:
    """The height a ``text_card`` of this width needs, between ``least`` and ``most``."""
    need = wrapped_height(p, title, width - 50, 44, True) + wrapped_height(p, text, width - 50, 30)
    return min(max(least, need + 60), most)


def text_card(app: App, key: str, rect: VRect, title: str, text: str) -> Widget:
    def draw(p: Painter, _look: Look) -> None:
        x, y, w, h = rect
        p.rect(rect, p.theme.panel, 24)
        p.rect((x, y, 10, h), p.theme.accent, 5)
        used = p.text_box(
            title, (x + 30, y + 16, w - 50, 70), 44, p.theme.text, True, "left", "top"
        )
        p.text_box(text, (x + 30, y + 26 + used, w - 50, h - used - 40), 30, p.theme.text_dim)

    return decoration(key, rect, draw, f"{title}. {text}")


# --- escape ---------------------------------------------------------------------------------


def escape(app: App, scene: Scene) -> list[Widget]:
    widgets = [scene_picture(app, scene, PICTURE)]
    widgets += hotspots(app, scene, PICTURE)
    sx, sy, sw, sh = SIDE
    team = app.team()
    assert team is not None
    n_exits = len(app.rules.visible_exits(team, app.session.elapsed()))
    exits_h = 100.0 * n_exits
    card = card_height(app.painter, scene.title, scene.text, sw, 280, sh - exits_h - 120)
    widgets.append(text_card(app, "scene", (sx, sy, sw, card), scene.title, scene.text))
    widgets += narration(app, (sx, sy + card + 16, sw, sh - card - 16 - exits_h - 8))
    widgets += exit_buttons(app, scene, (sx, sy + sh - exits_h, sw, exits_h))
    return widgets


# --- rally ----------------------------------------------------------------------------------


def rally(app: App, scene: Scene) -> list[Widget]:
    t = app.t
    state = app.state
    team = app.team()
    assert team is not None
    widgets = [scene_picture(app, scene, PICTURE)]
    widgets += hotspots(app, scene, PICTURE)
    x, y, _w, _h = PICTURE

    # as tall as its title and text need at the chosen text size
    title_h = wrapped_height(app.painter, scene.title, 720, 48)
    station = (x + 20, y + 20, 760, 26 + title_h + wrapped_height(app.painter, scene.text, 720, 28))

    def station_title(p: Painter, _look: Look) -> None:
        p.shade(station, (10, 10, 25), 190, 24)
        p.text_box(scene.title, (x + 44, y + 28, 720, title_h), 48, (255, 255, 255), True)
        p.text_box(
            scene.text,
            (x + 44, y + 32 + title_h, 720, station[3] - title_h - 26),
            28,
            (225, 228, 245),
        )

    widgets.append(decoration("station", station, station_title, f"{scene.title}. {scene.text}"))
    sx, sy, sw, sh = SIDE
    members = [pl for pl in state.players.values() if pl.team == team.id]

    def banner(p: Painter, _look: Look) -> None:
        p.gradient(*TURN_BANNER)
        p.text(t("rally.your_turn"), (sx + 24, sy + 14), 30, (30, 20, 10), True)
        p.text(team.name, (sx + 24, sy + 50), 52, (20, 12, 4), True, max_width=sw - 48)
        for i, member in enumerate(members[:8]):
            p.blit_shape(
                ("avatar", member.avatar, member.colour, member.pseudonym),
                (sx + 24 + i * 56, sy + 118, 48, 48),
                avatar_maker(member.avatar, member.colour, member.pseudonym),
            )

    widgets.append(
        decoration(
            "rally:banner",
            (sx, sy, sw, 176),
            banner,
            t("rally.turn_of", team=t.team("de", team.name)),
            tuple(members),
        )
    )
    stations = [pz.id for pz in app.scenario.puzzles]
    rows = list(state.teams.values())
    board_h = 70 + 64 * len(rows)

    def board(p: Painter, _look: Look) -> None:
        by = sy + 190
        p.rect((sx, by, sw, board_h), p.theme.panel, 24)
        p.blit_shape(
            ("icon", "trophee"), (sx + 20, by + 10, 48, 48), lambda s: icon_surface("trophee", s)
        )
        p.text(t("rally.scores"), (sx + 80, by + 34), 32, p.theme.text, True, "midleft")
        ranked = sorted(rows, key=lambda r: -r.score)
        for i, row in enumerate(ranked):
            ry = by + 66 + i * 64
            current = row.id == team.id
            if current:
                p.rect((sx + 12, ry, sw - 24, 58), mix(p.theme.panel, p.theme.accent, 0.35), 14)
            p.text(f"{i + 1}.", (sx + 28, ry + 29), 30, p.theme.text, True, "midleft")
            p.text(
                row.name, (sx + 72, ry + 29), 30, p.theme.text, current, "midleft", max_width=220
            )
            done = len(row.solved & set(stations))
            total = len(stations)
            if total > 8:  # many challenges: a bar and "9/13" read better than tiny dots
                bar = (sx + 300, ry + 17, sw - 300 - 190, 24)
                p.rect(bar, p.theme.text_dim, 12, 2)
                filled = bar[2] * done / max(1, total)
                if filled:
                    p.rect((bar[0], bar[1], max(24.0, filled), bar[3]), p.theme.good, 12)
                p.text(
                    f"{done}/{total}",
                    (bar[0] + bar[2] + 12, ry + 29),
                    26,
                    p.theme.text,
                    True,
                    "midleft",
                )
            else:
                for k in range(total):
                    cx = sx + 320 + k * 34
                    if k < done:
                        p.circle((cx, ry + 29), 13, p.theme.good)
                        p.text("✓", (cx, ry + 29), 22, (255, 255, 255), True, "center")
                    else:
                        p.circle((cx, ry + 29), 13, p.theme.text_dim, 3)
            label = t("rally.arrived") if row.ending else str(row.score)
            p.text(label, (sx + sw - 28, ry + 29), 32, p.theme.hint, True, "midright")

    board_label = ", ".join(t("rally.score_line", team=r.name, n=r.score) for r in rows)
    board_sig = (team.id, tuple((r.id, r.score, len(r.solved), r.ending) for r in rows))
    widgets.append(
        decoration("rally:board", (sx, sy + 190, sw, board_h), board, board_label, board_sig)
    )
    team_exits = app.rules.visible_exits(team, app.session.elapsed())
    bottom = 100.0 * (len(team_exits) + 1)
    top = sy + 190 + board_h + 14
    widgets += narration(app, (sx, top, sw, sy + sh - bottom - top - 8), 28)
    widgets += exit_buttons(app, scene, (sx, sy + sh - bottom, sw, bottom - 100))

    def pass_turn(who: str | None) -> Act | None:
        return None if who is None else Act(ac.PassTurn(player=who))

    widgets.append(
        button(
            "turn:pass",
            (sx, sy + sh - 88, sw, 88),
            t("rally.pass"),
            pass_turn,
            icon="equipe",
            needs_player=True,
            size=30,
        )
    )
    return widgets


# --- tour -----------------------------------------------------------------------------------


def place_position(scene: Scene) -> tuple[float, float] | None:
    """(lon, lat) of a tour place: its town, or its coordinates."""
    location = scene.location
    if location is None:
        return None
    if location.lat is not None and location.lon is not None:
        return location.lon, location.lat
    town = map_town(location.town or "")
    return (town.lon, town.lat) if town else None


#: font steps tried in turn when labels collide (no smaller than any text: audit.MIN_TEXT)
LABEL_SIZES = (30.0, 28.0)
MAP_TITLE = 34.0  # « La Normandie », top left of the map
LABEL_PAD = 24.0  # horizontal room around the text inside its dark chip
MARKER_R = 24.0
_DIRECTIONS = ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1))


@dataclass(frozen=True)
class MapLabel:
    """Where a place's name goes on the map, at which font size, and whether it needs a leader."""

    rect: VRect
    size: float
    leader: bool


def _overlap(a: VRect, b: VRect) -> float:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _inside(r: VRect, bounds: VRect) -> bool:
    return (
        r[0] >= bounds[0]
        and r[1] >= bounds[1]
        and r[0] + r[2] <= bounds[0] + bounds[2]
        and r[1] + r[3] <= bounds[1] + bounds[3]
    )


def _candidates(
    at: tuple[float, float], w: float, h: float, radius: float = MARKER_R
) -> list[tuple[VRect, bool]]:
    """Label boxes around a marker of ``radius``: the eight close spots, then the same further
    out, tied to their marker by a leader line (at the largest text size a crowded coast
    needs the room)."""
    px, py = at
    spots: list[tuple[VRect, bool]] = []
    for gap, leader in ((6.0, False), (40.0, True)):
        for dx, dy in _DIRECTIONS:
            cx = px + dx * (radius + gap + w / 2)
            cy = py + dy * (radius + gap + h / 2)
            if dx and dy:  # diagonals: tuck the box's corner against the marker
                cx = px + dx * (radius * 0.7 + gap + w / 2)
                cy = py + dy * (radius * 0.7 + gap + h / 2)
            spots.append(((cx - w / 2, cy - h / 2, w, h), leader))
    for reach in range(80, 401, 40):  # then ever further, all around, on a leader line
        for step in range(16):
            angle = step * math.pi / 8
            cx = px + math.cos(angle) * (radius + reach + w / 2)
            cy = py + math.sin(angle) * (radius + reach / 2 + h / 2)
            spots.append(((cx - w / 2, cy - h / 2, w, h), True))
    return spots


def _spot(
    at: tuple[float, float],
    sizes: list[tuple[float, float, float]],
    bounds: VRect,
    blocked: list[VRect],
    radius: float = MARKER_R,
) -> tuple[MapLabel | None, MapLabel | None]:
    """The first free spot around ``at`` for a label of each (size, width, height) in turn,
    and, when there is none, the spot that overlaps ``blocked`` least."""
    fallback: tuple[float, MapLabel] | None = None
    for size, w, h in sizes:
        for rect, leader in _candidates(at, w, h, radius):
            if not _inside(rect, bounds):
                continue
            cost = sum(_overlap(rect, r) for r in blocked)
            if cost == 0:
                return MapLabel(rect, size, leader), None
            if fallback is None or cost < fallback[0]:
                fallback = (cost, MapLabel(rect, size, leader))
    return None, fallback[1] if fallback else None


def place_labels(
    markers: list[tuple[float, float]],
    widths: Callable[[float], list[float]],
    bounds: VRect,
    obstacles: list[VRect],
) -> list[MapLabel]:
    """Greedy label placement: each label takes the first free spot around its marker.

    ``markers`` come in priority order (the first ones get the best spots); ``widths(size)``
    gives each text's width at a font size. A label that finds no free spot at any size
    goes where it overlaps least, at the smallest size.
    """
    dots = [_dot(at, MARKER_R) for at in markers]
    placed: list[VRect] = []
    result: list[MapLabel] = []
    sized = {size: widths(size) for size in LABEL_SIZES}
    for i, at in enumerate(markers):
        blocked = [*placed, *obstacles, *(d for j, d in enumerate(dots) if j != i)]
        each = [(size, sized[size][i] + LABEL_PAD, size * 1.6) for size in LABEL_SIZES]
        choice, fallback = _spot(at, each, bounds, blocked)
        if choice is None:
            w, h = sized[LABEL_SIZES[0]][i] + LABEL_PAD, LABEL_SIZES[0] * 1.6
            below = (at[0] - w / 2, at[1] + MARKER_R + 6, w, h)
            choice = fallback or MapLabel(below, LABEL_SIZES[0], False)
        placed.append(choice.rect)
        result.append(choice)
    return result


def _dot(at: tuple[float, float], radius: float) -> VRect:
    return (at[0] - radius, at[1] - radius, 2 * radius, 2 * radius)


#: a prefecture's name: the smallest text there is (audit.MIN_TEXT), on a light chip
PREFECTURE_SIZE = 28.0
#: the room kept around a prefecture's dot on the map
PREFECTURE_DOT = 8.0


@dataclass(frozen=True)
class TownLabel:
    """A prefecture named on the tour map: its name, its dot and where the name goes."""

    name: str
    at: tuple[float, float]
    label: MapLabel


def town_labels(
    towns_at: list[tuple[str, tuple[float, float]]],
    widths: list[float],
    height: float,
    bounds: VRect,
    obstacles: list[VRect],
) -> list[TownLabel]:
    """Place the towns' names after the places': each takes the first free spot around its
    dot (the places' search, leader line included), off ``obstacles`` (the places' labels,
    dots and buttons, the map's title) and off each other. A name with no free spot is left
    out: a name left out is not an unreadable one."""
    # many obstacles (the roads are rows of small boxes): tested in C, by pygame's FRect
    blocked = [pygame.FRect(r) for r in obstacles]
    blocked += [pygame.FRect(_dot(at, PREFECTURE_DOT)) for _, at in towns_at]
    result: list[TownLabel] = []
    for i, ((name, at), width) in enumerate(zip(towns_at, widths, strict=True)):
        w = width + LABEL_PAD
        for rect, leader in _candidates(at, w, height, PREFECTURE_DOT):
            box = pygame.FRect(rect)
            others = box.collidelistall(blocked)
            if _inside(rect, bounds) and others in ([], [len(obstacles) + i]):  # its own dot
                blocked.append(box)
                result.append(TownLabel(name, at, MapLabel(rect, PREFECTURE_SIZE, leader)))
                break
    return result


def _map_surface(size: tuple[int, int], contrast: bool) -> pygame.Surface:
    """The sea, the land and a dot per town. The prefectures' names are not baked in: they
    are texts the painter draws (``prefecture_labels``), as large as any and audited."""
    w, h = size
    surf = pygame.Surface(size)
    sea_top, sea_bottom = ((0, 0, 0), (0, 0, 0)) if contrast else ((22, 78, 140), (34, 110, 170))
    for yy in range(0, h, 2):
        pygame.draw.line(surf, mix(sea_top, sea_bottom, yy / max(1, h)), (0, yy), (w, yy), 2)
    project = MapProjection((0, 0, w, h))
    outline = [project(lon, lat) for lon, lat in normandy_outline()]
    land = (255, 255, 255) if contrast else (122, 186, 110)
    pygame.draw.polygon(
        surf, (0, 0, 0) if contrast else (90, 150, 80), [(px + 6, py + 8) for px, py in outline]
    )
    pygame.draw.polygon(surf, land, outline)
    pygame.draw.polygon(
        surf, (20, 20, 20) if contrast else (250, 245, 220), outline, max(2, w // 300)
    )
    dot = (40, 40, 40) if contrast else (70, 110, 60)
    for town in towns():
        px, py = project(town.lon, town.lat)
        pygame.draw.circle(surf, dot, (round(px), round(py)), max(2, w // 320))
    return surf


def _places(
    scenes: list[Scene],
) -> tuple[
    dict[str, tuple[Scene, tuple[float, float] | None]], set[tuple[str, str]], frozenset[str]
]:
    """What of the map depends on the scenario alone: the places with their positions, the
    roads between them, and the towns whose names the places' own labels replace."""
    places = {s.id: (s, place_position(s)) for s in scenes}
    links = {(s.id, e.to) for s in scenes for e in s.exits}
    skip = frozenset(s.location.town for s in scenes if s.location and s.location.town)
    return places, links, skip


#: the height a place's button keeps (its label at full size) when a bubble wants room
BUTTON_LEAST = 84.0


def tour(app: App, scene: Scene) -> list[Widget]:
    t = app.t
    team = app.team()
    assert team is not None
    contrast = app.ui.options.contrast
    mx, my, mw, mh = MAP
    project = memo(app, ("projection", MAP), lambda: MapProjection(MAP))
    places, links, skip = memo(app, ("places",), lambda: _places(app.scenario.scenes))
    reachable = {e.to: e for e in app.rules.visible_exits(team, app.session.elapsed())}
    roads = [
        (project(*pa), project(*pb))
        for a, b in sorted(links)
        if (pa := places[a][1]) is not None and (pb := places[b][1]) is not None
    ]
    located = [(place, project(*pos)) for place, pos in places.values() if pos is not None]
    located.sort(key=lambda item: (item[0].id != scene.id, item[0].id not in reachable))
    labels = map_labels(app, located, scene.id)
    named = prefecture_labels(app, located, labels, roads, skip)

    def base(p: Painter, _look: Look) -> None:
        if not p.hidden_by(MAP):
            p.rect((mx - 6, my - 6, mw + 12, mh + 12), (10, 10, 20), 24)
        p.blit_cached(("map", contrast), MAP, _map_maker(app, contrast))
        p.text(t("tour.map"), (mx + 24, my + 20), MAP_TITLE, (255, 255, 255), True)
        for a, b in links:
            pa, pb = places[a][1], places[b][1]
            if pa is None or pb is None:
                continue
            start, end = project(*pa), project(*pb)
            live = a == scene.id and b in reachable
            _dashed(p, start, end, p.theme.accent if live else (255, 255, 255), 8 if live else 4)
        for town in named:
            _town_label(p, town, contrast)

    widgets = [
        decoration(
            "map",
            MAP,
            base,
            t("tour.map"),
            (scene.id, tuple(sorted(reachable)), contrast, tuple(named)),
            ground=True,  # its links are many short lines: kept as one opaque picture
        )
    ]
    for (place, at), label in zip(located, labels, strict=True):
        widgets.append(
            place_marker(
                app,
                place,
                at,
                place.id == scene.id,
                place.id in team.visited,
                reachable.get(place.id),
                label,
            )
        )
    sx, sy, sw, sh = TOUR_SIDE
    team_hotspots = app.rules.visible_hotspots(team, app.session.elapsed())
    exits = list(reachable.values())
    passport_h = 176.0
    count = max(1, len(team_hotspots) + len(exits))
    told = said_height(app, sw, 28)
    # below the card: the buttons, and when the game speaks its newest bubble with the
    # buttons at BUTTON_LEAST (at F2 the card would otherwise leave it no room at all)
    below = 88.0 * count if not told else BUTTON_LEAST * count + told + 12
    card = card_height(app.painter, scene.title, scene.text, sw, 250, sh - passport_h - below - 36)
    widgets.append(text_card(app, "scene", (sx, sy, sw, card), scene.title, scene.text))
    y = sy + card + 16
    room = sy + sh - passport_h - 20 - y  # buttons shrink rather than slide under the passport
    step = min(108.0, room / count)
    if told:  # what the game says takes the buttons' spare height, down to BUTTON_LEAST
        step = max(min(step, (room - told - 12) / count), min(step, BUTTON_LEAST))
    for hs in team_hotspots:
        widgets.append(hotspot_button(app, hs, (sx, y, sw, step - 12)))
        y += step
    exit_step = min(100.0, step)
    widgets += exit_buttons(app, scene, (sx, y, sw, exit_step * len(exits)), minutes=True)
    y += exit_step * len(exits) + 8
    if sy + sh - passport_h - y - 12 >= 48:
        widgets += narration(app, (sx, y, sw, sy + sh - passport_h - y - 12), 28)
    widgets.append(passport(app, (sx, sy + sh - passport_h, sw, passport_h)))
    return widgets


def map_title_rect(app: App) -> VRect:
    """Where « La Normandie » is written on the map, at the room's text size."""
    painter = app.painter
    width, height = (v / painter.s for v in painter.font(MAP_TITLE, True).size(app.t("tour.map")))
    return (MAP[0] + 16, MAP[1] + 12, width + 16, height + 16)


def map_labels(
    app: App, located: list[tuple[Scene, tuple[float, float]]], here: str
) -> list[MapLabel]:
    """Labels for the tour map, kept off each other, the markers and the map's title."""
    painter = app.painter

    def widths(size: float) -> list[float]:
        font = painter.font(size, True)
        return [font.size(place.title)[0] / painter.s for place, _ in located]

    mx, my, mw, mh = MAP
    title = map_title_rect(app)
    obstacles: list[VRect] = [title]
    for place, (px, py) in located:
        if place.id == here:  # the ring and the pin above the current place
            obstacles.append((px - 48, py - 100, 96, 148))
    bounds = (mx + 8, my + 8, mw - 16, mh - 16)
    key = ("map_labels", tuple((place.title, at) for place, at in located), here, title)
    return memo(
        app, key, lambda: place_labels([at for _, at in located], widths, bounds, obstacles)
    )


def prefecture_labels(
    app: App,
    located: list[tuple[Scene, tuple[float, float]]],
    labels: list[MapLabel],
    roads: list[tuple[tuple[float, float], tuple[float, float]]],
    skip: frozenset[str],
) -> list[TownLabel]:
    """The prefectures named on the map (but those a place's label already names), placed
    after the places, off their labels, dots, buttons and leader lines, the roads between
    them, the map's title and each other. One with no room is left out."""
    painter = app.painter
    towns_at = memo(app, ("prefectures", skip), lambda: _prefectures(skip))
    font = painter.font(PREFECTURE_SIZE)
    widths = [font.size(spaced(name))[0] / painter.s for name, _ in towns_at]
    height = font.get_height() / painter.s + 8  # the chip grows with the text size (F2)
    obstacles: list[VRect] = [map_title_rect(app)]
    for (_, at), label in zip(located, labels, strict=True):
        obstacles += [label.rect, marker_rect(at), _dot(at, MARKER_R)]
        if label.leader:
            obstacles += _along(at, _leader_end(at, label.rect))
    obstacles += memo(
        app, ("roads", tuple(roads)), lambda: [r for a, b in roads for r in _along(a, b)]
    )
    mx, my, mw, mh = MAP
    bounds = (mx + 8, my + 8, mw - 16, mh - 16)
    key = ("prefecture_labels", tuple(towns_at), tuple(labels), tuple(roads))
    return memo(app, key, lambda: town_labels(towns_at, widths, height, bounds, obstacles))


def _prefectures(skip: frozenset[str]) -> list[tuple[str, tuple[float, float]]]:
    """The prefectures (but ``skip``'s) and where their dots are on the map."""
    names = {d.prefecture for d in departements().values()} - skip
    project = MapProjection(MAP)
    return [(town.name, project(town.lon, town.lat)) for town in towns() if town.name in names]


def _along(a: tuple[float, float], b: tuple[float, float], step: float = 16.0) -> list[VRect]:
    """Small boxes along a line, for the names to keep off it."""
    count = max(1, round(math.dist(a, b) / step))
    return [
        _dot((a[0] + (b[0] - a[0]) * i / count, a[1] + (b[1] - a[1]) * i / count), 6)
        for i in range(count + 1)
    ]


def _leader_end(at: tuple[float, float], rect: VRect) -> tuple[float, float]:
    """Where a leader line from ``at`` meets its label's box."""
    lx, ly, lw, lh = rect
    return min(max(at[0], lx), lx + lw), min(max(at[1], ly), ly + lh)


def _town_label(p: Painter, town: TownLabel, contrast: bool) -> None:
    """A prefecture's name on a light chip (a place's is on a dark one: places are played,
    towns only help find them), tied to its dot by a thin line when set apart."""
    lx, ly, lw, lh = town.label.rect
    ink = (0, 0, 0) if contrast else (28, 48, 28)
    if town.label.leader:
        p.line(town.at, _leader_end(town.at, town.label.rect), ink, 2)
    p.circle(town.at, 6, ink)
    p.shade(town.label.rect, (255, 255, 255) if contrast else (250, 246, 226), 235, lh / 2)
    if contrast:
        p.rect(town.label.rect, ink, lh / 2, 2)
    p.text(town.name, (lx + lw / 2, ly + lh / 2), PREFECTURE_SIZE, ink, False, "center")


def _dashed(
    p: Painter,
    a: tuple[float, float],
    b: tuple[float, float],
    colour: tuple[int, int, int],
    width: float,
) -> None:
    length = math.dist(a, b)
    steps = max(1, int(length / 28))
    for i in range(0, steps, 2):
        t0, t1 = i / steps, min(1.0, (i + 1) / steps)
        p.line(
            (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0),
            (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1),
            colour,
            width,
        )


def marker_rect(at: tuple[float, float]) -> VRect:
    """A place's button on the map: its dot, its ring and the pin above the current one."""
    return (at[0] - 60, at[1] - 90, 120, 130)


def place_marker(
    app: App,
    place: Scene,
    at: tuple[float, float],
    here: bool,
    visited: bool,
    exit_: Exit | None,
    label: MapLabel | None = None,
) -> Widget:
    px, py = at
    rect = marker_rect(at)
    if label is None:
        label = MapLabel((px - 130, py + 28, 260, 48), 30.0, False)
    lx, ly, lw, lh = label.rect
    bleed = max(
        110.0,
        rect[0] - lx,
        rect[1] - ly,
        lx + lw - rect[0] - rect[2],
        ly + lh - rect[1] - rect[3],
    )

    def draw(p: Painter, look: Look) -> None:
        if label.leader:
            end = _leader_end(at, label.rect)
            p.line((px, py), end, (20, 20, 28), 5)
            p.line((px, py), end, (255, 255, 255), 2)
        if here:
            p.circle((px, py), 46, (255, 255, 255), 6)
            p.circle((px, py), 34, p.theme.accent, 6)
        colour = (
            p.theme.good if visited else p.theme.accent if exit_ is not None else (170, 170, 190)
        )
        p.circle((px, py), 22, (20, 20, 28))
        p.circle((px, py), 18, colour)
        if visited:
            p.text("✓", (px, py), 26, (255, 255, 255), True, "center")
        p.shade(label.rect, (10, 10, 25), 200, lh / 2)
        p.text(
            place.title,
            (lx + lw / 2, ly + lh / 2),
            label.size,
            (255, 255, 255),
            True,
            "center",
            max_width=lw - 12,
        )
        if exit_ is not None and (look.hovered or look.focused):
            p.circle((px, py), 40, p.theme.focus, 6)
        if here:
            p.blit_shape(
                ("icon", "repere"), (px - 30, py - 96, 60, 70), lambda s: icon_surface("repere", s)
            )

    sig = (here, visited, exit_ is not None, label)
    if exit_ is None:
        marker = decoration(f"marker:{place.id}", rect, draw, place.title, sig)
        marker.bleed = bleed
        return marker

    def go(who: str | None) -> Act | None:
        return None if who is None else Act(ac.Go(player=who, to=place.id))

    widget = Widget(
        f"place:{place.id}",
        rect,
        draw,
        exit_label(app, exit_, True),
        go,
        needs_player=True,
        sig=sig,
    )
    widget.bleed = bleed
    return widget


#: a place's name under its stamp in the passport
NAME_SIZE = 28.0


def passport(app: App, rect: VRect) -> Widget:
    t = app.t
    team = app.team()
    assert team is not None
    places = [s for s in app.scenario.scenes if s.location is not None]

    def draw(p: Painter, _look: Look) -> None:
        x, y, w, h = rect
        p.rect(rect, (21, 101, 192), 24)
        p.blit_shape(
            ("icon", "passeport"), (x + 16, y + 16, 60, 76), lambda s: icon_surface("passeport", s)
        )
        rows = 1 if len(places) <= 6 else 2
        # two rows of stamps start at x + 280: the title stops short of them
        most = 182.0 if rows > 1 else w - 110
        p.text(t("tour.passport"), (x + 90, y + 12), 30, (255, 255, 255), True, max_width=most)
        count = t("tour.visited", n=len(team.visited & {s.id for s in places}), total=len(places))
        if rows == 1:  # on the title's line, at the right: the stamps and names take the rest
            p.text(count, (x + w - 20, y + 14), 28, (220, 230, 255), False, "topright")
        else:  # under the icon: two rows of stamps take the right
            p.text(count, (x + 16, y + 104), 28, (220, 230, 255), max_width=256)
        per_row = max(1, math.ceil(len(places) / rows))
        left = x + 280 if rows > 1 else x + 90
        # one row: under the title, which grows with the text size (F2)
        top = y + 14 if rows > 1 else y + max(58.0, 16 + p.line_height(30, True))
        each = min(190.0, (x + w - 16 - left) / per_row)
        row_h = (h - 20) / rows if rows > 1 else h - 58
        # the places' names under their stamps only when all fit at a readable size; else
        # the stamps alone (the map names the places, and the passport is read aloud)
        named = rows == 1 and all(
            p.font(NAME_SIZE, True).size(place.title)[0] <= p.n(each - 4) for place in places
        )
        for i, place in enumerate(places):
            cx = left + each * (i % per_row) + each / 2
            cy = top + row_h * (i // per_row) + (20 if named else row_h / 2 - 10)
            if place.id in team.visited:
                stamp = rgb(("#e69f00", "#cc79a7", "#009e73", "#d55e00", "#56b4e9")[i % 5])
                p.circle((cx, cy), 19, stamp)
                p.text("✓", (cx, cy), 28, (255, 255, 255), True, "center")
            else:
                p.circle((cx, cy), 19, (180, 200, 240), 3)
            if named:
                p.text(place.title, (cx, cy + 21), NAME_SIZE, (255, 255, 255), True, "midtop")

    names = ", ".join(s.title for s in places if s.id in team.visited)
    return decoration("passport", rect, draw, f"{t('tour.passport')} : {names}")
