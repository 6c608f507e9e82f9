# ruff: noqa: F811  (the browser and shots fixtures are imported from test_hub_e2e)
"""End to end in a real headless Chromium: a counsellor positions a young person on a training
and moves them to « entré en formation »; the organisation's and the region's dashboards
change; the young person sees it on their page. 0 axe-core violations on every page."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa
from hub_helpers import PASSWORD, organisation_with_code, play
from test_hub_e2e import DESKTOP, PHONE, _no_violations, _page, browser, expect, shots  # noqa: F401

from declic.cli import main
from facilitator.hub import client, followups, schema, stages
from facilitator.hub.catalogue import CATALOGUE_ENV
from facilitator.hub.people import add_user
from facilitator.hub.web import ServerThread, create_hub_app
from facilitator.storage.db import open_database

LHEO = Path(__file__).resolve().parent.parent / "trainings" / "data" / "offres-lheo23.xml"
COLUMN = 6  # « Entrés en formation » after the row's header


def _log_in(page, url: str, name: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url + "/login")
    page.get_by_label("Nom").fill(name)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def _entered_total(page, url: str) -> str:  # type: ignore[no-untyped-def]
    page.goto(url + "/tableau-de-bord")
    total = page.locator("#mois tr.total td").nth(COLUMN - 1)
    return str(total.inner_text())


def test_a_counsellor_moves_a_young_person_to_entered_and_the_dashboards_follow(
    browser, hub: sa.Engine, tmp_path: Path, shots: Path, hub_url: str
) -> None:  # type: ignore[no-untyped-def]
    engine_name = hub_url.split(":", 1)[0]
    catalogue = tmp_path / "formations.db"
    assert main(["hub", "trainings", "import", str(LHEO), "--catalogue", str(catalogue)]) == 0
    app = create_hub_app(hub)
    app.config[CATALOGUE_ENV] = str(catalogue)
    with ServerThread(app) as server:
        code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
        laptop = tmp_path / "declic.db"
        for scenario in ("demo-escape", "demo-rally"):
            play(laptop, scenario)
        db = open_database(laptop)
        client.enrol(db, server.url, code)
        assert len(client.push_waiting(db).pushed) == 2
        db.close()
        p = schema.players
        with hub.begin() as conn:
            add_user(conn, "region.normandie", "ml-rouen", "region", PASSWORD, 1.0)
            rows = conn.execute(sa.select(p.c.id, p.c.pseudonym, p.c.token).order_by(p.c.id)).all()
            assert len(rows) >= 5
            today = date.today()
            org = conn.execute(sa.select(schema.organisations.c.id)).scalar_one()
            for row in rows[1:5]:  # four already in training: the dashboards show « < 5 »
                made = followups.position(
                    conn,
                    org,
                    row.id,
                    "conseil.ml-rouen",
                    "CAP Cuisine",
                    "Rouen",
                    today - timedelta(days=30),
                    today,
                    1.0,
                )
                assert made is not None
                for stage in (stages.SELECTION, stages.RETAINED, stages.ENTERED):
                    followups.advance(
                        conn,
                        org,
                        made,
                        stages.Step(stage, today),
                        None,
                        "conseil.ml-rouen",
                        today,
                        1.0,
                    )
        chosen = rows[0]

        region = _page(browser, DESKTOP)
        _log_in(region, server.url, "region.normandie")
        assert _entered_total(region, server.url) == "< 5"

        page = _page(browser, DESKTOP)
        _log_in(page, server.url, "conseil.ml-rouen")
        assert _entered_total(page, server.url) == "< 5"
        page.goto(f"{server.url}/joueur/{chosen.id}")
        offer = "Positionner sur Titre professionnel Commis de cuisine, Caen"
        page.get_by_role("button", name=offer).click()
        expect(page.get_by_role("status")).to_contain_text("positionné")
        for stage in ("sélection", "retenu", "entré en formation"):
            page.get_by_label(stage, exact=True).check()
            if stage == "retenu":
                page.get_by_label("Commentaire (visible des conseillers seulement)").fill(
                    "Entretien réussi"
                )
            page.get_by_role("button", name="Enregistrer l'étape").click()
            expect(page.get_by_role("status")).to_contain_text(stage)
        expect(page.locator("#suivi")).to_contain_text("Suivi terminé.")
        page.screenshot(path=str(shots / f"hub-{engine_name}-suivi-joueur.png"), full_page=True)
        _no_violations(page)

        assert _entered_total(page, server.url) == "5"
        page.screenshot(path=str(shots / f"hub-{engine_name}-tableau-de-bord.png"), full_page=True)
        _no_violations(page)
        page.goto(server.url + "/suivis")
        _no_violations(page)

        assert _entered_total(region, server.url) == "5"
        content = region.content()
        assert all(r.pseudonym not in content for r in rows)
        region.screenshot(
            path=str(shots / f"hub-{engine_name}-tableau-de-bord-region.png"), full_page=True
        )
        _no_violations(region)

        young = _page(browser, PHONE)
        young.goto(f"{server.url}/s/{chosen.token}")
        expect(young.get_by_role("heading", name="Mes formations")).to_be_visible()
        expect(young.locator(".trainings")).to_contain_text("Titre professionnel Commis de cuisine")
        expect(young.locator(".trainings")).to_contain_text("Votre formation a commencé")
        assert "Entretien réussi" not in young.content()
        young.screenshot(
            path=str(shots / f"hub-{engine_name}-carte-formations.png"), full_page=True
        )
        _no_violations(young)
        for opened in (young, page, region):
            opened.context.close()
