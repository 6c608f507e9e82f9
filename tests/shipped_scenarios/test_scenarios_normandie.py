"""The Normandy workshop scenarios: playable, tagged, debriefed, true to the map."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core import Rules
from engine.core import events as ev
from engine.load.check import load_scenario
from engine.reference.geo import find_town
from engine.shipped import scenarios_dir
from engine.walkthrough import default_walkthrough, load_walkthrough, run

IDS = ["cuisine", "rallye", "tour-normandie", "glass-vallee"]


def _path(sid: str) -> Path:
    return scenarios_dir() / sid / f"{sid}.yaml"


@pytest.mark.parametrize("sid", IDS)
def test_scenario_walkthrough_reaches_its_ending_with_teamwork(sid: str) -> None:
    loaded = load_scenario(_path(sid))
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    assert loaded.scenario is not None
    walkthrough = load_walkthrough(default_walkthrough(_path(sid)))
    result = run(Rules(loaded.scenario), walkthrough)
    assert result.rejected == []
    expected = walkthrough.spec.expect["ending"]
    assert {team.ending for team in result.state.teams.values()} == {expected}
    together = [
        e for e in result.events if isinstance(e, ev.EvidenceRecorded) and e.rule == "together"
    ]
    assert together, "some skill evidence must come from players acting together"
    assert any(isinstance(e, ev.HintShown) for e in result.events)
    assert any(isinstance(e, ev.AnswerChecked) and not e.correct for e in result.events)


@pytest.mark.parametrize("sid", IDS)
def test_scenario_every_puzzle_has_skills_and_tiered_hints_and_debrief_links_jobs(sid: str) -> None:
    scenario = load_scenario(_path(sid)).scenario
    assert scenario is not None
    for puzzle in scenario.puzzles:
        assert puzzle.skills and all(rule.text for rule in puzzle.skills), puzzle.id
        assert 2 <= len(puzzle.hints) <= 4, puzzle.id
    worked = {rule.skill for p in scenario.puzzles for rule in p.skills}
    asked = {q.skill: q.job for q in scenario.debrief.questions}
    assert worked <= set(asked), worked - set(asked)
    assert all(job in scenario.jobs for job in asked.values())
    assert any(ending.success for ending in scenario.endings)


def test_tour_covers_the_five_departements_with_known_towns() -> None:
    scenario = load_scenario(_path("tour-normandie")).scenario
    assert scenario is not None
    places = [scene for scene in scenario.scenes if scene.location is not None]
    assert len(places) >= 10
    towns = [find_town(scene.location.town or "") for scene in places if scene.location]
    assert all(town is not None for town in towns)
    assert {town.departement for town in towns if town} == {"14", "27", "50", "61", "76"}
    assert all(exit_.travel_minutes for scene in places for exit_ in scene.exits)


def test_glass_vallee_names_the_real_rome_sheets_of_a_bresle_glassworks() -> None:
    from engine.reference.rome import appellations, rome_codes

    scenario = load_scenario(_path("glass-vallee")).scenario
    assert scenario is not None
    titles = {code: rome_codes()[code].title for code in scenario.jobs}
    assert titles["H2801"] == "Agent / Agente de fabrication du verre"
    assert titles["H2805"] == "Technicien / Technicienne de l'industrie du verre"
    assert titles["I1304"] == "Technicien / Technicienne de maintenance industrielle"
    assert titles["H1528"] == "Technicien / Technicienne qualité en industrie"
    assert "Conducteur / Conductrice de machines de formage du verre" in appellations()["H2801"]
    assert "Visiteur / Visiteuse en verrerie" in appellations()["H3302"]
    town = find_town("Blangy-sur-Bresle")
    assert town is not None and town.departement == "76"
    assert "Blangy-sur-Bresle" in scenario.scenes[0].text


def test_glass_vallee_records_only_skills_a_solve_really_shows() -> None:
    """No perseverance for a plain solve; rigour and responsibility only without a wrong answer."""
    scenario = load_scenario(_path("glass-vallee")).scenario
    assert scenario is not None
    for puzzle in scenario.puzzles:
        for rule in puzzle.skills:
            assert rule.skill != "perseverance" or rule.when != "solved", puzzle.id
            if rule.skill in ("rigueur", "responsabilite"):
                assert rule.when == "first_try", puzzle.id
