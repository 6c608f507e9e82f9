"""The on-screen keyboard has every French letter: a pseudonym such as « Maëlle » or
« Anaïs » is typed with a finger on the whiteboard, as it is written (issue 20)."""

from __future__ import annotations

import pytest

from engine.player.driver import Driver
from engine.player.screens.keyboard import FIGURES, LETTERS, ROWS
from engine.shipped import scenarios_dir
from engine.walkthrough import PlayerSpec

FRENCH = "éèêëàâçîïôûùÿœ"


def test_every_french_letter_has_its_key() -> None:
    keys = set("".join(ROWS))
    assert set(FRENCH) <= keys
    assert set("abcdefghijklmnopqrstuvwxyz") <= set("".join(LETTERS))
    assert len(keys) == sum(len(row) for row in ROWS)  # no key twice
    assert set(FIGURES) >= set("0123456789")


@pytest.mark.parametrize("name", ["Maëlle", "Anaïs", "Chloé", "Gaëtan", "Zoé"])
def test_a_pseudonym_with_french_letters_is_typed_on_the_screen(
    make_app: object, name: str
) -> None:
    path = scenarios_dir() / "demo-escape" / "demo-escape.yaml"
    app = make_app(path)  # type: ignore[operator]
    drive = Driver(app, "touch")
    drive.frames(1)
    drive.press("start:play", None)
    drive.join(PlayerSpec(id="p1", pseudonym=name))
    (player,) = app.state.players.values()
    assert player.pseudonym.casefold() == name.casefold()
