"""The sheet as Markdown: for a screen, a wiki, or to copy into a workshop plan."""

from __future__ import annotations

from facilitator.sheets.model import FacilitatorSheet


def sheet_markdown(sheet: FacilitatorSheet) -> str:
    out = [f"# {sheet.title} — fiche de l'animateur", ""]
    out += [f"*{sheet.kind.capitalize()} · {sheet.duration} min · {sheet.players}*", ""]
    if sheet.summary:
        out += [sheet.summary, ""]
    out += _list("Objectifs", sheet.goals)
    out += ["## Accueil : cinq minutes pour lancer le jeu", ""]
    out += [f"{n}. {line}" for n, line in enumerate(sheet.introduction, 1)] + [""]
    if sheet.timings:
        total = sum(m for m, _ in sheet.timings)
        out += ["## Déroulé", "", "| durée | étape |", "|---|---|"]
        out += [f"| {m} min | {step} |" for m, step in sheet.timings]
        out += [f"| **{total} min** | **en tout** |", ""]
    out += _list("Matériel", sheet.materials)
    out += _list("Les mots à expliquer", [f"**{w}** : {d}" for w, d in sheet.glossary])
    out += ["## Corrigé", ""]
    for n, entry in enumerate(sheet.key, 1):
        where = f" — {entry.where}" if entry.where else ""
        out += [f"### {n}. {entry.title}{where}", ""]
        out += [f"- **{label} :** {answer}" for label, answer in entry.labelled()]
        out += [f"- **Pourquoi :** {entry.why}"]
        if entry.skills:
            out += [f"- **Noté par le jeu :** {' ; '.join(entry.skills)}"]
        out += [f"- **À observer :** {seen}" for seen in entry.observe]
        out += [""]
    if sheet.evidence:
        out += [
            "## Ce qui compte comme preuve",
            "",
            "| compétence | ce qu'il faut voir |",
            "|---|---|",
        ]
        out += [f"| {skill} | {counts} |" for skill, counts in sheet.evidence] + [""]
    out += ["## Débriefing", ""]
    if sheet.debrief_intro:
        out += [sheet.debrief_intro, ""]
    for n, q in enumerate(sheet.core, 1):
        at = f" ({q.job})" if q.job else ""
        out += [f"{n}. **{q.question}** — *{q.skill}{at}*", f"   Message : {q.message}"]
    out += [""]
    out += _list("Pour aller plus loin", sheet.other_questions)
    out += ["## Les métiers : la vraie vie", ""]
    for job in sheet.jobs:
        out += [f"### {job.title} ({job.code})", ""]
        out += [f"- **Horaires :** {job.hours}"] if job.hours else []
        out += [f"- **Le corps :** {job.physical}"] if job.physical else []
        out += [f"- **Pour y entrer :** {' ; '.join(job.routes)}"] if job.routes else []
        out += [f"- **Avant 18 ans :** {job.under_18}"] if job.under_18 else []
        out += [""]
    out += _list("Et après", sheet.next_steps)
    if sheet.trainings:
        out += ["## Formations près d'ici (catalogue importé)", ""]
        out += [f"- {t.title} — {t.where} ({t.start})" for t in sheet.trainings] + [""]
    elif sheet.trainings_note:
        out += [sheet.trainings_note, ""]
    sources = sorted({s for job in sheet.jobs for s in job.sources})
    out += _list("Sources", sources)
    return "\n".join(out).rstrip() + "\n"


def _list(title: str, items: list[str]) -> list[str]:
    if not items:
        return []
    return [f"## {title}", ""] + [f"- {item}" for item in items] + [""]
