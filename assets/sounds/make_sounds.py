"""Generate the player's short sounds (success, failure, click, ending) as 16-bit WAV files.

Run ``python assets/sounds/make_sounds.py``; deterministic, standard library only. The
sounds are made here, so they carry the project's licence.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050


def tone(notes: list[tuple[float, float]], volume: float = 0.35) -> bytes:
    """Notes as (frequency Hz, seconds), each with a soft attack and decay."""
    frames = bytearray()
    for freq, seconds in notes:
        count = int(RATE * seconds)
        for i in range(count):
            t = i / RATE
            envelope = min(1.0, i / (RATE * 0.01)) * math.exp(-3.5 * t / seconds)
            sample = math.sin(2 * math.pi * freq * t) + 0.3 * math.sin(4 * math.pi * freq * t)
            frames += struct.pack("<h", int(32767 * volume * envelope * sample / 1.3))
    return bytes(frames)


SOUNDS = {
    "success": [(523.25, 0.11), (659.25, 0.11), (783.99, 0.22)],
    "failure": [(311.13, 0.16), (233.08, 0.3)],
    "click": [(880.0, 0.04)],
    "ending": [(523.25, 0.12), (659.25, 0.12), (783.99, 0.12), (1046.5, 0.4)],
}


def main() -> None:
    folder = Path(__file__).resolve().parent
    for name, notes in SOUNDS.items():
        with wave.open(str(folder / f"{name}.wav"), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(tone(notes))


if __name__ == "__main__":
    main()
