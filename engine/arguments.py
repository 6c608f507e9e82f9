"""argparse with its help and usage errors in French: every command line of Déclic parses with it.

Low in the engine so that ``declic`` and each facilitator package's own entry point share it
without importing one another.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any

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

#: the largest row number SQLite and PostgreSQL's ``integer`` both hold: a bigger one is no row
LARGEST_NUMBER = 2**31 - 1


def whole_number(text: str, low: int, high: int, what: str) -> int:
    """An argparse ``type`` for a bounded whole number: argparse's own ``int`` takes -1 and
    10**25, which then crash further on (a database overflow, a date out of range)."""
    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise argparse.ArgumentTypeError(f"« {text} » : {what} est un nombre de {low} à {high}")
    return value


def record_number(text: str) -> int:
    """A session's, a device's, a player's number as the tables number them."""
    return whole_number(text, 1, LARGEST_NUMBER, "un numéro")


def french_usage_error(message: str) -> str:
    """argparse's English usage errors, said in French (its other words stay as they are)."""
    for pattern, replacement in _ARGPARSE_FRENCH:
        message = re.sub(pattern, replacement, message, flags=re.DOTALL)
    return message


#: argparse's headings in ``--help`` (Python 3.9 to 3.13) and their French
_HEADINGS_FRENCH = (
    (r"^positional arguments:$", "arguments :"),
    (r"^(options|optional arguments):$", "options :"),
)


class FrenchHelpFormatter(argparse.HelpFormatter):
    """Usage lines begin « utilisation : », their next lines aligned under it."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class FrenchParser(argparse.ArgumentParser):
    """argparse, with its usage line, ``--help`` and usage errors in French and exit code 2:
    a facilitator typing ``declic session --help`` reads no English."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        parents = kwargs.pop("parents", [])
        kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        if add_help:  # argparse's own -h, with its line of help in French
            self.add_argument(
                "-h",
                "--help",
                action="help",
                default=argparse.SUPPRESS,
                help="afficher cette aide et quitter",
            )
        for parent in parents:  # after -h, as argparse itself orders them
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def format_help(self) -> str:
        text = super().format_help()
        for pattern, replacement in _HEADINGS_FRENCH:
            text = re.sub(pattern, replacement, text, flags=re.MULTILINE)
        return text

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(
            2,
            f"declic : erreur d'utilisation : {french_usage_error(message)}\n"
            f"  (essayez « {self.prog} --help »)\n",
        )


class _FrenchGetpass:
    """Standard error while getpass runs: without a terminal it warns, in English, that the
    password shows as it is typed; that warning is said in French instead."""

    ENGLISH = "Warning: Password input may be echoed."

    def __init__(self, under: Any, told: Any) -> None:
        self.under, self.told, self.dropped, self.said = under, told, False, False

    def write(self, text: str) -> int:
        if text.startswith(self.ENGLISH) or (self.dropped and text == "\n"):
            if not self.said:
                self.said = True
                self.told(
                    "pas de terminal : le mot de passe s'affiche en clair "
                    "(--password-stdin le lit sur l'entrée standard)"
                )
            self.dropped = text != "\n"
            return len(text)
        self.dropped = False
        return int(self.under.write(text))

    def flush(self) -> None:
        self.under.flush()


def read_password(from_stdin: bool, prompt: str, nothing_done: str, say: Any = None) -> str | None:
    """A password read from standard input (``--password-stdin``), or typed twice; None,
    after saying so (``say``, else standard error), when the two differ. Nothing typed at
    all is an empty password, refused by the accounts."""
    import contextlib
    import getpass
    import warnings

    told = say if say is not None else (lambda message: print(message, file=sys.stderr))
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    try:
        with (
            warnings.catch_warnings(),
            contextlib.redirect_stderr(_FrenchGetpass(sys.stderr, told)),
        ):
            warnings.simplefilter("ignore", getpass.GetPassWarning)
            password = getpass.getpass(prompt)
            again = getpass.getpass("Retapez-le : ")
    except EOFError:
        return ""
    if again != password:
        told(f"les deux mots de passe sont différents ; {nothing_done}.")
        return None
    return password
