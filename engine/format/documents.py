"""Documents: the items and hotspots with a text that players read, such as a recipe card.

A ``calculation`` puzzle may name one (``clue: {document: fiche_recette}``): its givens'
numbers must be written there (truth in content, checked by the loader), the puzzle offers
to open it, and the lint checks the team has seen it before the puzzle opens (W124).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from engine.format.scenario import Scenario

#: a number as the French write it: « 250 », « 1 500 », « 62,5 », « 2.5 »
_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class Document:
    """What a document shows: a title, its text, its icon; ``kind`` is "item" or "hotspot"."""

    id: str
    kind: str
    title: str
    text: str
    icon: str | None = None


def documents(scenario: Scenario) -> dict[str, Document]:
    """Every readable document by id: each item (its description), each hotspot with a text."""
    found: dict[str, Document] = {}
    for scene in scenario.scenes:
        for h in scene.hotspots:
            if h.text:
                found.setdefault(h.id, Document(h.id, "hotspot", h.label, h.text, h.icon))
    for item in scenario.items:  # an item wins over a hotspot of the same id, as in the bag
        found[item.id] = Document(item.id, "item", item.name, item.description, item.icon)
    return found


def numbers_in(text: str) -> set[float]:
    """The numbers written in ``text``: « 1 500 g et 62,5 cl » gives {1500.0, 62.5}."""
    return {
        float(re.sub(r"[ \u00a0\u202f]", "", n).replace(",", ".")) for n in _NUMBER.findall(text)
    }


def shows(text: str, value: float) -> bool:
    """Whether ``value`` is written in ``text`` (as 250, 62,5, 1 500 or 1500)."""
    return any(abs(n - value) < 1e-9 for n in numbers_in(text))
