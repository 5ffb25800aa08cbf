"""Periods that keep the precision the source gave them.

A source may date a fact to a day, a month, a quarter, a half-year or a year, or to a
range of those ("January–April 2021", "2005–2020"). :class:`Period` keeps that
precision and prints a compact text form that parses back to the same value::

    2019            a year
    2019-H1         a half-year
    2019-Q2         a quarter
    2019-06         a month
    2019-06-11      a day
    2021-01/2021-04 a range (both ends share one precision)

``start`` and ``end`` are the first and last ``datetime.date`` the period covers.
"""

from __future__ import annotations

import enum
import re
from datetime import date

import attrs

__all__ = ["PERIOD_PATTERN", "Period", "PeriodError", "Precision"]


class PeriodError(ValueError):
    """A text that is not a period in the compact form."""


class Precision(enum.Enum):
    """How finely a period's ends are known, coarsest last."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"

    @property
    def months(self) -> int:
        """Length of one unit in months (0 for a day)."""
        return _MONTHS[self]


_MONTHS = {
    Precision.DAY: 0,
    Precision.MONTH: 1,
    Precision.QUARTER: 3,
    Precision.HALF: 6,
    Precision.YEAR: 12,
}

_UNIT = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<h>H[12])|(?P<q>Q[1-4])|(?P<m>\d{2})(?:-(?P<d>\d{2}))?))?$"
)


def _unit_bounds(text: str) -> tuple[date, date, Precision]:
    """First day, last day and precision of one unit such as ``2019-H1``."""
    match = _UNIT.match(text)
    if match is None:
        raise PeriodError(
            f"{text!r} is not a date in the form YYYY, YYYY-H1, YYYY-Q1, YYYY-MM or YYYY-MM-DD"
        )
    year = int(match["y"])
    if year < 1:
        raise PeriodError(f"{text!r}: year out of range")
    if match["d"] is not None:
        try:
            day = date(year, int(match["m"]), int(match["d"]))
        except ValueError as exc:
            raise PeriodError(f"{text!r}: {exc}") from None
        return day, day, Precision.DAY
    if match["m"] is not None:
        first_month, precision = int(match["m"]), Precision.MONTH
        if not 1 <= first_month <= 12:
            raise PeriodError(f"{text!r}: month must be 01..12")
    elif match["q"] is not None:
        first_month, precision = 3 * int(match["q"][1]) - 2, Precision.QUARTER
    elif match["h"] is not None:
        first_month, precision = 6 * int(match["h"][1]) - 5, Precision.HALF
    else:
        first_month, precision = 1, Precision.YEAR
    last_month = first_month + precision.months - 1
    last_day = _month_length(year, last_month)
    return date(year, first_month, 1), date(year, last_month, last_day), precision


def _unit_text(day: date, precision: Precision) -> str:
    if precision is Precision.DAY:
        return day.isoformat()
    if precision is Precision.YEAR:
        return f"{day.year:04d}"
    index = (day.month - 1) // precision.months + 1
    if precision is Precision.HALF:
        return f"{day.year:04d}-H{index}"
    if precision is Precision.QUARTER:
        return f"{day.year:04d}-Q{index}"
    return f"{day.year:04d}-{day.month:02d}"


@attrs.frozen(order=False, repr=False)
class Period:
    """A span of days known to a given precision; build it with :meth:`parse`.

    Ordering sorts by start, then by end (a year sorts before its second half).
    """

    start: date = attrs.field(validator=attrs.validators.instance_of(date))
    end: date = attrs.field(validator=attrs.validators.instance_of(date))
    precision: Precision = attrs.field(validator=attrs.validators.instance_of(Precision))

    @precision.validator
    def _aligned(self, attribute: attrs.Attribute[Precision], value: Precision) -> None:
        if self.end < self.start:
            raise PeriodError(f"period ends ({self.end}) before it starts ({self.start})")
        first = _unit_bounds(_unit_text(self.start, value))[0]
        last = _unit_bounds(_unit_text(self.end, value))[1]
        if first != self.start or last != self.end:
            raise PeriodError(
                f"period {self.start}..{self.end} is not aligned to whole {value.value}s"
            )

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse the compact form (see the module docstring)."""
        if not isinstance(text, str):
            raise PeriodError(f"a period is written as text, not {type(text).__name__}")
        first, sep, last = text.strip().partition("/")
        start, end, precision = _unit_bounds(first)
        if sep:
            _, end, last_precision = _unit_bounds(last)
            if last_precision is not precision:
                raise PeriodError(f"{text!r}: both ends of a range must have the same precision")
            if end < start:
                raise PeriodError(f"{text!r}: range ends before it starts")
        return cls(start, end, precision)

    @classmethod
    def of(cls, day: date) -> Period:
        """The one-day period of ``day``."""
        return cls(day, day, Precision.DAY)

    @property
    def is_range(self) -> bool:
        """True when the period spans more than one unit of its precision."""
        return _unit_bounds(_unit_text(self.start, self.precision))[1] != self.end

    @property
    def year(self) -> int:
        """The year the period starts in."""
        return self.start.year

    @property
    def days(self) -> int:
        """Number of days covered."""
        return (self.end - self.start).days + 1

    def contains(self, other: Period | date) -> bool:
        """True if every day of ``other`` lies inside this period."""
        if isinstance(other, date):
            return self.start <= other <= self.end
        return self.start <= other.start and other.end <= self.end

    def __contains__(self, other: object) -> bool:
        return isinstance(other, (Period, date)) and self.contains(other)

    def overlaps(self, other: Period) -> bool:
        """True if the two periods share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def _key(self) -> tuple[date, date]:
        return (self.start, self.end)

    def __lt__(self, other: Period) -> bool:
        return self._key() < other._key()

    def __le__(self, other: Period) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: Period) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: Period) -> bool:
        return self._key() >= other._key()

    def __str__(self) -> str:
        first = _unit_text(self.start, self.precision)
        if not self.is_range:
            return first
        return f"{first}/{_unit_text(self.end, self.precision)}"

    def __repr__(self) -> str:
        return f"Period({str(self)!r})"


def _month_length(year: int, month: int) -> int:
    # What calendar.monthrange gives, without importing calendar at start-up.
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


# -- the grammar as one pattern, for schemas ------------------------------------------
# Written bare (no anchors, no ``(?:``, no named groups) so that it is valid in Table
# Schema (XML Schema regexes, implicitly anchored), JSON Schema and Python alike. It
# admits exactly the texts :meth:`Period.parse` accepts (in ASCII digits, without
# spaces), but for a range whose end comes before its start (a pattern cannot compare
# two dates).
_YEAR = r"(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
_LEAP_YEAR = r"([0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[48]|[2468][048]|[13579][26])00)"
_MONTH = r"(0[1-9]|1[0-2])"
_DAY = (
    rf"({_YEAR}-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)"
    rf"|02-(0[1-9]|1[0-9]|2[0-8]))|{_LEAP_YEAR}-02-29)"
)
_UNITS_BY_PRECISION = {
    Precision.DAY: _DAY,
    Precision.MONTH: f"{_YEAR}-{_MONTH}",
    Precision.QUARTER: f"{_YEAR}-Q[1-4]",
    Precision.HALF: f"{_YEAR}-H[12]",
    Precision.YEAR: _YEAR,
}
PERIOD_PATTERN = "(" + "|".join(f"{u}(/{u})?" for u in _UNITS_BY_PRECISION.values()) + ")"
"""The compact form of a :class:`Period` as a bare regular expression: one unit, or two
units of one precision joined by ``/``; only real dates (``2019-13`` and ``2019-02-29``
are refused)."""


def as_date(value: date | str | Period, *, end: bool = False) -> date:
    """A date from a date, a :class:`Period` or its text: the period's first day (its
    last with ``end``). Every date argument of the public API goes through this."""
    if isinstance(value, str):
        value = Period.parse(value)
    if isinstance(value, Period):
        return value.end if end else value.start
    if isinstance(value, date):
        return value
    raise TypeError(f"expected a date, a Period or its text, not {type(value).__name__}")
