"""Open catalogue files: byte counting for progress bars, format and encoding detection."""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable
from pathlib import Path
from typing import IO

from engine.folders import os_reason
from facilitator.trainings.model import CatalogueError

# Called with (bytes read so far, total bytes of the file).
Progress = Callable[[int, int], None]

LHEO = "lheo"
CPF = "cpf"
SIMPLE = "simple"

_SNIFF_BYTES = 64 * 1024


class CountingReader(io.RawIOBase):
    """A raw binary file that reports how far it has been read, for a progress bar."""

    def __init__(self, path: Path, progress: Progress | None = None) -> None:
        self._file = open(path, "rb")  # noqa: SIM115 - closed by close()
        self._progress = progress
        self.total = path.stat().st_size
        self.done = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        count = self._file.readinto(buffer)
        self.done += count
        if self._progress is not None:
            self._progress(self.done, self.total)
        return count

    def close(self) -> None:
        self._file.close()
        super().close()


def open_text(path: Path, encoding: str, progress: Progress | None = None) -> IO[str]:
    """Open a CSV as text, universal newlines left to the csv module."""
    raw = CountingReader(path, progress)
    return io.TextIOWrapper(io.BufferedReader(raw), encoding=encoding, newline="")


_ENCODING_NAMES = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "cp1252": "Windows-1252"}


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) when the whole file decodes, else Windows-1252.

    Counsellors often save CSV files from Excel, which writes Windows-1252 on French systems.
    Decoding is incremental so a large export is checked in constant memory. A file that is
    UTF-8 but for a few bytes, or that no encoding reads, raises CatalogueError with the line
    of the first bad byte and the encoding found: guessing would garble every accent.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as file:
        try:
            while chunk := file.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return _not_utf8(path)
    return "utf-8-sig"


def _not_utf8(path: Path) -> str:
    """Windows-1252 when the file has no UTF-8 accent at all and decodes so; else the error."""
    first_bad: tuple[int, UnicodeDecodeError] | None = None
    utf8_accents = False
    with open(path, "rb") as file:
        for number, raw in enumerate(file, start=1):
            if raw.isascii():
                continue
            try:
                raw.decode("utf-8")
                utf8_accents = True
            except UnicodeDecodeError as error:
                first_bad = first_bad or (number, error)
            if utf8_accents and first_bad:
                break
    if first_bad is None:  # not reached: the incremental check failed somewhere
        return "utf-8-sig"
    if utf8_accents:
        raise undecodable(path, "utf-8", first_bad[1], line=first_bad[0])
    with open(path, "rb") as file:
        for number, raw in enumerate(file, start=1):
            try:
                raw.decode("cp1252")
            except UnicodeDecodeError as error:
                raise undecodable(path, "cp1252", error, line=number) from None
    return "cp1252"


def undecodable(
    path: Path, encoding: str, error: UnicodeDecodeError, *, line: int | None = None
) -> CatalogueError:
    """The French error for bytes that the file's encoding cannot read."""
    name = _ENCODING_NAMES.get(encoding, encoding)
    byte = error.object[error.start : error.start + 1].hex().upper()
    return CatalogueError(
        f"octet 0x{byte} illisible : le fichier est en {name} (encodage trouvé) "
        "mais cet octet n'en fait pas partie",
        file=str(path),
        line=line,
        column=error.start + 1 if line is not None else None,
        hint=(
            "Le fichier a été abîmé ou mélange deux encodages : récupérez à nouveau l'export, "
            "ou réenregistrez-le en « CSV UTF-8 » depuis votre tableur. Rien n'a été importé."
        ),
    )


def detect_format(path: Path) -> str:
    """Tell LHEO XML from the CPF export and the simple counsellor CSV by their first bytes."""
    try:
        with open(path, "rb") as file:
            head = file.read(_SNIFF_BYTES)
    except OSError as error:
        raise CatalogueError(
            f"impossible d'ouvrir le fichier ({os_reason(error)})",
            file=str(path),
            hint="Vérifiez le chemin du fichier et vos droits de lecture.",
        ) from None
    text = head.decode("utf-8-sig", errors="replace").lstrip()
    if not text:
        raise CatalogueError(
            "le fichier est vide",
            file=str(path),
            line=1,
            hint="Téléchargez à nouveau le catalogue.",
        )
    if text.startswith("<"):
        return LHEO
    header = text.splitlines()[0].lower()
    if "numero_formation" in header and "intitule_formation" in header:
        return CPF
    if "identifiant" in header and "intitule" in header:
        return SIMPLE
    raise CatalogueError(
        "format de catalogue non reconnu",
        file=str(path),
        line=1,
        hint=(
            "Formats acceptés : XML LHEO (offres ou résumés d'offres), export CSV "
            "« Mon Compte Formation » (colonne numero_formation), ou CSV simple "
            "(colonnes identifiant;intitule;... voir docs/trainings.md)."
        ),
    )
