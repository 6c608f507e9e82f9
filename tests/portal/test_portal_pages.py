"""What each portal page shows, through Flask's test client against a real SQLite file."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest
import sqlite_utils
from flask import Flask
from flask.testing import FlaskClient
from portal_helpers import COUNSELLOR, Seeded, audit_rows, csrf_of, log_in, text_of

from facilitator.portal.accounts import add_counsellor, check_password
from facilitator.portal.cli import main as portal_main
from facilitator.storage.players import format_short_code


def code_shown(seeded: Seeded, pseudonym: str) -> str:
    return format_short_code(seeded.players[pseudonym][2])


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


# ---------------------------------------------------------------- the audit page


def consult_and_annotate(client: FlaskClient, seeded: Seeded) -> None:
    """Lina consulted, a note written on her, then Sam consulted (in that order)."""
    lina = seeded.players["Lina"][0]
    token = csrf_of(client.get(f"/joueur/{lina}").get_data(as_text=True))
    client.post(f"/joueur/{lina}/notes", data={"csrf": token, "notes": "Aime cuisiner."})
    client.get(f"/joueur/{seeded.players['Sam'][0]}")


def test_audit_page_shows_the_newest_entries_first_in_plain_french(
    logged_in: FlaskClient, seeded: Seeded
) -> None:
    consult_and_annotate(logged_in, seeded)
    page = logged_in.get("/audit").get_data(as_text=True)
    rows = audit_rows(page)
    lina, sam = (code_shown(seeded, name) for name in ("Lina", "Sam"))
    assert [row[1:] for row in rows] == [
        (COUNSELLOR, "a consulté", f"Sam {sam}"),
        (COUNSELLOR, "a écrit une note", f"Lina {lina}"),
        (COUNSELLOR, "a consulté", f"Lina {lina}"),
    ]
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4} à \d\d:\d\d", row[0]) for row in rows)
    assert f'href="/joueur/{seeded.players["Sam"][0]}"' in page
    assert "<h1>Journal des accès</h1>" in page


def test_audit_dates_are_french_in_local_time(
    logged_in: FlaskClient, seeded: Seeded, paris: None
) -> None:
    with sqlite_utils.Database(seeded.path) as db:
        for at in ("2026-08-29T22:30:00+00:00", "2026-12-31T23:05:00+00:00"):
            db.table("portal_audit").insert(
                {
                    "at": at,
                    "counsellor": COUNSELLOR,
                    "player_id": seeded.players["Inès"][0],
                    "action": "consultation",
                    "ip": "127.0.0.1",
                }
            )
    dates = [row[0] for row in audit_rows(logged_in.get("/audit").get_data(as_text=True))]
    assert dates == ["01/01/2027 à 00:05", "30/08/2026 à 00:30"]


def test_audit_page_filters_by_counsellor_as_login_matches_names(
    app: Flask, logged_in: FlaskClient, seeded: Seeded
) -> None:
    consult_and_annotate(logged_in, seeded)
    with sqlite_utils.Database(seeded.path) as db:
        add_counsellor(db, "Karim B", "une autre phrase secrète")
    karim = app.test_client()
    log_in(karim, "Karim B", "une autre phrase secrète")
    karim.get(f"/joueur/{seeded.players['Chloé'][0]}")

    everyone = logged_in.get("/audit").get_data(as_text=True)
    assert [row[1] for row in audit_rows(everyone)] == ["Karim B"] + [COUNSELLOR] * 3
    assert '<option value="Karim B">Karim B</option>' in everyone
    only_karim = logged_in.get("/audit", query_string={"conseiller": " KARIM b "})
    page = only_karim.get_data(as_text=True)
    assert audit_rows(page) == [
        (
            audit_rows(everyone)[0][0],
            "Karim B",
            "a consulté",
            f"Chloé {code_shown(seeded, 'Chloé')}",
        )
    ]
    assert '<option value="Karim B" selected>Karim B</option>' in page
    only_anne = audit_rows(
        logged_in.get("/audit", query_string={"conseiller": COUNSELLOR}).get_data(as_text=True)
    )
    assert {row[1] for row in only_anne} == {COUNSELLOR} and len(only_anne) == 3
    nobody = text_of(logged_in.get("/audit", query_string={"conseiller": "personne"}))
    assert "Aucune entrée pour ce conseiller." in nobody and "<tbody>" not in nobody


def test_audit_page_shows_200_entries_a_page(
    logged_in: FlaskClient, seeded: Seeded, paris: None
) -> None:
    players = [pid for pid, _token, _code in seeded.players.values()]
    with sqlite_utils.Database(seeded.path) as db:
        db.table("portal_audit").insert_all(
            {
                "at": f"2026-09-01T08:{n // 60:02d}:{n % 60:02d}+00:00",
                "counsellor": COUNSELLOR,
                "player_id": players[n % len(players)],
                "action": "consultation",
                "ip": "?",
            }
            for n in range(205)
        )
        ids = [r[0] for r in db.execute("SELECT id FROM portal_audit ORDER BY id DESC")]
    first = logged_in.get("/audit").get_data(as_text=True)
    assert len(audit_rows(first)) == 200
    assert audit_rows(first)[0][0] == "01/09/2026 à 10:03"  # 08:03:24 UTC, the last written
    older = re.search(r'href="(/audit\?avant=\d+)">Plus anciennes ›</a>', first)
    assert older and older.group(1) == f"/audit?avant={ids[199]}"
    second = logged_in.get(older.group(1)).get_data(as_text=True)
    assert len(audit_rows(second)) == 5
    assert audit_rows(second)[-1][0] == "01/09/2026 à 10:00"  # 08:00:00 UTC, the first
    assert "Plus anciennes" not in second and '<a href="/audit">‹ Les plus récentes</a>' in second


def test_counsellor_pages_link_to_the_audit_page(logged_in: FlaskClient) -> None:
    for path in ("/sessions", "/stats", "/audit"):
        assert '<a href="/audit">Journal des accès</a>' in logged_in.get(path).get_data(
            as_text=True
        )


def test_audit_page_before_anything_was_consulted(logged_in: FlaskClient) -> None:
    page = text_of(logged_in.get("/audit"))
    assert (
        "Aucune entrée : le journal se remplit quand un conseiller ouvre la page d'un joueur."
        in page
    )
