"""``declic summary SESSION --out DIR [--badges] [--base-url URL] [--db PATH]``.

The only module of ``summaries`` that reads the workshop database (through
``facilitator.storage`` and ``facilitator.sessions``); everything else takes plain inputs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from engine.reference.geo import find_town
from facilitator.sessions.service import SessionError, get_session, load_valid_scenario
from facilitator.storage.db import StorageError, open_database
from facilitator.storage.events import load_stored
from facilitator.storage.location import DB_ENV, database_path
from facilitator.storage.players import session_players
from facilitator.summaries.badges import DEFAULT_ISSUER, Issuer
from facilitator.summaries.card import DEFAULT_BASE_URL
from facilitator.summaries.model import JobLine, TrainingLine
from facilitator.summaries.session import PlayerKey, SessionInputs

BASE_URL_ENV = "DECLIC_BASE_URL"
ISSUER_ENV = "DECLIC_ISSUER"


def register(sub: Any) -> None:
    """Add ``declic summary`` to the command line."""
    p = sub.add_parser(
        "summary",
        help="cartes de compétences (PNG, PDF à imprimer), preuves et badges d'une session",
    )
    p.add_argument("session", metavar="SESSION", help="numéro de la session (declic session list)")
    p.add_argument(
        "--out", type=Path, required=True, metavar="DOSSIER", help="dossier où écrire les fichiers"
    )
    p.add_argument(
        "--badges", action="store_true", help="exporter aussi les badges Open Badges 3.0 (JSON)"
    )
    p.add_argument(
        "--base-url",
        metavar="URL",
        help=f"adresse du portail des conseillers dans le QR code (défaut : ${BASE_URL_ENV}, sinon {DEFAULT_BASE_URL})",
    )
    p.add_argument(
        "--issuer",
        metavar="NOM",
        help=f"nom de la Mission Locale qui délivre les badges (défaut : ${ISSUER_ENV})",
    )
    p.add_argument("--issuer-url", metavar="URL", help="site de la Mission Locale (badges)")
    p.add_argument(
        "--no-trainings", action="store_true", help="ne pas proposer de formations sur les cartes"
    )
    p.add_argument(
        "--db",
        metavar="FICHIER",
        help=f"base des sessions (défaut : ${DB_ENV}, sinon dossier de données)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from facilitator.summaries.write import write_session_summary  # imports this module too

    session = str(args.session).strip()
    if not session.isdecimal() or int(session) >= 2**63:  # SQLite's largest integer
        return _error(
            f"« {args.session} » n'est pas un numéro de session. Voyez la liste : declic session list"
        )
    base_url = args.base_url or os.environ.get(BASE_URL_ENV, "").strip() or DEFAULT_BASE_URL
    if not base_url.startswith(("http://", "https://")):
        return _error(
            f"« {base_url} » n'est pas une adresse web : elle doit commencer par http:// ou https://"
        )
    issuer = Issuer(
        name=args.issuer or os.environ.get(ISSUER_ENV, "").strip() or DEFAULT_ISSUER.name,
        url=args.issuer_url,
    )
    try:
        db = open_database(database_path(args.db))
    except StorageError as exc:
        return _error(str(exc))
    try:
        summary = write_session_summary(
            db,
            int(args.session),
            args.out,
            base_url=base_url,
            with_badges=args.badges,
            issuer=issuer,
            with_trainings=not args.no_trainings,
        )
    except (SessionError, StorageError, OSError) as exc:
        return _error(str(exc))
    finally:
        db.close()
    written, cards = summary.written, summary.cards
    for warning in summary.warnings:
        print(f"Attention : {warning}", file=sys.stderr)
    print(f"{len(written.pngs)} carte(s) : {args.out / 'cartes'}")
    print(f"À imprimer : {written.pdf}")
    print(f"Preuves (pour le conseiller) : {written.evidence}")
    if args.badges:
        print(
            f"{len(written.badges)} badge(s) Open Badges 3.0 (non signés) : {args.out / 'badges'}"
        )
        for problem in written.invalid_badges:
            print(f"Attention : badge non conforme au schéma OB 3.0 : {problem}", file=sys.stderr)
    to_complete = [c.pseudonym for c in cards if c.needs_facilitator]
    if to_complete:
        print(f"À compléter avec l'animateur : {', '.join(to_complete)}")
    return 0


def load_session_inputs(
    db: sqlite_utils.Database, session_id: int
) -> tuple[SessionInputs, list[str]]:
    """Events (with their sequence numbers), players' tokens and codes, and the scenario.

    A scenario file that moved or broke since the game is not fatal: the cards are still made
    from the log (without the scenario's jobs and puzzle titles) and a warning says so.
    """
    session = get_session(db, session_id)
    stored = load_stored(db, session_id)
    warnings = []
    scenario = None
    try:
        scenario = load_valid_scenario(session.scenario_path)
    except SessionError:
        warnings.append(
            f"scénario introuvable ou invalide ({session.scenario_path}) : cartes faites sans les "
            "métiers du scénario ni les titres des défis."
        )
    players = [
        PlayerKey(row.player_id, row.token, row.short_code, row.home_town)
        for row in session_players(db, session_id)
    ]
    inputs = SessionInputs(
        events=[s.event for s in stored],
        refs=[s.seq for s in stored],
        players=players,
        scenario=scenario,
        scenario_title=session.scenario_title
        or (scenario.title if scenario else session.scenario_id),
        day=datetime.fromtimestamp(session.created_at).date(),
    )
    return inputs, warnings


def trainings_from(db: sqlite_utils.Database, today: date) -> Any:
    """Top 3 trainings for the card's jobs from the catalogue in the same database, if any."""
    if not db.table("trainings").exists():
        return None
    from facilitator.trainings.match import match_trainings

    def for_player(player: PlayerKey, jobs: Sequence[JobLine]) -> list[TrainingLine]:
        town = find_town(player.home_town) if player.home_town else None
        home = (town.lat, town.lon) if town else None
        try:
            found = match_trainings(db, [j.code for j in jobs], home, today=today, limit=3)
        except ValueError:
            return []
        return [
            TrainingLine(
                title=m.title,
                organisation=m.organisation,
                place=m.town,
                when=f"début {m.start.strftime('%d/%m/%Y')}" if m.start else None,
            )
            for m in found
        ]

    return for_player


def _error(message: str) -> int:
    print(f"Erreur : {message}", file=sys.stderr)
    return 1
