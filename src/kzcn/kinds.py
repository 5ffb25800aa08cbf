"""The field model: the closed set of kinds a record field can have, and the columns
the exports derive from some of them.

Every field of every record class declares its :class:`Kind` once, in its attrs
metadata (``metadata["kind"]``, set by the field factories of :mod:`kzcn.records`).
Every consumer that treats fields differently by what they hold (the converter, the
trusted builder, the exports and their schemas, the data dictionary, diff, the CLI's
``--where``) maps kinds with a ``match`` ending in ``assert_never``, so a new kind that
one of them does not handle fails ``mypy --strict``.

The columns derived from a period or an amount (``<field>_start``, ``amount_lower``, the
JSON export's ``quantity``) are named here only: :func:`derived_columns` and
:func:`derived_keys`.
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, NamedTuple, assert_never

from .dates import Precision

if TYPE_CHECKING:
    import attrs

__all__ = [
    "AMOUNT_COLUMNS",
    "PERIOD_COLUMNS",
    "QUANTITY_KEY",
    "DerivedColumn",
    "Kind",
    "derived_columns",
    "derived_keys",
    "json_keys",
    "kind_of",
]


class Kind(enum.Enum):
    """What a field holds (whether it may be empty is the field's own type and default)."""

    SLUG = "slug"  # an id or a source id: a lowercase slug
    TEXT = "text"  # one line or paragraph of text
    TEXTS = "texts"  # a list of text (a person's roles)
    LINK = "link"  # the id of another record (tables in metadata["link"])
    LINKS = "links"  # a list of ids of other records
    PERIOD = "period"  # a :class:`~kzcn.dates.Period`
    DATE = "date"  # a day (derived columns only)
    AMOUNT = "amount"  # an :class:`~kzcn.units.Amount`
    ENUM = "enum"  # a member of a vocabulary enum
    INTEGER = "integer"  # a whole number
    REAL = "real"  # a number (a float, or an exact Decimal in derived columns)
    CITATIONS = "citations"  # a list of :class:`~kzcn.records.Citation`
    ALIASES = "aliases"  # a list of :class:`~kzcn.records.Alias`
    DERIVED = "derived"  # a list of :class:`~kzcn.records.Derivation`
    CORRECTIONS = "corrections"  # a list of :class:`~kzcn.records.Correction`
    CONFIDENCES = "confidences"  # a list of :class:`~kzcn.records.Confidence` (drafts)
    VALUE = "value"  # a corrected value: of the kind of the field it sets


def kind_of(field: attrs.Attribute[Any]) -> Kind:
    """The kind a record field declares."""
    kind: Kind = field.metadata["kind"]
    return kind


class DerivedColumn(NamedTuple):
    """A column the exports compute from a field: ``<field><suffix>``."""

    suffix: str
    kind: Kind
    base: type[Any]  # the Python type of its values
    description: str
    optional: bool = False  # may be empty even when its field is not


PERIOD_COLUMNS: Final = (
    DerivedColumn("_start", Kind.DATE, date, "derived: the first day the period covers"),
    DerivedColumn("_end", Kind.DATE, date, "derived: the last day the period covers"),
    DerivedColumn("_precision", Kind.ENUM, Precision, "derived: how finely the period is known"),
)
AMOUNT_COLUMNS: Final = (
    DerivedColumn(
        "_value", Kind.REAL, Decimal, "derived: the amount in plain units (scale word applied)"
    ),
    DerivedColumn("_unit", Kind.TEXT, str, "derived: the unit of the amount"),
    DerivedColumn(
        "_lower",
        Kind.REAL,
        Decimal,
        "derived: the lower bound the source states, in plain units: the value of an exact, "
        "'more than' or 'at least' amount; empty when it states none ('about', 'almost', "
        "'less than', 'up to'); the qualifier says whether the bound is included",
        optional=True,
    ),
    DerivedColumn(
        "_upper",
        Kind.REAL,
        Decimal,
        "derived: the upper bound the source states, in plain units: the value of an exact, "
        "'up to', 'almost' or 'less than' amount; empty when it states none ('about', "
        "'more than', 'at least')",
        optional=True,
    ),
    DerivedColumn(
        "_tolerance_low",
        Kind.REAL,
        Decimal,
        "derived: low end of the checks' tolerance interval (the stated digits' rounding "
        "and the qualifier's convention, kzcn.intervals), not a bound the source states",
    ),
    DerivedColumn(
        "_tolerance_high",
        Kind.REAL,
        Decimal,
        "derived: high end of the checks' tolerance interval (kzcn.intervals; 'more than x' "
        "allows up to 1.5 x), not a bound the source states",
    ),
)
QUANTITY_KEY: Final = "quantity"
"""The JSON export's object for an amount: value, unit, qualifier, the bounds the source
states and the checks' tolerance."""


def derived_columns(kind: Kind) -> tuple[DerivedColumn, ...]:
    """The flat exports' columns derived from a single field of ``kind``."""
    match kind:
        case Kind.PERIOD:
            return PERIOD_COLUMNS
        case Kind.AMOUNT:
            return AMOUNT_COLUMNS
        case (
            Kind.SLUG
            | Kind.TEXT
            | Kind.TEXTS
            | Kind.LINK
            | Kind.LINKS
            | Kind.DATE
            | Kind.ENUM
            | Kind.INTEGER
            | Kind.REAL
            | Kind.CITATIONS
            | Kind.ALIASES
            | Kind.DERIVED
            | Kind.CONFIDENCES
            | Kind.CORRECTIONS
            | Kind.VALUE
        ):
            return ()
        case _:
            assert_never(kind)


def json_keys(name: str, kind: Kind) -> tuple[str, ...]:
    """The keys the JSON export adds for field ``name`` of ``kind``: a period's
    ``_start``, ``_end`` and ``_precision``; an amount's ``quantity`` object."""
    if kind is Kind.AMOUNT:
        return (QUANTITY_KEY,)
    return tuple(name + c.suffix for c in derived_columns(kind))


_KEYS: dict[type[Any], frozenset[str]] = {}


def derived_keys(cls: type[Any]) -> frozenset[str]:
    """Every key an export may add to a record of ``cls`` beside its fields (the JSON
    export's and the flat exports' derived columns): readers drop them."""
    found = _KEYS.get(cls)
    if found is None:
        import attrs

        keys: set[str] = set()
        for field in attrs.fields(cls):
            kind = kind_of(field)
            keys.update(json_keys(field.name, kind))
            keys.update(field.name + c.suffix for c in derived_columns(kind))
        found = _KEYS[cls] = frozenset(keys)
    return found
