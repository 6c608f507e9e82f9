"""A net under the portal: every route of the Flask app, read from `app.url_map`, asked with
every method and random, hostile path, query and form values (huge integers, CR/LF, Unicode
controls and bidi marks, markup, long strings), anonymously and logged in, with and without
a valid CSRF token. Whatever is sent: never a 500, never markup sent back as it was typed,
never a redirect to another site.

Bounded: a fixed number of examples through Flask's test client (no socket at all).
"""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from portal_helpers import Seeded, csrf_of, log_in
from web_fuzz import ask_as, requests, routes


def test_the_net_covers_every_route(app: Flask) -> None:
    paths = {rule for rule, _, _ in routes(app)}
    assert {"/login", "/sessions", "/joueur/<int:player_id>", "/s/<token>/carte.png"} <= paths
    assert len(paths) >= 12


@pytest.fixture
def clients(app: Flask, seeded: Seeded) -> dict[bool, tuple[FlaskClient, str]]:
    """An anonymous and a logged-in browser, each with its CSRF token."""
    anonymous = app.test_client()
    anonymous_csrf = csrf_of(anonymous.get("/login").get_data(as_text=True))
    logged = app.test_client()
    log_in(logged)
    logged_csrf = csrf_of(logged.get("/sessions").get_data(as_text=True))
    return {False: (anonymous, anonymous_csrf), True: (logged, logged_csrf)}


def test_every_route_answers_hostile_requests_without_error(
    app: Flask, seeded: Seeded, clients: dict[bool, tuple[FlaskClient, str]]
) -> None:
    tokens = [token for _id, token, _code in seeded.players.values()]
    tokens += ["portal.css", "Andika-Regular.ttf"]  # the static files' names

    @settings(
        max_examples=200,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(request=requests(routes(app), tokens))
    def check(request: dict[str, object]) -> None:
        ask_as(clients, request)

    check()
