"""SQLite storage of the catalogue: one transaction per import, upsert on (source, offer id).

A bad or truncated file raises before COMMIT, so the previous catalogue stays as it was.
Coordinates used for matching are resolved here once (address, else commune from its INSEE
code, name or postcode among every French commune, else département centre) so that a match
query only does arithmetic. An offer none of these places keeps no position: the matcher
lists it as « lieu à préciser », never at an invented distance.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from engine.reference.geo import departement_centres, lookup_town, town_by_insee
from engine.reference.rome import rome_parent
from facilitator.trainings.csv_import import read_cpf, read_simple
from facilitator.trainings.lheo import read_lheo
from facilitator.trainings.model import Skipped, TrainingOffer
from facilitator.trainings.reading import CPF, LHEO, Progress, detect_format

TRAININGS = "trainings"
SESSIONS = "training_sessions"
ROMES = "training_romes"

BASIS_ADDRESS = "adresse"
BASIS_TOWN = "commune"
BASIS_DEPARTEMENT = "département"

_BATCH = 2000  # rows per executemany: memory stays bounded whatever the file size

_TRAINING_COLUMNS: dict[str, type] = {
    "id": int,
    "source": str,
    "offer_id": str,
    "title": str,
    "objective": str,
    "rome_codes": str,  # space-separated, as in the source
    "formacodes": str,  # space-separated
    "rncp": str,
    "organisation": str,
    "postal_code": str,
    "town": str,
    "insee_code": str,
    "departement": str,
    "lat": float,  # as given by the source
    "lon": float,
    "geo_lat": float,  # resolved for matching
    "geo_lon": float,
    "geo_basis": str,  # BASIS_*
    "hours": int,
    "level": str,
    "remote": int,
    "permanent_entry": int,
    "url": str,
    "imported_at": str,
}
_SESSION_COLUMNS: dict[str, type] = {
    "id": int,
    "training_id": int,
    "session_id": str,
    "start_date": str,  # ISO date, NULL when unknown
    "end_date": str,
    "recruitment": int,
    "remote_recruitment": int,
    "url": str,
}
_UPDATABLE = [c for c in _TRAINING_COLUMNS if c not in ("id", "source", "offer_id")]
_INSERT_TRAINING = (
    f"INSERT INTO {TRAININGS} ({', '.join(_TRAINING_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_TRAINING_COLUMNS))})"
)
_UPDATE_TRAINING = (
    f"UPDATE {TRAININGS} SET {', '.join(f'{c} = ?' for c in _UPDATABLE)} WHERE id = ?"
)
_INSERT_SESSION = (
    f"INSERT INTO {SESSIONS} ({', '.join(c for c in _SESSION_COLUMNS if c != 'id')}) "
    f"VALUES ({', '.join('?' * (len(_SESSION_COLUMNS) - 1))})"
)
_INSERT_ROME = f"INSERT OR IGNORE INTO {ROMES} (rome_parent, training_id) VALUES (?, ?)"


@dataclass
class ImportReport:
    """What an import did; `skipped` tells the counsellor what to fix, and where."""

    path: str
    format: str
    source: str
    imported: int = 0
    updated: int = 0
    sessions: int = 0
    without_rome: int = 0  # offers with no ROME code: never proposed for a job
    skipped: list[Skipped] = field(default_factory=list)


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the catalogue tables and indexes when missing (safe to call at every start)."""
    db.table(TRAININGS).create(
        _TRAINING_COLUMNS,
        pk="id",
        not_null={"source", "offer_id", "title"},
        if_not_exists=True,
    )
    db.table(SESSIONS).create(
        _SESSION_COLUMNS,
        pk="id",
        not_null={"training_id"},
        foreign_keys=[("training_id", TRAININGS, "id")],
        if_not_exists=True,
    )
    # The index matching starts from: a clustered (WITHOUT ROWID) table keyed by parent code,
    # which sqlite-utils cannot declare.
    db.execute(
        f"CREATE TABLE IF NOT EXISTS {ROMES} ("
        f"rome_parent TEXT NOT NULL, training_id INTEGER NOT NULL REFERENCES {TRAININGS}(id), "
        "PRIMARY KEY (rome_parent, training_id)) WITHOUT ROWID"
    )
    db.table(TRAININGS).create_index(["source", "offer_id"], unique=True, if_not_exists=True)
    # Covering: a match reads a session's dates and state from the index alone.
    db.table(SESSIONS).create_index(
        ["training_id", "start_date", "end_date", "recruitment"],
        index_name="idx_training_sessions_dates",
        if_not_exists=True,
    )
    db.table(ROMES).create_index(["training_id"], if_not_exists=True)


def import_file(
    db_path_or_db: str | Path | sqlite_utils.Database,
    path: str | Path,
    progress: Progress | None = None,
    *,
    source: str | None = None,
) -> ImportReport:
    """Import a catalogue file (format detected) in one transaction and report what happened.

    Re-importing the same file updates offers in place. Raises CatalogueError (nothing
    changed) when the file is unreadable, malformed or truncated.
    """
    path = Path(path)
    kind = detect_format(path)
    entries: Iterable[TrainingOffer | Skipped]
    if kind == LHEO:
        source = source or "lheo"
        entries = read_lheo(path, source=source, progress=progress)
    elif kind == CPF:
        source = source or "cpf"
        entries = read_cpf(path, source=source, progress=progress)
    else:
        source = source or f"csv:{path.stem}"
        entries = read_simple(path, source=source, progress=progress)
    report = ImportReport(path=str(path), format=kind, source=source)
    db = _open(db_path_or_db)
    try:
        ensure_schema(db)
        with db.atomic():
            _Writer(db.conn, source, report).write(entries)
    finally:
        if db is not db_path_or_db:
            db.close()
    return report


def _open(db_path_or_db: str | Path | sqlite_utils.Database) -> sqlite_utils.Database:
    if isinstance(db_path_or_db, sqlite_utils.Database):
        return db_path_or_db
    return sqlite_utils.Database(db_path_or_db)


class _Writer:
    """Turns offers into rows, batching session and ROME rows for executemany."""

    def __init__(self, conn: sqlite3.Connection, source: str, report: ImportReport) -> None:
        self.conn = conn
        self.source = source
        self.report = report
        self.now = datetime.now(UTC).isoformat(timespec="seconds")
        self.existing: dict[str, int] = dict(
            conn.execute(
                f"SELECT offer_id, id FROM {TRAININGS} WHERE source = ?", (source,)
            ).fetchall()
        )
        # Ids are given here so that new offers can be inserted in batches too. Safe: the
        # SELECTs above hold this transaction's read lock (or snapshot), so a concurrent
        # writer makes our first write fail rather than collide.
        (last_id,) = conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {TRAININGS}").fetchone()
        self.next_id = int(last_id) + 1
        self.seen: set[str] = set()
        self.geo = _GeoResolver()
        self.parents: dict[str, str] = {}
        self.new_rows: list[tuple[object, ...]] = []
        self.updated_rows: list[tuple[object, ...]] = []
        self.session_rows: list[tuple[object, ...]] = []
        self.rome_rows: list[tuple[str, int]] = []
        self.stale: list[tuple[int]] = []

    def write(self, entries: Iterable[TrainingOffer | Skipped]) -> None:
        self.conn.execute("PRAGMA temp_store = MEMORY")
        for entry in entries:
            if isinstance(entry, Skipped):
                self.report.skipped.append(entry)
            elif entry.offer_id in self.seen:
                self.report.skipped.append(
                    Skipped(
                        f"offre « {entry.offer_id} »",
                        "identifiant en double dans le fichier : seule la première est gardée",
                    )
                )
            else:
                self.seen.add(entry.offer_id)
                self._offer(entry)
                if max(len(self.new_rows), len(self.session_rows), len(self.rome_rows)) >= _BATCH:
                    self._flush()
        self._flush()

    def _offer(self, offer: TrainingOffer) -> None:
        place = offer.place
        geo_lat, geo_lon, basis, departement = self.geo.resolve(
            place.lat, place.lon, place.town, place.postal_code, place.departement, place.insee_code
        )
        if not offer.rome_codes:
            self.report.without_rome += 1
        values = (
            offer.title,
            offer.objective,
            " ".join(offer.rome_codes),
            " ".join(offer.formacodes),
            offer.rncp,
            offer.organisation,
            place.postal_code,
            place.town,
            place.insee_code,
            departement,
            place.lat,
            place.lon,
            geo_lat,
            geo_lon,
            basis,
            offer.hours,
            offer.level,
            offer.remote,
            int(offer.permanent_entry),
            offer.url,
            self.now,
        )
        training_id = self.existing.get(offer.offer_id)
        if training_id is None:
            training_id = self.next_id
            self.next_id += 1
            self.new_rows.append((training_id, self.source, offer.offer_id, *values))
            self.report.imported += 1
        else:
            self.updated_rows.append((*values, training_id))
            self.stale.append((training_id,))
            self.report.updated += 1
        for session in offer.sessions:
            self.session_rows.append(
                (
                    training_id,
                    session.session_id,
                    session.start.isoformat() if session.start else None,
                    session.end.isoformat() if session.end else None,
                    session.recruitment,
                    None if session.remote_recruitment is None else int(session.remote_recruitment),
                    session.url,
                )
            )
        self.report.sessions += len(offer.sessions)
        for code in offer.rome_codes:
            self.rome_rows.append((self._parent(code), training_id))

    def _parent(self, code: str) -> str:
        parent = self.parents.get(code)
        if parent is None:
            parent = self.parents[code] = rome_parent(code) or code
        return parent

    def _flush(self) -> None:
        # Offers before their sessions (for connections that enforce foreign keys); old
        # sessions and codes of updated offers are replaced: the source is the truth.
        if self.new_rows:
            self.conn.executemany(_INSERT_TRAINING, self.new_rows)
            self.new_rows.clear()
        if self.updated_rows:
            self.conn.executemany(_UPDATE_TRAINING, self.updated_rows)
            self.updated_rows.clear()
        if self.stale:
            self.conn.executemany(f"DELETE FROM {SESSIONS} WHERE training_id = ?", self.stale)
            self.conn.executemany(f"DELETE FROM {ROMES} WHERE training_id = ?", self.stale)
            self.stale.clear()
        if self.session_rows:
            self.conn.executemany(_INSERT_SESSION, self.session_rows)
            self.session_rows.clear()
        if self.rome_rows:
            self.conn.executemany(_INSERT_ROME, self.rome_rows)
            self.rome_rows.clear()


# (lat, lon, basis, département) used for matching.
_Resolved = tuple[float | None, float | None, str | None, str | None]


_CEDEX = re.compile(r"\s+cedex\b.*$", re.IGNORECASE)


class _GeoResolver:
    """Coordinates for matching: the source's, else the commune's, else the département's."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str | None, ...], _Resolved] = {}
        self.centres = departement_centres()  # every commune is loaded only when needed

    def resolve(
        self,
        lat: float | None,
        lon: float | None,
        town: str | None,
        postal_code: str | None,
        departement: str | None,
        insee_code: str | None = None,
    ) -> _Resolved:
        """(lat, lon, basis, département) with the département filled from the commune."""
        if lat is not None and lon is not None:
            return lat, lon, BASIS_ADDRESS, departement
        key = (town, postal_code, departement, insee_code)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = self._lookup(town, postal_code, departement, insee_code)
        return found

    def _lookup(
        self,
        town: str | None,
        postal_code: str | None,
        departement: str | None,
        insee_code: str | None,
    ) -> _Resolved:
        # Most exact first; a name is read within the offer's département when it gives one,
        # so "Saint-Denis" in the 974 is not taken for the one in the 93.
        by_code = town_by_insee(insee_code) if insee_code else None
        if by_code is not None and departement in (None, by_code.departement):
            return by_code.lat, by_code.lon, BASIS_TOWN, by_code.departement
        queries = (
            _CEDEX.sub("", town) if town else None,
            postal_code if postal_code and "cedex" not in postal_code.lower() else None,
        )
        for query in queries:
            if not query:
                continue
            found = lookup_town(query, departement).town
            if found is not None:
                return found.lat, found.lon, BASIS_TOWN, found.departement
        centre = self.centres.get(departement or "")
        if centre is not None:
            return centre[0], centre[1], BASIS_DEPARTEMENT, departement
        return None, None, None, departement
