"""Free items (``engine.lint.free``): which items qualify, and the lint still proves the same."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

from engine.lint.free import free_items
from engine.load.check import load_scenario

DATA = Path(__file__).parent / "data"
BENCH = Path(__file__).resolve().parents[2] / "bench" / "lint.py"


def _free(text: str, tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.scenario is not None, [d.format() for d in loaded.diagnostics]
    return free_items(loaded.scenario)


def _variant(change: dict[str, object]) -> str:
    """free_lamp.yaml with one part of its cellar replaced."""
    data = yaml.safe_load((DATA / "free_lamp.yaml").read_text(encoding="utf-8"))
    cave = data["scenes"][0]
    for key, value in change.items():
        if key == "tunnel_hotspot":
            data["scenes"][1]["hotspots"].append(value)
        else:
            cave["hotspots"] = [h if h["id"] != key else value for h in cave["hotspots"]]
    return yaml.safe_dump(data, allow_unicode=True)


def test_lamp_used_where_it_is_given_is_free_and_torch_needed_elsewhere_is_not() -> None:
    loaded = load_scenario(DATA / "free_lamp.yaml")
    assert loaded.scenario is not None
    assert free_items(loaded.scenario) == {"lampe": "tiroir"}


@pytest.mark.parametrize(
    "change",
    [
        # read by a condition
        {"recoin": {"id": "recoin", "label": "R", "when": {"has": "lampe"}, "effects": []}},
        # taken away
        {"coffre": {"id": "coffre", "label": "C", "effects": [{"take": "lampe"}]}},
        # needed in another scene too
        {"tunnel_hotspot": {"id": "mur", "label": "M", "needs_item": "lampe", "effects": []}},
        # the giver has a condition
        {
            "tiroir": {
                "id": "tiroir",
                "label": "T",
                "when": {"flag": "x"},
                "effects": [{"give": "lampe"}],
            }
        },
        # the giver does more than give it
        {"tiroir": {"id": "tiroir", "label": "T", "effects": [{"give": "lampe"}, {"set": "x"}]}},
    ],
    ids=["condition", "taken", "needed-elsewhere", "giver-condition", "giver-does-more"],
)
def test_lamp_is_not_free(change: dict[str, object], tmp_path: Path) -> None:
    assert "lampe" not in _free(_variant(change), tmp_path)


def test_bench_lamps_are_free_keys_are_not(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_lint", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    free = _free(bench.generate(20), tmp_path)
    assert free == {f"lampe_{i}": f"tiroir_{i}" for i in range(5)}
