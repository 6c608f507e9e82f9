"""Can the teams of a ``turns`` scenario all play within its duration?

On one screen, teams play one challenge each in turn: the session lasts about the sum of
every team's play, plus the hand-over between turns. ``declic lint`` warns (W113) when the
largest number of teams the scenario accepts would not finish within ``duration_minutes``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from engine.core import actions as ac
from engine.format.scenario import Scenario
from engine.load.yaml_source import Path_

#: Seconds for one team to hand the screen to the next (stand up, sit down, say who plays).
HANDOVER_SECONDS = 20

Finding = tuple[Path_, str, str, str]


def session_minutes(team_seconds: float, challenges: int, teams: int) -> float:
    """The estimated session length for ``teams`` teams taking turns."""
    return teams * (team_seconds + challenges * HANDOVER_SECONDS) / 60


def rally_findings(
    scenario: Scenario, solutions: Sequence[tuple[float, Sequence[object]]]
) -> Iterator[Finding | str]:
    """W113 past the duration; else an info line. ``solutions``: (seconds, moves) per start."""
    if scenario.team_mode != "turns" or scenario.teams is None or not solutions:
        return
    seconds, moves = max(solutions, key=lambda s: s[0])
    challenges = sum(1 for m in moves if isinstance(m, ac.Answer | ac.Combine))
    most = scenario.teams.max
    minutes = session_minutes(seconds, challenges, most)
    text = (
        f"avec {most} équipes qui jouent chacune leur tour ({challenges} défis chacune), "
        f"environ {minutes:.0f} min de jeu (durée prévue {scenario.duration_minutes} min)"
    )
    if minutes > scenario.duration_minutes:
        fits = max(
            (
                n
                for n in range(1, most + 1)
                if session_minutes(seconds, challenges, n) <= scenario.duration_minutes
            ),
            default=0,
        )
        yield (
            ("teams", "max"),
            "W113",
            text,
            f"Limitez à {fits} équipes (`teams: {{max: {fits}}}`), ou enlevez des défis."
            if fits >= 2
            else "Enlevez des défis, ou allongez `duration_minutes`.",
        )
    else:
        yield text
