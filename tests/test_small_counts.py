"""Statistical secrecy: under 5 is « < 5 », and totals never give a hidden figure back."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from facilitator.hub import dashboard_tables as dt
from facilitator.portal import small_counts
from facilitator.portal.small_counts import HIDDEN, hidden_rows, shown


def _candidates(
    column: Sequence[int], hidden: set[int], group: small_counts.Group
) -> dict[int, set[int]]:
    """A reader's brute force: every value a « < 5 » row of the group can take, given the
    shown rows, the total, and that « secret » rows are 5 or more (up to the total)."""
    total, members = group
    inside = [m for m in members if m in hidden]
    ranges = [range(0, 5) if column[m] < 5 else range(5, max(6, column[total] + 1)) for m in inside]
    rest = column[total] - sum(column[m] for m in members if m not in hidden)
    found: dict[int, set[int]] = {m: set() for m in inside}
    for values in itertools.product(*ranges):
        if sum(values) == rest:
            for m, v in zip(inside, values, strict=True):
                found[m].add(v)
    return found


def _assert_protected(column: Sequence[int], groups: Sequence[small_counts.Group]) -> None:
    hidden = hidden_rows(column, groups)
    for group in groups:
        if group[0] in hidden:
            continue
        for m, values in _candidates(column, hidden, group).items():
            if column[m] < 5:
                assert len(values) >= 2, (column, m, values)


def test_under_five_is_shown_as_less_than_five_zero_included() -> None:
    assert [shown(v, v < 5) for v in (0, 1, 4, 5, 1234)] == [HIDDEN] * 3 + ["5", "1\u202f234"]


def test_one_hidden_row_beside_a_total_drags_another_row_with_it() -> None:
    column = [3, 40, 12, 55]  # three months, then their total
    hidden = hidden_rows(column, [(3, [0, 1, 2])])
    assert hidden == {0, 2}  # 55 - 40 would have given the 3 back
    _assert_protected(column, [(3, [0, 1, 2])])


def test_no_hidden_figure_can_be_narrowed_in_any_small_table() -> None:
    for column in itertools.product((0, 1, 2, 4, 5, 6, 9), repeat=3):
        full = [*column, sum(column)]
        _assert_protected(full, [(3, [0, 1, 2])])


def test_a_departement_and_its_missions_locales_cannot_be_subtracted() -> None:
    # rows: dept 76, ML Rouen, ML Dieppe, dept 14, ML Caen, total
    column = [10, 7, 3, 20, 20, 30]
    groups = [(0, [1, 2]), (3, [4]), (5, [0, 3]), (5, [1, 2, 4])]
    hidden = hidden_rows(column, groups)
    assert 2 in hidden and 1 in hidden  # Dieppe's 3 is not 10 - 7
    _assert_protected(column, groups)


def _figures(months: dict[str, int], scenarios: dict[str, int]) -> list[dt.Figure]:
    """Players by month and by scenario of one organisation, consistent with each other."""
    out: list[dt.Figure] = []
    pairs = list(scenarios.items())
    left = dict(pairs)
    for month, n in months.items():
        for title, _m in pairs:
            take = min(n, left[title])
            if take:
                out.append(dt.Figure(1, month, title, "players", "", take))
                left[title] -= take
                n -= take
    return out


def test_differencing_the_month_table_and_the_scenario_table_gives_nothing() -> None:
    figures = _figures({"2026-01": 30, "2026-02": 2}, {"Cuisine": 29, "Rallye": 3})
    tables = {t.slug: t for t in dt.build(figures, {1: dt.Place("ML de Rouen", "76")})}
    col = dt.COUNTS.index(("players", "Joueurs"))
    by_month = {r.label: r.cells[col] for r in tables["mois"].rows}
    by_scenario = {r.label: r.cells[col] for r in tables["scenarios"].rows}
    assert by_month["février 2026"] == HIDDEN and by_scenario["Rallye"] == HIDDEN
    # the attack: total (same in both tables) minus the one shown row of each table
    assert by_month["Total"] == by_scenario["Total"]
    assert by_month["janvier 2026"] == small_counts.SECRET
    assert by_scenario["Cuisine"] == small_counts.SECRET
    assert "32" not in by_month.values() or by_month["Total"] == "32"
    for table in tables.values():
        text = dt.csv_text(table)
        assert ";2" not in text and ";3;" not in text and not text.rstrip().endswith(";3")


def test_a_total_hidden_in_one_table_is_hidden_in_all() -> None:
    figures = [
        dt.Figure(1, "2026-01", "Cuisine", "players", "", 4),
        dt.Figure(1, "2026-01", "Rallye", "players", "", 4),
    ]
    tables = {t.slug: t for t in dt.build(figures, {1: dt.Place("ML", "76")})}
    col = dt.COUNTS.index(("players", "Joueurs"))
    totals = {
        slug: tables[slug].rows[-1].cells[col] for slug in ("mois", "scenarios", "territoires")
    }
    assert set(totals.values()) == {small_counts.SECRET}
    assert all(r.cells[col] != "8" for t in tables.values() for r in t.rows)  # nor its one row
