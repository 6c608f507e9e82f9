"""Defects found by the attack and fault audit of the portal (issue 22), each reproduced here
through the real Flask app on a real SQLite file."""

from __future__ import annotations

import html
import io
import re
import sys
import threading
from pathlib import Path

import pytest
import sqlite_utils
from flask import Flask
from flask.testing import FlaskClient
from portal_helpers import COUNSELLOR, PASSWORD, STARTED, Seeded, csrf_of, log_in, play_session

from declic.cli import main as declic_main
from engine.core import actions as ac
from engine.core.events import PlayerJoined
from engine.core.state import FACILITATOR
from facilitator.portal import counsellor, data
from facilitator.portal.accounts import (
    AccountError,
    add_counsellor,
    check_password,
    ensure_schema,
    reset_password,
)
from facilitator.portal.app import create_app
from facilitator.portal.workshop import ThreadConnections
from facilitator.sessions.privacy import forget
from facilitator.sessions.service import GameSession, list_sessions
from facilitator.storage.db import open_database
from facilitator.storage.players import find_players, record_join
from facilitator.trainings.store import import_file


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(response.get_data(as_text=True))


# ---------------------------------------------------------------- login's next page


@pytest.mark.parametrize(
    "target", ["/%09/evil.example", "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example"]
)
def test_login_next_page_with_control_characters_stays_on_the_site(app: Flask, target: str) -> None:
    """Browsers drop tabs and line breaks from an address: `/\\t/evil.example` is
    `//evil.example`, another site."""
    client = app.test_client()
    log_in(client)
    response = client.get("/login", query_string={"suite": target.replace("%09", "\t")})
    assert response.status_code == 302
    assert response.headers["Location"] == "/sessions"


@pytest.mark.parametrize("target", ["/sessions\r\nSet-Cookie: x=1", "/stats\n", "/\r"])
def test_login_with_a_line_break_in_the_next_page_is_not_an_error(app: Flask, target: str) -> None:
    client = app.test_client()
    token = csrf_of(text_of(client.get("/login")))
    data = {"csrf": token, "nom": COUNSELLOR, "mot_de_passe": PASSWORD, "suite": target}
    response = client.post("/login", data=data)
    assert response.status_code == 303
    assert response.headers["Location"] == "/sessions"
    assert "Set-Cookie: x" not in str(response.headers)


# ---------------------------------------------------------------- numbers SQLite cannot hold


@pytest.mark.parametrize("number", [2**63, 2**64 + 5, 10**30])
def test_player_number_beyond_sqlite_is_a_404(logged_in: FlaskClient, number: int) -> None:
    assert logged_in.get(f"/joueur/{number}").status_code == 404
    page = text_of(logged_in.get("/sessions"))
    token = csrf_of(page)
    response = logged_in.post(f"/joueur/{number}/notes", data={"csrf": token, "notes": "x"})
    assert response.status_code == 404


# ---------------------------------------------------------------- passwords


@pytest.mark.parametrize(
    ("name", "password", "reason"),
    [
        ("léa", "aaaaaaaaaa", "trop court"),
        ("léa", "onze signes", "trop court"),
        ("léa", " " * 12, "que des espaces"),
        ("léa", "aaaaaaaaaaaa", "trop facile à deviner"),
        ("léa", "motdepasse123", "trop facile à deviner"),
        ("léa", "azertyuiop12", "trop facile à deviner"),
        ("léa", "Password1234", "trop facile à deviner"),
        ("anne.martin.rouen", "anne.martin.rouen", "nom du compte"),
        ("Anne.Martin", "ANNE.MARTIN le chat dort", "nom du compte"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(
    tmp_path: Path, name: str, password: str, reason: str
) -> None:
    db = sqlite_utils.Database(tmp_path / "declic.db")
    ensure_schema(db)
    with pytest.raises(AccountError, match=reason):
        add_counsellor(db, name, password)
    add_counsellor(db, name, "le chat dort au soleil")
    with pytest.raises(AccountError, match=reason):
        reset_password(db, name, password, 0.0)
    assert check_password(db, name, "le chat dort au soleil") is not None


def test_a_long_sentence_is_a_good_password(tmp_path: Path) -> None:
    db = sqlite_utils.Database(tmp_path / "declic.db")
    ensure_schema(db)
    long = "la mer est calme ce matin à Dieppe " * 5  # longer than zxcvbn's 72 characters
    assert add_counsellor(db, "karim", long).name == "karim"
    assert check_password(db, "karim", long) is not None


# ---------------------------------------------------------------- training links


def test_only_web_addresses_become_training_links(
    logged_in: FlaskClient, seeded: Seeded, tmp_path: Path
) -> None:
    catalogue = tmp_path / "hostile.csv"
    header = Path(__file__).with_name("data").joinpath("portal_trainings.csv")
    first = header.read_text(encoding="utf-8").splitlines()[0]
    rows = [first]
    for n, url in enumerate(
        ["javascript:alert(1)", "data:text/html,<b>x</b>", "JaVaScRiPt:alert(2)", "//evil.example"]
    ):
        rows.append(
            f"EX-BAD-{n},Formation piégée {n},Organisme,G1602,76000,Rouen,76,49.44135,1.09257,"
            f'14/09/2026,30/06/2027,100,présentiel,non,ouvert,"{url}"'  # quoted: "data:…,…"
        )
    catalogue.write_text("\n".join(rows) + "\n", encoding="utf-8")
    import_file(seeded.path, catalogue)
    page = logged_in.get(
        f"/joueur/{seeded.players['Lina'][0]}",
        query_string={"commune": "Rouen", "rayon": "30", "semaines": "12"},
    ).get_data(as_text=True)
    assert "Formation piégée 0" in page and "Formation piégée 3" in page
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(h.startswith(("/", "#", "https://", "http://")) for h in hrefs)
    assert not any(h.startswith("//") for h in hrefs)
    assert 'href="https://formations.example.org/cap-cuisine-rouen"' in page


# ---------------------------------------------------------------- paging of /sessions


def test_sessions_page_has_real_paging(
    logged_in: FlaskClient, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every player is reachable page after page, none twice; the search is kept."""
    monkeypatch.setattr(counsellor, "SESSIONS_PAGE", 2)
    with sqlite_utils.Database(seeded.path) as db:
        everybody = {int(r[0]) for r in db.execute("SELECT id FROM players")}
    assert len(everybody) > 2
    seen: list[int] = []
    url = "/sessions"
    for _ in range(len(everybody) + 2):
        page = logged_in.get(url).get_data(as_text=True)
        seen += [int(n) for n in re.findall(r'href="/joueur/(\d+)"', page)]
        found = re.search(r'<a rel="next"[^>]* href="([^"]+)"', page)
        if found is None:
            break
        url = html.unescape(found.group(1))
    assert sorted(seen) == sorted(everybody)
    assert len(seen) == len(everybody)
    second = logged_in.get("/sessions", query_string={"page": "2"}).get_data(as_text=True)
    assert 'rel="prev"' in second
    for hostile in ("0", "-4", "abc", str(2**70), "99999"):
        response = logged_in.get("/sessions", query_string={"page": hostile})
        assert response.status_code == 200


def test_sessions_beyond_a_thousand_players_are_reachable(
    logged_in: FlaskClient, seeded: Seeded
) -> None:
    """1,200 players: the last one (the oldest session's last) is on some page."""
    db = open_database(seeded.path)
    session_id = list_sessions(db)[-1].id
    team_id, team_name = db.execute(
        "SELECT id, name FROM teams WHERE session_id = ?", [session_id]
    ).fetchone()
    with db.conn:  # rows as the lobby's joins write them, without 1,200 games
        for n in range(1200):
            joined = PlayerJoined(
                t=1.0,
                player=f"x{n}",
                team=team_id,
                pseudonym=f"Renfort{n}",
                colour="#0072b2",
                avatar="cercle",
                team_name=team_name,
            )
            record_join(db.conn, session_id, joined, STARTED + n)
    db.close()
    pages = []
    for number in range(1, 10):
        page = logged_in.get("/sessions", query_string={"page": str(number)})
        pages.append(page.get_data(as_text=True))
        if 'rel="next"' not in pages[-1]:
            break
    text = "".join(pages)
    assert "Renfort1199" in text and "Renfort0<" in text
    assert 'rel="next"' not in pages[-1]


# ---------------------------------------------------------------- the youth's card


def test_youth_card_does_not_show_the_facilitators_own_words(tmp_path: Path) -> None:
    """The observation may name other players: it stays on the counsellor's page."""
    path = tmp_path / "declic.db"
    play_session(path, "demo-escape", None, STARTED)
    db = open_database(path)
    game = GameSession.open(db, 1)
    note = "Lina a calmé Sam qui pleurait"
    game.step(
        ac.Observe(player=FACILITATOR, target="p1", skill="controle_de_soi", note=note),
        STARTED + 3000,
    )
    ensure_schema(db)
    add_counsellor(db, COUNSELLOR, PASSWORD)
    token, pid = db.execute("SELECT token, id FROM players WHERE pseudonym = 'Lina'").fetchone()
    db.close()
    app = create_app(path)
    client = app.test_client()
    youth = text_of(client.get(f"/s/{token}"))
    assert "Lina" in youth and "pleurait" not in youth
    assert "Remarqué par l'animateur" in youth
    log_in(client)
    assert note in text_of(client.get(f"/joueur/{pid}"))  # the counsellor still reads it


# ---------------------------------------------------------------- the card image, made once


def test_card_image_is_drawn_once_and_served_from_storage(
    seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Drawn at the first request, kept in the database (a restarted portal does not draw it
    again), drawn anew when the session's log changes, gone when the player is erased."""
    drawn: list[str] = []
    real = data.render_png

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        drawn.append("card")
        return real(*args, **kwargs)

    monkeypatch.setattr(data, "render_png", counting)
    token = seeded.players["Lina"][1]
    first = create_app(seeded.path).test_client().get(f"/s/{token}/carte.png")
    assert first.status_code == 200 and first.data.startswith(b"\x89PNG")
    again = create_app(seeded.path).test_client()  # as after a restart
    assert again.get(f"/s/{token}/carte.png").data == first.data
    assert again.get(f"/s/{token}/carte.png").data == first.data
    assert drawn == ["card"]
    with sqlite_utils.Database(seeded.path) as db:
        assert db.execute("SELECT COUNT(*) FROM portal_card_images").fetchone()[0] == 1

    db = open_database(seeded.path)
    session_id = db.execute("SELECT session_id FROM players WHERE token = ?", [token]).fetchone()[0]
    game = GameSession.open(db, session_id)
    game.step(ac.Observe(player=FACILITATOR, target="p1", skill="ecoute"), STARTED + 4000)
    assert again.get(f"/s/{token}/carte.png").status_code == 200
    assert drawn == ["card", "card"]  # the card has changed with the log

    forget(db, find_players(db, token)[0])
    rows = db.execute("SELECT COUNT(*) FROM portal_card_images").fetchone()[0]
    db.close()
    assert rows == 0
    assert again.get(f"/s/{token}/carte.png").status_code == 404


def test_command_line_says_why_a_password_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "declic.db"
    for typed, reason in (
        ("motdepasse123", "trop facile à deviner"),
        ("karim.b et moi", "nom du compte"),
        ("onze signes", "au moins 12 caractères"),
    ):
        monkeypatch.setattr(sys, "stdin", io.StringIO(typed + "\n"))
        argv = ["portal", "add-counsellor", "Karim.B", "--db", str(db_path), "--password-stdin"]
        assert declic_main(argv) == 1
        err = capsys.readouterr().err
        assert reason in err and err.count("\n") == 1


@pytest.mark.parametrize("mark", ["\u202e", "\u2066", "\u200f", "\u200b"])
def test_counsellor_names_with_invisible_characters_are_refused(tmp_path: Path, mark: str) -> None:
    db = sqlite_utils.Database(tmp_path / "declic.db")
    ensure_schema(db)
    with pytest.raises(AccountError, match="nom invalide"):
        add_counsellor(db, f"anne{mark}nitram", "le chat dort au soleil")


def test_each_server_thread_keeps_its_connection_and_nothing_uncommitted(seeded: Seeded) -> None:
    """Connections are kept between requests (the stored card image costs little more than a
    static file), one per thread, and a request's uncommitted change never outlives it."""
    connections = ThreadConnections(str(seeded.path))
    first = connections.get()
    assert connections.get() is first
    others: list[object] = []
    thread = threading.Thread(target=lambda: others.append(connections.get()))
    thread.start()
    thread.join()
    assert others and others[0] is not first
    first.conn.execute("UPDATE players SET pseudonym = 'X' WHERE id = 1")
    assert first.conn.in_transaction
    connections.release(first)
    assert not first.conn.in_transaction
    with sqlite_utils.Database(seeded.path) as db:
        assert db.execute("SELECT pseudonym FROM players WHERE id = 1").fetchone()[0] != "X"
