"""Each deliberately broken scenario in tests/lint/data is caught with the right code."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.lint.checks import lint_file

DATA = Path(__file__).parent / "data"

EXPECTED = {
    "unreachable_ending.yaml": {"E101", "W101", "W105"},
    "consumed_item.yaml": {"E102", "W121"},  # the gloves serve nothing either
    "one_way.yaml": {"E102"},
    "free_lamp.yaml": {"E102"},
    "unreachable_room.yaml": {"W101", "W121"},  # the cork serves nothing either
    "impossible_skill.yaml": {"W103", "W104"},
    "answer_nowhere.yaml": {"W102"},
    "walkthrough_fails.yaml": {"E103"},
    "roles_ok.yaml": set(),
    "roles_broken.yaml": {"W102", "W130", "W131"},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_scenario_gets_its_codes(name: str) -> None:
    report = lint_file(DATA / name)
    assert {d.code for d in report.diagnostics} == EXPECTED[name]


def test_every_diagnostic_is_located_and_formatted() -> None:
    report = lint_file(DATA / "unreachable_room.yaml")
    lines = {d.line for d in report.diagnostics}
    assert all(line > 1 for line in lines)
    first = report.diagnostics[0].format().splitlines()
    assert first[0].startswith(f"{DATA / 'unreachable_room.yaml'}:{report.diagnostics[0].line}:")
    assert "warning[W101]" in first[0]
    assert first[-1].startswith("    aide : ")


def test_unreachable_room_names_the_room_its_item_puzzle_and_ending() -> None:
    messages = " ".join(d.message for d in lint_file(DATA / "unreachable_room.yaml").diagnostics)
    for name in ("cave", "bouchon", "tonneau_code", "cave_secrete"):
        assert f"« {name} »" in messages


def test_budget_exceeded_stops_with_e104() -> None:
    report = lint_file(DATA / "many_switches.yaml", budget=500)
    assert [d.code for d in report.diagnostics] == ["E104"]
    assert "budget 500" in report.diagnostics[0].message
    assert not next(iter(report.explorations.values())).complete


def test_same_scenario_passes_with_a_large_enough_budget() -> None:
    report = lint_file(DATA / "many_switches.yaml", budget=10_000)
    assert report.diagnostics == []
    assert len(next(iter(report.explorations.values()))) == 4097


def test_walkthrough_failure_points_at_the_rejected_step() -> None:
    report = lint_file(DATA / "walkthrough_fails.yaml")
    rejected = [d for d in report.diagnostics if "refusée" in d.message]
    assert rejected and rejected[0].file.endswith("walkthrough_fails.walkthrough.yaml")
    assert rejected[0].line == 7


def test_check_errors_stop_the_lint(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: Bad Id\n", encoding="utf-8")
    report = lint_file(bad)
    assert report.errors and not report.explorations
    assert all(d.code < "E100" for d in report.diagnostics)


NUMBER = """format: 1
id: creme
title: "La crème"
kind: escape
duration_minutes: 10
players: {min: 1, max: 4}
start: cuisine
scenes:
  - id: cuisine
    title: "La cuisine"
    text: "Une recette et une casserole."
    hotspots:
      - {id: recette, label: "La recette", text: "RECETTE"}
      - {id: casserole, label: "La casserole", puzzle: creme}
puzzles:
  - id: creme
    type: number
    title: "La crème"
    prompt: "Combien de litres de crème faut-il ?"
    answer: 2.5
    unit: "L"
    attempts: 1
    clue: {hotspot: recette}
    hints: ["Lisez la recette.", "Deux litres et demi."]
    on_solve:
      - end: servi
endings:
  - {id: servi, title: "Servi !", text: "Bravo."}
"""


@pytest.mark.parametrize(
    ("recipe", "codes"),
    [("Crème : 2,5 L.", {"E102"}), ("Crème : un grand pot.", {"E102", "W102"})],
    ids=["clue-given", "clue-missing"],
)
def test_number_puzzles_are_linted_like_codes(tmp_path: Path, recipe: str, codes: set[str]) -> None:
    """The right number solves it; a wrong one uses up its single attempt (a dead end: E102);
    W102 looks for the answer as the French write it (2,5)."""
    path = tmp_path / "creme.yaml"
    path.write_text(NUMBER.replace("RECETTE", recipe), encoding="utf-8")
    report = lint_file(path)
    assert {d.code for d in report.diagnostics} == codes
    dead_end = next(d for d in report.diagnostics if d.code == "E102")
    assert "answer: {puzzle: creme, value: 3.5}" in dead_end.format()  # 2.5 + 1: wrong
    nowhere = [d.message for d in report.diagnostics if d.code == "W102"]
    assert all("(2,5)" in message for message in nowhere)
