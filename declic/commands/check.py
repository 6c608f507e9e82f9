"""``declic check FILE...``: validate scenario files, print every located error."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from engine.load.check import load_scenario


def register(sub: Any) -> None:
    p = sub.add_parser("check", help="vérifier des fichiers de scénario")
    p.add_argument("files", nargs="+", type=Path, metavar="FICHIER")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    errors = 0
    for path in args.files:
        loaded = load_scenario(path)
        for diagnostic in loaded.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        errors += sum(1 for d in loaded.diagnostics if d.severity == "error")
        if loaded.ok:
            print(f"{path} : OK")
    if errors:
        print(f"{errors} erreur(s).", file=sys.stderr)
    return 1 if errors else 0
