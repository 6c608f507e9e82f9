"""``declic new scenario NAME --kind escape|rally|tour [--dir DIR]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from engine.authoring.new import KINDS, new_scenario
from engine.format.kinds import kind_list


def register(sub: Any) -> None:
    p = sub.add_parser("new", help="créer un nouveau scénario à partir d'un modèle commenté")
    p.add_argument("what", choices=["scenario"], help="ce qu'il faut créer")
    p.add_argument("name", metavar="NOM", help="le titre du scénario, ex. « Le garage »")
    p.add_argument("--kind", choices=KINDS, default="escape", help=kind_list())
    p.add_argument("--dir", type=Path, default=Path("."), help="dossier où le créer")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        scenario, walkthrough = new_scenario(args.name, args.kind, args.dir)
    except (FileExistsError, ValueError, OSError) as exc:
        print(f"declic new : {exc}", file=sys.stderr)
        return 1
    print(f"Créé : {scenario}")
    print(f"Créé : {walkthrough}")
    print(f"Ensuite : declic check {scenario}  puis  declic play {scenario}")
    return 0
