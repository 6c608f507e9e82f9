"""Find trainings for a young person: near home, starting soon, short if possible.

The ranking is a sum of penalty points, lower is better (docs/trainings.md explains it to
counsellors). Each Match keeps its parts so the choice can be explained face to face.
An offer whose place is unknown is never given an invented distance: it comes after every
located (or remote) one, as « lieu à préciser ». Sessions already started are left out and
counted, so the counsellor knows what was set aside.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, partial
from typing import ParamSpec

import sqlite_utils

from engine.reference.geo import departement_names, distance_km
from engine.reference.rome import rome_parent
from facilitator.trainings.model import RECRUITMENT_CLOSED, REMOTE
from facilitator.trainings.store import ROMES, SESSIONS, TRAININGS
from facilitator.trainings.wording import PLACE_UNKNOWN, REMOTE_PLACE, start_in_words

# One penalty point for each ...
KM_PER_POINT = 10.0  # ... 10 km as the crow flies (60 % of the young have no car)
WEEKS_PER_POINT = 4.0  # ... 4 weeks of waiting before the session starts
HOURS_PER_POINT = 400.0  # ... 400 hours of training
# Unknown start or length cost about as much as a mediocre known one, so they are neither
# hidden nor favoured. An unknown place is not scored: it is listed after the located ones.
UNKNOWN_DISTANCE_POINTS = 3.0  # every offer alike when the young person's town is not known
UNKNOWN_START_POINTS = 2.0  # like 8 weeks
UNKNOWN_HOURS_POINTS = 0.5  # like 200 hours
# A fully remote training has no distance but asks for equipment and autonomy that many
# young people lack: it counts like a place 10 km away.
REMOTE_POINTS = 1.0

BASIS_REMOTE = "à distance"

P = ParamSpec("P")

_ROME = re.compile(r"^[A-N]\d{4}$")
_KM_PER_DEGREE_LAT = 111.2


@dataclass(frozen=True, slots=True)
class Match:
    """One offer with its best session, and the three parts of its score."""

    training_id: int
    source: str
    offer_id: str
    title: str
    organisation: str | None
    town: str | None
    postal_code: str | None
    departement: str | None
    url: str | None
    remote: int | None
    start: date | None  # of the chosen session; None when unknown
    end: date | None
    distance_km: float | None  # None when unknown or for a fully remote training
    distance_basis: str | None  # "adresse", "commune", "département" or "à distance"
    weeks_to_start: float | None
    hours: int | None
    distance_points: float
    start_points: float
    duration_points: float
    permanent_entry: bool = False  # LHEO modalites-entrees-sorties: join any time
    place_known: bool = True  # False: « lieu à préciser », listed after located offers

    @property
    def score(self) -> float:
        """Total penalty: lower ranks first (among offers whose place is known alike)."""
        return self.distance_points + self.start_points + self.duration_points

    @property
    def where(self) -> str:
        """The place in words: town, département, « à distance » or « lieu à préciser »."""
        if self.distance_basis == BASIS_REMOTE:
            return REMOTE_PLACE
        if not self.place_known:
            return PLACE_UNKNOWN
        if self.town:
            return self.town
        return departement_names().get(self.departement or "", self.departement or PLACE_UNKNOWN)

    def when(self, today: date) -> str:
        """The start in words: « entrée possible toute l'année », « début le 3 mars 2026»…"""
        return start_in_words(self.start, today, permanent_entry=self.permanent_entry)


class Ranking:
    """The best offers, and how many sessions were set aside because they already began.

    The count is one more query, run only when asked (the command line asks; the card and
    the portal, which show the offers only, do not).
    """

    def __init__(self, matches: list[Match], count_started: Callable[[], int]) -> None:
        self.matches = matches
        self._count_started = count_started

    @cached_property
    def started_sessions(self) -> int:
        """Sessions of offers for these jobs that began before today: too late to join."""
        return self._count_started()


def normalise_rome(codes: Sequence[str]) -> list[str]:
    """Parent codes (ROME v4.60 `code_rome_parent`) of the given codes, deduplicated.

    Raises ValueError for something that is not shaped like a ROME code.
    """
    parents: list[str] = []
    for raw in codes:
        code = raw.strip().upper()
        if not _ROME.match(code):
            raise ValueError(f"code ROME invalide « {raw} » (attendu : une lettre et 4 chiffres)")
        parent = rome_parent(code) or code
        if parent not in parents:
            parents.append(parent)
    return parents


def rank_trainings(
    db: sqlite_utils.Database,
    rome_codes: Sequence[str],
    home: tuple[float, float] | None,
    *,
    today: date,
    radius_km: float | None = None,
    departement: str | None = None,
    start_within_weeks: float | None = None,
    remote_ok: bool = True,
    limit: int = 10,
) -> Ranking:
    """Best offers for these jobs: located (and remote) ones by score, then unknown places.

    Past, started and closed sessions are ignored; an offer with permanent entry that is
    running counts as starting today. Fully remote offers (when `remote_ok`) ignore the place
    filters. Raises ValueError (French) on a bad ROME code, a negative radius or delay, or a
    radius without a home.
    """
    if radius_km is not None and radius_km < 0:
        raise ValueError("le rayon doit être positif ou nul (en km)")
    if start_within_weeks is not None and start_within_weeks < 0:
        raise ValueError("le délai de début doit être positif ou nul (en semaines)")
    if radius_km is not None and home is None:
        raise ValueError("un rayon demande un point de départ (home)")
    parents = normalise_rome(rome_codes)
    if not parents or limit <= 0 or not db.table(TRAININGS).exists():
        return Ranking([], lambda: 0)
    sql, params = _query(
        parents, home, today, radius_km, departement, start_within_weeks, remote_ok
    )
    scored = []
    for row in db.conn.execute(sql, params):
        found = _score(row, home, today, radius_km)
        if found is not None:
            scored.append(found)
    best = heapq.nsmallest(limit, scored, key=lambda item: item[0])
    return Ranking(
        [_build(row, parts) for (_key, row, parts) in best],
        partial(_started_sessions, db, parents, today),
    )


def _matches_only(rank: Callable[P, Ranking]) -> Callable[P, list[Match]]:
    def matches(*args: P.args, **kwargs: P.kwargs) -> list[Match]:
        return rank(*args, **kwargs).matches

    matches.__doc__ = (
        "The best offers of `rank_trainings`, without the count of set-aside sessions."
    )
    return matches


# Same arguments as rank_trainings; for callers that only show the offers (card, portal).
match_trainings = _matches_only(rank_trainings)


def _started_sessions(db: sqlite_utils.Database, parents: list[str], today: date) -> int:
    """Sessions of these jobs' offers that began before today and cannot be joined any more."""
    iso_today = today.isoformat()
    (count,) = db.conn.execute(
        f"SELECT COUNT(*) FROM {SESSIONS} s JOIN {TRAININGS} t ON t.id = s.training_id "
        f"WHERE s.training_id IN (SELECT training_id FROM {ROMES} WHERE rome_parent IN "
        f"({', '.join('?' * len(parents))})) AND s.start_date < ? "
        "AND NOT (t.permanent_entry = 1 AND (s.end_date IS NULL OR s.end_date >= ?))",
        [*parents, iso_today, iso_today],
    ).fetchone()
    return int(count)


_COLUMNS = (
    "t.id, t.source, t.offer_id, t.title, t.organisation, t.town, t.postal_code, "
    "t.departement, t.url, t.remote, t.geo_lat, t.geo_lon, t.geo_basis, t.hours, "
    "t.permanent_entry"
)


def _query(
    parents: list[str],
    home: tuple[float, float] | None,
    today: date,
    radius_km: float | None,
    departement: str | None,
    start_within_weeks: float | None,
    remote_ok: bool,
) -> tuple[str, list[object]]:
    """One row per offer with its soonest usable session, prefiltered through the ROME index.

    SQLite returns the bare `s.end_date` of the row holding MIN(start): the chosen session.
    The exact distance is left to Python.
    """
    iso_today = today.isoformat()
    # An open-entry offer can be joined today while it runs (or when it gives no date).
    start = (
        "CASE WHEN t.permanent_entry = 1 AND (s.start_date IS NULL OR s.start_date < ?) "
        "THEN ? ELSE s.start_date END"
    )
    params: list[object] = [
        iso_today,
        iso_today,
        *parents,
        RECRUITMENT_CLOSED,
        iso_today,
        iso_today,
    ]
    where = [
        f"t.id IN (SELECT training_id FROM {ROMES} WHERE rome_parent IN "
        f"({', '.join('?' * len(parents))}))",
        # no session at all, or an open one that has not started (or runs with open entry)
        "(s.id IS NULL OR ((s.recruitment IS NULL OR s.recruitment != ?) AND "
        "(s.start_date IS NULL OR s.start_date >= ? OR "
        "(t.permanent_entry = 1 AND (s.end_date IS NULL OR s.end_date >= ?)))))",
    ]
    remote_pass = "t.remote = ?" if remote_ok else "0"
    if not remote_ok:
        where.append("(t.remote IS NULL OR t.remote != ?)")
        params.append(REMOTE)
    if departement:
        where.append(f"(t.departement = ? OR {remote_pass})")
        params.append(departement.strip().upper())
        if remote_ok:
            params.append(REMOTE)
    if radius_km is not None and home is not None:
        lat, lon = home
        dlat = radius_km / _KM_PER_DEGREE_LAT
        dlon = radius_km / (_KM_PER_DEGREE_LAT * max(math.cos(math.radians(lat)), 0.01))
        box = "t.geo_lat BETWEEN ? AND ? AND t.geo_lon BETWEEN ? AND ?"
        where.append(f"(({box}) OR {remote_pass})")
        params += [lat - dlat, lat + dlat, lon - dlon, lon + dlon]
        if remote_ok:
            params.append(REMOTE)
    if start_within_weeks is not None:
        deadline = (today + timedelta(weeks=start_within_weeks)).isoformat()
        where.append("(t.permanent_entry = 1 OR s.start_date <= ?)")
        params.append(deadline)
    sql = (
        f"SELECT {_COLUMNS}, MIN({start}) AS start_date, s.end_date FROM {TRAININGS} t "
        f"LEFT JOIN {SESSIONS} s ON s.training_id = t.id "
        f"WHERE {' AND '.join(where)} GROUP BY t.id"
    )
    return sql, params


# (distance km, basis, weeks to start, hours, distance points, start points, hours points,
#  place known)
_Parts = tuple[float | None, str | None, float | None, int | None, float, float, float, bool]


def _score(
    row: tuple[object, ...],
    home: tuple[float, float] | None,
    today: date,
    radius_km: float | None,
) -> tuple[tuple[int, float, float, str], tuple[object, ...], _Parts] | None:
    """Score parts of one offer row, or None when it is outside the radius."""
    remote, geo_lat, geo_lon, geo_basis, hours = row[9:14]
    start_text = row[15]
    located = isinstance(geo_lat, float) and isinstance(geo_lon, float)
    distance: float | None = None
    basis = geo_basis if isinstance(geo_basis, str) and located else None
    distance_points = UNKNOWN_DISTANCE_POINTS if located else 0.0
    if remote == REMOTE:
        basis, distance_points = BASIS_REMOTE, REMOTE_POINTS
    elif home is not None and located:
        assert isinstance(geo_lat, float) and isinstance(geo_lon, float)
        distance = distance_km(home[0], home[1], geo_lat, geo_lon)
        distance_points = distance / KM_PER_POINT
    if radius_km is not None and remote != REMOTE and (distance is None or distance > radius_km):
        return None
    weeks = (
        (date.fromisoformat(start_text) - today).days / 7 if isinstance(start_text, str) else None
    )
    hours_value = hours if isinstance(hours, int) else None
    place_known = located or remote == REMOTE
    parts: _Parts = (
        distance,
        basis,
        weeks,
        hours_value,
        distance_points,
        UNKNOWN_START_POINTS if weeks is None else weeks / WEEKS_PER_POINT,
        UNKNOWN_HOURS_POINTS if hours_value is None else hours_value / HOURS_PER_POINT,
        place_known,
    )
    # Unknown places after every located or remote offer, whatever their score.
    key = (0 if place_known else 1, parts[4] + parts[5] + parts[6], distance or 0.0, str(row[3]))
    return key, row, parts


def _build(row: tuple[object, ...], parts: _Parts) -> Match:
    distance, basis, weeks, hours, distance_points, start_points, duration_points, known = parts
    start_text, end_text = row[15], row[16]
    return Match(
        training_id=int(str(row[0])),
        source=str(row[1]),
        offer_id=str(row[2]),
        title=str(row[3]),
        organisation=_str(row[4]),
        town=_str(row[5]),
        postal_code=_str(row[6]),
        departement=_str(row[7]),
        url=_str(row[8]),
        remote=row[9] if isinstance(row[9], int) else None,
        start=date.fromisoformat(start_text) if isinstance(start_text, str) else None,
        end=date.fromisoformat(end_text) if isinstance(end_text, str) else None,
        distance_km=distance,
        distance_basis=basis,
        weeks_to_start=weeks,
        hours=hours,
        distance_points=distance_points,
        start_points=start_points,
        duration_points=duration_points,
        permanent_entry=row[14] == 1,
        place_known=known,
    )


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None
