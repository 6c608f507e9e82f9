"""``declic icons [MOT]``: the icon names an author may write, or those matching a word.

Hand-drawn icons come first, then OpenMoji pictograms (English name, then French name).
Accents and case are ignored. Exit codes: 0 names printed, 1 no name matches the word.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from engine.reference.icons import hand_drawn, pictogram, search
from engine.typography import agree, counted


def register(sub: Any) -> None:
    p = sub.add_parser("icons", help="lister ou chercher les icônes (dessinées et OpenMoji)")
    p.add_argument("words", nargs="*", metavar="MOT", help="mot français ou anglais, sans accents")
    p.set_defaults(func=run)


def line(name: str) -> str:
    """``safety-vest (gilet-de-securite)``, or ``frigo (dessinée)``."""
    found = pictogram(name)
    if found is None:
        return f"{name} (dessinée)"
    return f"{name} ({found.nom})" if found.nom else name


def run(args: argparse.Namespace) -> int:
    word = " ".join(args.words)
    names = search(word)
    if not names:
        print(
            f"Aucune icône pour « {word} ». Essayez un mot plus court, ou en anglais "
            "(« scan », « truck »), ou voyez docs/icons.md.",
            file=sys.stderr,
        )
        return 1
    for name in names:
        print(line(name))
    drawn = sum(1 for n in names if n in hand_drawn())
    print(
        f"{counted(len(names), 'icône')} : {drawn} {agree(drawn, 'dessinée', 'dessinées')}, "
        f"{len(names) - drawn} OpenMoji.",
        file=sys.stderr,
    )
    print("Écrivez le nom (ou le nom entre parenthèses) dans « icon: ».", file=sys.stderr)
    return 0
