"""The trainings a skills card proposes: the catalogue's best three for each of its jobs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import sqlite_utils

from engine.reference.geo import find_town
from facilitator.summaries.model import JobLine, TrainingLine
from facilitator.summaries.session import PlayerKey, TrainingsFor
from facilitator.trainings.match import match_trainings


def trainings_from(db: sqlite_utils.Database, today: date) -> TrainingsFor | None:
    """Top 3 trainings for the card's jobs from the catalogue in the same database, if any."""
    if not db.table("trainings").exists():
        return None

    def for_player(player: PlayerKey, jobs: Sequence[JobLine]) -> list[TrainingLine]:
        town = find_town(player.home_town) if player.home_town else None
        home = (town.lat, town.lon) if town else None
        try:
            found = match_trainings(db, [j.code for j in jobs], home, today=today, limit=3)
        except ValueError:
            return []
        return [
            TrainingLine(
                title=m.title,
                organisation=m.organisation,
                place=m.where,
                when=m.when(today),
            )
            for m in found
        ]

    return for_player
