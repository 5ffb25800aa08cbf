"""Hypothesis strategies for kzcn's values and records (kept in one module, as attrs does)."""

from __future__ import annotations

import calendar
import string
from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from kzcn.dates import Period, Precision
from kzcn.records import Citation, Correction, Derivation, Erratum, Figure
from kzcn.units import SPELLINGS, UNITS, Amount, Scale
from kzcn.vocabulary import (
    EARLIEST_YEAR,
    Direction,
    ErratumKind,
    FigureKind,
    Measure,
    Qualifier,
    Subject,
)

years = st.integers(min_value=1900, max_value=2100)
#: Years no date of the data may fall in (kzcn.vocabulary.EARLIEST_YEAR), and years it may.
early_years = st.integers(min_value=1, max_value=EARLIEST_YEAR - 1)
data_years = st.integers(min_value=EARLIEST_YEAR, max_value=2100)
#: Characters a text field may hold (kzcn.text refuses controls, bidi and invisibles).
clean_characters = st.sampled_from(
    string.ascii_letters + string.digits + " .,;:!?’“”–éÉАяқ中文\u00a0"
)


@st.composite
def units_of_time(
    draw: st.DrawFn, precision: Precision | None = None, within: st.SearchStrategy[int] = years
) -> Period:
    """One whole unit: a year, half, quarter, month or day (of a year ``within``)."""
    precision = precision or draw(st.sampled_from(Precision))
    year = draw(within)
    if precision is Precision.DAY:
        day = draw(st.dates(min_value=date(year, 1, 1), max_value=date(year, 12, 31)))
        return Period.of(day)
    if precision is Precision.YEAR:
        return Period.parse(f"{year:04d}")
    count = 12 // precision.months
    index = draw(st.integers(1, count))
    first = (index - 1) * precision.months + 1
    last = first + precision.months - 1
    return Period(
        date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]), precision
    )


@st.composite
def periods(draw: st.DrawFn, within: st.SearchStrategy[int] = years) -> Period:
    """A unit, or a range of two units of the same precision (starting in a year
    ``within``)."""
    first = draw(units_of_time(within=within))
    if draw(st.booleans()):
        return first
    second = draw(units_of_time(first.precision, within=within))
    lo, hi = sorted([first, second])
    return Period(lo.start, hi.end, first.precision)


decimals = st.decimals(
    min_value=Decimal("0"), max_value=Decimal("99999"), places=3, allow_nan=False
).map(lambda d: d.quantize(Decimal(1)) if d == d.to_integral_value() else d)

simple_units = st.sampled_from([u.name for u in UNITS])

#: ``(spelling, canonical unit)``: every way the library reads a unit written.
unit_spellings = st.sampled_from(sorted(SPELLINGS.items()))

amounts = st.builds(
    Amount,
    value=decimals,
    unit=simple_units,
    scale=st.none() | st.sampled_from(Scale),
)

slugs = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)
words = st.text(alphabet=string.ascii_letters + "’“”–é", min_size=1, max_size=10)
evidence = st.lists(words, min_size=1, max_size=25).map(" ".join)
citations = st.builds(Citation, source=slugs, evidence=evidence)

#: Subjects whose level figures take a given unit: used to build valid figures.
LEVEL_UNITS = {
    Subject.TRADE: "USD",
    Subject.CARGO: "tonne",
    Subject.CONTAINERS: "container",
    Subject.STUDENTS: "student",
    Subject.JOINT_PROJECTS: "project",
}


@st.composite
def figures(draw: st.DrawFn, fid: str | None = None) -> Figure:
    subject = draw(st.sampled_from(sorted(LEVEL_UNITS, key=lambda s: s.value)))
    measure = draw(st.sampled_from([Measure.LEVEL, Measure.GROWTH]))
    unit = LEVEL_UNITS[subject] if measure is Measure.LEVEL else "percent"
    value = draw(decimals)
    if measure is Measure.LEVEL and unit not in ("USD", "tonne"):
        value = value.quantize(Decimal(1))  # counts are whole (kzcn.vocabulary.bounds)
    # plausible magnitudes: no trillions of anything (kzcn.vocabulary.bounds)
    largest = Scale.BILLION if unit == "USD" else Scale.MILLION
    scale = draw(st.none() | st.sampled_from([s for s in Scale if s.factor <= largest.factor]))
    if unit == "USD" and scale is None:
        value = value.quantize(Decimal("0.01"))  # money is not stated finer than a cent
    amount = Amount(value, unit, scale if measure is Measure.LEVEL else None)
    cited = draw(st.lists(citations, min_size=1, max_size=3))
    # the number is written in the first citation's evidence (the loader's rule)
    first = cited[0]
    # with the hedge its qualifier means (the loader's rule too)
    qualifier = draw(st.sampled_from(Qualifier))
    hedge = QUALIFIER_WORDS[qualifier.value][0]
    stated = " ".join([*first.evidence.split()[:18], "reached", f"{hedge}{amount}"])
    cited[0] = Citation(first.source, stated)
    return Figure(
        fid or draw(slugs),
        subject=subject,
        amount=amount,
        qualifier=qualifier,
        kind=draw(st.sampled_from(FigureKind)),
        measure=measure,
        period=draw(periods(within=data_years)),  # dates of the data: from EARLIEST_YEAR
        direction=draw(st.none() | st.sampled_from(Direction)),
        description=draw(st.text(clean_characters, max_size=40)),
        citations=tuple(cited),
    )


#: Values the claims of one thing state (a few, so that claims often agree).
CLAIMED_PERIODS = ("2021", "2022", "2021-06", "2022-09")
CLAIMED_AMOUNTS = ("20 billion USD", "19.6 billion USD", "20.0 billion USD")
CLAIMED_PARTIES = ("kazakhstan", "china", "sco")
DERIVABLE = ("period", "amount", "parties")


@st.composite
def claim_groups(draw: st.DrawFn) -> tuple[list[Figure], list[Erratum]]:
    """One thing told by one to three figure claims (``claim-0`` is primary, each other
    is ``same_as`` an earlier one) stating a period, an amount and parties, some of
    them derived by a rule, and up to three errata correcting a field of a claim."""
    count = draw(st.integers(1, 3))
    claims = []
    for index in range(count):
        cid = f"claim-{index}"
        derived = sorted(draw(st.sets(st.sampled_from(DERIVABLE))))
        claims.append(
            Figure(
                cid,
                subject=Subject.TRADE,
                amount=Amount.parse(draw(st.sampled_from(CLAIMED_AMOUNTS))),
                period=Period.parse(draw(st.sampled_from(CLAIMED_PERIODS))),
                parties=tuple(draw(st.lists(st.sampled_from(CLAIMED_PARTIES), unique=True))),
                same_as=None if index == 0 else f"claim-{draw(st.integers(0, index - 1))}",
                derived=tuple(Derivation(f, f"{f} by the rule of {cid}") for f in derived),
                citations=(Citation("source-a", f"the sentence of {cid}"),),
            )
        )
    errata = []
    for index in range(draw(st.integers(0, 3))):
        field = draw(st.sampled_from(("period", "amount", "parties")))
        value: object
        if field == "period":
            value = Period.parse(draw(st.sampled_from(CLAIMED_PERIODS)))
        elif field == "amount":
            value = Amount.parse(draw(st.sampled_from(CLAIMED_AMOUNTS)))
        else:
            value = tuple(draw(st.lists(st.sampled_from(CLAIMED_PARTIES), unique=True)))
        target = f"claim-{draw(st.integers(0, count - 1))}"
        errata.append(
            Erratum(
                f"erratum-{index}",
                kind=ErratumKind.CONTRADICTION,
                record=target,
                field=field,
                problem="the texts disagree",
                reading="the best reading",
                correct=(Correction(field, value),),
                citations=(Citation("source-b", f"the sentence of erratum-{index}"),),
            )
        )
    return claims, errata


#: Thousands separators a text may write between groups of digits.
SEPARATORS = (",", " ", "\u00a0", "\u202f", "\u2009")
#: Scale words a text may write after a number.
SCALE_WORDS = ("", " thousand", " million", " billion", " mln", " bn")


@st.composite
def grouped_numbers(draw: st.DrawFn) -> tuple[str, Decimal]:
    """A number written in groups of three digits with one thousands separator
    ("44,000,000", "1 234.5"), and its value."""
    separator = draw(st.sampled_from(SEPARATORS))
    groups = [str(draw(st.integers(1, 999)))]
    groups += [f"{draw(st.integers(0, 999)):03d}" for _ in range(draw(st.integers(1, 4)))]
    decimals = draw(st.none() | st.from_regex(r"[0-9]{1,2}", fullmatch=True))
    written = separator.join(groups) + (f".{decimals}" if decimals else "")
    return written, Decimal("".join(groups) + (f".{decimals}" if decimals else ""))


#: Currencies the library does not know, as a text writes them around a number ``{n}``:
#: none of them states an amount in USD (or any other currency).
FOREIGN_CURRENCIES = (
    "{n} Hong Kong dollars",
    "{n} Canadian dollars",
    "{n} Singapore dollars",
    "{n} Australian dollars",
    "{n} New Taiwan dollars",
    "{n} Zimbabwe dollars",
    "HK$ {n}",
    "HK${n}",
    "C${n}",
    "A$ {n}",
    "NT${n}",
    "S$ {n}",
    "£{n}",
    "{n} pounds",
    "{n} pounds sterling",
    "{n} yen",
    "{n} rupees",
)
#: Currencies the library knows, as a text writes them around a number ``{n}``.
KNOWN_CURRENCIES = {
    "USD": ("$ {n}", "US${n}", "{n} dollars", "{n} US dollars", "{n} U.S. dollars"),
    "CNY": ("{n} yuan", "{n} renminbi", "RMB {n}", "{n} CNY", "¥{n}"),
    "KZT": ("{n} tenge", "{n} KZT", "₸{n}"),
    "RUB": ("{n} rubles", "{n} roubles", "₽{n}"),
    "EUR": ("{n} euros", "€{n}", "EUR {n}"),
}
#: Words a text writes after a number and its unit, by the qualifier they mean.
QUALIFIERS_AFTER = {
    "at_least": (" or more", " and more", " and above"),
    "up_to": (" or less", " or fewer"),
    "about": (" or so",),
}
#: Words a text writes before a number, by the qualifier they mean.
QUALIFIER_WORDS = {
    "exact": ("", "exactly "),
    "about": ("about ", "around ", "approximately ", "roughly "),
    "more_than": ("more than ", "over ", "above ", "in excess of "),
    "at_least": ("at least ", "no less than "),
    "up_to": ("up to ", "as many as ", "at most "),
    "almost": ("almost ", "nearly "),
    "less_than": ("less than ", "under ", "fewer than "),
}
