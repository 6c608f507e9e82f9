"""``declic check FILE...``: validate scenario files and the walkthrough beside each, print every located error.

Exit codes: 0 fine, 1 a file has errors, 2 a file given is a walkthrough with no scenario
beside it (a usage error: one line says what to run instead).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from engine.diagnostics import Diagnostic
from engine.load.check import load_scenario
from engine.typography import counted
from engine.walkthrough import (
    check_against,
    default_walkthrough,
    is_walkthrough_file,
    not_a_scenario,
    scenario_beside,
)


def register(sub: Any) -> None:
    p = sub.add_parser("check", help="vérifier des fichiers de scénario (et leurs parcours)")
    p.add_argument(
        "files", nargs="+", type=Path, metavar="FICHIER", help="un ou plusieurs fichiers .yaml"
    )
    p.set_defaults(func=run)


def check_one(path: Path) -> list[Diagnostic]:
    """A scenario and its ``<id>.walkthrough.yaml`` when present; a walkthrough against its scenario."""
    if is_walkthrough_file(path):
        scenario_path = scenario_beside(path)
        if scenario_path is None:
            return []
        walkthrough = path
    else:
        scenario_path, walkthrough = path, default_walkthrough(path)
    loaded = load_scenario(scenario_path)
    found = loaded.diagnostics if scenario_path == path else []
    if loaded.scenario is not None and walkthrough.is_file():
        found = found + check_against(loaded.scenario, walkthrough)
    return found


def run(args: argparse.Namespace) -> int:
    errors = 0
    misplaced = False
    for path in args.files:
        if is_walkthrough_file(path) and scenario_beside(path) is None:
            print(not_a_scenario(path), file=sys.stderr)
            misplaced = True
            continue
        diagnostics = check_one(path)
        for diagnostic in diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        found = sum(1 for d in diagnostics if d.severity == "error")
        errors += found
        if not found:
            print(f"{path} : OK")
    if errors:
        print(f"{counted(errors, 'erreur')}.", file=sys.stderr)
    return 1 if errors else 2 if misplaced else 0
