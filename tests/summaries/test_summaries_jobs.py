"""Real ROME jobs from skills: restricted, explainable and deterministic."""

from __future__ import annotations

from engine.reference.rome import RomeJob, job_skills, normandie_jobs, rome_codes
from facilitator.summaries.jobs import propose_jobs


def test_scenario_jobs_that_match_come_first_with_their_reasons() -> None:
    jobs = propose_jobs({"equipe": 1, "rigueur": 2}, ["G1602", "G1605"])
    assert [j.code for j in jobs[:2]] == ["G1602", "G1605"]
    first = jobs[0]
    assert first.title == rome_codes()["G1602"].title and first.from_scenario
    assert set(first.matched_skills) <= {slug for slug, _core in job_skills("G1602")}
    assert first.reason.startswith("Demande : ")
    assert "Travailler avec soin" in first.matched_labels  # level 2 is listed before level 1


def test_three_real_jobs_from_the_territory_list_only() -> None:
    jobs = propose_jobs({"equipe": 1, "rigueur": 2}, ["G1602", "G1605"])
    assert len(jobs) == 3
    territory = normandie_jobs()
    for job in jobs:
        assert job.code in rome_codes()
        assert job.from_scenario or job.code in territory
        assert job.matched_skills  # every proposal says which skills it asks for


def test_closeness_to_the_game_breaks_ties_before_anything_else() -> None:
    third = propose_jobs({"equipe": 1, "sens_du_service": 1}, ["G1602", "G1605"])[2]
    assert third.code.startswith("G16") and not third.from_scenario


def test_deterministic() -> None:
    skills = {"organisation": 2, "ecoute": 1}
    assert propose_jobs(skills, ["N1103"]) == propose_jobs(
        dict(reversed(skills.items())), ["N1103"]
    )


def test_a_custom_territory_restricts_the_choice() -> None:
    territory = {"K1302": RomeJob("K1302", "Assistant / Assistante de vie dépendance", "K1302")}
    jobs = propose_jobs({"ecoute": 2}, [], territory)
    assert [j.code for j in jobs] == ["K1302"]


def test_nothing_observed_still_shows_the_games_jobs_without_claiming_a_skill() -> None:
    jobs = propose_jobs({}, ["G1602", "G1605"])
    assert [j.code for j in jobs[:2]] == ["G1602", "G1605"]
    assert len(jobs) == 3 and jobs[2].code.startswith("G16")
    assert all(not j.matched_skills for j in jobs)
    assert jobs[0].reason == "Métier découvert pendant le jeu"


def test_unknown_scenario_codes_are_ignored() -> None:
    jobs = propose_jobs({"equipe": 1}, ["Z9999"])
    assert jobs and all(j.code != "Z9999" for j in jobs)
