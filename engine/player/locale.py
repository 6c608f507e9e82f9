"""Every text the player shows, read from ``assets/locale/<lang>.yaml`` (French by default).

Why a file: texts for young people with low literacy are rewritten by facilitators, not by
developers; a missing key shows the key itself rather than crashing the game.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

import yaml

from engine.reference import assets_dir

LANGUAGES = ("fr", "en")
log = logging.getLogger("declic.player")


@cache
def _table(language: str) -> dict[str, str]:
    path = assets_dir() / "locale" / f"{language}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items()}


def table(language: str) -> dict[str, str]:
    """Every text of a language, by key."""
    return dict(_table(language if language in LANGUAGES else "fr"))


def lists(language: str, key: str) -> list[str]:
    """A list-valued entry (``"Renard|Hibou|…"``) as a list."""
    return [part.strip() for part in text(language, key).split("|") if part.strip()]


def text(language: str, key: str, **values: Any) -> str:
    table = _table(language if language in LANGUAGES else "fr")
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

    def __init__(self, language: str = "fr") -> None:
        self.language = language if language in LANGUAGES else "fr"

    def __call__(self, key: str, **values: Any) -> str:
        return text(self.language, key, **values)

    def list(self, key: str) -> list[str]:
        return lists(self.language, key)
