"""`declic trainings import|match`: the counsellor's command line for the catalogue.

Exit codes: 0 success, 1 unusable file or database (clear French message, no traceback),
2 usage error.
"""

from __future__ import annotations

import argparse
import math
import sqlite3
import sys
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, TextIO

import sqlite_utils

from engine.arguments import FrenchParser, whole_number
from engine.reference.geo import lookup_town
from engine.typography import counted
from facilitator.sessions.service import SessionError
from facilitator.storage.db import StorageError, open_database
from facilitator.storage.location import database_path
from facilitator.trainings.for_player import PlayerNotFound, player_target
from facilitator.trainings.match import (
    BASIS_REMOTE,
    HOURS_PER_POINT,
    KM_PER_POINT,
    REMOTE_POINTS,
    WEEKS_PER_POINT,
    Match,
    normalise_rome,
    rank_trainings,
)
from facilitator.trainings.model import CatalogueError
from facilitator.trainings.report import print_report
from facilitator.trainings.store import BASIS_DEPARTEMENT, import_file

DB_ENV = "DECLIC_DB"


def register(subparsers: Any) -> None:
    """Add `trainings import` and `trainings match` to the `declic` command line."""
    trainings = subparsers.add_parser(
        "trainings", help="catalogue régional des formations (import, recherche)"
    )
    commands = trainings.add_subparsers(dest="trainings_command", metavar="COMMANDE")
    commands.required = True

    importing = commands.add_parser("import", help="importer un catalogue (LHEO, CPF ou CSV)")
    importing.add_argument("file", type=Path, metavar="FICHIER")
    importing.add_argument("--db", type=Path, help=f"base SQLite (défaut : ${DB_ENV})")
    importing.add_argument("--source", help="nom de la source (défaut : selon le format)")
    importing.set_defaults(func=_run_import, parser=importing)

    matching = commands.add_parser(
        "match", help="formations proches pour un joueur ou pour des métiers ROME"
    )
    matching.add_argument(
        "player",
        nargs="?",
        metavar="JOUEUR",
        help="code de la carte, lien, SEANCE:ID ou pseudo (les métiers de sa carte)",
    )
    matching.add_argument("--rome", action="append", metavar="CODE", help="code ROME (répétable)")
    matching.add_argument(
        "--town", metavar="VILLE", help="nom, code postal ou code INSEE (ex. « Saint-Denis (93) »)"
    )
    matching.add_argument("--radius", type=_km, metavar="KM", help="distance maximale")
    matching.add_argument("--weeks", type=_weeks, metavar="N", help="début dans N semaines")
    matching.add_argument("--departement", metavar="D", help="code du département (ex. 76)")
    matching.add_argument(
        "--no-remote", action="store_true", help="exclure les formations entièrement à distance"
    )
    matching.add_argument(
        "--limit", type=_limit, default=10, metavar="N", help="nombre de résultats"
    )
    matching.add_argument("--today", type=date.fromisoformat, help=argparse.SUPPRESS)
    matching.add_argument("--db", type=Path, help=f"base SQLite (défaut : ${DB_ENV})")
    matching.set_defaults(func=_run_match, parser=matching)


def _number(text: str, *, zero_ok: bool, meaning: str) -> float:
    """A finite number above 0 (or from 0): -5, nan or inf found nothing, or crashed."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and (value > 0 or (zero_ok and value == 0)) and value < 1e6):
        raise argparse.ArgumentTypeError(f"« {text} » : {meaning}")
    return value


def _km(text: str) -> float:
    return _number(
        text, zero_ok=False, meaning="le rayon doit être positif, en kilomètres (par ex. 30)"
    )


def _weeks(text: str) -> float:
    return _number(
        text, zero_ok=True, meaning="le délai doit être positif ou nul, en semaines (par ex. 12)"
    )


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point (`python -m facilitator.trainings.cli trainings ...`)."""
    parser = FrenchParser(prog="declic")
    register(parser.add_subparsers(dest="command", required=True, parser_class=FrenchParser))
    args = parser.parse_args(argv)
    return int(args.func(args))


def _db_path(args: argparse.Namespace) -> Path:
    """``--db``, else ``$DECLIC_DB``, else the user's data folder: the same base as sessions."""
    return database_path(args.db)


def _usage_error(args: argparse.Namespace, message: str) -> NoReturn:
    """argparse's usage message and exit code 2."""
    args.parser.error(message)
    raise SystemExit(2)  # not reached: error() exits


def _fail(message: str) -> int:
    print(f"Erreur : {message}", file=sys.stderr)
    return 1


# --- import -------------------------------------------------------------------------------


def _run_import(args: argparse.Namespace) -> int:
    db_path = _db_path(args)
    bar = _ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        db = open_database(db_path)
    except StorageError as error:
        return _fail(str(error))
    try:
        report = import_file(db, args.file, bar, source=args.source)
    except CatalogueError as error:
        return _fail(f"{error.french()}\nLe catalogue déjà en base n'a pas été modifié.")
    except sqlite3.Error as error:
        return _fail(f"base de données {db_path} inutilisable ({error}).")
    except OSError as error:
        return _fail(f"{error.filename or args.file} : {error.strerror}.")
    except KeyboardInterrupt:
        return _fail("import interrompu ; le catalogue déjà en base n'a pas été modifié.")
    finally:
        db.close()
        if bar is not None:
            bar.close()
    print_report(report, sys.stdout)
    return 0


class _ProgressBar:
    """A one-line bar redrawn in place on a terminal."""

    def __init__(self, out: TextIO, width: int = 30) -> None:
        self.out = out
        self.width = width
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        percent = 100 if total <= 0 else min(100, done * 100 // total)
        if percent == self.last:
            return
        self.last = percent
        filled = self.width * percent // 100
        bar = "#" * filled + "-" * (self.width - filled)
        size = f"{done / 1e6:.1f} / {total / 1e6:.1f} Mo".replace(".", ",")
        self.out.write(f"\rImport [{bar}] {percent:3d} % ({size})")
        self.out.flush()

    def close(self) -> None:
        if self.last >= 0:
            self.out.write("\n")
            self.out.flush()


# --- match --------------------------------------------------------------------------------


def _limit(text: str) -> int:
    return whole_number(text, 1, 1000, "le nombre de résultats")


def _run_match(args: argparse.Namespace) -> int:
    db_path = _db_path(args)
    if args.player:
        if not db_path.exists():
            return _fail(f"aucune base à {db_path}.")
        try:
            target = player_target(sqlite_utils.Database(db_path), args.player)
        except (PlayerNotFound, SessionError) as error:
            return _fail(str(error))
        args.rome = args.rome or [job.code for job in target.jobs]
        if args.town is None and target.town is not None:
            args.town = target.town.label  # "Quimperlé (29)": never taken for a postcode
        print(f"{target.player.pseudonym} : métiers de sa carte : {', '.join(args.rome)}")
    if not args.rome:
        _usage_error(args, "indiquez un joueur ou au moins un --rome CODE")
    if args.town is None:
        _usage_error(args, "indiquez la ville du jeune : --town VILLE")
    found = lookup_town(args.town)
    town = found.town
    if town is None:
        _usage_error(args, found.french())
    if args.limit <= 0:
        _usage_error(args, "--limit doit être positif")
    try:
        normalise_rome(args.rome)
    except ValueError as error:
        _usage_error(args, str(error))
    if not db_path.exists():
        return _fail(
            f"aucune base à {db_path} : importez d'abord un catalogue "
            "(declic trainings import FICHIER)."
        )
    today = args.today or date.today()
    try:
        db = sqlite_utils.Database(db_path)
        ranking = rank_trainings(
            db,
            args.rome,
            (town.lat, town.lon),
            today=today,
            radius_km=args.radius,
            departement=args.departement,
            start_within_weeks=args.weeks,
            remote_ok=not args.no_remote,
            limit=args.limit,
        )
    except ValueError as error:
        _usage_error(args, str(error))
    except sqlite3.Error as error:
        return _fail(f"base de données {db_path} inutilisable ({error}).")
    code = town.postal_code or town.departement
    print(f"Formations pour {', '.join(args.rome)} autour de {town.name} ({code})")
    if ranking.matches:
        print_matches(ranking.matches, today, sys.stdout)
    else:
        print("Aucune formation trouvée : élargissez le rayon ou le délai.")
    if ranking.started_sessions:
        print(
            f"{counted(ranking.started_sessions, 'session déjà commencée ou passée écartée', 'sessions déjà commencées ou passées écartées')} : "
            "trop tard pour y entrer."
        )
    return 0


def print_matches(matches: list[Match], today: date, out: TextIO) -> None:
    """A plain-text table, best first, with the score explained under it."""
    header = ("#", "Score", "Formation", "Organisme", "Lieu", "Distance", "Début", "Heures")
    rows = [
        (
            str(rank),
            f"{m.score:.1f}".replace(".", ","),
            _cut(m.title, 42),
            _cut(m.organisation or "?", 26),
            _cut(m.where, 20),
            _distance(m),
            _start(m, today),
            f"{m.hours} h" if m.hours is not None else "?",
        )
        for rank, m in enumerate(matches, start=1)
    ]
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        print("  ".join(cells).rstrip(), file=out)
    print(
        f"Score (plus petit = mieux) : 1 point par {KM_PER_POINT:.0f} km à vol d'oiseau, "
        f"par {WEEKS_PER_POINT:.0f} semaines d'attente, par {HOURS_PER_POINT:.0f} h de "
        f"formation ; {REMOTE_POINTS:.0f} point pour une formation entièrement à distance. "
        "« ≈ » : distance depuis le centre du département. Les offres au lieu à préciser "
        "viennent après toutes les autres.",
        file=out,
    )


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _distance(match: Match) -> str:
    if match.distance_basis == BASIS_REMOTE:
        return "à distance"
    if match.distance_km is None:
        return "?" if match.place_known else "-"
    prefix = "≈" if match.distance_basis == BASIS_DEPARTEMENT else ""
    return f"{prefix}{match.distance_km:.0f} km"


def _start(match: Match, today: date) -> str:
    words = match.when(today)
    if match.start is None or match.start <= today:
        return words
    return f"{words} ({(match.start - today).days // 7} sem.)"


if __name__ == "__main__":
    raise SystemExit(main())
