"""From the event log to each player's skills: evidence sentences, sources and a level.

Pure and deterministic: the same events always give the same result, and every level keeps
the positions of the events it comes from (``refs``), so it can be explained. The scale and the
rules are documented in ``docs/skills.md``:

* 0 — not observed (a skill the player only chose for themself stays at 0);
* 1 — seen once (one situation);
* 2 — seen in two situations, or confirmed by the facilitator;
* 3 — seen often: three situations or more, or two situations and confirmed by the facilitator.

A *situation* is one puzzle (two rules of the same puzzle showing the same skill count once),
one facilitator observation, or one scenario ``evidence`` effect. Team evidence counts for
every player credited in the event's ``players``. Self-assessment is kept beside what was
observed and never raises the level. Hints never lower anything: a hint is team work too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

from engine.core import events as ev
from engine.format.scenario import Scenario
from engine.reference.skills import SkillsFramework, load_framework
from facilitator.summaries.model import Source

MAX_LEVEL = 3
#: how a team achievement ends when the facilitator skipped the puzzle (never « réussi »)
SKIPPED = "passée avec l'animateur"

#: Player-facing words for each level: the level is never shown by colour or dots alone.
LEVEL_TEXT = {
    0: "Pas encore observé",
    1: "Vu une fois",
    2: "Vu plusieurs fois",
    3: "Vu souvent",
}
CONFIRMED_TEXT = "Confirmé par l'animateur"
FACILITATOR_DEFAULT = "Remarqué par l'animateur"


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One piece of evidence for one player: a French sentence and the event it comes from."""

    text: str
    source: Source
    ref: int
    situation: str
    shared: int = 1  # how many players the event credits (team evidence when > 1)


@dataclass(frozen=True, slots=True)
class SkillEvidence:
    skill: str
    level: int
    items: tuple[EvidenceItem, ...]
    self_assessed: bool = False

    @property
    def refs(self) -> tuple[int, ...]:
        return tuple(item.ref for item in self.items)

    @property
    def sources(self) -> tuple[Source, ...]:
        seen = dict.fromkeys(item.source for item in self.items)
        return tuple(seen) + (("self",) if self.self_assessed else ())

    @property
    def situations(self) -> int:
        return len({item.situation for item in self.items})

    @property
    def confirmed(self) -> bool:
        return any(item.source == "facilitator" for item in self.items)

    @property
    def level_text(self) -> str:
        if self.level == 2 and self.confirmed and self.situations < 2:
            return CONFIRMED_TEXT
        return LEVEL_TEXT[self.level]

    @property
    def best(self) -> EvidenceItem:
        """The sentence to print: a facilitator's own words first, then the first game one."""
        noted = [
            i for i in self.items if i.source == "facilitator" and i.text != FACILITATOR_DEFAULT
        ]
        return noted[0] if noted else self.items[0]

    @property
    def for_player(self) -> EvidenceItem:
        """The sentence the young person's own card shows. A facilitator's free words stay
        with the counsellor (they may name other players): a game sentence first, else the
        facilitator's standard sentence."""
        game = [i for i in self.items if i.source == "game"]
        if game:
            return game[0]
        return dataclasses.replace(self.items[0], text=FACILITATOR_DEFAULT)


@dataclass(frozen=True, slots=True)
class PlayerEvidence:
    """What one player showed. ``skills`` holds observed skills only (level ≥ 1), strongest
    first; ``self_only`` the skills the player chose but that were not observed."""

    player: str
    pseudonym: str
    team: str | None
    team_name: str | None
    skills: tuple[SkillEvidence, ...]
    self_assessed: tuple[str, ...] = ()
    self_ref: int | None = None
    self_only: tuple[str, ...] = ()
    participation: tuple[tuple[str, int], ...] = ()
    team_achievements: tuple[tuple[str, int], ...] = ()
    ignored: tuple[int, ...] = field(default=())

    @property
    def needs_facilitator(self) -> bool:
        """Nothing observed: the card must say the facilitator completes it."""
        return not self.skills

    def strongest(self, count: int = 3) -> tuple[SkillEvidence, ...]:
        return self.skills[:count]


def level_for(items: Sequence[EvidenceItem]) -> int:
    """The documented scale, from the distinct situations and the facilitator's confirmation."""
    if not items:
        return 0
    situations = len({item.situation for item in items})
    confirmed = any(item.source == "facilitator" for item in items)
    if situations >= 3 or (situations >= 2 and confirmed):
        return 3
    if situations >= 2 or confirmed:
        return 2
    return 1


def compute_evidence(
    events: Sequence[ev.Event],
    scenario: Scenario | None = None,
    framework: SkillsFramework | None = None,
    *,
    refs: Sequence[int] | None = None,
) -> dict[str, PlayerEvidence]:
    """Every joined player's evidence, keyed by player id, in joining order.

    ``refs`` gives each event's stored sequence number (default: its position in ``events``).
    Evidence naming a skill the framework does not know is left out and listed in ``ignored``.
    """
    framework = framework or load_framework()
    if refs is not None and len(refs) != len(events):
        raise ValueError("refs must give one number per event")
    ref_of = list(refs) if refs is not None else list(range(len(events)))
    titles = _titles(scenario)

    joined: dict[str, ev.PlayerJoined] = {}
    items: dict[str, dict[str, list[EvidenceItem]]] = {}
    chosen: dict[str, tuple[tuple[str, ...], int]] = {}
    acted: dict[str, dict[str, int]] = {}
    achieved: dict[str, dict[str, int]] = {}
    ignored: dict[str, list[int]] = {}

    for index, event in enumerate(events):
        ref = ref_of[index]
        if isinstance(event, ev.PlayerJoined) and event.player is not None:
            joined.setdefault(event.player, event)
        elif isinstance(event, ev.EvidenceRecorded):
            _record(event, ref, framework, items, ignored)
        elif isinstance(event, ev.SelfAssessed) and event.player is not None:
            slugs = tuple(s for s in (_slug(framework, k) for k in event.skills) if s is not None)
            chosen[event.player] = (tuple(dict.fromkeys(slugs)), ref)
        elif isinstance(event, ev.PuzzleSolved):
            name = titles.get(event.puzzle, event.puzzle)
            for player in event.participants:
                acted.setdefault(player, {}).setdefault(f"A participé à « {name} »", ref)
            if event.team is not None:
                achieved.setdefault(event.team, {}).setdefault(f"« {name} » réussi", ref)
        elif isinstance(event, ev.PuzzleSkipped) and event.team is not None:
            name = titles.get(event.puzzle, event.puzzle)  # said as passed, never as solved
            achieved.setdefault(event.team, {}).setdefault(f"Énigme « {name} » {SKIPPED}", ref)
        elif isinstance(event, ev.TeamEnded) and event.team is not None:
            ending = scenario_ending(scenario, event.ending)
            if ending is not None:
                achieved.setdefault(event.team, {}).setdefault(ending, ref)
        elif _is_action(event) and event.player is not None:
            acted.setdefault(event.player, {}).setdefault("A joué avec son équipe", ref)

    result: dict[str, PlayerEvidence] = {}
    order = {slug: i for i, slug in enumerate(framework.ids)}
    for player, join in joined.items():
        picked, self_ref = chosen.get(player, ((), None))
        skills = [
            SkillEvidence(slug, level_for(found), tuple(found), slug in picked)
            for slug, found in items.get(player, {}).items()
        ]
        skills.sort(
            key=lambda s: (
                -s.level,
                -s.situations,
                not s.confirmed,
                s.items[0].ref,
                order.get(s.skill, 0),
            )
        )
        observed = {s.skill for s in skills}
        team_done = achieved.get(join.team or "", {})
        result[player] = PlayerEvidence(
            player=player,
            pseudonym=join.pseudonym,
            team=join.team,
            team_name=join.team_name,
            skills=tuple(skills),
            self_assessed=picked,
            self_ref=self_ref,
            self_only=tuple(s for s in picked if s not in observed),
            participation=tuple(acted.get(player, {}).items()),
            team_achievements=tuple(team_done.items()),
            ignored=tuple(ignored.get(player, ())),
        )
    return result


def scenario_ending(scenario: Scenario | None, ending_id: str) -> str | None:
    """A successful ending's title as a team achievement; failed endings are not listed."""
    if scenario is None:
        return None
    for ending in scenario.endings:
        if ending.id == ending_id:
            return f"« {ending.title} »" if ending.success else None
    return None


def _record(
    event: ev.EvidenceRecorded,
    ref: int,
    framework: SkillsFramework,
    items: dict[str, dict[str, list[EvidenceItem]]],
    ignored: dict[str, list[int]],
) -> None:
    slug = _slug(framework, event.skill)
    credited = tuple(dict.fromkeys(event.players))
    if slug is None or event.source not in ("game", "facilitator"):
        for player in credited:
            ignored.setdefault(player, []).append(ref)
        return
    source: Source = "facilitator" if event.source == "facilitator" else "game"
    text = event.text.strip() or (
        FACILITATOR_DEFAULT if source == "facilitator" else "Vu pendant le jeu"
    )
    if source == "facilitator":
        situation = f"facilitator:{ref}"
    elif event.puzzle is not None:
        situation = f"puzzle:{event.puzzle}"
    else:
        situation = f"effect:{text}"
    for player in credited:
        found = items.setdefault(player, {}).setdefault(slug, [])
        found.append(EvidenceItem(text, source, ref, situation, len(credited)))


def _slug(framework: SkillsFramework, key: str) -> str | None:
    skill = framework.get(key)
    return skill.id if skill is not None else None


def _titles(scenario: Scenario | None) -> dict[str, str]:
    return {p.id: p.title for p in scenario.puzzles} if scenario is not None else {}


_ACTIONS = (
    ev.HotspotUsed,
    ev.PuzzleOpened,
    ev.AnswerChecked,
    ev.HintShown,
    ev.ItemExamined,
    ev.Moved,
)


#: Every event class ``compute_evidence`` reads; the others change nothing in its result.
_READ = (
    ev.PlayerJoined,
    ev.EvidenceRecorded,
    ev.SelfAssessed,
    ev.PuzzleSolved,
    ev.PuzzleSkipped,
    ev.TeamEnded,
    *_ACTIONS,
)
#: their kinds (and those of any subclass): a caller holding a log of stored rows decodes
#: only these, the rest of the log cannot change a card (``facilitator.hub.cards``).
READ_KINDS = frozenset(kind for kind, cls in ev.EVENT_TYPES.items() if issubclass(cls, _READ))


def _is_action(event: ev.Event) -> bool:
    """An event a player caused by acting in the game (a pushed hint is the facilitator's)."""
    if isinstance(event, ev.HintShown) and event.pushed:
        return False
    return isinstance(event, _ACTIONS)
