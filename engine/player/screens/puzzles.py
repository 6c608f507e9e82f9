"""The puzzle panel over the scene: title, prompt, hints, a counter, "Fermer" and "Valider";
its body is the puzzle type's view (``engine/player/puzzle_views``).

The room composes an answer on screen (digits, a choice, an order, pairs, a word); only
"Valider" sends it to the core, as an ``Answer`` by the player who pressed it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.core import actions as ac
from engine.format.puzzles import PuzzleBase
from engine.player.icons import icon_surface
from engine.player.intents import Act, Notify
from engine.player.paint import Painter, VRect
from engine.player.puzzle_views import view_of
from engine.player.puzzle_views.base import SUBMIT
from engine.player.repaint import overlap
from engine.player.screens.chrome import narration
from engine.player.ui import PuzzleWork
from engine.player.widgets import Look, Widget, button, decoration

if TYPE_CHECKING:
    from engine.player.app import App

PANEL: VRect = (96.0, 126.0, 1728.0, 790.0)
#: the panel's title band: where, its top and bottom colours, its corners' radius
PANEL_HEAD = ((PANEL[0], PANEL[1], PANEL[2], 110.0), (0, 114, 178), (40, 60, 140), 30.0)
DIM: VRect = (0.0, 104.0, 1920.0, 820.0)  # what a puzzle's panel darkens
CHROME = ("strip", "bar", "bag", "player:", "item:", "held:")
#: the hints' column; its button's top keeps clear of the prompt's last line (its letters
#: go below its box's middle at F2)
HINTS: VRect = (1344.0, 338.0, 440.0, 560.0)


def start_work(puzzle: PuzzleBase) -> PuzzleWork:
    """A fresh working state; orders and right-hand columns are shuffled, never solved."""
    return view_of(puzzle).start(puzzle)


def submit(app: App, who: str | None) -> Act | Notify | None:
    """ "Valider": the view says what the work amounts to; nothing chosen yet, the room is told."""
    if who is None:
        return None
    puzzle = app.puzzle(app.ui.work.puzzle)
    value = view_of(puzzle).value(puzzle, app.ui.work)
    if value is None:
        return Notify(app.t("puzzle.choose_first"))
    return Act(ac.Answer(player=who, puzzle=puzzle.id, value=value))


def build(app: App, behind: list[Widget]) -> list[Widget]:
    t = app.t
    puzzle = app.puzzle(app.ui.work.puzzle)
    view = view_of(puzzle)
    team = app.team()
    assert team is not None
    shown = team.hints.get(puzzle.id, 0)
    # the chrome (top bar, strip, bag) stays usable; what of it is clear of the dimmed area
    # is drawn above the panel: choosing a player then repaints the strip alone, not also
    # the pictures kept under the panel (engine/player/repaint)
    kept: list[Widget] = []
    above: list[Widget] = []
    for widget in behind:
        if not widget.key.startswith(CHROME):
            kept.append(inert(widget))
        elif overlap(widget.rect, DIM):
            kept.append(widget)
        else:
            above.append(widget)

    def panel(p: Painter, _look: Look) -> None:
        p.shade(DIM, (0, 0, 0), p.theme.shade_alpha)
        x, y, w, h = PANEL
        p.rect((x + 8, y + 10, w, h), (0, 0, 0), 30)
        p.rect(PANEL, p.theme.panel, 30)
        p.gradient(*PANEL_HEAD)
        icon = view.icon
        p.blit_shape(("icon", icon), (x + 24, y + 16, 80, 80), lambda s: icon_surface(icon, s))
        p.text(
            puzzle.title, (x + 124, y + 56), 54, (255, 255, 255), True, "midleft", max_width=w - 560
        )
        p.text_box(
            puzzle.prompt, (x + 40, y + 116, w - 80, 80), 36, p.theme.text, False, "left", "middle"
        )

    widgets = [
        *kept,
        decoration(
            "puzzle",
            DIM,
            panel,
            f"{puzzle.title}. {puzzle.prompt}",
            puzzle.id,
            backdrop=True,
        ),
    ]
    widgets += view.body(app, puzzle)
    widgets += hints(app, puzzle, shown)
    widgets += narration(
        app, (HINTS[0], HINTS[1] + 396, HINTS[2], 180), 28, skip=("hint",), prefix="puzzle:say"
    )
    x, y, w, _h = PANEL

    def close(who: str | None) -> Act | None:
        return None if who is None else Act(ac.Close(player=who))

    widgets.append(
        button(
            "puzzle:close",
            (x + w - 330, y + 18, 300, 76),
            t("puzzle.close"),
            close,
            icon="fermer",
            colour=(150, 60, 60),
            needs_player=True,
            size=30,
        )
    )
    if view.submits:
        widgets.append(
            button(
                "puzzle:submit",
                SUBMIT,
                t("puzzle.submit"),
                lambda who: submit(app, who),
                icon="ok",
                colour=(0, 158, 115),
                needs_player=True,
                size=38,
            )
        )
    return widgets + above


def inert(widget: Widget) -> Widget:
    """The same drawing (and picture), but nothing to press behind the panel."""
    return Widget(
        widget.key,
        widget.rect,
        widget.draw,
        widget.label,
        None,
        focusable=False,
        sig=widget.sig,
        bleed=widget.bleed,
        rest_bleed=widget.rest_bleed,
        backdrop=widget.backdrop,
        pictured=widget.pictured,
        ground=widget.ground,
        spoken=widget.spoken,
    )


def hints(app: App, puzzle: PuzzleBase, shown: int) -> list[Widget]:
    t = app.t
    x, y, w, _h = HINTS
    total = len(puzzle.hints)

    def ask(who: str | None) -> Act | None:
        return None if who is None else Act(ac.Hint(player=who, puzzle=puzzle.id))

    widgets = [
        button(
            "puzzle:hint",
            (x, y - 8, w, 90),
            t("puzzle.hint", n=shown, total=total),
            ask,
            icon="indice",
            colour=(180, 130, 0),
            needs_player=True,
            enabled=shown < total,
            size=30,
        )
    ]
    each = min(130.0, 290 / max(1, total))
    for level in range(1, shown + 1):
        text = puzzle.hints[level - 1]
        box = (x, y + 96 + (level - 1) * each, w, each - 10)

        def draw(
            p: Painter, _look: Look, text: str = text, level: int = level, box: VRect = box
        ) -> None:
            bx, by, bw, bh = box
            p.rect(box, (255, 243, 176), 18)
            p.circle((bx + 30, by + 30), 20, (180, 130, 0))
            p.text(str(level), (bx + 30, by + 30), 28, (255, 255, 255), True, "center")
            p.text_box(
                text, (bx + 60, by + 10, bw - 72, bh - 20), 28, (40, 30, 0), True, "left", "middle"
            )

        widgets.append(decoration(f"puzzle:hint:{level}", box, draw, text))
    return widgets
