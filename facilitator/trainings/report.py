"""The French report of a catalogue import, printed by ``declic trainings import`` and by
``declic hub trainings import`` alike."""

from __future__ import annotations

from typing import TextIO

from engine.typography import agree, counted
from facilitator.trainings.store import ImportReport

_MAX_SKIPPED_SHOWN = 20
_FORMATS = {"lheo": "XML LHEO", "cpf": "CSV Mon Compte Formation", "simple": "CSV simple"}


def print_report(report: ImportReport, out: TextIO) -> None:
    """The import report in French, skipped entries with where and why."""
    kind = _FORMATS.get(report.format, report.format)
    print(f"Catalogue importé : {report.path} ({kind}, source « {report.source} »)", file=out)
    print(
        f"  {counted(report.imported, 'offre ajoutée', 'offres ajoutées')}, "
        f"{counted(report.updated, 'mise à jour', 'mises à jour')}, {counted(report.sessions, 'session')}",
        file=out,
    )
    if report.without_rome:
        print(
            f"  {counted(report.without_rome, 'offre')} sans code ROME : "
            f"{agree(report.without_rome, 'elle ne peut pas être', 'elles ne peuvent pas être')} "
            "proposées par métier (export sans colonnes code_rome_1 à code_rome_5 ?)",
            file=out,
        )
    if not report.skipped:
        return
    print(f"  {counted(len(report.skipped), 'entrée ignorée', 'entrées ignorées')} :", file=out)
    for skipped in report.skipped[:_MAX_SKIPPED_SHOWN]:
        print(f"    - {skipped.where} : {skipped.reason}", file=out)
    if len(report.skipped) > _MAX_SKIPPED_SHOWN:
        print(f"    … et {counted(len(report.skipped) - _MAX_SKIPPED_SHOWN, 'autre')}", file=out)
