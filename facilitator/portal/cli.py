"""`declic portal` (serve the portal) and the counsellor accounts: `add-counsellor NAME`,
`counsellors`, `reset-password NAME`, `remove-counsellor NAME`.

Exit codes: 0 success, 1 refused (clear French message), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlite_utils

from engine.arguments import FrenchParser, read_password
from facilitator.portal.accounts import (
    AccountError,
    CounsellorInfo,
    add_counsellor,
    ensure_schema,
    find_counsellor,
    list_counsellors,
    local_time,
    remove_counsellor,
    reset_password,
)
from facilitator.portal.listen import listen_problem, port_number, thread_count
from facilitator.storage.db import StorageError, open_database
from facilitator.storage.location import DB_ENV, database_path
from facilitator.storage.players import PrivacyError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DB_HELP = f"base SQLite (défaut : ${DB_ENV}, sinon le dossier de données)"


def register(subparsers: Any) -> None:
    """Add `portal` and its account commands to the `declic` command line."""
    portal = subparsers.add_parser(
        "portal", help="portail web des conseillers (QR codes, formations)"
    )
    portal.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"adresse d'écoute (défaut : {DEFAULT_HOST}, ce poste seulement)",
    )
    portal.add_argument(
        "--port", type=port_number, default=DEFAULT_PORT, help=f"port (défaut : {DEFAULT_PORT})"
    )
    portal.add_argument("--db", type=Path, help=DB_HELP)
    portal.add_argument("--threads", type=thread_count, default=8, help=argparse.SUPPRESS)
    portal.set_defaults(func=_run_serve, parser=portal)
    commands = portal.add_subparsers(dest="portal_command", metavar="COMMANDE")
    _command(commands, "add-counsellor", "créer un compte conseiller", _run_add, password=True)
    _command(commands, "counsellors", "lister les comptes conseillers", _run_list, name=False)
    _command(
        commands,
        "reset-password",
        "changer le mot de passe d'un compte et fermer ses connexions",
        _run_reset,
        password=True,
    )
    _command(
        commands,
        "remove-counsellor",
        "supprimer un compte (ses notes et le journal des accès restent)",
        _run_remove,
    )


def _command(
    commands: Any,
    command: str,
    help_text: str,
    run: Callable[[argparse.Namespace], int],
    *,
    name: bool = True,
    password: bool = False,
) -> None:
    """One account command. Its --db is also accepted before it (`declic portal --db X …`)."""
    parser = commands.add_parser(command, help=help_text)
    if name:
        parser.add_argument("name", metavar="NOM", help="le nom de connexion, ex. anne.martin")
    parser.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    if password:
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="lire le mot de passe sur l'entrée standard",
        )
    parser.set_defaults(func=run, parser=parser)


def _db_path(args: argparse.Namespace) -> Path:
    """--db, else $DECLIC_DB, else the user's data folder: the storage package's one rule."""
    return database_path(args.db)


def _say(message: str) -> None:
    """A refusal: one French line on stderr, never a traceback."""
    print(f"declic : {message}", file=sys.stderr)


def _open(path: Path, *, create: bool = False) -> sqlite_utils.Database | None:
    """The workshop database with the portal's tables, or None after a message: a missing
    file (only the first account may create it), or a file that is not a Déclic database."""
    if not create and not path.exists():
        _say(f"aucune base à {path} ; vérifiez --db ou ${DB_ENV}.")
        return None
    try:
        db = open_database(path)
    except (StorageError, PrivacyError) as error:
        _say(str(error))
        return None
    ensure_schema(db)
    return db


def _read_password(args: argparse.Namespace, prompt: str, nothing_done: str) -> str | None:
    return read_password(args.password_stdin, prompt, nothing_done, _say)


def _ended(count: int) -> str:
    if count == 0:
        return "aucune connexion n'était ouverte"
    if count == 1:
        return "1 connexion ouverte a été fermée"
    return f"{count} connexions ouvertes ont été fermées"


def _run_add(args: argparse.Namespace) -> int:
    path = _db_path(args)
    password = _read_password(args, f"Mot de passe pour {args.name} : ", "rien n'est créé")
    if password is None:
        return 1
    db = _open(path, create=True)
    if db is None:
        return 1
    try:
        counsellor = add_counsellor(db, args.name, password)
    except AccountError as error:
        _say(str(error))
        return 1
    finally:
        db.close()
    print(f"Compte « {counsellor.name} » créé dans {path}.")
    return 0


def _account_line(account: CounsellorInfo) -> str:
    created = f"créé le {account.created_at.astimezone():%d/%m/%Y}" if account.created_at else ""
    login = (
        f"dernière connexion le {local_time(account.last_login)}"
        if account.last_login
        else "aucune connexion enregistrée"
    )
    return " · ".join(part for part in (account.name, created, login) if part)


def _run_list(args: argparse.Namespace) -> int:
    path = _db_path(args)
    db = _open(path)
    if db is None:
        return 1
    try:
        accounts = list_counsellors(db)
    finally:
        db.close()
    if not accounts:
        print(
            f"Aucun compte conseiller dans {path} ; créez-en un : declic portal add-counsellor NOM"
        )
    for account in accounts:
        print(_account_line(account))
    return 0


def _on_database(
    args: argparse.Namespace, act: Callable[[sqlite_utils.Database], str | None]
) -> int:
    """Open the database, run ``act`` on it and print what it says (None: it said why it
    stopped); an AccountError becomes its one-line message, exit 1."""
    db = _open(_db_path(args))
    if db is None:
        return 1
    try:
        said = act(db)
    except AccountError as error:
        _say(str(error))
        return 1
    finally:
        db.close()
    if said is None:
        return 1
    print(said)
    return 0


def _run_reset(args: argparse.Namespace) -> int:
    def reset(db: sqlite_utils.Database) -> str | None:
        counsellor = find_counsellor(db, args.name)  # before asking: a typo is said at once
        password = _read_password(
            args, f"Nouveau mot de passe pour {counsellor.name} : ", "rien n'est changé"
        )
        if password is None:
            return None
        counsellor, ended = reset_password(db, counsellor.name, password, time.time())
        return f"Mot de passe de « {counsellor.name} » changé ; {_ended(ended)}."

    return _on_database(args, reset)


def _run_remove(args: argparse.Namespace) -> int:
    def remove(db: sqlite_utils.Database) -> str:
        counsellor, ended = remove_counsellor(db, args.name, time.time())
        return (
            f"Compte « {counsellor.name} » supprimé ; {_ended(ended)}. "
            "Ses notes et le journal des accès sont gardés."
        )

    return _on_database(args, remove)


def _run_serve(args: argparse.Namespace) -> int:
    from waitress import create_server

    from facilitator.portal.app import create_app

    path = _db_path(args)
    if not path.exists():
        _say(f"aucune base à {path} ; lancez d'abord une séance.")
        return 1
    try:
        app = create_app(path)
    except (StorageError, PrivacyError) as error:
        _say(str(error))
        return 1
    try:
        server = create_server(
            app, host=args.host, port=args.port, threads=args.threads, asyncore_use_poll=True
        )
    except OSError as error:
        _say(listen_problem(args.host, args.port, error))
        return 1
    shown = "localhost" if args.host in ("127.0.0.1", "::1") else args.host
    print(f"Portail Déclic : http://{shown}:{args.port}/  (Ctrl+C pour arrêter)")
    if args.host not in ("127.0.0.1", "::1", "localhost"):
        print("Attention : le portail est visible sur le réseau ; utilisez-le derrière HTTPS.")
    server.run()
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m facilitator.portal.cli …`: the same commands without the `declic` wrapper."""
    parser = FrenchParser(prog="declic")
    register(parser.add_subparsers(dest="command", required=True, parser_class=FrenchParser))
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
