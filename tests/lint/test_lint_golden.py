"""The lint's speed-ups change no verdict: reports equal a golden recorded before them.

The golden (``data/golden_lint_reports.json``) was written by this file's ``write_golden`` on
the commit before the lint's fast path (``Rules.advance``, the cheaper keys): every shipped
scenario, every scenario of ``tests/lint/data`` and the bench's generated escape games of 100
and 1,000 puzzles. Each report keeps every diagnostic and, per explored start, the number of
states and edges, the endings, the dead ends and the shortest solution, move by move.
Regenerate it only for a change meant to alter verdicts: ``python tests/lint/test_lint_golden.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.lint import generate  # noqa: E402
from engine.lint.checks import lint_file  # noqa: E402
from engine.shipped import shipped_scenarios  # noqa: E402

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "golden_lint_reports.json"
BENCH_SIZES = (100, 1000)


def summary(path: Path, name: str) -> dict[str, Any]:
    """What the lint concluded about one file, with the file's folder and the checkout's
    place left out (a walkthrough beside it is named from the project's root)."""
    report = lint_file(path)
    explorations = {}
    for start, found in report.explorations.items():
        solution = found.shortest_solution() if found.complete else None
        explorations[start] = {
            "states": len(found),
            "edges": sum(len(out) for out in found.edges),
            "complete": found.complete,
            "endings": sorted(found.endings()),
            "dead_ends": len(found.dead_ends()),
            "shortest": None if solution is None else [repr(m) for m in solution],
        }
    return {
        "diagnostics": [
            d.format().replace(str(path), name).replace(str(ROOT), "<root>")
            for d in report.diagnostics
        ],
        "explorations": explorations,
    }


def cases() -> list[tuple[str, Path | int]]:
    """(name, file or bench size): shipped scenarios, lint test data, bench games."""
    found: list[tuple[str, Path | int]] = [(p.name, p) for p in shipped_scenarios()]
    found += [(p.name, p) for p in sorted(DATA.glob("*.yaml"))]
    found += [(f"bench-{n}", n) for n in BENCH_SIZES]
    return found


def summary_of(name: str, what: Path | int, folder: Path) -> dict[str, Any]:
    if isinstance(what, int):
        path = folder / f"{name}.yaml"
        path.write_text(generate(what), encoding="utf-8")
        return summary(path, name)
    return summary(what, name)


def write_golden(folder: Path) -> None:
    golden = {name: summary_of(name, what, folder) for name, what in cases()}
    GOLDEN.write_text(json.dumps(golden, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@pytest.mark.parametrize(("name", "what"), cases(), ids=[name for name, _ in cases()])
def test_lint_report_matches_golden(name: str, what: Path | int, tmp_path: Path) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert name in golden, f"{name}: no golden report (python tests/lint/test_lint_golden.py)"
    assert summary_of(name, what, tmp_path) == golden[name]


if __name__ == "__main__":
    import tempfile

    write_golden(Path(tempfile.mkdtemp(prefix="declic-golden-")))
