"""ROME job codes: validation, parent codes, the Normandy selection and job ↔ savoir-être links.

Why parents matter: ROME 4.0 split many sheets, and training catalogues mostly carry the
older parent code, so matching a job to a training goes through ``rome_parent``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from . import assets_dir
from .icons import fold

__all__ = [
    "RomeJob",
    "appellations",
    "is_valid_rome",
    "job_skills",
    "jobs_with_skill",
    "normandie_jobs",
    "rome_codes",
    "rome_parent",
    "search_jobs",
]


@dataclass(frozen=True, slots=True)
class RomeJob:
    """A ROME job sheet; ``theme`` is the Normandy selection's tag, None outside it."""

    code: str
    title: str
    parent: str
    theme: str | None = None


def _rows(name: str) -> Iterator[dict[str, str]]:
    path: Path = assets_dir() / "jobs" / name
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _normalise(code: str) -> str:
    return code.strip().upper()


@cache
def rome_codes() -> Mapping[str, RomeJob]:
    """Every ROME v4.60 code, read-only."""
    return MappingProxyType(
        {
            row["code_rome"]: RomeJob(
                row["code_rome"], row["libelle_rome"], row["code_rome_parent"]
            )
            for row in _rows("rome_codes.csv")
        }
    )


def is_valid_rome(code: str) -> bool:
    """True for a known ROME v4.60 code (spaces and case ignored)."""
    return _normalise(code) in rome_codes()


def rome_parent(code: str) -> str | None:
    """The parent sheet's code (itself for a historical code), None for an unknown code."""
    job = rome_codes().get(_normalise(code))
    return job.parent if job else None


@cache
def normandie_jobs() -> Mapping[str, RomeJob]:
    """The jobs selected for Normandy youth pathways, with their theme tag."""
    return MappingProxyType(
        {
            row["code_rome"]: RomeJob(
                row["code_rome"],
                row["libelle_rome"],
                row["code_rome_parent"],
                row["theme"] or None,
            )
            for row in _rows("normandie_jobs.csv")
        }
    )


@cache
def _links() -> tuple[Mapping[str, tuple[tuple[str, bool], ...]], Mapping[str, frozenset[str]]]:
    by_job: dict[str, list[tuple[str, bool]]] = {}
    by_skill: dict[str, set[str]] = {}
    for row in _rows("job_skills.csv"):
        code, skill = row["code_rome"], row["skill"]
        by_job.setdefault(code, []).append((skill, row["core"] == "1"))
        by_skill.setdefault(skill, set()).add(code)
    return (
        MappingProxyType({code: tuple(links) for code, links in by_job.items()}),
        MappingProxyType({skill: frozenset(codes) for skill, codes in by_skill.items()}),
    )


def job_skills(code: str) -> list[tuple[str, bool]]:
    """The savoir-être a job asks for, as (skill slug, core flag), sorted by slug.

    Empty for an unknown code. In ROME v4.60 no savoir-être link is flagged core.
    """
    return list(_links()[0].get(_normalise(code), ()))


def jobs_with_skill(slug: str) -> set[str]:
    """The ROME codes that ask for this savoir-être (empty for an unknown slug)."""
    return set(_links()[1].get(slug.strip(), frozenset()))


@cache
def appellations() -> Mapping[str, tuple[str, ...]]:
    """Short job titles ("appellations") of the Normandy selection, by ROME code."""
    titles: dict[str, list[str]] = {}
    for row in _rows("appellations_normandie.csv"):
        titles.setdefault(row["code_rome"], []).append(row["libelle_appellation_court"])
    return MappingProxyType({code: tuple(names) for code, names in titles.items()})


def search_jobs(word: str) -> list[tuple[RomeJob, tuple[str, ...]]]:
    """The job sheets whose title or one of whose short titles holds every word of ``word``
    (accents and case ignored), each with those short titles: the Normandy selection first,
    then the other ROME codes, by code. What an author looks up to write ``jobs:``."""
    words = fold(word).split()
    if not words:
        return []
    found = []
    selected = normandie_jobs()
    for code, job in rome_codes().items():
        named = [t for t in appellations().get(code, ()) if all(w in fold(t) for w in words)]
        if named or all(w in fold(job.title) for w in words):
            found.append((selected.get(code, job), tuple(named)))
    found.sort(key=lambda hit: (hit[0].theme is None, hit[0].code))
    return found
