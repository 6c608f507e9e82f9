"""« La vraie vie du métier » (``assets/jobs/real_life.yaml``): hours, what the body does, the
real ways in and what the law allows before 18, with sources. The game's debrief shows it
after the questions about work, and the facilitator's sheet prints it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from engine.reference import assets_dir
from engine.reference.rome import rome_codes


@dataclass(frozen=True)
class JobEntry:
    code: str
    title: str
    hours: str
    physical: str
    routes: list[str]
    under_18: str
    sources: list[str]

    @property
    def known(self) -> bool:
        """Whether the data says more than the ROME title."""
        return bool(self.hours or self.physical or self.routes or self.under_18)


@cache
def real_life() -> dict[str, Any]:
    """The whole file, as written."""
    text = (assets_dir() / "jobs" / "real_life.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def job_entry(code: str) -> JobEntry:
    """The job's real life; a job missing from the data still shows its ROME title."""
    data = real_life()
    entry = data["jobs"].get(code)
    rome = rome_codes().get(code)
    title = rome.title if rome else code
    if entry is None:
        return JobEntry(code, title, "", "", [], "", [])
    sources = [data["common_sources"].get(s, s).replace("{code}", code) for s in entry["sources"]]
    return JobEntry(
        code,
        entry["title"],
        entry["hours"],
        entry["physical"],
        list(entry["routes"]),
        entry["under_18"],
        sources,
    )
