"""Roles (``roles:``): who holds which private clues, and what sharing one shows.

Roles are dealt by the rules, not by a screen, so that the record says who held which role:
a replay or a resumed session deals the same way, and a phone that comes back keeps its role.
They go only to the players who can read a private clue (those who joined from a phone): a
clue dealt to a keyboard player would be read by the whole room on the projector.
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.core.state import GameState, TeamState

#: The skill a shared role clue shows. The framework (ROME savoir-être) has no skill named
#: « communication »: telling the team what only you know is coordinating with them,
#: « Avoir l'esprit d'équipe », whose CléA domain (4) includes communicating in a team.
COMMUNICATION_SKILL = "equipe"

#: The ``rule`` of the evidence a shared role clue records (beside ``solved``, ``no_hint``…).
SHARED_CLUE_RULE = "role_clue"


def deal(roles: Sequence[str], holders: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Role ids dealt in turn to ``holders`` (in the order they joined): with fewer holders
    than roles, a holder gets several (the first gets the first, the 1 + n-th, …)."""
    if not holders:
        return {}
    return {
        holder: tuple(role for i, role in enumerate(roles) if i % len(holders) == turn)
        for turn, holder in enumerate(holders)
    }


def phone_holders(state: GameState, team_id: str) -> list[str]:
    """The team's players who joined from a phone, in the order they joined."""
    return [p.id for p in state.players.values() if p.team == team_id and p.phone]


def holders_of(team: TeamState, role: str) -> tuple[str, ...]:
    """The players of ``team`` who hold ``role`` (none before the roles are dealt)."""
    return tuple(player for player, held in team.roles.items() if role in held)


def shared_clue_text(role_name: str, puzzle_title: str) -> str:
    """Why the holder gets the evidence, in the words of the card."""
    return f"A partagé son indice de rôle ({role_name}) pour résoudre « {puzzle_title} »"
