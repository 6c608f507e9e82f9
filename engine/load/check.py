"""``declic check``: load a scenario file and report every problem in one run.

Three passes, each only if the previous one produced data: read the YAML (``yaml_source``),
validate the shape (pydantic, ``validation_errors``), then check what pydantic cannot see:
references between ids, duplicate ids, skills, assets, towns and the rules of each kind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine.cache import cached, remember
from engine.diagnostics import Diagnostic
from engine.format import effects as fx
from engine.format.conditions import All, Any_, Not
from engine.format.documents import Document, documents, shows
from engine.format.footprint import footprint, reads
from engine.format.scenario import Picture, Scenario
from engine.format.walk import conditions, effects
from engine.load.validation_errors import diagnostics_from, suggest
from engine.load.yaml_source import (
    Path_,
    Source,
    SourceError,
    parse_decoded,
    paused_gc,
    read_text,
)
from engine.puzzles.base import PuzzleBase
from engine.puzzles.calculation import CalculationPuzzle
from engine.puzzles.registry import OPENABLE, unit_of
from engine.puzzles.typed import french_number
from engine.reference.geo import closest_map_town, map_town, towns
from engine.reference.icons import is_known as is_known_icon
from engine.reference.icons import suggestions as icon_suggestions
from engine.reference.skills import SkillsFramework, load_framework


@dataclass
class Loaded:
    """What loading a file gave: the scenario when it is valid, and every diagnostic."""

    path: Path
    scenario: Scenario | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source: Source | None = None
    framework: SkillsFramework | None = None

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not any(
            d.severity == "error" for d in self.diagnostics
        )


def load_scenario(path: Path) -> Loaded:
    """Read, validate and cross-check one scenario file; never raises on bad input."""
    with paused_gc():
        return _load(path)


def _load(path: Path) -> Loaded:
    try:
        text = read_text(path)
        scenario = cached(text, Scenario)  # validated before: parsed only to locate a problem
        source = Source.known(str(path), text) if scenario else parse_decoded(text, str(path))
    except SourceError as exc:
        return Loaded(path, None, [exc.diagnostic])
    if scenario is None:
        try:
            scenario = Scenario.model_validate(source.data)
        except ValidationError as exc:
            return Loaded(path, None, diagnostics_from(exc, source, Scenario), source)
        remember(source.text, scenario)
    framework, problems = _framework(scenario, path, source)
    problems += list(_References(scenario, source, framework, path.parent).check())
    problems.sort(key=lambda d: (d.line, d.col))
    loaded = Loaded(path, scenario, problems, source, framework)
    if not loaded.ok:
        loaded.scenario = None
    return loaded


def check_files(paths: Iterable[Path]) -> list[Diagnostic]:
    """All diagnostics of several files, in order."""
    found: list[Diagnostic] = []
    for path in paths:
        found += load_scenario(path).diagnostics
    return found


def _framework(
    scenario: Scenario, path: Path, source: Source
) -> tuple[SkillsFramework | None, list[Diagnostic]]:
    if scenario.skills_framework is None:
        return load_framework(), []

    def problem(code: str, message: str) -> list[Diagnostic]:
        line, col = source.where(("skills_framework",))  # parses a kept file: only when needed
        return [Diagnostic(source.file, line, col, code, message)]

    target = _inside(path.parent, scenario.skills_framework)
    if target is None:
        return None, problem("E018", "le référentiel doit être dans le dossier du scénario")
    if not target.is_file():
        return None, problem("E017", f"référentiel introuvable : {scenario.skills_framework}")
    try:
        return load_framework(target), []
    except ValueError as exc:
        return None, problem("E013", f"référentiel invalide : {exc}")


def _inside(folder: Path, relative: str) -> Path | None:
    """``folder/relative`` if it stays inside ``folder`` (no ``..``, no absolute path)."""
    if Path(relative).is_absolute() or "\\" in relative:
        return None
    target = (folder / relative).resolve()
    return target if target.is_relative_to(folder.resolve()) else None


class _References:
    """Checks that need the whole scenario: ids, references, skills, assets, kinds."""

    def __init__(
        self, scenario: Scenario, source: Source, framework: SkillsFramework | None, folder: Path
    ) -> None:
        self.s = scenario
        self.source = source
        self.framework = framework
        self.folder = folder
        self.scenes = {x.id for x in scenario.scenes}
        self.items = {x.id for x in scenario.items}
        self.puzzle_by_id = {x.id: x for x in scenario.puzzles}
        self.puzzles = set(self.puzzle_by_id)
        self.endings = {x.id for x in scenario.endings}
        self.hotspots = {h.id for sc in scenario.scenes for h in sc.hotspots}
        self.roles = {r.id for r in scenario.roles}
        self.lockable = {h.id for sc in scenario.scenes for h in sc.hotspots if h.locked} | {
            e.id for sc in scenario.scenes for e in sc.exits if e.locked and e.id
        }
        #: each puzzle, then each of its variants made whole, with where it is written
        self.versions: list[tuple[Path_, PuzzleBase]] = list(self.puzzle_versions())
        #: every effect with its path (``references`` and ``skills`` read them)
        self.effects = effects(scenario)

    @cached_property
    def documents(self) -> dict[str, Document]:
        """The readable documents, listed once (not once per calculation that names one)."""
        return documents(self.s)

    def error(
        self, path: Path_, code: str, message: str, hint: str = "", *, key: bool = False
    ) -> Diagnostic:
        line, col = self.source.where(path, key=key)
        return Diagnostic(self.source.file, line, col, code, message, hint)

    def ref(
        self, path: Path_, value: str | None, known: AbstractSet[str], what: str
    ) -> tuple[Diagnostic, ...]:
        """E014 when ``value`` is not among ``known`` (a tuple, not a generator: a thousand-
        puzzle file has tens of thousands of references, nearly all good)."""
        if value is None or value in known:
            return ()
        best = suggest(value, known)
        tail = f" — vouliez-vous dire « {best} » ?" if best else ""
        listed = ", ".join(sorted(known)[:12]) + (", …" if len(known) > 12 else "")
        hint = (
            f"Existants : {listed}."
            if known
            else f"Aucun(e) {what} n'est défini(e) dans ce scénario."
        )
        return (self.error(path, "E014", f"{what} « {value} » {_unknown(what)}{tail}", hint),)

    def check(self) -> Iterator[Diagnostic]:
        yield from self.duplicates()
        yield from self.references()
        yield from self.puzzle_details()
        yield from self.skills()
        yield from self.assets()
        yield from self.icons()
        yield from self.kind_rules()

    def duplicates(self) -> Iterator[Diagnostic]:
        s = self.s
        named: list[tuple[str, str, Sequence[Any]]] = [
            ("scène", "scenes", s.scenes),
            ("objet", "items", s.items),
            ("énigme", "puzzles", s.puzzles),
            ("fin", "endings", s.endings),
            ("rôle", "roles", s.roles),
        ]
        for what, key, models in named:
            ids = [x.id for x in models]
            yield from self.twice(what, ids, partial(_ids_at, (), key, ids))
        spots = [h.id for sc in s.scenes for h in sc.hotspots]
        spots += [e.id for sc in s.scenes for e in sc.exits if e.id]
        yield from self.twice("point d'intérêt ou sortie", spots, self.spot_ids)
        for base, p in self.versions:
            for attr, ids in unit_of(p).choices(p):
                yield from self.twice(
                    f"choix de l'énigme {p.id}",
                    ids,
                    partial(_ids_at, base, attr, ids),
                )

    def spot_ids(self) -> Iterator[tuple[Path_, str]]:
        """The ids of hotspots then of exits, which share one namespace (``unlock:``)."""
        for i, sc in enumerate(self.s.scenes):
            for j, h in enumerate(sc.hotspots):
                yield ("scenes", i, "hotspots", j, "id"), h.id
        for i, sc in enumerate(self.s.scenes):
            for j, e in enumerate(sc.exits):
                if e.id:
                    yield ("scenes", i, "exits", j, "id"), e.id

    def twice(
        self, what: str, ids: Sequence[str], entries: Callable[[], Iterable[tuple[Path_, str]]]
    ) -> Iterator[Diagnostic]:
        """E015 at each repeat of an id of ``ids``; where they are written (``entries``) is
        only looked for when one repeats."""
        if len(set(ids)) == len(ids):
            return
        found = list(entries())
        counts = Counter(value for _, value in found)
        seen: set[str] = set()
        for path, value in found:
            if counts[value] > 1 and value in seen:
                yield self.error(
                    path,
                    "E015",
                    f"{what} « {value} » {_defined_twice(what)}",
                    "Donnez à chacun un identifiant unique.",
                )
            seen.add(value)

    def references(self) -> Iterator[Diagnostic]:
        yield from self.ref(("start",), self.s.start, self.scenes, "scène")
        for k, sid in enumerate(self.s.team_starts):
            yield from self.ref(("team_starts", k), sid, self.scenes, "scène")
        yield from self.ref(
            ("timer", "timeout_ending"), self.s.timer.timeout_ending, self.endings, "fin"
        )
        # Paths are built only for a reference not known: nearly all are good.
        for i, scene in enumerate(self.s.scenes):
            for j, exit_ in enumerate(scene.exits):
                if exit_.to not in self.scenes:
                    path: Path_ = ("scenes", i, "exits", j, "to")
                    yield from self.ref(path, exit_.to, self.scenes, "scène")
            for j, hotspot in enumerate(scene.hotspots):
                base = ("scenes", i, "hotspots", j)
                if hotspot.needs_item not in self.items:
                    path = (*base, "needs_item")
                    yield from self.ref(path, hotspot.needs_item, self.items, "objet")
                if hotspot.puzzle not in self.puzzles:
                    yield from self.ref((*base, "puzzle"), hotspot.puzzle, self.puzzles, "énigme")
                puzzle = self.puzzle_by_id.get(hotspot.puzzle or "")
                if puzzle is not None and puzzle.type not in OPENABLE:
                    yield self.error(
                        (*base, "puzzle"),
                        "E013",
                        f"l'énigme « {puzzle.id} » se résout en combinant des objets : elle ne s'ouvre pas depuis un point d'intérêt",
                        "Retirez « puzzle: » de ce point d'intérêt : les joueurs résolvent cette énigme en combinant deux objets de l'inventaire.",
                    )
        # What a condition reads and an effect writes must exist (engine.format.footprint).
        read = {
            "item": ("has", self.items, "objet"),
            "solved": ("solved", self.puzzles, "énigme"),
            "failed": ("failed", self.puzzles, "énigme"),
            "visited": ("visited", self.scenes, "scène"),
        }
        for path, cond in conditions(self.s):
            for fact in reads(cond) if not isinstance(cond, All | Any_ | Not) else ():
                if fact.kind in read:
                    key, known, what = read[fact.kind]
                    if fact.name not in known:
                        yield from self.ref((*path, key), fact.name, known, what)
        written = {
            "item": (self.items, "objet"),
            "scene": (self.scenes, "scène"),
            "ending": (self.endings, "fin"),
            "unlocked": (self.lockable, "élément verrouillé"),
        }
        for path, effect in self.effects:
            for fact in footprint(effect).writes:
                if fact.kind in written:
                    known, what = written[fact.kind]
                    if fact.name not in known:
                        yield from self.ref(path, fact.name, known, what)

    def puzzle_versions(self) -> Iterator[tuple[Path_, PuzzleBase]]:
        """Each puzzle, then each of its variants made whole, with where it is written."""
        for i, p in enumerate(self.s.puzzles):
            yield ("puzzles", i), p
            for k, version in enumerate(p.versions[1:]):
                yield ("puzzles", i, "variants", k), version

    def puzzle_details(self) -> Iterator[Diagnostic]:
        for base, p in self.versions:
            for ref in unit_of(p).references(p):
                among = self.items if isinstance(ref.among, str) else ref.among
                if ref.value not in among:  # the path only for an unknown one
                    yield from self.ref((*base, *ref.where), ref.value, among, ref.what)
            if p.clue is not None:
                yield from self.ref((*base, "clue", "item"), p.clue.item, self.items, "objet")
                yield from self.ref((*base, "clue", "scene"), p.clue.scene, self.scenes, "scène")
                yield from self.ref(
                    (*base, "clue", "hotspot"), p.clue.hotspot, self.hotspots, "point d'intérêt"
                )
                yield from self.ref((*base, "clue", "role"), p.clue.role, self.roles, "rôle")
                yield from self.document((*base, "clue", "document"), p)

    def document(self, path: Path_, p: PuzzleBase) -> Iterator[Diagnostic]:
        """``clue: {document: …}``: a calculation's document exists, has a text, and shows
        each given's number (what the card says must be what the document says)."""
        name = p.clue.document if p.clue is not None else None
        if name is None:
            return
        if not isinstance(p, CalculationPuzzle):
            yield self.error(
                path,
                "E026",
                f"« document: » ne sert qu'aux énigmes « calculation », pas à « {p.type} »",
                "Pour dire où est la réponse, écrivez « clue: {item: …} » ou « clue: {hotspot: …} ».",
            )
            return
        found = self.documents
        if name not in found:
            if name in self.hotspots:
                yield self.error(
                    path,
                    "E026",
                    f"le point d'intérêt « {name} » n'a pas de texte : ce n'est pas un document",
                    f"Donnez à « {name} » un « text: » qui montre les nombres de l'énigme.",
                )
            else:
                yield from self.ref(path, name, set(found), "document")
            return
        shown = found[name]
        for k, given in enumerate(p.givens):
            if not shows(shown.text, float(given.value)):
                yield self.error(
                    (*path[:-2], "givens", k, "value"),
                    "E026",
                    f"le nombre {french_number(given.value)} (« {given.label} ») n'est pas écrit "
                    f"dans le document « {name} »",
                    f"Écrivez-le dans le texte de « {name} » (« {shown.text[:60]} »), ou "
                    "corrigez la donnée : la carte de l'énigme et le document doivent dire pareil.",
                )

    def skill(self, path: Path_, skill: str) -> Iterator[Diagnostic]:
        if self.framework is None or self.framework.get(skill) is not None:
            return
        known = list(self.framework.by_id)
        best = suggest(skill, known)
        tail = f" — vouliez-vous dire « {best} » ?" if best else ""
        yield self.error(
            path,
            "E016",
            f"compétence « {skill} » absente du référentiel{tail}",
            "Compétences : " + ", ".join(known) + ".",
        )

    def skills(self) -> Iterator[Diagnostic]:
        for i, p in enumerate(self.s.puzzles):
            for k, rule in enumerate(p.skills):
                yield from self.skill(("puzzles", i, "skills", k, "skill"), rule.skill)
            for k, seen in enumerate(p.observe):
                yield from self.skill(("puzzles", i, "observe", k, "skill"), seen.skill)
        for path, effect in self.effects:
            if isinstance(effect, fx.Evidence):
                yield from self.skill((*path, "evidence", "skill"), effect.evidence.skill)
        for k, q in enumerate(self.s.debrief.questions):
            yield from self.skill(("debrief", "questions", k, "skill"), q.skill)

    def assets(self) -> Iterator[Diagnostic]:
        pictures: list[tuple[Path_, str]] = []
        for i, scene in enumerate(self.s.scenes):
            if isinstance(scene.image, Picture) and scene.image.file:
                pictures.append((("scenes", i, "image", "file"), scene.image.file))
        for base, p in self.versions:
            for where, name in unit_of(p).pictures(p):
                pictures.append(((*base, *where), name))
        for path, name in pictures:
            target = _inside(self.folder, name)
            if target is None:
                yield self.error(path, "E018", f"le chemin « {name} » sort du dossier du scénario")
            elif not target.is_file():
                yield self.error(path, "E017", f"fichier « {name} » introuvable à côté du scénario")

    def icons(self) -> Iterator[Diagnostic]:
        """W120: an icon name that is neither hand-drawn nor an OpenMoji pictogram."""
        named: list[tuple[Path_, str | None]] = [
            (("items", i, "icon"), item.icon) for i, item in enumerate(self.s.items)
        ]
        for i, scene in enumerate(self.s.scenes):
            named += [
                (("scenes", i, "hotspots", j, "icon"), h.icon) for j, h in enumerate(scene.hotspots)
            ]
            if isinstance(scene.image, Picture) and scene.image.draw:
                named += [
                    (("scenes", i, "image", "draw", "props", k, "icon"), prop.icon)
                    for k, prop in enumerate(scene.image.draw.props)
                ]
        for i, p in enumerate(self.s.puzzles):
            named += [(("puzzles", i, *where), name) for where, name in unit_of(p).icons(p)]
        for path, name in named:
            if name is None or is_known_icon(name):
                continue
            close = icon_suggestions(name)
            tail = (
                f" — vouliez-vous dire {' ou '.join(f'« {c} »' for c in close)} ?" if close else ""
            )
            yield self.error(
                path,
                "W120",
                f"icône « {name} » inconnue : une tuile avec sa lettre sera dessinée{tail}",
                f"Cherchez un nom avec `declic icons {name.split('-')[0]}` ou voyez docs/icons.md.",
            )

    def kind_rules(self) -> Iterator[Diagnostic]:
        if self.s.team_mode == "turns" and self.s.teams is None:
            yield self.error(
                ("team_mode",),
                "E022",
                "en mode « turns », indiquez le nombre d'équipes",
                "Ajoutez « teams: {min: 2, max: 6} ».",
            )
        if self.s.kind == "rally" and self.s.team_mode != "turns":
            where: Path_ = ("team_mode",) if "team_mode" in self.source.data else ("kind",)
            yield self.error(where, "E022", "un rallye se joue en équipes : « team_mode: turns »")
        for i, scene in enumerate(self.s.scenes):
            loc = scene.location
            if (
                loc is not None
                and loc.town is not None
                and loc.lat is None
                and map_town(loc.town) is None
            ):
                names = [town.name for town in towns()]
                best = closest_map_town(loc.town)
                tail = f" — vouliez-vous dire « {best.name} » ?" if best else ""
                yield self.error(
                    ("scenes", i, "location", "town"),
                    "E023",
                    f"ville « {loc.town} » absente de la carte de Normandie{tail}",
                    f"Villes de la carte : {', '.join(names)}. Ailleurs, donnez `lat` et `lon`.",
                )
        if self.s.kind == "tour":
            located = sum(1 for scene in self.s.scenes if scene.location is not None)
            if located < 2:
                yield self.error(
                    ("scenes",),
                    "E022",
                    "un tour a au moins deux lieux avec « location »",
                    "Ajoutez « location: {town: Rouen} » aux lieux de la carte.",
                    key=True,
                )


def _ids_at(base: Path_, attr: str, ids: Sequence[str]) -> Iterator[tuple[Path_, str]]:
    """Where each id of the list ``attr`` (under ``base``) is written: ``attr[k].id``."""
    for k, name in enumerate(ids):
        yield (*base, attr, k, "id"), name


#: Words whose adjective takes the feminine form in the messages.
_FEMININE = ("scène", "énigme", "fin", "zone", "compétence")


def _unknown(what: str) -> str:
    return "inconnue" if what.startswith(_FEMININE) else "inconnu"


def _defined_twice(what: str) -> str:
    return "définie deux fois" if what.startswith(_FEMININE) else "défini deux fois"
