"""Read-aloud with espeak-ng when it is installed; silently nothing otherwise."""

from __future__ import annotations

import shutil
import subprocess


class Voice:
    def __init__(self, language: str = "fr") -> None:
        self.program = shutil.which("espeak-ng")
        self.language = language
        self.current: subprocess.Popen[bytes] | None = None

    @property
    def available(self) -> bool:
        return self.program is not None

    def say(self, text: str) -> bool:
        """Start reading ``text`` (stopping any reading in progress); False if no voice."""
        if self.program is None or not text.strip():
            return False
        self.stop()
        try:
            self.current = subprocess.Popen(
                [self.program, "-v", self.language, "-s", "150", "--", text],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            return False
        return True

    def stop(self) -> None:
        if self.current is not None and self.current.poll() is None:
            self.current.terminate()
        self.current = None
