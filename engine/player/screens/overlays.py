"""Overlays over the play screen: the pause, « Les mots » (the glossary), a document opened
full screen, the hand-over between teams."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from engine.player.glossary import WORD_LINE, entry_height
from engine.player.icons import icon_maker, icon_surface
from engine.player.intents import Handover, ShowDocument, ShowWords, Zoom
from engine.player.paint import Painter
from engine.player.ui import Cheer
from engine.player.widgets import Look, Widget, avatar_row, button, decoration

if TYPE_CHECKING:
    from engine.player.app import App


def build(app: App) -> list[Widget]:
    if app.state.clock.paused_at is not None and app.state.phase == "playing":
        return paused(app)
    if app.ui.words is not None and app.scenario.glossary and app.state.phase == "playing":
        return words(app)
    if app.ui.document is not None:
        return document(app)
    if app.ui.cheer is not None and app.ui.cheer.team in app.state.teams:
        return cheer(app, app.ui.cheer)
    if app.ui.handover is not None and app.ui.handover in app.state.teams:
        return handover(app, app.ui.handover)
    return []


#: the document viewer's text sizes: read from the back of the room at the first, zoomed in
#: by « Plus grand » (an author's long text shrinks to fit at a step it cannot fill)
ZOOMS: tuple[float, ...] = (48.0, 64.0, 84.0)
DOCUMENT = (80.0, 116.0, 1760.0, 910.0)  # under the top bar: the timer stays in sight


def document(app: App) -> list[Widget]:
    """A document or clue full screen, in big letters: a tap anywhere, « Fermer » or Échap
    closes it; « Plus grand » and « Plus petit » zoom its text."""
    t = app.t
    shown = app.ui.document
    assert shown is not None
    x, y, w, h = DOCUMENT
    size = ZOOMS[shown.zoom]

    def close(_who: str | None) -> ShowDocument:
        return ShowDocument(None)

    def draw(p: Painter, _look: Look) -> None:
        p.shade((0, 0, 1920, 1080), (0, 0, 0), 200)
        p.rect((x + 10, y + 12, w, h), (0, 0, 0), 36)
        p.rect(DOCUMENT, (255, 252, 240), 36)
        left = x + 48
        if shown.icon is not None:
            icon = shown.icon
            p.blit_shape(
                ("icon", icon), (x + 40, y + 36, 120, 120), lambda s: icon_surface(icon, s)
            )
            left = x + 190
        p.text_box(
            shown.title,
            (left, y + 40, x + w - 560 - left, 120),
            64,
            (20, 20, 30),
            True,
            "left",
            "middle",
        )
        p.text_box(shown.text, (x + 48, y + 190, w - 96, h - 230), size, (20, 20, 30))

    sig = (shown, size)
    backdrop = Widget(
        "document",
        (0, 0, 1920, 1080),
        draw,
        f"{shown.title}. {shown.text}",
        close,
        focusable=False,
        sig=sig,
        backdrop=True,
    )
    right = x + w - 40
    return [
        backdrop,
        button(
            "document:smaller",
            (right - 520, y + 50, 150, 100),
            "−",
            lambda _w: Zoom(-1),
            size=64,
            enabled=shown.zoom > 0,
            spoken=t("document.smaller"),
        ),
        button(
            "document:bigger",
            (right - 360, y + 50, 150, 100),
            "+",
            lambda _w: Zoom(1),
            size=64,
            enabled=shown.zoom < len(ZOOMS) - 1,
            spoken=t("document.bigger"),
        ),
        button(
            "document:close",
            (right - 200, y + 50, 200, 100),  # « Fermer » at F2
            t("document.close"),
            close,
            colour=(150, 60, 60),
            size=34,
        ),
    ]


#: the hand-over's card: where, its top and bottom colours, its corners' radius
HANDOVER_CARD = ((360.0, 200.0, 1200.0, 620.0), (230, 159, 0), (213, 94, 0), 40.0)
#: what the hand-over and the points won show around their card: the whole screen, a dark
#: stage (the next team's screen is not shown until they are ready; repaint paints it
#: meanwhile)
HANDOVER_STAGE = ((0.0, 0.0, 1920.0, 1080.0), (34, 40, 96), (14, 16, 36), 0.0)
#: the card of the points a team just won
CHEER_CARD = ((460.0, 240.0, 1000.0, 560.0), (0, 158, 115), (0, 114, 90), 40.0)


def handover(app: App, team_id: str) -> list[Widget]:
    t = app.t
    team = app.state.teams[team_id]
    members = [p for p in app.state.players.values() if p.team == team_id]
    of, bare = t.team_parts("de", team.name)

    def draw(p: Painter, _look: Look) -> None:
        p.gradient(*HANDOVER_STAGE)
        p.gradient(*HANDOVER_CARD)
        p.text(t("handover.title", of=of), (960, 250), 48, (30, 20, 10), True, "midtop")
        p.text(bare, (960, 320), 110, (20, 10, 0), True, "midtop", max_width=1100)
        avatar_row(
            p, members, top=470, side=110, width=1000, most=180, gap=10, size=30, ink=(20, 10, 0)
        )

    def dismiss(_who: str | None) -> Handover:
        return Handover(None)

    return [
        decoration(
            "handover",
            (0, 0, 1920, 1080),
            draw,
            t("handover.spoken", team=t.team("de", team.name)),
            tuple(members),
            covers=True,
        ),
        button(
            "handover:ok",
            (710, 680, 500, 110),
            t("handover.go"),
            dismiss,
            icon="reprendre",
            colour=(0, 114, 178),
            size=44,
        ),
    ]


def cheer(app: App, won: Cheer) -> list[Widget]:
    """The points a team just won, big, for a moment; a tap goes on to the hand-over."""
    t = app.t
    team = app.state.teams[won.team]
    gained = t("cheer.points", n=won.points)
    total = t("cheer.total", n=team.score)

    def draw(p: Painter, _look: Look) -> None:
        p.gradient(*HANDOVER_STAGE)
        p.gradient(*CHEER_CARD)
        p.blit_shape(("icon", "trophee"), (905, 252, 110, 110), icon_maker("trophee"))
        p.text(gained, (960, 362), 120, (255, 255, 255), True, "midtop")
        p.text(team.name, (960, 592), 56, (255, 255, 255), True, "midtop", max_width=920)
        p.text(total, (960, 706), 36, (230, 255, 245), False, "midtop", max_width=920)

    def go_on(_who: str | None) -> Handover:
        return Handover(won.then)

    return [
        Widget(
            "cheer",
            (0, 0, 1920, 1080),
            draw,
            f"{team.name} : {gained}. {total}",
            go_on,
            sig=(won, team.score, team.name),
            backdrop=True,
            covers=True,
        )
    ]


def paused(app: App) -> list[Widget]:
    """No button here: only the facilitator resumes (the top bar's button or the console),
    and the screen says so, rather than offering players a button that is not theirs."""
    t = app.t

    def draw(p: Painter, _look: Look) -> None:
        p.shade((0, 104, 1920, 976), (0, 0, 0), 210)
        p.text(t("pause.title"), (960, 380), 110, (255, 255, 255), True, "midtop")
        p.text_box(t("pause.text"), (460, 540, 1000, 200), 44, (220, 220, 240), False, "center")

    return [decoration("pause", (0, 104, 1920, 976), draw, t("pause.title"), backdrop=True)]


def words(app: App) -> list[Widget]:
    """« Les mots »: the scenario's hard words with their definitions, those on screen first
    (they are underlined where they appear); read aloud with F1; Échap closes."""
    t = app.t
    page = app.ui.words or 0
    entries, pages = app.words.page(app.screen_texts(), page)

    def draw(p: Painter, _look: Look) -> None:
        theme = p.theme
        p.shade((0, 0, 1920, 1080), (0, 0, 0), 200)
        p.rect((200, 96, 1520, 900), theme.panel, 40)
        p.blit_shape(("icon", "loupe"), (240, 116, 80, 80), icon_maker("loupe"))
        p.text(t("words.title"), (340, 156), 56, theme.text, True, "midleft", max_width=1100)
        if pages > 1:
            shown = t("words.page", n=page % pages + 1, total=pages)
            p.text(shown, (1680, 156), 36, theme.text_dim, True, "midright")
        y = 226.0
        for entry in entries:
            height = entry_height(entry)
            p.rect((240, y, 1440, height - 12), theme.card, 24)
            p.text(entry.word, (270, y + 12), 40, theme.text_on_card, True, max_width=1380)
            box = (270, y + WORD_LINE, 1380, height - WORD_LINE - 16)
            p.text_box(entry.definition, box, 32, theme.text_on_card, False)
            y += height

    label = " ".join(f"{e.word} : {e.definition}" for e in entries)
    widgets = [
        decoration(
            "words",
            (0, 0, 1920, 1080),
            draw,
            label,
            (page % pages, tuple(e.word for e in entries)),
            backdrop=True,
        )
    ]
    if pages > 1:
        widgets.append(
            button(
                "words:next",
                (760, 880, 440, 96),
                t("words.next"),
                lambda _who: ShowWords(page + 1),
                icon="fleche",
                colour=(0, 114, 178),
                size=36,
            )
        )
    close = button(
        "words:close",
        (1240, 880, 440, 96),
        t("words.close"),
        lambda _who: ShowWords(None),
        icon="fermer",
        colour=(0, 114, 178),
        size=36,
    )
    # F1 on the focused « Fermer » reads the definitions first, then what the button does
    widgets.append(replace(close, autofocus=True, spoken=f"{label} {close.label}"))
    return widgets
