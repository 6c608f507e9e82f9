"""The hostile requests of the web fuzz nets (tests/portal/test_portal_fuzz.py and
tests/hub/test_hub_fuzz.py): one app's routes read from `app.url_map`, random and hostile
paths, queries and forms, and what every answer must respect."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from flask import Flask
from flask.testing import FlaskClient
from hypothesis import event
from hypothesis import strategies as st

METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]
FIELDS = ["q", "page", "suite", "commune", "rayon", "semaines", "distance", "metier"]
FIELDS += ["conseiller", "avant", "code", "nom", "mot_de_passe", "notes", "enregistre", "parti"]
FIELDS += ["role", "fait"]  # the hub's admin pages
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


def ask_as(clients: dict[bool, tuple[FlaskClient, str]], request: dict[str, object]) -> None:
    """Send a drawn request from the anonymous or the logged-in browser (``clients``, each
    with its CSRF token), the token added when the draw says so."""
    client, csrf = clients[bool(request["logged_in"])]
    form = dict(request["form"])  # type: ignore[call-overload]
    if request["with_csrf"]:
        form["csrf"] = csrf
    if request["logged_in"] and str(request["path"]).startswith("/logout"):
        form.pop("csrf", None)  # the logged-in browser stays logged in
    ask(client, request, form)


def ask(client: FlaskClient, request: dict[str, object], form: dict[str, str]) -> None:
    """Send one drawn request; never a 500, never markup sent back as typed, never a
    redirect to another site."""
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
