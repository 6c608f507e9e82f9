"""Follow docs/authoring.md's tutorial step by step, with its own commands and YAML.

Shell blocks are run in order; YAML blocks whose first line names a file (``# dir/file.yaml``)
are written to that file, as an author would paste them. ``declic play`` runs headless through
the real UI, playing the walkthrough that sits beside the scenario.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from engine.format import CONDITION_TYPES, EFFECT_TYPES, PUZZLE_TYPES
from engine.format.scenario import Exit, Hotspot, Item, Scenario, Scene
from engine.reference.skills_table import END, START, skills_table
from facilitator.storage.db import open_database
from facilitator.storage.players import session_players
from facilitator.summaries.card import DEFAULT_BASE_URL, portal_url

zxingcpp = pytest.importorskip(
    "zxingcpp", reason="the QR decoder (zxing-cpp, test extra) is not installed"
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"


def tutorial_blocks() -> list[tuple[str, str]]:
    text = DOC.read_text(encoding="utf-8")
    tutorial = text.split("## Référence du format")[0]
    return re.findall(r"```(sh|yaml)\n(.*?)```", tutorial, re.DOTALL)


def declic(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    return subprocess.run(
        [sys.executable, "-m", "declic", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_tutorial_gives_a_playable_scenario(tmp_path: Path) -> None:
    blocks = tutorial_blocks()
    assert sum(1 for kind, _ in blocks if kind == "sh") >= 4
    ran = []
    for kind, body in blocks:
        if kind == "yaml":
            first = body.splitlines()[0]
            assert first.startswith("# "), "a tutorial YAML block starts with the file it goes in"
            target = tmp_path / first[2:].strip()
            target.write_text(body, encoding="utf-8")
            continue
        for line in body.strip().splitlines():
            args = shlex.split(line)
            assert args[0] == "declic"
            args = args[1:]
            if args[0] == "play":
                scenario = tmp_path / args[1]
                walkthrough = scenario.with_name(scenario.stem + ".walkthrough.yaml")
                args += ["--headless", "--walkthrough", str(walkthrough)]
            result = declic(args, tmp_path)
            assert result.returncode == 0, f"{line}\n{result.stdout}\n{result.stderr}"
            assert "Traceback" not in result.stderr
            ran.append(line)
    assert any(line.startswith("declic lint --strict") for line in ran)
    assert (
        (tmp_path / "le-garage" / "le-garage.yaml")
        .read_text(encoding="utf-8")
        .startswith("# le-garage/le-garage.yaml")
    )
    open_the_card(tmp_path, ran)


def open_the_card(folder: Path, ran: list[str]) -> None:
    """Step 5 played the walkthrough into a session; its cards are there and their QR codes work."""
    assert any("session new" in line and "--walkthrough" in line for line in ran)
    assert any(line.startswith("declic summary") for line in ran)
    db = open_database(folder / "essai.db")
    try:
        players = {p.pseudonym: p for p in session_players(db, 1)}
    finally:
        db.close()
    assert sorted(players) == ["Alex", "Sacha"]
    cards = folder / "cartes"
    assert (cards / "cartes.pdf").read_bytes().startswith(b"%PDF")
    with Image.open(cards / "cartes" / "01-Alex.png") as image:
        found = [result.text for result in zxingcpp.read_barcodes(image)]
    assert found == [portal_url(DEFAULT_BASE_URL, players["Alex"].token)]


def test_the_reference_names_every_field_condition_effect_and_puzzle_type() -> None:
    text = DOC.read_text(encoding="utf-8")
    names: set[str] = set(CONDITION_TYPES) | set(EFFECT_TYPES) | set(PUZZLE_TYPES)
    for model in (Scenario, Scene, Hotspot, Exit, Item):
        names |= {field.alias or name for name, field in model.model_fields.items()}
    missing = sorted(n for n in names if f"`{n}" not in text and f"`{{{n}:" not in text)
    assert not missing, f"docs/authoring.md does not explain: {missing}"


@pytest.mark.parametrize("code", ["E001", "E014", "E102", "W101"])
def test_the_guide_points_to_every_diagnostic_code(code: str) -> None:
    from engine.diagnostics import CATALOGUE

    text = DOC.read_text(encoding="utf-8")
    assert all(c in text for c in CATALOGUE), "list every code in the guide"
    assert code in CATALOGUE


def test_the_skills_table_is_the_shipped_framework() -> None:
    page = DOC.read_text(encoding="utf-8")
    between = page.partition(START)[2].partition(END)[0]
    assert between == "\n" + skills_table(), (
        "regenerate: python -m engine.reference.skills_table docs/authoring.md"
    )
