"""The start screen: the game's title, what it is about, and one big "Jouer" button."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from engine.format.kinds import kind_icon
from engine.player.icons import icon_surface, star_points
from engine.player.intents import Focus, Intent, Language, Screen
from engine.player.paint import Painter
from engine.player.screens.chrome import top_bar
from engine.player.theme import mix
from engine.player.widgets import Look, Widget, button, decoration

if TYPE_CHECKING:
    from engine.player.app import App


#: where the start screen writes: its kind, title and summary; the keys line
TEXT_ZONES = ((120.0, 370.0, 1680.0, 360.0), (80.0, 950.0, 1760.0, 130.0))


def _inside(x: float, y: float, r: float, zone: tuple[float, float, float, float]) -> bool:
    zx, zy, zw, zh = zone
    return zx - 2 * r <= x <= zx + zw + 2 * r and zy - 2 * r <= y <= zy + zh + 2 * r


def build(app: App) -> list[Widget]:
    t = app.t
    scenario = app.scenario

    def backdrop(p: Painter, _look: Look) -> None:
        theme = p.theme
        if theme.outline:
            p.fill(theme.background)
        else:
            p.gradient((0, 0, 1920, 1080), (40, 20, 90), (10, 90, 140))
            rng = random.Random(scenario.id)
            for _ in range(70):
                x, y = rng.uniform(0, 1920), rng.uniform(110, 1080)
                r = rng.uniform(3, 9)
                if any(_inside(x, y, r, zone) for zone in TEXT_ZONES):
                    continue  # no star behind the words: they would break the letters up
                p.polygon(
                    star_points(x, y, r * 2, r), mix((255, 230, 120), (255, 255, 255), rng.random())
                )
            for i, colour in enumerate(
                ((230, 159, 0), (86, 180, 233), (0, 158, 115), (204, 121, 167))
            ):
                p.circle((180 + i * 520, 1150), 260, mix(colour, (20, 20, 60), 0.35))
        p.blit_shape(
            ("icon", kind_icon(scenario.kind)),
            (860, 150, 200, 200),
            lambda s: icon_surface(kind_icon(scenario.kind), s),
        )
        p.text(t(f"kind.{scenario.kind}"), (960, 380), 40, theme.accent, True, "midtop")
        p.text_box(scenario.title, (160, 440, 1600, 150), 96, theme.text, True, "center", "middle")
        if scenario.summary:
            p.text_box(
                scenario.summary, (260, 600, 1400, 110), 40, theme.text_dim, False, "center", "top"
            )
        p.text_box(
            t("start.keys"), (100, 960, 1720, 112), 28, theme.text_dim, False, "center", "middle"
        )

    label = f"{scenario.title}. {scenario.summary or ''}"
    widgets = [decoration("start", (0, 0, 1920, 1080), backdrop, label)]
    widgets += [w for w in top_bar(app) if w.interactive]
    widgets.append(
        button(
            "start:play",
            (710, 740, 500, 140),
            t("start.play"),
            lambda _w: go_lobby(app),
            icon="reprendre",
            colour=(0, 158, 115),
            size=56,
        )
    )
    other = "en" if app.ui.options.language == "fr" else "fr"
    widgets.append(
        button(
            "start:language",
            (40, 14, 200, 76),
            t("start.language"),
            lambda _w: Language(other),
            size=28,
        )
    )
    return widgets


def go_lobby(app: App) -> list[Intent]:
    return [Screen("lobby" if app.state.phase == "lobby" else "play"), Focus(None)]
