"""Whether a solve showed the behaviour a skill needs, beyond the rule's ``when``.

A card that praises a skill the player never showed breaks the promise of the game: a rule
may ask for more than the solve itself (``after_wrong``: persévérance only after failed
attempts, then success). Pure and small so that the rules and the lint read the same check.
"""

from __future__ import annotations

from engine.core import events as ev
from engine.format.puzzles import EvidenceRule


def behaviour_shown(rule: EvidenceRule, solved: ev.PuzzleSolved) -> bool:
    """True when the solve meets the rule's extra requirement (none: always)."""
    return rule.after_wrong is None or solved.wrong >= rule.after_wrong
