"""The kinds of scenario are one list: the format, the templates and the icons agree with it."""

from __future__ import annotations

import typing
from pathlib import Path

from engine.format.kinds import FALLBACK_ICON, SCENARIO_KINDS, Kind, kind_icon, kind_list

TEMPLATES = Path(__file__).resolve().parents[2] / "engine" / "authoring" / "templates"


def test_the_format_admits_exactly_the_registered_kinds() -> None:
    assert set(typing.get_args(Kind)) == set(SCENARIO_KINDS)


def test_every_kind_has_its_templates_and_an_icon() -> None:
    for tag, kind in SCENARIO_KINDS.items():
        assert kind.tag == tag and kind.name
        assert (TEMPLATES / f"{tag}.yaml").is_file()
        assert (TEMPLATES / f"{tag}.walkthrough.yaml").is_file()
        assert kind_icon(tag) == kind.icon


def test_an_unknown_kind_gets_the_fallback_icon_not_an_error() -> None:
    assert kind_icon("salon") == FALLBACK_ICON


def test_the_kinds_read_as_a_french_list() -> None:
    assert kind_list() == "escape, rally ou tour"
