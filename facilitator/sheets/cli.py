"""``declic sheet SCENARIO [--out DIR] [--db PATH]``: the facilitator's sheet, PDF and Markdown.

The trainings of the imported catalogue (``declic trainings import``) are listed when the
database exists and has some for the scenario's jobs; the database is never created here.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from engine.core import Rules
from engine.load.check import load_scenario
from engine.shipped import resolve_scenario
from engine.walkthrough import WalkthroughError, default_walkthrough, load_walkthrough, run
from facilitator.sheets.markdown import sheet_markdown
from facilitator.sheets.model import FacilitatorSheet, TrainingEntry, build_sheet
from facilitator.sheets.pdf import write_sheet_pdf
from facilitator.storage.location import database_path

NO_CATALOGUE = (
    "Formations près d'ici : importez le catalogue régional (« declic trainings import »), "
    "puis relancez « declic sheet » pour les voir ici."
)


def register(sub: Any) -> None:
    p = sub.add_parser("sheet", help="fiche de l'animateur d'un scénario (PDF A4 et Markdown)")
    p.add_argument(
        "scenario", metavar="SCENARIO", help="un scénario livré (cuisine) ou un fichier YAML"
    )
    p.add_argument(
        "--out",
        type=Path,
        default=Path("."),
        metavar="DOSSIER",
        help="dossier où écrire (défaut : ici)",
    )
    p.add_argument(
        "--db", metavar="FICHIER", help="base Déclic où lire le catalogue des formations"
    )
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    path = resolve_scenario(args.scenario)
    loaded = load_scenario(path)
    if not loaded.ok or loaded.scenario is None:
        for diagnostic in loaded.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        return 1
    scenario = loaded.scenario
    events: list[Any] = []
    walkthrough = default_walkthrough(path)
    if walkthrough.is_file():
        try:
            events = run(Rules(scenario), load_walkthrough(walkthrough)).events
        except WalkthroughError as exc:
            for diagnostic in exc.diagnostics:
                print(diagnostic.format(), file=sys.stderr)
            return 1
    trainings, note = catalogue_trainings(scenario.jobs, args.db)
    sheet = build_sheet(scenario, events, trainings, note)
    written = write_sheet(sheet, args.out)
    for file in written:
        print(file)
    return 0


def write_sheet(sheet: FacilitatorSheet, folder: Path) -> list[Path]:
    """Write ``fiche-ID.pdf`` and ``fiche-ID.md`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    pdf = write_sheet_pdf(sheet, folder / f"fiche-{sheet.scenario_id}.pdf")
    md = folder / f"fiche-{sheet.scenario_id}.md"
    md.write_text(sheet_markdown(sheet), encoding="utf-8")
    return [pdf, md]


def catalogue_trainings(
    jobs: list[str], db: str | None, *, today: date | None = None
) -> tuple[list[TrainingEntry], str]:
    """Up to 6 trainings of the imported catalogue for these jobs, or a note saying how."""
    path = database_path(db)
    if not jobs or not path.is_file():
        return [], NO_CATALOGUE
    import sqlite_utils

    from facilitator.trainings.match import match_trainings

    found = match_trainings(
        sqlite_utils.Database(path), jobs, None, today=today or date.today(), limit=6
    )
    if not found:
        return [], NO_CATALOGUE
    entries = [
        TrainingEntry(
            title=m.title,
            where=", ".join(x for x in (m.organisation, m.town) if x) or "lieu à préciser",
            start=f"début le {m.start:%d/%m/%Y}"
            if m.start
            else "entrée permanente ou date à préciser",
        )
        for m in found
    ]
    return entries, ""
