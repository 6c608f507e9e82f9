"""Every text the player shows, read from ``assets/locale/<lang>.yaml`` (French by default).

Why a file: texts for young people with low literacy are rewritten by facilitators, not by
developers; a missing key shows the key itself rather than crashing the game.
"""

from __future__ import annotations

from typing import Any

from engine.locale import LANGUAGES, text, texts
from engine.typography import team_phrase, with_team


def _table(language: str) -> dict[str, str]:
    return texts(language)


def table(language: str) -> dict[str, str]:
    """Every text of a language, by key."""
    return dict(_table(language if language in LANGUAGES else "fr"))


def lists(language: str, key: str) -> list[str]:
    """A list-valued entry (``"Renard|Hibou|…"``) as a list."""
    return [part.strip() for part in text(language, key).split("|") if part.strip()]


class Texts:
    """The texts of one language, called like a function: ``t("start.play")``."""

    def __init__(self, language: str = "fr", address: str | None = None) -> None:
        self.language = language if language in LANGUAGES else "fr"
        #: the scenario's « tu » or « vous » (None: each text's plain form)
        self.address = address

    def __call__(self, key: str, **values: Any) -> str:
        return text(self.language, key, address_form=self.address, **values)

    def team(self, preposition: str, name: str) -> str:
        """A team's name after « de » or « à »: « des Renards » in French, as is otherwise."""
        return team_phrase(preposition, name) if self.language == "fr" else name

    def team_parts(self, preposition: str, name: str) -> tuple[str, str]:
        """``team`` split before the bare name (« des » | « Renards »), for a title over it."""
        return with_team(preposition, name) if self.language == "fr" else ("", name)

    def list(self, key: str) -> list[str]:
        return lists(self.language, key)
