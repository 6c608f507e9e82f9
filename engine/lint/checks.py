"""``declic lint``: everything that needs the game to be played, not only read.

``lint_file`` first runs the ``check`` pass (``load_scenario``) and stops on its errors; then
it explores each team start (``explore``), looks for dead ends, replays the shipped
walkthrough, and adds the warnings that a relaxed analysis can prove.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from engine.core import actions as ac
from engine.core.rules import Rules
from engine.diagnostics import Diagnostic
from engine.format import effects as fx
from engine.format import walk
from engine.format.documents import documents
from engine.format.puzzles import CombinePuzzle
from engine.format.scenario import Scenario
from engine.lint.clues import missing_answer
from engine.lint.content import content_findings
from engine.lint.explore import DEFAULT_BUDGET, Exploration, Explorer, Move, Wait
from engine.lint.paths import format_moves, replay
from engine.lint.reachability import Reached, relaxed, tested_flags
from engine.lint.relevance import relevance
from engine.lint.roles import role_findings
from engine.lint.useless import idle_hotspots, idle_puzzles, unused_items, usage
from engine.load.check import Loaded, load_scenario
from engine.load.yaml_source import Path_, paused_gc
from engine.reference.rome import is_valid_rome
from engine.typography import counted
from engine.walkthrough import check_against, default_walkthrough


@dataclass
class LintReport:
    """Diagnostics of one file, info notes, and the explorations (one per team start)."""

    path: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    explorations: dict[str, Exploration] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "warning")


def lint_file(
    path: Path, *, budget: int = DEFAULT_BUDGET, walkthrough: Path | None = None
) -> LintReport:
    """Check, then lint one scenario file; never raises on bad input.

    The cyclic garbage collector is paused throughout (as for loading): lint builds millions
    of acyclic objects, and the collector's passes over them cost a third of the time.
    """
    with paused_gc():
        return _lint_file(path, budget, walkthrough)


def _lint_file(path: Path, budget: int, walkthrough: Path | None) -> LintReport:
    loaded = load_scenario(path)
    report = LintReport(path, list(loaded.diagnostics))
    if not loaded.ok or loaded.scenario is None:
        return report
    _Lint(loaded, loaded.scenario, report, budget).run()
    wt = walkthrough or default_walkthrough(path)
    if wt.is_file():
        report.diagnostics += replay_walkthrough(loaded.scenario, wt)
    report.diagnostics.sort(key=lambda d: (d.file != str(path), d.line, d.col, d.code))
    return report


def team_starts(scenario: Scenario) -> list[str]:
    return list(dict.fromkeys(scenario.team_starts or [scenario.start]))


def rules_for_start(scenario: Scenario, start: str) -> Rules:
    """The rules as seen by a team that starts in ``start`` (teams are independent)."""
    if start == (scenario.team_starts or [scenario.start])[0]:
        return Rules(scenario)
    return Rules(scenario.model_copy(update={"start": start, "team_starts": [start]}))


@cache
def play_time_table() -> dict[str, Any]:
    text = resources.files("engine.lint").joinpath("play_time.yaml").read_text(encoding="utf-8")
    table: dict[str, Any] = yaml.safe_load(text)
    return table


def estimate_seconds(rules: Rules, moves: list[Move]) -> float:
    """Estimated play time of a path: seconds per action (play_time.yaml), waits included."""
    table = play_time_table()
    total = 0.0
    for move in moves:
        if isinstance(move, Wait):
            total = max(total, move.until)
        elif isinstance(move, ac.Answer):
            puzzle = rules.puzzles.get(move.puzzle)
            kind = getattr(puzzle, "type", "text")
            total += float(table["answer"].get(kind, 60))
        else:
            total += float(table.get(move.key, 15))
    return total


class _Lint:
    def __init__(self, loaded: Loaded, scenario: Scenario, report: LintReport, budget: int) -> None:
        assert loaded.source is not None
        self.source = loaded.source
        self.s = scenario
        self.report = report
        self.budget = budget
        self.scene_index = {s.id: i for i, s in enumerate(scenario.scenes)}
        self.puzzle_index = {p.id: i for i, p in enumerate(scenario.puzzles)}
        self.item_index = {x.id: i for i, x in enumerate(scenario.items)}
        self.ending_index = {e.id: i for i, e in enumerate(scenario.endings)}
        self.hotspot_path: dict[str, Path_] = {}
        for i, scene in enumerate(scenario.scenes):
            for j, h in enumerate(scene.hotspots):
                self.hotspot_path.setdefault(h.id, ("scenes", i, "hotspots", j))

    def add(self, path: Path_, code: str, message: str, hint: str = "") -> None:
        line, col = self.source.where(path)
        self.report.diagnostics.append(Diagnostic(self.source.file, line, col, code, message, hint))

    def run(self) -> None:
        starts = team_starts(self.s)
        reached = relaxed(self.s, starts)
        rel = relevance(self.s)
        exact_endings: set[str] = set()
        exact_scenes: set[str] = set()
        complete = True
        for start in starts:
            rules = rules_for_start(self.s, start)
            found = Explorer(rules, rel).explore(budget=self.budget)
            self.report.explorations[start] = found
            complete = complete and found.complete
            if not found.complete:
                self.add(
                    ("start",),
                    "E104",
                    f"exploration arrêtée après {len(found)} états (budget {self.budget}) "
                    f"depuis « {start} » : la preuve n'est pas terminée",
                    "Réduisez les combinaisons d'objets ou de drapeaux indépendants, "
                    "ou relancez avec « --budget » plus grand.",
                )
                continue
            endings = found.endings()
            exact_endings |= endings
            exact_scenes |= {team.scene for team in found.teams() if team.scene}
            self.solvability(rules, start, found, endings)
        if complete:
            reached.endings = exact_endings
            reached.scenes = exact_scenes
        self.unreachable(reached)
        self.clues(reached)
        self.documents_first(starts, reached)
        self.skill_rules(reached)
        self.flags()
        self.jobs()
        self.content()
        known = usage(self.s)
        for path, item, _ in unused_items(self.s, known):
            self.add(
                path,
                "W121",
                f"l'objet « {item} » est donné aux joueurs mais ne sert nulle part",
                f"Faites-le servir (`needs_item: {item}` sur un point d'intérêt, "
                f"`requires_items: [{item}]` sur une sortie, une condition `has: {item}`, une "
                f"combinaison), retirez-le, ou, si c'est un souvenir voulu, écrivez `keepsake: true` "
                "dans l'objet.",
            )
        for finding in role_findings(self.s):
            self.add(*finding)
        for path, puzzle in idle_puzzles(self.s, known):
            self.add(path, "W122", f"résoudre l'énigme « {puzzle} » ne change rien qui compte")
        for path, hotspot in idle_hotspots(self.s, known):
            self.add(
                path,
                "W123",
                f"toucher « {hotspot} » ne montre rien et ne change rien qui compte",
                "Donnez-lui un `text:` (ce que les joueurs voient), une énigme (`puzzle:`) ou un "
                "effet utile (`give:` d'un objet qui sert, `unlock:`, `set:` d'un drapeau lu, "
                "`go:`), ou retirez-le.",
            )

    # --- solvability ---------------------------------------------------------------------

    def solvability(self, rules: Rules, start: str, found: Exploration, endings: set[str]) -> None:
        """E101 when no ending is reached (``endings``: those ``found``), E102 at a dead end."""
        where = f" (équipe qui part de « {start} »)" if len(team_starts(self.s)) > 1 else ""
        if not endings:
            self.add(
                ("start",),
                "E101",
                f"aucune fin n'est atteignable en jouant depuis le début{where} "
                f"({counted(len(found), 'état exploré', 'états explorés')})",
            )
            return
        dead = found.dead_ends()
        if dead:
            node = dead[0]
            moves = found.path(node)
            team = found.team(node)
            last = found.vias[node][-1] if found.vias[node] else None
            if isinstance(last, ac.Go):
                hint = (
                    f"Une fois dans « {team.scene} », on ne peut plus revenir : ajoutez une sortie "
                    "de retour, ou faites trouver avant ce passage tout ce qui sert après."
                )
            else:
                hint = self.lost_item_hint(found, node) or (
                    "Ici l'équipe perd ce dont elle a encore besoin (objet pris, essais épuisés, "
                    "action unique) : rendez-le récupérable (`once: false`) ou ajoutez une autre solution."
                )
            self.add(
                self.move_path(found, node),
                "E102",
                f"impasse{where} : après {counted(len(moves), 'action')}, aucune fin n'est plus "
                f"atteignable (l'équipe est dans « {team.scene} » ; {counted(len(dead), 'état')} "
                f"sans issue en tout). Chemin à rejouer :\n{format_moves(moves)}",
                hint,
            )
        self.timing(rules, found)

    def lost_item_hint(self, found: Exploration, node: int) -> str | None:
        """The aide for a dead end where the last action used up an item: name the key to change."""
        last = found.vias[node][-1] if found.vias[node] else None
        before = found.team(found.parents[node]) if node > 0 else found.team(0)
        lost = [i for i in before.inventory if i not in found.team(node).inventory]
        if not lost:
            return None
        names = ", ".join(f"« {i} »" for i in lost)
        if isinstance(last, ac.Combine):
            combined = found.rules.combinations.get(frozenset((last.first, last.second)))
            if combined is not None:
                keep, other = last.first, last.second
                return (
                    f"La combinaison « {combined.id} » fait disparaître {names} alors que l'équipe "
                    "en a encore besoin : sur cette énigme, gardez l'objet qui sert encore avec "
                    f"`consume: [l'autre]` (par exemple `consume: [{other}]` garde « {keep} ») "
                    "ou gardez les deux avec `consume: false`."
                )
        return (
            f"Ici l'équipe perd {names} (un `take:` le reprend), dont elle a encore besoin : "
            "retirez ce `take:`, donnez un autre moyen de l'avoir, ou rendez l'action "
            "récupérable (`once: false`)."
        )

    def move_path(self, found: Exploration, node: int) -> Path_:
        """Where the last action of the path to ``node`` is written (the point of no return)."""
        last = found.vias[node][-1] if found.vias[node] else None
        before = found.team(found.parents[node]) if node > 0 else found.team(0)
        match last:
            case ac.Go(to=to):
                i = self.scene_index.get(before.scene or "", 0)
                for j, exit_ in enumerate(self.s.scenes[i].exits):
                    if exit_.to == to:
                        return ("scenes", i, "exits", j)
                return ("scenes", i)
            case ac.Use(hotspot=hotspot):
                return self.hotspot_path.get(hotspot, ("start",))
            case ac.Answer(puzzle=puzzle):
                uses = [m for m in found.vias[node] if isinstance(m, ac.Use)]
                if uses:
                    return self.hotspot_path.get(uses[-1].hotspot, ("start",))
                return ("puzzles", self.puzzle_index.get(puzzle, 0))
            case ac.Combine(first=first, second=second):
                combined = found.rules.combinations.get(frozenset((first, second)))
                return ("puzzles", self.puzzle_index.get(combined.id if combined else "", 0))
            case ac.Examine(item=item):
                return ("items", self.item_index.get(item, 0))
            case Wait():
                return ("timer",)
        return ("start",)

    def timing(self, rules: Rules, found: Exploration) -> None:
        limit = self.s.timer.limit_minutes
        if limit is None:
            return
        moves = found.shortest_solution()
        if moves is None:
            return
        actions = sum(1 for m in moves if not isinstance(m, Wait))
        minutes = estimate_seconds(rules, moves) / 60
        text = (
            f"solution la plus courte : {counted(actions, 'action')}, environ {minutes:.0f} min de jeu "
            f"estimé (limite {limit:g} min)"
        )
        if minutes > limit:
            self.add(("timer", "limit_minutes"), "W106", text)
        else:
            self.report.notes.append(f"{self.source.file}: info: {text}")

    # --- warnings a relaxed analysis can prove -------------------------------------------

    def unreachable(self, r: Reached) -> None:
        timeout = self.s.timer.timeout_ending if self.s.timer.limit_minutes else None
        if self.s.timer.limit_minutes and timeout is None:
            timeout = self.s.endings[-1].id
        for i, scene in enumerate(self.s.scenes):
            if scene.id not in r.scenes:
                self.add(
                    ("scenes", i, "id"), "W101", f"la scène « {scene.id} » n'est jamais atteinte"
                )
                continue
            for j, h in enumerate(scene.hotspots):
                if h.id not in r.hotspots:
                    self.add(
                        ("scenes", i, "hotspots", j, "id"),
                        "W101",
                        f"le point d'intérêt « {h.id} » ne peut jamais être utilisé",
                    )
        given = {e.give for _, e in walk.effects(self.s) if isinstance(e, fx.Give)}
        for i, item in enumerate(self.s.items):
            if item.id not in r.items:
                why = "" if item.id in given else " (aucun « give » ne le donne)"
                self.add(
                    ("items", i, "id"), "W101", f"l'objet « {item.id} » n'est jamais obtenu{why}"
                )
        for i, puzzle in enumerate(self.s.puzzles):
            if puzzle.id not in r.opened:
                self.add(
                    ("puzzles", i, "id"),
                    "W101",
                    f"l'énigme « {puzzle.id} » (et ses indices) ne peut jamais être ouverte",
                )
        for i, ending in enumerate(self.s.endings):
            if ending.id not in r.endings and ending.id != timeout:
                self.add(
                    ("endings", i, "id"), "W101", f"la fin « {ending.id} » n'est jamais atteinte"
                )

    def clues(self, r: Reached) -> None:
        for i, puzzle in enumerate(self.s.puzzles):
            problem = missing_answer(self.s, puzzle)
            if problem:
                self.add(
                    ("puzzles", i, "clue") if puzzle.clue else ("puzzles", i, "id"), "W102", problem
                )
                continue
            for k, version in enumerate(puzzle.versions[1:]):
                problem = missing_answer(self.s, version)
                if problem:
                    self.add(("puzzles", i, "variants", k), "W102", f"variante {k + 2} : {problem}")
            clue = puzzle.clue
            if clue is None or puzzle.id not in r.opened:
                continue
            for kind, value, known in (
                ("objet", clue.item, r.items),
                ("scène", clue.scene, r.scenes),
                ("point d'intérêt", clue.hotspot, r.hotspots),
            ):
                if value and value not in known:
                    self.add(
                        ("puzzles", i, "clue"),
                        "W102",
                        f"l'indice de « {puzzle.id} » est dans {kind} « {value} », qui n'est jamais atteint(e)",
                    )

    def documents_first(self, starts: list[str], r: Reached) -> None:
        """W124: a calculation's document must be seen (item obtained, hotspot read) before
        the puzzle can open, in every game. Proved by the relaxed analysis with the document
        withheld: if the puzzle still opens, a game can open it first; the path is looked for
        in the explorations."""
        found = documents(self.s)
        without: dict[str, Reached] = {}  # per document: what is reached without it
        for i, puzzle in enumerate(self.s.puzzles):
            name = puzzle.clue.document if puzzle.clue is not None else None
            if name is None or name not in found or puzzle.id not in r.opened:
                continue
            if found[name].kind == "hotspot" and self.always_beside(puzzle.id, name):
                continue
            if name not in without:
                without[name] = relaxed(self.s, starts, withheld=name)
            if puzzle.id not in without[name].opened:
                continue
            seen = "obtenu" if found[name].kind == "item" else "lu"
            moves = self.opened_before(puzzle.id, name)
            tail = (
                f" Chemin à rejouer :\n{format_moves(moves)}"
                if moves is not None
                else " (un chemin possible sans lui existe, même s'il n'a pas été rejoué)"
            )
            self.add(
                ("puzzles", i, "clue", "document"),
                "W124",
                f"l'énigme « {puzzle.id} » peut s'ouvrir avant que le document « {name} » soit "
                f"{seen}.{tail}",
                f"Faites passer par « {name} » avant l'énigme : le point d'intérêt qui l'ouvre "
                f"peut demander « needs_item: {name} » ou une condition « when: » sur un "
                "drapeau posé en lisant le document.",
            )

    def always_beside(self, puzzle: str, hotspot: str) -> bool:
        """Whether the hotspot ``hotspot`` is always in sight where ``puzzle`` opens: in the
        scene of every hotspot that opens it, with no condition, lock or item to show it."""
        for scene in self.s.scenes:
            spot = next((h for h in scene.hotspots if h.id == hotspot), None)
            opens = [h for h in scene.hotspots if h.puzzle == puzzle]
            if spot is None or len(opens) != sum(
                h.puzzle == puzzle for sc in self.s.scenes for h in sc.hotspots
            ):
                continue
            return spot.when is None and not spot.locked and spot.needs_item is None
        return False

    def opened_before(self, puzzle: str, document: str, most: int = 300) -> list[Move] | None:
        """The shortest explored path that opens ``puzzle`` with ``document`` never seen."""
        opens = {h.id for sc in self.s.scenes for h in sc.hotspots if h.puzzle == puzzle}
        tried = 0
        for start, found in self.report.explorations.items():
            rules = rules_for_start(self.s, start)
            for node in range(1, len(found)):
                via = found.vias[node]
                cut = next(
                    (k for k, m in enumerate(via) if isinstance(m, ac.Use) and m.hotspot in opens),
                    None,
                )
                if cut is None:
                    continue
                tried += 1
                if tried > most:
                    return None
                moves = [*found.path(found.parents[node]), *via[: cut + 1]]
                if not _seen_along(rules, moves, document):
                    return moves
        return None

    def skill_rules(self, r: Reached) -> None:
        most = self.s.players.max
        for i, puzzle in enumerate(self.s.puzzles):
            for k, rule in enumerate(puzzle.skills):
                path = ("puzzles", i, "skills", k)
                why = None
                if puzzle.id not in r.solved:
                    why = f"l'énigme « {puzzle.id} » ne peut jamais être résolue"
                elif rule.when == "together" and isinstance(puzzle, CombinePuzzle):
                    why = "une énigme « combine » est résolue par un seul joueur"
                elif rule.when == "together" and rule.players > most:
                    why = f"il faut {rule.players} joueurs, le scénario en accepte {most} au plus"
                if why:
                    self.add(
                        path,
                        "W103",
                        f"la règle « {rule.skill} / {rule.when} » ne peut jamais se déclencher : {why}",
                    )

    def flags(self) -> None:
        setters = {e.set for _, e in walk.effects(self.s) if isinstance(e, fx.SetFlag)}
        for path, flag in tested_flags(self.s):
            if flag not in setters:
                self.add(path, "W105", f"le drapeau « {flag} » n'est posé par aucun effet « set »")

    def content(self) -> None:
        """Evidence rules, inclusive titles and turn timing: ``engine.lint.content``."""
        for finding in content_findings(self.s, self.report.explorations):
            if isinstance(finding, str):
                self.report.notes.append(f"{self.source.file}: info: {finding}")
            else:
                self.add(*finding)

    def jobs(self) -> None:
        codes: list[tuple[Path_, str]] = [(("jobs", k), c) for k, c in enumerate(self.s.jobs)]
        codes += [
            (("debrief", "questions", k, "job"), q.job)
            for k, q in enumerate(self.s.debrief.questions)
            if q.job
        ]
        for path, code in codes:
            if not is_valid_rome(code):
                self.add(path, "W104", f"« {code} » n'est pas un code ROME connu")


# --- walkthroughs --------------------------------------------------------------------------


def replay_walkthrough(scenario: Scenario, path: Path) -> list[Diagnostic]:
    """E120 for unknown ids, else E103 at the first refused step or when no ending is reached."""
    return check_against(scenario, path)


def _seen_along(rules: Rules, moves: list[Move], document: str) -> bool:
    """Whether playing ``moves`` from the start shows ``document`` (held, examined or read)."""
    try:
        _, _, events = replay(rules, moves)
    except ValueError:
        return True  # not a real game: no proof against the scenario
    for event in events:
        if getattr(event, "item", None) == document or getattr(event, "hotspot", None) == document:
            return True
    return False
