"""The hub's training catalogue: the laptop's importers and matcher, over a catalogue file the
hub keeps beside its database, so that a counsellor positions a young person on a real offer.

The catalogue is public reference data (no player in it), the same SQLite file format as the
laptop's (``facilitator.trainings.store``), on SQLite and PostgreSQL hubs alike: importing
and matching are not written twice. Path: ``--catalogue``, else ``$DECLIC_HUB_CATALOGUE``,
else ``hub-formations.db`` in the user's data folder.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import sqlite_utils
from platformdirs import user_data_path

from engine.reference.geo import find_town
from facilitator.portal import data
from facilitator.portal.store import TrainingQuery, search_trainings
from facilitator.trainings.match import Match
from facilitator.trainings.store import ImportReport, import_file

CATALOGUE_ENV = "DECLIC_HUB_CATALOGUE"
RADIUS_KM = 30.0
SHOWN = 5


def catalogue_path(cli_value: str | None = None) -> Path:
    chosen = (cli_value or "").strip() or os.environ.get(CATALOGUE_ENV, "").strip()
    return (
        Path(chosen) if chosen else user_data_path("declic", appauthor=False) / "hub-formations.db"
    )


def import_catalogue(file: Path, catalogue: Path) -> ImportReport:
    """Import an LHEO XML or CPF CSV file (raises ``CatalogueError``, nothing changed)."""
    catalogue.parent.mkdir(parents=True, exist_ok=True)
    return import_file(catalogue, file)


def offers_for(card: data.Card, catalogue: Path, today: date) -> list[Match]:
    """The best offers for the card's three jobs near the young person's town (or anywhere)."""
    if not card.jobs:
        return []
    town = find_town(card.player.home_town) if card.player.home_town else None
    home = (town.lat, town.lon) if town else None
    query = TrainingQuery(
        codes=tuple(job.code for job in card.jobs[:3]),
        home=home,
        today=today,
        radius_km=RADIUS_KM if home else None,
        start_within_weeks=None,
        remote_ok=True,
        limit=SHOWN,
    )
    return search(catalogue, query)


def search(catalogue: Path, query: TrainingQuery) -> list[Match]:
    """A counsellor's search in the hub's catalogue, with the laptop's matcher (none: [])."""
    if not catalogue.exists() or not query.codes:
        return []
    db = sqlite_utils.Database(catalogue)
    try:
        return search_trainings(db, query)
    except ValueError:
        return []
    finally:
        db.close()
