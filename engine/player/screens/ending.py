"""The ending: always a celebration, even when time ran out — everyone learnt something."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from engine.format.scenario import Scenario
from engine.player.icons import icon_maker, icon_surface, star_points
from engine.player.intents import WriteCards
from engine.player.paint import Painter
from engine.player.screens import debrief
from engine.player.screens.chrome import clock_text, top_bar
from engine.player.theme import mix
from engine.player.widgets import Look, Widget, avatar_row, button, decoration
from engine.reference.icons import pictogram

if TYPE_CHECKING:
    from engine.player.app import App

CONFETTI = (
    (230, 159, 0),
    (86, 180, 233),
    (0, 158, 115),
    (240, 228, 66),
    (0, 114, 178),
    (213, 94, 0),
    (204, 121, 167),
)


def build(app: App) -> list[Widget]:
    # debrief hook (screens/debrief.py): once opened, the debrief replaces the ending
    if app.ui.debrief is not None and app.ui.debrief.open:
        return debrief.build(app)
    t = app.t
    state = app.state
    team = app.team()
    endings = {e.id: e for e in app.scenario.endings}
    ending = endings.get(team.ending or "") if team else None
    success = ending.success if ending else True
    title = ending.title if ending else t("ending.default_title")
    text = ending.text if ending else ""
    solved = sum(len(tm.solved) for tm in state.teams.values())
    hints = sum(tm.hints_total for tm in state.teams.values())
    elapsed = state.clock.elapsed(state.clock.paused_at or app.session.clock())
    players = list(state.players.values())
    credit_openmoji = shows_openmoji(app.scenario)

    def draw(p: Painter, _look: Look) -> None:
        theme = p.theme
        if theme.outline:
            p.fill(theme.background)
        else:
            top, bottom = (
                ((255, 183, 3), (251, 86, 7)) if success else ((114, 9, 183), (58, 12, 163))
            )
            p.gradient((0, 0, 1920, 1080), top, bottom)
            rng = random.Random(app.scenario.id)
            for _ in range(160):
                x, y = rng.uniform(0, 1920), rng.uniform(100, 1080)
                colour = rng.choice(CONFETTI)
                if rng.random() < 0.5:
                    p.rect((x, y, rng.uniform(10, 22), rng.uniform(18, 34)), colour, 4)
                else:
                    r = rng.uniform(8, 16)
                    p.polygon(star_points(x, y, r, r * 0.45), mix(colour, (255, 255, 255), 0.3))
        card = (260, 150, 1400, 760)
        p.rect((card[0] + 10, card[1] + 14, card[2], card[3]), (0, 0, 0), 40)
        p.rect(card, theme.card if not theme.outline else theme.background, 40)
        if theme.outline:
            p.rect(card, theme.text, 40, 4)
        ink = theme.text_on_card if not theme.outline else theme.text
        icon = "trophee" if success else "etoile"
        p.blit_shape(("icon", icon), (860, 90, 200, 200), lambda s: icon_surface(icon, s))
        cheer = t("ending.cheer") if success else t("ending.cheer_timeout")
        p.text(
            cheer,
            (960, 300),
            40,
            (213, 94, 0) if not theme.outline else theme.accent,
            True,
            "midtop",
        )
        p.text_box(title, (320, 360, 1280, 120), 80, ink, True, "center", "middle")
        p.text_box(text, (360, 480, 1200, 130), 36, ink, False, "center", "top")
        stats = [
            ("horloge", t("ending.time", time=clock_text(elapsed))),
            ("coche", t("ending.solved", n=solved)),
            ("indice", t("ending.hints", n=hints)),
        ]
        for i, (name, label) in enumerate(stats):
            sx = 360 + i * 420
            p.rect(
                (sx, 630, 380, 90),
                mix(theme.card, (0, 114, 178), 0.15) if not theme.outline else theme.panel_alt,
                24,
            )
            p.blit_shape(("icon", name), (sx + 14, 640, 70, 70), icon_maker(name))
            p.text(label, (sx + 96, 675), 32, ink, True, "midleft", max_width=270)
        avatar_row(p, players, top=738, side=84, width=1300, most=150, gap=6, size=26, ink=ink)
        if len(state.teams) > 1:
            ranked = sorted(state.teams.values(), key=lambda tm: -tm.score)
            line = "   ".join(f"{i + 1}. {tm.name} : {tm.score}" for i, tm in enumerate(ranked))
            p.text(line, (960, 950), 40, (255, 255, 255), True, "midtop", max_width=1800)
        if credit_openmoji:  # CC BY-SA 4.0 asks for attribution where the pictograms are shown
            p.text(t("ending.openmoji"), (960, 902), 22, ink, False, "midbottom")

    sig = (
        success,
        solved,
        hints,
        int(elapsed),
        tuple(players),
        tuple((tm.name, tm.score) for tm in state.teams.values()),
    )
    widgets = [decoration("ending", (0, 0, 1920, 1080), draw, f"{title}. {text}", sig)]
    widgets += [w for w in top_bar(app) if w.interactive and w.key != "bar:pause"]
    if state.phase == "ended" and app.ui.debrief is not None:  # debrief hook: its button
        widgets.append(debrief.open_button(app))
    if state.phase == "ended" and app.summary_hook is not None:
        widgets.append(summary_button(app))
    return widgets


def shows_openmoji(scenario: Scenario) -> bool:
    """Whether an item, hotspot or drawn prop of the scenario is an OpenMoji pictogram."""
    names = [i.icon for i in scenario.items]
    for scene in scenario.scenes:
        names += [h.icon for h in scene.hotspots]
        if scene.image is not None and scene.image.draw is not None:
            names += [prop.icon for prop in scene.image.draw.props]
    return any(name and pictogram(name) is not None for name in names)


def summary_button(app: App) -> Widget:
    """The facilitator writes everyone's skills cards from here (hook given by the session)."""

    def press(_who: str | None) -> WriteCards:
        return WriteCards()

    label = app.ui.summary_message or app.t("ending.cards")
    return button(
        "ending:cards",
        (20, 960, 900, 100),
        label,
        press,
        icon="etoile",
        colour=(0, 158, 115),
        size=30 if app.ui.summary_message else 36,
    )
