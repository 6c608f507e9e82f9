"""The hub's pages: every route × role × organisation, the young person's page, logins."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from hub_helpers import PASSWORD, organisation_with_code, play

from facilitator.hub import client, schema
from facilitator.hub.people import add_user
from facilitator.hub.proxy import TrustedProxies, parse_networks
from facilitator.hub.web import ServerThread, create_hub_app
from facilitator.storage.db import open_database


@dataclass
class TwoOrgs:
    engine: sa.Engine
    players: dict[str, list[tuple[int, str, str, str]]]  # slug -> (row, pseudonym, token, code)


@pytest.fixture
def two_orgs(tmp_path: Path, hub: sa.Engine) -> Iterator[TwoOrgs]:
    """Two Missions Locales, each with a laptop that pushed its sessions, and a region user."""
    with ServerThread(create_hub_app(hub)) as server:
        for slug, name, scenarios in (
            ("ml-rouen", "Mission Locale de Rouen", ("demo-escape", "demo-rally")),
            ("ml-caen", "Mission Locale de Caen", ("demo-escape",)),
        ):
            code = organisation_with_code(hub, slug, name)
            path = tmp_path / f"{slug}.db"
            for scenario in scenarios:
                play(path, scenario, tag=f"-{slug}")
            db = open_database(path)
            client.enrol(db, server.url, code)
            assert len(client.push_waiting(db).pushed) == len(scenarios)
            db.close()
    with hub.begin() as conn:
        add_user(conn, "region.normandie", "ml-rouen", "region", PASSWORD, 1.0)
    players: dict[str, list[tuple[int, str, str, str]]] = {}
    p, o = schema.players, schema.organisations
    with hub.connect() as conn:
        for slug, row, pseudonym, token, code in conn.execute(
            sa.select(o.c.slug, p.c.id, p.c.pseudonym, p.c.token, p.c.short_code).join(
                o, o.c.id == p.c.org_id
            )
        ):
            players.setdefault(slug, []).append((row, pseudonym, token, code))
    yield TwoOrgs(hub, players)


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "no CSRF field"
    return found.group(1)


def _log_in(web: FlaskClient, name: str, password: str = PASSWORD) -> int:
    token = _csrf(web.get("/login").get_data(as_text=True))
    return web.post(
        "/login", data={"csrf": token, "nom": name, "mot_de_passe": password}
    ).status_code


def test_the_young_persons_page_names_the_mission_locale(two_orgs: TwoOrgs) -> None:
    web = create_hub_app(two_orgs.engine).test_client()
    for slug, town in (("ml-rouen", "Rouen"), ("ml-caen", "Caen")):
        _row, pseudonym, token, code = two_orgs.players[slug][0]
        page = web.get(f"/s/{token}").get_data(as_text=True)
        assert pseudonym in page and f"Mission Locale de {town}" in page
        form = _csrf(web.get("/code").get_data(as_text=True))
        answer = web.post("/code", data={"csrf": form, "code": code.lower()})
        assert answer.status_code == 303 and answer.headers["Location"].endswith(f"/s/{token}")
    assert web.get("/s/not-a-token").status_code == 404
    png = web.get(f"/s/{two_orgs.players['ml-rouen'][0][2]}/carte.png")
    assert png.status_code == 200 and png.data.startswith(b"\x89PNG")


USERS = {
    "admin.ml-rouen": ("ml-rouen", "admin"),
    "conseil.ml-rouen": ("ml-rouen", "counsellor"),
    "admin.ml-caen": ("ml-caen", "admin"),
    "conseil.ml-caen": ("ml-caen", "counsellor"),
    "region.normandie": (None, "region"),
}


def test_every_route_role_and_organisation_reads_only_its_own(two_orgs: TwoOrgs) -> None:
    app = create_hub_app(two_orgs.engine)
    every = {slug: rows for slug, rows in two_orgs.players.items()}
    cross_reads = 0
    checked = 0
    for name, (own, role) in USERS.items():
        web = app.test_client()
        assert _log_in(web, name) == 303
        pages: list[str] = []
        for path in (
            "/sessions",
            "/stats",
            "/audit",
            "/sessions?q=a",
            "/suivis",
            "/tableau-de-bord",
            "/tableau-de-bord/territoires.csv",
        ):
            answer = web.get(path)
            if role == "region" and path in ("/audit", "/suivis"):
                assert answer.status_code == 403
                continue
            if role == "region" and path.startswith("/sessions"):
                assert answer.status_code == 302 and answer.headers["Location"].endswith("/stats")
                continue
            assert answer.status_code == 200
            pages.append(answer.get_data(as_text=True))
        for slug, rows in every.items():
            for row, pseudonym, _token, _code in rows:
                page = web.get(f"/joueur/{row}")
                csrf = _csrf(web.get("/stats").get_data(as_text=True)) if role != "region" else ""
                notes = web.post(f"/joueur/{row}/notes", data={"csrf": csrf, "notes": "vu"})
                training = {"csrf": csrf, "formation": "CAP Cuisine", "date": "2026-01-05"}
                positioned = web.post(f"/joueur/{row}/suivis", data=training)
                checked += 3
                if role == "region":
                    assert page.status_code == 403 and notes.status_code == 403
                    assert positioned.status_code == 403
                elif slug == own:
                    assert page.status_code == 200 and pseudonym in page.get_data(as_text=True)
                    assert notes.status_code == 303 and positioned.status_code == 303
                    pages.append(page.get_data(as_text=True))
                else:
                    cross_reads += page.status_code != 404
                    cross_reads += notes.status_code != 404
                    cross_reads += positioned.status_code != 404
        pages.append(web.get("/audit").get_data(as_text=True) if role != "region" else "")
        for path in ("/suivis", "/tableau-de-bord", "/tableau-de-bord/mois.csv"):
            pages.append(web.get(path).get_data(as_text=True))
        if role == "region":  # a region user sees no pseudonym at all, not even its own org's
            cross_reads += sum(
                p in page for rows in every.values() for _r, p, _t, _c in rows for page in pages
            )
        for slug, rows in every.items():
            for _row, pseudonym, _token, _code in rows:
                seen = any(pseudonym in page for page in pages)
                if slug != own:
                    cross_reads += seen
        if role != "region":
            listed = web.get("/sessions").get_data(as_text=True)
            assert all(p in listed for _r, p, _t, _c in every[own])
    assert checked > 50
    assert cross_reads == 0


def _org_rows(engine: sa.Engine, table: sa.Table) -> dict[str, list[int]]:
    o = schema.organisations
    found: dict[str, list[int]] = {}
    with engine.connect() as conn:
        for slug, row in conn.execute(
            sa.select(o.c.slug, table.c.id).join(o, o.c.id == table.c.org_id)
        ):
            found.setdefault(slug, []).append(row)
    return found


def test_admin_routes_for_every_role_and_organisation(two_orgs: TwoOrgs) -> None:
    """The admin pages: only an admin, only their organisation's accounts and laptops; another
    organisation's account or laptop is a 404, as an unknown one, and is left untouched."""
    app = create_hub_app(two_orgs.engine)
    accounts = _org_rows(two_orgs.engine, schema.users)
    laptops = _org_rows(two_orgs.engine, schema.devices)
    names = {slug: [n for n, (own, _r) in USERS.items() if own == slug] for slug in accounts}
    refused = 0
    for name, (own, role) in USERS.items():
        web = app.test_client()
        assert _log_in(web, name) == 303
        page = web.get("/admin")
        csrf = _csrf(web.get("/stats").get_data(as_text=True))
        if role != "admin":
            assert page.status_code == 403
            assert web.post("/admin/code", data={"csrf": csrf}).status_code == 403
        else:
            shown = page.get_data(as_text=True)
            assert page.status_code == 200 and all(n in shown for n in names[own or ""])
            assert not any(n in shown for slug in names if slug != own for n in names[slug])
            assert shown.count("Révoquer</button>") == len(laptops[own or ""])
        for slug in accounts:
            if slug == own:
                continue
            for user_id in accounts[slug]:
                answer = web.post(f"/admin/comptes/{user_id}/desactiver", data={"csrf": csrf})
                assert answer.status_code == (404 if role == "admin" else 403)
                refused += 1
            for device_id in laptops[slug]:
                answer = web.post(f"/admin/postes/{device_id}/revoquer", data={"csrf": csrf})
                assert answer.status_code == (404 if role == "admin" else 403)
                refused += 1
    assert refused > 10
    with two_orgs.engine.connect() as conn:
        assert (
            conn.execute(
                sa.select(sa.func.count()).where(schema.users.c.disabled_at.is_not(None))
            ).scalar_one()
            == 0
        )
        assert (
            conn.execute(
                sa.select(sa.func.count()).where(schema.devices.c.revoked_at.is_not(None))
            ).scalar_one()
            == 0
        )


def test_region_statistics_count_every_organisation(two_orgs: TwoOrgs) -> None:
    web = create_hub_app(two_orgs.engine).test_client()
    assert _log_in(web, "region.normandie") == 303
    page = web.get("/stats").get_data(as_text=True)
    total = sum(len(rows) for rows in two_orgs.players.values())
    assert total >= 5 and f"<strong>{total}</strong> joueurs" in page
    assert "<strong>&lt; 5</strong> séances" in page  # 3 workshops: under 5, never printed
    counts = re.findall(r'<td class="num">([^<]*)</td>', page)
    assert counts and all(c == "&lt; 5" or int(c.replace("\u202f", "")) >= 5 for c in counts)
    local = create_hub_app(two_orgs.engine).test_client()
    assert _log_in(local, "conseil.ml-caen") == 303
    caen = local.get("/stats").get_data(as_text=True)
    assert f"<strong>{len(two_orgs.players['ml-caen'])}</strong> joueurs" in caen


def test_random_names_from_one_address_do_not_lock_out_a_counsellor(two_orgs: TwoOrgs) -> None:
    web = create_hub_app(two_orgs.engine).test_client()
    for _ in range(21):
        assert _log_in(web, f"x{secrets.token_hex(4)}", "mauvais mot de passe") == 401
    assert _log_in(web, "conseil.ml-rouen") == 303


def test_guessing_one_account_is_slowed_down(two_orgs: TwoOrgs) -> None:
    web = create_hub_app(two_orgs.engine).test_client()
    statuses = [_log_in(web, "conseil.ml-rouen", "mauvais mot de passe") for _ in range(6)]
    assert statuses[:5] == [401] * 5 and statuses[5] == 429
    assert _log_in(web, "conseil.ml-rouen") == 429  # even the right password waits
    assert _log_in(web, "conseil.ml-caen") == 303  # another account is not touched


def _seen(environ: dict[str, object], start_response: object) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])  # type: ignore[operator]
    return [f"{environ['REMOTE_ADDR']} {environ['wsgi.url_scheme']}".encode()]


def _through(app: TrustedProxies, remote: str, forwarded: str) -> str:
    from werkzeug.test import Client

    answer = Client(app).get(
        "/",
        environ_base={"REMOTE_ADDR": remote},
        headers={"X-Forwarded-For": forwarded, "X-Forwarded-Proto": "https"},
    )
    return answer.get_data(as_text=True)


def test_forwarded_headers_count_only_from_trusted_proxies() -> None:
    app = TrustedProxies(_seen, parse_networks(["127.0.0.1/32", "10.0.0.0/8"]))
    assert _through(app, "127.0.0.1", "203.0.113.9") == "203.0.113.9 https"
    assert _through(app, "127.0.0.1", "198.51.100.1, 203.0.113.9, 10.1.2.3") == "203.0.113.9 https"
    assert _through(app, "192.0.2.44", "203.0.113.9") == "192.0.2.44 http"
    assert _through(app, "127.0.0.1", "pas-une-adresse") == "127.0.0.1 https"
    alone = TrustedProxies(_seen, [])
    assert _through(alone, "127.0.0.1", "203.0.113.9") == "127.0.0.1 http"
    with pytest.raises(ValueError, match="n'est pas une adresse"):
        parse_networks(["hub.example.org"])


def test_login_never_redirects_elsewhere(two_orgs: TwoOrgs) -> None:
    app = create_hub_app(two_orgs.engine)
    for suite in ("//evil.example", "/\t/evil.example", "https://evil.example"):
        web = app.test_client()
        token = _csrf(web.get("/login").get_data(as_text=True))
        answer = web.post(
            "/login",
            data={
                "csrf": token,
                "nom": "conseil.ml-caen",
                "mot_de_passe": PASSWORD,
                "suite": suite,
            },
        )
        assert answer.status_code == 303 and answer.headers["Location"] == "/sessions"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_retention_is_applied_while_the_hub_serves(two_orgs: TwoOrgs) -> None:
    """Nobody restarts the hub: the first request after an hour applies retention, with the
    app's own clock (the sessions were played on STARTED; Rouen keeps 30 days)."""
    from hub_helpers import STARTED

    from facilitator.hub.erase import set_retention

    with two_orgs.engine.begin() as conn:
        set_retention(conn, "ml-rouen", 30)
    clock = Clock(STARTED + 30 * 86_400 - 600)
    web = create_hub_app(two_orgs.engine, clock=clock).test_client()
    _row, _pseudonym, token, _code = two_orgs.players["ml-rouen"][0]
    assert web.get(f"/s/{token}").status_code == 200  # ran: nothing is 30 days old yet
    clock.now += 1200  # now they are, but the last run was 20 minutes ago
    assert web.get(f"/s/{token}").status_code == 200
    clock.now += 3600
    assert web.get(f"/s/{token}").status_code == 404  # ran: Rouen's sessions are gone
    with two_orgs.engine.connect() as conn:
        left = conn.execute(
            sa.select(schema.organisations.c.slug)
            .join(schema.sessions, schema.sessions.c.org_id == schema.organisations.c.id)
            .distinct()
        ).scalars()
        assert list(left) == ["ml-caen"]  # Caen set no retention: its session stays
    _row, _pseudonym, caen_token, _code = two_orgs.players["ml-caen"][0]
    assert web.get(f"/s/{caen_token}").status_code == 200
