"""Write a stored session's summary to disk, and remember every file for ``forget``.

Used by ``declic summary`` and by the ending screen of a workshop session. Every file Déclic
writes is recorded in storage's ``exports`` table (per player where it is one player's file)
so that erasing a player also erases their cards and badges.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import sqlite_utils

from engine.typography import counted
from facilitator.credentials import status
from facilitator.credentials.issuers import SqliteKeyStore
from facilitator.sessions.service import SessionError
from facilitator.storage.exports import EVIDENCE_FORMAT, record_export
from facilitator.storage.hub_link import read_link
from facilitator.storage.players import session_players
from facilitator.summaries import badges as ob
from facilitator.summaries.card import DEFAULT_BASE_URL
from facilitator.summaries.inputs import load_session_inputs
from facilitator.summaries.model import PlayerCard
from facilitator.summaries.session import TrainingsFor, Written, build_cards, write_outputs

LOW_RESERVE = 500  # positions in the hub's list: about 100 players' badges

#: Given the database and the day of the session, what proposes trainings on a card (or None).
TrainingsSource = Callable[[sqlite_utils.Database, date], TrainingsFor | None]


@dataclass
class SessionSummary:
    written: Written
    cards: list[PlayerCard]
    warnings: list[str] = field(default_factory=list)
    signer: ob.BadgeSigner | None = None  # who signed the badges, when there are some


def write_session_summary(
    db: sqlite_utils.Database,
    session_id: int,
    out: Path,
    *,
    base_url: str | None = None,
    with_badges: bool = False,
    issuer: ob.Issuer = ob.DEFAULT_ISSUER,
    trainings_from: TrainingsSource | None = None,
) -> SessionSummary:
    """Cards (PNG, PDF), evidence trail and badges for ``session_id``, written into ``out``.

    ``base_url`` (the QR codes' address) defaults to the hub this laptop is enrolled with.
    ``trainings_from`` (``facilitator.trainings.for_cards.trainings_from``) is passed in by the
    command line, so that summaries do not depend on the training catalogue.
    """
    base_url = base_url or card_base_url(db)
    inputs, warnings = load_session_inputs(db, session_id)
    trainings = trainings_from(db, inputs.day) if trainings_from is not None else None
    cards, evidence, missing = build_cards(inputs, trainings_for=trainings)
    if not cards:
        raise SessionError("aucun joueur dans cette session : rien à écrire.")
    signer = badge_signer(db, issuer, base_url) if with_badges else None
    written = write_outputs(
        cards, evidence, out, base_url=base_url, with_badges=with_badges, signer=signer
    )
    warnings += [f"le joueur « {p} » n'a pas de carte (inconnu de la base)." for p in missing]
    if signer is not None and signer.identity.enrolled:
        warnings += _reserve_warning(db, signer.identity.did, base_url)
    _record(db, session_id, written, cards)
    return SessionSummary(written, cards, warnings, signer)


def card_base_url(db: sqlite_utils.Database) -> str:
    """The address in the QR codes: the hub's once this laptop is enrolled, else this one's."""
    link = read_link(db)
    return link.url if link else DEFAULT_BASE_URL


def _reserve_warning(db: sqlite_utils.Database, did: str, base_url: str) -> list[str]:
    """A warning when the positions the hub reserved for this laptop's badges run low."""
    left = status.reserve_left(db, status.status_list_for(db, did, base_url))
    if left >= LOW_RESERVE:
        return []
    return [
        f"il ne reste que {counted(left, 'place réservée', 'places réservées')} par le hub pour les badges de ce poste : "
        "connectez-le au hub (declic hub push) avant le prochain atelier, sinon la révocation "
        "des badges suivants ne sera pas garantie."
    ]


def badge_signer(db: sqlite_utils.Database, issuer: ob.Issuer, base_url: str) -> ob.BadgeSigner:
    """Sign as the organisation ``issuer`` names, with its key on this laptop (hub-issued when
    enrolled, else a local ``did:key``); each badge gets a place in its revocation list, which
    the portal at ``base_url`` publishes."""
    link = read_link(db)
    if issuer == ob.DEFAULT_ISSUER and link is not None and link.organisation:
        issuer = ob.Issuer(link.organisation)  # enrolled: the hub's organisation by default
    identity = SqliteKeyStore(db).identity(issuer.name, issuer.url)
    status_list = status.status_list_for(db, identity.did, base_url)

    def status_for(credential_id: str, subject: str) -> dict[str, Any]:
        return status.allocate(db, status_list, credential_id, subject)

    return ob.BadgeSigner(identity, status_for, batch=db.atomic)


def _record(
    db: sqlite_utils.Database, session_id: int, written: Written, cards: list[PlayerCard]
) -> None:
    rows = {p.token: p.id for p in session_players(db, session_id)}
    by_code = {card.short_code: rows.get(card.token) for card in cards}
    for card, png in zip(cards, written.pngs, strict=True):
        record_export(db, png, "png", session_id, player_row=rows.get(card.token))
    if written.pdf is not None:
        record_export(db, written.pdf, "pdf", session_id)
    if written.evidence is not None:  # its own format: forget rewrites it as a trail
        record_export(db, written.evidence, EVIDENCE_FORMAT, session_id)
    for badge in written.badges:
        owner = next((row for code, row in by_code.items() if badge.name.startswith(code)), None)
        record_export(db, badge, "badge", session_id, player_row=owner)
