"""The skills card: build it from evidence, lay it out once in millimetres, draw PNG and PDF.

Design rules: big type, short French sentences, one accent colour that prints as dark grey;
every piece of information is carried by words or shapes, never by colour alone (the level
is written out beside its filled dots). Nothing on the card says what a player did *not* do.
The QR code holds only ``BASE_URL/s/TOKEN``: a random token, nothing personal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date as Date
from functools import lru_cache
from pathlib import Path

import qrcode
from qrcode.constants import ERROR_CORRECT_M

from engine.format.scenario import Scenario
from engine.locale import text
from engine.reference.skills import SkillsFramework, load_framework
from engine.typography import date_in_words
from facilitator.summaries.draw import (
    PAGE_H,
    PAGE_W,
    PT,
    QR,
    Ellipse,
    FontName,
    Op,
    Rect,
    Text,
    needs_full_fonts,
    new_pdf,
    render_pdf_page,
    render_png,
    text_width,
    wrap,
)
from facilitator.summaries.evidence import (
    FACILITATOR_DEFAULT,
    SKIPPED,
    PlayerEvidence,
    SkillEvidence,
)
from facilitator.summaries.model import JobLine, PlayerCard, SkillLine, TrainingLine

DEFAULT_BASE_URL = "http://127.0.0.1:8765"
MASK_PATTERN = 2
PX_PER_MM = 5.0  # 127 dpi: sharp on a phone, and 5 px per QR module
MAX_SKILLS = 3

INK = (20, 20, 20)
MUTED = (60, 60, 60)
ACCENT = (24, 74, 130)  # deep blue; prints as dark grey with white text still readable
TINT = (231, 239, 249)  # very light: black text on it stays sharp in black and white
WHITE = (255, 255, 255)

SOURCE_WORDS = {"game": "Dans le jeu", "facilitator": "L'animateur a vu"}


# --- building the card's data ------------------------------------------------------------


def portal_url(base_url: str, token: str) -> str:
    """What the QR code holds: the counsellor portal's page for this token, nothing else."""
    return f"{base_url.rstrip('/')}/s/{token}"


def build_card(
    evidence: PlayerEvidence,
    *,
    token: str,
    short_code: str,
    scenario_title: str,
    day: Date,
    jobs: Sequence[JobLine],
    trainings: Sequence[TrainingLine] | None = None,
    framework: SkillsFramework | None = None,
    max_skills: int = MAX_SKILLS,
    address: str = "vous",
) -> PlayerCard:
    """One player's card from their evidence (see ``evidence.compute_evidence``);
    ``address``: the scenario's (``address_of``), that the team sentences follow."""
    framework = framework or load_framework()
    skills = [_skill_line(s, framework) for s in evidence.strongest(max_skills)]
    chosen = [_label(framework, slug) for slug in evidence.self_assessed]
    return PlayerCard(
        player_id=evidence.player,
        pseudonym=evidence.pseudonym,
        token=token,
        short_code=short_code,
        scenario_title=scenario_title,
        date=day,
        skills=skills,
        self_assessed=chosen,
        jobs=list(jobs),
        trainings=list(trainings) if trainings is not None else None,
        team_summary=team_summary(evidence, address),
        needs_facilitator=evidence.needs_facilitator,
        address=address,
    )


def _say(card: PlayerCard, key: str) -> str:
    """A fixed sentence of the card, in the scenario's « tu » or « vous »."""
    return text("fr", key, address_form=card.address)


def address_of(scenario: Scenario | None) -> str:
    """How the scenario speaks to the players (« vous » when it is not known)."""
    return scenario.address if scenario is not None else "vous"


def team_summary(evidence: PlayerEvidence, address: str = "vous") -> list[str]:
    """True, positive sentences about taking part and what the team achieved, with the
    scenario's « tu » or « vous » (``card.*`` in assets/locale/fr.yaml)."""

    def say(key: str, n: int | None = None) -> str:
        return _sentence(key, address, n)

    lines = []
    if evidence.participation:
        puzzles = [line for line, _ref in evidence.participation if line.startswith("A participé")]
        lines.append(say("card.took_part", len(puzzles)) if puzzles else say("card.played"))
    else:
        lines.append(say("card.was_there"))
    done = [line for line, _ref in evidence.team_achievements]
    solved = [line for line in done if line.endswith("réussi")]
    skipped = [line for line in done if line.endswith(SKIPPED)]
    endings = [line for line in done if line not in solved and line not in skipped]
    if solved:
        lines.append(say("card.team_solved", len(solved)))
    if skipped:  # said as passed with help, never counted as solved
        lines.append(say("card.team_skipped", len(skipped)))
    lines.extend(f"Fin du jeu : {line}" for line in endings)
    return lines


@lru_cache(maxsize=1024)
def _sentence(key: str, address: str, n: int | None) -> str:
    """One of ``team_summary``'s sentences: the same few for every card (a hub makes
    thousands), so each is looked up and formatted once (the locale files are read once)."""
    return text("fr", key, address_form=address, **({} if n is None else {"n": n}))


def _skill_line(skill: SkillEvidence, framework: SkillsFramework) -> SkillLine:
    info = framework.get(skill.skill)
    shown = skill.for_player
    return SkillLine(
        skill_id=skill.skill,
        label=info.label if info else skill.skill,
        rome_code=info.rome_code if info else "",
        rome_label=info.rome_label if info else "",
        at_work=info.at_work if info else "",
        level=skill.level,
        level_text=skill.level_text,
        evidence=shown.text,
        sources=skill.sources,
        self_assessed=skill.self_assessed,
        event_refs=skill.refs,
    )


def _label(framework: SkillsFramework, slug: str) -> str:
    info = framework.get(slug)
    return info.label if info else slug


def french_date(day: Date) -> str:
    return date_in_words(day)


@lru_cache(maxsize=256)
def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The QR modules with a 4-module quiet zone (medium error correction: survives a fold)."""
    # A fixed mask pattern: trying all eight (the library's default) costs four times as much
    # and any mask is valid for every QR reader.
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4, mask_pattern=MASK_PATTERN)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


# --- layout ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Options:
    skills: int
    at_work: bool
    team: bool = True
    trainings: int = 3


_ATTEMPTS = (
    _Options(3, True),
    _Options(3, False),
    _Options(3, False, team=False),
    _Options(3, False, team=False, trainings=2),
    _Options(3, False, team=False, trainings=1),
    _Options(2, False, team=False, trainings=1),
    _Options(2, False, team=False, trainings=0),
    _Options(1, False, team=False, trainings=0),
)

MARGIN = 12.0
WIDTH = PAGE_W - 2 * MARGIN
FOOTER_H = 46.0


class _Flow:
    """Ops accumulated top-down with a cursor ``y`` (mm)."""

    def __init__(self) -> None:
        self.ops: list[Op] = []
        self.y = MARGIN

    def text(
        self, x: float, text: str, font: FontName, size: float, colour: tuple[int, int, int] = INK
    ) -> None:
        self.ops.append(Text(x, self.y, text, font, size, colour))

    def paragraph(
        self,
        x: float,
        width: float,
        text: str,
        font: FontName,
        size: float,
        colour: tuple[int, int, int] = INK,
        leading: float = 1.3,
    ) -> None:
        """Wrapped text; the cursor starts and ends on baselines."""
        for i, line in enumerate(wrap(text, font, size, width)):
            if i:
                self.y += size * PT * leading
            self.ops.append(Text(x, self.y, line, font, size, colour))


def layout_card(card: PlayerCard, base_url: str = DEFAULT_BASE_URL) -> list[Op]:
    """The card as drawing operations on an A4 page; shrinks content until it fits."""
    for options in _ATTEMPTS:
        ops, bottom = _layout(card, base_url, options)
        if bottom <= PAGE_H - MARGIN - FOOTER_H - 4:
            return ops
    return ops


def _layout(card: PlayerCard, base_url: str, options: _Options) -> tuple[list[Op], float]:
    flow = _Flow()
    _header(flow, card)
    if card.needs_facilitator:
        _to_complete(flow, card)
    else:
        _section(flow, _say(card, "card.shown"))
        for skill in card.skills[: options.skills]:
            _skill_box(flow, skill, options.at_work, _say(card, "card.chosen_too"))
    _self_block(flow, card, 0 if card.needs_facilitator else options.skills)
    if not card.needs_facilitator and card.team_summary and options.team:
        flow.y += 9
        with_team = _say(card, "card.with_team")
        flow.text(MARGIN, with_team, "bold", 13)
        x = MARGIN + text_width(with_team, "bold", 13) + 3
        flow.paragraph(x, PAGE_W - MARGIN - x, " ".join(card.team_summary), "regular", 12, INK)
    if card.jobs:
        _section(flow, _say(card, "card.jobs"))
        for number, job in enumerate(card.jobs[:3], start=1):
            _job_line(flow, number, job)
    if card.trainings and options.trainings:
        _section(flow, "Des formations pour continuer")
        for training in card.trainings[: options.trainings]:
            _training_line(flow, training)
    bottom = flow.y
    _footer(flow, card, base_url)
    return flow.ops, bottom


def _header(flow: _Flow, card: PlayerCard) -> None:
    height = 34.0
    flow.ops.append(Rect(MARGIN, MARGIN, WIDTH, height, fill=ACCENT, radius=5))
    # A friendly mark: a white star in a circle (decoration only, carries no information).
    flow.ops.append(Ellipse(PAGE_W - MARGIN - 30, MARGIN + 5, 24, 24, fill=WHITE))
    flow.ops.append(Text(PAGE_W - MARGIN - 26, MARGIN + 24.6, "★", "regular", 44, ACCENT))
    flow.y = MARGIN + 9
    flow.text(MARGIN + 7, "Ma carte de compétences", "bold", 13, WHITE)
    flow.y += 12
    name = card.pseudonym
    size = 30.0
    while text_width(name, "bold", size) > WIDTH - 50 and size > 16:
        size -= 2
    flow.text(MARGIN + 7, name, "bold", size, WHITE)
    flow.y += 8
    subtitle = f"{card.scenario_title} · {french_date(card.date)}"
    lines = wrap(subtitle, "regular", 12.5, WIDTH - 50)
    flow.text(MARGIN + 7, lines[0] if len(lines) == 1 else lines[0] + "…", "regular", 12.5, WHITE)
    flow.y = MARGIN + height


def _section(flow: _Flow, title: str) -> None:
    flow.y += 10
    flow.text(MARGIN, title, "bold", 17)
    flow.ops.append(Rect(MARGIN, flow.y + 1.6, 22, 1.4, fill=ACCENT))
    flow.y += 4


def _dots(flow: _Flow, x: float, y: float, level: int) -> None:
    """Three dots, filled up to the level: a shape, always printed beside its words."""
    for i in range(3):
        filled = i < level
        flow.ops.append(
            Ellipse(
                x + i * 6.2, y, 4.6, 4.6, fill=ACCENT if filled else WHITE, stroke=ACCENT, width=0.5
            )
        )


def _skill_box(flow: _Flow, skill: SkillLine, at_work: bool, chosen_too: str) -> None:
    top = flow.y + 2.5
    inner = WIDTH - 12
    probe = _Flow()
    probe.y = top + 8
    probe.text(MARGIN + 6, skill.label, "bold", 16)
    right = PAGE_W - MARGIN - 6
    level_w = text_width(skill.level_text, "bold", 11)
    probe.ops.append(Text(right - level_w, probe.y, skill.level_text, "bold", 11, INK))
    _dots(probe, right - level_w - 21, probe.y - 4, skill.level)
    probe.y += 6.5
    source = SOURCE_WORDS.get(skill.sources[0] if skill.sources else "game", "Dans le jeu")
    # The facilitator's standard sentence says who saw it already: no « L'animateur a vu : ».
    said = (
        skill.evidence if skill.evidence == FACILITATOR_DEFAULT else f"{source} : {skill.evidence}"
    )
    probe.paragraph(MARGIN + 6, inner, said, "regular", 12.5)
    if at_work and skill.at_work:
        probe.y += 5.5
        probe.paragraph(MARGIN + 6, inner, f"Au travail : {skill.at_work}", "regular", 11, MUTED)
    if skill.self_assessed:
        probe.y += 7.5
        tag = f"✓ {chosen_too}"
        w = text_width(tag, "bold", 11) + 6
        probe.ops.append(
            Rect(MARGIN + 5, probe.y - 4.6, w, 6.6, fill=WHITE, stroke=INK, width=0.35, radius=3.3)
        )
        probe.ops.append(Text(MARGIN + 8, probe.y, tag, "bold", 11, INK))
    bottom = probe.y + 4.5
    flow.ops.append(
        Rect(MARGIN, top, WIDTH, bottom - top, fill=TINT, stroke=ACCENT, width=0.5, radius=4)
    )
    flow.ops.extend(probe.ops)
    flow.y = bottom


def _to_complete(flow: _Flow, card: PlayerCard) -> None:
    _section(flow, _say(card, "card.journey"))
    top = flow.y + 3
    probe = _Flow()
    probe.y = top + 9
    for line in card.team_summary:
        probe.paragraph(MARGIN + 6, WIDTH - 12, f"✓ {line}", "regular", 13)
        probe.y += 7
    probe.paragraph(
        MARGIN + 6,
        WIDTH - 12,
        _say(card, "card.to_complete"),
        "bold",
        12.5,
    )
    bottom = probe.y + 6
    flow.ops.append(
        Rect(MARGIN, top, WIDTH, bottom - top, fill=TINT, stroke=ACCENT, width=0.5, radius=4)
    )
    flow.ops.extend(probe.ops)
    flow.y = bottom


def _self_block(flow: _Flow, card: PlayerCard, shown: int) -> None:
    """The skills the player chose that no box above already marks "Toi aussi"."""
    marked = {s.label for s in card.skills[:shown] if s.self_assessed}
    rest = [label for label in card.self_assessed if label not in marked]
    if not rest:
        return
    title = _say(card, "card.chose_also" if marked else "card.chose")
    flow.y += 10
    flow.text(MARGIN, title, "bold", 13)
    x = MARGIN + text_width(title, "bold", 13) + 3
    for label in rest:
        tag = f"✓ {label}"
        w = text_width(tag, "regular", 11.5) + 6
        if x + w > PAGE_W - MARGIN:
            flow.y += 9
            x = MARGIN
        flow.ops.append(Rect(x, flow.y - 5, w, 7, fill=WHITE, stroke=INK, width=0.35, radius=3.5))
        flow.ops.append(Text(x + 3, flow.y, tag, "regular", 11.5, INK))
        x += w + 3
    flow.y += 2


def _job_line(flow: _Flow, number: int, job: JobLine) -> None:
    flow.y += 8.5
    flow.ops.append(Ellipse(MARGIN, flow.y - 5.6, 7.5, 7.5, fill=ACCENT))
    flow.ops.append(Text(MARGIN + 2.2, flow.y, str(number), "bold", 12, WHITE))
    flow.paragraph(MARGIN + 11, WIDTH - 11, job.title, "bold", 14)
    flow.y += 5.2
    detail = f"Code ROME {job.code}" + (" · métier du jeu" if job.from_scenario else "")
    if job.reason:
        detail += f" · {job.reason}"
    flow.paragraph(MARGIN + 11, WIDTH - 11, detail, "regular", 11, MUTED)


def _training_line(flow: _Flow, training: TrainingLine) -> None:
    flow.y += 8
    flow.text(MARGIN, "▸", "bold", 12)
    flow.paragraph(MARGIN + 6, WIDTH - 6, training.title, "bold", 12.5)
    details = [d for d in (training.organisation, training.place, training.when) if d]
    if details:
        flow.y += 5
        flow.paragraph(MARGIN + 6, WIDTH - 6, " · ".join(details), "regular", 10.5, MUTED)


def _footer(flow: _Flow, card: PlayerCard, base_url: str) -> None:
    top = PAGE_H - MARGIN - FOOTER_H
    flow.ops.append(Rect(MARGIN, top, WIDTH, FOOTER_H, fill=WHITE, stroke=INK, width=0.6, radius=4))
    size = FOOTER_H - 8
    flow.ops.append(QR(MARGIN + 4, top + 4, size, qr_matrix(portal_url(base_url, card.token))))
    x = MARGIN + size + 12
    flow.y = top + 10.5
    flow.text(x, _say(card, "card.show_code"), "bold", 14)
    flow.y += 6.2
    flow.text(x, _say(card, "card.scan"), "regular", 11.5, MUTED)
    flow.y += 8
    flow.text(x, _say(card, "card.type_code"), "regular", 11.5)
    flow.y += 10.5
    flow.text(x, spaced(card.short_code), "bold", 26)
    flow.y += 6
    flow.text(x, f"sur {base_url.rstrip('/')}", "regular", 10, MUTED)
    if card.badge_note:  # below the box, in the bottom margin: how the badges were signed
        flow.y = top + FOOTER_H + 4.5
        flow.text(MARGIN + 2, card.badge_note, "regular", 9, MUTED)


def spaced(code: str) -> str:
    """The short code as printed: groups of four joined by a dash (``K7MQ-4X2P``), the way
    the portal shows it; the portal ignores dashes and spaces when it is typed."""
    plain = code.replace("-", "").replace(" ", "").upper()
    return "-".join(plain[i : i + 4] for i in range(0, len(plain), 4))


# --- writing files -----------------------------------------------------------------------


def write_png(
    card: PlayerCard, path: Path, *, base_url: str = DEFAULT_BASE_URL, px_per_mm: float = PX_PER_MM
) -> Path:
    """The card as a PNG (A4 proportions, 1050 × 1485 px by default)."""
    render_png(layout_card(card, base_url), path, px_per_mm=px_per_mm)
    return path


def write_pdf(
    cards: Sequence[PlayerCard], path: Path, *, base_url: str = DEFAULT_BASE_URL, title: str = ""
) -> Path:
    """All cards of a session in one printable A4 PDF, one card per page."""
    return _pdf([layout_card(card, base_url) for card in cards], path, title)


def write_cards(
    cards: Sequence[PlayerCard],
    pngs: Sequence[Path],
    pdf: Path,
    *,
    base_url: str = DEFAULT_BASE_URL,
    title: str = "",
) -> None:
    """PNGs and the PDF together, laying each card out once for both."""
    layouts = [layout_card(card, base_url) for card in cards]
    for ops, path in zip(layouts, pngs, strict=True):
        render_png(ops, path, px_per_mm=PX_PER_MM)
    _pdf(layouts, pdf, title)


def _pdf(layouts: Sequence[list[Op]], path: Path, title: str) -> Path:
    pdf = new_pdf(title or "Cartes de compétences", full_fonts=needs_full_fonts(list(layouts)))
    for ops in layouts:
        render_pdf_page(pdf, ops)
    pdf.output(str(path))
    return path
