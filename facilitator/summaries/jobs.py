"""Real ROME jobs for a player, from their strongest skills and the jobs the game was about.

Explainable and deterministic. Candidates are the scenario's jobs and the territory's list
(default: the Normandy selection). A job *matches* a skill when ROME links it to that
savoir-être (``unix_coherence_item``); its weight is the sum of the player's levels for the
skills it matches. Order (see ``docs/skills.md``):

1. the scenario's jobs that match at least one of the player's skills (the game showed them);
2. the territory's jobs that match: first those close to the scenario's jobs (same
   3-character ROME family, then same domain letter), then by weight, then by how many skills
   match, then by code;
3. when nothing matches (nothing observed yet), the scenario's jobs, then territory jobs of
   the same ROME family or domain: "jobs discovered in the game", never a skill claim.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from engine.reference.rome import RomeJob, job_skills, jobs_with_skill, normandie_jobs, rome_codes
from engine.reference.skills import SkillsFramework, load_framework
from facilitator.summaries.model import JobLine

DEFAULT_COUNT = 3


def propose_jobs(
    skills: Mapping[str, int] | Iterable[tuple[str, int]],
    scenario_jobs: Sequence[str] = (),
    territory: Mapping[str, RomeJob] | None = None,
    *,
    count: int = DEFAULT_COUNT,
    framework: SkillsFramework | None = None,
) -> list[JobLine]:
    """Up to ``count`` jobs for a player whose observed skills are ``{slug: level}``."""
    framework = framework or load_framework()
    levels = {slug: level for slug, level in dict(skills).items() if level > 0}
    territory = normandie_jobs() if territory is None else territory
    known = rome_codes()
    scenario_codes = [c.strip().upper() for c in scenario_jobs if c.strip().upper() in known]
    scenario_set = set(scenario_codes)

    def title(code: str) -> str:
        job = territory.get(code) or known.get(code)
        return job.title if job else code

    def line(code: str, matched: tuple[str, ...]) -> JobLine:
        labels = tuple(_label(framework, slug) for slug in matched)
        if matched:
            reason = "Demande : " + ", ".join(labels)
        elif code in scenario_set:
            reason = "Métier découvert pendant le jeu"
        else:
            reason = "Métier proche de ceux du jeu"
        return JobLine(code, title(code), matched, labels, code in scenario_set, reason)

    order = {slug: i for i, slug in enumerate(framework.ids)}  # computed once: called per job

    # the player's skills strongest first, sorted once: a job's matches keep this order
    strongest = sorted(levels, key=lambda s: (-levels[s], order.get(s, 99)))

    def matched(code: str) -> tuple[str, ...]:
        asked = _asked(code)
        return tuple(slug for slug in strongest if slug in asked)

    chosen: list[JobLine] = []
    taken: set[str] = set()

    def take(code: str, match: tuple[str, ...]) -> None:
        if code not in taken and len(chosen) < count:
            taken.add(code)
            chosen.append(line(code, match))

    for code in scenario_codes:
        match = matched(code)
        if match:
            take(code, match)

    domains = {c[0] for c in scenario_codes}
    families = {c[:3] for c in scenario_codes}
    # only the jobs asking for one of the player's skills can match: no need to look at
    # every job of the territory (this runs for every player of every pushed session)
    candidates = {code for slug in levels for code in jobs_with_skill(slug)}
    ranked = []
    for code in territory:
        if code in taken or code not in known or code.strip().upper() not in candidates:
            continue
        match = matched(code)
        if not match:
            continue
        weight = sum(levels[s] for s in match)
        ranked.append(
            (code[:3] not in families, code[0] not in domains, -weight, -len(match), code, match)
        )
    for *_key, code, match in sorted(ranked):
        if len(chosen) >= count:
            return chosen
        take(code, match)

    for code in scenario_codes:
        take(code, matched(code))
    if len(chosen) >= count:
        return chosen
    neighbours = sorted(
        (code[:3] not in families, code[0] not in domains, code)
        for code in territory
        if code in known and (code[0] in domains)
    )
    for *_key, code in neighbours:
        take(code, matched(code))
    return chosen


@cache
def _asked(code: str) -> frozenset[str]:
    """The skills a job asks for, as a set (reference data: read once per code)."""
    return frozenset(slug for slug, _core in job_skills(code))


def _label(framework: SkillsFramework, slug: str) -> str:
    skill = framework.get(slug)
    return skill.label if skill is not None else slug
