"""The skills card says when its badges were signed by a laptop that is not enrolled to the hub."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from facilitator.summaries.badges import BadgeSigner
from facilitator.summaries.session import (
    LOCAL_KEY_NOTE,
    build_cards,
    ephemeral_identity,
    write_outputs,
)

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from summary import session_log  # noqa: E402


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext absent: apt-get install poppler-utils (.ci/run installs it)")
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


def test_local_key_is_said_on_the_card_and_an_enrolled_one_is_not(tmp_path: Path) -> None:
    inputs, _urls = session_log(2)
    cards, evidence, _missing = build_cards(inputs)
    local = write_outputs(cards, evidence, tmp_path / "local", with_badges=True)
    assert local.badges and local.invalid_badges == []
    assert LOCAL_KEY_NOTE in pdf_text(tmp_path / "local/cartes.pdf")

    enrolled = BadgeSigner(replace(ephemeral_identity("Mission Locale"), enrolled=True))
    write_outputs(cards, evidence, tmp_path / "hub", with_badges=True, signer=enrolled)
    assert "relié au réseau" not in pdf_text(tmp_path / "hub/cartes.pdf")
    write_outputs(cards, evidence, tmp_path / "none")
    assert "relié au réseau" not in pdf_text(tmp_path / "none/cartes.pdf")
