"""Verdicts shared between states (``engine.lint.verdicts``) are the verdicts of each state."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from engine.core.rules import Rules
from engine.lint.explore import Explorer
from engine.lint.judge import Judge
from engine.lint.verdicts import MISSING, Verdicts
from engine.load.check import load_scenario
from engine.shipped import shipped_scenarios

DATA = Path(__file__).parent / "data"
BENCH = Path(__file__).resolve().parents[2] / "bench" / "lint.py"


def test_a_verdict_is_found_by_every_state_that_agrees_on_what_it_read() -> None:
    verdicts = Verdicts()
    empty: frozenset[str] = frozenset()
    state = (frozenset({"a"}), frozenset({"x"}))
    verdicts.store("q", state, [(0, "a"), (1, "y"), (0, "a")], True)
    assert verdicts.find("q", (frozenset({"a", "b"}), empty)) is True
    assert verdicts.find("q", (frozenset({"a"}), frozenset({"y"}))) is MISSING
    assert verdicts.find("q", (empty, empty)) is MISSING
    verdicts.store("q", (empty, empty), [(0, "a")], False)
    assert verdicts.find("q", (empty, frozenset({"y"}))) is False
    assert verdicts.find("q", (frozenset({"a"}), empty)) is True


def _cases() -> list[object]:
    files = sorted(p for p in DATA.glob("*.yaml") if not p.name.endswith(".walkthrough.yaml"))
    cases: list[object] = [pytest.param(p, id=p.stem) for p in [*files, *shipped_scenarios()]]
    return [*cases, pytest.param(None, id="bench-40")]


@pytest.mark.parametrize("path", _cases())
def test_shared_verdicts_match_a_fresh_judge(path: Path | None, tmp_path: Path) -> None:
    """A verdict found in the trees is what this state's own judge works out.

    The trees store a verdict under the facts its computation read; a read that bypassed
    ``Judge.test`` would show here as a verdict taken from a state that differs in it.
    """
    if path is None:
        spec = importlib.util.spec_from_file_location("bench_lint", BENCH)
        assert spec is not None and spec.loader is not None
        bench = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(bench)
        path = tmp_path / "bench.yaml"
        path.write_text(bench.generate(40), encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.scenario is not None
    explorer = Explorer(Rules(loaded.scenario))
    explorer.explore(budget=3000)
    abstraction = explorer.abstraction
    readers, shared = abstraction.readers, abstraction.verdicts
    questions = [("h", h) for h in readers.hotspots] + [("u", h) for h in readers.hotspots]
    questions += [(kind, p) for p in readers.solve for kind in ("p", "o")]
    for judge in list(abstraction.judge_of.values())[:150]:  # the states' live facts
        parts = judge.parts
        asked = [*questions, *(("i", i) for i in parts[1]), *(("f", f) for f in parts[2])]
        for question in asked:
            expected = Judge(readers, parts).ask(question)
            assert Judge(readers, parts, shared).ask(question) == expected, (parts, question)
