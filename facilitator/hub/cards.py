"""What a skills card says, as plain JSON, rebuilt from a session's events.

The laptop and the hub both call ``session_cards`` on the same events and the same scenario
bytes: the laptop sends its result with a push, the hub rebuilds it and refuses the push if
the two differ (a different engine version, a tampered log). The hub keeps the result per
player, so the young person's page is one row read, not a replay.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from pydantic import ValidationError

from engine.core.events import Event, TeamEnded, event_from_dict
from engine.format.scenario import Scenario
from engine.load.yaml_source import SourceError, parse_text
from engine.locale import text
from engine.reference.skills import SkillsFramework, load_framework
from facilitator.hub import jsonio
from facilitator.summaries.card import address_of, team_summary
from facilitator.summaries.evidence import READ_KINDS, PlayerEvidence, compute_evidence
from facilitator.summaries.jobs import propose_jobs

#: One stored event as it travels: (seq, at, kind, player, team, data JSON text).
EventRow = tuple[int, float, str, str | None, str | None, str]
CardData = dict[str, Any]


#: ``json.dumps`` with options builds an encoder per call; these are built once (the same
#: text as ``json.dumps(value, ensure_ascii=False[, separators=(",", ":")])``).
COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
CARD_TEXT = json.JSONEncoder(ensure_ascii=False)
#: how those encoders write a string (``ensure_ascii=False``): the C function they call
_quoted = json.encoder.encode_basestring


def scenario_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


#: Scenarios already parsed, by the SHA-256 of their bytes (a hash names one content for
#: ever, and the models are frozen): a hub or a laptop pushing many sessions of the same
#: game parses its file once, not once per push. Bounded; the oldest is dropped first.
_PARSED: dict[str, Scenario | None] = {}
PARSED_KEPT = 32
_parsed_lock = threading.Lock()


def scenario_from_bytes(content: bytes) -> Scenario | None:
    """The scenario for titles, endings and jobs; None if it does not parse (cards are still
    made from the log, as ``declic summary`` does when the file is gone)."""
    key = scenario_hash(content)
    with _parsed_lock:
        if key in _PARSED:
            return _PARSED[key]
    try:
        scenario: Scenario | None = Scenario.model_validate(
            parse_text(content, "scenario.yaml").data
        )
    except (SourceError, ValidationError):
        scenario = None
    with _parsed_lock:
        while len(_PARSED) >= PARSED_KEPT:
            del _PARSED[next(iter(_PARSED))]
        _PARSED[key] = scenario
    return scenario


def parsed_scenario(digest: str, content: Callable[[], bytes]) -> Scenario | None:
    """The scenario whose bytes hash to ``digest``, parsed; ``content`` is called (a database
    read) only when it was not parsed already."""
    with _parsed_lock:
        if digest in _PARSED:
            return _PARSED[digest]
    return scenario_from_bytes(bytes(content()))


def events_digest(rows: Sequence[EventRow]) -> str:
    """One SHA-256 over every event row, in order: equal logs, equal digests."""
    lines = "".join(map(_digest_line, rows))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def well_typed(row: Any) -> bool:
    """Whether ``row`` is the usual event row, exactly: six values, an int, a finite float,
    a string, a string or None twice, a string (what the engine writes, what JSON brings)."""
    if type(row) not in (tuple, list) or len(row) != 6:
        return False
    seq, at, kind, player, team, data = row
    return (
        type(seq) is int
        and type(at) is float
        and math.isfinite(at)
        and type(kind) is str
        and type(data) is str
        and (player is None or type(player) is str)
        and (team is None or type(team) is str)
    )


def _digest_line(row: EventRow) -> str:
    """``COMPACT.encode(list(row)) + "\n"``, the text every laptop and hub hashes, written
    out for the usual row (an int, a finite float, strings or None): ``encode`` makes an
    encoder per call, which cost more than the hashing. Anything else takes ``encode``."""
    if well_typed(row):
        seq, at, kind, player, team, data = row
        who = "null" if player is None else _quoted(player)
        where = "null" if team is None else _quoted(team)
        return f"[{seq},{at!r},{_quoted(kind)},{who},{where},{_quoted(data)}]\n"
    return COMPACT.encode(list(row)) + "\n"


def session_cards(rows: Sequence[EventRow], scenario: Scenario | None) -> dict[str, CardData]:
    """Every joined player's card data, keyed by the player's id in the game. Only the rows
    whose kind ``compute_evidence`` reads are decoded (a row's kind column is its event's
    kind: both are written together, and the digest covers both)."""
    read = [row for row in rows if row[2] in READ_KINDS]  # the others change no card
    events: list[Event] = [event_from_dict(_decoded(row[5])) for row in read]
    evidence = compute_evidence(events, scenario, refs=[row[0] for row in read])
    ended = {e.team for e in events if isinstance(e, TeamEnded)}
    return {
        player: _card(found, scenario, found.team in ended) for player, found in evidence.items()
    }


def _decoded(text: str) -> Any:
    """``json.loads(text)``, by orjson (half the time of the standard library's scanner on
    the engine's events); the standard library for what orjson refuses (``NaN``, integers
    beyond 64 bits, lone surrogates) and for its error message."""
    return jsonio.loads(text)


def card_texts(cards: dict[str, CardData]) -> dict[str, str]:
    """Each player's card as the hub stores it (``CARD_TEXT``)."""
    return {player: CARD_TEXT.encode(card) for player, card in cards.items()}


def cards_text(texts: dict[str, str]) -> str:
    """``CARD_TEXT.encode(cards)`` (the text a laptop stores) written from each card's text:
    the same text (string keys, the default separators), without encoding every card twice."""
    return "{" + ", ".join(f"{_quoted(player)}: {text}" for player, text in texts.items()) + "}"


def cards_digest(text: str) -> str:
    """The SHA-256 of a session's cards text: what a batch sends instead of the text once the
    hub said it takes it (``sync_batch``); the hub compares it with its rebuild's."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _card(found: PlayerEvidence, scenario: Scenario | None, completed: bool) -> CardData:
    framework = load_framework()
    skills = []
    for skill in found.skills:
        info = framework.get(skill.skill)
        evidence = [[item.text, item.source] for item in skill.items]
        if skill.self_assessed:
            evidence.append(["L'a aussi choisi dans son auto-évaluation", "self"])
        skills.append(
            {
                "skill": skill.skill,
                "label": info.label if info else skill.skill,
                "at_work": info.at_work if info else "",
                "level": skill.level,
                "level_text": skill.level_text,
                "best": [skill.best.text, skill.best.source],
                "for_player": [skill.for_player.text, skill.for_player.source],
                "evidence": evidence,
            }
        )
    levels = tuple(sorted((s.skill, s.level) for s in found.skills))
    jobs = _jobs(levels, tuple(scenario.jobs) if scenario else ())
    labels = [_label(framework, slug) for slug in found.self_only]
    return {
        "pseudonym": found.pseudonym,
        "team": found.team,
        "team_name": found.team_name,
        "skills": skills,
        "self_only": labels,
        "jobs": [list(job) for job in jobs],
        "team_lines": team_summary(found, address_of(scenario)),
        "completed": completed,
        "address": address_of(scenario),
    }


@lru_cache(maxsize=4096)
def _jobs(
    levels: tuple[tuple[str, int], ...], scenario_jobs: tuple[str, ...]
) -> tuple[tuple[str, str, str], ...]:
    """The three jobs for one skill profile in one game. Memoised: the proposal depends only
    on the levels and the game's jobs (the territory and framework are shipped reference
    data), and most players of a game share a profile, so a hub rebuilding thousands of
    cards ranks the territory's jobs once per profile, not once per player. Tuples: what is
    shared cannot be changed by a caller."""
    return tuple(
        (job.code, job.title, job.reason)
        for job in propose_jobs(dict(levels), scenario_jobs, count=3)
    )


def warm_up() -> None:
    """Read now the reference data every card reads (the skills framework, ROME's jobs and
    their skills, the French texts), as a hub's worker starts rather than within its first
    push; ``wsgi.create_app`` then freezes them out of the garbage collector's work."""
    framework = load_framework()
    propose_jobs({slug: 1 for slug in framework.ids}, (), count=3)  # every job's skills
    text("fr", "card.played")
    Scenario.model_rebuild()  # the format's validators, built on first use (defer_build)


def _label(framework: SkillsFramework, slug: str) -> str:
    info = framework.get(slug)
    return info.label if info else slug


def canonical(value: Any) -> Any:
    """The value as it comes back from JSON (tuples become lists), for comparisons: copied
    rather than written out and read back, which cost a hub as much as the rest of a card.
    Card data holds only strings as keys, and strings, ints, booleans and None as values."""
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    return value
