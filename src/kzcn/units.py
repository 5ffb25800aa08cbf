"""Units and amounts as the sources state them.

The data writes an amount as text, exactly as stated: ``"19.885 billion USD"``,
``"13.98 million tonne"``, ``"about"`` goes into a separate qualifier. :class:`Amount`
keeps the decimal digits (and so the stated precision) and knows its unit's dimension
without touching pint; :attr:`Amount.quantity` builds a pint ``Quantity`` from the
library's own small registry on first use.

Every currency is a dimension of its own: nothing here converts USD to RUB, because
doing so honestly needs a dated exchange rate. Mass is in metric tonnes; pint's
``ton`` (a US short ton) is never defined.
"""

from __future__ import annotations

import _thread
import enum
import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Final

import attrs

from .suggest import close_matches

if TYPE_CHECKING:
    import pint

    Quantity = pint.Quantity[float]

__all__ = [
    "AMOUNT_PATTERN",
    "MAX_DIGITS",
    "MAX_MAGNITUDE",
    "SPELLINGS",
    "UNITS",
    "Amount",
    "AmountError",
    "Dimension",
    "Scale",
    "UnitDef",
    "canonical_unit",
    "dimension_of",
    "format_dimension",
    "registry",
]


class AmountError(ValueError):
    """A text that is not an amount with a known unit."""


Dimension = tuple[tuple[str, int], ...]
"""A unit's dimension: sorted ``(base, exponent)`` pairs; ``()`` is dimensionless."""


@attrs.frozen
class UnitDef:
    """One unit the library knows: its base dimension and size relative to the base."""

    name: str
    base: str | None  # None: dimensionless
    factor: str = "1"  # pint definition of the size, in units of the dimension's base unit
    symbols: tuple[str, ...] = ()
    description: str = ""


def _count(name: str, description: str, *symbols: str) -> UnitDef:
    # Counted things are dimensions of their own so that 900 thousand containers can
    # never be added to 2,388 trains by mistake.
    return UnitDef(name, name, "1", symbols, description)


UNITS: Final[tuple[UnitDef, ...]] = (
    UnitDef("USD", "currency_USD", symbols=("dollar",), description="US dollar"),
    UnitDef("CNY", "currency_CNY", symbols=("yuan",), description="Chinese yuan"),
    UnitDef("KZT", "currency_KZT", symbols=("tenge",), description="Kazakhstani tenge"),
    UnitDef("RUB", "currency_RUB", symbols=("ruble",), description="Russian ruble"),
    UnitDef("EUR", "currency_EUR", symbols=("euro",), description="euro"),
    UnitDef("tonne", "mass", symbols=("t", "metric_ton"), description="metric tonne (1000 kg)"),
    UnitDef("kilogram", "mass", "0.001 tonne", ("kg",), "kilogram"),
    UnitDef("megawatt", "power", symbols=("MW",), description="megawatt"),
    UnitDef("kilowatt", "power", "0.001 megawatt", ("kW",), "kilowatt"),
    UnitDef("year", "time", symbols=("a",), description="calendar year"),
    UnitDef("month", "time", "year / 12", (), "calendar month"),
    UnitDef("day", "time", "year / 365.25", ("d",), "day"),
    UnitDef("percent", None, "0.01", ("pct",), "percent"),
    UnitDef("times", None, "1", ("fold",), 'a multiple ("100 times")'),
    UnitDef("fraction", None, "1", (), 'a plain fraction ("a tenth" is 0.1)'),
    UnitDef("rank", "rank", symbols=(), description="a position in a ranking (1 = first)"),
    _count("container", "shipping containers (as counted by the source)"),
    _count("train", "freight or container trains"),
    _count("wagon", "railway wagons"),
    _count("student", "students"),
    _count("enterprise", "enterprises or companies operating in a country"),
    _count("company", "companies registered on a platform"),
    _count("project", "projects"),
    _count("job", "jobs"),
    _count("dose", "vaccine doses"),
    _count("event", "events"),
    _count("visit", "visits or trips"),
    _count("meeting", "meetings"),
    _count("centre", "cultural or research centres"),
    _count("institute", "institutes"),
    _count("country", "countries"),
    _count("member", "member states of an organisation"),
    _count("product_type", "types of products admitted for export"),
    _count("person", "people"),
    _count("document", "documents signed"),
    _count("item", "anything else that is counted"),
)

_EXTRA_SPELLINGS: Final = {"US$": "USD", "$": "USD"}
_INVARIANT: Final = frozenset({"pct", "fold", "tenge", "yuan", "percent", "times", "rank"})
_IRREGULAR: Final = {"person": ("people",)}
_AMBIGUOUS: Final = {
    "ton": "a short ton or a metric tonne",
    "tons": "short tons or metric tonnes",
}


def _spellings(unit: UnitDef) -> tuple[str, ...]:
    """Every way a user may write ``unit``: its name, its symbols, and the plural of
    each word among them ("dollars", "tonnes", "trains"; not of "t" or "kg")."""
    words = (unit.name, *unit.symbols)
    plurals = tuple(
        w[:-1] + "ies" if w.endswith("y") and w[-2] not in "aeiou" else w + "s"
        for w in words
        if len(w) > 2 and w.isalpha() and w.islower() and w not in _INVARIANT
    )
    return (*words, *plurals, *_IRREGULAR.get(unit.name, ()))


SPELLINGS: Final[dict[str, str]] = {
    **{spelling: unit.name for unit in UNITS for spelling in _spellings(unit)},
    **_EXTRA_SPELLINGS,
}
"""Every unit spelling the library reads -> its canonical name (``"dollars"``,
``"US$"`` and ``"$"`` -> ``"USD"``). An amount holds the canonical name only, so no
check ever compares two spellings of one unit."""

_BY_NAME: Final[dict[str, UnitDef]] = {unit.name: unit for unit in UNITS}


def canonical_unit(unit: str) -> str:
    """``unit`` with each of its names spelled canonically (``"tonnes/year"`` ->
    ``"tonne/year"``); an unknown name is left for :func:`dimension_of` to refuse,
    an ambiguous one (``"tons"``) is refused here with the spellings to write instead."""
    if not isinstance(unit, str):
        return unit
    found = SPELLINGS.get(unit)
    if found is not None:
        return found
    if unit in _AMBIGUOUS:
        others = ", ".join(s for s, n in SPELLINGS.items() if n == "tonne" and s != "tonne")
        raise AmountError(
            f"unit {unit!r} is ambiguous ({_AMBIGUOUS[unit]}); did you mean tonne? "
            f"(also written {others})"
        )
    if "/" not in unit and "*" not in unit:
        return unit
    return re.sub(r"[^/*\s]+", lambda m: canonical_unit(m.group(0)), unit)


def _unit_def(name: str) -> UnitDef:
    try:
        return _BY_NAME[SPELLINGS[name]]
    except KeyError:
        close = close_matches(name, SPELLINGS, n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise AmountError(f"unknown unit {name!r}{hint}") from None


def dimension_of(unit: str) -> Dimension:
    """The dimension of a unit expression such as ``"tonne"`` or ``"tonne/year"``."""
    powers: dict[str, int] = {}
    numerator, _, denominator = unit.partition("/")
    for part, sign in ((numerator, 1), (denominator, -1)):
        if not part.strip() and sign == -1:
            continue
        for name in part.split("*"):
            base = _unit_def(name.strip()).base
            if base is not None:
                powers[base] = powers.get(base, 0) + sign
    return tuple(sorted((b, e) for b, e in powers.items() if e))


def format_dimension(dimension: Dimension) -> str:
    """``(("mass", 1), ("time", -1))`` -> ``"[mass]/[time]"``; ``()`` -> ``"dimensionless"``."""
    if not dimension:
        return "dimensionless"
    up = "*".join(f"[{b}]" + (f"^{e}" if e > 1 else "") for b, e in dimension if e > 0)
    down = "*".join(f"[{b}]" + (f"^{-e}" if e < -1 else "") for b, e in dimension if e < 0)
    return (up or "1") + (f"/{down}" if down else "")


class Scale(enum.Enum):
    """Number words the sources use; kept so an amount prints as it was stated."""

    THOUSAND = "thousand"
    MILLION = "million"
    BILLION = "billion"
    TRILLION = "trillion"

    @property
    def factor(self) -> Decimal:
        return Decimal(10) ** _EXPONENT[self]


_EXPONENT = {Scale.THOUSAND: 3, Scale.MILLION: 6, Scale.BILLION: 9, Scale.TRILLION: 12}
_AMOUNT = re.compile(
    r"^\s*(?P<value>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    r"(?:\s+(?P<scale>thousand|million|billion|trillion))?"
    r"\s+(?P<unit>[A-Za-z_$]+(?:\s*[/*]\s*[A-Za-z_$]+)?)\s*$"
)


MAX_DIGITS: Final = 30
"""The most digits an amount may state: more than any source writes, few enough that
every amount is a finite float and a finite interval."""
MAX_MAGNITUDE: Final = Decimal(10) ** 18
"""The largest magnitude (in plain units) an amount may have; each subject and measure
has narrower bounds (:func:`kzcn.vocabulary.bounds`)."""


def _check_unit(instance: Amount, attribute: attrs.Attribute[str], value: str) -> None:
    dimension_of(value)


def _stated(value: Decimal) -> tuple[Decimal, int]:
    """What equality and hashing compare of an amount's number: its value and the
    place of its last stated decimal. ``5`` and ``5.0`` are one number stated to two
    precisions, so two intervals (:func:`kzcn.intervals.interval_of`): unequal amounts.
    ``1E+3`` and ``1000`` state the same (whole units): equal, as their intervals are."""
    exponent = value.as_tuple().exponent
    return value, min(exponent, 0) if isinstance(exponent, int) else 0


@attrs.frozen(repr=False)
class Amount:
    """A number with its unit, kept with the digits the source gave.

    >>> a = Amount.parse("19.885 billion USD")
    >>> a.magnitude, a.resolution
    (Decimal('1.9885E+10'), Decimal('1E+6'))

    Equal amounts state the same number to the same precision (so have one interval):
    ``Amount.parse("5 USD") != Amount.parse("5.0 USD")``.
    """

    value: Decimal = attrs.field(eq=_stated, validator=attrs.validators.instance_of(Decimal))
    unit: str = attrs.field(
        converter=canonical_unit,
        validator=[attrs.validators.instance_of(str), _check_unit],
    )
    scale: Scale | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Scale))
    )

    @value.validator
    def _finite(self, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
        if not value.is_finite():
            raise AmountError(f"amount must be a finite number, not {value}")
        if len(value.as_tuple().digits) > MAX_DIGITS:
            raise AmountError(
                f"amount states {len(value.as_tuple().digits)} digits; at most {MAX_DIGITS}"
            )
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -MAX_DIGITS:
            raise AmountError(f"amount states {-exponent} decimals; at most {MAX_DIGITS}")

    @scale.validator
    def _bounded(self, attribute: attrs.Attribute[Scale | None], value: Scale | None) -> None:
        magnitude = abs(self.value) * (value.factor if value is not None else 1)
        if magnitude > MAX_MAGNITUDE:
            raise AmountError(f"amount {magnitude:.3e} is beyond the bound of {MAX_MAGNITUDE:.0e}")

    @classmethod
    def parse(cls, text: str) -> Amount:
        """Parse ``"<number> [thousand|million|billion|trillion] <unit>"``."""
        if not isinstance(text, str):
            raise AmountError(f"an amount is written as text, not {type(text).__name__}")
        match = _AMOUNT.match(text)
        if match is None:
            raise AmountError(
                f"{text!r} is not an amount like '19.885 billion USD' or '2388 train'"
            )
        try:
            value = Decimal(match["value"].replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits only digits
            raise AmountError(f"{text!r}: bad number") from None
        unit = re.sub(r"\s+", "", match["unit"])
        scale = Scale(match["scale"]) if match["scale"] else None
        return cls(value, unit, scale)

    @property
    def magnitude(self) -> Decimal:
        """The number in plain units (``19.885 billion`` -> ``19885000000``)."""
        return self.value * (self.scale.factor if self.scale else 1)

    @property
    def resolution(self) -> Decimal:
        """One step of the last stated digit, in plain units (``19.885 billion`` -> 1e6)."""
        exponent = self.value.as_tuple().exponent
        assert isinstance(exponent, int)  # finite by validation
        step = Decimal(1).scaleb(min(exponent, 0))
        return step * (self.scale.factor if self.scale else 1)

    @property
    def dimension(self) -> Dimension:
        return dimension_of(self.unit)

    @property
    def quantity(self) -> Quantity:
        """This amount as a pint ``Quantity`` of the library's registry (float magnitude)."""
        return registry().Quantity(float(self.magnitude), self.unit)

    def __str__(self) -> str:
        scale = f" {self.scale.value}" if self.scale else ""
        return f"{self.value:f}{scale} {self.unit}"

    def __repr__(self) -> str:
        return f"Amount({str(self)!r})"


_REGISTRY: pint.UnitRegistry[float] | None = None
_LOCK = _thread.allocate_lock()  # threading itself costs 1.6 ms at start-up


def registry() -> pint.UnitRegistry[float]:
    """The library's one pint registry, built on first use from :data:`UNITS` only.

    It is much smaller (and faster to build) than pint's default registry, and it has
    no ``ton``: a tonne is ``tonne``.
    """
    global _REGISTRY
    if _REGISTRY is None:
        with _LOCK:
            if _REGISTRY is None:
                _REGISTRY = _build_registry()
    return _REGISTRY


def _build_registry() -> pint.UnitRegistry[float]:
    import pint

    reg: pint.UnitRegistry[float] = pint.UnitRegistry(None)
    seen_bases: set[str] = set()
    for unit in UNITS:
        aliases = "".join(f" = {s}" for s in unit.symbols)
        if unit.base is not None and unit.base not in seen_bases:
            seen_bases.add(unit.base)
            if unit.factor != "1":
                raise AssertionError(f"first unit of [{unit.base}] must be its base unit")
            reg.define(f"{unit.name} = [{unit.base}]{aliases or ' = _'}")
        else:
            reg.define(f"{unit.name} = {unit.factor}{aliases or ' = _'}")
    return reg


# -- the grammar as one pattern, for schemas ------------------------------------------
# The form :meth:`Amount.parse` reads, with the scale words of :class:`Scale` and the
# unit names and symbols of :data:`UNITS` spelled out; written bare (no anchors, no
# ``(?:``, no named groups) so that Table Schema, JSON Schema and Python can all use it.
_UNIT_NAME = (
    "(" + "|".join(re.escape(n) for n in sorted(SPELLINGS, key=lambda n: (-len(n), n))) + ")"
)
_SCALE_WORD = "(" + "|".join(s.value for s in Scale) + ")"
AMOUNT_PATTERN: Final = (
    rf"\s*[+-]?([0-9]{{1,3}}(,[0-9]{{3}})+|[0-9]+)(\.[0-9]+)?(\s+{_SCALE_WORD})?"
    rf"\s+{_UNIT_NAME}(\s*[/*]\s*{_UNIT_NAME})?\s*"
)
"""The text form of an :class:`Amount` as a bare regular expression: a number, an
optional scale word and a known unit (or two joined by ``/`` or ``*``)."""
