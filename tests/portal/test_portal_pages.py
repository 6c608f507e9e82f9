"""What each portal page shows, through Flask's test client against a real SQLite file."""

from __future__ import annotations

import html
import io
import re
import sys
from pathlib import Path

import pytest
import sqlite_utils
from flask.testing import FlaskClient
from portal_helpers import Seeded, csrf_of

from facilitator.portal.accounts import check_password
from facilitator.portal.cli import main as portal_main


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(re.sub(r"\s+", " ", response.get_data(as_text=True)))


def test_young_persons_card_in_plain_french(client: FlaskClient, seeded: Seeded) -> None:
    page = text_of(client.get(f"/s/{seeded.players['Sam'][1]}"))
    assert 'Bravo, <span class="pseudo">Sam</span> !' in page
    assert "Travailler avec soin" in page and "Vu plusieurs fois" in page
    assert "A vérifié la chaîne du froid sans erreur" in page
    assert page.count("<li><strong>") == 3  # three jobs
    assert "Commis / Commise de cuisine" in page
    assert "Au travail :" in page


def test_short_code_typed_by_hand_opens_the_card(client: FlaskClient, seeded: Seeded) -> None:
    _pid, token, code = seeded.players["Lina"]
    form = client.get("/code").get_data(as_text=True)
    typed = f" {code[:4].lower()}-{code[4:].lower()} "
    response = client.post("/code", data={"csrf": csrf_of(form), "code": typed})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/s/{token}"


def test_address_printed_on_the_card_shows_the_code_form(client: FlaskClient) -> None:
    for path in ("/s", "/s/", "/", "/code"):
        assert 'name="code"' in client.get(path).get_data(as_text=True)


def test_wrong_short_code_says_what_to_do(client: FlaskClient) -> None:
    form = client.get("/code").get_data(as_text=True)
    page = text_of(client.post("/code", data={"csrf": csrf_of(form), "code": "ZZZZ-ZZZZ"}))
    assert "Ce code ne marche pas. Vérifie les 8 signes sur ta carte." in page


def test_search_by_pseudonym_or_code(logged_in: FlaskClient, seeded: Seeded) -> None:
    everybody = text_of(logged_in.get("/sessions"))
    assert all(name in everybody for name in seeded.players)
    assert everybody.index("Mini-rallye des métiers") < everybody.index("La cuisine fermée")
    found = text_of(logged_in.get("/sessions", query_string={"q": "inè"}))
    assert "Inès" in found and "Lina" not in found and "La cuisine fermée" not in found
    by_code = text_of(
        logged_in.get("/sessions", query_string={"q": seeded.players["Chloé"][2].lower()})
    )
    assert "Chloé" in by_code and "Sam" not in by_code


def test_counsellor_sees_every_evidence_with_its_source(
    logged_in: FlaskClient, seeded: Seeded
) -> None:
    page = text_of(logged_in.get(f"/joueur/{seeded.players['Sam'][0]}"))
    assert "A vérifié la chaîne du froid sans erreur" in page
    assert "A repéré l'allergène pour protéger un client" in page
    assert page.count('<span class="tag tag-game">Jeu</span>') >= 4
    assert '<span class="rome">G1602</span> <strong>Commis / Commise de cuisine</strong>' in page
    assert "Partie terminée" in page


def test_training_filters(logged_in: FlaskClient, seeded: Seeded) -> None:
    url = f"/joueur/{seeded.players['Lina'][0]}"
    near = text_of(
        logged_in.get(
            url, query_string={"commune": "Rouen", "rayon": "30", "semaines": "12", "distance": "1"}
        )
    )
    assert "CAP Cuisine en un an (exemple)" in near
    assert "Hygiène alimentaire HACCP en ligne (exemple)" in near
    assert "Titre pro Cuisinier (exemple)" not in near  # Caen, and starts in 19 weeks
    assert 'href="https://formations.example.org/cap-cuisine-rouen"' in near
    no_remote = text_of(
        logged_in.get(url, query_string={"commune": "Rouen", "rayon": "30", "semaines": "12"})
    )
    assert "HACCP" not in no_remote and "CAP Cuisine en un an" in no_remote
    wide = text_of(
        logged_in.get(url, query_string={"commune": "Rouen", "rayon": "200", "semaines": "30"})
    )
    assert "Titre pro Cuisinier (exemple)" in wide
    unknown = text_of(logged_in.get(url, query_string={"commune": "Atlantide", "rayon": "x"}))
    assert "Commune « Atlantide » inconnue" in unknown and "n'est pas un nombre" in unknown


def test_notes_are_saved_and_shown(logged_in: FlaskClient, seeded: Seeded) -> None:
    url = f"/joueur/{seeded.players['Lina'][0]}"
    token = csrf_of(logged_in.get(url).get_data(as_text=True))
    response = logged_in.post(
        url + "/notes", data={"csrf": token, "notes": "Intéressée par la cuisine."}
    )
    assert response.status_code == 303
    page = text_of(logged_in.get(response.headers["Location"]))
    assert "Intéressée par la cuisine." in page and "Notes enregistrées." in page


def test_statistics_for_the_territory(logged_in: FlaskClient) -> None:
    page = text_of(logged_in.get("/stats"))
    assert "<strong>2</strong> séances" in page
    assert "<strong>5</strong> joueurs" in page
    assert "Travailler en équipe" in page
    assert '<span class="rome">G1602</span>' in page


def test_unknown_player_page_is_404_for_a_counsellor(logged_in: FlaskClient) -> None:
    assert logged_in.get("/joueur/999").status_code == 404


def test_add_counsellor_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "declic.db"
    monkeypatch.setattr(sys, "stdin", io.StringIO("une longue phrase secrète\n"))
    assert (
        portal_main(
            ["portal", "add-counsellor", "Karim B", "--db", str(db_path), "--password-stdin"]
        )
        == 0
    )
    assert "Compte « Karim B » créé" in capsys.readouterr().out
    with sqlite_utils.Database(db_path) as db:
        assert check_password(db, "karim b", "une longue phrase secrète") is not None
        stored = db.execute("SELECT password_hash FROM counsellors").fetchone()[0]
    assert stored.startswith("$argon2id$")
    monkeypatch.setattr(sys, "stdin", io.StringIO("court\n"))
    assert (
        portal_main(["portal", "add-counsellor", "Léa", "--db", str(db_path), "--password-stdin"])
        == 1
    )
    assert "mot de passe trop court" in capsys.readouterr().err


def test_add_counsellor_asks_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(["première phrase longue", "autre phrase longue"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt: next(answers))
    assert portal_main(["portal", "add-counsellor", "Léa", "--db", str(tmp_path / "d.db")]) == 1
    assert "différents" in capsys.readouterr().err
