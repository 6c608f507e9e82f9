"""Texts the engine gives in the players' language, from ``assets/locale/<lang>.yaml``.

The core speaks in codes (a refusal is ``not_open``, not a sentence); this module turns them
into words for the player, the console and the lint, in French or English.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

import yaml

from engine.core.events import Rejected
from engine.reference import assets_dir
from engine.typography import plural_form, team_phrase

LANGUAGES = ("fr", "en")
log = logging.getLogger("declic.player")
#: libyaml's loader when PyYAML has it: the texts are read before the first frame, 10x faster
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def texts(language: str) -> dict[str, str]:
    """Every text of a language (French for a language Déclic does not have), by key."""
    language = language if language in LANGUAGES else "fr"
    path = assets_dir() / "locale" / f"{language}.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
    return dict(_flat(data))


def _flat(data: dict[object, object]) -> list[tuple[str, str]]:
    """A plural entry (``key: {one: "{n} indice", other: "{n} indices"}``) becomes
    ``key.one`` and ``key.other``; ``Texts`` picks the form from the value ``n``."""
    found = []
    for key, value in data.items():
        if isinstance(value, dict):
            found += [(f"{key}.{form}", str(v)) for form, v in value.items()]
        else:
            found.append((str(key), str(value)))
    return found


def text(language: str, key: str, /, address_form: str | None = None, **values: Any) -> str:
    """The text of ``key``; in French, its form for ``address_form`` (``key.tu``,
    ``key.vous``) when it has one, so that one game speaks to the players one way. (Not
    ``address``: a text may show a value of that name, the phones' web address.)"""
    language = language if language in LANGUAGES else "fr"
    table = texts(language)
    if address_form is not None and (
        f"{key}.{address_form}" in table or f"{key}.{address_form}.other" in table
    ):  # a plural entry has its forms under its address: ``key.vous.other``
        key = f"{key}.{address_form}"
    n = values.get("n")
    if isinstance(n, int) and f"{key}.other" in table:  # a plural entry: one form per count
        key = f"{key}.{plural_form(language, n)}"
    template = table.get(key)
    if template is None:
        template = texts("fr").get(key, key)
        log.warning("texte manquant dans la langue %s : %s", language, key)
    try:
        return template.format(**values) if values else template
    except (KeyError, IndexError, ValueError):
        return template


def refusal_text(event: Rejected, language: str = "fr", address: str | None = None) -> str:
    """Why the rules refused, for the players: the code's text with its values filled in.

    A log written before refusal codes keeps the French sentence shown then: in French it is
    shown as it was; in another language the code's text is used when the code has one.
    """
    if event.reason and language == "fr":
        return event.reason
    key = f"refusal.{event.code}"
    table = texts(language)
    if address is not None and f"{key}.{address}" in table:  # the scenario's tu or vous
        key = f"{key}.{address}"
    template = table.get(key) or texts("fr").get(key)
    if template is None:
        return event.reason or texts(language).get("refusal.unknown", event.code)
    values = dict(event.params)
    if language == "fr" and isinstance(values.get("team"), str):  # « c'est {team} de jouer »
        values["team"] = team_phrase("à", str(values["team"]))  # « aux Renards »
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template
