"""The facilitator's home: start, resume and close workshops without a terminal.

Pages (``HomePage.page``): ``menu`` (five big buttons), ``new`` and ``trial`` (the scenario
picker), ``resume`` (unfinished sessions), ``finished`` (ended sessions), ``session`` (one
ended session: its players, the cards, the export, the hub, erasing), ``erase`` (the
confirmation naming what will be erased) and ``settings`` (« Réglages »: the hub, the
scenario folder, language and defaults). Long lists turn page by page (« Suivant »,
« Précédent », Page Down / Page Up, a pad's shoulder buttons). Widgets only: every press
returns a home intent that ``engine/player/home_perform.py`` applies. Every text comes
from ``assets/locale`` (``home.*``) and is at least 28 px at 1080p (readable at 4 m).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from engine.format.kinds import kind_icon
from engine.player.home_port import ScenarioCard, SessionLine
from engine.player.icons import icon_surface
from engine.player.intents import (
    Back,
    Backspace,
    HomeCards,
    HomeEnrol,
    HomeErase,
    HomeExport,
    HomeField,
    HomeGo,
    HomePush,
    HomeResume,
    HomeSave,
    HomeSet,
    HomeStart,
    HomeTurn,
    Intent,
    TypeText,
)
from engine.player.locale import Texts
from engine.player.paint import Painter
from engine.player.theme import Colour, mix
from engine.player.widgets import Look, Press, Widget, button, decoration, focus_ring
from engine.reference.rome import rome_codes

if TYPE_CHECKING:
    from engine.player.home import Home

GREEN, BLUE, ORANGE, PURPLE, RED, GREY = (
    (0, 158, 115),
    (0, 114, 178),
    (213, 94, 0),
    (120, 80, 170),
    (190, 40, 40),
    (80, 84, 100),
)
CARDS_PER_PAGE = 8
ROWS_PER_PAGE = 6
PLAYERS_PER_PAGE = 10
#: the retention choices of « Réglages » (days; None: always)
RETENTIONS: tuple[int | None, ...] = (None, 90, 180, 365)
#: the on-screen keys for an address, a code or a folder
KEY_ROWS = ("1234567890", "azertyuiop", "qsdfghjklm", "wxcvbn:/.-", "_~@?=&")
FIELDS = ("url", "code", "folder")
T = TypeVar("T")


def does(intent: Intent) -> Press:
    """A press that wants ``intent``."""
    return lambda _player: intent


def when(t: Texts, seconds: float) -> str:
    moment = datetime.fromtimestamp(seconds)
    return t("home.when", date=moment.strftime("%d/%m/%Y"), time=moment.strftime("%H:%M"))


def per_page(page: str) -> int:
    """How many things one page of ``page`` shows."""
    if page in ("new", "trial"):
        return CARDS_PER_PAGE
    if page == "session":
        return PLAYERS_PER_PAGE
    return ROWS_PER_PAGE


def count(home: Home) -> int:
    """How many things the page lists (the pages turn over them)."""
    page = home.page.page
    if page in ("new", "trial"):
        return len(home.cards)
    if page in ("resume", "finished"):
        return len(home.sessions)
    if page == "session":
        line = home.current()
        return len(line.players) if line is not None else 0
    return 0


def pages_of(home: Home) -> int:
    return max(1, -(-count(home) // per_page(home.page.page)))


def shown(home: Home, items: Sequence[T]) -> list[T]:
    """The part of ``items`` on the page turned to."""
    n = per_page(home.page.page)
    first = min(home.page.turn, pages_of(home) - 1) * n
    return list(items[first : first + n])


def build(home: Home) -> list[Widget]:
    t = home.t
    page = home.page.page
    title = t(f"home.title.{page if page in PAGES else 'menu'}")

    def backdrop(p: Painter, _look: Look) -> None:
        theme = p.theme
        p.fill(theme.background)
        p.rect((0, 0, 1920, 120), theme.bar)
        p.text(title, (960, 60), 52, theme.text, True, "center")

    widgets = [decoration("home", (0, 0, 1920, 1080), backdrop, title, sig=title, ground=True)]
    if page != "menu":
        widgets.append(
            button("home:back", (30, 20, 220, 80), t("home.back"), lambda _w: Back(None), size=34)
        )
    widgets += PAGES.get(page, menu)(home)
    turning = pages_of(home) > 1
    if turning:
        widgets += turners(home)
    message = t("home.busy") if home.busy is not None else home.page.message
    if message:
        widgets.append(
            _message(message, (390, 925, 1140, 95) if turning else (160, 925, 1600, 130))
        )
    return widgets


def turners(home: Home) -> list[Widget]:
    """« Précédent » and « Suivant », and where one is."""
    t = home.t
    total = pages_of(home)
    at = min(home.page.turn, total - 1)
    where = t("home.page", n=at + 1, total=total)

    def draw(p: Painter, _look: Look) -> None:
        p.text(where, (960, 1040), 28, p.theme.text_dim, True, "center")

    widgets = [decoration("home:where", (760, 1020, 400, 40), draw, where, sig=where)]
    if at > 0:
        widgets.append(
            button(
                "home:previous",
                (30, 935, 330, 130),
                t("home.previous"),
                does(HomeTurn(-1)),
                colour=BLUE,
                size=44,
            )
        )
    if at < total - 1:
        widgets.append(
            button(
                "home:next",
                (1560, 935, 330, 130),
                t("home.next"),
                does(HomeTurn(1)),
                colour=BLUE,
                size=44,
            )
        )
    return widgets


def _message(text: str, rect: tuple[float, float, float, float]) -> Widget:
    x, y, w, h = rect

    def draw(p: Painter, _look: Look) -> None:
        p.rect(rect, p.theme.panel_alt, 18)
        p.text_box(text, (x + 20, y + 4, w - 40, h - 8), 28, p.theme.text, True, "center", "middle")

    return decoration("home:message", rect, draw, text, sig=(text, rect))


def menu(home: Home) -> list[Widget]:
    t = home.t
    entries = (
        ("home:new", "home.menu.new", "equipe", GREEN, HomeGo("new")),
        ("home:resume", "home.menu.resume", "reprendre", BLUE, HomeGo("resume")),
        ("home:finished", "home.menu.finished", "carte", PURPLE, HomeGo("finished")),
        ("home:trial", "home.menu.trial", "etoile", ORANGE, HomeGo("trial")),
    )
    widgets = []
    for i, (key, label, icon, colour, intent) in enumerate(entries):
        x = 160 + (i % 2) * 820
        y = 170 + (i // 2) * 300
        widgets.append(
            button(key, (x, y, 780, 260), t(label), does(intent), icon=icon, colour=colour, size=60)
        )
    widgets.append(
        button(
            "home:settings",
            (560, 790, 800, 120),
            t("home.menu.settings"),
            does(HomeGo("settings")),
            icon="gear",
            colour=GREY,
            size=44,
        )
    )
    return widgets


def phones_toggle(home: Home) -> Widget:
    t = home.t
    state = t("home.yes") if home.phones else t("home.no")
    return button(
        "home:phones",
        (1500, 20, 390, 80),
        t("home.phones", state=state),
        does(HomeSet("phones", not home.phones)),
        icon="telephone",
        selected=home.phones,
        size=32,
    )


def picker(home: Home) -> list[Widget]:
    trial = home.page.page == "trial"
    cards = home.cards
    widgets = [phones_toggle(home)]
    if not cards:
        return [*widgets, _empty(home.t("home.empty.scenarios"))]
    return widgets + [_card(home.t, card, i, trial) for i, card in enumerate(shown(home, cards))]


def job_names(codes: tuple[str, ...]) -> list[str]:
    """The jobs' names in ROME 4.0 (« Commis / Commise de cuisine »); a code ROME does not
    know stays a code."""
    known = rome_codes()
    return [known[c].title if c in known else c for c in codes]


def job_line(t: Texts, codes: tuple[str, ...]) -> str:
    """How many jobs the scenario shows, and their names."""
    if not codes:
        return ""
    names = job_names(codes)
    shown_names = ", ".join(names[:2]) + (" …" if len(names) > 2 else "")
    return t("home.card.jobs", n=len(names), names=shown_names)


def job_rows(p: Painter, names: list[str], at: tuple[float, float, float], ink: Colour) -> None:
    """One job a line, the first two (« +3 » when there are more), each cut to fit."""
    x, y, width = at
    for i, name in enumerate(names[:2]):
        more = f" +{len(names) - 2}" if i == 1 and len(names) > 2 else ""
        room = width - (70 if more else 0)
        p.text(p.cut(name, room, 28) + more, (x, y + i * 38), 28, ink)


def kind_name(t: Texts, kind: str) -> str:
    name = t(f"kind.{kind}")
    return kind if name == f"kind.{kind}" else name


def _card(t: Texts, card: ScenarioCard, index: int, trial: bool) -> Widget:
    x = 30 + (index % 4) * 470
    y = 140 + (index // 4) * 395
    rect = (x, y, 450, 380)
    kind = kind_name(t, card.kind)
    facts = t("home.card.facts", minutes=card.minutes, least=card.players[0], most=card.players[1])
    if not card.kind:  # the file could not be read as a scenario: only its problems
        kind, facts = t("home.card.to_fix"), card.path.name
    jobs = job_line(t, card.jobs)
    problems = t("home.card.cannot_start", problems=" ".join(card.problems))
    said = (card.title, kind, facts, jobs, card.summary, problems if card.problems else "")
    label = ". ".join(s for s in said if s)

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
            job_rows(p, job_names(card.jobs), (cx + 18, cy + 180, w - 36), ink)
            pictures(p, card.icons, (cx + 18, cy + 272), w - 36)
        else:
            p.text_box(problems, (cx + 18, cy + 180, w - 36, 190), 28, (140, 0, 0), True)
        focus_ring(p, rect, look)

    intent = HomeStart(str(card.path), trial=trial) if card.ok else None
    return Widget(
        f"home:scenario:{card.path.parent.name}/{card.path.stem}",
        rect,
        draw,
        label,
        (lambda _w: intent) if intent is not None else None,
        sig=(card, trial, t.language),
        bleed=14,
    )


def pictures(p: Painter, icons: tuple[str, ...], at: tuple[float, float], width: float) -> None:
    """The scenario's own pictures in a row (its things and places: a fridge, a cow)."""
    x, y = at
    side = 88
    gap = (width - 4 * side) / 3
    for i, name in enumerate(icons[:4]):
        box = (x + i * (side + gap), y, side, side)
        p.blit_shape(("icon", name), box, partial(draw_icon, name))


def draw_icon(name: str, size: tuple[int, int]) -> Any:
    return icon_surface(name, size)


def lines(p: Painter, text: str, at: tuple[float, float, float], most: int, ink: Colour) -> None:
    """``text`` at 28 px (never smaller: read from 4 m), cut after ``most`` lines."""
    x, y, width = at
    wrapped = p.wrap(text, width, 28)
    if len(wrapped) > most:
        wrapped = [*wrapped[: most - 1], wrapped[most - 1].rstrip(" .,;") + " …"]
    for i, line in enumerate(wrapped):
        p.text(line, (x, y + i * 38), 28, ink)


def _empty(text: str) -> Widget:
    def draw(p: Painter, _look: Look) -> None:
        p.text_box(text, (260, 400, 1400, 200), 44, p.theme.text_dim, True, "center", "middle")

    return decoration("home:empty", (260, 400, 1400, 200), draw, text, sig=text)


def hub_words(t: Texts, line: SessionLine) -> str:
    """« envoyé au hub », « en attente d'envoi au hub », or nothing when not enrolled."""
    if line.hub == "pushed":
        return t("home.hub.pushed")
    if line.hub == "waiting":
        return t("home.hub.waiting")
    return ""


def _session_row(t: Texts, line: SessionLine, index: int, go: Intent) -> Widget:
    names = ", ".join(p.pseudonym for p in line.players) or t("home.nobody_yet")
    state = t(f"home.status.{line.status if line.status in ('lobby', 'playing') else 'ended'}")
    hub = hub_words(t, line)
    label = t(
        "home.row",
        id=line.id,
        when=when(t, line.created_at),
        title=line.title,
        state=hub or state,
        names=names,
    )
    return button(
        f"home:session:{line.id}",
        (160, 150 + index * 125, 1600, 110),
        label,
        does(go),
        icon=("coche" if line.hub == "pushed" else "horloge") if hub else None,
        size=32,
    )


def resume_page(home: Home) -> list[Widget]:
    if not home.sessions:
        return [_empty(home.t("home.empty.resume"))]
    on_page = shown(home, home.sessions)
    return [_session_row(home.t, s, i, HomeResume(s.id)) for i, s in enumerate(on_page)]


def finished_page(home: Home) -> list[Widget]:
    t = home.t
    if not home.sessions:
        return [_empty(t("home.empty.finished"))]
    on_page = shown(home, home.sessions)
    widgets = [_session_row(t, s, i, HomeGo("session", s.id)) for i, s in enumerate(on_page)]
    if any(s.hub for s in home.sessions):
        widgets.append(push_button(home, (1400, 20, 490, 80)))
    return widgets


def push_button(home: Home, rect: tuple[float, float, float, float], size: float = 32) -> Widget:
    return button(
        "home:push",
        rect,
        home.t("home.hub.push"),
        does(HomePush()),
        icon="fleche",
        colour=BLUE,
        enabled=home.busy is None,
        size=size,
    )


def session_page(home: Home) -> list[Widget]:
    t = home.t
    line = home.current()
    if line is None:
        return [_empty(t("home.gone.session"))]
    hub = hub_words(t, line)
    text = t("home.about", id=line.id, title=line.title, when=when(t, line.created_at))
    text += f" · {hub}" if hub else ""

    def draw(p: Painter, _look: Look) -> None:
        p.text_box(text, (160, 140, 1600, 60), 34, p.theme.text, True, "center", "middle")

    widgets = [decoration("home:about", (160, 140, 1600, 60), draw, text, sig=text)]
    widgets.append(
        button(
            "home:cards",
            (160, 220, 620, 110),
            t("home.cards"),
            lambda _w: HomeCards(line.id),
            icon="carte",
            colour=GREEN,
            size=40,
        )
    )
    widgets.append(
        button(
            "home:export",
            (810, 220, 440, 110),
            t("home.export"),
            lambda _w: HomeExport(line.id),
            icon="fiche",
            colour=PURPLE,
            size=40,
        )
    )
    if line.hub:
        widgets.append(push_button(home, (1280, 220, 480, 110), 40))
    for i, player in enumerate(shown(home, line.players)):
        x = 160 + (i % 2) * 820
        y = 360 + (i // 2) * 112
        widgets.append(
            button(
                f"home:erase:{player.id}",
                (x, y, 780, 98),
                t("home.erase.button", name=player.pseudonym, code=player.code),
                does(HomeGo("erase", line.id, player.id)),
                colour=mix(RED, (40, 40, 60), 0.35),
                size=32,
            )
        )
    if not line.players:
        widgets.append(_empty(t("home.no_players")))
    return widgets


def erase_page(home: Home) -> list[Widget]:
    t = home.t
    line = home.current()
    player = next((p for p in line.players if p.id == home.page.player), None) if line else None
    if line is None or player is None:
        return [_empty(t("home.gone.player"))]
    text = t(
        "home.erase.confirm", name=player.pseudonym, code=player.code, id=line.id, title=line.title
    )

    def draw(p: Painter, _look: Look) -> None:
        p.rect((160, 180, 1600, 420), p.theme.panel, 24)
        p.text_box(text, (210, 210, 1500, 360), 40, p.theme.text, True, "center", "middle")

    return [
        decoration("home:confirm", (160, 180, 1600, 420), draw, text, sig=text),
        button(
            "home:erase:yes",
            (260, 660, 640, 140),
            t("home.erase.yes"),
            lambda _w: HomeErase(line.id, player.id),
            colour=RED,
            size=48,
        ),
        button(
            "home:erase:no",
            (1020, 660, 640, 140),
            t("home.erase.no"),
            lambda _w: HomeGo("session", line.id),
            colour=BLUE,
            size=48,
        ),
    ]


# --- « Réglages » ----------------------------------------------------------------------------


def _label(key: str, text: str, at: tuple[float, float], width: float = 880) -> Widget:
    x, y = at

    def draw(p: Painter, _look: Look) -> None:
        p.text(text, (x, y), 32, p.theme.text, True)

    return decoration(key, (x, y - 4, width, 44), draw, text, sig=text)


def _field(home: Home, name: str, rect: tuple[float, float, float, float], said: str) -> Widget:
    """A text box: pressed, the keyboard types into it."""
    value = home.fields.get(name, "")
    active = home.typing == name
    empty = home.t("home.settings.empty") if name == "folder" else said  # labelled above
    shown_text = value + ("|" if active else "") if value or active else empty

    def draw(p: Painter, look: Look) -> None:
        theme = p.theme
        x, y, w, h = rect
        p.rect(rect, theme.card, 14)
        p.rect(rect, theme.accent if active else theme.text_dim, 14, 4 if active else 2)
        ink = theme.text_on_card if value or active else mix(theme.text_on_card, theme.card, 0.35)
        p.text(tail(p, shown_text, w - 32, 30), (x + 16, y + h / 2 - 18), 30, ink)
        focus_ring(p, rect, look)

    return Widget(
        f"home:field:{name}",
        rect,
        draw,
        f"{said} : {value}",
        does(HomeField(name)),
        sig=(shown_text, active),
        bleed=14,
    )


def tail(p: Painter, text: str, width: float, size: float) -> str:
    """The end of ``text`` that fits ``width`` (« …/ateliers/scenarios »): what one types."""
    start = 0
    while start < len(text) - 1 and p.cut(("…" if start else "") + text[start:], width, size) != (
        ("…" if start else "") + text[start:]
    ):
        start += 1
    return ("…" if start else "") + text[start:]


def keyboard(t: Texts, rect: tuple[float, float, float, float]) -> list[Widget]:
    """Keys for an address, a code or a folder (the game's keyboard has no « : » or « / »)."""
    x, y, w, h = rect
    kw, kh = w / 10, h / len(KEY_ROWS)
    widgets = []
    for r, row in enumerate(KEY_ROWS):
        for c, char in enumerate(row):
            widgets.append(
                button(
                    f"home:key:{char}",
                    (x + c * kw + 3, y + r * kh + 3, kw - 6, kh - 8),
                    char,
                    does(TypeText(char)),
                    size=32,
                )
            )
    widgets.append(
        button(
            "home:key:back",
            (x + 6 * kw + 3, y + 4 * kh + 3, 4 * kw - 6, kh - 8),
            t("osk.back"),
            does(Backspace()),
            size=32,
        )
    )
    return widgets


def _choice(
    key: str, rect: tuple[float, float, float, float], label: str, intent: Intent, chosen: bool
) -> Widget:
    return button(key, rect, label, does(intent), selected=chosen, size=30)


def settings_page(home: Home) -> list[Widget]:
    t = home.t
    draft = home.draft
    if draft is None:
        return []
    widgets: list[Widget] = []
    # left: the hub and the scenario folder, typed with the keys below
    widgets.append(_label("home:settings:hub", t("home.settings.hub"), (60, 140)))
    status = (
        t("home.settings.enrolled", url=draft.hub_url, organisation=draft.hub_organisation)
        if draft.hub_url
        else t("home.settings.not_enrolled")
    )

    def draw_status(p: Painter, _look: Look) -> None:
        p.text_box(status, (60, 186, 880, 40), 28, p.theme.text_dim, False, "left", "middle")

    widgets.append(
        decoration("home:settings:status", (60, 186, 880, 40), draw_status, status, sig=status)
    )
    widgets.append(_field(home, "url", (60, 238, 880, 70), t("home.settings.url")))
    widgets.append(_field(home, "code", (60, 320, 500, 70), t("home.settings.code")))
    widgets.append(
        button(
            "home:enrol",
            (580, 320, 360, 70),
            t("home.settings.enrol"),
            does(HomeEnrol()),
            colour=GREEN,
            enabled=home.busy is None,
            size=34,
        )
    )
    widgets.append(_label("home:settings:folder", t("home.settings.folder"), (60, 408)))
    widgets.append(_field(home, "folder", (60, 452, 880, 70), t("home.settings.folder")))
    widgets += keyboard(t, (60, 534, 880, 300))
    widgets.append(where_data(home, (60, 846, 880, 76)))

    # right: language, players per team, phones and sound, retention, text size, contrast
    x = 1010
    widgets.append(_label("home:settings:language", t("home.settings.language"), (x, 140)))
    for i, language in enumerate(("fr", "en")):
        widgets.append(
            _choice(
                f"home:language:{language}",
                (x + i * 430, 188, 410, 62),
                t(f"home.language.{language}"),
                HomeSet("language", language),
                draft.language == language,
            )
        )
    widgets.append(_label("home:settings:per_team", t("home.settings.per_team"), (x, 264)))
    n = draft.players_per_team
    widgets.append(
        button(
            "home:per_team:less",
            (x, 312, 200, 62),
            "−",
            does(HomeSet("players_per_team", max(1, n - 1))),
            spoken=t("home.settings.less"),
            enabled=n > 1,
            size=44,
        )
    )

    def draw_n(p: Painter, _look: Look) -> None:
        p.text(str(n), (x + 430, 343), 48, p.theme.text, True, "center")

    widgets.append(decoration("home:per_team", (x + 220, 312, 420, 62), draw_n, str(n), sig=n))
    widgets.append(
        button(
            "home:per_team:more",
            (x + 660, 312, 200, 62),
            "+",
            does(HomeSet("players_per_team", min(8, n + 1))),
            spoken=t("home.settings.more"),
            enabled=n < 8,
            size=44,
        )
    )
    widgets += yes_no(home, "phones", t("home.settings.phones"), draft.phones, (x, 388))
    widgets += yes_no(home, "sound", t("home.settings.sound"), not draft.muted, (x + 440, 388))
    widgets.append(_label("home:settings:retention", t("home.settings.retention"), (x, 512)))
    choices = list(RETENTIONS)
    if draft.retention_days not in choices:  # set otherwise (declic session retention 45)
        choices[-1] = draft.retention_days
    for i, days in enumerate(choices):
        widgets.append(
            _choice(
                f"home:retention:{days or 'forever'}",
                (x + i * 218, 560, 206, 62),
                t("home.settings.days", n=days) if days else t("home.settings.forever"),
                HomeSet("retention_days", days),
                draft.retention_days == days,
            )
        )
    widgets.append(_label("home:settings:text", t("home.settings.text"), (x, 636)))
    for step, words in enumerate(TEXT_SIZES):
        widgets.append(
            _choice(
                f"home:text:{step}",
                (x + step * 290, 684, 280, 62),
                t(words),
                HomeSet("text_step", step),
                draft.text_step == step,
            )
        )
    widgets += yes_no(home, "contrast", t("home.settings.contrast"), draft.contrast, (x, 760))
    widgets.append(
        button(
            "home:save",
            (x + 440, 770, 420, 130),
            t("home.settings.save"),
            does(HomeSave()),
            icon="coche",
            colour=GREEN,
            size=44,
        )
    )
    return widgets


#: « Taille du texte »: the game's text steps (``theme.TEXT_STEPS``), in order
TEXT_SIZES = ("home.size.normal", "home.size.big", "home.size.bigger")
#: what each yes / no of « Réglages » sets (« Son : oui » is ``muted`` False)
YES_NO = {"phones": "phones", "sound": "muted", "contrast": "contrast"}


def yes_no(home: Home, name: str, label: str, on: bool, at: tuple[float, float]) -> list[Widget]:
    """A label and « Oui » / « Non » below it, half the column wide."""
    x, y = at
    setting = YES_NO[name]
    widgets = [_label(f"home:settings:{name}", label, (x, y), 420)]
    for i, (yes, word) in enumerate(((True, "home.yes"), (False, "home.no"))):
        widgets.append(
            _choice(
                f"home:{name}:{'on' if yes else 'off'}",
                (x + i * 215, y + 48, 205, 62),
                home.t(word),
                HomeSet(setting, yes if setting != "muted" else not yes),
                on == yes,
            )
        )
    return widgets


def where_data(home: Home, rect: tuple[float, float, float, float]) -> Widget:
    """« Où sont les données »: the workshop file (and the cards' folder), read only, wrapped
    at 28 px (never smaller) in two lines at most."""
    t = home.t
    draft = home.draft
    data = draft.data_file if draft is not None and draft.data_file else t("home.settings.empty")
    if draft is not None and draft.cards_folder:
        text = t("home.settings.data_cards", data=data, cards=draft.cards_folder)
    else:
        text = t("home.settings.data", data=data)
    x, y, w, _h = rect

    def draw(p: Painter, _look: Look) -> None:
        lines(p, text, (x, y, w), 2, p.theme.text_dim)

    return decoration("home:settings:data", rect, draw, text, sig=text)


PAGES = {
    "menu": menu,
    "new": picker,
    "trial": picker,
    "resume": resume_page,
    "finished": finished_page,
    "session": session_page,
    "erase": erase_page,
    "settings": settings_page,
}
