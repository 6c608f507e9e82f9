"""W121: an item given and never used is reported at its definition; one that something uses
(a hotspot, a condition, a combination, a take, its examining) or marked ``keepsake: true`` is
not. (The shipped scenarios have none: ``test_lint_shipped`` lints them clean.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.lint.checks import lint_file

SCENARIO = """\
format: 1
id: souvenir
title: "Un objet en trop"
kind: escape
duration_minutes: 10
players: {min: 1, max: 4}
start: bureau
scenes:
  - id: bureau
    title: "Le bureau"
    text: "Un tiroir et une porte."
    hotspots:
      - id: tiroir
        label: "Le tiroir"
        effects:
          - give: cle
          - score: 1
      - id: porte
        label: "La porte"
        DOOR
        effects:
          - end: sortie
items:
  - id: cle
    name: "Clé"
    description: "Une clé."
    ITEM
endings:
  - {id: sortie, title: "Sortis !", text: "Bravo."}
"""


def _lint(tmp_path: Path, door: str = "", item: str = "") -> list[str]:
    text = SCENARIO.replace("DOOR", door or "once: true").replace("ITEM", item or "icon: cle")
    path = tmp_path / "souvenir.yaml"
    path.write_text(text, encoding="utf-8")
    report = lint_file(path)
    assert not report.errors, [d.format() for d in report.diagnostics]
    return [d.format() for d in report.diagnostics if d.code == "W121"]


def test_an_item_given_and_never_used_is_reported_where_it_is_defined(tmp_path: Path) -> None:
    (found,) = _lint(tmp_path)
    assert "souvenir.yaml:24:9:" in found  # the item's `id:`
    assert "« cle » est donné aux joueurs mais ne sert nulle part" in found
    assert "keepsake: true" in found and "needs_item: cle" in found


@pytest.mark.parametrize(
    ("door", "item"),
    [
        ("needs_item: cle", ""),
        ("when: {has: cle}", ""),
        ("", "keepsake: true"),
        ("", "on_examine: [{say: 'Au dos : 1234'}]"),
    ],
)
def test_an_item_that_serves_or_is_a_keepsake_is_not_reported(
    tmp_path: Path, door: str, item: str
) -> None:
    assert _lint(tmp_path, door, item) == []
