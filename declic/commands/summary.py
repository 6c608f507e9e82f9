"""``declic summary SESSION --out DIR [--badges] [--base-url URL] [--db PATH]``.

A shell over ``facilitator.summaries.write``; it also hands it the training catalogue
(``facilitator.trainings``), which the summaries do not import.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from engine.typography import agree, counted
from facilitator.hub.address import local_address_warning
from facilitator.sessions.service import SessionError
from facilitator.storage.db import StorageError, open_database
from facilitator.storage.location import DB_ENV, database_path
from facilitator.summaries.badges import DEFAULT_ISSUER, Issuer
from facilitator.summaries.card import DEFAULT_BASE_URL
from facilitator.summaries.write import card_base_url, write_session_summary
from facilitator.trainings.for_cards import trainings_from

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
        help=f"adresse du portail des conseillers dans le QR code (défaut : ${BASE_URL_ENV}, sinon le hub où ce poste est inscrit, sinon {DEFAULT_BASE_URL})",
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
    session = str(args.session).strip()
    if not session.isdecimal() or int(session) >= 2**63:  # SQLite's largest integer
        return _error(
            f"« {args.session} » n'est pas un numéro de session. Voyez la liste : declic session list"
        )
    given = args.base_url or os.environ.get(BASE_URL_ENV, "").strip()
    if given and not given.startswith(("http://", "https://")):
        return _error(
            f"« {given} » n'est pas une adresse web : elle doit commencer par http:// ou https://"
        )
    issuer = Issuer(
        name=args.issuer or os.environ.get(ISSUER_ENV, "").strip() or DEFAULT_ISSUER.name,
        url=args.issuer_url,
    )
    try:
        db = open_database(database_path(args.db))
    except StorageError as exc:
        return _error(str(exc))
    base_url = given or card_base_url(db)
    try:
        summary = write_session_summary(
            db,
            int(args.session),
            args.out,
            base_url=base_url,
            with_badges=args.badges,
            issuer=issuer,
            trainings_from=None if args.no_trainings else trainings_from,
        )
    except (SessionError, StorageError, OSError) as exc:
        return _error(str(exc))
    finally:
        db.close()
    written, cards = summary.written, summary.cards
    for warning in summary.warnings:
        print(f"Attention : {warning}", file=sys.stderr)
    local = local_address_warning(base_url)
    if local:
        print(red(f"Attention : {local}", sys.stderr), file=sys.stderr)
    print(f"{counted(len(written.pngs), 'carte')} : {args.out / 'cartes'}")
    print(f"À imprimer : {written.pdf}")
    print(f"Preuves (pour le conseiller) : {written.evidence}")
    if args.badges:
        print(
            f"{counted(len(written.badges), 'badge')} Open Badges 3.0 {agree(len(written.badges), 'signé', 'signés')} : {args.out / 'badges'}"
        )
        if summary.signer is not None:
            identity = summary.signer.identity
            how = "clé du réseau" if identity.enrolled else "clé locale de cet ordinateur"
            print(f"Émetteur : {identity.organisation} ({how} : {identity.did})")
        for problem in written.invalid_badges:
            print(f"Attention : badge non conforme au schéma OB 3.0 : {problem}", file=sys.stderr)
    to_complete = [c.pseudonym for c in cards if c.needs_facilitator]
    if to_complete:
        print(f"À compléter avec l'animateur : {', '.join(to_complete)}")
    return 0


def red(text: str, stream: Any) -> str:
    """Red on a terminal (not when NO_COLOR is set or the output is a file)."""
    if os.environ.get("NO_COLOR") or not getattr(stream, "isatty", lambda: False)():
        return text
    return f"\033[1;31m{text}\033[0m"


def _error(message: str) -> int:
    print(f"Erreur : {message}", file=sys.stderr)
    return 1
