"""Evidence that means something: warn when a skill rule rewards what any play does.

Two checks, both on the scenario as written:

- W111: the rule can be met by any play: ``when: solved`` (every team that finishes solves
  it), a first try on a puzzle a guess gets right one time in three, or a scenario
  ``evidence`` effect (credited to whoever passes by).
- W112: the rule does not ask for the behaviour the skill needs (``assets/skills/evidence.yaml``):
  persévérance without failed attempts, rigueur without counted attempts, contrôle de soi
  recorded by the game instead of the facilitator…
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from engine.format import effects as fx
from engine.format import walk
from engine.format.puzzles import (
    CombinePuzzle,
    EvidenceRule,
    FindPuzzle,
    MultipleChoicePuzzle,
    OrderPuzzle,
    PairsPuzzle,
    PuzzleBase,
    SingleChoicePuzzle,
)
from engine.format.scenario import Scenario
from engine.load.yaml_source import Path_
from engine.reference import assets_dir

#: A first try right this often by chance proves nothing (one in three or better).
GUESSABLE = 1 / 3

#: (where, code, message, hint) — the lint adds the file, line and column.
Finding = tuple[Path_, str, str, str]


@dataclass(frozen=True)
class Guidance:
    """What counts as evidence of one skill (one entry of assets/skills/evidence.yaml)."""

    skill: str
    counts: str
    by: str
    when: tuple[str, ...] = ()
    after_wrong: bool = False
    limited_attempts: bool = False
    clue_in_game: bool = False


@cache
def guidance() -> dict[str, Guidance]:
    """The shipped guidance, by skill slug."""
    text = (assets_dir() / "skills" / "evidence.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return {
        slug: Guidance(
            skill=slug,
            counts=entry["counts"],
            by=entry["by"],
            when=tuple(entry.get("when", ())),
            after_wrong=bool(entry.get("after_wrong", False)),
            limited_attempts=bool(entry.get("limited_attempts", False)),
            clue_in_game=bool(entry.get("clue_in_game", False)),
        )
        for slug, entry in data["skills"].items()
    }


def guess_chance(puzzle: PuzzleBase) -> float:
    """The chance that one random answer is right (0 for typed answers)."""
    if isinstance(puzzle, SingleChoicePuzzle):
        return 1 / len(puzzle.options)
    if isinstance(puzzle, FindPuzzle):
        return 1 / len(puzzle.areas)
    if isinstance(puzzle, MultipleChoicePuzzle):
        return 1.0 / float(2 ** len(puzzle.options) - 1)
    if isinstance(puzzle, OrderPuzzle):
        return (1 + len(puzzle.also_right)) / math.factorial(len(puzzle.items))
    if isinstance(puzzle, PairsPuzzle):
        return 1 / math.factorial(len(puzzle.pairs))
    if isinstance(puzzle, CombinePuzzle):
        return 1.0  # no wrong answer exists: every combination tried is a first try
    return 0.0


def any_play(rule: EvidenceRule, puzzle: PuzzleBase) -> str | None:
    """Why any team would meet this rule, or None."""
    if rule.after_wrong is not None:
        return None
    if rule.when == "solved":
        return "toute équipe qui réussit l'énigme l'obtient"
    if rule.when == "first_try" and guess_chance(puzzle) >= GUESSABLE:
        chance = guess_chance(puzzle)
        if isinstance(puzzle, CombinePuzzle):
            return (
                "une combinaison n'a pas de mauvaise réponse : c'est toujours « du premier coup »"
            )
        return f"une réponse au hasard est juste {round(chance * 100)} fois sur 100"
    return None


def missing_behaviour(rule: EvidenceRule, puzzle: PuzzleBase, known: Guidance) -> str | None:
    """What the skill needs that this rule does not ask for, or None."""
    if known.by == "facilitator":
        return "seul l'animateur peut le voir : mettez-la dans `observe:` de l'énigme"
    if known.after_wrong and rule.after_wrong is None:
        return "il faut s'être trompé puis avoir réussi : ajoutez `after_wrong: 1`"
    if known.when and rule.when not in known.when:
        allowed = ", ".join(f"`{w}`" for w in known.when)
        return f"la règle doit être {allowed}"
    if known.limited_attempts and puzzle.attempts is None:
        return "le premier essai ne compte que si les essais sont comptés : ajoutez `attempts:`"
    if known.clue_in_game and (puzzle.clue is None or puzzle.clue.knowledge):
        return "la réponse doit se trouver dans le jeu (`clue:` vers un objet, une scène ou un point d'intérêt)"
    return None


def evidence_findings(scenario: Scenario) -> Iterator[Finding]:
    """W111 and W112 for every skill rule and ``evidence`` effect of the scenario."""
    known = guidance()
    for i, puzzle in enumerate(scenario.puzzles):
        for k, rule in enumerate(puzzle.skills):
            path: Path_ = ("puzzles", i, "skills", k)
            why = any_play(rule, puzzle)
            if why:
                yield (
                    path,
                    "W111",
                    f"la compétence « {rule.skill} » de « {puzzle.id} » est donnée sans rien "
                    f"montrer : {why}",
                    "Demandez un comportement (`first_try` avec des essais comptés, `no_hint`, "
                    "`after_wrong`), ou laissez l'animateur l'observer (`observe:`).",
                )
            entry = known.get(rule.skill)
            lacking = missing_behaviour(rule, puzzle, entry) if entry else None
            if lacking:
                yield (
                    path,
                    "W112",
                    f"« {rule.skill} » ({entry.counts if entry else ''}) : {lacking}",
                    "",
                )
    for path, effect in walk.effects(scenario):
        if isinstance(effect, fx.Evidence):
            yield (
                (*path, "evidence"),
                "W111",
                f"l'effet « evidence » donne « {effect.evidence.skill} » à toute l'équipe qui "
                "passe par là, quoi qu'elle fasse",
                "Mettez la compétence sur une énigme, avec une règle qui demande un comportement.",
            )
