"""The laptop's workshop settings, kept in the workshop database's ``settings`` table.

The same table the command line already reads: the retention (``declic session retention``,
``privacy.get_retention``) and the hub's link (``declic hub enrol``, ``storage.hub_link``).
The home's « Réglages » page adds the Mission Locale's scenario folder, the language, the
players per team, whether phones are on when a workshop starts, and the games' defaults (text
size, high contrast, sound); a missing or unreadable value is its default, never an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from engine.shipped import shipped_scenarios

FOLDER_KEY = "home.scenario_folder"
LANGUAGE_KEY = "home.language"
PER_TEAM_KEY = "home.players_per_team"
PHONES_KEY = "home.phones"
TEXT_STEP_KEY = "home.text_step"
CONTRAST_KEY = "home.contrast"
MUTED_KEY = "home.muted"
#: the game's text steps (``engine.player.theme.TEXT_STEPS``: normal, big, bigger)
TEXT_STEPS = range(3)
LANGUAGES = ("fr", "en")
PER_TEAM = range(1, 9)


@dataclass(frozen=True)
class WorkshopSettings:
    scenario_folder: str = ""
    language: str = "fr"
    players_per_team: int = 4
    phones: bool = True
    text_step: int = 0  # the games' default text size (an index of the game's steps)
    contrast: bool = False  # the games open in high contrast
    muted: bool = False  # the games open without sound


def _get(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _put(db: sqlite_utils.Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def read_settings(db: sqlite_utils.Database) -> WorkshopSettings:
    language = _get(db, LANGUAGE_KEY) or "fr"
    try:
        per_team = int(_get(db, PER_TEAM_KEY) or 4)
    except ValueError:
        per_team = 4
    try:
        step = int(_get(db, TEXT_STEP_KEY) or 0)
    except ValueError:
        step = 0
    return WorkshopSettings(
        scenario_folder=_get(db, FOLDER_KEY) or "",
        language=language if language in LANGUAGES else "fr",
        players_per_team=per_team if per_team in PER_TEAM else 4,
        phones=(_get(db, PHONES_KEY) or "1") != "0",
        text_step=step if step in TEXT_STEPS else 0,
        contrast=(_get(db, CONTRAST_KEY) or "0") == "1",
        muted=(_get(db, MUTED_KEY) or "0") == "1",
    )


def folder_problem(folder: str) -> str | None:
    """Why ``folder`` cannot hold scenarios, in French; None when it can (or is empty)."""
    if not folder:
        return None
    path = Path(folder).expanduser()
    if not path.is_dir():
        return f"le dossier « {folder} » n'existe pas sur cet ordinateur : vérifiez le chemin."
    return None


def save_settings(db: sqlite_utils.Database, settings: WorkshopSettings) -> None:
    """Keep ``settings``; raises ``ValueError`` (French) for a value that cannot be kept."""
    problem = folder_problem(settings.scenario_folder)
    if problem:
        raise ValueError(problem)
    if settings.language not in LANGUAGES:
        raise ValueError(f"langue inconnue : {settings.language}")
    if settings.players_per_team not in PER_TEAM:
        raise ValueError("de 1 à 8 joueurs par équipe.")
    if settings.text_step not in TEXT_STEPS:
        raise ValueError("taille du texte inconnue.")
    with db.atomic():
        _put(db, FOLDER_KEY, settings.scenario_folder)
        _put(db, LANGUAGE_KEY, settings.language)
        _put(db, PER_TEAM_KEY, str(settings.players_per_team))
        _put(db, PHONES_KEY, "1" if settings.phones else "0")
        _put(db, TEXT_STEP_KEY, str(settings.text_step))
        _put(db, CONTRAST_KEY, "1" if settings.contrast else "0")
        _put(db, MUTED_KEY, "1" if settings.muted else "0")


def folder_scenarios(folder: str) -> list[Path]:
    """The scenario files of the Mission Locale's folder (``*.yaml`` and ``*/*.yaml``,
    walkthroughs excluded), sorted; none when the folder is unset or gone."""
    if folder_problem(folder) or not folder:
        return []
    root = Path(folder).expanduser()
    found = [*root.glob("*.yaml"), *root.glob("*/*.yaml")]
    return sorted(p for p in found if not p.name.endswith(".walkthrough.yaml"))


def all_scenarios(db: sqlite_utils.Database) -> list[Path]:
    """The shipped scenarios, then the Mission Locale's own."""
    return [*shipped_scenarios(), *folder_scenarios(read_settings(db).scenario_folder)]
