"""Numbers in check messages as the sources state them: an interval rounded outward to
the digits the values were stated with (``28.4 to 29.5``), not binary floats
(``[28.4162, 29.4949]``)."""

from __future__ import annotations

import math

from ..intervals import Interval
from ..units import Amount

__all__ = ["amount_span", "decimals", "span"]


def decimals(*amounts: Amount) -> int:
    """The most decimals any of ``amounts`` states (``5.08`` -> 2, ``30`` -> 0)."""
    found = [-e for a in amounts if isinstance(e := a.value.as_tuple().exponent, int)]
    return max([0, *found])


def span(interval: Interval, places: int) -> str:
    """``interval`` rounded outward to ``places`` decimals: "28.4 to 29.5", or one
    number when both ends round alike."""
    step = 10.0**-places
    lo = math.floor(interval.lo / step + 1e-9) * step
    hi = math.ceil(interval.hi / step - 1e-9) * step
    low, high = f"{lo:,.{places}f}", f"{hi:,.{places}f}"
    return low if low == high else f"{low} to {high}"


def amount_span(interval: Interval, like: Amount, places: int) -> str:
    """An interval of plain units written in the scale and unit of ``like``:
    "9.52 to 9.54 billion USD"."""
    factor = float(like.scale.factor) if like.scale else 1.0
    scaled = Interval(interval.lo / factor, interval.hi / factor)
    scale = f" {like.scale.value}" if like.scale else ""
    return f"{span(scaled, places)}{scale} {like.unit}"
