"""``declic hub …`` through ``declic.cli.main``, on a hub database and on a laptop."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from hub_helpers import PASSWORD, play
from PIL import Image

from declic.cli import main
from facilitator.hub import schema
from facilitator.hub.database import open_hub
from facilitator.hub.web import ServerThread, create_hub_app
from facilitator.storage.db import open_database


def _hub(hub_url: str, *args: str) -> int:
    return main(["hub", *args, "--db", hub_url])


def _code(hub_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert _hub(hub_url, "device-code", "ml-rouen") == 0
    return capsys.readouterr().out.split(" : ", 1)[1].split()[0]


def test_organisations_people_and_devices(
    hub_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    org = ("add-organisation", "ml-rouen", "--name", "Mission Locale de Rouen")
    assert _hub(hub_url, *org, "--departement", "76") == 0
    assert "Mission Locale de Rouen" in capsys.readouterr().out
    assert _hub(hub_url, *org) == 1
    assert "existe déjà" in capsys.readouterr().err
    assert _hub(hub_url, "add-organisation", "Rouen!", "--name", "x") == 1
    assert "invalide" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    user = ("add-user", "anne", "--org", "ml-rouen", "--role", "counsellor", "--password-stdin")
    assert _hub(hub_url, *user) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("court\n"))
    assert (
        _hub(hub_url, "add-user", "bob", "--org", "ml-rouen", "--role", "admin", "--password-stdin")
        == 1
    )
    assert "trop court" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert (
        _hub(
            hub_url, "add-user", "eve", "--org", "nulle-part", "--role", "admin", "--password-stdin"
        )
        == 1
    )
    assert "aucune organisation" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        _hub(hub_url, "add-user", "eve", "--org", "ml-rouen", "--role", "chef")
    assert usage.value.code == 2
    capsys.readouterr()
    code = _code(hub_url, capsys)
    assert len(code.replace("-", "")) == 12
    assert _hub(hub_url, "revoke-device", "7") == 1
    assert "aucun poste" in capsys.readouterr().err
    assert _hub(hub_url, "retention", "ml-rouen", "365") == 0
    assert "365 jours" in capsys.readouterr().out
    engine = open_hub(hub_url)
    with engine.connect() as conn:
        users = conn.execute(sa.select(schema.users.c.name, schema.users.c.role)).all()
        hashes = conn.execute(sa.select(schema.device_codes.c.code_hash)).scalars().all()
    engine.dispose()
    assert users == [("anne", "counsellor")]
    assert code.replace("-", "") not in hashes  # only its hash is stored


def test_a_laptop_enrols_pushes_and_its_cards_point_at_the_hub(
    hub_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from zxingcpp import read_barcodes

    assert _hub(hub_url, "add-organisation", "ml-rouen", "--name", "Mission Locale de Rouen") == 0
    code = _code(hub_url, capsys)
    laptop = tmp_path / "declic.db"
    play(laptop)
    engine = open_hub(hub_url)
    with ServerThread(create_hub_app(engine)) as server:
        local = ("--db", str(laptop))
        assert main(["hub", "status", *local]) == 0
        assert "inscrit à aucun hub" in capsys.readouterr().out
        assert main(["hub", "enrol", server.url, code, *local]) == 0
        assert "Mission Locale de Rouen" in capsys.readouterr().out
        assert main(["hub", "enrol", server.url, code, *local]) == 1
        assert "déjà utilisé" in capsys.readouterr().err
        assert main(["hub", "status", *local]) == 0
        assert "séance 1 · " in (out := capsys.readouterr().out) and "en attente" in out
        assert main(["hub", "push", *local]) == 0
        assert "Séance 1 envoyée." in capsys.readouterr().out
        assert main(["hub", "push", *local]) == 0
        assert "Rien à envoyer" in capsys.readouterr().out
        assert main(["hub", "status", *local]) == 0
        assert ": envoyée" in capsys.readouterr().out
        out_dir = tmp_path / "cartes"
        assert main(["summary", "1", "--out", str(out_dir), *local]) == 0
        err = capsys.readouterr().err
        assert "une adresse de cet ordinateur ou du réseau local" in err  # the hub is on 127.0.0.1
        png = sorted((out_dir / "cartes").glob("*.png"))[0]
        (link,) = [r.text for r in read_barcodes(Image.open(png))]
        assert link.startswith(f"{server.url}/s/")
        web = create_hub_app(engine).test_client()
        assert web.get(link.removeprefix(server.url)).status_code == 200
        assert main(["hub", "devices", "--db", hub_url]) == 0
        assert "ml-rouen" in capsys.readouterr().out
        assert main(["hub", "revoke-device", "1", "--db", hub_url]) == 0
        play(laptop, "demo-rally")
        assert main(["hub", "push", *local]) == 1
        assert "retiré" in capsys.readouterr().err
    engine.dispose()


def test_a_public_address_gets_no_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop = tmp_path / "declic.db"
    play(laptop)
    args = ["summary", "1", "--out", str(tmp_path / "o"), "--db", str(laptop)]
    assert main([*args, "--base-url", "https://hub.ml-rouen.fr"]) == 0
    assert "réseau local" not in capsys.readouterr().err
    assert main(args) == 0
    assert "http://127.0.0.1:8765" in capsys.readouterr().err


def test_pushing_to_an_unreachable_hub_loses_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from facilitator.storage.hub_link import HubLink, save_link

    laptop = tmp_path / "declic.db"
    play(laptop)
    db = open_database(laptop)
    save_link(db, HubLink("http://127.0.0.1:9", "1.secret", "ML"))
    db.close()
    assert main(["hub", "push", "--db", str(laptop)]) == 1
    assert "Rien n'est perdu" in capsys.readouterr().err
    assert main(["hub", "status", "--db", str(laptop)]) == 0
    assert "en attente" in capsys.readouterr().out
    db = open_database(laptop)
    db.execute("UPDATE sessions SET scenario_path = '/nulle/part.yaml'")
    db.conn.commit()
    db.close()
    assert main(["hub", "status", "--db", str(laptop)]) == 0
    assert "en attente (scénario introuvable" in capsys.readouterr().out


def test_a_finished_game_is_pushed_in_the_background(
    hub_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from facilitator.hub import client

    assert _hub(hub_url, "add-organisation", "ml-rouen", "--name", "Mission Locale de Rouen") == 0
    code = _code(hub_url, capsys)
    laptop = tmp_path / "declic.db"
    engine = open_hub(hub_url)
    with ServerThread(create_hub_app(engine)) as server:
        db = open_database(laptop)
        client.enrol(db, server.url, code)
        db.close()
        play(laptop)  # the game's end starts the push; the game does not wait for it
        deadline = time.monotonic() + 60
        committed: list[str] = []
        while time.monotonic() < deadline and committed != ["committed"]:
            time.sleep(0.2)
            with engine.connect() as conn:
                committed = list(conn.execute(sa.select(schema.sessions.c.state)).scalars())
    engine.dispose()
    assert committed == ["committed"]


def test_the_local_portal_names_the_mission_locale_once_enrolled(tmp_path: Path) -> None:
    from facilitator.portal.app import create_app
    from facilitator.storage.hub_link import HubLink, save_link

    laptop = tmp_path / "declic.db"
    play(laptop)
    db = open_database(laptop)
    token = db.execute("SELECT token FROM players").fetchone()[0]
    db.close()
    web = create_app(laptop).test_client()
    assert ">Mission Locale</span>" in web.get(f"/s/{token}").get_data(as_text=True)
    db = open_database(laptop)
    save_link(db, HubLink("https://hub.ml-rouen.fr", "1.x", "Mission Locale de Rouen"))
    db.close()
    assert ">Mission Locale de Rouen</span>" in web.get(f"/s/{token}").get_data(as_text=True)
