"""Walkthroughs under ``declic check``/``lint``/``replay``: typos get a suggestion, one refusal
is reported instead of a cascade, the walkthrough beside a scenario is checked with it, and a
walkthrough given in place of a scenario gets one line saying what to run (exit 2).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from declic.cli import main
from engine.shipped import scenarios_dir

DEMO = scenarios_dir() / "demo-escape"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the demo escape and its walkthrough, to break."""
    for name in ("demo-escape.yaml", "demo-escape.walkthrough.yaml"):
        shutil.copy(DEMO / name, tmp_path / name)
    return tmp_path / "demo-escape.yaml"


def _walkthrough(scenario: Path) -> Path:
    return scenario.with_name("demo-escape.walkthrough.yaml")


def _replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_check_of_a_scenario_checks_the_walkthrough_beside_it_with_a_suggestion(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _replace(_walkthrough(demo), "use: casier}", "use: casie}")
    assert main(["check", str(demo)]) == 1
    err = capsys.readouterr().err
    assert f"{_walkthrough(demo)}:9:5: error[E120]: point « casie » inconnu du scénario" in err
    assert "vouliez-vous dire « casier » ?" in err
    assert "refusée" not in err, "a typo is reported as a typo, not as a cascade of refusals"


@pytest.mark.parametrize(
    ("old", "new", "what", "best"),
    [
        (
            'puzzle: code_casier, value: "1987"',
            'puzzle: code_casir, value: "1987"',
            "énigme",
            "code_casier",
        ),
        ("combine: [couteau, tomates]", "combine: [couteau, tomate]", "objet", "tomates"),
        ("hint: trouve_allergene", "hint: trouve_alergene", "énigme", "trouve_allergene"),
        ("item: badge}", "item: bagde}", "objet", "badge"),
    ],
)
def test_every_id_field_gets_its_suggestion(
    demo: Path, old: str, new: str, what: str, best: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _replace(_walkthrough(demo), old, new)
    assert main(["check", str(demo)]) == 1
    err = capsys.readouterr().err
    assert f"error[E120]: {what} « " in err and f"vouliez-vous dire « {best} » ?" in err


def test_a_refused_step_is_reported_once_with_its_place(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The right code is swapped for a wrong one: every later step that needs the locker fails.
    _replace(_walkthrough(demo), 'value: "0472"', 'value: "9999"')
    assert main(["check", str(demo)]) == 1
    err = capsys.readouterr().err
    assert err.count("error[E103]") == 1
    assert f"{_walkthrough(demo)}:12:5: error[E103]: première action refusée" in err
    assert "refusée" in err


def test_replay_stops_the_cascade_too(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _replace(_walkthrough(demo), 'value: "0472"', 'value: "9999"')
    assert main(["replay", str(demo)]) == 1
    err = capsys.readouterr().err
    assert err.count("refusée (") == 1 and "première action refusée" in err


def test_check_of_a_walkthrough_beside_its_scenario_replays_it(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(_walkthrough(demo))]) == 0
    assert ": OK" in capsys.readouterr().out
    _replace(_walkthrough(demo), "use: frigo}", "use: frig}")
    assert main(["check", str(_walkthrough(demo))]) == 1
    assert "vouliez-vous dire « frigo » ?" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["check", "lint"])
def test_a_walkthrough_given_alone_says_what_it_is_and_what_to_run(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Named freely and with no scenario beside: recognised by its content.
    alone = tmp_path / "mon-parcours.yaml"
    shutil.copy(DEMO / "demo-escape.walkthrough.yaml", alone)
    assert main([command, str(alone)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert "est un parcours (walkthrough), pas un scénario" in err[0]
    assert "declic check SCENARIO.yaml" in err[0] and "declic replay" in err[0]


def test_lint_on_a_walkthrough_beside_its_scenario_also_points_to_the_scenario(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lint", str(_walkthrough(demo))]) == 2
    assert "pas un scénario" in capsys.readouterr().err
