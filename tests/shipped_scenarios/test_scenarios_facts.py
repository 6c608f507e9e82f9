"""The facts issue 23 found wrong in the shipped scenarios stay right: each test would have
caught its row (codes, orders, texts, titles, story)."""

from __future__ import annotations

import re

import pytest

from engine.core.answers import is_right
from engine.format.puzzles import NumberPuzzle, PuzzleBase
from engine.format.scenario import Scenario
from engine.load.check import load_scenario
from engine.shipped import scenarios_dir


def _scenario(sid: str) -> Scenario:
    scenario = load_scenario(scenarios_dir() / sid / f"{sid}.yaml").scenario
    assert scenario is not None
    return scenario


def _puzzle(scenario: Scenario, pid: str) -> PuzzleBase:
    return next(p for p in scenario.puzzles if p.id == pid)


def _all_text(sid: str) -> str:
    return (scenarios_dir() / sid / f"{sid}.yaml").read_text(encoding="utf-8")


def test_cuisine_facts_and_story() -> None:
    cuisine = _scenario("cuisine")
    assert "repas à la française" in _puzzle(cuisine, "ordre_service").feedback.right
    assert "ce que vous mettez" in _puzzle(cuisine, "tenue").prompt
    table = _puzzle(cuisine, "erreur_table")
    rects = {a.id: a.rect for a in table.areas}  # type: ignore[attr-defined]
    plate_left = rects["assiette"][0]
    assert rects["serviette"][0] + rects["serviette"][2] <= plate_left  # left of the forks
    text = _all_text("cuisine")
    assert "35 minutes" not in text  # golden in 35 min, then burning hot at once
    items = {i.id: i for i in cuisine.items}
    assert "Trois quiches" in items["quiche_crue"].name  # 600 g of salmon for three quiches
    assert "200 g par quiche" in items["saumon_pese"].description


def test_tour_facts_codes_and_one_form_per_title() -> None:
    tour = _scenario("tour-normandie")
    assert {"A1407", "I1505"} <= set(tour.jobs) and not {"A1416", "I1503"} & set(tour.jobs)
    dosimeter = _puzzle(tour, "hague_dosimetre")
    assert "dose" in next(o.text for o in dosimeter.options if o.id == "radioactivite")  # type: ignore[attr-defined]
    assert "protège les travailleurs" not in _all_text("tour-normandie")
    assert "ne protège pas" in dosimeter.feedback.right
    # the tour asks about jobs, not general knowledge: the cheese maker's gestures instead of
    # naming cheeses, the control room's shift instead of how electricity is made
    dairy = _puzzle(tour, "lisieux_fromages")
    assert "fromagère ou le fromager" in dairy.prompt and "AOP" not in dairy.title
    assert "comté" not in _all_text("tour-normandie")
    control = _puzzle(tour, "flamanville_electricite")
    assert "technicien d'exploitation" in control.prompt and "turbine" not in _all_text(
        "tour-normandie"
    )
    assert {"H2104", "H2708"} <= set(tour.jobs)
    horses = _puzzle(tour, "argentan_palefrenier")
    for text in (horses.title, horses.prompt):
        assert "palefrenière" in text.lower() and "palefrenier" in text.lower()


def test_rally_orders_safety_minors_codes_and_money() -> None:
    rallye = _scenario("rallye")
    assert "A1407" in rallye.jobs and "A1416" not in rallye.jobs
    traite = _puzzle(rallye, "traite")
    assert is_right(traite, ["nettoyer", "premiers_jets", "poser", "traire", "desinfecter"])
    assert is_right(traite, ["premiers_jets", "nettoyer", "poser", "traire", "desinfecter"])
    room = _puzzle(rallye, "chambre_patient")
    assert is_right(room, ["frapper", "mains", "expliquer", "soin", "mains_fin"])
    assert is_right(room, ["frapper", "expliquer", "mains", "soin", "mains_fin"])
    text = _all_text("rallye")
    assert "on coupe le courant avant de toucher un fil" not in text
    assert re.search(r"habilit", text) and "vérifie avec un appareil" in text
    assert "Avant 18 ans" in text  # the forklift is regulated work for minors
    money = _puzzle(rallye, "monnaie")
    assert isinstance(money, NumberPuzzle) and money.unit == "€"
    assert is_right(money, "6,5") and is_right(money, "6,50")
    assert rallye.teams is not None and rallye.teams.max == 4


@pytest.mark.parametrize("sid", ["cuisine", "rallye", "tour-normandie"])
def test_no_skill_is_given_for_typing_a_phrase_or_combining_two_items(sid: str) -> None:
    scenario = _scenario(sid)
    for puzzle in scenario.puzzles:
        for rule in puzzle.skills:
            assert rule.skill not in {
                "controle_de_soi",
                "proposition",
                "creativite",
                "donner_du_sens",
            }
            if rule.skill == "perseverance":
                assert rule.after_wrong, puzzle.id
