"""Public badge pages: « Garder mes badges » for the young person, ``/verifier`` for anyone
(an employer, a training centre) and the issuers' revocation lists.

No login: a badge is made to be shown. The verifier reads only what it is given and this
database (keys, DID documents and status lists of the organisations that signed here); it
stores nothing about what was checked.

The hub registers the ``/verifier`` page alone (``page``, same endpoint name) and sets
``app.extensions[CHECKS]`` to look keys and lists up in its own database instead.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, abort, current_app, g, render_template, request

from facilitator.credentials import status
from facilitator.credentials.issuers import SqliteKeyStore
from facilitator.credentials.proof import KeyResolver
from facilitator.credentials.verify import RevocationLookup, Verdict, verify_badge
from facilitator.portal import data
from facilitator.portal.public import check_csrf
from facilitator.summaries.badges import validate_credential

blueprint = Blueprint("verifier", __name__)  # the portal: every page below
page = Blueprint("verifier", __name__)  # the hub: /verifier alone
CHECKS = "declic_badge_checks"  # app.extensions: () -> (key resolver, revocation lookup)

MAX_BADGE_BYTES = 256 * 1024
BADGE_FORMAT = "badge"  # how summaries.write records a badge file in storage's exports


@dataclass(frozen=True)
class KeptBadge:
    name: str
    level: str
    file: str
    text: str


def _player_badges(token: str) -> tuple[Any, list[KeptBadge]]:
    player = data.player_by_token(g.db, token)
    if player is None:
        abort(404)  # same page whether the token never existed or was erased
    rows = g.db.execute(
        "SELECT path FROM exports WHERE player_row = ? AND format = ? ORDER BY path",
        (player.id, BADGE_FORMAT),
    ).fetchall()
    kept = []
    for (path,) in rows:
        try:
            text = Path(path).read_text(encoding="utf-8")
            badge = json.loads(text)
            subject = badge["credentialSubject"]
            name = str(subject["achievement"]["name"])
            level = str(subject["result"][0]["value"])
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            continue  # a file moved or damaged since it was written: not offered
        kept.append(KeptBadge(name, level, Path(path).name, text))
    return player, kept


@blueprint.get("/s/<token>/badges")
def badges(token: str) -> str:
    player, kept = _player_badges(token)
    return render_template("badges.html", player=player, badges=kept)


@blueprint.get("/s/<token>/badges/<name>")
def badge_file(token: str, name: str) -> Response:
    _player, kept = _player_badges(token)
    found = next((b for b in kept if b.file == name), None)
    if found is None:
        abort(404)
    return _download(found.text.encode("utf-8"), found.file, "application/json")


@blueprint.get("/s/<token>/badges.zip")
def badges_zip(token: str) -> Response:
    _player, kept = _player_badges(token)
    if not kept:
        abort(404)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for badge in kept:
            archive.writestr(badge.file, badge.text)
    return _download(buffer.getvalue(), "mes-badges-declic.zip", "application/zip")


def _download(body: bytes, filename: str, mimetype: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@blueprint.get("/statuts/<slug>")
def status_list(slug: str) -> Response:
    """An issuer's revocation list, signed, as it is now (a W3C Bitstring Status List)."""
    found = status.find_list(g.db, slug[:64])
    signer = SqliteKeyStore(g.db).identity_for_did(found.issuer_did) if found else None
    if found is None or signer is None:
        abort(404)
    moment = datetime.fromtimestamp(g.now, UTC)
    document = status.status_list_credential(g.db, found, signer, moment)
    return Response(json.dumps(document, ensure_ascii=False), mimetype="application/vc+ld+json")


def verify_page() -> str | tuple[str, int]:
    if request.method == "GET":
        return render_template("verifier.html", verdict=None, error=None, pasted="")
    if (request.content_length or 0) > MAX_BADGE_BYTES + 16 * 1024:  # before parsing the form
        return _form_error("Ce fichier est trop gros pour être un badge."), 413
    check_csrf()
    upload = request.files.get("fichier")
    text = ""
    if upload is not None and upload.filename:
        raw = upload.read(MAX_BADGE_BYTES + 1)
        if len(raw) > MAX_BADGE_BYTES:
            return _form_error("Ce fichier est trop gros pour être un badge."), 413
        text = raw.decode("utf-8", errors="replace")
    else:
        text = request.form.get("badge", "")[: MAX_BADGE_BYTES + 1]
    if not text.strip():
        return _form_error("Choisissez le fichier du badge, ou collez son texte."), 400
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        message = (
            f"Ce texte n'est pas un badge lisible (JSON invalide ligne {exc.lineno}, "
            f"colonne {exc.colno}). Recopiez le fichier entier."
        )
        return _form_error(message, text), 400
    verdict = check(parsed)
    return render_template("verifier.html", verdict=verdict, error=None, pasted="")


for _pages in (blueprint, page):
    _pages.add_url_rule("/verifier", "verify_page", verify_page, methods=["GET", "POST"])


def workshop_checks() -> tuple[KeyResolver, RevocationLookup]:
    """Keys and revocation lists of the workshop database (the portal's)."""
    return SqliteKeyStore(g.db).public_key, status.revocation_lookup(g.db)


def check(badge: Any) -> Verdict:
    """The verdict on a parsed badge with this app's keys and revocation lists."""
    resolve, revoked = current_app.extensions.get(CHECKS, workshop_checks)()
    return verify_badge(
        badge,
        resolve=resolve,
        revoked=revoked,
        now=datetime.fromtimestamp(g.now, UTC),
        schema_problems=validate_credential,
    )


def _form_error(message: str, pasted: str = "") -> str:
    return render_template("verifier.html", verdict=None, error=message, pasted=pasted[:20000])
