"""Matching: ROME parents, real distances from Rouen, dates, filters and explained scores."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from engine.reference.geo import distance_km, find_town
from facilitator.trainings.match import (
    BASIS_REMOTE,
    HOURS_PER_POINT,
    KM_PER_POINT,
    REMOTE_POINTS,
    UNKNOWN_DISTANCE_POINTS,
    UNKNOWN_START_POINTS,
    WEEKS_PER_POINT,
    Match,
    match_trainings,
    normalise_rome,
)
from facilitator.trainings.store import import_file

HEADER = (
    "identifiant;intitule;codes_rome;ville;latitude;longitude;date_debut;date_fin;heures;"
    "modalite;entree_permanente;recrutement"
)
ROWS = [
    # today is Monday 2 March 2026
    "R1;Commis Rouen;G1602;Rouen;49,44135;1,09257;16/03/2026;30/06/2026;400;;;",
    "C1;Cuisinier Caen;G1609;Caen;;;09/03/2026;30/06/2026;200;;;",  # child code, town only
    "H1;Serveur Le Havre;G1803;Le Havre;49,49845;0,14015;30/03/2026;30/06/2026;800;;;",
    "P1;Commis passé;G1602;Rouen;;;02/02/2026;30/06/2026;400;;;",
    "F1;Commis complet;G1602;Rouen;;;16/03/2026;30/06/2026;400;;;fermé",
    "D1;Commis à distance;G1602;Évreux;;;23/03/2026;30/06/2026;300;distance;;",
    "E1;Remobilisation Elbeuf;G1602;Elbeuf;;;05/01/2026;26/06/2026;140;;oui;",
    "U1;Commis date inconnue;G1602;Dieppe;;;;;;;;",
    "M1;Maçon Rouen;F1703;Rouen;;;16/03/2026;30/06/2026;400;;;",
]


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    path = tmp_path / "catalogue.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    database = sqlite_utils.Database(tmp_path / "declic.db")
    report = import_file(database, path)
    assert report.skipped == []
    return database


@pytest.fixture
def rouen() -> tuple[float, float]:
    town = find_town("Rouen")
    assert town is not None
    return (town.lat, town.lon)


def _km(home: tuple[float, float], name: str) -> float:
    town = find_town(name)
    assert town is not None
    return distance_km(home[0], home[1], town.lat, town.lon)


def _ids(matches: list[Match]) -> list[str]:
    return [m.offer_id for m in matches]


def test_real_distances_are_used(db: sqlite_utils.Database, rouen: tuple[float, float]) -> None:
    assert 100 < _km(rouen, "Caen") < 120
    assert 15 < _km(rouen, "Elbeuf") < 25


def test_ranking_and_explained_score(
    db: sqlite_utils.Database, rouen: tuple[float, float], today: date
) -> None:
    matches = match_trainings(db, ["G1609"], rouen, today=today)  # cuisinier -> G1602
    by_id = {m.offer_id: m for m in matches}
    assert set(by_id) == {"R1", "C1", "D1", "E1", "U1"}  # not past, closed or other jobs

    r1 = by_id["R1"]
    assert r1.distance_km == pytest.approx(0, abs=0.01)
    assert (r1.start, r1.weeks_to_start, r1.hours) == (date(2026, 3, 16), 2, 400)
    assert r1.distance_basis == "adresse"
    assert r1.score == pytest.approx(0 + 2 / WEEKS_PER_POINT + 400 / HOURS_PER_POINT)

    c1 = by_id["C1"]
    assert c1.distance_km == pytest.approx(_km(rouen, "Caen"))
    assert c1.distance_basis == "commune"  # no coordinates: the town's
    assert c1.distance_points == pytest.approx(c1.distance_km / KM_PER_POINT)
    assert c1.start_points == pytest.approx(1 / WEEKS_PER_POINT)
    assert c1.duration_points == pytest.approx(200 / HOURS_PER_POINT)

    e1 = by_id["E1"]  # open entry, running: can start today
    assert (e1.start, e1.weeks_to_start) == (today, 0)
    assert e1.distance_km == pytest.approx(_km(rouen, "Elbeuf"))

    d1 = by_id["D1"]
    assert (d1.distance_km, d1.distance_basis) == (None, BASIS_REMOTE)
    assert d1.distance_points == REMOTE_POINTS

    u1 = by_id["U1"]
    assert (u1.start, u1.weeks_to_start) == (None, None)
    assert u1.start_points == UNKNOWN_START_POINTS

    scores = [m.score for m in matches]
    assert scores == sorted(scores)
    # R1 1.5 (here, 2 weeks, 400 h); E1 about 2.3 (19 km, now, 140 h); D1 2.5 (remote);
    # U1 about 7.8 (53 km, unknown start and hours); C1 about 11.7 (110 km)
    assert _ids(matches) == ["R1", "E1", "D1", "U1", "C1"]


def test_radius(db: sqlite_utils.Database, rouen: tuple[float, float], today: date) -> None:
    matches = match_trainings(db, ["G1602"], rouen, today=today, radius_km=50)
    assert set(_ids(matches)) == {"R1", "E1", "D1"}  # Caen 110 km, Dieppe 53 km out
    assert all(m.distance_km is None or m.distance_km <= 50 for m in matches)


def test_departement_and_remote(
    db: sqlite_utils.Database, rouen: tuple[float, float], today: date
) -> None:
    assert set(_ids(match_trainings(db, ["G1602"], rouen, today=today, departement="14"))) == {
        "C1",
        "D1",
    }
    assert _ids(
        match_trainings(db, ["G1602"], rouen, today=today, departement="14", remote_ok=False)
    ) == ["C1"]
    assert "D1" not in _ids(match_trainings(db, ["G1602"], rouen, today=today, remote_ok=False))


def test_start_within_weeks(
    db: sqlite_utils.Database, rouen: tuple[float, float], today: date
) -> None:
    matches = match_trainings(db, ["G1602"], rouen, today=today, start_within_weeks=2)
    assert set(_ids(matches)) == {"R1", "C1", "E1"}  # D1 in 3 weeks, U1 unknown


def test_several_codes_and_limit(
    db: sqlite_utils.Database, rouen: tuple[float, float], today: date
) -> None:
    both = match_trainings(db, ["G1602", "g1803"], rouen, today=today)
    assert "H1" in _ids(both) and len(both) == 6
    assert len(match_trainings(db, ["G1602", "G1803"], rouen, today=today, limit=2)) == 2


def test_without_home_distance_is_unknown(db: sqlite_utils.Database, today: date) -> None:
    matches = match_trainings(db, ["G1602"], None, today=today)
    assert {m.distance_points for m in matches} == {UNKNOWN_DISTANCE_POINTS, REMOTE_POINTS}


def test_sessions_in_the_past_only_are_ignored(
    db: sqlite_utils.Database, rouen: tuple[float, float]
) -> None:
    later = date(2026, 7, 1)
    assert _ids(match_trainings(db, ["G1602"], rouen, today=later)) == ["U1"]


def test_bad_requests(db: sqlite_utils.Database, today: date) -> None:
    with pytest.raises(ValueError, match="code ROME invalide"):
        match_trainings(db, ["cuisine"], None, today=today)
    with pytest.raises(ValueError, match="rayon"):
        match_trainings(db, ["G1602"], None, today=today, radius_km=10)
    assert normalise_rome(["g1609", "G1602", "A1102"]) == ["G1602", "A1101"]


def test_empty_database(tmp_path: Path, today: date) -> None:
    empty = sqlite_utils.Database(tmp_path / "vide.db")
    assert match_trainings(empty, ["G1602"], None, today=today) == []
