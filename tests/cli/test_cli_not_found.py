"""A name typed wrong: a shipped scenario's id misspelt, a catalogue file that is not there.
The facilitator reads, in French, what was meant and what exists."""

from __future__ import annotations

from pathlib import Path

import pytest

from declic.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as stop:
        code = int(stop.code or 0)
    return code, capsys.readouterr().err


@pytest.mark.parametrize("command", [["play"], ["sheet"], ["check"]])
def test_a_misspelt_shipped_scenario(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run([*command, "cusine"], capsys)
    assert code == 1
    assert "cusine:1:1: error[E001]: fichier introuvable" in err
    assert "Vouliez-vous dire « cuisine » ?" in err
    assert "demo-escape, demo-rally, demo-tour" in err and "mon-jeu/mon-jeu.yaml" in err


def test_a_missing_yaml_file_is_not_taken_for_a_scenario_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run(["check", str(tmp_path / "absent.yaml")], capsys)
    assert code == 1 and "fichier introuvable" in err
    assert "Vérifiez le chemin" in err and "scénario livré" not in err


def test_a_missing_catalogue_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    absent = tmp_path / "catalogue.xml"
    code, err = run(["trainings", "import", str(absent), "--db", str(tmp_path / "d.db")], capsys)
    assert code == 1
    assert "impossible d'ouvrir le fichier (chemin introuvable)" in err
    assert "No such file" not in err
