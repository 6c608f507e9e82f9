"""The sheet as an A4 PDF to print: the skills cards' fonts (embedded Latin subsets, the full
fonts as fallback), black text on white, one dark band for the title, numbered pages."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from facilitator.sheets.model import FacilitatorSheet
from facilitator.summaries.draw import new_pdf
from facilitator.summaries.fonts import covered, font_file

MARGIN = 16.0
BAND = (38, 50, 56)
GREY = (90, 90, 90)
BLACK = (0, 0, 0)
TINT = (236, 240, 241)


class _Writer:
    """Flowing text on A4 pages, with headings that never end a page alone."""

    def __init__(self, pdf: FPDF, family: str) -> None:
        self.pdf = pdf
        self.family = family

    def font(self, style: str, size: float, colour: tuple[int, int, int] = BLACK) -> None:
        self.pdf.set_font(f"{self.family}-{style}", size=size)
        self.pdf.set_text_color(*colour)

    def room(self, mm: float) -> None:
        if self.pdf.get_y() + mm > self.pdf.h - MARGIN - 8:
            self.pdf.add_page()

    def heading(self, text: str) -> None:
        self.room(40)
        self.pdf.ln(3)
        self.font("bold", 13)
        self.pdf.set_fill_color(*TINT)
        self.pdf.cell(0, 8, f" {text}", fill=True, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1.5)

    def sub(self, text: str) -> None:
        self.room(16)
        self.font("bold", 10.5)
        self.pdf.multi_cell(0, 5.2, text, align="L", new_x="LMARGIN", new_y="NEXT")

    def para(self, text: str, size: float = 10, colour: tuple[int, int, int] = BLACK) -> None:
        self.font("regular", size, colour)
        self.pdf.multi_cell(0, 5, text, align="L", new_x="LMARGIN", new_y="NEXT")

    def label(self, name: str, text: str, indent: float = 4) -> None:
        """« Name : text » with the name in bold, wrapped as one indented paragraph."""
        self.pdf.set_left_margin(MARGIN + indent)
        self.pdf.set_x(MARGIN + indent)
        self.font("regular", 10)
        self.pdf.multi_cell(
            0,
            5,
            f"**{_escape(name)} :** {_escape(text)}",
            markdown=True,
            align="L",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        self.pdf.set_left_margin(MARGIN)
        self.pdf.set_x(MARGIN)

    def bullet(self, text: str, mark: str = "•") -> None:
        self.font("regular", 10)
        width = max(5.0, self.pdf.get_string_width(mark) + 2.5)
        self.pdf.set_x(MARGIN + 2)
        self.pdf.cell(width, 5, mark)
        self.pdf.set_left_margin(MARGIN + 2 + width)
        self.pdf.multi_cell(0, 5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.pdf.set_left_margin(MARGIN)
        self.pdf.set_x(MARGIN)


def _escape(text: str) -> str:
    """fpdf2's markdown reads ** __ -- as styles: keep them as typed."""
    return text.replace("**", "* *").replace("__", "_ _").replace("--", "-\u200b-")


def _all_text(sheet: FacilitatorSheet) -> list[str]:
    texts = [sheet.title, sheet.summary, sheet.debrief_intro, sheet.trainings_note]
    texts += sheet.goals + sheet.introduction + sheet.materials + sheet.next_steps
    texts += [step for _, step in sheet.timings] + sheet.other_questions
    for entry in sheet.key:
        texts += [
            entry.title,
            entry.where,
            entry.why,
            *entry.answers,
            *entry.skills,
            *entry.observe,
        ]
    for job in sheet.jobs:
        texts += [job.title, job.hours, job.physical, job.under_18, *job.routes, *job.sources]
    for q in sheet.core:
        texts += [q.question, q.message, q.skill, q.job]
    texts += [t.title + t.where + t.start for t in sheet.trainings]
    texts += [w + d for w, d in sheet.glossary]
    return texts


def write_sheet_pdf(sheet: FacilitatorSheet, path: Path) -> Path:
    """Write the sheet to ``path`` (A4 portrait) and return it."""
    full = not all(covered(t) for t in _all_text(sheet))
    pdf = new_pdf(f"{sheet.title} — fiche de l'animateur", full_fonts=full)
    family = "full" if full else "card"
    # fpdf2's markdown bold asks for the family's "B" style: it is the bold font
    pdf.add_font(f"{family}-regular", "B", str(font_file("bold", latin=not full)))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, MARGIN + 6)
    pdf.add_page()
    w = _Writer(pdf, family)
    _title(w, sheet)
    _body(w, sheet)
    _page_numbers(w, sheet)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def _title(w: _Writer, sheet: FacilitatorSheet) -> None:
    pdf = w.pdf
    pdf.set_fill_color(*BAND)
    pdf.rect(0, 0, pdf.w, 38, "F")
    pdf.set_xy(MARGIN, 7)
    w.font("bold", 18, (255, 255, 255))
    pdf.cell(0, 9, sheet.title, new_x="LMARGIN", new_y="NEXT")
    w.font("regular", 10.5, (255, 255, 255))
    pdf.cell(0, 6, f"Fiche de l'animateur · {sheet.kind}", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, f"{sheet.duration} min de jeu · {sheet.players}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(44)
    if sheet.summary:
        w.para(sheet.summary, 10.5)


def _body(w: _Writer, sheet: FacilitatorSheet) -> None:
    if sheet.goals:
        w.heading("Objectifs")
        for goal in sheet.goals:
            w.bullet(goal)
    w.heading("Accueil : cinq minutes pour lancer le jeu")
    for n, line in enumerate(sheet.introduction, 1):
        w.bullet(line, f"{n}.")
    if sheet.timings:
        w.heading("Déroulé")
        for minutes, step in sheet.timings:
            w.bullet(step, f"{minutes} min")
        total = sum(m for m, _ in sheet.timings)
        w.para(f"En tout : {total} minutes.", 10, GREY)
    if sheet.materials:
        w.heading("Matériel")
        for item in sheet.materials:
            w.bullet(item)
    if sheet.glossary:
        w.heading("Les mots à expliquer")
        for word, definition in sheet.glossary:
            w.label(word, definition, indent=0)
    w.heading("Corrigé")
    for n, entry in enumerate(sheet.key, 1):
        w.room(26)
        where = f" — {entry.where}" if entry.where else ""
        w.sub(f"{n}. {entry.title}{where}")
        for label, answer in entry.labelled():
            w.label(label, answer)
        w.label("Pourquoi", entry.why)
        if entry.skills:
            w.label("Noté par le jeu", " ; ".join(entry.skills))
        for seen in entry.observe:
            w.label("À observer", seen)
        w.pdf.ln(1.5)
    if sheet.evidence:
        w.heading("Ce qui compte comme preuve")
        for skill, counts in sheet.evidence:
            w.label(skill, counts, indent=0)
    w.heading("Débriefing : quatre questions")
    if sheet.debrief_intro:
        w.para(sheet.debrief_intro)
        w.pdf.ln(1)
    for n, q in enumerate(sheet.core, 1):
        at = f", {q.job}" if q.job else ""
        w.room(18)
        w.sub(f"{n}. {q.question}")
        w.label("Message", q.message)
        w.pdf.set_x(MARGIN + 4)
        w.para(f"({q.skill}{at})", 9, GREY)
        w.pdf.ln(1)
    if sheet.other_questions:
        w.sub("Pour aller plus loin")
        for question in sheet.other_questions:
            w.bullet(question)
    w.heading("Les métiers : la vraie vie")
    for job in sheet.jobs:
        w.room(30)
        w.sub(f"{job.title} ({job.code})")
        if job.hours:
            w.label("Horaires", job.hours)
        if job.physical:
            w.label("Le corps", job.physical)
        if job.routes:
            w.label("Pour y entrer", " ; ".join(job.routes))
        if job.under_18:
            w.label("Avant 18 ans", job.under_18)
        w.pdf.ln(1.5)
    if sheet.next_steps or sheet.trainings or sheet.trainings_note:
        w.heading("Et après")
        for step in sheet.next_steps:
            w.bullet(step)
        if sheet.trainings:
            w.sub("Formations près d'ici (catalogue importé)")
            for t in sheet.trainings:
                w.bullet(f"{t.title} — {t.where} ({t.start})")
        elif sheet.trainings_note:
            w.para(sheet.trainings_note, 9.5, GREY)
    sources = sorted({s for job in sheet.jobs for s in job.sources})
    if sources:
        w.heading("Sources")
        for source in sources:
            w.font("regular", 8.5, GREY)
            w.pdf.multi_cell(0, 4.2, f"• {source}", new_x="LMARGIN", new_y="NEXT")


def _page_numbers(w: _Writer, sheet: FacilitatorSheet) -> None:
    pdf = w.pdf
    pdf.set_auto_page_break(False)
    total = pdf.pages_count
    for page in range(1, total + 1):
        pdf.page = page
        pdf.font_family = ""  # a page revisited needs its font chosen again in its own stream
        w.font("regular", 8, GREY)
        pdf.set_xy(MARGIN, pdf.h - 12)
        pdf.cell(0, 5, f"Déclic · {sheet.title} · fiche de l'animateur · page {page} / {total}")
