"""``declic sheet``: the facilitator's sheet says what the scenario and its walkthrough say,
names real jobs and routes, and is written as a real PDF (rendered with pdftoppm) and Markdown."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from declic.cli import main
from engine.core import Rules
from engine.core import events as ev
from engine.core.answers import normalise_text
from engine.format.puzzles import CombinePuzzle, TextPuzzle
from engine.load.check import load_scenario
from engine.reference.real_life import real_life
from engine.reference.rome import rome_codes
from engine.shipped import scenarios_dir, shipped_scenarios
from engine.walkthrough import default_walkthrough, load_walkthrough, run
from facilitator.sheets.answers import answer_words
from facilitator.sheets.cli import catalogue_trainings
from facilitator.sheets.model import build_sheet

NORMANDY = ["cuisine", "rallye", "tour-normandie"]
DATA = Path(__file__).parent.parent / "trainings" / "data"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _played(path: Path) -> tuple[object, list[ev.Event]]:
    scenario = load_scenario(path).scenario
    assert scenario is not None
    events = run(Rules(scenario), load_walkthrough(default_walkthrough(path))).events
    return scenario, events


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_the_answer_key_gives_every_answer_the_walkthrough_plays_right(path: Path) -> None:
    scenario, events = _played(path)
    sheet = build_sheet(scenario, events)  # type: ignore[arg-type]
    key = {entry.puzzle: entry for entry in sheet.key}
    puzzles = {p.id: p for p in scenario.puzzles}  # type: ignore[attr-defined]
    assert set(key) == set(puzzles)
    solved = [e.puzzle for e in events if isinstance(e, ev.PuzzleSolved)]
    assert [e.puzzle for e in sheet.key][: len(set(solved))] == list(dict.fromkeys(solved))
    checked = [e for e in events if isinstance(e, ev.AnswerChecked) and e.correct]
    assert checked
    teams = list(dict.fromkeys(e.team for e in events if isinstance(e, ev.PlayerJoined)))
    for answer in checked:
        puzzle = puzzles[answer.puzzle]
        if isinstance(puzzle, CombinePuzzle):
            continue
        entry = key[answer.puzzle]
        listed = entry.answers
        if puzzle.variants:  # a question pool: the line of the team that answered
            ordinal = teams.index(answer.team) % len(puzzle.versions)
            label, line = entry.labelled()[ordinal]
            assert entry.by_team and label == f"Réponse, équipe {ordinal + 1}", label
            puzzle = puzzle.version(ordinal)
            listed = line.split(" ou ")
        if isinstance(puzzle, TextPuzzle):
            assert normalise_text(str(answer.answer)) in normalise_text(listed[0]), answer.puzzle
        else:
            words = answer_words(puzzle, answer.answer, scenario)  # type: ignore[arg-type]
            assert words in listed, (answer.puzzle, words, entry.answers)
        assert entry.why


def test_the_key_lists_the_other_right_orders_of_the_milking() -> None:
    scenario, events = _played(scenarios_dir() / "rallye" / "rallye.yaml")
    traite = next(e for e in build_sheet(scenario, events).key if e.puzzle == "traite")  # type: ignore[arg-type]
    assert len(traite.answers) == 2
    assert traite.answers[1].startswith("Tirer les premiers jets")
    assert "deux ordres" in traite.why


@pytest.mark.parametrize("sid", NORMANDY)
def test_normandy_sheets_are_complete(sid: str) -> None:
    scenario, events = _played(scenarios_dir() / sid / f"{sid}.yaml")
    sheet = build_sheet(scenario, events)  # type: ignore[arg-type]
    assert sheet.goals and sheet.materials and sheet.next_steps
    assert 4 <= len(sheet.introduction) <= 6  # five minutes, read aloud
    assert sum(m for m, _ in sheet.timings) >= scenario.duration_minutes  # type: ignore[attr-defined]
    assert len(sheet.core) == 4 and all(q.message and q.job for q in sheet.core)
    assert any("PMSMP" in step for step in sheet.next_steps)
    assert all(job.routes and job.under_18 and job.hours for job in sheet.jobs)
    assert len(sheet.glossary) >= 5  # the hard words of the scenario, explained


def test_the_tour_explains_its_hard_words() -> None:
    scenario, events = _played(scenarios_dir() / "tour-normandie" / "tour-normandie.yaml")
    words = dict(build_sheet(scenario, events).glossary)  # type: ignore[arg-type]
    for word in ("relève", "EPR", "horaires décalés", "AOP", "dosimètre"):
        assert word in words
    assert "chaudronnier, chaudronnière" in words


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_every_shipped_scenario_fills_its_sheet(path: Path) -> None:
    scenario = load_scenario(path).scenario
    assert scenario is not None
    sheet = scenario.sheet
    assert sheet.goals and sheet.introduction and sheet.timings and sheet.materials
    assert sheet.next_steps
    assert any(q.message for q in scenario.debrief.questions)


def test_every_shipped_job_has_its_real_life_with_the_rome_title_and_sources() -> None:
    data = real_life()
    jobs = {code for p in shipped_scenarios() for code in load_scenario(p).scenario.jobs}  # type: ignore[union-attr]
    assert jobs <= set(data["jobs"])
    for code, entry in data["jobs"].items():
        assert _fold(entry["title"]) == _fold(rome_codes()[code].title), code
        assert entry["sources"] and set(entry["sources"]) <= set(data["common_sources"])
        assert entry["routes"] and entry["under_18"] and entry["physical"]


def test_real_routes_are_named() -> None:
    routes = {code: " ".join(e["routes"]) for code, e in real_life()["jobs"].items()}
    assert "CAP Cuisine" in routes["G1602"]
    assert "DEAS" in routes["J1501"]
    assert "CACES R489" in routes["N1101"]
    assert "minors" in real_life()["jobs"]["N1101"]["sources"]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
def test_declic_sheet_writes_an_a4_pdf_and_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sheet", "cuisine", "--out", str(tmp_path), "--db", str(tmp_path / "no.db")]) == 0
    pdf, md = tmp_path / "fiche-cuisine.pdf", tmp_path / "fiche-cuisine.md"
    assert str(pdf) in capsys.readouterr().out
    text = md.read_text(encoding="utf-8")
    for heading in ("Objectifs", "Accueil", "Déroulé", "Matériel", "Corrigé", "Débriefing"):
        assert f"## {heading}" in text
    assert "CAP Cuisine" in text and "PMSMP" in text and "declic trainings import" in text
    assert "## Les mots à expliquer" in text and "**marche en avant**" in text
    assert not (tmp_path / "no.db").exists()  # the sheet never creates a database
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) >= 3
    from PIL import Image

    with Image.open(pages[0]) as page:  # A4 portrait at 30 dpi: 248 × 351 pixels
        assert abs(page.width / page.height - 210 / 297) < 0.01


def test_a_broken_scenario_gets_located_errors_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: Bad Id\n", encoding="utf-8")
    assert main(["sheet", str(bad), "--out", str(tmp_path)]) == 1
    assert "bad.yaml:1:" in capsys.readouterr().err
    assert not list(tmp_path.glob("fiche-*"))


def test_the_catalogue_trainings_of_the_jobs_are_listed(tmp_path: Path) -> None:
    db = tmp_path / "declic.db"
    assert (
        main(["trainings", "import", str(DATA / "formations-conseiller.csv"), "--db", str(db)]) == 0
    )
    found, note = catalogue_trainings(["G1602"], str(db), today=date(2026, 1, 5))
    assert found and not note
    assert any("restauration" in t.title for t in found)
    assert all(t.where and t.start for t in found)
    none, note = catalogue_trainings(["G1602"], str(tmp_path / "absent.db"))
    assert none == [] and "declic trainings import" in note


def test_the_key_says_which_role_holder_a_solve_credits() -> None:
    scenario, events = _played(scenarios_dir() / "demo-escape" / "demo-escape.yaml")
    sheet = build_sheet(scenario, events)  # type: ignore[arg-type]
    key = {entry.puzzle: entry for entry in sheet.key}
    assert key["temperature"].skills[-1] == (
        "Travailler en équipe : réussi, pour qui a le rôle « Le commis » sur son téléphone"
    )
    assert "« Le serveur »" in key["mot_service"].skills[-1]
    assert not any("rôle" in line for line in key["code_casier"].skills)
    assert "Travailler en équipe" in dict(sheet.evidence)
