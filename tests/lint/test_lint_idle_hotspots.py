"""W123: a hotspot whose use shows nothing and changes nothing that counts is reported; one with
a text, a ``say``, a puzzle or an effect that matters is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.lint.checks import lint_file

SCENARIO = """\
format: 1
id: rien
title: "Un point qui ne fait rien"
kind: escape
duration_minutes: 10
players: {min: 1, max: 4}
start: bureau
scenes:
  - id: bureau
    title: "Le bureau"
    text: "Une lampe et une porte."
    hotspots:
      - id: lampe
        label: "La lampe"
        LAMP
      - id: porte
        label: "La porte"
        when: {any: [{flag: lu}, {flag: jamais}]}
        effects:
          - end: sortie
    on_first_visit:
      - set: jamais
items:
  - {id: cle, name: "Clé", description: "Une clé.", keepsake: true}
endings:
  - {id: sortie, title: "Sortis !", text: "Bravo."}
"""


def _w123(tmp_path: Path, lamp: str) -> list[str]:
    path = tmp_path / "rien.yaml"
    path.write_text(SCENARIO.replace("LAMP", lamp), encoding="utf-8")
    report = lint_file(path)
    assert not report.errors, [d.format() for d in report.diagnostics]
    return [d.format() for d in report.diagnostics if d.code == "W123"]


@pytest.mark.parametrize(
    "lamp",
    [
        "once: true",  # nothing at all
        "effects: [{set: allumee}]",  # a flag nothing reads
        "effects: [{give: cle}]",  # a keepsake: kept, but using the lamp still changes nothing
    ],
)
def test_a_hotspot_that_does_nothing_is_reported_at_its_id(tmp_path: Path, lamp: str) -> None:
    (found,) = _w123(tmp_path, lamp)
    assert "rien.yaml:13:13:" in found
    assert "toucher « lampe » ne montre rien et ne change rien qui compte" in found


@pytest.mark.parametrize(
    "lamp",
    [
        'text: "La lampe clignote : 1, 2, 3."',
        "effects: [{say: 'Elle clignote.'}]",
        "effects: [{set: lu}]",
        "effects: [{score: 1}]",
        "effects: [{go: bureau}]",
    ],
)
def test_a_hotspot_that_shows_or_changes_something_is_not(tmp_path: Path, lamp: str) -> None:
    assert _w123(tmp_path, lamp) == []
