"""The window survives what a real room does: resizes, minimising, a pad pulled out, a touch
screen that also sends mouse events, a missing picture, no sound card, no speech engine."""

from __future__ import annotations

import logging
from pathlib import Path

import pygame

from engine.core import events as ev
from engine.core.ports import NullSink
from engine.player.driver import Driver, post
from engine.player.sound import Sounds
from engine.player.speech import Voice
from engine.shipped import scenarios_dir
from engine.walkthrough import default_walkthrough, load_walkthrough

ESCAPE = scenarios_dir() / "demo-escape" / "demo-escape.yaml"


def _joined(app, names=("Lina", "Sam")) -> Driver:
    driver = Driver(app, "mouse")
    driver.frames(1)
    driver.press("start:play", None)
    walkthrough = load_walkthrough(default_walkthrough(ESCAPE))
    for spec in walkthrough.spec.players[: len(names)]:
        driver.join(spec)
    driver.press("lobby:start", None)
    return driver


def test_player_refuses_a_game_action_until_someone_is_chosen(make_app) -> None:
    app = make_app(ESCAPE)
    driver = _joined(app)
    app.ui.selected = None
    before = len(app.log)
    driver.press("hotspot:affiche", None)
    assert len(app.log) == before
    assert app.ui.notice and "Qui joue" in app.ui.notice
    driver.frames(1)
    assert any(app.ui.notice in w.label for w in app.widgets)  # said on screen too


def test_player_touch_acts_once_despite_the_mouse_copies(make_app) -> None:
    app = make_app(ESCAPE)
    driver = _joined(app)
    driver.device = "touch"
    driver.press(f"player:{app.ui.last_joined}", None)
    driver.press("hotspot:affiche", None)
    used = [e for e in app.log if isinstance(e, ev.HotspotUsed)]
    assert len(used) == 1 and used[0].player == app.ui.last_joined


def test_player_survives_resize_minimise_and_focus_loss(make_app) -> None:
    app = make_app(ESCAPE)
    driver = _joined(app)
    for size in ((1920, 1080), (3840, 2160), (1024, 768), (1280, 720)):
        pygame.display.set_mode(size, pygame.RESIZABLE)
        post(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])
        driver.frames(1)
        assert app.clean_surface.get_size() == size
    post(pygame.WINDOWMINIMIZED)
    driver.frames(1)
    assert app.ui.minimised
    post(pygame.WINDOWRESTORED)
    post(pygame.WINDOWFOCUSLOST)
    driver.frames(1)
    assert not app.ui.minimised
    driver.press(f"player:{app.ui.last_joined}", None)
    driver.press("hotspot:affiche", None)
    assert any(isinstance(e, ev.HotspotUsed) for e in app.log)


def test_player_keeps_playing_when_a_gamepad_is_unplugged(make_app) -> None:
    app = make_app(ESCAPE)
    driver = Driver(app, "gamepad")
    driver.frames(1)
    driver.press("start:play", None)
    spec = load_walkthrough(default_walkthrough(ESCAPE)).spec.players[0]
    driver.join(spec)
    pad = driver.pads[spec.id]
    assert app.ui.pads[pad].player == app.ui.last_joined
    driver.press("lobby:start", None)
    post(pygame.JOYAXISMOTION, instance_id=pad, joy=pad, axis=0, value=1.0)
    post(pygame.JOYDEVICEREMOVED, instance_id=pad)
    driver.frames(3)
    assert pad not in app.ui.pads and app.ui.notice
    driver.device = "mouse"
    driver.press(f"player:{app.ui.last_joined}", None)
    driver.press("hotspot:affiche", None)
    assert [e.player for e in app.log if isinstance(e, ev.HotspotUsed)] == [app.ui.last_joined]


def test_player_keyboard_shortcuts_restyle_without_crashing(make_app) -> None:
    app = make_app(ESCAPE)
    driver = _joined(app)
    for key in (
        pygame.K_F2,
        pygame.K_F2,
        pygame.K_F3,
        pygame.K_F4,
        pygame.K_F5,
        pygame.K_F1,
        pygame.K_F11,
    ):
        driver.key(key)
    assert (
        app.ui.options.text_step == 2
        and app.ui.options.contrast
        and app.ui.options.dyslexia
        and app.ui.options.muted
    )
    assert app.sounds.muted


def test_player_draws_a_placeholder_for_a_broken_image(tmp_path: Path, make_app, caplog) -> None:
    """The file is there when the scenario is checked, but cannot be read when it is shown."""
    text = ESCAPE.read_text(encoding="utf-8")
    lines = text.splitlines()
    start = lines.index("      draw:")  # the first scene's drawing becomes an image file
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("        "))
    path = tmp_path / "demo-escape.yaml"
    path.write_text(
        "\n".join([*lines[:start], "      file: abimee.png", *lines[end:]]) + "\n", encoding="utf-8"
    )
    (tmp_path / "abimee.png").write_bytes(b"not a picture")
    app = make_app(path)
    with caplog.at_level(logging.WARNING, logger="declic.player"):
        driver = _joined(app)
        driver.frames(1)
    assert any("abimee.png" in r.getMessage() for r in caplog.records)
    assert app.ui.screen == "play"


def test_player_without_audio_device_or_voice(monkeypatch) -> None:
    def no_audio() -> None:
        raise pygame.error("no audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", no_audio)
    sounds = Sounds()
    assert not sounds.available
    sounds.play("success")
    monkeypatch.setattr("shutil.which", lambda _name: None)
    voice = Voice("fr")
    assert not voice.available and voice.say("Bonjour") is False


def test_player_hands_events_to_the_sink_in_order(make_app) -> None:
    sink = NullSink()
    app = make_app(ESCAPE, sink=sink)
    driver = _joined(app)
    driver.press(f"player:{app.ui.last_joined}", None)
    driver.press("hotspot:affiche", None)
    assert sink.events == app.log and sink.events


def test_player_four_k_and_small_windows_scale_the_layout(make_app) -> None:
    app = make_app(ESCAPE, size=(3840, 2160))
    driver = _joined(app)
    widget = app.find("hotspot:affiche")
    assert widget is not None
    x, y = app.painter.to_window(widget.centre)
    assert app.widget_at(*app.painter.to_virtual((x, y))).key == "hotspot:affiche"
    assert app.painter.s == 2.0
    driver.frames(1)


def test_player_resumes_a_saved_state_with_its_open_puzzle(make_app) -> None:
    from engine.core.rules import Rules
    from engine.load.check import load_scenario
    from engine.walkthrough import run

    scenario = load_scenario(ESCAPE).scenario
    walkthrough = load_walkthrough(default_walkthrough(ESCAPE))
    walkthrough.steps = walkthrough.steps[:2]  # the casier's padlock is open
    state = run(Rules(scenario), walkthrough).state
    app = make_app(ESCAPE, state=state)
    driver = Driver(app, "mouse")
    driver.frames(1)
    assert app.ui.screen == "play" and app.ui.work.puzzle == "code_casier"
    driver.press("player:p1", None)
    for char in "0472":
        driver.press(f"key:{char}", None)
    driver.press("puzzle:submit", None)
    assert "code_casier" in app.state.teams["equipe"].solved


LATE_CLUE = """format: 1
id: indice-tardif
title: "Indice tardif"
kind: escape
duration_minutes: 30
players: {min: 1, max: 6}
start: hall
scenes:
  - id: hall
    title: "Hall"
    text: "Le hall."
    hotspots:
      - {id: bouton, label: "Bouton", effects: [{end: gagne}]}
      - {id: tardif, label: "Un papier", when: {after_minutes: 2}, text: "Un indice."}
endings:
  - {id: gagne, title: "Gagné", text: "Bravo."}
"""


def test_player_shows_a_hotspot_when_its_minute_comes_without_any_input(
    make_app, tmp_path: Path
) -> None:
    """An ``after_minutes`` hotspot appears on the screen when the time comes, not at the
    next tap (the screen is rebuilt when such a moment passes)."""
    path = tmp_path / "indice-tardif.yaml"
    path.write_text(LATE_CLUE, encoding="utf-8")
    app = make_app(path)
    _joined(app, names=("Lina",))
    assert app.ui.screen == "play"
    assert app.find("hotspot:tardif") is None
    for _ in range(119):
        app.fake_clock.advance(1.0)
        app.frame()
    assert app.find("hotspot:tardif") is None
    app.fake_clock.advance(1.5)
    app.frame()
    assert app.find("hotspot:tardif") is not None
    assert app.rules.moments == [120.0]


def test_reading_an_order_card_aloud_says_its_place(make_app) -> None:
    """The card's picture does not hold its place (the number beside it does), but what is
    read aloud does."""
    path = scenarios_dir() / "demo-rally" / "demo-rally.yaml"
    app = make_app(path)
    walkthrough = load_walkthrough(default_walkthrough(path))
    walkthrough.steps = walkthrough.steps[:1]  # open the order puzzle
    Driver(app, "mouse").play(walkthrough)
    first = app.ui.work.order[0]
    card = app.find(f"order:{first}")
    assert card is not None and not card.label.startswith("1.")
    said: list[str] = []
    app.voice.say = lambda text: said.append(text) or True  # type: ignore[method-assign]
    app.ui.focus = card.key
    app.read_aloud()
    assert said == [f"1. {card.label}"]
