"""What a facilitator sheet says, built from the scenario, its walkthrough and Déclic's data.

Pure: no file is written here and no database is opened (trainings are passed in), so the
PDF and the Markdown say exactly the same things and a test can read the sheet as data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from engine.core import events as ev
from engine.core.roles import COMMUNICATION_SKILL
from engine.format.puzzles import CombinePuzzle, EvidenceRule, Feedback, PuzzleBase
from engine.format.scenario import Role, Scenario
from engine.lint.evidence import guidance
from engine.reference.real_life import JobEntry, job_entry
from engine.reference.skills import load_framework
from engine.typography import counted
from facilitator.sheets.answers import accepted_answers

KIND_WORDS = {
    "escape": "escape game, tout le groupe ensemble",
    "rally": "rallye, les équipes jouent chacune leur tour",
    "tour": "tour de Normandie, tout le groupe ensemble",
}
WHEN_WORDS = {
    "solved": "réussi",
    "no_hint": "réussi sans indice",
    "first_try": "réussi du premier coup",
    "fast": "réussi vite",
    "together": "réussi à plusieurs",
}


@dataclass(frozen=True)
class KeyEntry:
    """One puzzle of the answer key."""

    puzzle: str
    title: str
    where: str
    answers: list[str]
    why: str
    skills: list[str]
    observe: list[str]
    #: A question pool (``variants``): ``answers`` holds each team's answer, in turn.
    by_team: bool = False

    def labelled(self) -> list[tuple[str, str]]:
        """The answers as the sheet prints them: the answer and what else is right, or each
        team's answer."""
        if not self.answers:
            return [("Réponse", "—")]
        if self.by_team:
            return [(f"Réponse, équipe {n}", a) for n, a in enumerate(self.answers, 1)]
        return [("Réponse", self.answers[0])] + [("Aussi juste", a) for a in self.answers[1:]]


@dataclass(frozen=True)
class DebriefEntry:
    question: str
    message: str
    skill: str
    job: str


@dataclass(frozen=True)
class TrainingEntry:
    title: str
    where: str
    start: str


@dataclass(frozen=True)
class FacilitatorSheet:
    scenario_id: str
    title: str
    kind: str
    summary: str
    duration: int
    players: str
    goals: list[str]
    introduction: list[str]
    timings: list[tuple[int, str]]
    materials: list[str]
    key: list[KeyEntry]
    evidence: list[tuple[str, str]]
    debrief_intro: str
    core: list[DebriefEntry]
    other_questions: list[str]
    jobs: list[JobEntry]
    next_steps: list[str]
    trainings: list[TrainingEntry] = field(default_factory=list)
    trainings_note: str = ""
    glossary: list[tuple[str, str]] = field(default_factory=list)


def solve_order(scenario: Scenario, events: Sequence[ev.Event]) -> list[str]:
    """Puzzle ids in the order the walkthrough solves them, then the others as written."""
    order = [e.puzzle for e in events if isinstance(e, ev.PuzzleSolved)]
    order += [p.id for p in scenario.puzzles]
    return list(dict.fromkeys(order))


def _where(scenario: Scenario, puzzle: PuzzleBase) -> str:
    if isinstance(puzzle, CombinePuzzle):
        return "dans le sac : combiner deux objets"
    for scene in scenario.scenes:
        for hotspot in scene.hotspots:
            if hotspot.puzzle == puzzle.id:
                return f"{scene.title} — {hotspot.label}"
    return ""


def _why(puzzle: PuzzleBase) -> str:
    """The puzzle's ``why``; else its own « right » feedback; else its clearest hint."""
    if puzzle.why:
        return puzzle.why
    if puzzle.feedback.right != Feedback().right:
        return puzzle.feedback.right
    return puzzle.hints[-1]


def _shared_clue(puzzle: PuzzleBase, roles: dict[str, Role], label: dict[str, str]) -> list[str]:
    """The evidence the rules give, on a solve, the holder of the role whose clue the puzzle
    needs (``engine.core.roles``): the sheet says it beside the puzzle's own rules."""
    role = roles.get(puzzle.clue.role or "") if puzzle.clue else None
    if role is None:
        return []
    skill = label.get(COMMUNICATION_SKILL, COMMUNICATION_SKILL)
    return [f"{skill} : réussi, pour qui a le rôle « {role.name} » sur son téléphone"]


def _rule_words(rule: EvidenceRule) -> str:
    words = WHEN_WORDS[rule.when]
    if rule.after_wrong:
        words = f"{words} après au moins {counted(rule.after_wrong, 'erreur')}"
    if rule.when == "fast" and rule.seconds:
        words = f"{words} (moins de {rule.seconds} s)"
    return words


def _answers_by_team(puzzle: PuzzleBase, scenario: Scenario) -> list[str]:
    """The key's answers; with a question pool, each team's (in the order teams joined)."""
    if not puzzle.variants:
        return accepted_answers(puzzle, scenario)
    return [" ou ".join(accepted_answers(version, scenario)) for version in puzzle.versions]


def build_sheet(
    scenario: Scenario,
    walkthrough_events: Sequence[ev.Event] = (),
    trainings: Sequence[TrainingEntry] = (),
    trainings_note: str = "",
) -> FacilitatorSheet:
    """Everything the sheet says, in the order it says it."""
    skills = load_framework()
    label = {s.id: s.label for s in skills.skills}
    puzzles = {p.id: p for p in scenario.puzzles}
    roles = {r.id: r for r in scenario.roles}
    key = []
    for pid in solve_order(scenario, walkthrough_events):
        puzzle = puzzles[pid]
        key.append(
            KeyEntry(
                puzzle=pid,
                title=puzzle.title,
                where=_where(scenario, puzzle),
                answers=_answers_by_team(puzzle, scenario),
                by_team=bool(puzzle.variants),
                why=_why(puzzle),
                skills=[f"{label.get(r.skill, r.skill)} : {_rule_words(r)}" for r in puzzle.skills]
                + _shared_clue(puzzle, roles, label),
                observe=[f"{label.get(o.skill, o.skill)} : {o.look_for}" for o in puzzle.observe],
            )
        )
    used = {r.skill for p in scenario.puzzles for r in p.skills}
    used |= {o.skill for p in scenario.puzzles for o in p.observe}
    if any(_shared_clue(p, roles, label) for p in scenario.puzzles):
        used.add(COMMUNICATION_SKILL)
    known = guidance()
    evidence = [
        (label.get(slug, slug), known[slug].counts)
        for slug in label
        if slug in used and slug in known
    ]
    titles = {code: job_entry(code).title for code in scenario.jobs}
    questions = scenario.debrief.questions
    core = [
        DebriefEntry(
            q.question,
            q.message or "",
            label.get(q.skill, q.skill),
            titles.get(q.job or "", "") if q.job else "",
        )
        for q in questions
        if q.message
    ]
    sheet = scenario.sheet
    players = f"{scenario.players.min} à {scenario.players.max} joueurs"
    if scenario.teams:
        players += f", {scenario.teams.min} à {scenario.teams.max} équipes"
    return FacilitatorSheet(
        scenario_id=scenario.id,
        title=scenario.title,
        kind=KIND_WORDS[scenario.kind],
        summary=scenario.summary or "",
        duration=scenario.duration_minutes,
        players=players,
        goals=list(sheet.goals),
        introduction=list(sheet.introduction) or [scenario.summary or scenario.title],
        timings=[(t.minutes, t.step) for t in sheet.timings],
        materials=list(sheet.materials),
        key=key,
        evidence=evidence,
        debrief_intro=scenario.debrief.intro or "",
        core=core,
        other_questions=[q.question for q in questions if not q.message],
        jobs=[job_entry(code) for code in scenario.jobs],
        next_steps=list(sheet.next_steps),
        trainings=list(trainings),
        trainings_note=trainings_note,
        glossary=sorted(
            ((g.word, g.definition) for g in scenario.glossary), key=lambda g: g[0].casefold()
        ),
    )
