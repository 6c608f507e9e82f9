"""Is the answer of a code lock, a text or a number question written somewhere players read?

Only ``code``, ``text`` and ``number`` puzzles need a clue: the other types show their
options. A puzzle marked ``clue: {knowledge: true}`` asks what young people may know (or
learn from the facilitator), so its answer is not looked for. Otherwise the answer must appear
in the texts of the place named by ``clue:`` (or, without ``clue:``, anywhere in the
scenario's texts).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property

from engine.core.answers import normalise_text
from engine.format import effects as fx
from engine.format.puzzles import PuzzleBase
from engine.format.scenario import Hotspot, Item, Role, Scenario, Scene
from engine.puzzles.registry import unit_of


class _Forms:
    """Texts in the three forms an answer is looked for in: words, letters and digits glued,
    digits only ("Les chiffres 0, 4, 7 et 2 sont entourés" gives the code 0472). Each form
    joins all the texts with line breaks, which no looked-for form contains: a match never
    spans two texts, and a count over the join is the sum of the counts over the texts."""

    def __init__(self, texts: Iterable[str]) -> None:
        words = [normalise_text(text) for text in texts]
        self.words = "\n".join(f" {w} " for w in words)
        self.glued = "\n".join("".join(c for c in w if c.isalnum()) for w in words)
        self.digits = "\n".join("".join(c for c in w if c.isdigit()) for w in words)

    def give(self, answer: str, unless: _Forms | None = None) -> bool:
        """Whether one of the texts gives ``answer``, counting none of the texts of ``unless``
        (a part of these texts)."""
        wanted = normalise_text(answer)
        if not wanted:
            return False
        target = "".join(c for c in wanted if c.isalnum())
        looked = [(f" {wanted} ", "words")]
        looked += [(target, "glued")] if target else []
        looked += [(target, "digits")] if target.isdigit() else []
        for needle, form in looked:
            found = getattr(self, form).count(needle)
            if found > (getattr(unless, form).count(needle) if unless is not None else 0):
                return True
        return False


def answers_of(puzzle: PuzzleBase) -> list[str]:
    """The answers a clue must give (none for types that show their options)."""
    return unit_of(puzzle).clue_answers(puzzle)


def _says(effects: Iterable[fx.Effect]) -> Iterator[str]:
    for effect in effects:
        if isinstance(effect, fx.Say):
            yield effect.say


def item_texts(item: Item) -> Iterator[str]:
    yield item.name
    yield item.description
    yield from _says(item.on_examine)


def hotspot_texts(hotspot: Hotspot) -> Iterator[str]:
    yield hotspot.label
    if hotspot.text:
        yield hotspot.text
    yield from _says(hotspot.effects)


def scene_texts(scene: Scene) -> Iterator[str]:
    yield scene.title
    yield scene.text
    yield from _says(scene.on_first_visit)
    for hotspot in scene.hotspots:
        yield from hotspot_texts(hotspot)


def all_texts(scenario: Scenario, skip: str) -> Iterator[str]:
    """Every text the players can read, except the puzzle ``skip`` itself."""
    for scene in scenario.scenes:
        yield from scene_texts(scene)
    for item in scenario.items:
        yield from item_texts(item)
    for puzzle in scenario.puzzles:
        if puzzle.id != skip:
            yield from (version.prompt for version in puzzle.versions)
        yield from _says(puzzle.on_solve)
        yield from _says(puzzle.on_fail)
    for event in scenario.timer.events:
        yield from _says(event.effects)
    for role in scenario.roles:
        yield from role_texts(role)


def role_texts(role: Role) -> Iterator[str]:
    """What the holder of a role reads on their phone."""
    if role.text:
        yield role.text
    for clue in role.clues:
        yield clue.text


def _anywhere(puzzle: PuzzleBase) -> bool:
    """Whether the clue of ``puzzle`` names no place: its answer may be in any text."""
    clue = puzzle.clue
    return clue is None or (
        clue.item is None and clue.scene is None and clue.hotspot is None and clue.role is None
    )


def clue_texts(scenario: Scenario, puzzle: PuzzleBase) -> list[str]:
    """The texts where the clue is said to be (all texts when ``clue:`` names no place)."""
    if _anywhere(puzzle):
        return list(all_texts(scenario, puzzle.id))
    clue = puzzle.clue
    assert clue is not None
    places = _places(scenario)
    texts: list[str] = []
    if clue.item in places.items:
        texts += item_texts(places.items[clue.item])
    if clue.scene in places.scenes:
        texts += scene_texts(places.scenes[clue.scene])
    if clue.hotspot in places.hotspots:
        texts += hotspot_texts(places.hotspots[clue.hotspot])
    if clue.role in places.roles:
        texts += role_texts(places.roles[clue.role])
    return texts


class _Places:
    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.items = {i.id: i for i in scenario.items}
        self.scenes = {s.id: s for s in scenario.scenes}
        self.hotspots = {h.id: h for s in scenario.scenes for h in s.hotspots}
        self.roles = {r.id: r for r in scenario.roles}
        self.puzzles = {p.id: p for p in scenario.puzzles}

    @cached_property
    def said(self) -> _Forms:
        """Every text players can read (prompts included), in the forms answers are sought."""
        return _Forms(all_texts(self.scenario, skip=""))


_PLACES: dict[int, tuple[Scenario, _Places]] = {}


def _places(scenario: Scenario) -> _Places:
    """Ids to objects, built once per scenario (clue lookups stay linear in big scenarios)."""
    found = _PLACES.get(id(scenario))
    if found is None or found[0] is not scenario:
        _PLACES.clear()
        found = _PLACES[id(scenario)] = (scenario, _Places(scenario))
    return found[1]


def missing_answer(scenario: Scenario, puzzle: PuzzleBase) -> str | None:
    """Why the answer of ``puzzle`` cannot be found, or None when it can (or need not be)."""
    answers = answers_of(puzzle)
    if not answers or (puzzle.clue is not None and puzzle.clue.knowledge):
        return None
    if _anywhere(puzzle):
        # every text but the puzzle's own prompts: all the texts, read once per scenario,
        # less the prompts (what ``clue_texts`` lists, without reading everything per puzzle)
        everything = _places(scenario).said
        written = _places(scenario).puzzles.get(puzzle.id)
        own = _Forms(version.prompt for version in (written.versions if written else ()))
        if any(everything.give(answer, unless=own) for answer in answers):
            return None
    else:
        said = _Forms(clue_texts(scenario, puzzle))
        if any(said.give(answer) for answer in answers):
            return None
    clue = puzzle.clue
    named = []
    if clue is not None:
        named = [
            f"{kind} « {value} »"
            for kind, value in (
                ("l'objet", clue.item),
                ("la scène", clue.scene),
                ("le point d'intérêt", clue.hotspot),
                ("le rôle", clue.role),
            )
            if value
        ]
    where = f"pas dans {', '.join(named)}" if named else "dans aucun texte du scénario"
    return f"la réponse de « {puzzle.id} » ({answers[0]}) n'apparaît {where}"
