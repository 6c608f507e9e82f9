"""Counts in lint's French output agree with their number: « 1 état exploré », « 3 états explorés »."""

from __future__ import annotations

from pathlib import Path

import pytest

from declic.cli import main

NOTHING_TO_DO = """\
format: 1
id: vide
title: "Vide"
kind: escape
duration_minutes: 10
players: {min: 1, max: 4}
start: salle
scenes:
  - id: salle
    title: "La salle"
    text: "Rien ici."
endings:
  - id: fin
    title: "Fin"
    text: "Fini."
"""


def test_one_state_is_singular_in_the_error_and_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "vide.yaml"
    path.write_text(NOTHING_TO_DO, encoding="utf-8")
    assert main(["lint", str(path)]) == 1
    captured = capsys.readouterr()
    assert "error[E101]" in captured.err and "(1 état exploré)" in captured.err
    assert captured.out.rstrip().endswith(", 1 état exploré")
    assert "explorés" not in captured.out + captured.err


def test_many_states_are_plural(capsys: pytest.CaptureFixture[str]) -> None:
    path = Path(__file__).parent / "data" / "one_way.yaml"
    main(["lint", str(path)])
    out = capsys.readouterr().out
    assert " états explorés" in out and " 1 états" not in out
