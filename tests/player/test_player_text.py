"""Text layout stays right while it gets cheaper: wrapping by summed word widths, sizes on a
ladder, glyphs warmed in idle frames."""

from __future__ import annotations

import itertools
import json

import pygame
import pytest

from engine.load.check import load_scenario
from engine.player.glyphs import GlyphWarmup, characters, scenario_texts, strings_in
from engine.player.locale import table
from engine.player.paint import (
    TYPE_SIZES,
    Painter,
    Style,
    _wrap_exactly,
    breakable_words,
    type_size,
)
from engine.player.theme import NORMAL, font_files
from engine.shipped import scenarios_dir
from engine.typography import spaced


@pytest.fixture
def painter() -> Painter:
    pygame.font.init()
    p = Painter(Style(NORMAL, 1.0, font_files(False)))
    p.set_target(pygame.Surface((1920, 1080)))
    return p


def _shipped_texts() -> list[str]:
    """Every string of every shipped scenario (titles, texts, hints, options...)."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str) and " " in value:
            found.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in sorted(scenarios_dir().glob("*/*.yaml")):
        if path.name.endswith(".walkthrough.yaml"):
            continue
        if path.name.endswith(".walkthrough.yaml"):
            continue
        loaded = load_scenario(path)
        assert loaded.scenario is not None
        walk(json.loads(loaded.scenario.model_dump_json()))
    return found


@pytest.mark.parametrize("width,size,bold", [(460, 26, False), (1100, 36, False), (300, 32, True)])
def test_player_wrapping_fits_and_matches_the_exact_layout(
    painter: Painter, width: float, size: float, bold: bool
) -> None:
    texts = _shipped_texts()
    assert len(texts) > 200
    font = painter.font(size, bold)
    limit = painter.n(width)
    differ = 0
    for text in texts:
        lines = painter.wrap(text, width, size, bold)
        assert " ".join(lines).split() == text.split()  # no word lost or added
        for line in lines:
            assert " " not in line or font.size(line)[0] <= limit, line
        exact = [
            line
            for part in spaced(text).split("\n")
            for line in _wrap_exactly(breakable_words(part), limit, font)
        ]
        differ += lines != exact
    assert differ <= len(texts) // 50  # the same breaks but for kerning across a space


def test_player_text_sizes_snap_to_the_ladder() -> None:
    assert [type_size(x) for x in (7, 17.4, 23, 25.1, 36, 47)] == [8, 17, 22, 26, 35, 48]
    assert all(b / a <= 1.13 for a, b in itertools.pairwise(TYPE_SIZES))


def test_player_glyph_warmup_ends_and_starts_again_for_a_new_style(painter: Painter) -> None:
    path = scenarios_dir() / "demo-escape" / "demo-escape.yaml"
    scenario = load_scenario(path).scenario
    chars = characters(scenario_texts(scenario, table("fr")))
    assert {"é", "«", "Q", "7", "œ"} <= set(chars)
    painter.font(96, True)  # a size the screens use, outside the common ones
    warm = GlyphWarmup(painter, chars)
    assert not warm.done
    steps = 0
    while not warm.done:
        warm.step(0.0)  # no budget: one glyph per step
        steps += 1
    opened = set(painter.fonts)
    assert steps == len(opened) * len(chars)
    assert {(True, type_size(32)), (False, type_size(32)), (True, type_size(96))} <= opened
    painter.font(60, False)  # a new size in use: warmed in turn
    assert not warm.done
    warm.step(0.0)
    assert warm.todo[0][:2] == (type_size(60), False)
    painter.set_style(Style(NORMAL, 1.3, font_files(True)))
    assert not warm.done
    warm.step(0.0)
    assert warm.todo  # planned again for the bigger text


def test_player_glyphs_walk_every_text_of_each_shipped_scenario() -> None:
    """Walking the scenario finds every character its JSON dump has (bar the JSON's own
    brackets and quotes), without building pydantic's serialisers before the first frame."""
    import json

    for path in sorted(scenarios_dir().glob("*/*.yaml")):
        if path.name.endswith(".walkthrough.yaml"):
            continue
        scenario = load_scenario(path).scenario
        assert scenario is not None, path.name
        dumped = json.dumps(scenario.model_dump(mode="json"), ensure_ascii=False)
        walked = set(characters(scenario_texts(scenario, {})))
        assert set(characters([dumped])) - set('{}[]"') <= walked, path.name
        assert scenario.title in strings_in(scenario)
