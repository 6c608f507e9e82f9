"""What players type: text and numbers compared the way a young player means them."""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import Any

#: compiled once, at import: compiled at the first answer, it cost that frame 5 to 30 ms
_NOT_WORD = re.compile(r"[^\w']+")


@lru_cache(maxsize=4096)
def normalise_text(text: str) -> str:
    """Case, accents, apostrophes and extra spaces do not matter to a young player typing.

    Memoised (a pure function of a string): the lint checks the same answers thousands of times.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("œ", "oe").replace("æ", "ae").replace("’", "'")
    plain = _NOT_WORD.sub(" ", plain)
    return " ".join(plain.split())


#: A number as a player types it: "600", "2,5" (the French comma; a dot too), "-18", ",5".
_TYPED_NUMBER = re.compile(r"^[-−]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)$")


def parse_number(value: Any) -> float | None:
    """The number given as an int or a float, or typed by a player; None for any other shape.

    The unit is shown next to the keypad, not typed: "600 g" is not a number.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        typed = value.strip()
        if not _TYPED_NUMBER.match(typed):
            return None
        value = typed.replace("−", "-").replace(",", ".")
    elif not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int too big for a float
        return None
    return number if math.isfinite(number) else None


def french_number(value: float) -> str:
    """A number as the French write it: 600, 2,5, -18 (never 600.0 nor 1e-05)."""
    if float(value).is_integer():
        return str(int(value))
    return format(Decimal(repr(float(value))), "f").replace(".", ",")


# A typed answer that is a quantity: « 6,5 », « 6.50 € », « 6 euros 50 » and « 6,50 € » are
# the same answer. Text puzzles use it so that a right number typed another way is right.

_QUANTITY_EPSILON = 1e-9
_UNITS = {"euro": "€", "euros": "€", "eur": "€"}
#: « 6,50 € », « -18 °C », « 600g », « 2.5 L »: a number and maybe a short unit after it.
_PLAIN = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(€|euros?|eur|°\s*c|[a-z%]{1,3})?\s*$")
#: « 6 euros 50 », « 6€50 »: whole euros, then cents.
_EUROS_CENTS = re.compile(r"^\s*(\d+)\s*(?:€|euros?)\s*(\d{1,2})\s*$")


def quantity(text: str) -> tuple[float, str | None] | None:
    """(value, unit) of a typed quantity, or None when the text is not one."""
    lowered = text.casefold().replace("−", "-")
    cents = _EUROS_CENTS.match(lowered)
    if cents:
        whole, part = cents.groups()
        return int(whole) + int(part.ljust(2, "0")) / 100, "€"
    plain = _PLAIN.match(lowered)
    if not plain:
        return None
    number, unit = plain.groups()
    if unit:
        unit = unit.replace(" ", "")
        unit = _UNITS.get(unit, unit)
    return float(number.replace(",", ".")), unit


def same_quantity(expected: str, typed: str) -> bool:
    """True when ``typed`` is ``expected``'s number, with the same unit or none at all."""
    want, got = quantity(expected), quantity(typed)
    if want is None or got is None:
        return False
    close = abs(want[0] - got[0]) <= _QUANTITY_EPSILON * max(1.0, abs(want[0]))
    return close and (got[1] is None or got[1] == want[1])
