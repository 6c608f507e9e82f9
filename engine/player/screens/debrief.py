"""The debrief, after the ending, for the whole group: the result, the key moments of the game,
one question per skill the scenario worked on, then each player picks the 3 skills they showed.

Why here and not on paper: the events already say who solved what, which hints were used and
what the facilitator observed; the group sees its own story on the projector. Self-assessment
is a ``SelfAssess`` action by the player chosen in "Qui joue ?" (or bound to a gamepad), like
every other action of the game.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING

from engine.core import events as ev
from engine.core.state import GameState
from engine.format.scenario import Scenario
from engine.player.icons import avatar_maker, icon_maker, icon_surface
from engine.player.intents import DebriefPage, PickSkill, SelfAssess
from engine.player.paint import Painter
from engine.player.screens.chrome import avatar_button, clock_text
from engine.player.theme import mix
from engine.player.widgets import Look, Widget, avatar_row, button, decoration
from engine.reference.real_life import JobEntry, job_entry
from engine.typography import found_by

if TYPE_CHECKING:
    from engine.player.app import App

STAGES = ("result", "timeline", "questions", "jobs", "self", "thanks")
ROWS_PER_PAGE = 7
PICKS = 3


@dataclass
class Debrief:
    """What the debrief screen shows; ``stage`` "closed" leaves the ending screen in place."""

    stage: str = "closed"
    page: int = 0
    picks: dict[str, list[str]] = field(default_factory=dict)
    current: str | None = None

    @property
    def open(self) -> bool:
        return self.stage != "closed"


@dataclass(frozen=True)
class Moment:
    t: float
    icon: str
    text: str
    players: tuple[str, ...] = ()  # player ids, drawn as avatars


def key_moments(
    events: Sequence[ev.Event], state: GameState, scenario: Scenario, skill_labels: dict[str, str]
) -> list[Moment]:
    """Who found what, which hints, what the facilitator saw, in game-time order."""
    puzzles = {p.id: p.title for p in scenario.puzzles}
    names = {pid: p.pseudonym for pid, p in state.players.items()}
    moments = []
    for e in events:
        if isinstance(e, ev.PuzzleSolved):
            who = ", ".join(names.get(p, p) for p in e.participants)
            title = puzzles.get(e.puzzle, e.puzzle)
            text = found_by(title, who)
            moments.append(Moment(e.t, "coche", text, tuple(e.participants)))
        elif isinstance(e, ev.PuzzleSkipped):  # passed, not solved: nobody is named
            title = puzzles.get(e.puzzle, e.puzzle)
            moments.append(Moment(e.t, "fleche", f"Énigme « {title} » passée avec l'animateur"))
        elif isinstance(e, ev.HintShown):
            title = puzzles.get(e.puzzle, e.puzzle)
            if e.pushed:
                text = f"Indice {e.level} donné par l'animateur ({title})"
                moments.append(Moment(e.t, "indice", text))
            else:  # never who asked: asking for help must cost no one in front of the group
                moments.append(Moment(e.t, "indice", f"Indice {e.level} demandé ({title})"))
        elif isinstance(e, ev.EvidenceRecorded) and e.source == "facilitator":
            who = ", ".join(names.get(p, p) for p in e.players)
            label = skill_labels.get(e.skill, e.skill)
            text = f"{who} : {label}" + (f" — « {e.text} »" if e.text else "")
            moments.append(Moment(e.t, "etoile", text, tuple(e.players)))
        elif isinstance(e, ev.TimeUp):
            moments.append(Moment(e.t, "horloge", "Le temps est écoulé"))
    return sorted(moments, key=lambda m: m.t)


def worked_skills(scenario: Scenario) -> list[str]:
    """The skills the scenario works on: its debrief questions first, then its puzzles' tags."""
    found = [q.skill for q in scenario.debrief.questions]
    for puzzle in scenario.puzzles:
        found += [rule.skill for rule in puzzle.skills]
    return list(dict.fromkeys(found))


def _labels(app: App) -> dict[str, str]:
    return dict(app.console.skills()) if getattr(app, "console", None) else {}


def open_debrief(_app: App) -> DebriefPage:
    return DebriefPage("result", 0)


def build(app: App) -> list[Widget]:
    stage = app.ui.debrief.stage
    if stage == "timeline":
        widgets = timeline(app)
    elif stage == "questions":
        widgets = questions(app)
    elif stage == "jobs":
        widgets = jobs(app)
    elif stage == "self":
        widgets = self_assessment(app)
    elif stage == "thanks":
        widgets = thanks(app)
    else:
        widgets = result(app)
    return widgets


# --- navigation ---------------------------------------------------------------------------


def next_page(app: App) -> DebriefPage:
    """The page after the one shown: the timeline's and the questions' pages, then the
    next stage (the questions skipped when the scenario has none)."""
    d = app.ui.debrief
    if d.stage == "timeline":
        pages = max(1, -(-len(key_moments(app.log, app.state, app.scenario, {})) // ROWS_PER_PAGE))
        if d.page + 1 < pages:
            return DebriefPage(d.stage, d.page + 1)
    if d.stage in PAGED and d.page + 1 < PAGED[d.stage](app):
        return DebriefPage(d.stage, d.page + 1)
    return DebriefPage(following_stage(app, d.stage), 0)


def following_stage(app: App, stage: str) -> str:
    """The stage after ``stage``; one with nothing to show (no questions, no job) is skipped."""
    index = STAGES.index(stage) if stage in STAGES else 0
    for candidate in STAGES[index + 1 :]:
        if candidate not in PAGED or PAGED[candidate](app) > 0:
            return candidate
    return STAGES[-1]


def next_button(app: App, label: str, *, x: float = 1440, y: float = 960) -> Widget:
    """Takes the focus when nothing has it: Enter goes on through the debrief."""
    following = button(
        "debrief:next",
        (x, y, 440, 96),
        label,
        lambda _w: next_page(app),
        icon="fleche",
        colour=(0, 114, 178),
        size=36,
    )
    return replace(following, autofocus=True)


def backdrop(p: Painter, title: str, icon: str) -> None:
    theme = p.theme
    if theme.outline:
        p.fill(theme.background)
    else:
        p.gradient((0, 0, 1920, 1080), (34, 40, 96), (18, 22, 48))
    p.blit_shape(("icon", icon), (60, 40, 110, 110), lambda s: icon_surface(icon, s))
    p.text(title, (200, 95), 64, theme.text, True, "midleft", max_width=1640)


def stage_dots(p: Painter, stage: str) -> None:
    for i in range(len(STAGES)):
        done = STAGES.index(stage) >= i
        p.circle((1700 + i * 38, 95), 12, p.theme.accent if done else p.theme.panel_alt)


# --- 1. the result ------------------------------------------------------------------------


def result(app: App) -> list[Widget]:
    t = app.t
    state = app.state
    team = app.team()
    endings = {e.id: e for e in app.scenario.endings}
    ending = endings.get(team.ending or "") if team else None
    success = ending.success if ending else True
    title = ending.title if ending else t("ending.default_title")
    solved = sum(len(tm.solved) for tm in state.teams.values())
    hints = sum(tm.hints_total for tm in state.teams.values())
    elapsed = state.clock.elapsed(state.clock.paused_at or app.session.clock())
    cheer = t("debrief.result_win") if success else t("debrief.result_timeout")

    def draw(p: Painter, _look: Look) -> None:
        theme = p.theme
        top, bottom = ((255, 183, 3), (251, 86, 7)) if success else ((114, 9, 183), (58, 12, 163))
        if theme.outline:
            p.fill(theme.background)
        else:
            p.gradient((0, 0, 1920, 1080), top, bottom)
        p.blit_shape(("icon", "trophee"), (810, 60, 300, 300), icon_maker("trophee"))
        p.text_box(cheer, (160, 380, 1600, 140), 84, theme.text, True, "center", "middle")
        p.text_box(title, (160, 520, 1600, 90), 48, theme.text, False, "center", "middle")
        stats = [
            ("horloge", t("ending.time", time=clock_text(elapsed))),
            ("coche", t("ending.solved", n=solved)),
            ("indice", t("ending.hints", n=hints)),
        ]
        for i, (icon, label) in enumerate(stats):
            sx = 300 + i * 450
            p.rect((sx, 660, 420, 120), mix(theme.card, top, 0.12), 30)
            p.blit_shape(("icon", icon), (sx + 18, 675, 90, 90), icon_maker(icon))
            p.text(label, (sx + 124, 720), 44, theme.text_on_card, True, "midleft", max_width=280)
        p.text_box(t("debrief.result_text"), (160, 820, 1600, 100), 36, theme.text, False, "center")

    sig = (success, title, solved, hints, int(elapsed))
    return [
        decoration("debrief:result", (0, 0, 1920, 1080), draw, cheer, sig),
        next_button(app, t("debrief.to_timeline")),
    ]


# --- 2. the key moments -------------------------------------------------------------------


def timeline(app: App) -> list[Widget]:
    t = app.t
    moments = key_moments(app.log, app.state, app.scenario, _labels(app))
    page = app.ui.debrief.page
    shown = moments[page * ROWS_PER_PAGE : (page + 1) * ROWS_PER_PAGE]
    pages = max(1, -(-len(moments) // ROWS_PER_PAGE))
    players = app.state.players

    def draw(p: Painter, _look: Look) -> None:
        theme = p.theme
        backdrop(p, t("debrief.timeline_title"), "horloge")
        stage_dots(p, "timeline")
        if not shown:
            p.text_box(t("debrief.timeline_empty"), (200, 300, 1500, 200), 44, theme.text, False)
        p.rect((258, 200, 8, 40 + 104 * max(1, len(shown) - 1)), theme.panel_alt, 4)
        for i, m in enumerate(shown):
            y = 180 + i * 104
            p.text(clock_text(m.t), (220, y + 44), 34, theme.text_dim, True, "midright")
            p.circle((262, y + 44), 30, theme.accent if m.icon == "coche" else theme.panel_alt)
            p.blit_shape(("icon", m.icon), (238, y + 20, 48, 48), icon_maker(m.icon))
            p.rect((310, y, 1560, 88), theme.panel, 22)
            x = 330
            for pid in m.players[:4]:
                who = players.get(pid)
                if who is None:
                    continue
                p.blit_shape(
                    ("avatar", who.avatar, who.colour, who.pseudonym),
                    (x, y + 8, 72, 72),
                    avatar_maker(who.avatar, who.colour, who.pseudonym),
                )
                x += 80
            p.text(m.text, (x + 12, y + 44), 36, theme.text, False, "midleft", max_width=1850 - x)
        if pages > 1:
            p.text(
                t("debrief.page", n=page + 1, total=pages),
                (1400, 1008),
                30,
                theme.text_dim,
                False,
                "midright",
            )

    sig = (tuple(shown), page, pages)
    label = " ".join(m.text for m in shown) or t("debrief.timeline_empty")
    return [
        decoration("debrief:timeline", (0, 0, 1920, 1080), draw, label, sig),
        next_button(app, t("debrief.more") if page + 1 < pages else t("debrief.to_questions")),
    ]


# --- 3. one question per skill ------------------------------------------------------------


def questions(app: App) -> list[Widget]:
    from engine.reference.rome import rome_codes

    t = app.t
    items = app.scenario.debrief.questions
    page = min(app.ui.debrief.page, max(0, len(items) - 1))
    q = items[page]
    labels = _labels(app)
    skill = labels.get(q.skill, q.skill)
    job = rome_codes().get(q.job or "") if q.job else None
    job_text = t("debrief.job", title=job.title, code=job.code) if job else ""
    intro = app.scenario.debrief.intro or ""

    def draw(p: Painter, _look: Look) -> None:
        theme = p.theme
        backdrop(p, t("debrief.questions_title"), "lire")
        stage_dots(p, "questions")
        if intro and page == 0:
            p.text_box(intro, (200, 170, 1520, 70), 36, theme.text_dim, False)
        card = (200, 260, 1520, 620)
        p.rect((card[0] + 10, card[1] + 14, card[2], card[3]), (0, 0, 0), 40)
        p.rect(card, theme.card, 40)
        p.rect((200, 260, 1520, 110), theme.accent, 40)
        p.rect((200, 330, 1520, 40), theme.accent)
        p.blit_shape(("icon", "etoile"), (230, 275, 80, 80), icon_maker("etoile"))
        p.text(skill, (330, 315), 52, theme.accent_text, True, "midleft", max_width=1200)
        p.text(f"{page + 1} / {len(items)}", (1690, 315), 36, theme.accent_text, True, "midright")
        p.text_box(
            q.question, (260, 400, 1400, 330), 62, theme.text_on_card, True, "center", "middle"
        )
        if job_text:
            p.rect((260, 760, 1400, 90), mix(theme.card, (0, 114, 178), 0.15), 24)
            p.blit_shape(("icon", "badge"), (280, 770, 70, 70), icon_maker("badge"))
            p.text(job_text, (370, 805), 36, theme.text_on_card, True, "midleft", max_width=1270)

    last = page + 1 >= len(items)
    sig = (page, q.question, skill, job_text, intro)
    then = (
        t("debrief.to_jobs")
        if following_stage(app, "questions") == "jobs"
        else t("debrief.to_self")
    )
    return [
        decoration("debrief:question", (0, 0, 1920, 1080), draw, f"{skill}. {q.question}", sig),
        next_button(app, then if last else t("debrief.next_question")),
    ]


# --- 4. the jobs, for real ----------------------------------------------------------------


def real_jobs(app: App) -> list[JobEntry]:
    """The scenario's jobs whose real life the data tells (hours, body, ways in, under 18)."""
    found = (job_entry(code) for code in app.scenario.jobs)
    return [job for job in found if job.known]


def jobs(app: App) -> list[Widget]:
    """One job a page: what the game showed, then the real life of it, before each player
    says what they showed (the source document: connect the game to real jobs)."""
    t = app.t
    shown = real_jobs(app)
    page = min(app.ui.debrief.page, max(0, len(shown) - 1))
    job = shown[page]
    rows = [
        ("horloge", t("debrief.job_hours"), job.hours),
        ("main", t("debrief.job_body"), job.physical),
        ("passeport", t("debrief.job_routes"), ", ".join(job.routes)),
        ("cadenas", t("debrief.job_under_18"), job.under_18),
    ]
    rows = [row for row in rows if row[2]]

    def draw(p: Painter, _look: Look) -> None:
        theme = p.theme
        backdrop(p, t("debrief.jobs_title"), "badge")
        stage_dots(p, "jobs")
        p.rect((120, 180, 1680, 110), theme.accent, 32)
        p.text(job.title, (160, 235), 52, theme.accent_text, True, "midleft", max_width=1420)
        p.text(f"{page + 1} / {len(shown)}", (1760, 235), 36, theme.accent_text, True, "midright")
        # each row as tall as its text needs at 34 px (about 68 characters a line), so
        # nothing shrinks under the room's minimum size
        needs = [1 + len(p.wrap(text, 1230, 34)) for _i, _l, text in rows]
        line = min(50.0, 630 / max(1, sum(needs)))
        y = 305.0
        for (icon, label, text), lines in zip(rows, needs, strict=True):
            height = lines * line
            p.rect((120, y, 1680, height - 12), theme.card, 24)
            p.blit_shape(("icon", icon), (140, y + 12, 64, 64), icon_maker(icon))
            p.text(label, (222, y + 44), 34, theme.text_on_card, True, "midleft", max_width=320)
            p.text_box(text, (550, y + 14, 1230, height - 30), 34, theme.text_on_card, False)
            y += height

    last = page + 1 >= len(shown)
    words = f"{job.title}. " + " ".join(f"{label} : {text}" for _i, label, text in rows)
    return [
        decoration("debrief:jobs", (0, 0, 1920, 1080), draw, words, (job.code, page, len(shown))),
        next_button(app, t("debrief.to_self") if last else t("debrief.next_job")),
    ]


# --- 5. self-assessment -------------------------------------------------------------------


def self_assessment(app: App) -> list[Widget]:
    t = app.t
    d = app.ui.debrief
    labels = _labels(app)
    order = worked_skills(app.scenario)
    skills = [s for s in order if s in labels] + [s for s in labels if s not in order]
    skills = skills[:16]
    players = list(app.state.players.values())
    who = app.ui.selected or d.current
    picks = d.picks.get(who or "", [])
    done = app.state.self_assessed
    name = app.state.players[who].pseudonym if who in app.state.players else ""

    def draw(p: Painter, _look: Look) -> None:
        theme = p.theme
        backdrop(p, t("debrief.self_title"), "main")
        stage_dots(p, "self")
        p.rect((40, 170, 1840, 150), theme.panel, 24)
        if name:
            text = t("debrief.self_for", name=name, n=len(picks), total=PICKS)
        else:
            text = t("debrief.self_who")
        p.text(text, (60, 350), 38, theme.hint, True, max_width=1800)
        if app.ui.notice:
            p.text(app.ui.notice, (60, 1000), 32, theme.bad, True, "midleft", max_width=1300)

    widgets = [
        decoration(
            "debrief:self",
            (0, 0, 1920, 1080),
            draw,
            t("debrief.self_title"),
            (name, len(picks), app.ui.notice),
        )
    ]
    n = max(1, len(players))
    cell = min(150.0, 1800 / n)
    for i, player in enumerate(players):
        rect = (60 + i * cell, 178, cell - 10, 134)
        widgets.append(avatar_button(app, player, rect, False))
        if player.id in done:
            widgets.append(_tick(player.id, rect))
    for i, skill in enumerate(skills):
        col, row = i % 4, i // 4
        rect = (40 + col * 462, 410 + row * 130, 446, 114)
        chosen = skill in picks
        widgets.append(
            button(
                f"debrief:skill:{skill}",
                rect,
                labels[skill],
                partial(_toggle, skill=skill),
                icon="coche" if chosen else None,
                selected=chosen,
                needs_player=True,
                size=34,
            )
        )
    widgets.append(
        button(
            "debrief:validate",
            (940, 950, 460, 96),
            t("debrief.validate"),
            lambda w: None if w is None else SelfAssess(w),
            icon="ok",
            colour=(0, 158, 115),
            needs_player=True,
            size=36,
        )
    )
    widgets.append(next_button(app, t("debrief.finish"), x=1420, y=950))
    return widgets


#: Stages shown a page at a time, and how many pages each has (none: the stage is skipped).
def _question_pages(app: App) -> int:
    return len(app.scenario.debrief.questions)


def _job_pages(app: App) -> int:
    return len(real_jobs(app))


PAGED: dict[str, Callable[[App], int]] = {"questions": _question_pages, "jobs": _job_pages}


def _tick(player: str, rect: tuple[float, float, float, float]) -> Widget:
    x, y, w, _h = rect

    def draw(p: Painter, _look: Look) -> None:
        p.circle((x + w - 18, y + 20), 20, p.theme.good)
        p.blit_shape(("icon", "coche"), (x + w - 34, y + 4, 32, 32), icon_maker("coche"))

    return decoration(f"debrief:done:{player}", (x + w - 40, y, 40, 40), draw, "")


def _toggle(who: str | None, *, skill: str) -> PickSkill | None:
    return None if who is None else PickSkill(who, skill)


# --- 5. thanks ----------------------------------------------------------------------------


def thanks(app: App) -> list[Widget]:
    t = app.t
    players = list(app.state.players.values())

    def draw(p: Painter, _look: Look) -> None:
        theme = p.theme
        if theme.outline:
            p.fill(theme.background)
        else:
            p.gradient((0, 0, 1920, 1080), (0, 158, 115), (0, 90, 110))
        p.text(t("debrief.thanks"), (960, 250), 160, theme.text, True, "center")
        p.text_box(
            t("debrief.thanks_text"),
            (260, 380, 1400, 160),
            44,
            theme.text,
            False,
            "center",
            "middle",
        )
        avatar_row(
            p, players, top=620, side=120, width=1700, most=190, gap=20, size=34, ink=theme.text
        )

    return [
        decoration("debrief:thanks", (0, 0, 1920, 1080), draw, t("debrief.thanks"), tuple(players))
    ]


def open_button(app: App) -> Widget:
    """The ending screen's way in; it takes the focus so that Enter opens the debrief."""
    opener = button(
        "ending:debrief",
        (1480, 960, 420, 100),
        app.t("debrief.open"),
        lambda _w: open_debrief(app),
        icon="fleche",
        colour=(0, 114, 178),
        size=36,
    )
    return replace(opener, autofocus=True)
