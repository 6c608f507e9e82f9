"""``declic new scenario`` gives a valid scenario whose walkthrough reaches its ending."""

from __future__ import annotations

from pathlib import Path

import pytest

from declic.cli import main
from engine.authoring.new import new_scenario, slug
from engine.core import Rules
from engine.load.check import load_scenario
from engine.walkthrough import load_walkthrough, run


@pytest.mark.parametrize("kind", ["escape", "rally", "tour"])
def test_new_scenario_is_valid_and_playable(tmp_path: Path, kind: str) -> None:
    scenario_path, walkthrough_path = new_scenario("Le garage de Léa", kind, tmp_path)
    assert scenario_path == tmp_path / "le-garage-de-lea" / "le-garage-de-lea.yaml"
    loaded = load_scenario(scenario_path)
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    assert loaded.scenario is not None and loaded.scenario.kind == kind
    result = run(Rules(loaded.scenario), load_walkthrough(walkthrough_path))
    assert result.ended and not result.rejected
    text = scenario_path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=scenario.schema.json")
    assert (scenario_path.parent / "scenario.schema.json").is_file()
    assert "docs/authoring.md" in text  # the template points authors to the guide


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "scenario", "Atelier", "--dir", str(tmp_path)]) == 0
    assert main(["new", "scenario", "Atelier", "--dir", str(tmp_path)]) == 1
    assert "existe déjà" in capsys.readouterr().err


def test_slug_makes_valid_ids() -> None:
    assert slug("Un pied en cuisine !") == "un-pied-en-cuisine"
    assert slug("Œuvre") == "uvre" or slug("Œuvre").isascii()
    assert slug("***") == "scenario"
