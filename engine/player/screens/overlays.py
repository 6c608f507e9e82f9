"""Overlays over the play screen: the hand-over between teams, and the pause."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.player.intents import Handover
from engine.player.paint import Painter
from engine.player.screens.chrome import pause
from engine.player.widgets import Look, Widget, avatar_row, button, decoration

if TYPE_CHECKING:
    from engine.player.app import App


def build(app: App) -> list[Widget]:
    if app.state.clock.paused_at is not None and app.state.phase == "playing":
        return paused(app)
    if app.ui.handover is not None and app.ui.handover in app.state.teams:
        return handover(app, app.ui.handover)
    return []


def handover(app: App, team_id: str) -> list[Widget]:
    t = app.t
    team = app.state.teams[team_id]
    members = [p for p in app.state.players.values() if p.team == team_id]

    def draw(p: Painter, _look: Look) -> None:
        p.shade((0, 0, 1920, 1080), (0, 0, 0), 200)
        p.gradient((360, 200, 1200, 620), (230, 159, 0), (213, 94, 0), 40)
        p.text(t("handover.title"), (960, 250), 48, (30, 20, 10), True, "midtop")
        p.text(team.name, (960, 320), 110, (20, 10, 0), True, "midtop", max_width=1100)
        avatar_row(
            p, members, top=470, side=110, width=1000, most=180, gap=10, size=30, ink=(20, 10, 0)
        )

    def dismiss(_who: str | None) -> Handover:
        return Handover(None)

    return [
        decoration(
            "handover",
            (0, 0, 1920, 1080),
            draw,
            t("handover.spoken", team=team.name),
            tuple(members),
            backdrop=True,
        ),
        button(
            "handover:ok",
            (710, 680, 500, 110),
            t("handover.go"),
            dismiss,
            icon="reprendre",
            colour=(0, 114, 178),
            size=44,
        ),
    ]


def paused(app: App) -> list[Widget]:
    t = app.t

    def draw(p: Painter, _look: Look) -> None:
        p.shade((0, 104, 1920, 976), (0, 0, 0), 210)
        p.text(t("pause.title"), (960, 380), 110, (255, 255, 255), True, "midtop")
        p.text(t("pause.text"), (960, 520), 40, (220, 220, 240), False, "midtop")

    return [
        decoration("pause", (0, 104, 1920, 976), draw, t("pause.title"), backdrop=True),
        button(
            "pause:resume",
            (710, 640, 500, 110),
            t("pause.resume"),
            lambda who: pause(app, who),
            icon="reprendre",
            colour=(0, 158, 115),
            size=44,
        ),
    ]
