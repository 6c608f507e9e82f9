"""Content checks of ``declic lint``: evidence that means something (W111, W112), teams taking
turns within the duration (W113), job titles in both forms (W114). Real files, real lint."""

from __future__ import annotations

from pathlib import Path

import pytest

from declic.cli import main
from engine.lint.checks import lint_file
from engine.lint.evidence import guess_chance, guidance
from engine.lint.rally_time import session_minutes
from engine.lint.titles import forms
from engine.load.check import load_scenario
from engine.reference.skills import load_framework

ESCAPE = """format: 1
id: atelier
title: "L'atelier"
kind: escape
duration_minutes: 20
players: {min: 2, max: 6}
jobs: [H2913]
start: atelier
scenes:
  - id: atelier
    title: "L'atelier"
    text: "TEXTE"
    hotspots:
      - {id: machine, label: "La machine", puzzle: epi}
puzzles:
  - id: epi
    type: single_choice
    title: "La protection"
    prompt: "Que met-on pour souder ?"
    options:
      - {id: masque, text: "Un masque"}
      - {id: lunettes, text: "Des lunettes de soleil"}
      - {id: rien, text: "Rien"}
    answer: masque
    clue: {knowledge: true}
    ATTEMPTS
    hints: ["Les yeux.", "Un masque."]
    skills:
      - RULE
    on_solve:
      - end: fini
    on_fail:
      - end: fini
endings:
  - {id: fini, title: "Fini", text: "Bravo."}
"""


def _lint(
    tmp_path: Path, rule: str, text: str = "Un atelier de soudure.", attempts: str = ""
) -> set[str]:
    path = tmp_path / "atelier.yaml"
    body = ESCAPE.replace("RULE", rule).replace("TEXTE", text)
    body = body.replace("    ATTEMPTS\n", f"    {attempts}\n" if attempts else "")
    path.write_text(body, encoding="utf-8")
    return {d.code for d in lint_file(path).diagnostics}


@pytest.mark.parametrize(
    ("rule", "attempts", "codes"),
    [
        # a solve anyone gets: every team that finishes is « rigorous »
        ('{skill: rigueur, when: solved, text: "A choisi"}', "attempts: 2", {"W111", "W112"}),
        # three choices: a guess is right one time in three
        ('{skill: rigueur, when: first_try, text: "A choisi"}', "attempts: 2", {"W111"}),
        # persévérance without a failed attempt first
        ('{skill: perseverance, when: solved, text: "A trouvé"}', "", {"W111", "W112"}),
        ('{skill: perseverance, when: solved, after_wrong: 1, text: "A réessayé"}', "", set()),
        # calm is for the facilitator to see, not for the answer to prove
        ('{skill: controle_de_soi, when: no_hint, text: "Calme"}', "", {"W112"}),
        ('{skill: autonomie, when: no_hint, text: "Seul"}', "", set()),
    ],
)
def test_evidence_rules_must_ask_for_a_behaviour(
    tmp_path: Path, rule: str, attempts: str, codes: set[str]
) -> None:
    assert _lint(tmp_path, rule, attempts=attempts) == codes


def test_rigour_needs_counted_attempts_and_an_unguessable_puzzle(tmp_path: Path) -> None:
    four = ESCAPE.replace(
        '      - {id: rien, text: "Rien"}',
        '      - {id: rien, text: "Rien"}\n      - {id: casquette, text: "Une casquette"}',
    )
    path = tmp_path / "quatre.yaml"
    for attempts, codes in (("", {"W112"}), ("attempts: 2", set())):
        body = four.replace("RULE", '{skill: rigueur, when: first_try, text: "Juste"}').replace(
            "TEXTE", "Un atelier."
        )
        path.write_text(
            body.replace("    ATTEMPTS\n", f"    {attempts}\n" if attempts else ""),
            encoding="utf-8",
        )
        assert {d.code for d in lint_file(path).diagnostics} == codes, attempts


def test_masculine_only_titles_are_flagged_and_doublets_pass(tmp_path: Path) -> None:
    rule = '{skill: autonomie, when: no_hint, text: "Seul"}'
    assert _lint(tmp_path, rule, "Le soudeur assemble le métal.") == {"W114"}
    assert _lint(tmp_path, rule, "Le soudeur ou la soudeuse assemble le métal.") == set()
    assert _lint(tmp_path, rule, "Des soudeurs et des soudeuses.") == set()
    assert forms("Technicien / Technicienne déchet nucléaire") == (
        "Technicien déchet nucléaire",
        "Technicienne déchet nucléaire",
    )
    assert forms("Cariste") is None


def test_guess_chances() -> None:
    rallye = load_scenario(Path("scenarios/rallye/rallye.yaml")).scenario
    assert rallye is not None
    traite = next(p for p in rallye.puzzles if p.id == "traite")
    assert guess_chance(traite) == pytest.approx(2 / 120)  # two right orders of five steps


def test_every_skill_has_guidance_that_docs_skills_shows() -> None:
    slugs = {s.id for s in load_framework().skills}
    assert set(guidance()) == slugs
    doc = Path("docs/skills.md").read_text(encoding="utf-8")
    for entry in guidance().values():
        assert entry.counts in doc, entry.skill


def test_teams_taking_turns_must_fit_the_duration(tmp_path: Path) -> None:
    text = Path("scenarios/rallye/rallye.yaml").read_text(encoding="utf-8")
    path = tmp_path / "rallye.yaml"
    path.write_text(
        text.replace("teams: {min: 2, max: 4}", "teams: {min: 2, max: 6}"), encoding="utf-8"
    )
    (tmp_path / "rallye.walkthrough.yaml").write_text(
        Path("scenarios/rallye/rallye.walkthrough.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    report = lint_file(path)
    late = [d for d in report.diagnostics if d.code == "W113"]
    assert [d.code for d in report.diagnostics] == ["W113"]
    assert "6 équipes" in late[0].message and "teams: {max: 5}" in late[0].hint
    assert session_minutes(600, 6, 4) == pytest.approx(48)


def test_the_shipped_rally_fits_sixty_minutes_with_four_teams(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["lint", "--strict", "scenarios/rallye/rallye.yaml"]) == 0
    out = capsys.readouterr()
    info = next(line for line in (out.out + out.err).splitlines() if "4 équipes" in line)
    minutes = int(info.split("environ ")[1].split(" min")[0])
    assert minutes <= 60


def test_a_text_answer_that_is_a_number_suggests_a_number_puzzle(tmp_path: Path) -> None:
    body = ESCAPE.replace("RULE", '{skill: autonomie, when: no_hint, text: "Seul"}')
    body = body.replace("TEXTE", "Un atelier.").replace("    ATTEMPTS\n", "")
    text_puzzle = body.replace(
        """    type: single_choice""",
        """    type: text
    answers: ["6,50 €", "6,5"]""",
    )
    text_puzzle = (
        text_puzzle.split("    options:")[0] + "    clue:" + text_puzzle.split("    clue:")[1]
    )
    text_puzzle = text_puzzle.replace("    answer: masque\n", "")
    path = tmp_path / "monnaie.yaml"
    path.write_text(text_puzzle, encoding="utf-8")
    report = lint_file(path)
    assert [d.code for d in report.diagnostics] == ["W115"], [
        d.format() for d in report.diagnostics
    ]
    assert "type: number" in report.diagnostics[0].hint
