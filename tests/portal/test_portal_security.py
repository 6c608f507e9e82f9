"""Security of the portal, through Flask's test client against a real SQLite file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlite_utils
from flask import Flask
from flask.testing import FlaskClient
from portal_helpers import COUNSELLOR, PASSWORD, TODAY, Clock, Seeded, csrf_of, log_in, seed

from facilitator.portal.app import create_app
from facilitator.portal.security import FIRST_WAIT_SECONDS, FREE_FAILURES, FREE_FAILURES_PER_IP
from facilitator.sessions.privacy import forget
from facilitator.storage.db import open_database
from facilitator.storage.players import find_players

COUNSELLOR_GETS = [
    "/sessions",
    "/sessions?q=a",
    "/joueur/1",
    "/joueur/2",
    "/stats",
    "/audit",
    "/audit?conseiller=anne.martin&avant=99",
]


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    return response.get_data(as_text=True)


@pytest.mark.parametrize("path", COUNSELLOR_GETS)
def test_counsellor_pages_send_anonymous_visitors_to_login(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?suite=")
    assert "Lina" not in text_of(response) and "Sam" not in text_of(response)


def test_forged_session_cookie_is_not_a_login(client: FlaskClient) -> None:
    client.set_cookie("declic_session", "x" * 43)
    assert client.get("/sessions").status_code == 302


def test_notes_cannot_be_written_without_login(client: FlaskClient, seeded: Seeded) -> None:
    token = csrf_of(text_of(client.get("/code")))
    response = client.post("/joueur/1/notes", data={"csrf": token, "notes": "intrus"})
    assert response.status_code == 403
    with sqlite_utils.Database(seeded.path) as db:
        assert db.execute("SELECT COUNT(*) FROM portal_notes").fetchone()[0] == 0


def test_a_token_shows_only_its_own_player(client: FlaskClient, seeded: Seeded) -> None:
    pseudonyms = set(seeded.players)
    assert len(pseudonyms) == 5
    for name, (_pid, token, _code) in seeded.players.items():
        page = text_of(client.get(f"/s/{token}"))
        assert name in page
        for other in pseudonyms - {name}:
            assert other not in page, f"{other} visible on {name}'s card"
        assert all(other_code not in page for n, (_i, _t, other_code) in seeded.players.items())
    # Sam alone checked the cold chain: it is on Sam's card, never on Lina's.
    assert "chaîne du froid" in text_of(client.get(f"/s/{seeded.players['Sam'][1]}"))
    assert "chaîne du froid" not in text_of(client.get(f"/s/{seeded.players['Lina'][1]}"))


def test_card_image_is_drawn_for_the_token_only(client: FlaskClient, seeded: Seeded) -> None:
    response = client.get(f"/s/{seeded.players['Lina'][1]}/carte.png")
    assert response.status_code == 200 and response.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get("/s/nope/carte.png").status_code == 404


@pytest.fixture
def script_seeded(tmp_path: Path) -> Seeded:
    """'<script>alert(1)' played through the game (pseudonyms are cut at 24 signs), and the
    full '<script>alert(1)</script>' written in the player row."""
    seeded = seed(tmp_path / "declic.db", {"Lina": "<script>alert(1)"})
    with sqlite_utils.Database(seeded.path) as db:
        db.execute(
            "UPDATE players SET pseudonym = ? WHERE pseudonym = 'Sam'",
            ["<script>alert(1)</script>"],
        )
        db.conn.commit()
        rows = db.execute("SELECT pseudonym, id, token, short_code FROM players").fetchall()
    return Seeded(seeded.path, {n: (i, t, c) for n, i, t, c in rows})


def test_script_pseudonyms_are_shown_as_text(script_seeded: Seeded, clock: Clock) -> None:
    app = create_app(script_seeded.path, clock=clock, today=lambda: TODAY)
    client = app.test_client()
    log_in(client)
    pages = []
    for name in ("<script>alert(1)", "<script>alert(1)</script>"):
        pid, token, _code = script_seeded.players[name]
        pages += [text_of(client.get(f"/s/{token}")), text_of(client.get(f"/joueur/{pid}"))]
    pages.append(text_of(client.get("/audit")))
    pages.append(text_of(client.get("/sessions")))
    pages.append(text_of(client.get("/sessions?q=<script>")))
    for page in pages:
        assert "<script" not in page
        assert "&lt;script&gt;alert(1)" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[-1]


def test_wrong_csrf_token_is_refused(logged_in: FlaskClient, seeded: Seeded) -> None:
    page = text_of(logged_in.get("/joueur/1"))
    good = csrf_of(page)
    for bad in ("", "0" * len(good), good[:-1]):
        response = logged_in.post("/joueur/1/notes", data={"csrf": bad, "notes": "forgé"})
        assert response.status_code == 403
    response = logged_in.post("/logout", data={"csrf": "faux"})
    assert response.status_code == 403
    assert logged_in.get("/sessions").status_code == 200  # still logged in
    with sqlite_utils.Database(seeded.path) as db:
        assert db.execute("SELECT COUNT(*) FROM portal_notes").fetchone()[0] == 0
    response = logged_in.post("/joueur/1/notes", data={"csrf": good, "notes": "vrai"})
    assert response.status_code == 303


def test_forms_before_login_need_this_browsers_token(client: FlaskClient, seeded: Seeded) -> None:
    client.get("/login")  # receives its CSRF cookie
    response = client.post(
        "/login", data={"csrf": "autre", "nom": COUNSELLOR, "mot_de_passe": PASSWORD}
    )
    assert response.status_code == 403
    response = client.post("/code", data={"csrf": "autre", "code": seeded.players["Lina"][2]})
    assert response.status_code == 403
    fresh = create_app(seeded.path).test_client()  # no cookie at all
    assert fresh.post("/code", data={"csrf": "", "code": "x"}).status_code == 403


def test_login_is_throttled_after_repeated_failures(client: FlaskClient, clock: Clock) -> None:
    token = csrf_of(text_of(client.get("/login")))

    def attempt(password: str, name: str = COUNSELLOR) -> int:
        data = {"csrf": token, "nom": name, "mot_de_passe": password}
        return client.post("/login", data=data).status_code

    assert [attempt("mauvais") for _ in range(FREE_FAILURES)] == [401] * FREE_FAILURES
    assert attempt("encore mauvais") == 401  # counted; from now on the account waits
    assert attempt(PASSWORD) == 429  # even the right password waits
    assert attempt(PASSWORD, name=COUNSELLOR.upper()) == 429  # same name, other case
    clock.now += FIRST_WAIT_SECONDS + 0.1
    assert attempt("mauvais") == 401
    clock.now += FIRST_WAIT_SECONDS + 0.1
    assert attempt(PASSWORD) == 429  # the wait has doubled
    clock.now += FIRST_WAIT_SECONDS
    assert attempt(PASSWORD) == 303


def test_trying_many_names_from_one_address_is_throttled_too(client: FlaskClient) -> None:
    token = csrf_of(text_of(client.get("/login")))
    codes = [
        client.post(
            "/login", data={"csrf": token, "nom": f"nom{n}", "mot_de_passe": "x"}
        ).status_code
        for n in range(FREE_FAILURES_PER_IP + 2)
    ]
    assert codes[:FREE_FAILURES_PER_IP] == [401] * FREE_FAILURES_PER_IP
    assert codes[-1] == 429
    data = {"csrf": token, "nom": COUNSELLOR, "mot_de_passe": PASSWORD}
    assert client.post("/login", data=data).status_code == 429


def test_erasing_a_player_erases_the_counsellors_notes(
    logged_in: FlaskClient, seeded: Seeded
) -> None:
    pid = seeded.players["Lina"][0]
    token = csrf_of(text_of(logged_in.get(f"/joueur/{pid}")))
    logged_in.post(f"/joueur/{pid}/notes", data={"csrf": token, "notes": "habite chez sa tante"})
    with sqlite_utils.Database(seeded.path) as db:
        db.execute("PRAGMA foreign_keys = ON")
        assert db.execute("SELECT COUNT(*) FROM portal_notes").fetchone()[0] == 1
        db.execute("DELETE FROM players WHERE id = ?", [pid])
        db.conn.commit()
        assert db.execute("SELECT COUNT(*) FROM portal_notes").fetchone()[0] == 0


def test_throttling_messages_say_how_long_to_wait(client: FlaskClient) -> None:
    token = csrf_of(text_of(client.get("/login")))
    for _ in range(FREE_FAILURES + 1):
        client.post("/login", data={"csrf": token, "nom": COUNSELLOR, "mot_de_passe": "x"})
    page = text_of(
        client.post("/login", data={"csrf": token, "nom": COUNSELLOR, "mot_de_passe": "x"})
    )
    assert re.search(r"Réessayez dans \d+ secondes", page)


SQL_LIKE = [
    "' OR '1'='1",
    "%",
    "_",
    "'; DROP TABLE players; --",
    '" OR ""="',
    "1; SELECT * FROM counsellors",
]


@pytest.mark.parametrize("text", SQL_LIKE)
def test_sql_looking_input_is_harmless(logged_in: FlaskClient, seeded: Seeded, text: str) -> None:
    search = text_of(logged_in.get("/sessions", query_string={"q": text}))
    assert not any(name in search for name in seeded.players), "a search matched everybody"
    assert logged_in.get(f"/s/{text}").status_code == 404
    token = csrf_of(text_of(logged_in.get("/sessions")))
    assert logged_in.post("/code", data={"csrf": token, "code": text}).status_code == 404
    filters = logged_in.get(
        "/joueur/1", query_string={"commune": text, "rayon": text, "semaines": text, "metier": text}
    )
    assert filters.status_code == 200
    journal = logged_in.get("/audit", query_string={"conseiller": text, "avant": text})
    assert journal.status_code == 200 and "Aucune entrée pour ce conseiller." in text_of(journal)
    with sqlite_utils.Database(seeded.path) as db:
        assert db.execute("SELECT COUNT(*) FROM players").fetchone()[0] == 5
        assert db.execute("SELECT COUNT(*) FROM counsellors").fetchone()[0] == 1


def test_sql_looking_login_name_does_not_log_in(client: FlaskClient) -> None:
    token = csrf_of(text_of(client.get("/login")))
    for name in ("' OR '1'='1' --", "anne.martin' --"):
        response = client.post(
            "/login", data={"csrf": token, "nom": name, "mot_de_passe": "' OR '1'='1"}
        )
        assert response.status_code == 401


def test_unknown_and_erased_tokens_get_the_same_page(client: FlaskClient, seeded: Seeded) -> None:
    _pid, token, _code = seeded.players["Lina"]
    assert client.get(f"/s/{token}").status_code == 200
    client.get(f"/s/{seeded.players['Sam'][1]}")  # Sam's card is now in the portal's cache
    db = open_database(seeded.path)
    forget(db, find_players(db, token)[0])  # what `declic session forget` does
    db.close()
    erased = client.get(f"/s/{token}")
    never = client.get("/s/" + "A" * len(token))
    assert erased.status_code == never.status_code == 404
    assert erased.data == never.data
    assert dict(erased.headers) == dict(never.headers)
    assert "Page introuvable" in text_of(never)
    assert "Lina" not in text_of(erased)
    assert client.get(f"/s/{seeded.players['Sam'][1]}").status_code == 200


def test_session_cookie_is_httponly_and_strict(client: FlaskClient) -> None:
    token = csrf_of(text_of(client.get("/login")))
    response = client.post(
        "/login", data={"csrf": token, "nom": COUNSELLOR, "mot_de_passe": PASSWORD}
    )
    cookie = next(
        h for h in response.headers.getlist("Set-Cookie") if h.startswith("declic_session=")
    )
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_pages_forbid_framing_scripts_from_elsewhere_and_referrers(
    client: FlaskClient, seeded: Seeded
) -> None:
    response = client.get(f"/s/{seeded.players['Lina'][1]}")
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"


def test_login_never_redirects_to_another_site(app: Flask) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        client = app.test_client()
        token = csrf_of(text_of(client.get("/login")))
        data = {"csrf": token, "nom": COUNSELLOR, "mot_de_passe": PASSWORD, "suite": target}
        response = client.post("/login", data=data)
        assert response.headers["Location"] == "/sessions"


def test_every_look_at_a_player_is_audited(logged_in: FlaskClient, seeded: Seeded) -> None:
    pid = seeded.players["Sam"][0]
    logged_in.get(f"/joueur/{pid}")
    with sqlite_utils.Database(seeded.path) as db:
        rows = db.execute("SELECT counsellor, player_id, action FROM portal_audit").fetchall()
    assert rows == [(COUNSELLOR, pid, "consultation")]


@pytest.mark.parametrize("before", ["9" * 30, "-1", "0", "abc", ""])
def test_any_audit_page_number_is_harmless(logged_in: FlaskClient, before: str) -> None:
    logged_in.get("/joueur/1")
    page = text_of(logged_in.get("/audit", query_string={"avant": before}))
    assert "a consulté" in page  # a page number nobody could write shows the newest entries


def test_reading_the_audit_page_is_not_audited(logged_in: FlaskClient, seeded: Seeded) -> None:
    pid = seeded.players["Sam"][0]
    logged_in.get(f"/joueur/{pid}")
    for path in ("/audit", "/audit?conseiller=anne.martin", "/audit?avant=2", "/audit"):
        assert logged_in.get(path).status_code == 200
    with sqlite_utils.Database(seeded.path) as db:
        rows = db.execute("SELECT counsellor, player_id, action FROM portal_audit").fetchall()
    assert rows == [(COUNSELLOR, pid, "consultation")]


def test_audit_page_shows_no_address_and_no_erased_pseudonym(
    logged_in: FlaskClient, seeded: Seeded
) -> None:
    lina, sam = seeded.players["Lina"], seeded.players["Sam"]
    logged_in.get(f"/joueur/{lina[0]}")
    logged_in.get(f"/joueur/{sam[0]}")
    db = open_database(seeded.path)
    forget(db, find_players(db, lina[1])[0])
    db.close()
    page = text_of(logged_in.get("/audit"))
    assert "127.0.0.1" not in page  # the address is stored, never shown
    assert "Lina" not in page and lina[2] not in page.replace("-", "")
    assert page.count("joueur effacé") == 1 and "Sam" in page
    with sqlite_utils.Database(seeded.path) as db:
        assert db.execute("SELECT COUNT(*) FROM portal_audit").fetchone()[0] == 2


def test_statistics_name_nobody(logged_in: FlaskClient, seeded: Seeded) -> None:
    page = text_of(logged_in.get("/stats"))
    assert "5</strong> joueurs" in page
    for name, (_pid, _token, code) in seeded.players.items():
        assert name not in page and code not in page


def test_logout_ends_the_session_on_the_server(client: FlaskClient) -> None:
    log_in(client)
    cookie = client.get_cookie("declic_session")
    assert cookie is not None
    token = csrf_of(text_of(client.get("/sessions")))
    assert client.post("/logout", data={"csrf": token}).status_code == 303
    client.set_cookie("declic_session", cookie.value)  # a copied cookie is dead too
    assert client.get("/sessions").status_code == 302
