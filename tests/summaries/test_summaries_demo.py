"""The sample cards in docs/ come from the shipped walkthroughs played through the core."""

from __future__ import annotations

from facilitator.summaries.demo import DEMOS, demo_inputs
from facilitator.summaries.session import build_cards


def test_every_demo_gives_a_card_per_player_with_three_real_jobs() -> None:
    for name in DEMOS:
        cards, _evidence, missing = build_cards(demo_inputs(name))
        assert cards and not missing
        for card in cards:
            assert len(card.jobs) == 3
            assert card.skills or card.needs_facilitator


def test_the_quiet_player_sample_asks_the_facilitator_to_complete_the_card() -> None:
    cards, _evidence, _missing = build_cards(demo_inputs("demo-escape"))
    quiet = next(c for c in cards if c.pseudonym == "Maëlle")
    assert quiet.needs_facilitator and quiet.skills == []
    assert "Votre équipe a réussi 5 défis." in quiet.team_summary  # demo-escape: « vous »
