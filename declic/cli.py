"""``declic``: a thin command line over functions that tests call directly.

Exit codes: 0 success, 1 the input has problems (printed with file:line:col), 2 usage error.
No command prints a traceback for bad input; an unexpected crash prints a short French
message and where the details were written.
"""

from __future__ import annotations

import argparse
import errno
import os
import sqlite3
import sys
from collections.abc import Sequence
from importlib import import_module

from engine.arguments import FrenchParser
from engine.folders import os_reason
from engine.player.display import NoScreen  # os only: pygame is imported to play

#: Sub-command → the module that adds it (``register(subparsers)``). Only the module of the
#: command being run is imported, so ``declic check`` does not pay for the PDF or web stacks.
COMMAND_MODULES = {
    "home": "declic.commands.home",
    "check": "declic.commands.check",
    "replay": "declic.commands.replay",
    "schema": "declic.commands.schema",
    "icons": "declic.commands.icons",
    "jobs": "declic.commands.jobs",
    "play": "declic.commands.play",
    "new": "declic.commands.new",
    "lint": "declic.commands.lint",
    "graph": "declic.commands.lint",
    "autoplay": "declic.commands.lint",
    "session": "declic.commands.session",
    "summary": "declic.commands.summary",
    "trainings": "facilitator.trainings.cli",
    "portal": "facilitator.portal.cli",
    "sheet": "facilitator.sheets.cli",
    "hub": "facilitator.hub.cli",
}
COMMANDS = tuple(dict.fromkeys(COMMAND_MODULES.values()))


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser for one command (fast), or for all of them (help, unknown command)."""
    parser = FrenchParser(
        prog="declic", description="Déclic : jeux sérieux pour les ateliers des Missions Locales."
    )
    parser.add_argument(
        "--version",
        action=ShowVersion,
        nargs=0,
        help="afficher la version (à donner quand vous signalez un problème)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=FrenchParser)
    wanted = COMMAND_MODULES.get(command or "")
    for name in [wanted] if wanted else COMMANDS:
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and name.startswith(exc.name):
                continue  # that part is not in this build; its commands are simply absent
            raise
        module.register(sub)
    return parser


class ShowVersion(argparse.Action):
    """``declic --version``: looked up only when asked (reading the installed packages'
    metadata would slow every start)."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        print(f"declic {installed_version()}")
        parser.exit()


def installed_version() -> str:
    """The version pip installed, or where this copy runs from when it was not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("declic")
    except PackageNotFoundError:
        return "(copie de travail, non installée)"


def main(argv: Sequence[str] | None = None) -> int:
    # pygame's English greeting (« pygame-ce 2.5.8 (SDL …) ») is not for the facilitator
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        argv = ["home"]  # ``declic`` alone: the facilitator's home window
    first = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(first)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except NoScreen as error:
        print(f"declic : {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a file, folder or port the system refused: say which, and why
        print(f"declic : {os_problem(error)}", file=sys.stderr)
        return 1
    except sqlite3.Error as error:  # a file that is not a database, or cannot be opened
        print(
            f"declic : la base de données ne peut pas être lue ({error}) ; "
            "vérifiez --db ou $DECLIC_DB.",
            file=sys.stderr,
        )
        return 1
    except Exception:  # the last net: never a traceback on the facilitator's screen
        import tempfile  # here: not paid for by every start
        import traceback

        with tempfile.NamedTemporaryFile(
            "w", prefix="declic-crash-", suffix=".txt", delete=False
        ) as log:
            traceback.print_exc(file=log)
        print(
            f"declic : erreur inattendue. Rien n'est perdu ; détails dans {log.name}.",
            file=sys.stderr,
        )
        return 3


def os_problem(error: OSError) -> str:
    """What the system refused, in French: the phones' address (``--phones-port``,
    ``--phones-host``: the portal and the hub say their own), else a file or folder."""
    where = f" « {error.filename} »" if error.filename else ""
    if error.errno == errno.EADDRINUSE:
        return (
            f"l'adresse{where} est déjà prise (un autre jeu Déclic est peut-être ouvert) : "
            "fermez-le, ou choisissez un autre port avec --phones-port (0 : un port libre)."
        )
    if error.errno == errno.EADDRNOTAVAIL:
        return f"l'adresse{where} n'est pas celle de cet ordinateur : vérifiez --phones-host."
    return f"fichier ou dossier inutilisable{where} ({os_reason(error)})."


if __name__ == "__main__":
    raise SystemExit(main())
