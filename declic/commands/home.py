"""``declic`` (no command) and ``declic home``: the facilitator's home window.

Wires the workshop side (``facilitator.sessions.home.WorkshopHome``, over the sessions'
database, with the cards written as ``declic session`` writes them) into the player's home
screen (``engine.player.home``). pygame is imported only when the window opens.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from engine.shipped import shipped_scenarios
from facilitator.storage.location import DB_ENV, database_path


def register(sub: Any) -> None:
    p = sub.add_parser("home", help="l'accueil de l'animateur (aussi : declic sans commande)")
    add_options(p)
    p.set_defaults(func=run)


def add_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        metavar="FICHIER",
        help=f"base des sessions (défaut : ${DB_ENV}, sinon dossier de données)",
    )
    p.add_argument("--size", default="1920x1080", help="taille de la fenêtre, ex. 1280x720")
    p.add_argument("--fullscreen", action="store_true")


def run(args: argparse.Namespace) -> int:
    from declic.commands.session import write_cards
    from facilitator.sessions.home import WorkshopHome
    from facilitator.storage.db import StorageError, open_database

    try:
        from engine.player.home import run_home
        from engine.player.ui import parse_size
    except ImportError as exc:
        print(
            f"declic : l'accueil ne peut pas s'ouvrir ({exc}). Installez pygame-ce.",
            file=sys.stderr,
        )
        return 1
    try:
        db = open_database(database_path(getattr(args, "db", None)))
    except StorageError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    try:
        port = WorkshopHome(db, shipped_scenarios(), write_cards)
        size = parse_size(getattr(args, "size", "1920x1080"))
        return run_home(port, size=size, fullscreen=bool(getattr(args, "fullscreen", False)))
    finally:
        db.close()
