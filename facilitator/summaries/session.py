"""A whole session's summary from plain inputs: cards (PNG, one PDF), badges, evidence trail.

No database here: ``inputs.load_session_inputs`` reads storage, the demo script and the bench
build ``SessionInputs`` from a walkthrough. Output files and what they hold:

* ``cartes/NN-pseudo.png`` — one card per player, for screens and phones;
* ``cartes.pdf`` — every card, one A4 page each, to print;
* ``preuves.json`` — every level with the events behind it (for the counsellor);
* ``badges/CODE-competence.json`` — with ``--badges``: one signed OB 3.0 credential per skill.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from engine.core.events import Event
from engine.format.scenario import Scenario
from engine.reference.rome import RomeJob
from engine.reference.skills import SkillsFramework, load_framework
from facilitator.credentials import multikey
from facilitator.credentials.issuers import SigningIdentity
from facilitator.summaries import badges as ob
from facilitator.summaries.card import DEFAULT_BASE_URL, address_of, build_card, write_cards
from facilitator.summaries.evidence import PlayerEvidence, compute_evidence
from facilitator.summaries.jobs import propose_jobs
from facilitator.summaries.model import JobLine, PlayerCard, TrainingLine


@dataclass(frozen=True, slots=True)
class PlayerKey:
    """What storage knows about a player beyond the events: the card's link and code."""

    player_id: str
    token: str
    short_code: str
    home_town: str | None = None


@dataclass(frozen=True)
class SessionInputs:
    events: Sequence[Event]
    players: Sequence[PlayerKey]
    scenario: Scenario | None
    scenario_title: str
    day: date
    refs: Sequence[int] | None = None  # stored sequence numbers, one per event


TrainingsFor = Callable[[PlayerKey, Sequence[JobLine]], list[TrainingLine]]


@dataclass
class Written:
    pngs: list[Path] = field(default_factory=list)
    pdf: Path | None = None
    evidence: Path | None = None
    badges: list[Path] = field(default_factory=list)
    invalid_badges: list[str] = field(default_factory=list)
    missing_players: list[str] = field(default_factory=list)


def build_cards(
    inputs: SessionInputs,
    *,
    framework: SkillsFramework | None = None,
    territory: Mapping[str, RomeJob] | None = None,
    trainings_for: TrainingsFor | None = None,
) -> tuple[list[PlayerCard], dict[str, PlayerEvidence], list[str]]:
    """Cards for every player that storage knows, in joining order.

    Returns the cards, everyone's evidence, and the ids of players seen in the events but
    unknown to storage (no token: no card, so that no QR code points nowhere).
    """
    framework = framework or load_framework()
    evidence = compute_evidence(inputs.events, inputs.scenario, framework, refs=inputs.refs)
    keys = {p.player_id: p for p in inputs.players}
    scenario_jobs = inputs.scenario.jobs if inputs.scenario is not None else []
    cards, missing = [], []
    for player_id, found in evidence.items():
        key = keys.get(player_id)
        if key is None:
            missing.append(player_id)
            continue
        jobs = propose_jobs(
            {s.skill: s.level for s in found.skills}, scenario_jobs, territory, framework=framework
        )
        trainings = trainings_for(key, jobs) if trainings_for is not None else None
        cards.append(
            build_card(
                found,
                token=key.token,
                short_code=key.short_code,
                scenario_title=inputs.scenario_title,
                day=inputs.day,
                jobs=jobs,
                trainings=trainings,
                framework=framework,
                address=address_of(inputs.scenario),
            )
        )
    return cards, evidence, missing


def write_outputs(
    cards: Sequence[PlayerCard],
    evidence: Mapping[str, PlayerEvidence],
    out: Path,
    *,
    base_url: str = DEFAULT_BASE_URL,
    with_badges: bool = False,
    signer: ob.BadgeSigner | None = None,
    issued: datetime | None = None,
    framework: SkillsFramework | None = None,
) -> Written:
    """Write the PNGs, the PDF, the evidence trail and (optionally) the signed badges.

    Without ``signer`` the badges are signed with a throw-away ``did:key`` for « Mission
    Locale » and carry no revocation status (demo and benchmark runs, no database).
    """
    written = Written()
    if with_badges:
        signer = signer or ob.BadgeSigner(ephemeral_identity(ob.DEFAULT_ISSUER.name))
        if not signer.identity.enrolled:
            cards = [replace(card, badge_note=LOCAL_KEY_NOTE) for card in cards]
    folder = out / "cartes"
    folder.mkdir(parents=True, exist_ok=True)
    written.pngs = [
        folder / f"{n:02d}-{safe_name(card.pseudonym)}.png" for n, card in enumerate(cards, start=1)
    ]
    written.pdf = out / "cartes.pdf"
    title = f"Cartes de compétences – {cards[0].scenario_title}" if cards else ""
    write_cards(cards, written.pngs, written.pdf, base_url=base_url, title=title)
    written.evidence = out / "preuves.json"
    written.evidence.write_text(
        json.dumps(evidence_trail(cards, evidence), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    if with_badges:
        moment = issued or datetime.now(UTC)
        for card in cards:
            assert signer is not None
            credentials = ob.player_credentials(
                evidence[card.player_id],
                token=card.token,
                scenario_title=card.scenario_title,
                issued=moment,
                signer=signer,
                framework=framework,
            )
            for data in credentials:
                problems = ob.validate_credential(data)
                written.invalid_badges += [f"{card.short_code}: {p}" for p in problems]
            names = [
                f"{card.short_code}-{s.skill}" for s in evidence[card.player_id].skills if s.level
            ]
            written.badges += ob.write_credentials(credentials, names, out / "badges")
        (out / "badges").mkdir(parents=True, exist_ok=True)
        (out / "badges" / "LISEZMOI.txt").write_text(BADGES_README, encoding="utf-8")
    return written


BADGES_README = """Badges numériques (Open Badges 3.0)

Un fichier par compétence observée et par joueur : CODE-competence.json, où CODE est le code
imprimé sous le QR de la carte. Chaque badge est signé numériquement par la Mission Locale
(Data Integrity, eddsa-rdfc-2022) : tout le monde peut le vérifier, et une seule lettre
changée le rend invalide. Les badges ne contiennent ni pseudo ni nom, seulement un
identifiant opaque tiré du lien de la carte.
"""

#: Printed on the card when the laptop signs with its own key (not one issued by the hub).
LOCAL_KEY_NOTE = "Badges signés sur cet ordinateur, pas encore relié au réseau Déclic."


def ephemeral_identity(organisation: str) -> SigningIdentity:
    """A one-off ``did:key`` identity kept in memory only (no database at hand)."""
    private = multikey.new_private_key()
    public = private.public_key()
    return SigningIdentity(
        organisation, multikey.did_key(public), multikey.did_key_method(public), private, False
    )


def evidence_trail(
    cards: Sequence[PlayerCard], evidence: Mapping[str, PlayerEvidence]
) -> dict[str, Any]:
    """Every level with its sentences, sources and event references: the "why" of each card."""
    players = []
    for card in cards:
        found = evidence[card.player_id]
        players.append(
            {
                "player": card.player_id,
                "short_code": card.short_code,
                "pseudonym": card.pseudonym,
                "needs_facilitator": found.needs_facilitator,
                "self_assessed": list(found.self_assessed),
                "self_assessed_event": found.self_ref,
                "skills": [
                    {
                        "skill": s.skill,
                        "level": s.level,
                        "level_text": s.level_text,
                        "self_assessed": s.self_assessed,
                        "evidence": [
                            {
                                "text": i.text,
                                "source": i.source,
                                "event": i.ref,
                                "shared_by": i.shared,
                            }
                            for i in s.items
                        ],
                    }
                    for s in found.skills
                ],
                "participation": [{"text": t, "event": r} for t, r in found.participation],
                "team_achievements": [{"text": t, "event": r} for t, r in found.team_achievements],
                "jobs": [
                    {
                        "code": j.code,
                        "title": j.title,
                        "matched_skills": list(j.matched_skills),
                        "from_scenario": j.from_scenario,
                    }
                    for j in card.jobs
                ],
                "ignored_events": list(found.ignored),
            }
        )
    return {
        "scale": "0 pas observé · 1 vu une fois · 2 vu plusieurs fois ou confirmé · 3 vu souvent",
        "players": players,
    }


def safe_name(text: str) -> str:
    """A pseudonym as a portable file name part (accents dropped, other signs as dashes)."""
    bare = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in bare if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_only).strip("-")[:24] or "joueur"
