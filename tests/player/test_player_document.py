"""A document opened full screen (issue 20, point 2): examining an item shows its name and
description in big letters over the game; « Plus grand » zooms in; a tap anywhere, « Fermer »
or Échap closes it; at every zoom, text size and contrast it passes the readability audit."""

from __future__ import annotations

import os
from pathlib import Path

import pygame

from engine.load.check import load_scenario
from engine.player.app import App
from engine.player.audit import audit
from engine.player.driver import Driver
from engine.player.screens.overlays import ZOOMS
from engine.shipped import scenarios_dir
from engine.walkthrough import default_walkthrough, load_walkthrough

SHOTS = os.environ.get("DECLIC_DOCUMENT_SHOTS")  # a folder to keep the pictures (docs)


class Stop(Exception):
    pass


def test_an_examined_item_opens_full_screen_zooms_and_closes(tmp_path: Path) -> None:
    path = scenarios_dir() / "demo-escape" / "demo-escape.yaml"
    loaded = load_scenario(path)
    assert loaded.scenario is not None
    app = App(loaded.scenario, path.parent, size=(1920, 1080), headless=True)
    drive = Driver(app, "mouse")
    checked: list[str] = []

    def observe(_label: str, app: App) -> None:
        team = app.team()
        if app.ui.screen != "play" or team is None or not team.inventory or app.ui.work.puzzle:
            return
        item = team.inventory[0]
        who = next(iter(app.state.players))
        drive.press(f"item:{item}", who)
        drive.press("held:examine", who)
        shown = app.ui.document
        assert shown is not None
        described = next(i for i in app.scenario.items if i.id == item)
        assert (shown.title, shown.text) == (described.name, described.description)
        for zoom in range(len(ZOOMS)):
            assert app.ui.document is not None and app.ui.document.zoom == zoom
            for contrast in (False, True):
                for step in range(3):
                    app.ui.options.contrast, app.ui.options.text_step = contrast, step
                    app.restyle()
                    problems = [str(p) for p in audit(app)]
                    assert not problems, (zoom, contrast, step, problems)
            app.ui.options.contrast, app.ui.options.text_step = False, 0
            app.restyle()
            app.frame()
            shot = Path(SHOTS or tmp_path) / f"document-zoom-{zoom}.png"
            app.screenshot(shot)
            assert pygame.image.load(str(shot)).get_size() == (1920, 1080)
            if zoom < len(ZOOMS) - 1:
                drive.press("document:bigger", who)
        assert app.ui.document is not None and app.ui.document.zoom == len(ZOOMS) - 1
        drive.press("document:smaller", who)
        assert app.ui.document is not None and app.ui.document.zoom == len(ZOOMS) - 2
        drive.press("document", who)  # a tap anywhere closes it
        assert app.ui.document is None
        drive.press(f"item:{item}", who)
        drive.press("held:examine", who)
        assert app.ui.document is not None
        drive.key(pygame.K_ESCAPE)
        assert app.ui.document is None
        drive.press(f"item:{item}", who)
        drive.press("held:examine", who)
        drive.press("document:close", who)
        assert app.ui.document is None
        checked.append(item)
        raise Stop

    drive.observer = observe
    try:
        drive.play(load_walkthrough(default_walkthrough(path)))
    except Stop:
        pass
    finally:
        app.close()
    assert checked, "the walkthrough never carried an item"
