"""Opening pygame's display, and refusing to play in a window nobody can see.

With no screen (an SSH session, a server, a desktop session that is not there) SDL quietly
falls back to drawing offscreen: the game would then run, invisible, and the facilitator
would wait in front of nothing. Asking for it on purpose (``--headless``, or
``SDL_VIDEODRIVER=dummy`` as the tests do) still works.
"""

from __future__ import annotations

import os

#: SDL's drivers that draw nowhere
INVISIBLE = ("offscreen", "dummy")
NO_SCREEN = (
    "pas d'écran pour ouvrir la fenêtre du jeu (session à distance, serveur ?) : "
    "lancez declic depuis le bureau de l'ordinateur branché au projecteur"
)


class NoScreen(RuntimeError):
    """No screen to show the window on: the message says what to do, in French."""


def open_display(headless: bool) -> None:
    """``pygame.display.init()``, with the dummy driver when ``headless``; raises
    ``NoScreen`` when SDL found no screen and fell back to drawing nowhere."""
    import pygame

    asked = os.environ.get("SDL_VIDEODRIVER")
    if headless:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    try:
        pygame.display.init()
    except pygame.error as error:  # no video device at all, and no fallback
        raise NoScreen(f"{NO_SCREEN} ({error})") from None
    if not headless and not asked and pygame.display.get_driver() in INVISIBLE:
        pygame.display.quit()
        raise NoScreen(NO_SCREEN)
