"""``declic``: a thin command line over functions that tests call directly.

Exit codes: 0 success, 1 the input has problems (printed with file:line:col), 2 usage error.
No command prints a traceback for bad input; an unexpected crash prints a short French
message and where the details were written.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
import tempfile
import traceback
from collections.abc import Sequence
from importlib import import_module

from declic.folders import os_reason

#: Sub-command → the module that adds it (``register(subparsers)``). Only the module of the
#: command being run is imported, so ``declic check`` does not pay for the PDF or web stacks.
COMMAND_MODULES = {
    "check": "declic.commands.check",
    "replay": "declic.commands.replay",
    "schema": "declic.commands.schema",
    "play": "declic.commands.play",
    "new": "declic.commands.new",
    "lint": "declic.commands.lint",
    "graph": "declic.commands.lint",
    "autoplay": "declic.commands.lint",
    "session": "facilitator.sessions.cli",
    "summary": "facilitator.summaries.cli",
    "trainings": "facilitator.trainings.cli",
    "portal": "facilitator.portal.cli",
}
COMMANDS = tuple(dict.fromkeys(COMMAND_MODULES.values()))


#: argparse's own messages (Python 3.11 to 3.13) and their French, in the order tried.
_ARGPARSE_FRENCH = (
    (r"^argument (\S+): ", r"\1 : "),
    (r"the following arguments are required: (.*)$", r"à indiquer aussi : \1"),
    (r"unrecognized arguments: (.*)$", r"arguments inconnus : \1"),
    (r"expected one argument$", "une valeur est attendue après cette option"),
    (r"expected at least one argument$", "au moins une valeur est attendue"),
    (r"expected at most one argument$", "une valeur au plus est attendue"),
    (r"ignored explicit argument (.*)$", r"valeur en trop : \1"),
    (r"invalid choice: (.*?) \(choose from (.*)\)$", r"choix inconnu \1 (possibles : \2)"),
    (r"invalid (\w+) value: (.*)$", r"valeur invalide \2 (attendu : un nombre)"),
    (r"not allowed with argument (.*)$", r"impossible avec \1"),
    (r"one of the arguments (.*) is required$", r"indiquez l'une des options \1"),
    (r"ambiguous option: (\S+) could match (.*)$", r"option ambiguë \1 (possibles : \2)"),
)


def french_usage_error(message: str) -> str:
    """argparse's English usage errors, said in French (its other words stay as they are)."""
    for pattern, replacement in _ARGPARSE_FRENCH:
        message = re.sub(pattern, replacement, message, flags=re.DOTALL)
    return message


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors in French."""

    def format_usage(self) -> str:
        return super().format_usage().replace("usage: ", "utilisation : ", 1)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(
            2,
            f"declic : erreur d'utilisation : {french_usage_error(message)}\n"
            "  (essayez « declic --help »)\n",
        )


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser for one command (fast), or for all of them (help, unknown command)."""
    parser = _Parser(
        prog="declic", description="Déclic : jeux sérieux pour les ateliers des Missions Locales."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=_Parser)
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


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
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
    except OSError as error:  # a file, folder or port the system refused: say which, and why
        where = f" « {error.filename} »" if error.filename else ""
        print(
            f"declic : fichier ou dossier inutilisable{where} ({os_reason(error)}).",
            file=sys.stderr,
        )
        return 1
    except sqlite3.Error as error:  # a file that is not a database, or cannot be opened
        print(
            f"declic : la base de données ne peut pas être lue ({error}) ; "
            "vérifiez --db ou $DECLIC_DB.",
            file=sys.stderr,
        )
        return 1
    except Exception:  # the last net: never a traceback on the facilitator's screen
        with tempfile.NamedTemporaryFile(
            "w", prefix="declic-crash-", suffix=".txt", delete=False
        ) as log:
            traceback.print_exc(file=log)
        print(
            f"declic : erreur inattendue. Rien n'est perdu ; détails dans {log.name}.",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    raise SystemExit(main())
