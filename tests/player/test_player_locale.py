"""Every text the player shows exists in French and in English."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from engine.reference import assets_dir

PLAYER = Path(__file__).resolve().parents[2] / "engine" / "player"


def _keys(language: str) -> set[str]:
    data = yaml.safe_load(
        (assets_dir() / "locale" / f"{language}.yaml").read_text(encoding="utf-8")
    )
    return set(data)


#: French speaks to the players with « tu » or « vous » (the scenario's ``address``): a text
#: may have ``key.tu`` / ``key.vous`` beside ``key``; English has one form.
ADDRESS_FORMS = (".tu", ".vous")


def test_player_locales_have_the_same_keys() -> None:
    french = {k for k in _keys("fr") if not k.endswith(ADDRESS_FORMS)}
    assert french == _keys("en")
    forms = {k for k in _keys("fr") if k.endswith(ADDRESS_FORMS)}
    assert forms and {k.rsplit(".", 1)[0] for k in forms} <= french


def test_player_every_used_text_key_exists() -> None:
    used: set[str] = set()
    for source in PLAYER.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\bt(?:\.list)?\(\s*["']([a-z_]+\.[a-z_]+)["']""", text))
    assert used, "no text key found: the pattern is out of date"
    assert used <= _keys("fr"), sorted(used - _keys("fr"))
