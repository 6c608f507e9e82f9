"""Words explained: a scenario's ``glossary`` of hard words (trayons, relève, EPR…) with a
short definition. The facilitator's sheet prints it; the player underlines the words and
explains them in « Les mots difficiles » (engine/player/glossary.py)."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from engine.format.base import Model

Word = Annotated[str, StringConstraints(min_length=1, max_length=60)]
Definition = Annotated[str, StringConstraints(min_length=1, max_length=300)]


class GlossaryEntry(Model):
    word: Word
    definition: Definition
