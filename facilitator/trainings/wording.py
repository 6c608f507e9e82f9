"""Training facts in the words a young person reads on the card and the counsellor page.

Why here: the card (facilitator/summaries), the portal and the command line must say the same
thing, and "soon" matters most: a long wait loses the young person, so the start is spelled
out (« début le 3 mars 2026 ») or « entrée possible toute l'année ».
"""

from __future__ import annotations

from datetime import date

from engine.typography import date_in_words

PLACE_UNKNOWN = "lieu à préciser"
REMOTE_PLACE = "à distance"
ANY_TIME = "entrée possible toute l'année"
START_UNKNOWN = "date de début à préciser"


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
