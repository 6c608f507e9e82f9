"""Roles (``roles:``): private clues dealt to the players' phones.

A role is worth having when its holder reads something the others need; with more roles
than players, one phone holds several and the team talks less. Unknown or doubled role ids
are the loader's (E014, E015); these are the warnings that need the whole scenario.
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.format.scenario import Scenario
from engine.load.yaml_source import Path_
from engine.typography import counted

Finding = tuple[Path_, str, str, str]


def fewest_players(scenario: Scenario) -> int:
    """The fewest players a team can have: the group's minimum, split between the most teams."""
    teams = scenario.teams.max if scenario.team_mode == "turns" and scenario.teams else 1
    return max(1, scenario.players.min // teams)


def role_findings(scenario: Scenario) -> Iterator[Finding]:
    roles = scenario.roles
    fewest = fewest_players(scenario)
    if len(roles) > fewest:
        extra = roles[fewest]
        yield (
            ("roles", fewest, "id"),
            "W130",
            f"{len(roles)} rôles pour {counted(fewest, 'joueur')} au moins par équipe : à partir de "
            f"« {extra.id} », un téléphone recevra plusieurs rôles",
            f"Gardez au plus {fewest} rôles, ou relevez « players: min » si ce jeu demande "
            "autant de joueurs.",
        )
    for i, role in enumerate(roles):
        if not role.clues:
            yield (
                ("roles", i, "clues") if "clues" in role.model_fields_set else ("roles", i, "id"),
                "W131",
                f"le rôle « {role.id} » ne donne aucun indice à son joueur",
                "Ajoutez-lui « clues: » (ce que seul ce joueur lit sur son téléphone), ou retirez-le.",
            )
