"""A tour's town that is not on the map (E023): the author, who has no ``assets/geo/towns.csv``
at hand after a pip install, reads the closest town and every town of the map."""

from __future__ import annotations

from pathlib import Path

import pytest

from declic.cli import main
from engine.load.check import load_scenario
from engine.reference.geo import towns


def test_a_misspelt_town_gets_the_closest_one_and_the_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "scenario", "Mon tour", "--kind", "tour"]) == 0
    capsys.readouterr()
    path = tmp_path / "mon-tour" / "mon-tour.yaml"
    text = path.read_text(encoding="utf-8")
    assert "town: Rouen}" in text
    path.write_text(text.replace("town: Rouen}", "town: Rouenn}", 1), encoding="utf-8")
    found = [d for d in load_scenario(path).diagnostics if d.code == "E023"]
    assert len(found) == 1
    assert found[0].message == (
        "ville « Rouenn » absente de la carte de Normandie — vouliez-vous dire « Rouen » ?"
    )
    assert all(town.name in found[0].hint for town in towns())
    assert found[0].line == 1 + text.split("town: Rouen}")[0].count("\n")


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Rouenn", "Rouen"),
        ("evreu", "Évreux"),
        ("CHERBOURG", "Cherbourg-en-Cotentin"),
        ("Vire", "Vire Normandie"),
        ("Saint-Denis", None),  # another town, not a typo of Saint-Lô
        ("Paris", None),
    ],
)
def test_the_suggested_town_is_a_typo_or_the_start_of_its_name(
    written: str, meant: str | None
) -> None:
    from engine.reference.geo import closest_map_town

    found = closest_map_town(written)
    assert (found.name if found else None) == meant
