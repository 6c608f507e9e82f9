"""The real home window on a real X server: ``declic home`` under Xvfb, clicked with xdotool,
its pixels read back from the server with xwd (not from pygame's own surface).

Skipped where Xvfb, xdotool, xwd or netpbm's xwdtopnm are missing (Debian: ``apt-get install
xvfb xdotool x11-apps netpbm``). Waiting for the window is a deadline on what the screen
shows, never an assertion on time.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

TOOLS = ("Xvfb", "xdotool", "xwd", "xwdtopnm")
pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or any(shutil.which(t) is None for t in TOOLS),
    reason="needs Xvfb, xdotool, xwd and xwdtopnm",
)
SHOTS = os.environ.get("DECLIC_HOME_SHOTS")
GREEN = (0, 158, 115)  # « Nouvel atelier », « Enregistrer »


@pytest.fixture
def display() -> Iterator[dict[str, str]]:
    """An X server of our own, on a display number it chose free (``-displayfd``)."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as said:
        number = said.readline().strip()
    env = {**os.environ, "DISPLAY": f":{number}", "SDL_AUDIODRIVER": "dummy"}
    env.pop("SDL_VIDEODRIVER", None)
    try:
        assert number, "Xvfb did not start"
        yield env
    finally:
        server.terminate()
        server.wait(timeout=10)


def screen(env: dict[str, str]) -> object:
    from PIL import Image

    raw = subprocess.run(["xwd", "-root", "-silent"], env=env, capture_output=True).stdout
    pnm = subprocess.run(["xwdtopnm"], input=raw, capture_output=True).stdout
    return Image.open(io.BytesIO(pnm)).convert("RGB") if pnm else None


def near(colour: tuple[int, ...], wanted: tuple[int, int, int]) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(colour, wanted, strict=False))


def until(env: dict[str, str], at: tuple[int, int], wanted: tuple[int, int, int]) -> object:
    """The screen once the pixel ``at`` shows ``wanted`` (up to a minute on a busy host)."""
    deadline = time.monotonic() + 60
    picture = None
    while time.monotonic() < deadline:
        picture = screen(env)
        if picture is not None and near(picture.getpixel(at), wanted):  # type: ignore[attr-defined]
            return picture
        time.sleep(0.3)
    return picture


def test_the_real_home_window_answers_a_real_click(display: dict[str, str], tmp_path: Path) -> None:
    declic = Path(sys.executable).with_name("declic")
    command = [str(declic)] if declic.exists() else [sys.executable, "-m", "declic.cli"]
    game = subprocess.Popen(
        [*command, "home", "--db", str(tmp_path / "declic.db")],
        env=display,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        menu = until(display, (400, 300), GREEN)  # « Nouvel atelier »
        assert menu is not None and near(menu.getpixel((400, 300)), GREEN)  # type: ignore[attr-defined]
        subprocess.run(["xdotool", "mousemove", "960", "850", "click", "1"], env=display)
        settings = until(display, (1800, 885), GREEN)  # « Enregistrer » of « Réglages »
        assert settings is not None and near(settings.getpixel((1800, 885)), GREEN)  # type: ignore[attr-defined]
        if SHOTS:
            settings.save(Path(SHOTS) / "home-20-vraie-fenetre-x11.png")  # type: ignore[attr-defined]
        assert game.poll() is None  # still open, no crash
    finally:
        game.terminate()
        game.wait(timeout=20)
