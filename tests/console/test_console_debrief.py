"""The debrief after the ending, played through the screen: result, key moments with the
players' pseudonyms, one question per skill, and two players' self-assessments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame

from engine.core import events as ev
from engine.reference.real_life import job_entry


def test_console_debrief_flow(game: Any, tmp_path: Path, save_shot: Any) -> None:
    g = game(8)
    app = g.app
    lina, sam = g.id_of("p1"), g.id_of("p2")
    # an observation during the game: it must show in the key moments
    g.driver.key(pygame.K_F9)
    g.click("console:private")  # over the projected game: players out of the room's sight
    g.click(f"console:player:{lina}")
    g.click("console:skill:donner_du_sens")
    g.click("console:note")
    g.type("a motive le groupe")
    g.click("console:save")
    g.driver.key(pygame.K_F9)
    g.play_steps(8)
    assert app.state.phase == "ended"
    assert app.ui.screen == "ending"
    assert app.find("ending:debrief") is not None

    g.driver.key(pygame.K_RETURN)  # Enter opens the debrief
    assert app.ui.debrief.stage == "result"
    save_shot(app.screenshot, tmp_path, "debrief-1-result")

    g.driver.press("debrief:next", None)
    assert app.ui.debrief.stage == "timeline"
    save_shot(app.screenshot, tmp_path, "debrief-2-timeline")
    timeline = app.find("debrief:timeline").label
    solved = [e for e in app.log if isinstance(e, ev.PuzzleSolved)]
    titles = {p.id: p.title for p in app.scenario.puzzles}
    seen_text = timeline
    while app.find("debrief:timeline") is not None and app.ui.debrief.page + 1 < 3:
        if g.driver.app.find("debrief:next").label != app.t("debrief.more"):
            break
        g.driver.press("debrief:next", None)
        seen_text += " " + app.find("debrief:timeline").label
    for event in solved:
        assert titles[event.puzzle] in seen_text
    assert "Lina" in seen_text and "Sam" in seen_text
    assert "a motive le groupe" in seen_text

    g.driver.press("debrief:next", None)
    assert app.ui.debrief.stage == "questions"
    save_shot(app.screenshot, tmp_path, "debrief-3-question")
    question = app.find("debrief:question").label
    assert app.scenario.debrief.questions[0].question in question
    for _ in app.scenario.debrief.questions:
        g.driver.press("debrief:next", None)

    jobs = [job for job in (job_entry(code) for code in app.scenario.jobs) if job.known]
    assert jobs, "the scenario's jobs have their real life in assets/jobs/real_life.yaml"
    assert app.ui.debrief.stage == "jobs"
    save_shot(app.screenshot, tmp_path, "debrief-3b-jobs")
    for job in jobs:
        shown = app.find("debrief:jobs").label
        assert job.title in shown and job.hours in shown and job.under_18 in shown
        g.driver.press("debrief:next", None)
    assert app.ui.debrief.stage == "self"

    picks = {lina: ["equipe", "rigueur", "ecoute"], sam: ["autonomie", "curiosite", "equipe"]}
    for player, skills in picks.items():
        g.driver.press(f"player:{player}", None)
        for skill in skills:
            g.driver.press(f"debrief:skill:{skill}", player)
        if player == lina:
            save_shot(app.screenshot, tmp_path, "debrief-4-self")
        g.driver.press("debrief:validate", player)

    assessed = [e for e in app.log if isinstance(e, ev.SelfAssessed)]
    assert [(e.player, e.skills) for e in assessed] == [
        (lina, tuple(picks[lina])),
        (sam, tuple(picks[sam])),
    ]
    assert [e for e in g.sink.events if isinstance(e, ev.SelfAssessed)] == assessed
    assert app.ui.debrief.stage == "thanks"
    save_shot(app.screenshot, tmp_path, "debrief-5-merci")


def test_console_debrief_refuses_a_fourth_skill(game: Any) -> None:
    g = game(99)
    app = g.app
    assert app.state.phase == "ended"
    g.driver.press("ending:debrief", None)
    while app.ui.debrief.stage != "self":
        g.driver.press("debrief:next", None)
    lina = g.id_of("p1")
    g.driver.press(f"player:{lina}", None)
    for skill in ("equipe", "rigueur", "ecoute", "autonomie"):
        g.driver.press(f"debrief:skill:{skill}", lina)
    assert app.ui.debrief.picks[lina] == ["equipe", "rigueur", "ecoute"]
    assert app.ui.notice == app.t("debrief.three_max")
