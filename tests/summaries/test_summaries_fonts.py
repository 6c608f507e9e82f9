"""The card fonts: Latin subsets up to date and complete, full fonts as PDF fallback."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from facilitator.summaries.card import write_pdf
from facilitator.summaries.fonts import covered, font_file, latin_coverage, make_subsets
from facilitator.summaries.model import PlayerCard

FRENCH = "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»’–—…·€"
SYMBOLS = "✓★▸●○"


def test_shipped_subsets_are_what_the_script_makes(tmp_path: Path) -> None:
    for made in make_subsets(tmp_path):
        assert (
            made.read_bytes()
            == font_file("bold" if "Bold" in made.name else "regular", latin=True).read_bytes()
        )


def test_subsets_cover_french_and_the_card_symbols() -> None:
    assert covered(FRENCH + SYMBOLS + "Ma carte de compétences")
    assert not covered("Алина")  # Cyrillic: the PDF falls back to the full font
    assert ord("é") in latin_coverage()


def card(pseudonym: str) -> PlayerCard:
    return PlayerCard(
        player_id="p1",
        pseudonym=pseudonym,
        token="q3Zr8Kd0-XwT5vB2nYpL4mHcJ6sFa9Ue",
        short_code="K7MQ4X2P",
        scenario_title="La cuisine fermée",
        date=date(2026, 11, 26),
        skills=[],
        self_assessed=[],
        jobs=[],
        team_summary=["Tu étais dans l'équipe pendant le jeu."],
        needs_facilitator=True,
    )


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (Debian poppler-utils) is not installed"
)
def test_a_pseudonym_outside_latin_still_prints(tmp_path: Path) -> None:
    pdf = write_pdf([card("Алина"), card("Zoé")], tmp_path / "c.pdf")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Алина" in text and "Zoé" in text
    assert "à compléter avec l'animateur" in text
