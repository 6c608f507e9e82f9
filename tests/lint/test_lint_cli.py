"""The three commands through ``declic``'s real parser: exit codes and output format."""

from __future__ import annotations

from pathlib import Path

import pytest

from declic.cli import main

DATA = Path(__file__).parent / "data"


def test_lint_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(DATA / "one_way.yaml")]) == 1
    err = capsys.readouterr().err
    assert f"{DATA / 'one_way.yaml'}:19:9: error[E102]:" in err
    assert main(["lint", str(DATA / "answer_nowhere.yaml")]) == 0
    assert main(["lint", "--strict", str(DATA / "answer_nowhere.yaml")]) == 1


def test_lint_budget_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "--budget", "100", str(DATA / "many_switches.yaml")]) == 1
    assert "error[E104]" in capsys.readouterr().err


def test_graph_writes_dot_and_mermaid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dot = tmp_path / "g.dot"
    assert main(["graph", str(DATA / "one_way.yaml"), "--format", "dot", "-o", str(dot)]) == 0
    text = dot.read_text(encoding="utf-8")
    assert text.startswith("digraph declic {")
    assert "i_badge -> e_sortie" in text
    assert main(["graph", str(DATA / "one_way.yaml"), "--format", "mermaid"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("flowchart LR")
    assert "s_hall --> s_couloir" in out


def test_autoplay_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["autoplay", str(DATA / "one_way.yaml"), "--runs", "5", "--seed", "3"]) == 0
    assert "5 parties jouées" in capsys.readouterr().out
