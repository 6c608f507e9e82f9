"""The portal's net under the hub (``tests/web_fuzz.py``): every route of the hub's app,
admin pages and sync API included, asked with hostile paths, queries and forms, anonymously
and as an admin, with and without a valid CSRF token, on SQLite and on PostgreSQL. Never a
500, never markup sent back as typed, never a redirect elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import sqlalchemy as sa
from flask.testing import FlaskClient
from hub_helpers import PASSWORD, organisation_with_code, play
from hypothesis import HealthCheck, given, settings
from web_fuzz import ask_as, requests, routes

from facilitator.hub import client, schema
from facilitator.hub.web import ServerThread, create_hub_app
from facilitator.storage.db import open_database


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "no CSRF field"
    return found.group(1)


def test_every_hub_route_answers_hostile_requests_without_error(
    hub: sa.Engine, tmp_path: Path
) -> None:
    with ServerThread(create_hub_app(hub)) as server:
        code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
        laptop = tmp_path / "declic.db"
        play(laptop)
        db = open_database(laptop)
        client.enrol(db, server.url, code)
        assert client.push_waiting(db).pushed == [1]
        db.close()
    with hub.connect() as conn:
        tokens = list(conn.execute(sa.select(schema.players.c.token)).scalars())
    tokens += ["portal.css", "Andika-Regular.ttf"]
    app = create_hub_app(hub)
    rules = routes(app)
    assert {"/admin", "/admin/postes/<int:device_id>/revoquer", "/s/<token>"} <= {
        rule for rule, _, _ in rules
    }
    anonymous = app.test_client()
    admin = app.test_client()
    login = {"csrf": _csrf(admin.get("/login").get_data(as_text=True)), "nom": "admin.ml-rouen"}
    assert admin.post("/login", data={**login, "mot_de_passe": PASSWORD}).status_code == 303
    clients: dict[bool, tuple[FlaskClient, str]] = {
        False: (anonymous, _csrf(anonymous.get("/code").get_data(as_text=True))),
        True: (admin, _csrf(admin.get("/admin").get_data(as_text=True))),
    }

    @settings(
        max_examples=150,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(request=requests(rules, tokens))
    def check(request: dict[str, object]) -> None:
        ask_as(clients, request)

    check()
