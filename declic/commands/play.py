"""``declic play [SCENARIO]``: open the game window (pygame is imported only here)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from declic.commands.phones import add_phone_arguments, phone_attachers
from engine.folders import folder_problem
from engine.shipped import resolve_scenario


def register(sub: Any) -> None:
    p = sub.add_parser("play", help="jouer un scénario (sans scénario : l'accueil de l'animateur)")
    p.add_argument(
        "scenario",
        nargs="?",
        metavar="SCENARIO",
        help="un scénario livré (ex. demo-tour) ou un fichier .yaml",
    )
    p.add_argument("--headless", action="store_true", help="sans fenêtre (tests, documentation)")
    p.add_argument("--walkthrough", type=Path, help="jouer ce parcours par l'interface")
    p.add_argument("--screenshots", type=Path, help="dossier où enregistrer une capture par étape")
    p.add_argument("--size", default="1920x1080", help="taille de la fenêtre, ex. 1280x720")
    p.add_argument("--fullscreen", action="store_true", help="plein écran")
    p.add_argument(
        "--watch", action="store_true", help="recharger le scénario quand le fichier change"
    )
    add_phone_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.scenario is None and not (
        args.headless or args.walkthrough or args.screenshots or args.watch
    ):
        from declic.commands import home

        return home.run(args)  # the facilitator's home: new workshop, resume, cards
    path = resolve_scenario(args.scenario)
    problem = args.screenshots and folder_problem(args.screenshots, "--screenshots")
    if problem:
        print(f"declic : {problem}", file=sys.stderr)
        return 1
    try:
        from engine.player.run import play
    except ImportError as exc:
        print(
            f"declic : le lecteur de jeu ne peut pas démarrer ({exc}). Installez pygame-ce.",
            file=sys.stderr,
        )
        return 1
    return int(play(path, args, phone_attachers(args)))
