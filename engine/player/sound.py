"""Success and failure sounds, with a mute switch. No audio device is not an error."""

from __future__ import annotations

import contextlib
import logging

import pygame

from engine.reference import assets_dir

log = logging.getLogger("declic.player")
SOUNDS = ("success", "failure", "click", "ending")


class Sounds:
    def __init__(self, muted: bool = False) -> None:
        self.muted = muted
        self.loaded: dict[str, pygame.mixer.Sound] = {}
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init()
        except pygame.error as exc:
            log.info("pas de son (%s) : le jeu continue sans", exc)
            return
        for name in SOUNDS:
            try:
                self.loaded[name] = pygame.mixer.Sound(str(assets_dir() / "sounds" / f"{name}.wav"))
            except (pygame.error, FileNotFoundError) as exc:
                log.info("son %s indisponible (%s)", name, exc)

    @property
    def available(self) -> bool:
        return bool(self.loaded)

    def play(self, name: str) -> None:
        sound = self.loaded.get(name)
        if sound is None or self.muted:
            return
        with contextlib.suppress(pygame.error):
            sound.play()
