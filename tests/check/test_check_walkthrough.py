"""Walkthroughs under ``declic check``/``lint``/``replay``: typos get a suggestion, one refusal
is reported instead of a cascade, the walkthrough beside a scenario is checked with it, and a
walkthrough given in place of a scenario gets one line saying what to run (exit 2); the
facilitator's ``skip`` and ``announce`` steps.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from declic.cli import main
from engine.core import actions as ac
from engine.core import events as ev
from engine.core.rules import Rules
from engine.core.state import FACILITATOR
from engine.lint.paths import action_step
from engine.load.check import load_scenario
from engine.shipped import scenarios_dir
from engine.walkthrough import load_walkthrough, parse_step, run
from facilitator.summaries.card import build_card
from facilitator.summaries.evidence import compute_evidence

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


# The facilitator's ``skip`` and ``announce`` steps: replayed to the ending, checked for typos
# like other ids, and a skipped puzzle leaves no evidence on the cards.
ANSWER = "{player: p2, answer: {puzzle: temperature, value: t0}}"
SKIP = '{player: facilitator, skip: temperature}\n  - {player: facilitator, announce: "Bravo, on continue !"}'


def test_a_walkthrough_that_skips_a_puzzle_reaches_the_ending_and_the_card_has_no_evidence_of_it(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = load_scenario(demo).scenario
    assert scenario is not None
    played = run(Rules(scenario), load_walkthrough(_walkthrough(demo))).events
    from_temperature = [
        e for e in played if isinstance(e, ev.EvidenceRecorded) and e.puzzle == "temperature"
    ]
    assert from_temperature, "the reference walkthrough does earn evidence on this puzzle"

    _replace(_walkthrough(demo), ANSWER, SKIP)
    assert main(["replay", str(demo)]) == 0
    assert main(["check", str(demo)]) == 0
    capsys.readouterr()

    result = run(Rules(scenario), load_walkthrough(_walkthrough(demo)))
    assert result.rejected == [] and result.ended
    assert result.state.teams["equipe"].ending == "service_ouvert"
    skipped = [e for e in result.events if isinstance(e, ev.PuzzleSkipped)]
    assert [(e.player, e.team, e.puzzle) for e in skipped] == [
        (FACILITATOR, "equipe", "temperature")
    ]
    said = [e for e in result.events if isinstance(e, ev.Announced)]
    assert [(e.player, e.text) for e in said] == [(FACILITATOR, "Bravo, on continue !")]
    assert not [
        e for e in result.events if isinstance(e, ev.PuzzleSolved) and e.puzzle == "temperature"
    ]

    events = list(result.events)
    about = {i for i, e in enumerate(events) if getattr(e, "puzzle", None) == "temperature"}
    evidence = compute_evidence(events, scenario)
    for player in ("p1", "p2"):
        card = build_card(
            evidence[player],
            token="t" * 22,
            short_code="ABCD2345",
            scenario_title=scenario.title,
            day=date(2026, 12, 4),
            jobs=[],
        )
        assert card.skills, "the other puzzles still show skills"
        for line in card.skills:
            assert not set(line.event_refs) & about, f"{player}: {line.label} from the skip"
            assert "chaîne du froid" not in line.evidence


def test_a_mistyped_skip_gets_a_suggestion(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _replace(_walkthrough(demo), ANSWER, "{player: facilitator, skip: temperatur}")
    assert main(["check", str(demo)]) == 1
    err = capsys.readouterr().err
    assert "error[E120]: énigme « temperatur » inconnue du scénario" in err
    assert "vouliez-vous dire « temperature » ?" in err


def test_a_skip_for_a_mistyped_team_gets_a_suggestion(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _replace(
        _walkthrough(demo),
        ANSWER,
        "{player: facilitator, skip: {team: equip, puzzle: temperature}}",
    )
    assert main(["check", str(demo)]) == 1
    err = capsys.readouterr().err
    assert "error[E120]: équipe « equip » inconnue du scénario" in err
    assert "vouliez-vous dire « equipe » ?" in err


@pytest.mark.parametrize(
    ("step", "said"),
    [
        ("{player: facilitator, announce: 5}", "« announce » attend le message, entre guillemets"),
        ("{player: facilitator, announce: [a, b]}", "« announce » attend le message"),
        ("{player: facilitator, skip: {puzzle: temperature, level: 2}}", "champ inconnu"),
    ],
)
def test_a_malformed_step_is_located_and_explained(
    demo: Path, step: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _replace(_walkthrough(demo), ANSWER, step)
    assert main(["check", str(demo)]) == 1
    err = capsys.readouterr().err
    assert f"{_walkthrough(demo)}:14:5: error[E025]" in err and said in err
    assert "Traceback" not in err


def test_an_empty_announce_is_refused_by_the_game(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _replace(_walkthrough(demo), ANSWER, '{player: facilitator, announce: "  "}\n  - ' + ANSWER)
    assert main(["check", str(demo)]) == 1
    err = capsys.readouterr().err
    assert "14:5: error[E103]: première action refusée par le jeu (announce)" in err
    assert "Écrivez un message avant de l'envoyer" in err


def test_the_short_skip_needs_one_team_and_steps_round_trip() -> None:
    with pytest.raises(ValueError, match="plusieurs équipes"):
        parse_step({"player": FACILITATOR, "skip": "roue"}, team=None)
    step = parse_step({"player": FACILITATOR, "skip": "roue"}, team="Les Renards")
    assert step.action == ac.SkipPuzzle(player=FACILITATOR, team="Les Renards", puzzle="roue")
    for action in (step.action, ac.Announce(player=FACILITATOR, text="Courage !")):
        assert parse_step(action_step(action)).action == action
