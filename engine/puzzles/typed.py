"""What players type: text and numbers compared the way a young player means them."""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=4096)
def normalise_text(text: str) -> str:
    """Case, accents, apostrophes and extra spaces do not matter to a young player typing.

    Memoised (a pure function of a string): the lint checks the same answers thousands of times.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("œ", "oe").replace("æ", "ae").replace("’", "'")
    plain = re.sub(r"[^\w']+", " ", plain)
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
