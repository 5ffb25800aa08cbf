"""Checks of derivations: a declared rule does not quote a clause that contradicts the
value it derives."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final

import attrs

from ..dates import Period
from .base import Finding, Severity, check, finding

if TYPE_CHECKING:
    from ..dataset import Dataset

# A quoted clause: 'like this', ‘like this’ or “like this”. A straight quote opens only
# where no letter precedes it and closes only where none follows, so the apostrophe of
# "Xi Jinping's" neither opens nor closes one.
_QUOTED: Final = re.compile(r"(?<!\w)'(.+?)'(?!\w)|‘(.+?)’|“(.+?)”")
_YEAR: Final = re.compile(r"(?<![\d.])\b(1[5-9]\d\d|20\d\d)\b(?![\d.])")
_MONTHS: Final = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTH: Final = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b", re.IGNORECASE)


def quoted_clauses(rule: str) -> list[str]:
    """The clauses a rule quotes from the texts."""
    return [next(g for g in m.groups() if g is not None) for m in _QUOTED.finditer(rule)]


def contradiction(clause: str, period: Period) -> str | None:
    """What a quoted clause states that the period cannot hold (a year, or a month,
    with or without its year), or None. A month named without a year contradicts only
    when no year of the period has that month inside it."""
    years = [int(y) for y in _YEAR.findall(clause)]
    months = [_MONTHS[m.lower()] for m in _MONTH.findall(clause)]
    for year in years:
        if not period.overlaps(Period.parse(f"{year:04d}")):
            return str(year)
    # With one year the clause dates its month; otherwise any year of the period may.
    spanned = range(period.start.year, period.end.year + 1)
    candidates = [years[0]] if len(years) == 1 else spanned
    for month in months:
        if not any(period.overlaps(Period.parse(f"{y:04d}-{month:02d}")) for y in candidates):
            return calendar.month_name[month]
    return None


def _when_fields(record: Any) -> frozenset[str]:
    return frozenset(f.name for f in attrs.fields(type(record)) if f.metadata.get("when"))


@check("derived-clause", Severity.WARNING)
def derived_clause(ds: Dataset) -> Iterator[Finding]:
    """A ``derived`` rule for a date or period quotes the clauses of the texts it rests
    on: a quoted clause that names a year or a month the value does not contain
    contradicts the value ("'in April'" behind a date of 2019-05, "'in September 2022'"
    behind 2022-02). Years the rule computes with are written outside the quotes
    ("2019 - 6"), so only what the texts state is compared."""
    for table in ds.tables.values():
        for record in table:
            derived = getattr(record, "derived", ())
            if not derived:
                continue
            fields = _when_fields(record)
            for derivation in derived:
                value = getattr(record, derivation.field, None)
                if derivation.field not in fields or not isinstance(value, Period):
                    continue
                for clause in quoted_clauses(derivation.rule):
                    stated = contradiction(clause, value)
                    if stated is not None:
                        yield finding(
                            "derived-clause",
                            [record.id],
                            f"{derivation.field} {value}: its rule quotes '{clause}', "
                            f"which states {stated}",
                        )
                        break
