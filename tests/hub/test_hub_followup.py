# ruff: noqa: F811  (the two_orgs fixture is imported from test_hub_pages)
"""Follow-ups and dashboards on the hub, on SQLite and PostgreSQL: positioning, stages in
order, the young person's view, the dashboards' figures, « < 5 », erasure."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask.testing import FlaskClient
from test_hub_pages import TwoOrgs, _csrf, _log_in, two_orgs  # noqa: F401 (fixture)

from facilitator.hub import dashboards, erase, schema, stages, youth
from facilitator.hub.web import create_hub_app

TODAY = date.today()


def _table(web: FlaskClient, slug: str) -> dict[str, dict[str, str]]:
    answer = web.get(f"/tableau-de-bord/{slug}.csv")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    rows = list(
        csv.reader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff")), delimiter=";")
    )
    header = rows[0]
    return {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:]}


def _followup_ids(engine: sa.Engine, row: int) -> list[int]:
    f = schema.followups
    with engine.connect() as conn:
        return list(
            conn.execute(sa.select(f.c.id).where(f.c.player_row == row).order_by(f.c.id)).scalars()
        )


def _step(web: FlaskClient, csrf: str, followup: int, stage: str, on: date, **more: str) -> str:
    answer = web.post(
        f"/suivis/{followup}/etape",
        data={"csrf": csrf, "etape": stage, "date": on.isoformat(), **more},
    )
    assert answer.status_code == 303
    return answer.headers["Location"]


def test_positioned_then_entered_shows_on_both_dashboards_and_the_young_persons_page(
    two_orgs: TwoOrgs,
) -> None:
    app = create_hub_app(two_orgs.engine)
    web = app.test_client()
    assert _log_in(web, "conseil.ml-rouen") == 303
    csrf = _csrf(web.get("/stats").get_data(as_text=True))
    rouen = two_orgs.players["ml-rouen"]
    assert len(rouen) >= 5
    start = TODAY - timedelta(days=10)
    for row, _pseudonym, _token, _code in rouen:
        answer = web.post(
            f"/joueur/{row}/suivis",
            data={
                "csrf": csrf,
                "formation": "CAP Cuisine",
                "lieu": "Rouen",
                "date": start.isoformat(),
            },
        )
        assert answer.status_code == 303 and "suivi=positionne" in answer.headers["Location"]
    first = _followup_ids(two_orgs.engine, rouen[0][0])[0]
    refused = _step(web, csrf, first, "entre", TODAY)
    assert "erreur=" in refused
    page = web.get(refused).get_data(as_text=True)
    assert "après « positionné », l&#39;étape suivante est « sélection », « abandon »" in page
    assert "date doit être" in web.get(
        _step(web, csrf, first, "selection", start - timedelta(days=1))
    ).get_data(as_text=True)
    for row, _p, _t, _c in rouen:
        followup = _followup_ids(two_orgs.engine, row)[0]
        _step(web, csrf, followup, "selection", start + timedelta(days=2))
        _step(web, csrf, followup, "retenu", start + timedelta(days=3), commentaire="appel privé")
        _step(web, csrf, followup, "entre", TODAY)
    n = len(rouen)
    own = _table(web, "mois")["Total"]
    assert own["Positionnés"] == own["Entrés en formation"] == str(n)
    assert own["Joueurs"] == str(n)
    region = create_hub_app(two_orgs.engine).test_client()
    assert _log_in(region, "region.normandie") == 303
    everywhere = _table(region, "territoires")
    # Caen's 0 is « < 5 »; Rouen's 5 and the total would give it back, so they are hidden too
    assert everywhere["Mission Locale de Caen"]["Entrés en formation"] == "< 5"
    assert everywhere["Mission Locale de Rouen"]["Entrés en formation"] == "secret"
    assert everywhere["Total"]["Entrés en formation"] == "secret"
    assert _table(region, "mois")["Total"]["Entrés en formation"] == "secret"  # alike everywhere
    players = sum(len(r) for r in two_orgs.players.values())
    assert everywhere["Total"]["Joueurs"] == str(players)
    anyone = app.test_client()
    youth = anyone.get(f"/s/{rouen[0][2]}").get_data(as_text=True)
    assert "CAP Cuisine" in youth and "Votre formation a commencé" in youth
    assert "appel privé" not in youth and "conseil.ml-rouen" not in youth
    other = anyone.get(f"/s/{two_orgs.players['ml-caen'][0][2]}").get_data(as_text=True)
    assert "CAP Cuisine" not in other
    assert "appel privé" in web.get(f"/joueur/{rouen[0][0]}").get_data(as_text=True)


def test_open_follow_ups_oldest_first_with_the_late_ones_flagged(two_orgs: TwoOrgs) -> None:
    web = create_hub_app(two_orgs.engine).test_client()
    assert _log_in(web, "conseil.ml-rouen") == 303
    csrf = _csrf(web.get("/stats").get_data(as_text=True))
    rouen = two_orgs.players["ml-rouen"]
    for (row, _p, _t, _c), days in zip(rouen[:3], (3, 40, 20), strict=True):
        on = (TODAY - timedelta(days=days)).isoformat()
        web.post(f"/joueur/{row}/suivis", data={"csrf": csrf, "formation": f"F{days}", "date": on})
    closed = _followup_ids(two_orgs.engine, rouen[0][0])[0]
    _step(web, csrf, closed, "abandon", TODAY, motif="mobilite")
    page = web.get("/suivis").get_data(as_text=True)
    listed = re.findall(r"<td>(F\d+)</td>", page)
    assert listed == ["F40", "F20"]  # the closed one is gone, the oldest comes first
    assert page.count("en attente</strong>") == 1
    other = create_hub_app(two_orgs.engine).test_client()
    assert _log_in(other, "admin.ml-rouen") == 303
    assert "F40" not in other.get("/suivis").get_data(as_text=True)  # a counsellor's own list
    caen = create_hub_app(two_orgs.engine).test_client()
    assert _log_in(caen, "conseil.ml-caen") == 303
    late = _followup_ids(two_orgs.engine, rouen[1][0])[0]
    answer = caen.post(
        f"/suivis/{late}/etape",
        data={
            "csrf": _csrf(caen.get("/stats").get_data(as_text=True)),
            "etape": "selection",
            "date": TODAY.isoformat(),
        },
    )
    assert answer.status_code == 404  # another organisation's follow-up: as if unknown
    assert "F40" not in caen.get(f"/joueur/{rouen[1][0]}").get_data(as_text=True)


def test_forget_removes_the_follow_ups_and_every_figure_counting_them(two_orgs: TwoOrgs) -> None:
    web = create_hub_app(two_orgs.engine).test_client()
    assert _log_in(web, "conseil.ml-rouen") == 303
    csrf = _csrf(web.get("/stats").get_data(as_text=True))
    rouen = two_orgs.players["ml-rouen"]
    for row, _p, _t, _c in rouen:
        web.post(f"/joueur/{row}/suivis", data={"csrf": csrf, "formation": "BPJEPS"})
    row, _pseudonym, token, _code = rouen[0]
    with two_orgs.engine.begin() as conn:
        erase.forget_player(conn, "ml-rouen", token, 2.0)
    with two_orgs.engine.connect() as conn:
        assert _followup_ids(two_orgs.engine, row) == []
        left = conn.execute(
            sa.select(sa.func.count()).select_from(schema.followup_steps)
        ).scalar_one()
        assert left == len(rouen) - 1
        kept = sorted(tuple(r) for r in dashboards.figures(conn, None))
    with two_orgs.engine.begin() as conn:
        for org_id in conn.execute(sa.select(schema.organisations.c.id)).scalars():
            dashboards.rebuild(conn, org_id)
        assert sorted(tuple(r) for r in dashboards.figures(conn, None)) == kept
        positioned = sum(
            r.value for r in dashboards.figures(conn, None) if r.measure == "positionne"
        )
        players = sum(r.value for r in dashboards.figures(conn, None) if r.measure == "players")
    assert positioned == len(rouen) - 1
    assert players == sum(len(r) for r in two_orgs.players.values()) - 1


def test_the_figures_at_push_match_a_full_recount(two_orgs: TwoOrgs) -> None:
    with two_orgs.engine.begin() as conn:
        at_push = sorted(tuple(r) for r in dashboards.figures(conn, None))
        for org_id in conn.execute(sa.select(schema.organisations.c.id)).scalars():
            dashboards.rebuild(conn, org_id)
        assert sorted(tuple(r) for r in dashboards.figures(conn, None)) == at_push
    workshops = sum(r[-1] for r in at_push if r[3] == "workshops")
    assert workshops == 3


def test_a_counsellor_positions_on_an_offer_of_the_hubs_catalogue(
    two_orgs: TwoOrgs, tmp_path: Path
) -> None:
    from declic.cli import main
    from facilitator.hub.catalogue import CATALOGUE_ENV

    lheo = Path(__file__).resolve().parent.parent / "trainings" / "data" / "offres-lheo23.xml"
    catalogue = tmp_path / "formations.db"
    assert main(["hub", "trainings", "import", str(lheo), "--catalogue", str(catalogue)]) == 0
    app = create_hub_app(two_orgs.engine)
    app.config[CATALOGUE_ENV] = str(catalogue)
    web = app.test_client()
    assert _log_in(web, "conseil.ml-rouen") == 303
    pages = {
        r: web.get(f"/joueur/{r}").get_data(as_text=True) for r, *_ in two_orgs.players["ml-rouen"]
    }
    # the kitchen escape game's players are offered the catalogue's « Commis de cuisine »
    found = [r for r, page in pages.items() if "Positionner sur une formation du catalogue" in page]
    assert found
    row = found[0]
    page = pages[row]
    ref = re.search(r'name="ref" value="([^"]+)"', page)
    assert ref and ref.group(1).startswith("lheo:")
    web.post(
        f"/joueur/{row}/suivis",
        data={
            "csrf": _csrf(page),
            "formation": "Titre professionnel Commis de cuisine",
            "lieu": "Caen",
            "ref": ref.group(1),
        },
    )
    with two_orgs.engine.connect() as conn:
        stored = conn.execute(sa.select(schema.followups.c.training_ref)).scalars().all()
    assert stored == [ref.group(1)]
    bare = create_hub_app(two_orgs.engine)
    bare.config[CATALOGUE_ENV] = str(tmp_path / "absent.db")
    other = bare.test_client()
    assert _log_in(other, "conseil.ml-rouen") == 303
    assert "du catalogue" not in other.get(f"/joueur/{row}").get_data(as_text=True)


def test_the_young_persons_page_reads_every_training_in_order_and_forgets_at_once(
    two_orgs: TwoOrgs,
) -> None:
    """The page's one statement joins the trainings to the card's row: two trainings give two
    rows but one card, in the order they were given; an erased player's page is a 404 at the
    next request of the same running application (nothing kept between requests)."""
    app = create_hub_app(two_orgs.engine)
    web = app.test_client()
    assert _log_in(web, "conseil.ml-rouen") == 303
    csrf = _csrf(web.get("/stats").get_data(as_text=True))
    row, pseudonym, token, _code = two_orgs.players["ml-rouen"][0]
    anyone = app.test_client()
    before = anyone.get(f"/s/{token}").get_data(as_text=True)
    assert pseudonym in before and "Mes formations" not in before
    for title in ("CAP Cuisine", "BPJEPS Animation"):
        web.post(f"/joueur/{row}/suivis", data={"csrf": csrf, "formation": title})
    page = anyone.get(f"/s/{token}").get_data(as_text=True)
    assert page.count(f">{pseudonym}<") == before.count(f">{pseudonym}<") >= 1
    trainings = re.findall(r"<h3>([^<]+)</h3>", page.split("Mes formations", 1)[1])
    assert trainings == ["CAP Cuisine", "BPJEPS Animation"]
    with two_orgs.engine.begin() as conn:
        erase.forget_player(conn, "ml-rouen", token, 2.0)
    gone = anyone.get(f"/s/{token}")
    assert gone.status_code == 404
    assert pseudonym not in gone.get_data(as_text=True)
    assert "CAP Cuisine" not in gone.get_data(as_text=True)


def test_the_pages_driver_read_gives_what_sqlalchemy_reads(two_orgs: TwoOrgs) -> None:
    """``youth.PageReader`` runs the page's statement on the driver itself (no SQLAlchemy
    execution layer): the same card, Mission Locale and trainings, dates as dates on SQLite
    too, as ``page_by_token`` through SQLAlchemy; unknown, overlong and erased tokens: None."""
    app = create_hub_app(two_orgs.engine)
    web = app.test_client()
    assert _log_in(web, "conseil.ml-rouen") == 303
    csrf = _csrf(web.get("/stats").get_data(as_text=True))
    row, _pseudonym, token, _code = two_orgs.players["ml-rouen"][0]
    web.post(f"/joueur/{row}/suivis", data={"csrf": csrf, "formation": "CAP Cuisine"})
    (followup,) = _followup_ids(two_orgs.engine, row)
    _step(web, csrf, followup, "selection", TODAY)
    reader = youth.PageReader(two_orgs.engine)
    for _ in range(7):  # past psycopg's threshold: the statement is then prepared server-side
        fast = reader.page(token)
    with two_orgs.engine.connect() as conn:
        slow = youth.page_by_token(conn, token)
    assert fast is not None and fast == slow
    assert [(t.training_title, t.stage_label, t.since) for t in fast.trainings] == [
        ("CAP Cuisine", stages.LABELS["selection"], TODAY)
    ]
    assert fast.organisation == "Mission Locale de Rouen"
    assert reader.page("absent") is None and reader.page("x" * 500) is None
    with two_orgs.engine.begin() as conn:
        erase.forget_player(conn, "ml-rouen", token, 2.0)
    assert reader.page(token) is None
