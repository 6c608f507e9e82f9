"""The texts players read, walked from the models (``engine.lint.texts``), are exactly those
of pydantic's dump by YAML name without defaults, which the W114/W116 paths were made from:
same texts, same paths, same order, on every shipped scenario and on one that uses defaults,
aliases, variants and a text equal to its default."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from engine.lint.texts import FACILITATOR_KEYS, TEXT_KEYS, scenario_texts
from engine.load.check import load_scenario
from engine.shipped import shipped_scenarios


def dumped_texts(
    value: Any, path: tuple[str | int, ...] = (), texty: bool = False
) -> Iterator[tuple[tuple[str | int, ...], str, bool]]:
    """The reference: walk ``model_dump(by_alias=True, exclude_defaults=True)``."""
    if isinstance(value, str):
        if texty:
            yield path, value, any(key in FACILITATOR_KEYS for key in path)
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from dumped_texts(child, (*path, key), texty or key in TEXT_KEYS)
    elif isinstance(value, list | tuple):
        for k, child in enumerate(value):
            yield from dumped_texts(child, (*path, k), texty)


def assert_same_as_dump(path: Path) -> int:
    loaded = load_scenario(path)
    assert loaded.scenario is not None, [d.format() for d in loaded.diagnostics]
    dump = loaded.scenario.model_dump(by_alias=True, exclude_defaults=True)
    expected = list(dumped_texts(dump))
    assert scenario_texts(loaded.scenario) == expected, path
    return len(expected)


def test_every_shipped_scenario_gives_the_dumps_texts() -> None:
    counted = [assert_same_as_dump(path) for path in shipped_scenarios()]
    assert len(counted) >= 7 and min(counted) > 10


def test_defaults_aliases_variants_and_the_sheet(tmp_path: Path) -> None:
    scenario = {
        "format": 1,
        "id": "textes",
        "title": "Textes",
        "kind": "escape",
        "duration_minutes": 30,
        "players": {"min": 1, "max": 4},
        "start": "salle",
        "scenes": [
            {
                "id": "salle",
                "title": "La salle",
                "text": "Vous entrez.",
                "hotspots": [
                    {
                        "id": "porte",
                        "label": "La porte",
                        "locked_text": "C'est fermé.",
                        "when": {"not": {"flag": "vu"}},
                        "effects": [{"say": "Elle grince."}, {"set": "vu"}],
                        "puzzle": "quiz",
                    },
                ],
            }
        ],
        "puzzles": [
            {
                "id": "quiz",
                "type": "text",
                "title": "Quiz",
                "prompt": "Quel mot ?",
                "answers": ["porte"],
                "hints": ["Regardez.", "La porte."],
                "why": "Pour l'animateur.",
                "variants": [{"prompt": "Quel autre mot ?", "answers": ["salle"]}],
                "on_solve": [{"end": "fin"}],
            }
        ],
        "endings": [{"id": "fin", "title": "Bravo", "text": "Fini."}],
    }
    path = tmp_path / "textes.yaml"
    path.write_text(yaml.safe_dump(scenario, allow_unicode=True), encoding="utf-8")
    texts = scenario_texts(load_scenario(path).scenario)  # type: ignore[arg-type]
    assert (("puzzles", 0, "why"), "Pour l'animateur.", True) in texts
    assert (("puzzles", 0, "variants", 0, "prompt"), "Quel autre mot ?", False) in texts
    assert (("scenes", 0, "hotspots", 0, "effects", 0, "say"), "Elle grince.", False) in texts
    # written but equal to its default: left out, as the dump leaves it out
    assert not any(p[-1] == "locked_text" for p, _, _ in texts)
    assert assert_same_as_dump(path) == len(texts)
