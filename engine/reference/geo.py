"""Towns and départements of Normandy (and the Bresle glass valley) for maps and distances.

Why accent-insensitive lookup: players and facilitators type "evreux" or "st lo" on keyboards
without accents; a town must still be found.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from . import assets_dir

__all__ = [
    "Departement",
    "Town",
    "departements",
    "distance_km",
    "find_town",
    "towns",
]

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


@dataclass(frozen=True, slots=True)
class Town:
    """A town with its département and the coordinates of its centre."""

    name: str
    departement: str
    departement_name: str
    postal_code: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Departement:
    """A French département (code as a string: "14", "2A")."""

    code: str
    name: str
    prefecture: str


def _rows(name: str) -> Iterator[dict[str, str]]:
    with (assets_dir() / "geo" / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _key(text: str) -> str:
    """Case-, accent- and punctuation-free form: "Saint-Étienne" and "saint etienne" match."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    words = re.sub(r"[^0-9a-z]+", " ", bare).split()
    return " ".join("saint" if w == "st" else "sainte" if w == "ste" else w for w in words)


@cache
def _towns() -> tuple[Town, ...]:
    return tuple(
        Town(
            name=row["name"],
            departement=row["departement"],
            departement_name=row["departement_name"],
            postal_code=row["postal_code"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
        )
        for row in _rows("towns.csv")
    )


@cache
def _index() -> tuple[Mapping[str, Town], Mapping[str, Town]]:
    by_name: dict[str, Town] = {}
    by_postal: dict[str, Town] = {}
    for town in _towns():  # sorted by name: the first town wins a shared postal code
        key = _key(town.name)
        by_name.setdefault(key, town)
        by_name.setdefault(key.replace(" ", ""), town)  # "laigle", "lehavre"
        by_postal.setdefault(town.postal_code, town)
    return MappingProxyType(by_name), MappingProxyType(by_postal)


def towns() -> list[Town]:
    """All towns, sorted by name (accents ignored)."""
    return list(_towns())


def find_town(name_or_postal_code: str) -> Town | None:
    """The town with this name (case, accents, hyphens ignored) or postal code, else None.

    Several small towns share a postal code; the first by name is returned.
    """
    query = name_or_postal_code.strip()
    by_name, by_postal = _index()
    if query.isdigit():
        return by_postal.get(query)
    key = _key(query)
    return by_name.get(key) or by_name.get(key.replace(" ", ""))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in km: as the crow flies, not by road."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@cache
def departements() -> Mapping[str, Departement]:
    """The départements of Normandy by code, read-only."""
    return MappingProxyType(
        {
            row["code"]: Departement(row["code"], row["name"], row["prefecture"])
            for row in _rows("departements.csv")
        }
    )
