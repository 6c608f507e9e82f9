"""Screens and input handlers say what they want done; only ``perform`` does it.

Along every shipped walkthrough, pressing (or dropping on) any widget on screen returns
intents and changes nothing by itself: not the UI state, not the game. And no screen, view
or input module assigns to the window: the source says so (AST)."""

from __future__ import annotations

import ast
import copy
import typing
from pathlib import Path

import pytest

from declic.shipped import shipped_scenarios
from engine.player import intents as do
from engine.player.driver import Driver
from engine.player.intents import as_list
from engine.walkthrough import default_walkthrough, load_walkthrough

PLAYER = Path(__file__).resolve().parents[2] / "engine" / "player"
INTENTS = typing.get_args(do.Intent)
#: modules that only say what they want done
SAYERS = [
    *sorted(PLAYER.glob("screens/*.py")),
    *sorted(PLAYER.glob("puzzle_views/*.py")),
    PLAYER / "inputs.py",
]


def _ui(app) -> object:  # type: ignore[no-untyped-def]
    ui = copy.copy(app.ui)
    ui.pads = {k: (p.player, p.x, p.y, p.ax, p.ay) for k, p in app.ui.pads.items()}  # type: ignore[assignment]
    return copy.deepcopy(vars(ui) | {"debrief": vars(app.ui.debrief) if app.ui.debrief else None})


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_pressing_any_widget_only_returns_intents(make_app, path: Path) -> None:
    app = make_app(path, (640, 360))
    driver = Driver(app, "mouse")
    pressed: set[str] = set()

    def press_everything(_label: str, app=app) -> None:  # type: ignore[no-untyped-def]
        players = list(app.state.players)
        before, state = _ui(app), app.state
        for widget in app.widgets:
            for who in (players[:1] or [None]) + [None]:
                if widget.on_press is not None:
                    said = as_list(widget.on_press(who))
                    assert all(isinstance(i, INTENTS) for i in said), (widget.key, said)
                    pressed.add(widget.key.split(":")[0])
                if widget.on_drop is not None:
                    said = as_list(widget.on_drop(widget.key, who))
                    assert all(isinstance(i, INTENTS) for i in said), (widget.key, said)
        assert app.state is state, "a press stepped the game by itself"
        assert _ui(app) == before, "a press changed the UI state by itself"

    driver.observer = press_everything
    driver.play(load_walkthrough(default_walkthrough(path)))
    assert app.state.phase == "ended"
    assert {"player", "bar", "lobby"} <= pressed  # the walk did see the widgets pressed


def _assigns_to_the_window(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            for part in ast.walk(target):
                if (
                    isinstance(part, ast.Attribute)
                    and isinstance(part.value, ast.Name)
                    and part.value.id == "app"
                ):
                    found.append(f"{path.name}:{node.lineno} app.{part.attr}")
    return found


def test_screens_views_and_inputs_never_assign_to_the_window() -> None:
    assert len(SAYERS) > 15
    found = [hit for path in SAYERS for hit in _assigns_to_the_window(path)]
    allowed = {"parts.py"}  # the caches of built parts (memo, part): not UI state
    assert [hit for hit in found if hit.split(":")[0] not in allowed] == []
