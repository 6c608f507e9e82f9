"""A net under the portal: every route of the Flask app, read from `app.url_map`, asked with
every method and random, hostile path, query and form values (huge integers, CR/LF, Unicode
controls and bidi marks, markup, long strings), anonymously and logged in, with and without
a valid CSRF token. Whatever is sent: never a 500, never markup sent back as it was typed,
never a redirect to another site.

Bounded: a fixed number of examples through Flask's test client (no socket at all).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from portal_helpers import Seeded, csrf_of, log_in

METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]
FIELDS = ["q", "page", "suite", "commune", "rayon", "semaines", "distance", "metier"]
FIELDS += ["conseiller", "avant", "code", "nom", "mot_de_passe", "notes", "enregistre", "parti"]
HOSTILE = [
    str(2**63),
    str(2**64 + 1),
    "9" * 40,
    "-1",
    "0",
    "nan",
    "1e309",
    "\r\nSet-Cookie: x=1",
    "/\t/evil.example",
    "//evil.example",
    "https://evil.example/",
    "/%0d%0aLocation:%20//evil",
    "\u202eevil",
    "\u2066x\u2069",
    "\x00",
    "\x1b[31m",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "' OR '1'='1",
    "%",
    "_",
    "\\",
    "x" * 5000,
    "é" * 300,
    "💥",
]
MARKUP = re.compile(r"[<>\"']")


def hostile_text() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30))


def path_value(converter: str, tokens: list[str]) -> st.SearchStrategy[str]:
    """A value for a path variable: real ones (so that pages open) and hostile ones."""
    if converter == "IntegerConverter":
        numbers = st.sampled_from([0, 1, 2, 3, 5, 2**31, 2**63 - 1, 2**63, 2**64, 10**40])
        return st.one_of(numbers, st.integers(min_value=0)).map(str)
    hostile = hostile_text().map(lambda text: quote(text, safe=""))
    return st.one_of(st.sampled_from(tokens), hostile)


@st.composite
def requests(
    draw: st.DrawFn, rules: list[tuple[str, dict[str, str], list[str]]], tokens: list[str]
) -> dict[str, object]:
    rule, converters, allowed = draw(st.sampled_from(rules))
    path = rule
    for name, converter in converters.items():
        value = draw(path_value(converter, tokens))
        path = re.sub(rf"<(?:[^:>]+:)?{name}>", lambda _m, v=value: v, path)
    fields = st.one_of(st.sampled_from(FIELDS), st.text(min_size=1, max_size=8))
    values = st.dictionaries(fields, hostile_text(), max_size=4)
    return {
        "path": path,
        "method": draw(st.sampled_from(allowed * 3 + METHODS)),  # mostly what the route takes
        "query": draw(values),
        "form": draw(values),
        "logged_in": draw(st.booleans()),
        "with_csrf": draw(st.booleans()),
    }


def routes(app: Flask) -> list[tuple[str, dict[str, str], list[str]]]:
    """Every rule of the app with the converter of each of its variables and its methods."""
    found = []
    for rule in app.url_map.iter_rules():
        converters = {name: type(conv).__name__ for name, conv in rule._converters.items()}
        methods = sorted(set(rule.methods or ()) - {"HEAD", "OPTIONS"})
        found.append((rule.rule, converters, methods))
    return found


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
        client, csrf = clients[bool(request["logged_in"])]
        form = dict(request["form"])  # type: ignore[call-overload]
        if request["with_csrf"]:
            form["csrf"] = csrf
        if request["logged_in"] and str(request["path"]).startswith("/logout"):
            form.pop("csrf", None)  # the logged-in browser stays logged in
        method = str(request["method"])
        response = client.open(
            str(request["path"]),
            method=method,
            query_string=request["query"],
            data=form if method not in ("GET", "HEAD", "OPTIONS") else None,
        )
        event(f"{method} {response.status_code}")
        said = f"{method} {request['path']} {request['query']} {form} -> {response.status}"
        assert response.status_code < 500, said
        body = response.get_data().decode("utf-8", "replace")  # images and fonts too
        sent = [*dict(request["query"]).values(), *form.values()]  # type: ignore[call-overload]
        for value in sent:
            if len(value) >= 3 and MARKUP.search(value):
                assert value not in body, f"sent back as typed: {value!r} ({said})"
        location = response.headers.get("Location")
        if location:
            target = urlsplit(location)
            assert target.netloc in ("", "localhost"), said
            assert not location.startswith("//") and "\n" not in location, said

    check()
