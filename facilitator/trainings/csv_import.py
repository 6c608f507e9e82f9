"""CSV catalogues: the national CPF export and the simple file a counsellor edits by hand.

Cell-level problems skip the row (with its line number). File-level problems raise
CatalogueError so that nothing is imported: a missing column, broken quoting, a row with
too few or too many cells (a file cut in half, or a stray separator), bytes that do not
decode. A half-imported catalogue would look complete to the counsellor.

The CPF export ("Mon Compte Formation", Caisse des Dépôts open data) comes in two real
shapes, both read by column name: the older one without ROME codes, and the 47-column one
with `code_rome_1` to `code_rome_5`; `;`-separated, often with a byte-order mark.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from engine.typography import agree, counted
from facilitator.trainings.model import (
    BLENDED,
    IN_PERSON,
    RECRUITMENT_CLOSED,
    RECRUITMENT_OPEN,
    RECRUITMENT_SUSPENDED,
    REMOTE,
    CatalogueError,
    Place,
    Skipped,
    TrainingOffer,
    TrainingSession,
    departement_from_postal_code,
    strip_html,
)
from facilitator.trainings.reading import Progress, detect_encoding, open_text, undecodable

Entry = TrainingOffer | Skipped

# Columns of the "Mon Compte Formation" open-data catalogue we use (others are ignored).
CPF_REQUIRED = ("numero_formation", "intitule_formation")

# The simple counsellor CSV (documented in docs/trainings.md). One row per session.
SIMPLE_REQUIRED = ("identifiant", "intitule")
SIMPLE_COLUMNS = (
    "identifiant",
    "intitule",
    "organisme",
    "codes_rome",
    "code_postal",
    "ville",
    "departement",
    "latitude",
    "longitude",
    "date_debut",
    "date_fin",
    "heures",
    "modalite",
    "entree_permanente",
    "recrutement",
    "url",
    "objectif",
    "niveau",
    "formacodes",
    "code_rncp",
)

_CODE_SPLIT = re.compile(r"[\s,;|/]+")
_MODES = {
    "presentiel": IN_PERSON,
    "présentiel": IN_PERSON,
    "0": IN_PERSON,
    "mixte": BLENDED,
    "1": BLENDED,
    "distance": REMOTE,
    "à distance": REMOTE,
    "a distance": REMOTE,
    "2": REMOTE,
}
_RECRUITMENT = {
    "ouvert": RECRUITMENT_OPEN,
    "1": RECRUITMENT_OPEN,
    "fermé": RECRUITMENT_CLOSED,
    "ferme": RECRUITMENT_CLOSED,
    "2": RECRUITMENT_CLOSED,
    "suspendu": RECRUITMENT_SUSPENDED,
    "3": RECRUITMENT_SUSPENDED,
}
_YES = {"oui", "o", "1", "x", "vrai", "yes"}


class _RowError(ValueError):
    """One cell is unusable: the row is skipped with this French reason."""


# --- shared cell readers ------------------------------------------------------------------


def _cell(row: dict[str, str], column: str) -> str | None:
    value = row.get(column)
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(text.replace(",", ".").replace(" ", ""))
    except ValueError:
        return None


def _int_cell(text: str | None) -> int | None:
    value = _number(text)
    return None if value is None else round(value)


def _code(text: str | None) -> str | None:
    """Codes exported through spreadsheets come back as `31795.0`: keep the code only."""
    if text is None:
        return None
    text = text.strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text or None


def _departement(text: str | None) -> str | None:
    code = _code(text)
    if code is None:
        return None
    return code.zfill(2) if code.isdigit() and len(code) < 2 else code.upper()


def _rncp(text: str | None) -> str | None:
    """The RNCP number; the CPF export's -1 (an RS certification, no RNCP) is None."""
    code = _code(text)
    if code is None or code.startswith("-"):
        return None
    code = re.sub(r"^RNCP\s*", "", code, flags=re.IGNORECASE)
    return code or None


def _codes(text: str | None) -> tuple[str, ...]:
    if text is None:
        return ()
    return tuple(c.upper() for c in _CODE_SPLIT.split(text) if c)


def _rows(
    path: Path,
    required: tuple[str, ...],
    progress: Progress | None,
    *,
    delimiter: str | None = None,
    allowed: tuple[str, ...] | None = None,
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) pairs; header and quoting problems raise CatalogueError."""
    encoding = detect_encoding(path)
    with open_text(path, encoding, progress) as handle:
        first = handle.readline()
        sep = delimiter or _guess_delimiter(first)
        header = [h.strip().lower() for h in next(csv.reader([first], delimiter=sep), [])]
        missing = [c for c in required if c not in header]
        if missing:
            raise CatalogueError(
                agree(len(missing), "colonne obligatoire absente", "colonnes obligatoires absentes")
                + " : "
                + ", ".join(missing),
                file=str(path),
                line=1,
                hint=f"La première ligne doit nommer les colonnes, séparées par « {sep} ».",
            )
        unknown = [c for c in header if allowed is not None and c and c not in allowed]
        if unknown:
            raise CatalogueError(
                agree(len(unknown), "colonne inconnue", "colonnes inconnues")
                + " : "
                + ", ".join(unknown),
                file=str(path),
                line=1,
                hint="Colonnes possibles : " + ", ".join(allowed or ()) + " (docs/trainings.md).",
            )
        # strict: a quote left open at the end (a file cut in a quoted cell) is an error.
        reader = csv.reader(handle, delimiter=sep, strict=True)
        line = 2  # where the next row starts (the header was line 1)
        try:
            for cells in reader:
                line, next_line = line, reader.line_num + 2
                if not any(c.strip() for c in cells):
                    line = next_line
                    continue
                if len(cells) != len(header):
                    raise CatalogueError(
                        f"{counted(len(cells), 'colonne')} au lieu de {len(header)} : ligne coupée "
                        "ou séparateur « " + sep + " » en trop",
                        file=str(path),
                        line=line,
                        hint=_WIDTH_HINT,
                    )
                yield line, dict(zip(header, cells, strict=True))
                line = next_line
        except csv.Error as error:
            raise CatalogueError(
                f"CSV illisible ({_french_csv_error(error)})",
                file=str(path),
                line=line,
                hint=(
                    "Un guillemet n'est pas refermé ou le fichier s'arrête avant la fin : "
                    "récupérez à nouveau l'export complet, ou corrigez cette ligne."
                ),
            ) from None
        except UnicodeDecodeError as error:  # only if the file changed since it was checked
            raise undecodable(path, encoding, error) from None


_WIDTH_HINT = (
    "Le fichier semble coupé (téléchargement interrompu ?) ou une cellule contient le "
    "séparateur sans guillemets : récupérez à nouveau l'export complet, ou corrigez cette ligne. "
    "Rien n'a été importé."
)


def _french_csv_error(error: csv.Error) -> str:
    text = str(error)
    if "unexpected end of data" in text:
        return "le fichier s'arrête dans une cellule entre guillemets"
    if "expected after" in text:
        return "du texte suit un guillemet fermant"
    return text


def _guess_delimiter(header_line: str) -> str:
    return max((";", ",", "\t"), key=header_line.count)


# --- CPF open-data export -----------------------------------------------------------------


def read_cpf(
    path: Path, *, source: str = "cpf", progress: Progress | None = None
) -> Iterator[Entry]:
    """Yield offers from the "Mon Compte Formation" catalogue export (one row per formation).

    The export gives a département but no town nor dates: offers get no session and are
    placed at the département's centre by the store.
    """
    for line, row in _rows(path, CPF_REQUIRED, progress, delimiter=";"):
        where = f"ligne {line}"
        numero = _cell(row, "numero_formation")
        title = _cell(row, "intitule_formation")
        if numero is None or title is None:
            yield Skipped(where, "numero_formation ou intitule_formation vide")
            continue
        departement = _departement(_cell(row, "code_departement"))
        yield TrainingOffer(
            offer_id=f"{numero}/{departement}" if departement else numero,
            source=source,
            title=title,
            objective=strip_html(_cell(row, "objectif_formation") or _cell(row, "points_forts")),
            rome_codes=tuple(
                c.upper() for i in range(1, 6) if (c := _code(row.get(f"code_rome_{i}")))
            ),
            formacodes=tuple(
                c for i in range(1, 6) if (c := _code(row.get(f"code_formacode_{i}")))
            ),
            rncp=_rncp(_cell(row, "code_rncp")),
            organisation=_cell(row, "nom_of"),
            place=Place(departement=departement),
            hours=_int_cell(
                _cell(row, "nombre_heures_total_mean")
                or _cell(row, "nombre_heures_total_min")
                or _cell(row, "nombre_heures_total_max")
            ),
            level=_cell(row, "libelle_niveau_sortie_formation"),
            remote=_cpf_remote(row),
        )


def _cpf_remote(row: dict[str, str]) -> int | None:
    active = _int_cell(_cell(row, "nb_session_active"))
    remote = _int_cell(_cell(row, "nb_session_a_distance"))
    if active is None or remote is None:
        return None
    if active > 0 and remote >= active:
        return REMOTE
    return BLENDED if remote > 0 else IN_PERSON


# --- simple counsellor CSV ----------------------------------------------------------------


def read_simple(
    path: Path, *, source: str | None = None, progress: Progress | None = None
) -> Iterator[Entry]:
    """Yield offers from the hand-edited CSV; rows sharing an `identifiant` are its sessions.

    The file is small by nature, so rows are grouped in memory. `source` defaults to
    `csv:<file name>` so two counsellors' files with ids 1, 2, 3 do not overwrite each other.
    """
    source = source or f"csv:{path.stem}"
    offers: dict[str, tuple[TrainingOffer, list[TrainingSession]]] = {}
    skipped: list[Skipped] = []
    for line, row in _rows(path, SIMPLE_REQUIRED, progress, allowed=SIMPLE_COLUMNS):
        where = f"ligne {line}"
        try:
            offer, session = _simple_row(row, source)
        except _RowError as error:
            skipped.append(Skipped(where, str(error)))
            continue
        if offer.offer_id not in offers:
            offers[offer.offer_id] = (offer, [])
        if session is not None:
            offers[offer.offer_id][1].append(session)
    yield from skipped
    for offer, sessions in offers.values():
        yield replace(offer, sessions=tuple(sessions))


def _simple_row(row: dict[str, str], source: str) -> tuple[TrainingOffer, TrainingSession | None]:
    offer_id = _cell(row, "identifiant")
    title = _cell(row, "intitule")
    if offer_id is None or title is None:
        raise _RowError("identifiant ou intitulé vide")
    postal_code = _code(_cell(row, "code_postal"))
    lat = _number(_cell(row, "latitude"))
    lon = _number(_cell(row, "longitude"))
    if (lat is None) != (lon is None) or (
        lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)
    ):
        raise _RowError("latitude et longitude : donnez les deux, en degrés décimaux")
    start = _french_date(_cell(row, "date_debut"), "date_debut")
    end = _french_date(_cell(row, "date_fin"), "date_fin")
    if start and end and end < start:
        raise _RowError("date_fin avant date_debut")
    recruitment_text = _cell(row, "recrutement")
    recruitment = None
    if recruitment_text is not None:
        recruitment = _RECRUITMENT.get(recruitment_text.lower())
        if recruitment is None:
            raise _RowError(
                f"recrutement inconnu « {recruitment_text} » (ouvert, fermé ou suspendu)"
            )
    mode_text = _cell(row, "modalite")
    remote = None
    if mode_text is not None:
        remote = _MODES.get(mode_text.lower())
        if remote is None:
            raise _RowError(f"modalité inconnue « {mode_text} » (présentiel, mixte ou distance)")
    hours_text = _cell(row, "heures")
    hours = _int_cell(hours_text)
    if hours_text is not None and hours is None:
        raise _RowError(f"nombre d'heures illisible « {hours_text} »")
    offer = TrainingOffer(
        offer_id=offer_id,
        source=source,
        title=title,
        objective=strip_html(_cell(row, "objectif")),
        rome_codes=_codes(_cell(row, "codes_rome")),
        formacodes=_codes(_cell(row, "formacodes")),
        rncp=_rncp(_cell(row, "code_rncp")),
        organisation=_cell(row, "organisme"),
        place=Place(
            postal_code=postal_code,
            town=_cell(row, "ville"),
            departement=_departement(_cell(row, "departement"))
            or departement_from_postal_code(postal_code),
            lat=lat,
            lon=lon,
        ),
        hours=hours,
        level=_cell(row, "niveau"),
        remote=remote,
        permanent_entry=(_cell(row, "entree_permanente") or "").lower() in _YES,
        url=_cell(row, "url"),
    )
    has_session = start or end or recruitment is not None
    session = (
        TrainingSession(start=start, end=end, recruitment=recruitment) if has_session else None
    )
    return offer, session


def _french_date(text: str | None, column: str) -> date | None:
    if text is None:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise _RowError(f"{column} illisible « {text} » (attendu JJ/MM/AAAA)")
