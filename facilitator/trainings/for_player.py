"""From a player (card code, token, ``SESSION:ID`` or pseudonym) to the jobs and town to match.

The jobs are the ones on the player's skills card (``facilitator.summaries``), so that what the
counsellor sees in the terminal, on the card and in the portal is the same list.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from engine.reference.geo import Town, find_town
from engine.reference.skills import load_framework
from facilitator.storage.players import PlayerRow, find_players
from facilitator.summaries.evidence import compute_evidence
from facilitator.summaries.inputs import load_session_inputs
from facilitator.summaries.jobs import propose_jobs
from facilitator.summaries.model import JobLine


class PlayerNotFound(LookupError):
    """No player, or several, answer to the reference; the message says what to type."""


@dataclass(frozen=True)
class PlayerTarget:
    player: PlayerRow
    jobs: list[JobLine]
    town: Town | None


def player_target(db: sqlite_utils.Database, ref: str) -> PlayerTarget:
    rows = find_players(db, ref)
    if not rows:
        raise PlayerNotFound(
            f"aucun joueur ne correspond à « {ref} » : tapez le code de sa carte (ex. ABCD-EFGH)"
        )
    if len(rows) > 1:
        choices = ", ".join(f"{r.session_id}:{r.player_id}" for r in rows[:6])
        raise PlayerNotFound(f"plusieurs joueurs s'appellent « {ref} » : précisez {choices}")
    row = rows[0]
    inputs, _warnings = load_session_inputs(db, row.session_id)
    framework = load_framework()
    evidence = compute_evidence(inputs.events, inputs.scenario, framework, refs=inputs.refs)
    found = evidence.get(row.player_id)
    levels = {s.skill: s.level for s in found.skills} if found else {}
    scenario_jobs = inputs.scenario.jobs if inputs.scenario else []
    jobs = propose_jobs(levels, scenario_jobs, None, framework=framework)
    town = find_town(row.home_town) if row.home_town else None
    return PlayerTarget(row, jobs, town)
