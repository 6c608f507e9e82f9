"""The stages of a young person's follow-up on a training, and the order they come in.

Pure functions, no database: the pages, the aggregates and the tests share one rule book.
A follow-up starts at « positionné »; each later stage comes with its date, never before the
previous stage's date nor after today; « non retenu », « entré en formation » and « abandon »
close it. Reasons come from a fixed list so that the dashboards can count them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

POSITIONED = "positionne"
SELECTION = "selection"
RETAINED = "retenu"
NOT_RETAINED = "non_retenu"
ENTERED = "entre"
DROPPED = "abandon"

#: In the order a follow-up goes through them.
STAGES = (POSITIONED, SELECTION, RETAINED, NOT_RETAINED, ENTERED, DROPPED)

LABELS = {
    POSITIONED: "positionné",
    SELECTION: "sélection",
    RETAINED: "retenu",
    NOT_RETAINED: "non retenu",
    ENTERED: "entré en formation",
    DROPPED: "abandon",
}

NEXT: dict[str, tuple[str, ...]] = {
    POSITIONED: (SELECTION, DROPPED),
    SELECTION: (RETAINED, NOT_RETAINED, DROPPED),
    RETAINED: (ENTERED, DROPPED),
    NOT_RETAINED: (),
    ENTERED: (),
    DROPPED: (),
}

#: What the young person reads about where they are: plain French, no « (e) », in the
#: form of address of the game they played (``FOR_YOUTH[stage][address]``).
FOR_YOUTH = {
    POSITIONED: {
        "tu": "Ton conseiller ou ta conseillère a proposé ton nom pour cette formation. "
        "Prochaine étape : la sélection (un entretien ou un test).",
        "vous": "Votre conseiller ou votre conseillère a proposé votre nom pour cette "
        "formation. Prochaine étape : la sélection (un entretien ou un test).",
    },
    SELECTION: {
        "tu": "Tu es en sélection. Prochaine étape : la réponse de l'organisme.",
        "vous": "Vous êtes en sélection. Prochaine étape : la réponse de l'organisme.",
    },
    RETAINED: {
        "tu": "Bonne nouvelle : l'organisme a dit oui ! Prochaine étape : l'entrée en formation.",
        "vous": "Bonne nouvelle : l'organisme a dit oui ! Prochaine étape : l'entrée en formation.",
    },
    NOT_RETAINED: {
        "tu": "Cette fois, l'organisme a dit non. Parles-en avec ton conseiller ou ta "
        "conseillère : on cherche une autre formation ensemble.",
        "vous": "Cette fois, l'organisme a dit non. Parlez-en avec votre conseiller ou votre "
        "conseillère : on cherche une autre formation ensemble.",
    },
    ENTERED: {
        "tu": "Ta formation a commencé. Bravo !",
        "vous": "Votre formation a commencé. Bravo !",
    },
    DROPPED: {
        "tu": "Ce parcours est arrêté. Ton conseiller ou ta conseillère peut t'aider à "
        "trouver autre chose.",
        "vous": "Ce parcours est arrêté. Votre conseiller ou votre conseillère peut vous "
        "aider à trouver autre chose.",
    },
}

#: The fixed reasons a counsellor may pick (optional); free text stays for counsellors.
REASONS = {
    "places": "plus de places",
    "prerequis": "prérequis non remplis",
    "mobilite": "transport, mobilité",
    "financement": "financement",
    "sante": "santé",
    "famille": "raisons familiales",
    "emploi": "a trouvé un emploi",
    "motivation": "projet changé",
    "autre": "autre",
}

#: A follow-up waiting longer than this at the same open stage is flagged.
WAITING_DAYS = 28


class StageError(ValueError):
    """A refused step; the French message says what to do."""


@dataclass(frozen=True)
class Step:
    stage: str
    on: date
    reason: str | None = None


def is_open(stage: str) -> bool:
    return bool(NEXT[stage])


def check_first(step: Step, today: date) -> None:
    """The first step of a follow-up: « positionné », dated today or before."""
    if step.stage != POSITIONED:
        raise StageError("un suivi commence toujours par « positionné »")
    _check_common(step, today)


def check_next(history: list[Step], step: Step, today: date) -> None:
    """Whether ``step`` may follow ``history`` (oldest first, never empty)."""
    current = history[-1]
    if step.stage not in STAGES:
        raise StageError("étape inconnue")
    if step.stage == current.stage:  # two counsellors at once, or a form sent twice
        raise StageError(
            f"ce suivi est déjà à l'étape « {LABELS[current.stage]} » "
            "(enregistrée juste avant) : choisissez l'étape suivante"
        )
    if step.stage not in NEXT[current.stage]:
        allowed = ", ".join(f"« {LABELS[s]} »" for s in NEXT[current.stage])
        if not allowed:
            raise StageError(f"ce suivi est terminé (« {LABELS[current.stage]} »)")
        raise StageError(f"après « {LABELS[current.stage]} », l'étape suivante est {allowed}")
    if step.on < current.on:
        raise StageError(
            f"la date doit être le {current.on:%d/%m/%Y} ou après "
            f"(date de l'étape « {LABELS[current.stage]} »)"
        )
    _check_common(step, today)


def _check_common(step: Step, today: date) -> None:
    if step.on > today:
        raise StageError("la date ne peut pas être dans le futur")
    if step.reason is not None and step.reason not in REASONS:
        raise StageError("motif inconnu : choisissez-en un dans la liste")


def waiting_too_long(current: Step, today: date) -> bool:
    return is_open(current.stage) and (today - current.on).days > WAITING_DAYS


def reached(history: list[Step]) -> set[str]:
    """Every stage a follow-up went through (what the dashboards count)."""
    return {s.stage for s in history}
