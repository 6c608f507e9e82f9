"""Towns for maps and distances: Normandy's for the tour map, every French commune for lookups.

Why accent-insensitive lookup: players and facilitators type "evreux" or "st lo" on keyboards
without accents; a town must still be found. Why Normandy first: Déclic is played there, so
"Bernay" means the Eure's before any namesake; elsewhere a name shared by several communes
is never guessed: the caller asks for the département (`TownLookup.french`).
"""

from __future__ import annotations

import csv
import difflib
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
    "TownLookup",
    "closest_map_town",
    "communes",
    "departement_centres",
    "departement_names",
    "departements",
    "distance_km",
    "find_town",
    "lookup_town",
    "map_town",
    "town_by_insee",
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
    insee_code: str = ""  # empty for the Normandy map's own list

    @property
    def label(self) -> str:
        """Name with its département, unambiguous: "Saint-Denis (93)"."""
        return f"{self.name} ({self.departement})"


@dataclass(frozen=True, slots=True)
class TownLookup:
    """What a typed town gave: the town, or the namesakes to choose from (then town is None)."""

    query: str
    town: Town | None
    candidates: tuple[Town, ...] = ()

    def french(self) -> str:
        """What to tell the person when no single town was found."""
        if self.town is not None:
            return ""
        if not self.candidates:
            return (
                f"commune inconnue « {self.query} » : vérifiez l'orthographe, ou donnez le "
                "code postal (ex. 75017) ou le code INSEE"
            )
        shown = ", ".join(
            f"{t.label} {departement_names().get(t.departement, '')}".rstrip()
            for t in self.candidates[:8]
        )
        more = f" et {len(self.candidates) - 8} autres" if len(self.candidates) > 8 else ""
        example = self.candidates[0]
        return (
            f"plusieurs communes s'appellent « {self.query} » : précisez le département, "
            f"par exemple « {example.name} ({example.departement}) » ou le code postal. "
            f"Communes possibles : {shown}{more}"
        )


@dataclass(frozen=True, slots=True)
class Departement:
    """A French département (code as a string: "14", "2A")."""

    code: str
    name: str
    prefecture: str


def _rows(name: str) -> Iterator[dict[str, str]]:
    with (assets_dir() / "geo" / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "ß": "ss"})
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_NOT_WORD = re.compile(r"[\W_]+")
_SAINT = re.compile(r"\b(st|ste)\b")


def _saint(match: re.Match[str]) -> str:
    return "saint" if match[0] == "st" else "sainte"


def _key(text: str) -> str:
    """Case-, accent- and punctuation-free form: "Saint-Étienne" and "saint etienne" match."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
        text = text.encode("ascii", "ignore").decode("ascii")
    bare = _NOT_ALNUM.sub(" ", text.lower()).strip()
    return _SAINT.sub(_saint, bare) if "st" in bare else bare


def _spelling(text: str) -> str:
    """Case- and punctuation-free form that keeps accents: "Vire" is not "Viré"."""
    if text.isascii():
        return _key(text)  # the same thing without accents to keep
    bare = _NOT_WORD.sub(" ", unicodedata.normalize("NFC", text).casefold()).strip()
    return _SAINT.sub(_saint, bare) if "st" in bare else bare


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
    """The Normandy map's towns, sorted by name (accents ignored)."""
    return list(_towns())


# Current communes and Paris/Lyon/Marseille arrondissements come before former communes.
_CURRENT_KINDS = frozenset({"COM", "ARM"})
_INSEE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
_POSTAL = re.compile(r"^\d{5}$")
# "Saint-Denis (93)", "Saint-Denis 93", "Saint-Denis, 974", "Ajaccio 2A"
_WITH_DEPARTEMENT = re.compile(r"^(.*?)[\s,]*\(?\s*(\d{2,3}|2[AB])\s*\)?$", re.IGNORECASE)
# "Paris 17e Arrondissement" is also found as "Paris 17e" and "Paris 17"
_ARRONDISSEMENT = re.compile(r"^(.*) (\d+)(er|e) arrondissement$")


# A commune as a plain tuple, in Town's field order: (name, departement, departement_name,
# postal_code, lat, lon, insee_code). Plain tuples of strings and floats, and tuples of ints
# in the indexes, are left alone by Python's cyclic garbage collector once it has seen them:
# 37,000 Town objects kept alive would be walked by every full collection (a catalogue
# import ran twice as slow). Town objects are made when a lookup returns one.
_Row = tuple[str, str, str, str, float, float, str]


@dataclass(frozen=True, slots=True)
class _Communes:
    """Every commune and the indexes lookups use (built once, on first use).

    Names are looked up by exact spelling (accents kept) before the folded form, and among
    current communes before former ones, so "Vire" finds Vire (14) and "vire" too, not Viré.
    """

    rows: tuple[_Row, ...]
    by_name: tuple[Mapping[str, tuple[int, ...]], ...]  # in lookup order
    by_postal: Mapping[str, int]  # the arrondissement, else the most populous commune
    by_insee: Mapping[str, int]  # the current commune (not its former ones)

    def town(self, index: int) -> Town:
        return Town(*self.rows[index])


@cache
def departement_names() -> Mapping[str, str]:
    """Every French département's name by code ("14" -> "Calvados", "974" -> "La Réunion")."""
    return MappingProxyType({row["code"]: row["name"] for row in _rows("france_departements.csv")})


@cache
def departement_centres() -> Mapping[str, tuple[float, float]]:
    """(lat, lon) of every département: the mean position of its communes (derive.py)."""
    return MappingProxyType(
        {
            row["code"]: (float(row["lat"]), float(row["lon"]))
            for row in _rows("france_departements.csv")
        }
    )


@cache
def _communes() -> _Communes:
    names = departement_names()
    rows: list[_Row] = []
    # current exact, former exact, current folded, former folded
    indexes: tuple[dict[str, list[int]], ...] = ({}, {}, {}, {})
    by_postal: dict[str, tuple[bool, int, int]] = {}
    by_insee: dict[str, int] = {}
    with (assets_dir() / "geo" / "communes.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)  # insee,name,kind,departement,parent,postal_codes,population,lat,lon
        for index, (
            insee,
            name,
            kind,
            departement,
            _parent,
            postal,
            population,
            lat,
            lon,
        ) in enumerate(reader):
            postal_codes = postal.split()
            rows.append(
                (
                    name,
                    departement,
                    names.get(departement, ""),
                    postal_codes[0] if postal_codes else "",
                    float(lat),
                    float(lon),
                    insee,
                )
            )
            is_current = kind in _CURRENT_KINDS
            exact, folded = indexes[0 if is_current else 1], indexes[2 if is_current else 3]
            key = _key(name)
            exact.setdefault(key if name.isascii() else _spelling(name), []).append(index)
            keys = {key, key.replace(" ", "")}
            if kind == "ARM":
                arrondissement = _ARRONDISSEMENT.match(key)
                if arrondissement:
                    city, number, suffix = arrondissement.groups()
                    keys |= {f"{city} {number}{suffix}", f"{city} {number}"}
            for folded_key in keys:
                folded.setdefault(folded_key, []).append(index)
            if is_current:
                by_insee.setdefault(insee, index)
                rank = (kind == "ARM", int(population or 0), index)
                for code in postal_codes:
                    best = by_postal.get(code)
                    if best is None or rank[:2] > best[:2]:
                        by_postal[code] = rank
    return _Communes(
        rows=tuple(rows),
        by_name=tuple(
            MappingProxyType({key: tuple(found) for key, found in index.items()})
            for index in indexes
        ),
        by_postal=MappingProxyType({code: rank[2] for code, rank in by_postal.items()}),
        by_insee=MappingProxyType(by_insee),
    )


def communes() -> tuple[Town, ...]:
    """Every French commune (with arrondissements and former communes), by INSEE code."""
    data = _communes()
    return tuple(Town(*row) for row in data.rows)


def town_by_insee(code: str) -> Town | None:
    """The current commune (or arrondissement) with this INSEE code, else None.

    Five digits can be a postcode too (29233 is Cléder's postcode and Quimperlé's INSEE
    code): a source that says which it is should call this, not `lookup_town`.
    """
    data = _communes()
    index = data.by_insee.get(code.strip().upper())
    return None if index is None else data.town(index)


def lookup_town(query: str, departement: str | None = None) -> TownLookup:
    """Find a town by name, postcode or INSEE code; several namesakes are returned, not guessed.

    Five digits are read as a postcode first (what people type), then as an INSEE code.
    The name forgives case, accents, hyphens and "St"/"Ste"; "Saint-Denis (93)" or
    `departement="93"` picks among namesakes. A postcode gives the Paris/Lyon/Marseille
    arrondissement, else the most populous commune it serves. Normandy's map towns win
    (so lookups there never need the national list).
    """
    text = " ".join(query.split())
    if not text:
        return TownLookup(query, None)
    wanted = departement.strip().upper().zfill(2) if departement and departement.strip() else None
    local = _normandy(text)
    if local is not None and wanted in (None, local.departement):
        return TownLookup(query, local)
    data = _communes()
    upper = text.upper()
    if _POSTAL.match(upper) or _INSEE.match(upper):
        index = data.by_postal.get(upper)
        if index is None:
            index = data.by_insee.get(upper)
        found = None if index is None else data.town(index)
        if found is not None and wanted in (None, found.departement):
            return TownLookup(query, found)
        return TownLookup(query, None)
    candidates = _by_name(data, text)
    if not candidates and wanted is None:
        split = _WITH_DEPARTEMENT.match(text)
        if split and split[1]:
            text, wanted = split[1], split[2].upper().zfill(2)
            local = _normandy(text)
            if local is not None and local.departement == wanted:
                return TownLookup(query, local)
            candidates = _by_name(data, text)
    if wanted is not None:
        candidates = tuple(t for t in candidates if t.departement == wanted)
    if len(candidates) == 1:
        return TownLookup(query, candidates[0])
    return TownLookup(query, None, tuple(sorted(candidates, key=lambda t: t.departement)))


def _by_name(data: _Communes, text: str) -> tuple[Town, ...]:
    exact, key = _spelling(text), _key(text)
    current, former, current_folded, former_folded = data.by_name
    found = (
        current.get(exact)
        or former.get(exact)
        or current_folded.get(key)
        or current_folded.get(key.replace(" ", ""))
        or former_folded.get(key)
        or former_folded.get(key.replace(" ", ""))
        or ()
    )
    return tuple(data.town(index) for index in found)


def _normandy(query: str) -> Town | None:
    by_name, by_postal = _index()
    if query.isdigit():
        return by_postal.get(query)
    key = _key(query)
    return by_name.get(key) or by_name.get(key.replace(" ", ""))


def map_town(name_or_postal_code: str) -> Town | None:
    """A town of the Normandy map (`assets/geo/towns.csv`) only: where a tour place can be."""
    return _normandy(" ".join(name_or_postal_code.split()))


def closest_map_town(name: str) -> Town | None:
    """The map town an author most likely meant by a name that is not on the map: the one
    whose name starts with it (« Cherbourg »: Cherbourg-en-Cotentin), else a near spelling
    (a typo, case and accents aside), else None: « Saint-Denis » is not « Saint-Lô »."""
    key = _key(name)
    keyed = {_key(town.name): town for town in towns()}
    longer = [town for k, town in keyed.items() if key and k.startswith(key + " ")]
    if len(longer) == 1:
        return longer[0]
    close = difflib.get_close_matches(key, list(keyed), n=1, cutoff=0.8)
    return keyed[close[0]] if close else None


def find_town(name_or_postal_code: str) -> Town | None:
    """The one town with this name, postcode or INSEE code, else None (see `lookup_town`).

    Normandy's map towns are looked at first; a name shared by several communes elsewhere
    gives None: call `lookup_town` to show the namesakes.
    """
    return lookup_town(name_or_postal_code).town


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
