"""``declic`` (no command) and ``declic home``: the facilitator's home window.

Wires the workshop side (``facilitator.sessions.home.WorkshopHome``, over the sessions'
database, with the cards written as ``declic session`` writes them, the phones' server as
``declic session new --phones`` plugs it, and the hub as ``declic hub enrol / push / status``
reach it) into the player's home screen (``engine.player.home``). pygame is imported only
when the window opens.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

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
    p.add_argument("--fullscreen", action="store_true", help="plein écran")


def phones_for(game: Any) -> list[Any]:
    """The phones' server for a game opened from the home, as ``--phones`` plugs it (on the
    laptop's network address, else on this computer only); the phone's card code at the end
    when it is a recorded session."""
    from declic.commands.phones import DEFAULT_PORT, phone_attachers
    from declic.commands.session import phone_card

    wanted = argparse.Namespace(phones=True, phones_port=DEFAULT_PORT, phones_host=None)
    return phone_attachers(wanted, phone_card(game) if game is not None else None)


def hub_for(path: Any) -> Any:
    """The hub's side of the home, when this build has the hub."""
    try:
        from facilitator.hub.home import HubForHome
    except ImportError:
        return None
    return HubForHome(path)


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
    path = database_path(getattr(args, "db", None))
    try:
        db = open_database(path)
    except StorageError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    try:
        port = WorkshopHome(db, None, write_cards, phones=phones_for, hub=hub_for(path))
        size = parse_size(getattr(args, "size", "1920x1080"))
        return run_home(port, size=size, fullscreen=bool(getattr(args, "fullscreen", False)))
    finally:
        db.close()
