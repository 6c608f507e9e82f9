"""Avatar letters: one, or two when first letters collide."""

from __future__ import annotations

from engine.player.initials import initials
from engine.player.theme import PLAYER_COLOURS, contrast, rgb


def test_unique_first_letters_stay_single() -> None:
    assert initials(["Sam", "Lina", "Kévin"]) == {"Sam": "S", "Lina": "L", "Kévin": "K"}


def test_colliding_initials_get_a_second_letter() -> None:
    found = initials(["Marie-Clémentine", "Mohamed", "maëlle", "Sam"])
    assert found == {"Marie-Clémentine": "MC", "Mohamed": "Mo", "maëlle": "Ma", "Sam": "S"}
    assert len(set(found.values())) == len(found)


def test_white_avatar_is_flagged_on_a_light_card() -> None:
    card = (250, 246, 236)
    low = [c for c in PLAYER_COLOURS if contrast(rgb(c), card) < 1.6]
    assert low == ["#f0e442", "#ffffff"]  # yellow and white: a dark disc under them
    assert round(contrast((0, 0, 0), (255, 255, 255))) == 21
