"""``type: calculation`` — the number keypad, and beside it the card of data to work from.

The card lists each given as a person reads a recipe or a delivery note: its label, then its
number big, with its unit (« 250 g »). Typing, the keypad and the driver are the number's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.core.answers import french_number
from engine.format.documents import documents
from engine.format.puzzles import CalculationPuzzle
from engine.player.intents import ShowDocument
from engine.player.paint import Painter
from engine.player.puzzle_views import number
from engine.player.puzzle_views.base import BODY, PuzzleView
from engine.player.ui import Document
from engine.player.widgets import Look, Widget, button, decoration

if TYPE_CHECKING:
    from engine.player.app import App

#: The data card, right of the keypad (which ends 710 px into the body), above "Valider".
CARD_LEFT = 730.0
CARD_HEIGHT = 466.0


def given_text(value: float, unit: str | None) -> str:
    """« 250 g », « 12 », « 2,5 L »: as the French write a quantity."""
    return f"{french_number(value)} {unit}" if unit else french_number(value)


#: With a document (``clue: {document: …}``) the card is shorter: its button goes below.
DOCUMENT_BUTTON = 84.0


def readable(app: App, puzzle: CalculationPuzzle) -> Document | None:
    """The puzzle's document, once the team has seen it: an item held or examined, a hotspot
    read or in sight in this scene. Before that, nothing gives its numbers away."""
    name = puzzle.clue.document if puzzle.clue is not None else None
    team = app.team()
    found = documents(app.scenario).get(name or "")
    if found is None or team is None:
        return None
    if found.kind == "item":
        seen = name in team.inventory or name in team.examined
    else:
        sight = app.rules.visible_hotspots(team, app.session.elapsed())
        seen = name in team.used or any(h.id == name for h in sight)
    return Document(found.title, found.text, found.icon) if seen else None


def body(app: App, puzzle: CalculationPuzzle) -> list[Widget]:
    x, y, w, _h = BODY
    shown = readable(app, puzzle)
    height = CARD_HEIGHT - (DOCUMENT_BUTTON + 16 if shown is not None else 0)
    card = (x + CARD_LEFT, y, w - CARD_LEFT, height)
    title = app.t("puzzle.givens")
    rows = [(g.label, given_text(g.value, g.unit)) for g in puzzle.givens]
    spoken = title + " : " + " ; ".join(f"{label} : {value}" for label, value in rows)

    def draw(p: Painter, _look: Look) -> None:
        cx, cy, cw, ch = card
        p.rect((cx, cy + 6, cw, ch), (0, 0, 0), 18)
        p.rect(card, p.theme.card, 18)
        p.text(title, (cx + 24, cy + 16), 30, p.theme.text_on_card, True)
        each = (ch - 66) / len(rows)
        for i, (label, value) in enumerate(rows):
            top = cy + 60 + i * each
            if i:
                p.rect((cx + 24, top - 6, cw - 48, 3), p.theme.hint, 2)
            p.text_box(label, (cx + 24, top, cw - 48, each * 0.42), 28, p.theme.text_on_card)
            p.text(
                value,
                (cx + cw - 24, top + each * 0.4),
                min(48.0, each * 0.45),
                p.theme.text_on_card,
                True,
                "topright",
                max_width=cw - 48,
            )

    widgets = [
        *number.body(app, puzzle),
        decoration("calculation:givens", card, draw, spoken, tuple(rows), bleed=8),
    ]
    if shown is not None:
        document = shown
        widgets.append(
            button(
                "calculation:document",
                (card[0], y + height + 16, card[2], DOCUMENT_BUTTON),
                app.t("puzzle.document", title=document.title),
                lambda _who: ShowDocument(document),
                icon="loupe",
                colour=(86, 80, 160),
                size=30,
            )
        )
    return widgets


VIEW = PuzzleView("calculation", "abacus", body, number.drive, typed=number.typed)
