"""What a stored session's summary is made from, read from the workshop database.

The only module of ``summaries`` that reads storage (through ``facilitator.storage`` and
``facilitator.sessions``); everything else takes plain inputs.
"""

from __future__ import annotations

from datetime import datetime

import sqlite_utils

from facilitator.sessions.service import SessionError, get_session, load_valid_scenario
from facilitator.storage.events import load_stored
from facilitator.storage.players import session_players
from facilitator.summaries.session import PlayerKey, SessionInputs


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
