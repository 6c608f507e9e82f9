"""The admins' pages on the hub: accounts and laptops of their own organisation."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from hub_helpers import PASSWORD, organisation_with_code

from facilitator.hub import schema
from facilitator.hub.people import HubError, authenticate_device, enrol_device
from facilitator.hub.web import create_hub_app

NEW_PASSWORD = "un hibou rose lit le journal"


@dataclass
class Hub:
    engine: sa.Engine
    credentials: dict[str, str]  # slug -> the laptop's ID.SECRET


@pytest.fixture
def two_hubs(hub: sa.Engine) -> Hub:
    """Two organisations, each with an admin, a counsellor and one enrolled laptop."""
    credentials = {}
    for slug, name in (("ml-rouen", "ML de Rouen"), ("ml-caen", "ML de Caen")):
        code = organisation_with_code(hub, slug, name)
        with hub.begin() as conn:
            _device, secret, _org = enrol_device(conn, code, f"pc-{slug}", time.time())
        credentials[slug] = secret
    return Hub(hub, credentials)


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "no CSRF field"
    return found.group(1)


def _logged_in(engine: sa.Engine, name: str, password: str = PASSWORD) -> FlaskClient:
    web = create_hub_app(engine).test_client()
    token = _csrf(web.get("/login").get_data(as_text=True))
    answer = web.post("/login", data={"csrf": token, "nom": name, "mot_de_passe": password})
    assert answer.status_code == 303, answer.get_data(as_text=True)
    return web


def _user_id(engine: sa.Engine, name: str) -> int:
    with engine.connect() as conn:
        found = conn.execute(sa.select(schema.users.c.id).where(schema.users.c.name == name))
        return int(found.scalar_one())


def test_an_admin_adds_an_account_that_can_log_in(two_hubs: Hub) -> None:
    web = _logged_in(two_hubs.engine, "admin.ml-rouen")
    page = web.get("/admin").get_data(as_text=True)
    assert "Administration" in page and "conseil.ml-rouen" in page
    form = {"csrf": _csrf(page), "nom": "Lucie.Bernard", "role": "counsellor"}
    weak = web.post("/admin/comptes", data={**form, "mot_de_passe": "azertyuiop12"})
    assert weak.status_code == 400
    assert "trop facile à deviner" in weak.get_data(as_text=True)
    assert "Lucie.Bernard" in weak.get_data(as_text=True)  # what was typed stays
    no_token = web.post("/admin/comptes", data={**form, "csrf": "", "mot_de_passe": NEW_PASSWORD})
    assert no_token.status_code == 403
    region = web.post(
        "/admin/comptes", data={**form, "role": "region", "mot_de_passe": NEW_PASSWORD}
    )
    assert region.status_code == 400  # a region account is made by the hub's host (CLI)
    made = web.post("/admin/comptes", data={**form, "mot_de_passe": NEW_PASSWORD})
    assert made.status_code == 303 and made.headers["Location"].endswith("/admin?fait=compte")
    assert "Compte créé" in web.get("/admin?fait=compte").get_data(as_text=True)
    again = web.post("/admin/comptes", data={**form, "mot_de_passe": NEW_PASSWORD})
    assert again.status_code == 400 and "existe déjà" in again.get_data(as_text=True)
    lucie = _logged_in(two_hubs.engine, "lucie.bernard", NEW_PASSWORD)
    assert lucie.get("/sessions").status_code == 200
    assert lucie.get("/admin").status_code == 403  # a counsellor, not an admin
    with two_hubs.engine.connect() as conn:
        org = conn.execute(
            sa.select(schema.organisations.c.slug)
            .join(schema.users, schema.users.c.org_id == schema.organisations.c.id)
            .where(schema.users.c.name == "lucie.bernard")
        ).scalar_one()
    assert org == "ml-rouen"


def test_a_disabled_account_is_logged_out_at_once(two_hubs: Hub) -> None:
    engine = two_hubs.engine
    admin = _logged_in(engine, "admin.ml-rouen")
    counsellor = _logged_in(engine, "conseil.ml-rouen")
    assert counsellor.get("/sessions").status_code == 200
    csrf = _csrf(admin.get("/admin").get_data(as_text=True))
    target = _user_id(engine, "conseil.ml-rouen")
    answer = admin.post(f"/admin/comptes/{target}/desactiver", data={"csrf": csrf})
    assert answer.status_code == 303
    assert "Désactivé" in admin.get("/admin?fait=desactive").get_data(as_text=True)
    assert counsellor.get("/sessions").status_code == 302  # its session ended
    web = create_hub_app(engine).test_client()
    token = _csrf(web.get("/login").get_data(as_text=True))
    login = {"csrf": token, "nom": "conseil.ml-rouen", "mot_de_passe": PASSWORD}
    assert web.post("/login", data=login).status_code == 401
    me = _user_id(engine, "admin.ml-rouen")
    own = admin.post(f"/admin/comptes/{me}/desactiver", data={"csrf": csrf})
    assert own.status_code == 400
    assert "votre propre compte" in own.get_data(as_text=True)
    assert admin.post(f"/admin/comptes/{me}/desactiver", data={}).status_code == 403  # CSRF


def test_a_device_code_is_shown_once_and_enrols_a_laptop(two_hubs: Hub) -> None:
    web = _logged_in(two_hubs.engine, "admin.ml-caen")
    csrf = _csrf(web.get("/admin").get_data(as_text=True))
    page = web.post("/admin/code", data={"csrf": csrf})
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    found = re.search(r'class="code big-code">([A-Z0-9-]+)<', page.get_data(as_text=True))
    assert found, "no code on the page"
    code = found.group(1)
    assert code not in web.get("/admin").get_data(as_text=True)  # shown once
    with two_hubs.engine.begin() as conn:
        device, _secret, org = enrol_device(conn, code, "pc-accueil", time.time())
    assert org.slug == "ml-caen" and device.label == "pc-accueil"
    with two_hubs.engine.begin() as conn, pytest.raises(HubError):
        enrol_device(conn, code, "pc-second", time.time())  # a code works once


def test_an_admin_revokes_one_of_their_laptops(two_hubs: Hub) -> None:
    engine = two_hubs.engine
    web = _logged_in(engine, "admin.ml-rouen")
    page = web.get("/admin").get_data(as_text=True)
    assert "pc-ml-rouen" in page and "pc-ml-caen" not in page
    credential = two_hubs.credentials["ml-rouen"]
    device_id = int(credential.split(".")[0])
    answer = web.post(f"/admin/postes/{device_id}/revoquer", data={"csrf": _csrf(page)})
    assert answer.status_code == 303
    assert "Révoqué" in web.get("/admin?fait=revoque").get_data(as_text=True)
    with engine.connect() as conn:
        assert authenticate_device(conn, credential) is None
        assert authenticate_device(conn, two_hubs.credentials["ml-caen"]) is not None


def test_admin_pages_need_a_login(two_hubs: Hub) -> None:
    web = create_hub_app(two_hubs.engine).test_client()
    answer = web.get("/admin")
    assert answer.status_code == 302 and "/login?suite=/admin" in answer.headers["Location"]
    assert web.post("/admin/code", data={}).status_code == 403
    login = web.get("/login").get_data(as_text=True)
    assert "administrateur" in login and "add-counsellor" not in login  # not a laptop's accounts


def test_ids_no_database_could_hold_are_unknown(two_hubs: Hub) -> None:
    web = _logged_in(two_hubs.engine, "admin.ml-rouen")
    csrf = _csrf(web.get("/admin").get_data(as_text=True))
    for number in (0, 2**31, 2**63 - 1, 2**63, 10**40):
        for path in (f"/admin/comptes/{number}/desactiver", f"/admin/postes/{number}/revoquer"):
            assert web.post(path, data={"csrf": csrf}).status_code == 404, path
        assert web.get(f"/joueur/{number}").status_code == 404
        assert web.post(f"/joueur/{number}/notes", data={"csrf": csrf}).status_code == 404
        assert web.get(f"/audit?avant={number}").status_code == 200
        assert web.get(f"/sessions?page={number}").status_code == 200
