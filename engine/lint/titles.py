"""Inclusive job titles: warn when a text names a job in the masculine only while ROME gives
both forms (« Soudeur / Soudeuse »). Write the doublet: « soudeur ou soudeuse »,
« le soudeur / la soudeuse », never the point médian (read aloud badly, hard to read)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from engine.format.scenario import Scenario
from engine.lint.texts import Text, scenario_texts
from engine.load.yaml_source import Path_
from engine.reference.rome import appellations, rome_codes

Finding = tuple[Path_, str, str, str]


def forms(title: str) -> tuple[str, str] | None:
    """(masculine, feminine) of a ROME title written « Soudeur / Soudeuse », else None."""
    if title.count(" / ") != 1:
        return None
    plain = re.sub(r"\s*\([^)]*\)", "", title)
    masculine, feminine = (part.strip() for part in plain.split(" / "))
    if not masculine or not feminine or masculine.casefold() == feminine.casefold():
        return None
    # « Technicien / Technicienne déchet nucléaire »: the shared tail belongs to both forms
    tail = feminine.split(" ", 1)[1] if " " in feminine and " " not in masculine else ""
    return (f"{masculine} {tail}".strip() if tail else masculine, feminine)


@cache
def _pairs_for(
    codes: tuple[str, ...],
) -> tuple[tuple[re.Pattern[str], re.Pattern[str], str, str], ...]:
    titles: set[str] = set()
    for code in codes:
        job = rome_codes().get(code)
        if job:
            titles.add(job.title)
        titles.update(appellations().get(code, ()))
    found = []
    for title in sorted(titles):
        pair = forms(title)
        if pair is None:
            continue
        found.append((_phrase(pair[0]), _phrase(pair[1]), pair[0], title))
    return tuple(found)


def fold(text: str) -> str:
    """Lower case without accents: ROME writes « Eleveur », players read « Éleveur »."""
    if text.isascii():  # most words: nothing to decompose (an apostrophe ’ is not ASCII)
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def _phrase(words: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(fold(words))}(?![\w-])")


def title_findings(scenario: Scenario, texts: list[Text] | None = None) -> Iterator[Finding]:
    """W114 for each text naming a scenario job in the masculine form only (``texts``: the
    scenario's, when the caller has read them already)."""
    codes = tuple(
        dict.fromkeys([*scenario.jobs, *(q.job for q in scenario.debrief.questions if q.job)])
    )
    pairs = _pairs_for(codes)
    if not pairs:  # no job of the scenario has a masculine title to look for
        return
    for path, text, _ in scenario_texts(scenario) if texts is None else texts:
        lowered = fold(text)
        for masculine, feminine, word, title in pairs:
            if masculine.search(lowered) and not feminine.search(lowered):
                yield (
                    path,
                    "W114",
                    f"« {word} » au masculin seulement, alors que le ROME donne « {title} »",
                    "Écrivez les deux formes : « le soudeur ou la soudeuse », « Soudeur / Soudeuse ».",
                )
                break
