"""``declic jobs MOT``: the ROME codes an author may write in ``jobs:``, found by a word of
the job's name (« garagiste », « cuisine »), accents and case ignored.

An author who installed Déclic with pip has no ``assets/jobs/*.csv`` at hand to search.
The Normandy selection comes first. Exit codes: 0 codes printed, 1 no job matches.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from engine.reference.rome import search_jobs
from engine.typography import counted

#: short titles shown under a job, at most
SHOWN_TITLES = 3


def register(sub: Any) -> None:
    p = sub.add_parser("jobs", help="chercher le code ROME d'un métier (pour « jobs: »)")
    p.add_argument("words", nargs="+", metavar="MOT", help="un mot du nom du métier")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    word = " ".join(args.words)
    found = search_jobs(word)
    if not found:
        print(
            f"Aucun métier pour « {word} ». Essayez un mot plus court (« cuisin », « mécan ») "
            "ou un autre nom du métier.",
            file=sys.stderr,
        )
        return 1
    for job, titles in found:
        where = "  (sélection Normandie)" if job.theme else ""
        print(f"{job.code}  {job.title}{where}")
        if titles:
            more = " …" if len(titles) > SHOWN_TITLES else ""
            print(f"       {' ; '.join(titles[:SHOWN_TITLES])}{more}")
    print(
        f"{counted(len(found), 'métier')}. Écrivez le code dans « jobs: », "
        f"par exemple jobs: [{found[0][0].code}].",
        file=sys.stderr,
    )
    return 0
