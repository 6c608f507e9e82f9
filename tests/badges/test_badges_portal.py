"""The portal's public badge pages through Flask's test client on a real workshop database:
« Garder mes badges », the /verifier page (valid, altered, revoked, unreadable) and the
issuers' revocation lists."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from facilitator.credentials.issuers import SqliteKeyStore
from facilitator.credentials.proof import verify
from facilitator.portal.app import create_app
from facilitator.sessions.privacy import forget
from facilitator.storage.db import open_database
from facilitator.storage.players import session_players
from tests.badges.badge_helpers import ORGANISATION, alter_one_character, issue_badges


@pytest.fixture
def world(tmp_path: Path) -> tuple[FlaskClient, Path, list[Path]]:
    db_path = tmp_path / "declic.db"
    badges = issue_badges(db_path, tmp_path / "out")
    return create_app(db_path).test_client(), db_path, badges


def _post(client: FlaskClient, **form: object) -> tuple[int, str]:
    page = client.get("/verifier").get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token
    response = client.post(
        "/verifier", data={"csrf": token.group(1), **form}, content_type="multipart/form-data"
    )
    return response.status_code, response.get_data(as_text=True)


def test_a_real_badge_is_valid_with_its_issuer_and_skill(world) -> None:  # type: ignore[no-untyped-def]
    client, _db, badges = world
    data = json.loads(badges[0].read_text(encoding="utf-8"))
    code, page = _post(client, badge=badges[0].read_text(encoding="utf-8"))
    assert code == 200 and "Badge valide" in page
    assert ORGANISATION in page and data["credentialSubject"]["achievement"]["name"] in page
    upload = (io.BytesIO(badges[1].read_bytes()), badges[1].name)
    code, page = _post(client, fichier=upload)
    assert code == 200 and "Badge valide" in page


def test_altered_revoked_and_unreadable_badges(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    client, db_path, badges = world
    altered = alter_one_character(badges[0], tmp_path / "altered.json")
    code, page = _post(client, badge=altered.read_text(encoding="utf-8"))
    assert code == 200 and "Badge modifié" in page and "Badge valide" not in page

    code, page = _post(client, badge='{"@context": [')
    assert code == 400 and "JSON invalide ligne 1" in page
    code, page = _post(client, badge="")
    assert code == 400 and "collez son texte" in page
    code, page = _post(client, badge="x" * 300_000)
    assert code == 413 and "trop gros" in page

    db = open_database(db_path)
    player = session_players(db, 1)[0]
    mine = [p for p in badges if p.name.startswith(player.short_code)]
    kept = mine[0].read_text(encoding="utf-8")
    forget(db, player)
    db.close()
    code, page = _post(client, badge=kept)
    assert code == 200 and "Badge révoqué" in page


def test_keep_my_badges_page_and_downloads(world) -> None:  # type: ignore[no-untyped-def]
    client, db_path, badges = world
    db = open_database(db_path)
    player = session_players(db, 1)[0]
    db.close()
    mine = sorted(p.name for p in badges if p.name.startswith(player.short_code))
    card = client.get(f"/s/{player.token}").get_data(as_text=True)
    assert f"/s/{player.token}/badges" in card and "Garder mes badges" in card
    page = client.get(f"/s/{player.token}/badges").get_data(as_text=True)
    assert page.count("Télécharger ce badge") == len(mine) > 0
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/s/{player.token}/badges.zip").data))
    assert sorted(archive.namelist()) == mine
    one = client.get(f"/s/{player.token}/badges/{mine[0]}")
    assert one.status_code == 200 and "attachment" in one.headers["Content-Disposition"]
    assert json.loads(one.data)["proof"]
    assert client.get(f"/s/{player.token}/badges/../../declic.db").status_code == 404
    assert client.get("/s/not-a-token/badges").status_code == 404


def test_the_status_list_is_served_signed_by_the_issuer(world) -> None:  # type: ignore[no-untyped-def]
    client, db_path, badges = world
    url = json.loads(badges[0].read_text(encoding="utf-8"))["credentialStatus"][
        "statusListCredential"
    ]
    response = client.get("/statuts/" + url.rsplit("/", 1)[-1])
    assert response.status_code == 200 and response.mimetype == "application/vc+ld+json"
    listed = json.loads(response.data)
    assert listed["id"] == url and listed["type"][1] == "BitstringStatusListCredential"
    db = open_database(db_path)
    assert verify(listed, SqliteKeyStore(db).public_key).valid
    db.close()
    assert client.get("/statuts/inconnu").status_code == 404
