"""``declic summary`` on a real workshop database: cards, PDF, evidence trail and badges."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from declic.commands import summary as cli
from engine.core import actions as ac
from engine.walkthrough import default_walkthrough, load_walkthrough
from facilitator.sessions.service import GameSession, create_session
from facilitator.storage.db import open_database
from facilitator.storage.players import session_players
from facilitator.summaries.badges import validate_credential

ROOT = Path(__file__).resolve().parents[2]


def played_session(db_path: Path, name: str = "demo-escape") -> int:
    """A session of a shipped scenario, played to its end through the real storage."""
    scenario = ROOT / f"scenarios/{name}/{name}.yaml"
    db = open_database(db_path)
    session = create_session(db, scenario, now=1_800_000_000.0)
    game = GameSession.open(db, session.id)
    for action, now, _step in load_walkthrough(default_walkthrough(scenario)).actions(
        1_800_000_000.0
    ):
        game.step(action, now)
    game.step(ac.SelfAssess(player="p1", skills=("equipe",)), 1_800_001_000.0)
    db.close()
    return session.id


def summary(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers())
    args = parser.parse_args(["summary", *argv])
    return int(args.func(args))


def test_summary_writes_cards_pdf_evidence_and_valid_badges(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "declic.db"
    session_id = played_session(db_path)
    out = tmp_path / "out"
    code = summary(
        str(session_id),
        "--out",
        str(out),
        "--badges",
        "--base-url",
        "https://ml.example.org",
        "--issuer",
        "Mission Locale de Caen",
        "--db",
        str(db_path),
    )
    assert code == 0, capsys.readouterr().err
    assert sorted(p.name for p in (out / "cartes").iterdir()) == ["01-Lina.png", "02-Sam.png"]
    assert (out / "cartes.pdf").read_bytes().startswith(b"%PDF")
    trail = json.loads((out / "preuves.json").read_text(encoding="utf-8"))
    db = open_database(db_path)
    rows = {row.player_id: row for row in session_players(db, session_id)}
    db.close()
    lina = next(p for p in trail["players"] if p["player"] == "p1")
    assert lina["short_code"] == rows["p1"].short_code and lina["self_assessed"] == ["equipe"]
    assert all(
        item["event"] >= 1 for skill in lina["skills"] for item in skill["evidence"]
    )  # stored seq
    badges = sorted((out / "badges").glob("*.json"))
    assert badges and all(
        p.name.startswith((rows["p1"].short_code, rows["p2"].short_code)) for p in badges
    )
    for path in badges:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert validate_credential(data) == []
        assert "Lina" not in path.read_text(encoding="utf-8")
        assert data["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"
        assert data["issuer"]["name"] == "Mission Locale de Caen"  # --issuer, for real
        assert data["issuer"]["id"].startswith("did:key:z6Mk")  # this laptop is not enrolled
    assert "signé numériquement" in (out / "badges" / "LISEZMOI.txt").read_text(encoding="utf-8")
    printed = capsys.readouterr().out
    assert "2 cartes" in printed
    assert "Émetteur : Mission Locale de Caen (clé locale de cet ordinateur : did:key:" in printed


def test_unknown_session_is_an_actionable_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "declic.db"
    open_database(db_path).close()
    assert summary("7", "--out", str(tmp_path / "out"), "--db", str(db_path)) == 1
    assert "declic session list" in capsys.readouterr().err


def test_bad_base_url_and_bad_session_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert summary("x", "--out", str(tmp_path), "--db", str(tmp_path / "d.db")) == 1
    assert (
        summary(
            "1",
            "--out",
            str(tmp_path),
            "--base-url",
            "ml.example.org",
            "--db",
            str(tmp_path / "d.db"),
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "numéro de session" in err and "http://" in err


def test_moved_scenario_still_gives_cards_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "declic.db"
    session_id = played_session(db_path)
    db = open_database(db_path)
    db.execute(
        "UPDATE sessions SET scenario_path = ? WHERE id = ?",
        (str(tmp_path / "gone.yaml"), session_id),
    )
    db.conn.commit()
    db.close()
    assert summary(str(session_id), "--out", str(tmp_path / "out"), "--db", str(db_path)) == 0
    assert "scénario introuvable" in capsys.readouterr().err
    assert len(list((tmp_path / "out" / "cartes").glob("*.png"))) == 2


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (Debian poppler-utils) is not installed"
)
def test_trainings_from_the_catalogue_in_the_same_database(tmp_path: Path) -> None:
    from facilitator.trainings.store import import_file

    db_path = tmp_path / "declic.db"
    session_id = played_session(db_path)
    catalogue = tmp_path / "formations.csv"
    catalogue.write_text(
        "identifiant;intitule;organisme;codes_rome;code_postal;ville;departement;latitude;longitude;"
        "date_debut;date_fin;heures;modalite;entree_permanente;recrutement;url;objectif;niveau;"
        "formacodes;code_rncp\n"
        "T1;CAP Cuisine en alternance;Lycée hôtelier;G1602;14000;Caen;;;;01/09/2027;30/06/2029;"
        "1200;présentiel;;ouvert;;;;;\n",
        encoding="utf-8",
    )
    import_file(db_path, catalogue)
    out = tmp_path / "out"
    assert summary(str(session_id), "--out", str(out), "--db", str(db_path)) == 0
    text = subprocess.run(
        ["pdftotext", str(out / "cartes.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Des formations pour continuer" in text and "CAP Cuisine en alternance" in text
    assert (
        summary(
            str(session_id), "--out", str(tmp_path / "sans"), "--no-trainings", "--db", str(db_path)
        )
        == 0
    )
    plain = subprocess.run(
        ["pdftotext", str(tmp_path / "sans" / "cartes.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "Des formations pour continuer" not in plain
