"""Write a stored session's summary to disk, and remember every file for ``forget``.

Used by ``declic summary`` and by the ending screen of a workshop session. Every file Déclic
writes is recorded in storage's ``exports`` table (per player where it is one player's file)
so that erasing a player also erases their cards and badges.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from facilitator.sessions.service import SessionError
from facilitator.storage.exports import EVIDENCE_FORMAT, record_export
from facilitator.storage.players import session_players
from facilitator.summaries import badges as ob
from facilitator.summaries.cli import card_base_url, load_session_inputs, trainings_from
from facilitator.summaries.model import PlayerCard
from facilitator.summaries.session import Written, build_cards, write_outputs


@dataclass
class SessionSummary:
    written: Written
    cards: list[PlayerCard]
    warnings: list[str] = field(default_factory=list)


def write_session_summary(
    db: sqlite_utils.Database,
    session_id: int,
    out: Path,
    *,
    base_url: str | None = None,
    with_badges: bool = False,
    issuer: ob.Issuer = ob.DEFAULT_ISSUER,
    with_trainings: bool = True,
) -> SessionSummary:
    """Cards (PNG, PDF), evidence trail and badges for ``session_id``, written into ``out``.

    ``base_url`` (the QR codes' address) defaults to the hub this laptop is enrolled with."""
    base_url = base_url or card_base_url(db)
    inputs, warnings = load_session_inputs(db, session_id)
    trainings = trainings_from(db, inputs.day) if with_trainings else None
    cards, evidence, missing = build_cards(inputs, trainings_for=trainings)
    if not cards:
        raise SessionError("aucun joueur dans cette session : rien à écrire.")
    written = write_outputs(
        cards, evidence, out, base_url=base_url, with_badges=with_badges, issuer=issuer
    )
    warnings += [f"le joueur « {p} » n'a pas de carte (inconnu de la base)." for p in missing]
    _record(db, session_id, written, cards)
    return SessionSummary(written, cards, warnings)


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
