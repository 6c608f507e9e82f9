"""The facilitator's home beyond one workshop: its texts in both languages, job names and
pictures on the scenario cards, long lists turned page by page (mouse, keyboard, pad),
« Réglages » (the hub typed with the on-screen keys, the scenario folder, language and
defaults, kept where the command line reads them), the hub's status and « Envoyer au hub »
on finished workshops, « Téléphones » when a workshop starts.

Real components: the home window on SDL's dummy driver driven by the player's test driver,
real SQLite files, a real hub served on 127.0.0.1. No timing: a background call is waited
for, or held by an event the test releases.
"""

from __future__ import annotations

import ast
import os
import re
import threading
import time
from pathlib import Path
from typing import Any, cast

import pytest

pytest.importorskip("pygame")

import pygame
import yaml

from declic.cli import main
from declic.commands.session import write_cards
from engine.player.audit import audit
from engine.player.driver import Driver
from engine.player.home import Home
from engine.player.home_port import HomeSettings, Launch
from engine.player.run import run_game
from engine.player.screens import home as pages
from engine.reference.icons import is_known
from engine.shipped import shipped_scenarios
from facilitator.hub.home import HubForHome
from facilitator.sessions import settings as kept
from facilitator.sessions.home import WorkshopHome
from facilitator.sessions.privacy import get_retention
from facilitator.sessions.scripted_game import play_new_session
from facilitator.sessions.service import create_session
from facilitator.storage.db import open_database

ROOT = Path(__file__).resolve().parents[2]
SHOTS = os.environ.get("DECLIC_HOME_SHOTS")  # set to a folder to keep the pictures (docs)
DEMO = next(p for p in shipped_scenarios() if p.stem == "demo-escape")


def shot(home: Home, name: str) -> None:
    home.frame()
    if SHOTS:
        home.screenshot(Path(SHOTS) / f"home-{name}.png")


def tap(drive: Driver, text: str) -> None:
    """Type ``text`` with the home's keys on screen (they have « : » and « / »)."""
    for char in text.lower():
        drive.press(f"home:key:{char}", None)


def locale(language: str) -> dict[str, Any]:
    return yaml.safe_load((ROOT / "assets" / "locale" / f"{language}.yaml").read_text("utf-8"))


class Seen:
    """The game window the home opens: only remembers what it was asked to open."""

    def __init__(self) -> None:
        self.launched: list[Launch] = []

    def __call__(self, launch: Launch) -> None:
        self.launched.append(launch)


def make_home(tmp: Path, device: str = "mouse", **port_options: Any) -> tuple[Home, Driver, Any]:
    db = open_database(tmp / "atelier.db")
    port = WorkshopHome(db, None, write_cards, **port_options)
    home = Home(port, headless=True, launcher=Seen(), show_file=lambda _p: None)
    return home, Driver(cast(Any, home), device), db


# --- 1. texts ------------------------------------------------------------------------------


def test_every_home_text_is_in_both_locale_files() -> None:
    sources = [
        ROOT / "engine" / "player" / name
        for name in ("home.py", "home_perform.py", "screens/home.py")
    ]
    used = set()
    for source in sources:
        used |= set(re.findall(r"""["'](home\.[a-z_.]+)["']""", source.read_text("utf-8")))
    used |= {f"home.title.{page}" for page in pages.PAGES}
    used |= {f"home.status.{s}" for s in ("lobby", "playing", "ended")}
    used |= {f"home.language.{lang}" for lang in ("fr", "en")}
    assert len(used) > 50
    for language in ("fr", "en"):
        found = locale(language)
        missing = sorted(key for key in used if key not in found)
        assert missing == [], f"{language}.yaml: {missing}"
    fr_home = {k for k in locale("fr") if k.startswith("home.")}
    assert fr_home == {k for k in locale("en") if k.startswith("home.")}
    assert fr_home == used  # and none left over
    # no French words left in the screens' strings (docstrings aside): they come from the files
    for source in sources:
        tree = ast.parse(source.read_text("utf-8"))
        docs = {
            id(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        }
        strings = [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docs
        ]
        french = [s for s in strings if re.search(r"[éèàç]|\b(le|la|les|un|une|des)\b ", s)]
        assert french == [], f"{source.name}: {french}"


def test_the_home_speaks_english_once_chosen_in_the_settings(tmp_path: Path) -> None:
    home, drive, db = make_home(tmp_path)
    try:
        drive.press("home:settings", None)
        drive.press("home:language:en", None)
        drive.press("home:save", None)
        assert kept.read_settings(db).language == "en"
        drive.press("home:back", None)
        labels = {w.key: w.label for w in home.widgets}
        assert labels["home:new"] == "New workshop" and labels["home:settings"] == "Settings"
        shot(home, "21-accueil-en-anglais")
    finally:
        home.close()
        db.close()
    again, _drive, db = make_home(tmp_path)  # kept: the next home opens in English
    try:
        again.frame()
        assert again.find("home:resume").label == "Resume"
    finally:
        again.close()
        db.close()


# --- 2. the scenario cards -------------------------------------------------------------------


def test_scenario_cards_name_the_jobs_and_show_the_scenarios_pictures(tmp_path: Path) -> None:
    home, drive, db = make_home(tmp_path)
    try:
        drive.press("home:new", None)
        card = next(c for c in home.cards if c.path == DEMO)
        assert card.icons and all(is_known(icon) for icon in card.icons)
        widget = home.find("home:scenario:demo-escape/demo-escape")
        assert "Commis / Commise de cuisine" in widget.label  # ROME 4.0's name, not G1602
        assert "G1602" not in widget.label
        assert pages.job_names(("G1605", "Z9999")) == [
            "Plongeur officier / Plongeuse officière de cuisine",
            "Z9999",
        ]
    finally:
        home.close()
        db.close()


# --- 3. pages --------------------------------------------------------------------------------


def copies(folder: Path, n: int) -> None:
    text = DEMO.read_text("utf-8")
    for i in range(n):
        target = folder / f"atelier-{i:02}" / f"atelier-{i:02}.yaml"
        target.parent.mkdir(parents=True)
        target.write_text(
            text.replace("id: demo-escape", f"id: atelier-{i:02}", 1).replace(
                'title: "', f'title: "Atelier {i:02} — ', 1
            ),
            encoding="utf-8",
        )


def test_many_scenarios_turn_page_by_page_with_mouse_keyboard_and_pad(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios-ml"
    copies(folder, 20)
    home, drive, db = make_home(tmp_path, "keyboard")
    try:
        # the Mission Locale's folder, typed in « Réglages » with the computer's keyboard
        drive.press("home:settings", None)
        drive.press("home:field:folder", None)
        drive.type(str(folder), None, "home:key")
        drive.press("home:save", None)
        assert "enregistrés" in (home.page.message or "")
        assert kept.read_settings(db).scenario_folder == str(folder)
        shot(home, "10-reglages-dossier")
        drive.press("home:back", None)
        drive.press("home:new", None)
        total = len(shipped_scenarios()) + 20
        assert len(home.cards) == total
        seen: list[str] = []

        def on_screen() -> list[str]:
            return [w.key for w in home.widgets if w.key.startswith("home:scenario:")]

        seen += on_screen()
        assert len(seen) == 8 and home.find("home:previous") is None
        assert home.find("home:where").label == "Page 1 sur 4"
        drive.press("home:next", None)  # Tab to it, Entrée
        seen += on_screen()
        drive.key(pygame.K_PAGEDOWN)  # Page suivante
        drive.frames(1)
        seen += on_screen()
        Driver(cast(Any, home), "mouse").press("home:next", None)
        drive.frames(1)
        shot(home, "9-scenarios-page-4")
        last = on_screen()
        seen += last
        assert home.find("home:next") is None and home.find("home:where").label == "Page 4 sur 4"
        assert len(last) == total - 24 and len(set(seen)) == total  # each card once
        drive.key(pygame.K_PAGEDOWN)  # past the last page: stays
        drive.frames(1)
        assert on_screen() == last
        drive.key(pygame.K_PAGEUP)
        drive.frames(1)
        assert home.find("home:where").label == "Page 3 sur 4"
        # a pad: the cursor to « Précédent » and A, then a shoulder button
        pad = Driver(cast(Any, home), "gamepad")
        pad.press("home:previous", None)
        assert home.find("home:where").label == "Page 2 sur 4"
        instance = next(iter(home.ui.pads))
        pygame.event.post(
            pygame.event.Event(pygame.JOYBUTTONDOWN, instance_id=instance, joy=instance, button=4)
        )
        drive.frames(1)
        assert home.find("home:where").label == "Page 1 sur 4"
    finally:
        home.close()
        db.close()


def test_many_sessions_turn_page_by_page(tmp_path: Path) -> None:
    home, drive, db = make_home(tmp_path, "touch")
    try:
        for _ in range(14):
            create_session(db, DEMO)
        drive.press("home:resume", None)
        rows = [w.key for w in home.widgets if w.key.startswith("home:session:")]
        assert rows == [f"home:session:{n}" for n in range(14, 8, -1)]  # newest first
        drive.press("home:next", None)
        drive.press("home:next", None)
        shot(home, "11-reprendre-page-3")
        rows = [w.key for w in home.widgets if w.key.startswith("home:session:")]
        assert rows == ["home:session:2", "home:session:1"]
        drive.press("home:session:1", None)  # the last page's session opens
        assert cast(Seen, home.launcher).launched[-1].session == 1
    finally:
        home.close()
        db.close()


# --- 4 and 5. « Réglages », the hub, « Téléphones » -------------------------------------------


def hub_server(tmp: Path) -> tuple[Any, str]:
    from facilitator.hub.database import open_hub
    from facilitator.hub.people import add_organisation, new_device_code
    from facilitator.hub.web import ServerThread, create_hub_app

    engine = open_hub(f"sqlite:///{tmp / 'hub.db'}")
    with engine.begin() as conn:
        add_organisation(conn, "ml-rouen", "Mission Locale de Rouen", "76", 1.0)
        code = new_device_code(conn, "ml-rouen", time.time())
    return ServerThread(create_hub_app(engine)), code


def test_settings_enrol_with_the_hub_then_finished_workshops_are_pushed(tmp_path: Path) -> None:
    laptop = tmp_path / "atelier.db"
    db = open_database(laptop)
    walkthrough = DEMO.with_name("demo-escape.walkthrough.yaml")
    play_new_session(db, DEMO, walkthrough)  # finished before enrolling: nothing sent yet
    db.close()
    server, code = hub_server(tmp_path)
    home, drive, db = make_home(tmp_path, "touch", hub=HubForHome(laptop))
    try:
        with server:
            drive.press("home:finished", None)
            assert home.find("home:push") is None  # not enrolled: no hub on the page
            drive.press("home:back", None)
            drive.press("home:settings", None)
            shot(home, "12-reglages")
            drive.press("home:field:url", None)
            tap(drive, server.url)  # the keys on screen, by touch
            drive.press("home:field:code", None)
            tap(drive, code)
            assert home.fields["url"] == server.url
            drive.press("home:enrol", None)
            home.wait()
            assert "inscrit auprès de" in (home.page.message or ""), home.page.message
            assert "Inscrit : " in home.find("home:settings:status").label
            shot(home, "13-reglages-inscrit")
            status = db.execute("SELECT value FROM settings WHERE key = 'hub.url'").fetchone()
            assert status[0] == server.url  # where `declic hub push` reads it
            drive.press("home:back", None)
            drive.press("home:finished", None)
            assert "en attente d'envoi au hub" in home.find("home:session:1").label
            assert home.find("home:push") is not None
            shot(home, "14-ateliers-termines-hub")
            drive.press("home:session:1", None)
            shot(home, "15-atelier-hub-en-attente")
            drive.press("home:push", None)
            home.wait()
            assert "1 atelier envoyé au hub" in (home.page.message or ""), home.page.message
            assert "envoyé au hub" in home.find("home:about").label
            shot(home, "16-atelier-envoye")
            drive.press("home:export", None)
            assert "Export écrit" in (home.page.message or "")
            written = Path((home.page.message or "").split(" : ", 1)[1])
            assert written.suffix == ".csv" and written.stat().st_size > 0
    finally:
        home.close()
        db.close()
    assert main(["hub", "status", "--db", str(laptop)]) == 0  # the CLI sees the same


class HeldHub:
    """A hub that answers only when the test says so (a slow network, without timing)."""

    def __init__(self, real: HubForHome) -> None:
        self.real = real
        self.go = threading.Event()

    def enrol(self, url: str, code: str) -> str:
        self.go.wait()
        return self.real.enrol(url, code)

    def push(self) -> str:
        return self.real.push()

    def status(self, db: Any) -> Any:
        return self.real.status(db)


def test_an_offline_hub_is_said_in_french_and_never_blocks_the_home(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    held = HeldHub(HubForHome(tmp_path / "atelier.db"))
    home, drive, db = make_home(tmp_path, "mouse", hub=held)
    try:
        drive.press("home:settings", None)
        drive.press("home:field:url", None)
        tap(drive, "http://127.0.0.1:9")  # nothing listens there
        drive.press("home:field:code", None)
        tap(drive, "abcd-efgh")
        drive.press("home:enrol", None)
        # the network is slow: the home still draws and answers
        assert home.busy is not None and "Connexion au hub" in home.find("home:message").label
        shot(home, "17-reglages-connexion")
        drive.press("home:language:en", None)
        assert home.draft is not None and home.draft.language == "en"
        assert not home.find("home:enrol").interactive  # one call at a time
        held.go.set()
        home.wait()
        message = home.page.message or ""
        assert "Le hub ne répond pas" in message and "Rien n'est perdu" in message
        shot(home, "18-reglages-hors-ligne")
        assert db.execute("SELECT count(*) FROM settings WHERE key = 'hub.url'").fetchone()[0] == 0
        # a wrong address is said too
        home.fields["url"] = "hub.ml-rouen.fr"
        drive.press("home:enrol", None)
        home.wait()
        assert "https://" in (home.page.message or "")
    finally:
        home.close()
        db.close()


def test_settings_are_kept_where_the_command_line_reads_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home, drive, db = make_home(tmp_path, "gamepad")
    try:
        drive.press("home:settings", None)
        drive.press("home:retention:90", None)
        drive.press("home:per_team:more", None)
        drive.press("home:phones:off", None)
        drive.press("home:save", None)
        assert get_retention(db) == 90
        assert kept.read_settings(db) == kept.WorkshopSettings("", "fr", 5, False)
        assert home.port.settings() == HomeSettings(
            players_per_team=5,
            phones=False,
            retention_days=90,
            data_file=str(tmp_path / "atelier.db"),
        )
        # a folder that does not exist: said, nothing kept
        home.fields["folder"] = str(tmp_path / "nulle-part")
        drive.press("home:save", None)
        assert "n'existe pas" in (home.page.message or "")
        assert kept.read_settings(db).scenario_folder == ""
        create_session(db, DEMO)
    finally:
        home.close()
        db.close()
    assert main(["session", "list", "--db", str(tmp_path / "atelier.db")]) == 0
    assert "Conservation : 90 jours" in capsys.readouterr().out


def test_games_opened_from_the_home_get_the_text_size_contrast_and_sound_of_the_settings(
    tmp_path: Path,
) -> None:
    home, drive, db = make_home(tmp_path, "keyboard")
    seen = cast(Seen, home.launcher)
    try:
        drive.press("home:new", None)
        drive.press("home:scenario:demo-escape/demo-escape", None)
        first = seen.launched[-1]
        assert (first.text_step, first.contrast, first.muted) == (0, False, False)
        drive.press("home:settings", None)
        drive.press("home:text:2", None)
        drive.press("home:contrast:on", None)
        drive.press("home:sound:off", None)
        shot(home, "23-reglages-jeux")
        assert audit(cast(Any, home)) == []  # nothing under 28 px, outside its box, touching
        drive.press("home:save", None)
        assert kept.read_settings(db) == kept.WorkshopSettings(
            "", "fr", 4, True, text_step=2, contrast=True, muted=True
        )
        assert home.ui.options.contrast and home.ui.options.muted  # the home's too
        shot(home, "24-reglages-contraste")
        assert audit(cast(Any, home)) == []
        # the data's place, read only: the workshop file, then the cards' folder once written
        data = home.find("home:settings:data").label
        assert str(tmp_path / "atelier.db") in data and "cartes" not in data
        drive.press("home:back", None)
        drive.press("home:new", None)
        drive.press("home:scenario:demo-escape/demo-escape", None)
        started = seen.launched[-1]
        assert (started.text_step, started.contrast, started.muted) == (2, True, True)
        drive.press("home:resume", None)
        drive.press("home:session:2", None)
        resumed = seen.launched[-1]
        assert resumed.session == 2
        assert (resumed.text_step, resumed.contrast, resumed.muted) == (2, True, True)
        drive.press("home:trial", None)
        drive.press("home:scenario:demo-escape/demo-escape", None)
        assert seen.launched[-1].session is None and seen.launched[-1].text_step == 2
        (tmp_path / "cartes").mkdir()
        drive.press("home:settings", None)
        assert str(tmp_path / "cartes") in home.find("home:settings:data").label
        assert audit(cast(Any, home)) == []  # the longer line wraps, still at 28 px
    finally:
        home.close()
        db.close()


def test_the_game_opens_with_the_options_it_is_given(tmp_path: Path) -> None:
    """``run_game``'s options (what ``Home._play`` hands on from a ``Launch``) are the
    game window's ``Options``; the scenario keeps its language."""
    seen: list[Any] = []

    def look(app: Any) -> Any:
        seen.append(app.ui.options)
        return lambda: None

    run_game(
        DEMO,
        size=(640, 360),
        headless=True,
        attach=[look],
        text_step=1,
        contrast=True,
        muted=True,
        walkthrough=DEMO.with_name("demo-escape.walkthrough.yaml"),
    )
    assert (seen[0].text_step, seen[0].contrast, seen[0].muted) == (1, True, True)


def test_phones_on_or_off_when_a_workshop_starts_from_the_home(tmp_path: Path) -> None:
    plugged: list[Any] = []

    def phones(game: Any) -> list[Any]:
        plugged.append(game)
        return ["le serveur des téléphones"]

    home, drive, db = make_home(tmp_path, "mouse", phones=phones)
    seen = cast(Seen, home.launcher)
    try:
        assert home.phones  # the default: on
        drive.press("home:new", None)
        drive.press("home:scenario:demo-escape/demo-escape", None)
        assert list(seen.launched[-1].attach) == ["le serveur des téléphones"]
        assert plugged[-1].session.id == 1  # the phones know the session (their cards)
        drive.press("home:new", None)
        drive.press("home:phones", None)
        assert "non" in home.find("home:phones").label
        shot(home, "19-nouvel-atelier-sans-telephones")
        drive.press("home:scenario:demo-escape/demo-escape", None)
        assert list(seen.launched[-1].attach) == []
    finally:
        home.close()
        db.close()


class BrokenHub(HeldHub):
    def push(self) -> str:
        raise RuntimeError("une surprise du réseau")


def test_an_unexpected_hub_failure_is_said_and_the_home_goes_on(tmp_path: Path) -> None:
    laptop = tmp_path / "atelier.db"
    db = open_database(laptop)
    play_new_session(db, DEMO, DEMO.with_name("demo-escape.walkthrough.yaml"))
    from facilitator.storage.hub_link import HubLink, save_link

    save_link(db, HubLink("http://127.0.0.1:9", "1.secret", "ML"))
    db.close()
    home, drive, db = make_home(tmp_path, "mouse", hub=BrokenHub(HubForHome(laptop)))
    try:
        drive.press("home:finished", None)
        drive.press("home:push", None)
        home.wait()
        assert "Rien n'est perdu" in (home.page.message or "")
        drive.press("home:session:1", None)  # the home still answers
        assert home.page.page == "session"
    finally:
        home.close()
        db.close()
