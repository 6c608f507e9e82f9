"""From the stored figures to the tables people read: by month, by scenario, by territory,
skills and jobs, every count passed through ``small_counts`` before it becomes text.

Pure: the figures come in as plain tuples, the tables go out as strings (the page, the CSV
and the charts all print these, so none of them can show a hidden figure).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from engine.typography import month_name
from facilitator.hub import stages
from facilitator.portal import small_counts

#: (measure, column title) of the tables' count columns, in order.
COUNTS = (
    ("workshops", "Ateliers"),
    ("players", "Joueurs"),
    (stages.POSITIONED, "Positionnés"),
    (stages.SELECTION, "En sélection"),
    (stages.RETAINED, "Retenus"),
    (stages.ENTERED, "Entrés en formation"),
    (stages.DROPPED, "Abandons"),
)
#: (sum of days, count it is the mean over, column title)
MEANS = (
    ("days_positionne", stages.POSITIONED, "Jours de l'atelier au positionnement (moyenne)"),
    ("days_entre", stages.ENTERED, "Jours de l'atelier à l'entrée (moyenne)"),
)


@dataclass(frozen=True)
class Figure:
    org_id: int
    month: str
    scenario: str
    measure: str
    key: str
    value: int


@dataclass(frozen=True)
class Place:
    name: str  # the Mission Locale
    departement: str


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[str, ...]
    kind: str = "row"  # "row", "subtotal", "total"
    values: tuple[int | None, ...] = ()  # for the charts: None where the cell is hidden


@dataclass
class Table:
    slug: str
    title: str
    dimension: str
    columns: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)

    def chart_peak(self, columns: Sequence[int]) -> int:
        """The longest bar of a chart of ``columns``: the largest count shown (hidden: none)."""
        shown = [
            v
            for r in self.rows
            if r.kind == "row"
            for c in columns
            if c < len(r.values) and (v := r.values[c]) is not None
        ]
        return max([1, *shown])


def month_label(month: str) -> str:
    year, number = month.split("-")
    return f"{month_name(int(number))} {year}"


def _line(by: dict[str, int]) -> list[int]:
    return [by.get(m, 0) for m, _t in COUNTS] + [by.get(m, 0) for m, _c, _t in MEANS]


def _count_table(
    slug: str,
    title: str,
    dimension: str,
    labelled: Sequence[tuple[str, str, list[int]]],  # label, kind, line
    groups: Sequence[small_counts.Group],
    forced: Sequence[set[int]],
) -> tuple[Table, list[list[bool]]]:
    n = len(COUNTS)
    counts = [line[:n] for _l, _k, line in labelled]
    mask = small_counts.protect(counts, groups, forced)
    columns = tuple(t for _m, t in COUNTS) + tuple(t for _s, _c, t in MEANS)
    table = Table(slug, title, dimension, columns)
    index = {m: i for i, (m, _t) in enumerate(COUNTS)}
    for r, (label, kind, line) in enumerate(labelled):
        cells = [small_counts.shown(line[c], mask[r][c]) for c in range(n)]
        for j, (_s, count, _t) in enumerate(MEANS):
            c = index[count]
            cells.append(small_counts.shown_mean(line[n + j], line[c], mask[r][c]))
        values = tuple(None if mask[r][c] else line[c] for c in range(n))
        table.rows.append(Row(label, tuple(cells), kind, values))
    return table, mask


def build(figures: Iterable[Figure], places: dict[int, Place]) -> list[Table]:
    """The dashboard's tables; the grand total is hidden alike in all three count tables."""
    by_month: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_scenario: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_org: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    total: dict[str, int] = defaultdict(int)
    skills: dict[str, int] = defaultdict(int)
    jobs: dict[str, int] = defaultdict(int)
    for f in figures:
        if f.measure == "skill":
            skills[f.key] += f.value
        elif f.measure == "job":
            jobs[f.key] += f.value
        else:
            by_month[f.month][f.measure] += f.value
            by_scenario[f.scenario][f.measure] += f.value
            by_org[f.org_id][f.measure] += f.value
            total[f.measure] += f.value

    Layout = tuple[str, str, str, list[tuple[str, str, list[int]]], list[small_counts.Group]]

    def layouts() -> list[Layout]:
        months = [(month_label(m), "row", _line(by_month[m])) for m in sorted(by_month)]
        scenarios = [(s, "row", _line(by_scenario[s])) for s in sorted(by_scenario)]
        out: list[Layout] = [
            ("mois", "Par mois d'atelier", "Mois", months, [(len(months), range(len(months)))]),
            (
                "scenarios",
                "Par scénario",
                "Scénario",
                scenarios,
                [(len(scenarios), range(len(scenarios)))],
            ),
        ]
        departements: dict[str, list[int]] = defaultdict(list)
        for org_id in by_org:
            place = places.get(org_id, Place("?", "?"))
            departements[place.departement].append(org_id)
        territory: list[tuple[str, str, list[int]]] = []
        groups: list[small_counts.Group] = []
        dept_rows: list[int] = []
        ml_rows: list[int] = []
        for dept in sorted(departements):
            dept_line = [0] * (len(COUNTS) + len(MEANS))
            orgs = sorted(departements[dept], key=lambda o: places.get(o, Place("?", "?")).name)
            for org_id in orgs:
                dept_line = [a + b for a, b in zip(dept_line, _line(by_org[org_id]), strict=True)]
            dept_rows.append(len(territory))
            territory.append((f"Département {dept}", "subtotal", dept_line))
            members = []
            for org_id in orgs:
                members.append(len(territory))
                territory.append(
                    (places.get(org_id, Place("?", "?")).name, "row", _line(by_org[org_id]))
                )
            groups.append((dept_rows[-1], members))
            ml_rows.extend(members)
        groups += [(len(territory), dept_rows), (len(territory), ml_rows)]
        out.append(("territoires", "Par territoire", "Territoire", territory, groups))
        return out

    grand = _line(total)
    forced: list[set[int]] = [set() for _ in COUNTS]
    for _round in range(2):  # once, then again with a total hidden in any table hidden in all
        tables: list[Table] = []
        hide_total = [False] * len(COUNTS)
        for slug, title, dimension, rows, groups in layouts():
            rows = [*rows, ("Total", "total", grand)]
            end = len(rows) - 1
            table, mask = _count_table(
                slug, title, dimension, rows, groups, [({end} if f else set()) for f in forced]
            )
            tables.append(table)
            for c in range(len(COUNTS)):
                hide_total[c] = hide_total[c] or mask[end][c]
        if all(bool(forced[c]) == hide_total[c] for c in range(len(COUNTS))):
            break
        forced = [{0} if h else set() for h in hide_total]  # marker only: rebuilt per table
    tables.append(_ranked("competences", "Compétences montrées", "Compétence", skills))
    tables.append(_ranked("metiers", "Métiers proposés", "Métier (ROME)", jobs))
    return tables


def _ranked(slug: str, title: str, dimension: str, counts: dict[str, int]) -> Table:
    """Players per skill or job: each under 5 hidden (no total here to subtract from)."""
    table = Table(slug, title, dimension, ("Joueurs",))
    for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        hidden = n < small_counts.THRESHOLD
        table.rows.append(
            Row(label, (small_counts.shown(n, hidden),), "row", (None if hidden else n,))
        )
    return table


def csv_text(table: Table) -> str:
    """The table as people read it (hidden cells stay hidden), « ; » separated for Excel."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([table.dimension, *table.columns])
    for row in table.rows:
        writer.writerow([row.label, *row.cells])
    return "\ufeff" + out.getvalue()
