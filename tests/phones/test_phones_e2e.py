"""End-to-end: eight emulated phones (Debian Chromium through Playwright: a phone's viewport,
touch) join a headless game of the demo escape by its QR address and room code, and play it
to the ending from the phones, following the shipped walkthrough; one phone is closed and
reopened mid-game and keeps its player; every event of a phone's step is its player's; every
phone ends on its card's code. The demo's two roles go to the first two phones: each shows
its own clue, and each holder is credited when a teammate solves with it. The game's loop runs
in its own thread, as in a workshop. Pages have 0 axe-core violations; screenshots go to
$DECLIC_SCREENSHOTS, or to docs/screenshots with DECLIC_UPDATE_DOCS=1.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from phone_browser import launch, require_browser
from phone_game import WAIT, Game, until

from engine.core import actions as ac
from engine.core import events as ev
from engine.core.roles import SHARED_CLUE_RULE
from engine.core.state import FACILITATOR
from engine.player.theme import AVATAR_SHAPES, PLAYER_COLOURS
from engine.shipped import resolve_scenario

sync_api, axe_module = require_browser()
expect = sync_api.expect
NAMES = ["Lina", "Sam", "Yanis", "Inès", "Noah", "Jade", "Rayan", "Léa"]
SCENARIO = resolve_scenario("demo-escape")
WALKTHROUGH = SCENARIO.with_name("demo-escape.walkthrough.yaml")


@pytest.fixture(scope="module")
def game() -> Iterator[Game]:
    g = Game(SCENARIO).start()
    yield g
    g.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched, launched.phone = launch(playwright)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("DECLIC_SCREENSHOTS")
    if not chosen and os.environ.get("DECLIC_UPDATE_DOCS") == "1":
        chosen = str(Path(__file__).resolve().parents[2] / "docs" / "screenshots")
    if chosen:
        Path(chosen).mkdir(parents=True, exist_ok=True)
        return Path(chosen)
    return tmp_path_factory.mktemp("phone-screenshots")


def no_axe_violations(page: Any) -> None:
    results = axe_module.Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def tap(page: Any, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).tap()


def perform(app: Any, intents: Any) -> None:
    from engine.player.perform import perform as apply

    apply(app, intents)


def go_lobby(app: Any) -> Any:
    from engine.player.screens.start import go_lobby as intents

    return intents(app)


def test_eight_phones_join_and_play_the_demo_to_its_ending(
    game: Game, browser: Any, shots: Path
) -> None:
    app = game.app
    link = app.phone_link
    join_url = link.server.join_url()
    assert app.ui.phones == (join_url, link.server.url, link.server.room.code)

    # the room pressed "Jouer" on the start screen: the lobby shows the QR and the code
    game.do(lambda a: perform(a, go_lobby(a)))
    until(lambda: app.find("lobby:phones") is not None, "the lobby's phones panel")

    # --- join: eight phones, each its own cookie jar -------------------------------------
    phones: list[Any] = []
    ids: list[str] = []
    for n, name in enumerate(NAMES):
        context = browser.new_context(**browser.phone, locale="fr-FR")
        page = context.new_page()
        page.set_default_timeout(int(WAIT * 1000))
        page.goto(join_url)
        if n == 0:
            no_axe_violations(page)
        page.fill("#pseudonym", name)
        page.locator("label.swatch").nth(n).tap()
        page.locator("label.shape").nth(n).tap()
        if n == 0:
            page.screenshot(path=str(shots / "phone-join.png"))
        tap(page, "C'est moi !")
        expect(page.get_by_role("heading", name="Vous êtes dans la partie")).to_be_visible()
        player = next(p for p in app.state.players.values() if p.pseudonym == name)
        assert (player.colour, player.avatar) == (PLAYER_COLOURS[n], AVATAR_SHAPES[n])
        ids.append(player.id)
        until(lambda pid=player.id: app.find(f"joined:{pid}") is not None, f"{name} on screen")
        phones.append(page)
    no_axe_violations(phones[0])
    game.do(lambda a: a.screenshot(shots / "projector-lobby-phones.png"))
    # the QR on the projector reads back as the join address (with the room code)
    from PIL import Image

    zxingcpp = pytest.importorskip("zxingcpp")
    read = zxingcpp.read_barcodes(Image.open(shots / "projector-lobby-phones.png"))
    assert [r.text for r in read] == [join_url]

    # a wrong room code is refused, in French
    stranger = browser.new_context(**browser.phone).new_page()
    stranger.goto(link.server.url)
    stranger.fill("#code", "000000" if link.server.room.code != "000000" else "111111")
    stranger.fill("#pseudonym", "Intrus")
    tap(stranger, "C'est moi !")
    expect(stranger.get_by_role("alert")).to_contain_text("pas le bon code")
    stranger.context.close()

    # --- play: the facilitator starts; the walkthrough's p1 and p2 are phones 1 and 2 -----
    game.do(lambda a: a.act(ac.Start(player=FACILITATOR)))
    until(lambda: app.state.phase == "playing", "the game to start")
    until(lambda: not link.server.room.open, "joining to close when play starts")
    rules = app.rules
    steps = yaml.safe_load(WALKTHROUGH.read_text(encoding="utf-8"))["steps"]
    by_walkthrough = {"p1": 0, "p2": 1}
    for k, step in enumerate(steps):
        index = by_walkthrough[step["player"]]
        if k == 5:  # the phone of the walkthrough's p1 sleeps, then comes back
            context = phones[0].context
            phones[0].close()
            phones[0] = context.new_page()
            phones[0].set_default_timeout(int(WAIT * 1000))
            phones[0].goto(link.server.url)
            expect(phones[0].locator(".you")).to_contain_text(NAMES[0])
        page = phones[index]
        before = len(app.log)
        page.wait_for_selector(f'body[data-seq="{before}"]', state="attached")
        if "use" in step:
            use = step["use"]
            hotspot, item = (use, None) if isinstance(use, str) else (use["hotspot"], use["item"])
            if item:
                tap(page, rules.items[item].name)
            label = next(
                h.label for h in rules.scenes[app.team().scene].hotspots if h.id == hotspot
            )
            tap(page, label)
        elif "combine" in step:
            for item in step["combine"]:
                tap(page, rules.items[item].name)
        elif "hint" in step:
            tap(page, "Un indice")
        else:
            answer = step["answer"]
            puzzle = rules.puzzles[answer["puzzle"]].model_dump()
            options = puzzle.get("options") or puzzle.get("areas")
            if options:
                chosen = next(o for o in options if o["id"] == answer["value"])
                if k == 6:
                    page.screenshot(path=str(shots / "phone-puzzle.png"))
                    no_axe_violations(page)
                    # Lina's phone was closed and reopened at step 6: it keeps her role
                    the_commis_reads_the_fridges_clue(phones[0], page, shots)
                tap(page, chosen.get("text") or chosen["label"])
            else:
                page.fill("#answer", str(answer["value"]))
                tap(page, "Valider")
        until(lambda n=before: len(app.log) > n, f"step {k + 1} applied")
        new = app.log[before:]
        assert {e.player for e in new} == {ids[index]}, (k, new)
        if k == 3:
            phones[0].screenshot(path=str(shots / "phone-places.png"))

    until(lambda: app.state.phase == "ended", "the ending")
    assert app.team().ending == "service_ouvert"
    # every phone ends on its own card
    for page, pid in zip(phones, ids, strict=True):
        expect(page.get_by_role("heading", name="Partie terminée")).to_be_visible()
        expect(page.locator(".code")).to_have_text(f"CARTE-{pid.upper()}")
    phones[1].screenshot(path=str(shots / "phone-end.png"))
    no_axe_violations(phones[1])
    # nothing a phone did is anyone else's: every player action came from a phone's player
    acted = {e.player for e in app.log if e.player not in (None, FACILITATOR, "clock")}
    assert acted <= set(ids)
    # the roles were dealt by the rules to the first two phones, and their holders credited
    [dealt] = [e for e in app.log if isinstance(e, ev.RolesDealt)]
    assert dict(dealt.roles) == {ids[0]: ("commis",), ids[1]: ("serveur",)} | {
        pid: () for pid in ids[2:]
    }
    shared = [
        (e.puzzle, e.players)
        for e in app.log
        if isinstance(e, ev.EvidenceRecorded) and e.rule == SHARED_CLUE_RULE
    ]
    assert shared == [("temperature", (ids[0],)), ("mot_service", (ids[1],))]


def the_commis_reads_the_fridges_clue(commis: Any, other: Any, shots: Path) -> None:
    """The fridge's question is open: the answer is on the commis' phone, not on Sam's."""
    role = commis.get_by_role("region", name="Votre rôle")
    expect(role.get_by_role("heading", name="Votre rôle : Le commis")).to_be_visible()
    expect(role.get_by_text("La fiche du frigo : entre 0 et 4\u00a0°C.")).to_be_visible()
    expect(other.get_by_text("La fiche du frigo")).to_have_count(0)
    expect(other.get_by_role("heading", name="Votre rôle : Le serveur")).to_be_visible()
    commis.screenshot(path=str(shots / "phone-role-demo.png"), full_page=True)
    no_axe_violations(commis)
