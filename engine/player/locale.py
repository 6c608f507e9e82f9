"""Every text the player shows, read from ``assets/locale/<lang>.yaml`` (French by default).

Why a file: texts for young people with low literacy are rewritten by facilitators, not by
developers; a missing key shows the key itself rather than crashing the game.
"""

from __future__ import annotations

import logging
from typing import Any

from engine.locale import texts
from engine.typography import plural_form, team_phrase, with_team

LANGUAGES = ("fr", "en")
log = logging.getLogger("declic.player")


def _table(language: str) -> dict[str, str]:
    return texts(language)


def table(language: str) -> dict[str, str]:
    """Every text of a language, by key."""
    return dict(_table(language if language in LANGUAGES else "fr"))


def lists(language: str, key: str) -> list[str]:
    """A list-valued entry (``"Renard|Hibou|…"``) as a list."""
    return [part.strip() for part in text(language, key).split("|") if part.strip()]


def text(language: str, key: str, /, address_form: str | None = None, **values: Any) -> str:
    """The text of ``key``; in French, its form for ``address_form`` (``key.tu``,
    ``key.vous``) when it has one, so that one game speaks to the players one way. (Not
    ``address``: a text may show a value of that name, the phones' web address.)"""
    language = language if language in LANGUAGES else "fr"
    table = _table(language)
    if address_form is not None and f"{key}.{address_form}" in table:
        key = f"{key}.{address_form}"
    n = values.get("n")
    if isinstance(n, int) and f"{key}.other" in table:  # a plural entry: one form per count
        key = f"{key}.{plural_form(language, n)}"
    template = table.get(key)
    if template is None:
        template = _table("fr").get(key, key)
        log.warning("texte manquant dans la langue %s : %s", language, key)
    try:
        return template.format(**values) if values else template
    except (KeyError, IndexError, ValueError):
        return template


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
