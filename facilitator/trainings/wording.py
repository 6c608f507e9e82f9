"""Training facts in the words a young person reads on the card and the counsellor page.

Why here: the card (facilitator/summaries), the portal and the command line must say the same
thing, and "soon" matters most: a long wait loses the young person, so the start is spelled
out (« début le 3 mars 2026 ») or « entrée possible toute l'année ».
"""

from __future__ import annotations

from datetime import date

PLACE_UNKNOWN = "lieu à préciser"
REMOTE_PLACE = "à distance"
ANY_TIME = "entrée possible toute l'année"
START_UNKNOWN = "date de début à préciser"

_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def date_in_words(day: date) -> str:
    """« 1er mars 2026 », « 16 mars 2026 »: no numeric date to decode."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {_MONTHS[day.month - 1]} {day.year}"


def start_in_words(start: date | None, today: date, *, permanent_entry: bool = False) -> str:
    """When the young person can begin, in one short phrase (lower case, no final stop).

    Permanent entry wins over a date already reached: the offer can be joined now.
    """
    if permanent_entry and (start is None or start <= today):
        return ANY_TIME
    if start is None:
        return START_UNKNOWN
    if start <= today:
        return "début aujourd'hui"
    return f"début le {date_in_words(start)}"
