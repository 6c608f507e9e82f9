"""``declic``: a thin command line over functions that tests call directly.

Exit codes: 0 success, 1 the input has problems (printed with file:line:col), 2 usage error.
No command prints a traceback for bad input; an unexpected crash prints a short French
message and where the details were written.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import traceback
from collections.abc import Sequence
from importlib import import_module

#: Modules that add sub-commands; each has ``register(subparsers)``.
COMMANDS = (
    "declic.commands.check",
    "declic.commands.replay",
    "declic.commands.schema",
    "declic.commands.play",
    "declic.commands.new",
    "declic.commands.lint",
    "facilitator.sessions.cli",
    "facilitator.summaries.cli",
    "facilitator.trainings.cli",
    "facilitator.portal.cli",
)


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors in French."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"declic : erreur d'utilisation : {message}\n  (essayez « declic --help »)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="declic", description="Déclic : jeux sérieux pour les ateliers des Missions Locales."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=_Parser)
    for name in COMMANDS:
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and name.startswith(exc.name):
                continue  # that part is not in this build; its commands are simply absent
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
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
