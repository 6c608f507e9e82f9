"""The ending: always a celebration, even when time ran out — everyone learnt something."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from engine.format.scenario import Scenario
from engine.player.icons import icon_maker, icon_surface, star_points
from engine.player.intents import WriteCards
from engine.player.locale import Texts
from engine.player.paint import Painter
from engine.player.podium import Step, podium
from engine.player.puzzle_views import VIEWS
from engine.player.screens import debrief
from engine.player.screens.chrome import clock_text, top_bar
from engine.player.theme import Colour, mix, readable_on
from engine.player.widgets import Look, Widget, avatar_row, button, decoration
from engine.puzzles.registry import unit_of
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

#: the ending's backdrop, top and bottom colours, as the game was won or lost
WON = ((255, 183, 3), (251, 86, 7))
LOST = ((114, 9, 183), (58, 12, 163))


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
    steps = podium([(tm.name, tm.score) for tm in state.teams.values()])
    rally = len(state.teams) > 1  # a podium instead of the players' avatars
    credit_openmoji = shows_openmoji(app.scenario)

    def draw(p: Painter, _look: Look) -> None:
        theme = p.theme
        if theme.outline:
            p.fill(theme.background)
        else:
            top, bottom = WON if success else LOST
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
        up = -65 if rally else 0  # the podium needs more room than the avatars had
        title_box = (320, 340, 1280, 100) if rally else (320, 360, 1280, 120)
        p.text_box(title, title_box, 80, ink, True, "center", "middle")
        p.text_box(text, (360, 480 + up * 0.6, 1200, 130 + up * 0.2), 36, ink, False, "center")
        stats = [
            ("horloge", t("ending.time", time=clock_text(elapsed))),
            ("coche", t("ending.solved", n=solved)),
            ("indice", t("ending.hints", n=hints)),
        ]
        for i, (name, label) in enumerate(stats):
            sx = 360 + i * 420
            p.rect(
                (sx, 630 + up, 380, 90),
                mix(theme.card, (0, 114, 178), 0.15) if not theme.outline else theme.panel_alt,
                24,
            )
            p.blit_shape(("icon", name), (sx + 14, 640 + up, 70, 70), icon_maker(name))
            p.text(label, (sx + 96, 675 + up), 32, ink, True, "midleft", max_width=270)
        if rally:
            draw_podium(p, steps, t, ink)
        else:
            avatar_row(p, players, top=738, side=84, width=1300, most=150, gap=6, size=28, ink=ink)
        if credit_openmoji:  # CC BY-SA 4.0: attribution where shown
            if rally:  # the podium fills the card: on a strip under it, between the buttons
                p.rect(CREDIT_STRIP, theme.card if not theme.outline else theme.background, 14)
                x, y, w, h = CREDIT_STRIP
                p.text(
                    t("ending.openmoji"), (x + w / 2, y + h / 2), 28, ink, False, "center", w - 24
                )
            else:
                p.text(t("ending.openmoji"), (960, 906), 28, ink, False, "midbottom")

    sig = (
        success,
        solved,
        hints,
        int(elapsed),
        tuple(players),
        tuple((tm.name, tm.score) for tm in state.teams.values()),
    )
    spoken = f"{title}. {text}"
    if rally:
        spoken += " " + t("ending.podium", steps=", ".join(_step_words(s, t) for s in steps))
    widgets = [decoration("ending", (0, 0, 1920, 1080), draw, spoken, sig)]
    widgets += [w for w in top_bar(app) if w.interactive and w.key != "bar:pause"]
    if state.phase == "ended" and app.ui.debrief is not None:  # debrief hook: its button
        widgets.append(debrief.open_button(app))
    if state.phase == "ended" and app.summary_hook is not None:
        widgets.append(summary_button(app))
    return widgets


#: under the card (its shadow ends at 924), above the summary and debrief buttons (from 960)
CREDIT_STRIP = (560.0, 926.0, 800.0, 32.0)

#: the podium's steps inside the ending card: the middle for the first, then left, right
STEP_X = (960, 570, 1350)
STEP_H = (118, 88, 62)
STEP_COLOURS: tuple[Colour, ...] = ((230, 159, 0), (0, 114, 178), (213, 94, 0))
STEP_W = 370


def _step_words(step: Step, t: Texts) -> str:
    return f"{t('ending.rank', n=step.rank)} {', '.join(step.teams)} ({step.score})"


def draw_podium(p: Painter, steps: list[Step], t: Texts, ink: Colour) -> None:
    """Three steps at most inside the card, tied teams' names on one step; further teams
    on one line below, all within the card so no button or confetti covers them."""
    outline = p.theme.outline
    bottom = 890 if len(steps) <= 3 else 846  # room for « Puis : … » under the steps
    for i, step in enumerate(steps[:3]):
        cx, h = STEP_X[i], STEP_H[i] - (890 - bottom) * (2 - i) / 2
        x, top = cx - STEP_W / 2, bottom - h
        colour = p.theme.panel_alt if outline else STEP_COLOURS[i]
        p.rect((x, top, STEP_W, h), colour, 18)
        if outline:
            p.rect((x, top, STEP_W, h), p.theme.text, 18, 3)
        words = t(
            "ending.step",
            rank=t("ending.rank", n=step.rank),
            points=t("ending.points", n=step.score),
        )
        p.text(
            words,
            (cx, top + h / 2),  # centred: at the largest text size it still fits
            30,
            p.theme.text if outline else readable_on(colour),
            True,
            "center",
            max_width=STEP_W - 20,
            ellipsis=True,
        )
        names = "\n".join(step.teams[:2]) if len(step.teams) <= 2 else ", ".join(step.teams)
        p.text_box(names, (x, top - 100, STEP_W, 96), 30, ink, True, "center", "bottom")
    if len(steps) > 3:
        rest = ", ".join(_step_words(s, t) for s in steps[3:])
        p.text(
            t("ending.then", teams=rest),
            (960, 850),
            28,
            ink,
            False,
            "midtop",
            max_width=1300,
            ellipsis=True,
        )


def shows_openmoji(scenario: Scenario) -> bool:
    """Whether an item, hotspot, drawn prop, card picture or puzzle view icon (the
    calculation's abacus) of the scenario is an OpenMoji pictogram."""
    names = [i.icon for i in scenario.items]
    for puzzle in scenario.puzzles:
        names += [VIEWS[puzzle.type].icon, *(n for _, n in unit_of(puzzle).icons(puzzle))]
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
