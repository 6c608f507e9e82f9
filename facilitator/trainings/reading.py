"""Open catalogue files: byte counting for progress bars, format and encoding detection."""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable
from pathlib import Path
from typing import IO

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


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) when the whole file decodes, else Windows-1252.

    Counsellors often save CSV files from Excel, which writes Windows-1252 on French systems.
    Decoding is incremental so a large export is checked in constant memory.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as file:
        try:
            while chunk := file.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def detect_format(path: Path) -> str:
    """Tell LHEO XML from the CPF export and the simple counsellor CSV by their first bytes."""
    try:
        with open(path, "rb") as file:
            head = file.read(_SNIFF_BYTES)
    except OSError as error:
        raise CatalogueError(
            f"impossible d'ouvrir le fichier ({error.strerror})",
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
