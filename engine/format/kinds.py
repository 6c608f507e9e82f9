"""The kinds of scenario: escape game, job rally, tour of the region.

``SCENARIO_KINDS`` is the one list: the format's ``kind:`` values, ``declic new``'s templates
(``engine/authoring/templates/<kind>.yaml``), the loader's messages and the icon the player
shows are derived from it. What differs in the rules of a kind is checked by
``engine.load.check`` (``kind_rules``) and drawn by the player's screens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: The ``kind:`` values; must list the same tags as ``SCENARIO_KINDS`` (a test checks it).
Kind = Literal["escape", "rally", "tour"]


@dataclass(frozen=True)
class ScenarioKind:
    tag: str
    #: How a facilitator calls it, in French.
    name: str
    #: The name of the icon the player shows for it (``engine.player.icons``).
    icon: str


SCENARIO_KINDS: dict[str, ScenarioKind] = {
    kind.tag: kind
    for kind in (
        ScenarioKind("escape", "escape game", "cle"),
        ScenarioKind("rally", "rallye des métiers", "drapeau"),
        ScenarioKind("tour", "tour des métiers", "repere"),
    )
}

#: The icon of a kind this version does not know (a newer file, a kind without an icon yet).
FALLBACK_ICON = "etoile"


def kind_icon(kind: str) -> str:
    """The icon to show for ``kind``; never fails, so a new kind cannot break the screen."""
    known = SCENARIO_KINDS.get(kind)
    return known.icon if known is not None else FALLBACK_ICON


def kind_list(last_word: str = "ou") -> str:
    """``escape, rally ou tour``: the kinds for a French message."""
    *first, last = SCENARIO_KINDS
    return f"{', '.join(first)} {last_word} {last}" if first else last
