"""The puzzle dependency chart: what unlocks what (scenes, puzzles, items, flags, endings).

An edge ``A → B`` means "A is needed for, or produces, B": a scene holds a puzzle, a puzzle
gives an item, an item is needed by a puzzle or a door, a flag opens an exit, a puzzle ends
the game. Hotspots are folded into what they lead to, so the chart stays readable on a
projector. ``render("dot")`` for Graphviz, ``render("mermaid")`` for Markdown previews.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from engine.format import effects as fx
from engine.format.conditions import Condition
from engine.format.footprint import footprint, reads
from engine.format.puzzles import CombinePuzzle
from engine.format.scenario import Hotspot, Scenario

#: (prefix, dot shape, fill colour, mermaid open/close brackets) of each kind of node.
KINDS: dict[str, tuple[str, str, str, str, str]] = {
    "scene": ("s", "box", "#cfe2f3", "[", "]"),
    "puzzle": ("p", "ellipse", "#fff2cc", "([", "])"),
    "item": ("i", "note", "#d9ead3", "[/", "/]"),
    "flag": ("f", "diamond", "#ead1dc", "{", "}"),
    "ending": ("e", "doubleoctagon", "#f4cccc", "[[", "]]"),
    "score": ("n", "circle", "#eeeeee", "((", "))"),
}


@dataclass
class Graph:
    nodes: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (kind, label)
    edges: dict[tuple[str, str], str] = field(default_factory=dict)  # (a, b) -> label
    back: set[tuple[str, str]] = field(default_factory=set)  # ways back: drawn dashed, no rank

    def node(self, kind: str, name: str, label: str | None = None) -> str:
        node_id = f"{KINDS[kind][0]}_{name.replace('-', '_')}"
        if node_id not in self.nodes:
            self.nodes[node_id] = (kind, label or name)
        return node_id

    def edge(self, a: str, b: str, label: str = "") -> None:
        if a != b and (a, b) not in self.edges:
            self.edges[(a, b)] = label

    def render(self, fmt: str) -> str:
        return self.dot() if fmt == "dot" else self.mermaid()

    def dot(self) -> str:
        lines = [
            "digraph declic {",
            '  rankdir=LR; fontname="DejaVu Sans";',
            '  node [style=filled, fontname="DejaVu Sans", fontsize=11];',
            '  edge [fontname="DejaVu Sans", fontsize=9, color="#555555"];',
        ]
        for node_id, (kind, label) in self.nodes.items():
            _, shape, colour, _, _ = KINDS[kind]
            lines.append(
                f'  {node_id} [label="{_escape(label)}", shape={shape}, fillcolor="{colour}"];'
            )
        for (a, b), label in self.edges.items():
            attributes = [f'label="{_escape(label)}"'] if label else []
            if (a, b) in self.back:
                attributes += ["style=dashed", "constraint=false"]
            extra = f" [{', '.join(attributes)}]" if attributes else ""
            lines.append(f"  {a} -> {b}{extra};")
        lines.append("}")
        return "\n".join(lines) + "\n"

    def mermaid(self) -> str:
        lines = ["flowchart LR"]
        for node_id, (kind, label) in self.nodes.items():
            _, _, _, left, right = KINDS[kind]
            lines.append(f'  {node_id}{left}"{_escape(label)}"{right}')
        for (a, b), label in self.edges.items():
            dotted = (a, b) in self.back
            arrow = " -.-> " if dotted else " --> "
            if label:
                arrow = f' -. "{_escape(label)}" .-> ' if dotted else f' -- "{_escape(label)}" --> '

            lines.append(f"  {a}{arrow}{b}")
        return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', "'")


def dependency_graph(scenario: Scenario) -> Graph:
    g = Graph()
    titles = {s.id: s.title for s in scenario.scenes}
    locked_by: dict[str, list[str]] = {}  # lockable id -> node ids it leads to

    names = {i.id: i.name for i in scenario.items}

    def item(iid: str) -> str:
        return g.node("item", iid, names.get(iid, iid))

    def scene(sid: str) -> str:
        return g.node("scene", sid, titles.get(sid, sid))

    def facts(condition: Condition | None) -> list[tuple[str, str]]:
        found = []
        for fact in reads(condition):
            name = fact.name
            if fact.kind == "item":
                found.append((item(name), ""))
            elif fact.kind == "flag":
                found.append((g.node("flag", name), ""))
            elif fact.kind in ("solved", "failed"):
                label = "échec" if fact.kind == "failed" else ""
                found.append((g.node("puzzle", name, _title(scenario, name)), label))
            elif fact.kind == "visited":
                found.append((scene(name), "visitée"))
            elif fact.kind == "score":
                points = int(fact.amount)
                found.append((g.node("score", str(points), f"score ≥ {points}"), ""))
        return found

    def products(effects: Sequence[fx.Effect]) -> list[tuple[str, str]]:
        found = []
        for effect in effects:
            for fact in footprint(effect).adds:
                name = fact.name
                if fact.kind == "item":
                    found.append((item(name), "donne"))
                elif fact.kind == "flag":
                    found.append((g.node("flag", name), ""))
                elif fact.kind == "scene":
                    found.append((scene(name), "mène à"))
                elif fact.kind == "ending":
                    found.append((g.node("ending", name, _ending(scenario, name)), "fin"))
                elif fact.kind == "unlocked":
                    found.append((f"lock:{name}", "déverrouille"))
        return found

    def hotspot_targets(h: Hotspot) -> list[tuple[str, str]]:
        out = products(h.effects)
        if h.puzzle:
            out.append((g.node("puzzle", h.puzzle, _title(scenario, h.puzzle)), ""))
        return out

    pending: list[tuple[str, str, str]] = []  # (source, lock:id, label)

    def link(sources: Iterable[tuple[str, str]], targets: Iterable[tuple[str, str]]) -> None:
        for target, label in targets:
            for source, source_label in sources:
                if target.startswith("lock:"):
                    pending.append((source, target[5:], label))
                else:
                    g.edge(source, target, label or source_label)

    order = {s.id: i for i, s in enumerate(scenario.scenes)}
    for s in scenario.scenes:
        here = scene(s.id)
        link([(here, "")], products(s.on_first_visit))
        for h in s.hotspots:
            needs = [(here, ""), *facts(h.when)]
            if h.needs_item:
                needs.append((item(h.needs_item), "utilisé sur"))
            targets = hotspot_targets(h)
            link(needs, targets)
            if h.locked:
                locked_by[h.id] = [t for t, _ in targets]
        for e in s.exits:
            target = scene(e.to)
            link([(here, ""), *facts(e.passable)], [(target, "")])
            if order.get(e.to, 0) < order[s.id]:
                g.back.add((here, target))
            if e.locked and e.id:
                locked_by[e.id] = [target]
    for p in scenario.puzzles:
        me = g.node("puzzle", p.id, p.title)
        if isinstance(p, CombinePuzzle):
            link([(item(i), "combiné") for i in p.items], [(me, "")])
        link([(me, "")], products(p.on_solve))
        link([(me, "échec")], products(p.on_fail))
    for thing in scenario.items:
        if thing.on_examine:
            link([(item(thing.id), "examiné")], products(thing.on_examine))
    for event in scenario.timer.events:
        made = products(event.effects)
        if made:
            clock = g.node("flag", f"minute_{event.at_minutes:g}", f"à {event.at_minutes:g} min")
            link([(clock, "")], made)
    for source, lock, label in pending:
        for target in locked_by.get(lock, []):
            g.edge(source, target, label)
    if scenario.timer.limit_minutes and scenario.timer.timeout_ending:
        ending = scenario.timer.timeout_ending
        clock = g.node("flag", "limite", f"limite {scenario.timer.limit_minutes:g} min")
        g.edge(clock, g.node("ending", ending, _ending(scenario, ending)), "temps écoulé")
    return g


def _title(scenario: Scenario, puzzle_id: str) -> str:
    return next((p.title for p in scenario.puzzles if p.id == puzzle_id), puzzle_id)


def _ending(scenario: Scenario, ending_id: str) -> str:
    return next((e.title for e in scenario.endings if e.id == ending_id), ending_id)
