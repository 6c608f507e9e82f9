"""`declic portal` (serve the portal) and `declic portal add-counsellor NAME`.

Exit codes: 0 success, 1 refused (clear French message), 2 usage error.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from facilitator.portal.accounts import AccountError, add_counsellor, ensure_schema
from facilitator.storage.db import StorageError, open_database
from facilitator.storage.location import DB_ENV, database_path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def register(subparsers: Any) -> None:
    """Add `portal` and `portal add-counsellor` to the `declic` command line."""
    portal = subparsers.add_parser(
        "portal", help="portail web des conseillers (QR codes, formations)"
    )
    portal.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"adresse d'écoute (défaut : {DEFAULT_HOST}, ce poste seulement)",
    )
    portal.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (défaut : {DEFAULT_PORT})"
    )
    portal.add_argument(
        "--db", type=Path, help=f"base SQLite (défaut : ${DB_ENV}, sinon le dossier de données)"
    )
    portal.add_argument("--threads", type=int, default=8, help=argparse.SUPPRESS)
    portal.set_defaults(func=_run_serve, parser=portal)
    commands = portal.add_subparsers(dest="portal_command", metavar="COMMANDE")
    adding = commands.add_parser("add-counsellor", help="créer un compte conseiller")
    adding.add_argument("name", metavar="NOM")
    adding.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        help=f"base SQLite (défaut : ${DB_ENV}, sinon le dossier de données)",
    )
    adding.add_argument(
        "--password-stdin", action="store_true", help="lire le mot de passe sur l'entrée standard"
    )
    adding.set_defaults(func=_run_add, parser=adding)


def _db_path(args: argparse.Namespace) -> Path:
    """--db, else $DECLIC_DB, else the user's data folder: the storage package's one rule."""
    return database_path(args.db)


def _run_add(args: argparse.Namespace) -> int:
    path = _db_path(args)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"Mot de passe pour {args.name} : ")
        if getpass.getpass("Retapez-le : ") != password:
            print(
                "declic : les deux mots de passe sont différents ; rien n'est créé.",
                file=sys.stderr,
            )
            return 1
    try:
        db = open_database(path)
    except StorageError as error:
        print(f"declic : {error}", file=sys.stderr)
        return 1
    try:
        ensure_schema(db)
        counsellor = add_counsellor(db, args.name, password)
    except AccountError as error:
        print(f"declic : {error}", file=sys.stderr)
        return 1
    finally:
        db.close()
    print(f"Compte « {counsellor.name} » créé dans {path}.")
    return 0


def _run_serve(args: argparse.Namespace) -> int:
    from waitress import serve

    from facilitator.portal.app import create_app

    path = _db_path(args)
    if not path.exists():
        print(f"declic : aucune base à {path} ; lancez d'abord une séance.", file=sys.stderr)
        return 1
    try:
        app = create_app(path)
    except StorageError as error:
        print(f"declic : {error}", file=sys.stderr)
        return 1
    shown = "localhost" if args.host in ("127.0.0.1", "::1") else args.host
    print(f"Portail Déclic : http://{shown}:{args.port}/  (Ctrl+C pour arrêter)")
    if args.host not in ("127.0.0.1", "::1", "localhost"):
        print("Attention : le portail est visible sur le réseau ; utilisez-le derrière HTTPS.")
    serve(app, host=args.host, port=args.port, threads=args.threads, ident="declic")
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m facilitator.portal.cli …`: the same commands without the `declic` wrapper."""
    parser = argparse.ArgumentParser(prog="declic")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
