"""The skills card as plain data: what ``card`` draws, what ``badges`` exports.

Plain frozen dataclasses, so that a card can be built by hand in a test, compared, and drawn
by any renderer without knowing where the data came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from typing import Literal

Source = Literal["game", "facilitator", "self"]


@dataclass(frozen=True, slots=True)
class SkillLine:
    """One observed skill on the card, with the single evidence sentence shown for it.

    ``event_refs`` are the positions (or stored sequence numbers) of every event behind the
    level, so a counsellor can always ask "why this level?".
    """

    skill_id: str
    label: str
    rome_code: str
    rome_label: str
    at_work: str
    level: int
    level_text: str
    evidence: str
    sources: tuple[Source, ...]
    self_assessed: bool = False
    event_refs: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class JobLine:
    """A real ROME job and why it is proposed (the player's skills it asks for)."""

    code: str
    title: str
    matched_skills: tuple[str, ...] = ()
    matched_labels: tuple[str, ...] = ()
    from_scenario: bool = False
    reason: str = ""


@dataclass(frozen=True, slots=True)
class TrainingLine:
    """A training offer to show on the card; built by the training catalogue (another module)."""

    title: str
    organisation: str | None = None
    place: str | None = None
    when: str | None = None
    rome_code: str | None = None


@dataclass(frozen=True, slots=True)
class PlayerCard:
    """Everything printed on one player's skills card.

    ``self_assessed``: player-facing labels of the skills the player chose for themself.
    ``team_summary``: short true sentences about what the player and their team did, shown
    when few skills were observed (and always available to the counsellor).
    ``needs_facilitator``: nothing was observed for this player; the card says the
    facilitator should complete it instead of inventing a skill.
    """

    player_id: str
    pseudonym: str
    token: str
    short_code: str
    scenario_title: str
    date: Date
    skills: list[SkillLine]
    self_assessed: list[str]
    jobs: list[JobLine]
    trainings: list[TrainingLine] | None = None
    team_summary: list[str] = field(default_factory=list)
    needs_facilitator: bool = False
    badge_note: str | None = None  # how the badges were signed, when the card should say it
    address: str = "vous"  # the scenario's « tu » or « vous », for the team sentences
