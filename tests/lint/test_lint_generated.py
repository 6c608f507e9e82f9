"""On a big generated game (bench/lint.py), a dead end hidden in one room is still found."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import yaml

from engine.core.rules import Rules
from engine.lint.checks import lint_file
from engine.lint.explore import Explorer
from engine.lint.paths import parse_steps, replay
from engine.load.check import load_scenario

BENCH = Path(__file__).resolve().parents[2] / "bench" / "lint.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_lint", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_game_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "bench.yaml"
    path.write_text(_bench().generate(60), encoding="utf-8")
    report = lint_file(path)
    assert [d.format() for d in report.diagnostics] == []


def test_dead_end_hidden_in_room_10_is_found_and_replayed(tmp_path: Path) -> None:
    # A bin in room 10 swallows the key and the lamp: with the order puzzle failed too, the
    # door of room 10 can no longer be opened.
    text = _bench().generate(60)
    bin_ = (
        "      - id: poubelle_10\n"
        '        label: "La poubelle"\n'
        "        effects:\n"
        "          - take: cle_10\n"
        "          - take: lampe_10\n"
    )
    text = text.replace("      - id: tiroir_10\n", bin_ + "      - id: tiroir_10\n", 1)
    path = tmp_path / "bench-dead-end.yaml"
    path.write_text(text, encoding="utf-8")
    report = lint_file(path)
    assert [d.code for d in report.diagnostics] == ["E102"]
    steps = [
        yaml.safe_load(s)
        for s in re.findall(r"^\s+- (\{.*\})$", report.diagnostics[0].message, re.M)
    ]
    assert {"player": "p1", "use": "poubelle_10"} in steps
    loaded = load_scenario(path)
    assert loaded.scenario is not None
    rules = Rules(loaded.scenario)
    state, now, _ = replay(rules, parse_steps(steps))
    again = Explorer(rules).explore(start=state, now=now)
    assert again.complete and again.endings() == set()


def test_the_search_leaves_objects_frozen_by_others_frozen() -> None:
    """The player's window freezes its long-lived objects (engine/player/garbage.py); a lint
    run in the same process (the home window checks a scenario) must not thaw them."""
    import gc

    from engine.lint.checks import lint_file
    from engine.shipped import scenarios_dir

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        lint_file(scenarios_dir() / "demo-escape" / "demo-escape.yaml")
        assert gc.get_freeze_count() > frozen // 2  # a few are freed by their last reference
    finally:
        gc.unfreeze()
