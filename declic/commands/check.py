"""``declic check FILE...``: validate scenario (and walkthrough) files, print every located error."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from engine.diagnostics import Diagnostic
from engine.load.check import load_scenario
from engine.walkthrough import WalkthroughError, load_walkthrough


def register(sub: Any) -> None:
    p = sub.add_parser("check", help="vérifier des fichiers de scénario (et leurs parcours)")
    p.add_argument("files", nargs="+", type=Path, metavar="FICHIER")
    p.set_defaults(func=run)


def check_one(path: Path) -> list[Diagnostic]:
    """A ``*.walkthrough.yaml`` is checked as a walkthrough, anything else as a scenario."""
    if path.name.endswith(".walkthrough.yaml"):
        try:
            load_walkthrough(path)
        except WalkthroughError as exc:
            return exc.diagnostics
        return []
    return load_scenario(path).diagnostics


def run(args: argparse.Namespace) -> int:
    errors = 0
    for path in args.files:
        diagnostics = check_one(path)
        for diagnostic in diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        found = sum(1 for d in diagnostics if d.severity == "error")
        errors += found
        if not found:
            print(f"{path} : OK")
    if errors:
        print(f"{errors} erreur(s).", file=sys.stderr)
    return 1 if errors else 0
