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


@pytest.mark.parametrize("where", ["laptop", "hub"])
def test_a_missing_catalogue_file(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    absent = str(tmp_path / "catalogue.xml")
    argv = {
        "laptop": ["trainings", "import", absent, "--db", str(tmp_path / "d.db")],
        "hub": ["hub", "trainings", "import", absent, "--catalogue", str(tmp_path / "c.db")],
    }[where]
    code, err = run(argv, capsys)
    assert code == 1
    assert "impossible d'ouvrir le fichier (chemin introuvable)" in err
    assert "No such file" not in err
