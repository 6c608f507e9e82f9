"""Evidence rules and levels on hand-written event logs (docs/skills.md is the spec)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core import events as ev
from engine.core.rules import Rules
from engine.load.check import load_scenario
from engine.walkthrough import default_walkthrough, load_walkthrough, run
from facilitator.summaries.card import build_card, team_summary
from facilitator.summaries.evidence import compute_evidence, level_for

ROOT = Path(__file__).resolve().parents[2]


def joined(player: str, pseudonym: str, team: str = "equipe") -> ev.PlayerJoined:
    return ev.PlayerJoined(
        t=0,
        player=player,
        team=team,
        pseudonym=pseudonym,
        colour="#000000",
        avatar="cercle",
        team_name="L'équipe",
    )


def game(
    skill: str, players: tuple[str, ...], puzzle: str | None, text: str = "A réussi"
) -> ev.EvidenceRecorded:
    return ev.EvidenceRecorded(
        t=10,
        player=players[0],
        team="equipe",
        skill=skill,
        players=players,
        text=text,
        source="game",
        puzzle=puzzle,
    )


def seen(skill: str, target: str, note: str = "") -> ev.EvidenceRecorded:
    return ev.EvidenceRecorded(
        t=20,
        player="facilitator",
        team="equipe",
        skill=skill,
        players=(target,),
        text=note,
        source="facilitator",
    )


def solved(puzzle: str, participants: tuple[str, ...], hints: int = 0) -> ev.PuzzleSolved:
    return ev.PuzzleSolved(
        t=30,
        player=participants[0],
        team="equipe",
        puzzle=puzzle,
        participants=participants,
        hints=hints,
        wrong=0,
        seconds=12.0,
    )


def skill_of(result, player: str, skill: str):
    return next(s for s in result[player].skills if s.skill == skill)


def test_one_situation_is_level_one_and_traced_to_its_event() -> None:
    log = [joined("a", "Ana"), game("rigueur", ("a",), "frigo", "A vérifié le frigo")]
    found = skill_of(compute_evidence(log), "a", "rigueur")
    assert (found.level, found.level_text, found.refs) == (1, "Vu une fois", (1,))
    assert found.best.text == "A vérifié le frigo"
    assert found.sources == ("game",)


def test_team_evidence_counts_for_everyone_credited_and_only_them() -> None:
    log = [
        joined("a", "Ana"),
        joined("b", "Bo"),
        joined("c", "Cy"),
        game("equipe", ("a", "b"), "casier"),
    ]
    result = compute_evidence(log)
    for player in ("a", "b"):
        found = skill_of(result, player, "equipe")
        assert found.level == 1 and found.items[0].shared == 2
    assert result["c"].skills == ()


def test_two_rules_of_one_puzzle_are_one_situation() -> None:
    log = [
        joined("a", "Ana"),
        game("curiosite", ("a",), "casier"),
        game("curiosite", ("a",), "casier"),
    ]
    found = skill_of(compute_evidence(log), "a", "curiosite")
    assert found.level == 1 and found.refs == (1, 2)


def test_two_puzzles_give_level_two_and_three_give_level_three() -> None:
    log = [joined("a", "Ana"), game("rigueur", ("a",), "p1"), game("rigueur", ("a",), "p2")]
    assert skill_of(compute_evidence(log), "a", "rigueur").level == 2
    log.append(game("rigueur", ("a",), "p3"))
    found = skill_of(compute_evidence(log), "a", "rigueur")
    assert (found.level, found.level_text) == (3, "Vu souvent")


def test_facilitator_confirmation_alone_is_level_two_and_says_so() -> None:
    log = [joined("a", "Ana"), seen("ecoute", "a", "A rassuré son équipe")]
    found = skill_of(compute_evidence(log), "a", "ecoute")
    assert (found.level, found.level_text, found.sources) == (
        2,
        "Confirmé par l'animateur",
        ("facilitator",),
    )
    assert found.best.text == "A rassuré son équipe"


def test_facilitator_confirmation_plus_two_situations_is_level_three() -> None:
    log = [joined("a", "Ana"), game("equipe", ("a",), "p1"), seen("equipe", "a")]
    assert skill_of(compute_evidence(log), "a", "equipe").level == 3


def test_an_empty_facilitator_note_gets_a_true_default_sentence() -> None:
    found = skill_of(compute_evidence([joined("a", "Ana"), seen("ecoute", "a")]), "a", "ecoute")
    assert found.best.text == "Remarqué par l'animateur"


def test_self_assessment_is_kept_beside_but_never_raises_the_level() -> None:
    log = [
        joined("a", "Ana"),
        game("equipe", ("a",), "p1"),
        ev.SelfAssessed(t=50, player="a", team="equipe", skills=("equipe", "creativite")),
    ]
    result = compute_evidence(log)["a"]
    equipe = skill_of({"a": result}, "a", "equipe")
    assert equipe.level == 1 and equipe.self_assessed
    assert equipe.sources == ("game", "self")
    assert result.self_assessed == ("equipe", "creativite")
    assert result.self_only == ("creativite",)
    assert [s.skill for s in result.skills] == ["equipe"]  # chosen only: no observed skill
    assert result.self_ref == 2


def test_hints_do_not_lower_anything_and_count_as_taking_part() -> None:
    log = [
        joined("a", "Ana"),
        joined("b", "Bo"),
        ev.HintShown(t=5, player="b", team="equipe", puzzle="allergene", level=1, text="Indice"),
        solved("allergene", ("a", "b"), hints=1),
        game("rigueur", ("a", "b"), "allergene", "A repéré l'allergène"),
    ]
    result = compute_evidence(log)
    for player in ("a", "b"):
        found = skill_of(result, player, "rigueur")
        assert found.level == 1 and found.best.text == "A repéré l'allergène"
    assert ("A joué avec son équipe", 2) in result["b"].participation


def test_a_pushed_hint_is_not_the_players_action() -> None:
    log = [
        joined("a", "Ana"),
        ev.HintShown(
            t=5, player="facilitator", team="equipe", puzzle="p", level=1, text="x", pushed=True
        ),
    ]
    assert compute_evidence(log)["a"].participation == ()


def test_player_who_did_almost_nothing_gets_true_positive_lines_and_no_skill() -> None:
    path = ROOT / "scenarios/demo-escape/demo-escape.yaml"
    scenario = load_scenario(path).scenario
    assert scenario is not None
    log = list(run(Rules(scenario), load_walkthrough(default_walkthrough(path))).events)
    log.insert(0, joined("z", "Zoé"))
    result = compute_evidence(log, scenario)
    quiet = result["z"]
    assert quiet.skills == () and quiet.needs_facilitator
    assert quiet.participation == ()
    assert any("Le restaurant est ouvert" in text for text, _ref in quiet.team_achievements)
    lines = team_summary(quiet)  # « vous » unless the scenario says « tu »
    assert lines[0] == "Vous étiez dans l'équipe pendant le jeu."
    assert "Votre équipe a réussi 5 défis." in lines
    informal = team_summary(quiet, "tu")
    assert informal[0] == "Tu étais dans l'équipe pendant le jeu."
    assert "Ton équipe a réussi 5 défis." in informal
    card = build_card(
        quiet, token="t" * 22, short_code="ABCD2345", scenario_title="x", day=_day(), jobs=[]
    )
    assert card.skills == [] and card.needs_facilitator
    words = set(" ".join(lines).lower().replace(".", " ").split())
    assert not words & {"faible", "pas", "rien", "échec", "raté"}


def test_a_failed_ending_is_not_listed_as_an_achievement() -> None:
    path = ROOT / "scenarios/demo-escape/demo-escape.yaml"
    scenario = load_scenario(path).scenario
    log = [joined("a", "Ana"), ev.TeamEnded(t=1200, team="equipe", ending="temps_ecoule")]
    assert compute_evidence(log, scenario)["a"].team_achievements == ()


def test_unknown_skills_are_left_out_and_listed() -> None:
    log = [joined("a", "Ana"), game("jonglage", ("a",), "p1")]
    result = compute_evidence(log)["a"]
    assert result.skills == () and result.ignored == (1,)


def test_rome_codes_are_accepted_as_skill_names() -> None:
    log = [joined("a", "Ana"), game("300465", ("a",), "p1")]
    assert [s.skill for s in compute_evidence(log)["a"].skills] == ["equipe"]


def test_stored_sequence_numbers_replace_positions() -> None:
    log = [joined("a", "Ana"), game("rigueur", ("a",), "p1")]
    found = skill_of(compute_evidence(log, refs=[41, 42]), "a", "rigueur")
    assert found.refs == (42,)
    with pytest.raises(ValueError):
        compute_evidence(log, refs=[1])


def test_strongest_skills_come_first_with_deterministic_ties() -> None:
    log = [
        joined("a", "Ana"),
        game("rigueur", ("a",), "p1"),
        game("equipe", ("a",), "p2"),
        game("equipe", ("a",), "p3"),
        game("curiosite", ("a",), "p4"),
    ]
    first = [s.skill for s in compute_evidence(log)["a"].skills]
    assert first == ["equipe", "rigueur", "curiosite"]
    assert first == [s.skill for s in compute_evidence(log)["a"].skills]


@pytest.mark.parametrize(
    ("situations", "confirmed", "level"),
    [
        (0, False, 0),
        (1, False, 1),
        (0, True, 2),
        (2, False, 2),
        (1, True, 3),
        (3, False, 3),
        (6, True, 3),
    ],
)
def test_level_scale(situations: int, confirmed: bool, level: int) -> None:
    from facilitator.summaries.evidence import EvidenceItem

    items = [EvidenceItem("x", "game", i, f"puzzle:{i}") for i in range(situations)]
    if confirmed:
        items.append(EvidenceItem("x", "facilitator", 99, "facilitator:99"))
    assert level_for(items) == level


def _day():
    from datetime import date

    return date(2026, 11, 26)


def test_a_skipped_puzzle_is_said_as_passed_never_as_solved() -> None:
    path = ROOT / "scenarios/demo-escape/demo-escape.yaml"
    scenario = load_scenario(path).scenario
    assert scenario is not None
    first = scenario.puzzles[0]
    log = [
        joined("a", "Ana"),
        solved(scenario.puzzles[1].id, ("a",)),
        ev.PuzzleSkipped(t=40, player="facilitator", team="equipe", puzzle=first.id),
    ]
    evidence = compute_evidence(log, scenario)["a"]
    assert evidence.skills == ()
    assert f"Énigme « {first.title} » passée avec l'animateur" in dict(evidence.team_achievements)
    lines = team_summary(evidence, "tu")
    assert lines == [
        "Tu as participé à 1 défi avec ton équipe.",
        "Ton équipe a réussi 1 défi.",
        "Ton équipe a passé 1 défi avec l'aide de l'animateur.",
    ]
    assert team_summary(evidence, "vous") == [
        "Vous avez participé à 1 défi avec votre équipe.",
        "Votre équipe a réussi 1 défi.",
        "Votre équipe a passé 1 défi avec l'aide de l'animateur.",
    ]
    assert not [line for line in lines if line.startswith("Fin du jeu")]
