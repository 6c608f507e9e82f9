"""Statistical secrecy for the dashboards: no figure under 5 can be read or worked out.

A count under 5 (0 included, so that « nobody » and « one person » look alike) is shown as
« < 5 ». Hiding it is not enough when the table also shows a total: the total minus the other
rows gives it back. So, column by column, each group « total = sum of its rows » is audited
the way a reader would attack it: knowing that a « < 5 » cell is between 0 and 4 and that a
« secret » cell (hidden only to protect another) is 5 or more, no « < 5 » cell may be pinned
to a single value (it may be narrowed, e.g. « 1 to 4 », which is said in docs/hub.md). While one could be narrowed, the smallest shown row of the
group is hidden too (« secret »), and the groups are audited again until nothing changes.
The caller hides a total the same way in every table that prints it (``forced``), so that
subtracting one table from another gives nothing more. Pure functions, tested without a
database.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

THRESHOLD = 5
HIDDEN = "< 5"
SECRET = "secret"

#: (row of the total, rows it is the sum of)
Group = tuple[int, Sequence[int]]


def _bounds(value: int, hidden: bool) -> tuple[float, float]:
    if not hidden:
        return value, value
    return (0, THRESHOLD - 1) if value < THRESHOLD else (THRESHOLD, math.inf)


def group_is_safe(column: Sequence[int], hidden: Collection[int], group: Group) -> bool:
    """Whether every « < 5 » row of ``group`` can still take two values at least."""
    total, members = group
    if total in hidden:  # an unknown total bounds nothing, unless its rows give it back
        return column[total] < THRESHOLD or any(m in hidden for m in members)
    rest = column[total] - sum(column[m] for m in members if m not in hidden)
    inside = [m for m in members if m in hidden]
    for cell in inside:
        if column[cell] >= THRESHOLD:
            continue
        others = [_bounds(column[m], True) for m in inside if m != cell]
        low = rest - sum(b[1] for b in others)
        high = rest - sum(b[0] for b in others)
        if min(high, THRESHOLD - 1) - max(low, 0) < 1:
            return False
    return True


def hidden_rows(
    column: Sequence[int], groups: Sequence[Group], forced: Collection[int] = ()
) -> set[int]:
    """The rows of one column to hide: under 5, ``forced``, and what protects them."""
    hidden = {i for i, value in enumerate(column) if value < THRESHOLD} | set(forced)
    changed = True
    while changed:
        changed = False
        for group in groups:
            if group_is_safe(column, hidden, group):
                continue
            total, members = group
            shown = [m for m in members if m not in hidden]
            hidden.add(min(shown, key=lambda m: (column[m], m)) if shown else total)
            changed = True
    return hidden


def protect(
    rows: Sequence[Sequence[int]],
    groups: Sequence[Group],
    forced: Sequence[Collection[int]] = (),
) -> list[list[bool]]:
    """For a table of counts (rows × columns): which cells to hide (``forced[col]``: rows)."""
    if not rows:
        return []
    mask = [[False] * len(rows[0]) for _ in rows]
    for col in range(len(rows[0])):
        extra = forced[col] if col < len(forced) else ()
        for row in hidden_rows([r[col] for r in rows], groups, extra):
            mask[row][col] = True
    return mask


def shown(value: int, hidden: bool) -> str:
    """A count as people read it: « < 5 », « secret », or the number (thin space every 3)."""
    if hidden:
        return HIDDEN if value < THRESHOLD else SECRET
    return f"{value:,}".replace(",", "\u202f")


def shown_mean(total: int, count: int, count_hidden: bool) -> str:
    """A mean (days), only beside a count that is shown itself."""
    if count_hidden or count == 0:
        return "—"
    return f"{total / count:.0f}"
