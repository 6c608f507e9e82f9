"""With no screen (an SSH session, a server), ``declic play`` and ``declic`` say so in French
and stop, instead of running a game nobody sees: SDL would fall back to drawing offscreen."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize("command", [["play", "demo-escape"], []], ids=["play", "home"])
def test_no_screen_is_a_french_sentence_and_exit_1(command: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("SDL_VIDEODRIVER", None)
    env["SDL_AUDIODRIVER"] = "dummy"
    done = subprocess.run(
        [sys.executable, "-m", "declic", *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "declic : pas d'écran pour ouvrir la fenêtre du jeu" in done.stderr
    assert "Traceback" not in done.stderr and "erreur inattendue" not in done.stderr


def test_a_screen_asked_away_on_purpose_still_opens() -> None:
    """The tests' own ``SDL_VIDEODRIVER=dummy``, or ``--headless``, is what was asked."""
    import pygame

    from engine.player.display import open_display

    open_display(headless=True)
    try:
        assert pygame.display.get_driver() == "dummy"
    finally:
        pygame.display.quit()
