"""The facilitator's home: start, resume and close workshops without a terminal.

Pages (``HomePage.page``): ``menu`` (four big buttons), ``new`` and ``trial`` (the scenario
picker), ``resume`` (unfinished sessions), ``finished`` (ended sessions), ``session`` (one
ended session: its players, the cards, erasing) and ``erase`` (the confirmation naming
what will be erased). Widgets only: every press returns a home intent that
``engine/player/home.py`` applies. Texts are at least 28 px at 1080p (readable at 4 m).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from engine.format.kinds import SCENARIO_KINDS, kind_icon
from engine.player.home_port import ScenarioCard, SessionLine
from engine.player.icons import icon_surface
from engine.player.intents import (
    Back,
    HomeCards,
    HomeErase,
    HomeGo,
    HomeResume,
    HomeStart,
    Intent,
)
from engine.player.paint import Painter
from engine.player.theme import Colour, mix
from engine.player.widgets import Look, Press, Widget, button, decoration, focus_ring

if TYPE_CHECKING:
    from engine.player.home import Home

TITLES = {
    "menu": "Déclic — accueil de l'animateur",
    "new": "Nouvel atelier : choisissez un scénario",
    "trial": "Essayer un scénario (rien n'est enregistré)",
    "resume": "Reprendre un atelier",
    "finished": "Ateliers terminés",
    "session": "Atelier terminé",
    "erase": "Effacer un joueur",
}
GREEN, BLUE, ORANGE, PURPLE, RED = (
    (0, 158, 115),
    (0, 114, 178),
    (213, 94, 0),
    (120, 80, 170),
    (190, 40, 40),
)
CARDS_PER_PAGE = 8


def does(intent: Intent) -> Press:
    """A press that wants ``intent``."""
    return lambda _player: intent


def when(seconds: float) -> str:
    return datetime.fromtimestamp(seconds).strftime("%d/%m/%Y à %H:%M")


def build(home: Home) -> list[Widget]:
    page = home.page.page
    title = TITLES.get(page, TITLES["menu"])

    def backdrop(p: Painter, _look: Look) -> None:
        theme = p.theme
        p.fill(theme.background)
        p.rect((0, 0, 1920, 120), theme.bar)
        p.text(title, (960, 60), 52, theme.text, True, "center")

    widgets = [decoration("home", (0, 0, 1920, 1080), backdrop, title, sig=title, ground=True)]
    if page != "menu":
        widgets.append(
            button("home:back", (30, 20, 220, 80), "Retour", lambda _w: Back(None), size=34)
        )
    if home.page.message:
        widgets.append(_message(home.page.message))
    build_page = PAGES.get(page, menu)
    return widgets + build_page(home)


def _message(text: str) -> Widget:
    def draw(p: Painter, _look: Look) -> None:
        p.rect((160, 940, 1600, 110), p.theme.panel_alt, 18)
        p.text_box(text, (190, 950, 1540, 90), 32, p.theme.text, True, "center", "middle")

    return decoration("home:message", (160, 940, 1600, 110), draw, text, sig=text)


def menu(home: Home) -> list[Widget]:
    entries = (
        ("home:new", "Nouvel atelier", "equipe", GREEN, HomeGo("new")),
        ("home:resume", "Reprendre", "reprendre", BLUE, HomeGo("resume")),
        ("home:finished", "Ateliers terminés", "carte", PURPLE, HomeGo("finished")),
        ("home:trial", "Essayer un scénario", "etoile", ORANGE, HomeGo("trial")),
    )
    widgets = []
    for i, (key, label, icon, colour, intent) in enumerate(entries):
        x = 160 + (i % 2) * 820
        y = 200 + (i // 2) * 330
        widgets.append(
            button(
                key,
                (x, y, 780, 280),
                label,
                does(intent),
                icon=icon,
                colour=colour,
                size=60,
            )
        )
    return widgets


def picker(home: Home) -> list[Widget]:
    trial = home.page.page == "trial"
    cards = home.cards
    if not cards:
        return [_empty("Aucun scénario trouvé.")]
    return [_card(card, i, trial) for i, card in enumerate(cards[:CARDS_PER_PAGE])]


def _card(card: ScenarioCard, index: int, trial: bool) -> Widget:
    x = 30 + (index % 4) * 470
    y = 140 + (index // 4) * 400
    rect = (x, y, 450, 385)
    kind = SCENARIO_KINDS[card.kind].name if card.kind in SCENARIO_KINDS else card.kind
    facts = f"{card.minutes} min · {card.players[0]} à {card.players[1]} joueurs"
    if not card.kind:  # the file could not be read as a scenario: only its problems
        kind, facts = "à corriger", card.path.name
    jobs = job_line(card.jobs)
    label = ". ".join(s for s in (card.title, kind, facts, jobs, card.summary, *card.problems) if s)

    def draw(p: Painter, look: Look) -> None:
        theme = p.theme
        base = theme.card if card.ok else mix(theme.card, theme.bad, 0.25)
        if look.hovered or look.pressed:
            base = mix(base, (255, 255, 255), 0.4)
        cx, cy, w, h = rect
        p.rect((cx, cy + 6, w, h), mix(base, (0, 0, 0), 0.5), 18)
        p.rect(rect, base, 18)
        if theme.outline:
            p.rect(rect, theme.text, 18, theme.outline)
        ink = theme.text_on_card
        icon = kind_icon(card.kind)
        p.blit_shape(("icon", icon), (cx + 16, cy + 18, 64, 64), lambda s: icon_surface(icon, s))
        p.text_box(card.title, (cx + 92, cy + 10, w - 104, 84), 34, ink, True, "left", "middle")
        p.text(kind, (cx + 18, cy + 100), 28, ink, True)
        p.text(facts, (cx + 18, cy + 138), 28, ink)
        if card.ok:
            p.text(jobs, (cx + 18, cy + 176), 28, ink)
            lines(p, card.summary, (cx + 18, cy + 222, w - 36), 4, ink)
        else:
            p.text_box(
                "Ne peut pas démarrer : " + " ".join(card.problems),
                (cx + 18, cy + 180, w - 36, 196),
                28,
                (140, 0, 0),
                True,
            )
        focus_ring(p, rect, look)

    intent = HomeStart(str(card.path), trial=trial) if card.ok else None
    return Widget(
        f"home:scenario:{card.path.parent.name}/{card.path.stem}",
        rect,
        draw,
        label,
        (lambda _w: intent) if intent is not None else None,
        sig=(card, trial),
        bleed=14,
    )


def lines(p: Painter, text: str, at: tuple[float, float, float], most: int, ink: Colour) -> None:
    """``text`` at 28 px (never smaller: read from 4 m), cut after ``most`` lines."""
    x, y, width = at
    wrapped = p.wrap(text, width, 28)
    if len(wrapped) > most:
        wrapped = [*wrapped[: most - 1], wrapped[most - 1].rstrip(" .,;") + " …"]
    for i, line in enumerate(wrapped):
        p.text(line, (x, y + i * 38), 28, ink)


def job_line(jobs: tuple[str, ...]) -> str:
    """How many jobs the scenario shows, and the first codes (ROME)."""
    if not jobs:
        return ""
    shown = ", ".join(jobs[:2]) + (" …" if len(jobs) > 2 else "")
    return f"{len(jobs)} métier{'s' if len(jobs) > 1 else ''} : {shown}"


def _empty(text: str) -> Widget:
    def draw(p: Painter, _look: Look) -> None:
        p.text_box(text, (260, 400, 1400, 200), 44, p.theme.text_dim, True, "center", "middle")

    return decoration("home:empty", (260, 400, 1400, 200), draw, text, sig=text)


def _session_row(line: SessionLine, index: int, go: Intent) -> Widget:
    names = ", ".join(p.pseudonym for p in line.players) or "aucun joueur encore"
    state = {"lobby": "salle d'attente", "playing": "en cours"}.get(line.status, "terminé")
    label = f"N° {line.id} · {when(line.created_at)} · {line.title} · {state} · {names}"
    return button(
        f"home:session:{line.id}",
        (160, 150 + index * 125, 1600, 110),
        label,
        does(go),
        size=32,
    )


def resume_page(home: Home) -> list[Widget]:
    if not home.sessions:
        return [_empty("Aucun atelier à reprendre.")]
    return [_session_row(line, i, HomeResume(line.id)) for i, line in enumerate(home.sessions[:6])]


def finished_page(home: Home) -> list[Widget]:
    if not home.sessions:
        return [_empty("Aucun atelier terminé pour l'instant.")]
    return [
        _session_row(line, i, HomeGo("session", line.id))
        for i, line in enumerate(home.sessions[:6])
    ]


def session_page(home: Home) -> list[Widget]:
    line = home.current()
    if line is None:
        return [_empty("Cet atelier n'existe plus.")]
    text = f"N° {line.id} · {line.title} · {when(line.created_at)}"

    def draw(p: Painter, _look: Look) -> None:
        p.text_box(text, (160, 140, 1600, 60), 36, p.theme.text, True, "center", "middle")

    widgets = [decoration("home:about", (160, 140, 1600, 60), draw, text, sig=text)]
    widgets.append(
        button(
            "home:cards",
            (560, 220, 800, 110),
            "Imprimer les cartes",
            lambda _w: HomeCards(line.id),
            icon="carte",
            colour=GREEN,
            size=44,
        )
    )
    for i, player in enumerate(line.players[:10]):
        x = 160 + (i % 2) * 820
        y = 360 + (i // 2) * 115
        widgets.append(
            button(
                f"home:erase:{player.id}",
                (x, y, 780, 100),
                f"Effacer {player.pseudonym} (carte {player.code})",
                does(HomeGo("erase", line.id, player.id)),
                colour=mix(RED, (40, 40, 60), 0.35),
                size=32,
            )
        )
    if not line.players:
        widgets.append(_empty("Plus aucun joueur dans cet atelier."))
    return widgets


def erase_page(home: Home) -> list[Widget]:
    line = home.current()
    player = next((p for p in line.players if p.id == home.page.player), None) if line else None
    if line is None or player is None:
        return [_empty("Ce joueur n'est plus dans l'atelier.")]
    text = (
        f"Effacer « {player.pseudonym} » (carte {player.code}) de l'atelier n° {line.id}, "
        f"« {line.title} » ? Son pseudo, ses actions et ses réponses seront effacés de la base "
        "et des fichiers exportés. Sa carte ne pourra plus être refaite. "
        "Cela ne peut pas être annulé."
    )

    def draw(p: Painter, _look: Look) -> None:
        p.rect((160, 180, 1600, 420), p.theme.panel, 24)
        p.text_box(text, (210, 210, 1500, 360), 40, p.theme.text, True, "center", "middle")

    return [
        decoration("home:confirm", (160, 180, 1600, 420), draw, text, sig=text),
        button(
            "home:erase:yes",
            (260, 660, 640, 140),
            "Oui, effacer",
            lambda _w: HomeErase(line.id, player.id),
            colour=RED,
            size=48,
        ),
        button(
            "home:erase:no",
            (1020, 660, 640, 140),
            "Non, garder",
            lambda _w: HomeGo("session", line.id),
            colour=BLUE,
            size=48,
        ),
    ]


PAGES = {
    "menu": menu,
    "new": picker,
    "trial": picker,
    "resume": resume_page,
    "finished": finished_page,
    "session": session_page,
    "erase": erase_page,
}
