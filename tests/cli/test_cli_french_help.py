"""What a facilitator or an author reads when trying the commands from the README: the help
of every command in French, and no English greeting from pygame when a game opens."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from declic.cli import main

REPO = Path(__file__).resolve().parents[2]
ENGLISH = ("usage:", "positional arguments", "optional arguments", "options:", "show this help")


def help_of(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as stop:
        main([*argv, "--help"])
    assert stop.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [[], ["session"], ["session", "new"], ["portal"], ["hub", "add-user"], ["trainings", "match"]],
    ids=lambda argv: " ".join(argv) or "declic",
)
def test_help_is_in_french(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    text = help_of(argv, capsys)
    assert text.startswith(f"utilisation : {' '.join(['declic', *argv])} [-h]")
    assert "\noptions :\n" in text and "-h, --help" in text
    assert "afficher cette aide et quitter" in text
    assert not [word for word in ENGLISH if word in text], text


def test_help_keeps_the_options_of_a_shared_parent_after_its_own(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``session new`` takes ``--db`` from a parent parser: listed once, after -h."""
    text = help_of(["session", "new"], capsys)
    assert text.count("--db FICHIER") == 2  # the usage line and the options
    assert text.index("-h, --help") < text.index("  --db FICHIER")
    usage = text.split("\n\n")[0].splitlines()
    indent = len("utilisation : declic session new ")
    assert all(line.startswith(" " * indent) and line[indent] != " " for line in usage[1:])


def test_a_usage_error_points_to_the_help_of_that_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["trainings", "match", "--radius", "loin"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("utilisation : declic trainings match")
    assert "(essayez « declic trainings match --help »)" in err


def test_playing_prints_no_pygame_greeting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The game of the authors' tutorial (``declic new``), played headless through its
    walkthrough by the real command, in a process of its own (pygame greets on import)."""
    monkeypatch.chdir(tmp_path)
    assert main(["new", "scenario", "Le garage", "--kind", "escape"]) == 0
    capsys.readouterr()
    folder = tmp_path / "le-garage"
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    env.pop("PYGAME_HIDE_SUPPORT_PROMPT", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "declic",
            "play",
            str(folder / "le-garage.yaml"),
            "--headless",
            "--walkthrough",
            str(folder / "le-garage.walkthrough.yaml"),
            "--no-phones",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "pygame" not in done.stdout + done.stderr


def test_the_version_to_give_when_reporting_a_problem(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"declic {version('declic')}\n"
