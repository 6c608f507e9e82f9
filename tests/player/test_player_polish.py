"""Drawn icons for every shipped scenario, map labels that stay apart, passport name splits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
import yaml

from engine.player.art import MOTIFS
from engine.player.icons import ICONS, guess_icon, icon_surface
from engine.player.screens.play import (
    LABEL_SIZES,
    _overlap,
    place_labels,
)

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def _names(key: str) -> set[str]:
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == key and isinstance(v, str):
                    found.add(v)
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for path in SCENARIOS.glob("*/*.yaml"):
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            walk(doc)
    return found


def test_every_icon_named_by_a_shipped_scenario_is_drawn() -> None:
    used = _names("icon")
    assert used, "no icon found: the scan is broken"
    assert sorted(used - set(ICONS)) == []


def test_every_motif_named_by_a_shipped_scenario_is_drawn() -> None:
    assert sorted(_names("motif") - set(MOTIFS)) == []


def test_icons_draw_something_at_small_and_large_sizes() -> None:
    pygame.init()
    for name in ("vache", "centrale", "lave_vaisselle", "etincelle"):
        for side in (16, 240):
            surf = icon_surface(name, (side, side))
            assert surf.get_bounding_rect().width > side // 3, name


def test_guess_icon_prefers_the_longest_name() -> None:
    assert guess_icon("Le fourgon de livraison") == "fourgon"
    assert guess_icon("camion_lait") == "camion_lait"


def _widths(texts: list[str]) -> Callable[[float], list[float]]:
    return lambda size: [len(t) * size * 0.55 for t in texts]


def test_labels_of_close_markers_do_not_overlap() -> None:
    # Cherbourg, La Hague and Flamanville sit a few pixels apart on the map.
    markers = [(120.0, 300.0), (90.0, 290.0), (95.0, 340.0), (600.0, 400.0)]
    names = ["Cherbourg", "La Hague", "Flamanville", "Rouen"]
    labels = place_labels(markers, _widths(names), (0.0, 0.0, 1000.0, 800.0), [])
    dots = [(x - 24, y - 24, 48, 48) for x, y in markers]
    for i, a in enumerate(labels):
        assert a.size in LABEL_SIZES
        for b in labels[i + 1 :]:
            assert _overlap(a.rect, b.rect) == 0
        for j, dot in enumerate(dots):
            if j != i:
                assert _overlap(a.rect, dot) == 0


def test_a_lone_marker_keeps_its_label_close_and_without_leader() -> None:
    (label,) = place_labels([(500.0, 400.0)], _widths(["Caen"]), (0.0, 0.0, 1000.0, 800.0), [])
    assert not label.leader
    assert label.size == LABEL_SIZES[0]
    assert label.rect[1] > 400  # below the marker, the first choice


def test_labels_stay_inside_the_map() -> None:
    (label,) = place_labels(
        [(990.0, 790.0)], _widths(["Val-de-Reuil"]), (0.0, 0.0, 1000.0, 800.0), []
    )
    x, y, w, h = label.rect
    assert x >= 0 and y >= 0 and x + w <= 1000 and y + h <= 800
