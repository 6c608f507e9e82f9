"""The skills card: QR codes that decode to the right URL on the PNG and on the printed PDF."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from engine.core import actions as ac
from engine.core.rules import Rules
from engine.load.check import load_scenario
from engine.walkthrough import default_walkthrough, load_walkthrough, run
from facilitator.summaries.card import (
    build_card,
    layout_card,
    portal_url,
    spaced,
    write_pdf,
    write_png,
)
from facilitator.summaries.draw import Text
from facilitator.summaries.evidence import compute_evidence
from facilitator.summaries.jobs import propose_jobs
from facilitator.summaries.model import PlayerCard, TrainingLine

zxingcpp = pytest.importorskip(
    "zxingcpp", reason="the QR decoder (zxing-cpp, test extra) is not installed"
)

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://portail.example.org"
TOKENS = {"p1": "q3Zr8Kd0-XwT5vB2nYpL4mHcJ6sFa9Ue", "p2": "Yx9bN4kQ_7tRz2WcVe5LpM8dHs3GfJ0a"}


def demo_cards(trainings: list[TrainingLine] | None = None) -> list[PlayerCard]:
    path = ROOT / "scenarios/demo-escape/demo-escape.yaml"
    scenario = load_scenario(path).scenario
    assert scenario is not None
    rules = Rules(scenario)
    result = run(rules, load_walkthrough(default_walkthrough(path)))
    state, log = result.state, list(result.events)
    state, more = rules.step(
        state, ac.SelfAssess(player="p1", skills=("equipe", "creativite")), 2000
    )
    log += more
    evidence = compute_evidence(log, scenario)
    return [
        build_card(
            found,
            token=TOKENS[pid],
            short_code="K7MQ4X2P" if pid == "p1" else "ABCD2345",
            scenario_title=scenario.title,
            day=date(2026, 11, 26),
            jobs=propose_jobs({s.skill: s.level for s in found.skills}, scenario.jobs),
            trainings=trainings,
        )
        for pid, found in evidence.items()
    ]


def decoded(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_png_qr_decodes_to_the_portal_url_of_that_player(tmp_path: Path) -> None:
    for card in demo_cards():
        path = write_png(card, tmp_path / f"{card.player_id}.png", base_url=BASE)
        with Image.open(path) as image:
            assert image.size == (1050, 1485)
            assert decoded(image) == [f"{BASE}/s/{card.token}"]
            assert decoded(image.convert("L")) == [f"{BASE}/s/{card.token}"]  # black and white


def test_the_qr_holds_only_the_link() -> None:
    card = demo_cards()[0]
    assert portal_url(BASE + "/", card.token) == f"{BASE}/s/{card.token}"
    assert card.pseudonym not in portal_url(BASE, card.token)


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (Debian poppler-utils) is not installed"
)
def test_pdf_pages_qr_decode_to_each_players_url(tmp_path: Path) -> None:
    cards = demo_cards()
    pdf = write_pdf(cards, tmp_path / "cartes.pdf", base_url=BASE)
    subprocess.run(
        ["pdftoppm", "-r", "110", "-gray", "-png", str(pdf), str(tmp_path / "page")], check=True
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(cards)
    for page, card in zip(pages, cards, strict=True):
        with Image.open(page) as image:
            assert decoded(image) == [f"{BASE}/s/{card.token}"]


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (Debian poppler-utils) is not installed"
)
def test_pdf_text_keeps_french_accents_and_the_short_code(tmp_path: Path) -> None:
    pdf = write_pdf(demo_cards(), tmp_path / "cartes.pdf", base_url=BASE)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    # demo-escape says « vous » (the default form of address)
    assert "Ce que vous avez montré" in text and "Des métiers pour vous" in text
    assert "K7MQ-4X2P" in text and "Lina" in text and "Sam" in text


def test_every_level_is_written_in_words_beside_its_dots() -> None:
    card = demo_cards()[1]
    texts = [op.text for op in layout_card(card, BASE) if isinstance(op, Text)]
    for skill in card.skills:
        assert skill.label in texts and skill.level_text in texts


def test_self_assessment_is_shown_beside_what_was_observed() -> None:
    card = demo_cards()[0]
    texts = [op.text for op in layout_card(card, BASE) if isinstance(op, Text)]
    assert "✓ Vous aussi, vous l'avez choisi" in texts
    informal = dataclasses.replace(card, address="tu")
    texts = [op.text for op in layout_card(informal, BASE) if isinstance(op, Text)]
    assert "✓ Toi aussi, tu l'as choisi" in texts and "Ce que tu as montré" in texts
    assert "✓ Imaginer du nouveau" in texts  # chosen, not observed: shown, never as a level


def test_trainings_block_only_when_given() -> None:
    without = [op.text for op in layout_card(demo_cards()[0], BASE) if isinstance(op, Text)]
    assert "Des formations pour continuer" not in without
    lines = [TrainingLine("CAP Cuisine", "Lycée hôtelier", "Caen", "début 01/09/2027")]
    with_ = [op.text for op in layout_card(demo_cards(lines)[0], BASE) if isinstance(op, Text)]
    assert "Des formations pour continuer" in with_ and "CAP Cuisine" in with_


def test_everything_stays_on_the_page_even_with_long_texts() -> None:
    card = demo_cards([TrainingLine("Titre " * 30, "Organisme " * 5, "Caen", "bientôt")] * 3)[0]
    for op in layout_card(card, BASE):
        if isinstance(op, Text):
            assert op.x >= 0 and op.y <= 297 - 12


def test_short_code_is_printed_in_groups_of_four() -> None:
    assert spaced("k7mq4x2p") == "K7MQ-4X2P"
