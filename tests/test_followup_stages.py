"""The order of a follow-up's stages and their dates: pure rules, no database."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.hub import stages
from facilitator.hub.stages import StageError, Step, check_first, check_next

TODAY = date(2026, 3, 20)


def test_a_follow_up_goes_from_positioned_to_entered_in_order() -> None:
    history = [Step(stages.POSITIONED, date(2026, 3, 1))]
    check_first(history[0], TODAY)
    for stage, day in (
        (stages.SELECTION, date(2026, 3, 5)),
        (stages.RETAINED, date(2026, 3, 5)),
        (stages.ENTERED, date(2026, 3, 19)),
    ):
        check_next(history, Step(stage, day), TODAY)
        history.append(Step(stage, day))
    assert not stages.is_open(stages.ENTERED)
    assert stages.reached(history) == {"positionne", "selection", "retenu", "entre"}


@pytest.mark.parametrize(
    ("done", "refused", "message"),
    [
        ([stages.POSITIONED], stages.RETAINED, "après « positionné », l'étape suivante est"),
        ([stages.POSITIONED], stages.ENTERED, "« sélection », « abandon »"),
        ([stages.POSITIONED, stages.SELECTION], stages.ENTERED, "« retenu »"),
        ([stages.POSITIONED, stages.SELECTION, stages.NOT_RETAINED], stages.RETAINED, "terminé"),
        ([stages.POSITIONED, stages.DROPPED], stages.SELECTION, "terminé"),
        ([stages.POSITIONED, stages.SELECTION], stages.POSITIONED, "l'étape suivante"),
        ([stages.POSITIONED, stages.SELECTION], stages.SELECTION, "déjà à l'étape « sélection »"),
        ([stages.POSITIONED, stages.DROPPED], stages.DROPPED, "déjà à l'étape « abandon »"),
    ],
)
def test_a_stage_out_of_order_is_refused_with_what_comes_next(
    done: list[str], refused: str, message: str
) -> None:
    history = [Step(s, date(2026, 3, 1)) for s in done]
    with pytest.raises(StageError, match=message):
        check_next(history, Step(refused, date(2026, 3, 2)), TODAY)


def test_dates_never_go_back_nor_into_the_future() -> None:
    history = [Step(stages.POSITIONED, date(2026, 3, 10))]
    with pytest.raises(StageError, match="le 10/03/2026 ou après"):
        check_next(history, Step(stages.SELECTION, date(2026, 3, 9)), TODAY)
    with pytest.raises(StageError, match="futur"):
        check_next(history, Step(stages.SELECTION, date(2026, 3, 21)), TODAY)
    with pytest.raises(StageError, match="futur"):
        check_first(Step(stages.POSITIONED, date(2026, 3, 21)), TODAY)
    check_next(history, Step(stages.SELECTION, date(2026, 3, 10)), TODAY)  # same day is fine


def test_a_follow_up_starts_at_positioned_and_reasons_come_from_the_list() -> None:
    with pytest.raises(StageError, match="commence toujours par « positionné »"):
        check_first(Step(stages.SELECTION, TODAY), TODAY)
    history = [Step(stages.POSITIONED, TODAY)]
    with pytest.raises(StageError, match="motif inconnu"):
        check_next(history, Step(stages.DROPPED, TODAY, "il en avait marre"), TODAY)
    check_next(history, Step(stages.DROPPED, TODAY, "mobilite"), TODAY)


def test_waiting_more_than_four_weeks_at_an_open_stage_is_flagged() -> None:
    assert not stages.waiting_too_long(Step(stages.SELECTION, date(2026, 2, 20)), TODAY)  # 28 d
    assert stages.waiting_too_long(Step(stages.SELECTION, date(2026, 2, 19)), TODAY)
    assert not stages.waiting_too_long(Step(stages.ENTERED, date(2025, 1, 1)), TODAY)


def test_every_stage_has_words_for_the_counsellor_and_the_young_person() -> None:
    for stage in stages.STAGES:
        assert stages.LABELS[stage] and stages.FOR_YOUTH[stage]
        assert all(s in stages.STAGES for s in stages.NEXT[stage])
