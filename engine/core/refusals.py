"""Every way the rules refuse an action: a code, and the values its text shows.

The texts live in ``assets/locale/{fr,en}.yaml`` under ``refusal.<code>`` (read by
``engine.locale.refusal_text``), so that a game in English says why in English and a
facilitator can reword them without touching code. A test checks that every code raised by
``engine.core.rules`` is listed here and has a text in every language with these values.
"""

from __future__ import annotations

#: Code -> names of the values (``{team}``) its text shows.
REFUSALS: dict[str, tuple[str, ...]] = {
    "game_over": (),
    "clock_only": (),
    "players_only": (),
    "not_joined": (),
    "facilitator_only": (),
    "not_started": (),
    "paused": (),
    "not_your_turn": ("team",),
    "not_your_turn_other": (),
    "no_team": (),
    "team_done": (),
    "not_running": (),
    "not_paused": (),
    "no_timer": (),
    "bad_minutes": ("minutes",),
    "already_joined": (),
    "no_pseudonym": (),
    "invisible_pseudonym": (),
    "invisible_team": (),
    "full": (),
    "too_many_teams": ("teams",),
    "already_started": (),
    "no_players": (),
    "no_exit": (),
    "not_here": (),
    "not_carried": (),
    "missing_items": ("items",),
    "nothing_open": (),
    "no_turns": (),
    "not_open": (),
    "unknown_team": (),
    "not_in_progress": (),
    "unknown_player": (),
    "no_skill": (),
    "three_skills": (),
    "no_text": (),
    "long_text": ("limit",),
}
