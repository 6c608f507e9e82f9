"""Defects found by the audit of storage and exports (issue 22): CSV formulas, what ``forget``
left behind (counsellor notes, the evidence trail) and the facilitator's words on the card."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import sqlite_utils

from engine.core import actions as ac
from engine.core.events import Rejected
from engine.core.state import FACILITATOR
from engine.locale import refusal_text
from engine.walkthrough import load_walkthrough
from facilitator.portal.accounts import CARD_IMAGES, NOTES, ensure_schema
from facilitator.sessions.export import export_session
from facilitator.sessions.privacy import ERASED, forget
from facilitator.sessions.service import GameSession, create_session
from facilitator.storage.db import open_database
from facilitator.storage.players import find_players, session_players
from facilitator.summaries.write import write_session_summary

REPO = Path(__file__).resolve().parents[2]
SCENARIO = REPO / "scenarios" / "demo-escape" / "demo-escape.yaml"
WALKTHROUGH = SCENARIO.with_name("demo-escape.walkthrough.yaml")
SECRET = "Zoubida"  # a pseudonym that appears nowhere else in Déclic
NOTE = f"{SECRET} a rassuré Lina quand le temps pressait"


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    database = open_database(tmp_path / "atelier.db")
    yield database
    database.close()


def played(db: sqlite_utils.Database, second: str = SECRET) -> GameSession:
    """The demo walkthrough to its end, p2 renamed, with the facilitator's own words about
    Lina (p1) that name p2."""
    created = 1_700_000_000.0
    game = GameSession.open(db, create_session(db, SCENARIO, now=created).id)
    for action, now, _ in load_walkthrough(WALKTHROUGH).actions(created):
        if isinstance(action, ac.Join) and action.player == "p2":
            action = ac.Join(player="p2", pseudonym=second, team=action.team)
        game.step(action, now)
        if isinstance(action, ac.Start):
            observe = ac.Observe(player=FACILITATOR, target="p1", skill="ecoute", note=NOTE)
            game.step(observe, now)
    assert game.state.phase == "ended"
    return game


# ---------------------------------------------------------------- CSV formulas


FORMULAS = ['=HYPERLINK("http://x")', "@SUM(1+1)", "-2+3", "+33 6", "=1+1"]


def test_csv_export_neutralises_formulas(db: sqlite_utils.Database, tmp_path: Path) -> None:
    """OWASP's advice: a cell starting with = + - @ (or tab, CR) gets a leading quote, so a
    spreadsheet shows it as text instead of running it."""
    session = create_session(db, SCENARIO, now=1_700_000_000.0)
    game = GameSession.open(db, session.id)
    for n, name in enumerate(FORMULAS):
        game.step(ac.Join(player=f"p{n}", pseudonym=name), 1_700_000_000.0 + n)
    path = export_session(db, session.id, "csv", tmp_path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert [row["pseudonym"] for row in rows] == [f"'{name}" for name in FORMULAS]
    for row in rows:
        assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in row.values())
    as_json = export_session(db, session.id, "json", tmp_path)
    shown = [p["pseudonym"] for p in json.loads(as_json.read_text(encoding="utf-8"))["players"]]
    assert shown == FORMULAS  # JSON is data, not a spreadsheet: left as typed


# ---------------------------------------------------------------- forget


def test_forget_scrubs_counsellor_notes_on_other_players(db: sqlite_utils.Database) -> None:
    game = played(db)
    ensure_schema(db)
    rows = {p.pseudonym: p for p in session_players(db, game.session.id)}
    for who, text in (("Lina", f"Travaille bien avec {SECRET}. {SECRET.upper()} aussi."),):
        db.table(NOTES).insert(
            {"player_id": rows[who].id, "notes": text, "updated_at": "x", "updated_by": "anne"}
        )
    db.table(CARD_IMAGES).insert({"player_id": rows["Lina"].id, "made_from": "x", "png": b"P"})
    forget(db, rows[SECRET])
    notes = db.execute(f"SELECT notes FROM {NOTES}").fetchall()
    assert notes == [(f"Travaille bien avec {ERASED}. {ERASED} aussi.",)]
    assert db.execute(f"SELECT COUNT(*) FROM {CARD_IMAGES}").fetchone()[0] == 0


def test_forget_keeps_the_other_players_evidence_trail(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    """preuves.json is the counsellor's "why" of each card: forget takes the erased player
    out of it and keeps everybody else's trail, instead of overwriting it with figures."""
    game = played(db)
    summary = write_session_summary(db, game.session.id, tmp_path / "cartes")
    trail = summary.written.evidence
    assert trail is not None
    before = json.loads(trail.read_text(encoding="utf-8"))
    lina_before = next(p for p in before["players"] if p["pseudonym"] == "Lina")
    assert lina_before["skills"]
    forget(db, find_players(db, SECRET)[0])
    after = json.loads(trail.read_text(encoding="utf-8"))
    assert after["scale"] == before["scale"]
    assert [p["pseudonym"] for p in after["players"]] == ["Lina"]
    lina_after = after["players"][0]
    assert [s["skill"] for s in lina_after["skills"]] == [s["skill"] for s in lina_before["skills"]]
    assert SECRET not in trail.read_text(encoding="utf-8")
    assert NOTE.replace(SECRET, ERASED) in trail.read_text(encoding="utf-8")


# ---------------------------------------------------------------- the printed card


def test_printed_card_does_not_show_the_facilitators_own_words(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    game = played(db)
    summary = write_session_summary(db, game.session.id, tmp_path / "cartes")
    lina = next(card for card in summary.cards if card.pseudonym == "Lina")
    listening = next(line for line in lina.skills if line.skill_id == "ecoute")
    assert SECRET not in listening.evidence and "rassuré" not in listening.evidence
    assert listening.evidence == "Remarqué par l'animateur"
    trail = json.loads(summary.written.evidence.read_text(encoding="utf-8"))  # type: ignore[union-attr]
    assert NOTE in json.dumps(trail, ensure_ascii=False)  # the counsellor's file keeps them


# ---------------------------------------------------------------- names that look like others


BIDI = ["\u202e", "\u202a", "\u202b", "\u202c", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069"]
INVISIBLE = [*BIDI, "\u200e", "\u200f", "\u200b", "\u2060", "\ufeff", "\x00", "\x1b"]


@pytest.mark.parametrize("mark", INVISIBLE)
def test_invisible_characters_are_refused_in_pseudonyms_and_team_names(
    db: sqlite_utils.Database, mark: str
) -> None:
    """`Lina\u202eabS` shows as `LinaSba`: a name could pass for another's. Nothing is
    stored, and the lobby gets a French reason to show."""
    session = create_session(db, REPO / "scenarios" / "demo-rally" / "demo-rally.yaml")
    game = GameSession.open(db, session.id)
    for join, code in (
        (
            ac.Join(player="p1", pseudonym=f"Lina{mark}abS", team="Les Renards"),
            "invisible_pseudonym",
        ),
        (ac.Join(player="p2", pseudonym="Sam", team=f"Les{mark} Renards"), "invisible_team"),
    ):
        events = game.step(join, 1_700_000_000.0)
        assert [e.kind for e in events] == ["rejected"]
        assert isinstance(events[0], Rejected) and events[0].code == code
        assert "caractère invisible" in refusal_text(events[0], "fr")
        assert "invisible character" in refusal_text(events[0], "en")
    assert session_players(db, session.id) == []
    assert game.step(ac.Join(player="p3", pseudonym="Inès", team="Les Renards"), 1.0)[0].kind == (
        "player_joined"
    )
