"""Format-neutral training offers, so every importer feeds the same store and matcher."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

# LHEO dict-modalites-enseignement.
IN_PERSON = 0
BLENDED = 1
REMOTE = 2

# LHEO dict-etat-recrutement.
RECRUITMENT_OPEN = 1
RECRUITMENT_CLOSED = 2
RECRUITMENT_SUSPENDED = 3

# LHEO dict-niveaux, shortened for display (codes 11-18 are the 2019 European levels).
LEVEL_LABELS: dict[str, str] = {
    "0": "information non communiquée",
    "1": "sans niveau spécifique",
    "2": "niveau VI (illettrisme, analphabétisme)",
    "3": "niveau V bis (préqualification)",
    "4": "niveau V (CAP, BEP)",
    "5": "niveau IV (BP, BT, bac pro ou techno)",
    "6": "niveau III (BTS, DUT)",
    "7": "niveau II (licence, maîtrise)",
    "8": "niveau I (supérieur à la maîtrise)",
    **{str(10 + n): f"Niveau {n}" for n in range(1, 9)},
}


class CatalogueError(Exception):
    """A catalogue file cannot be read at all; the import must stop and change nothing.

    Carries where it happened (file, line, column) and a French hint for the counsellor.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str,
        line: int | None = None,
        column: int | None = None,
        hint: str = "",
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.hint = hint
        super().__init__(self.french())

    def french(self) -> str:
        """One readable French paragraph: where, what, and what to do."""
        where = self.file
        if self.line is not None:
            where += f", ligne {self.line}"
            if self.column is not None:
                where += f", colonne {self.column}"
        text = f"{where} : {self.message}"
        if self.hint:
            text += f"\nConseil : {self.hint}"
        return text


@dataclass(frozen=True, slots=True)
class Place:
    """Where the training happens; coordinates are WGS84 degrees when the source gives them."""

    postal_code: str | None = None
    town: str | None = None
    insee_code: str | None = None
    departement: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class TrainingSession:
    """One intake of an offer. Unknown dates stay None rather than being guessed."""

    session_id: str | None = None
    start: date | None = None
    end: date | None = None
    recruitment: int | None = None  # RECRUITMENT_* (LHEO etat-recrutement)
    remote_recruitment: bool | None = None  # recrutement/a-distance
    url: str | None = None


@dataclass(frozen=True, slots=True)
class TrainingOffer:
    """One place-bound training (an LHEO action with its formation's description).

    `offer_id` is the source's own number, so a re-import updates instead of duplicating.
    """

    offer_id: str
    source: str
    title: str
    objective: str = ""
    rome_codes: tuple[str, ...] = ()
    formacodes: tuple[str, ...] = ()
    rncp: str | None = None
    organisation: str | None = None
    place: Place = field(default_factory=Place)
    sessions: tuple[TrainingSession, ...] = ()
    hours: int | None = None
    level: str | None = None  # readable exit level
    remote: int | None = None  # IN_PERSON, BLENDED, REMOTE (modalites-enseignement)
    permanent_entry: bool = False  # modalites-entrees-sorties = 1: join any time
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """An entry left out of an import, with where it is and why (in French)."""

    where: str
    reason: str


_TAG = re.compile(r"<[^>]*>")
_BLOCK = re.compile(r"<\s*(br|/p|/li|/div|/h\d)\b[^>]*>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")


def strip_html(text: str | None) -> str:
    """Turn the HTML fragments found in catalogue descriptions into plain text."""
    if not text:
        return ""
    text = _BLOCK.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    text = _SPACES.sub(" ", text)
    return _BLANK_LINES.sub("\n", text).strip()


@lru_cache(maxsize=8192)  # catalogues repeat the same few hundred dates
def parse_lheo_date(value: str | None) -> date | None:
    """Read an LHEO `AAAAMMJJ` date.

    `00` for the day or month means "unknown": we take the first day / month so a rough date
    still sorts. `00000000` (unknown start) and `99999999` (unknown end) give None.
    Raises ValueError on anything else that is not a real date.
    """
    if value is None:
        return None
    value = value.strip()
    if not value or value in ("00000000", "99999999"):
        return None
    if len(value) != 8 or not value.isdigit():
        raise ValueError(f"date LHEO illisible « {value} » (attendu AAAAMMJJ)")
    year, month, day = int(value[:4]), int(value[4:6]), int(value[6:])
    if year == 0:
        return None
    try:
        return date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"date LHEO impossible « {value} »") from None


def level_label(code: str | None) -> str | None:
    """Readable label for an LHEO dict-niveaux code; unknown codes are kept as they are."""
    if code is None or not code.strip():
        return None
    return LEVEL_LABELS.get(code.strip(), code.strip())


def departement_from_postal_code(postal_code: str | None) -> str | None:
    """Best guess of the département from a French postal code (Corsica and overseas aware)."""
    if not postal_code or len(postal_code) != 5 or not postal_code.isdigit():
        return None
    if postal_code.startswith("97") or postal_code.startswith("98"):
        return postal_code[:3]
    if postal_code.startswith("20"):
        return "2A" if int(postal_code) < 20200 else "2B"
    return postal_code[:2]
