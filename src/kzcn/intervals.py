"""Intervals: what a stated number can mean, and arithmetic that keeps every reading.

A source's "19.885 billion" is any value that rounds to it, [19.8845, 19.8855]
billion; "about 9.5 billion" is wider still, and "more than 25 billion" is open above.
:func:`interval_of` turns an :class:`~kzcn.units.Amount` and its
:class:`~kzcn.vocabulary.Qualifier` into such an interval, and :class:`Interval`
arithmetic keeps containment: for any points inside the operands, the exact result
lies inside the result interval (bounds are rounded outward by one float step).

The tolerances are conventions, documented here and in ``docs/checks.md``:

======================  ==============================================================
qualifier               interval for stated value ``x`` with last-digit step ``s``
======================  ==============================================================
exact                   [x - s/2, x + s/2]
about                   [x - s/2 - ABOUT*|x|, x + s/2 + ABOUT*|x|]
more_than / at_least    [x - s/2, (x + s/2) * MORE_THAN_CEILING]
almost / less_than      [(x - s/2) * ALMOST_FLOOR, x + s/2]
up_to                   [0, x + s/2]
======================  ==============================================================
"""

from __future__ import annotations

import functools
import math
from decimal import Decimal
from typing import Final

import attrs

from .units import Amount
from .vocabulary import Qualifier

__all__ = [
    "ABOUT",
    "ALMOST_FLOOR",
    "MORE_THAN_CEILING",
    "Interval",
    "exact_bounds",
    "interval_of",
]

ABOUT: Final = 0.05
"""Relative tolerance added on each side of an "about" figure (5 %)."""
MORE_THAN_CEILING: Final = 1.5
"""Upper bound of "more than x", as a multiple of x: sources round down, not by half."""
ALMOST_FLOOR: Final = 0.9
"""Lower bound of "almost x", as a multiple of x."""
# The same tolerances as decimals, for the exact bounds.
_ABOUT: Final = Decimal(str(ABOUT))
_CEILING: Final = Decimal(str(MORE_THAN_CEILING))
_FLOOR: Final = Decimal(str(ALMOST_FLOOR))


def _down(x: float) -> float:
    return math.nextafter(x, -math.inf)


def _up(x: float) -> float:
    return math.nextafter(x, math.inf)


@attrs.frozen
class Interval:
    """A closed interval of real numbers ``[lo, hi]`` (``lo`` may be ``-inf``, ``hi`` ``inf``)."""

    lo: float
    hi: float

    def __attrs_post_init__(self) -> None:
        if math.isnan(self.lo) or math.isnan(self.hi) or self.lo > self.hi:
            raise ValueError(f"not an interval: [{self.lo}, {self.hi}]")

    @classmethod
    def point(cls, x: float) -> Interval:
        return cls(x, x)

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    @property
    def width(self) -> float:
        return self.hi - self.lo

    def contains(self, x: float | Interval) -> bool:
        if isinstance(x, Interval):
            return self.lo <= x.lo and x.hi <= self.hi
        return self.lo <= x <= self.hi

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def hull(self, other: Interval) -> Interval:
        return Interval(min(self.lo, other.lo), max(self.hi, other.hi))

    def __add__(self, other: Interval) -> Interval:
        return Interval(_down(self.lo + other.lo), _up(self.hi + other.hi))

    def __sub__(self, other: Interval) -> Interval:
        return Interval(_down(self.lo - other.hi), _up(self.hi - other.lo))

    def __mul__(self, other: Interval) -> Interval:
        products = [
            a * b
            for a in (self.lo, self.hi)
            for b in (other.lo, other.hi)
            if not (math.isinf(a) and b == 0) and not (math.isinf(b) and a == 0)
        ]
        if len(products) < 4:  # 0 * inf: the bound is 0
            products.append(0.0)
        return Interval(_down(min(products)), _up(max(products)))

    def __truediv__(self, other: Interval) -> Interval:
        if other.lo <= 0 <= other.hi:
            return Interval(-math.inf, math.inf)
        inverse = Interval(_down(1 / other.hi), _up(1 / other.lo))
        return self * inverse

    def scale(self, factor: float) -> Interval:
        return self * Interval.point(factor)

    def __str__(self) -> str:
        return f"[{self.lo:.6g}, {self.hi:.6g}]"


def exact_bounds(amount: Amount, qualifier: Qualifier = Qualifier.EXACT) -> tuple[Decimal, Decimal]:
    """The interval a stated amount with its qualifier allows, exactly (in decimals):
    the one statement of the rules in the table above."""
    x = amount.magnitude
    half = amount.resolution / 2
    lo, hi = x - half, x + half
    if qualifier is Qualifier.ABOUT:
        lo, hi = lo - _ABOUT * abs(x), hi + _ABOUT * abs(x)
    elif qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        hi = hi * _CEILING if hi > 0 else hi
    elif qualifier in (Qualifier.ALMOST, Qualifier.LESS_THAN):
        lo = lo * _FLOOR if lo > 0 else lo
    elif qualifier is Qualifier.UP_TO and x >= 0:
        lo = Decimal(0)  # "up to x": anything from nothing to x
    return lo, hi


@functools.lru_cache(maxsize=8192)
def interval_of(amount: Amount, qualifier: Qualifier = Qualifier.EXACT) -> Interval:
    """The plain-unit interval a stated amount with its qualifier allows: the exact
    bounds rounded outward to floats, so the interval always contains them."""
    lo, hi = exact_bounds(amount, qualifier)
    return Interval(_down(float(lo)), _up(float(hi)))


def growth(new: Interval, old: Interval) -> Interval:
    """Percent change from ``old`` to ``new``: ``(new / old - 1) * 100``."""
    return (new / old - Interval.point(1.0)).scale(100.0)


def share(part: Interval, whole: Interval) -> Interval:
    """``part`` as a percent of ``whole``."""
    return (part / whole).scale(100.0)
