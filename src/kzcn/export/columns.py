"""The one description of the exported columns, read from the record classes.

Every flat export (CSV, the data package, Parquet, pandas) and the data dictionary use
:func:`columns`: a record class's attrs fields in order, then the columns derived from
them, field by field:

- a period field (``period``, ``date``, ``published``) adds ``<field>_start`` and
  ``<field>_end`` (the first and last day it covers, as dates) and ``<field>_precision``
  (day, month, quarter, half or year);
- an amount adds ``amount_value`` (the number in plain units), ``amount_unit``,
  ``amount_lower`` and ``amount_upper`` (the bounds the source states: "more than 5
  billion" has lower 5e9 and no upper), and ``amount_tolerance_low`` and
  ``amount_tolerance_high`` (the interval the checks allow it: the stated digits'
  rounding and the qualifier's convention, :mod:`kzcn.intervals`).

Descriptions come from the fields' attrs metadata (:func:`kzcn.records.doc`); numbers
are computed exactly (:class:`~decimal.Decimal`) and rounded once, by the writer that
needs a float.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Final, assert_never

import attrs

from .._version import DATA_VERSION, __version__
from ..convert import field_type
from ..dataset import Dataset, link_targets
from ..dates import PERIOD_PATTERN, Period
from ..intervals import exact_bounds
from ..kinds import Kind, derived_columns, kind_of
from ..records import SLUG_PATTERN, is_nonempty
from ..records import doc as record_doc
from ..units import AMOUNT_PATTERN, Amount
from ..vocabulary import Qualifier, Subject

__all__ = [
    "AMOUNT_PATTERN",
    "PERIOD_PATTERN",
    "SLUG_PATTERN",
    "Column",
    "bounds",
    "class_doc",
    "columns",
    "derived_row",
    "metadata",
    "period_fields",
    "plain",
    "row",
    "stated_bounds",
]

PERIOD_NOTE: Final = "compact period: 2019, 2019-H1, 2019-Q2, 2019-06, 2019-06-11 or a/b"


@attrs.frozen
class Column:
    """One column of a flat export: an attrs field, or a value derived from one."""

    name: str
    kind: Kind  # what the column holds (kzcn.kinds); ``many`` columns: the list's kind
    base: Any  # str, int, Decimal, date, an enum, Period, Amount or an attrs class
    many: bool  # a tuple of ``base``
    required: bool
    link: tuple[str, ...] | None  # tables its ids come from
    checks: tuple[Any, ...]  # the record's validators that apply to the value (or items)
    description: str
    derived_from: str | None = None  # the field a derived column is computed from


def _split(kind: Any) -> tuple[Any, bool]:
    """``tuple[X, ...] | None`` -> ``(X, True)``; optionality is read from defaults."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        (kind,) = [arg for arg in typing.get_args(kind) if arg is not type(None)]
    if typing.get_origin(kind) is tuple:
        return typing.get_args(kind)[0], True
    return kind, False


def _checks(validator: Any) -> Iterable[Any]:
    """The plain validators inside attrs' ``and_``, ``optional`` and ``deep_iterable``
    (the items' and the tuple's together: only ``is_nonempty`` applies to a tuple)."""
    inner = [
        *getattr(validator, "_validators", ()),
        *(getattr(validator, a, None) for a in ("validator", "member_validator")),
        getattr(validator, "iterable_validator", None),
    ]
    inner = [check for check in inner if check is not None]
    if not inner:
        yield validator
    for check in inner:
        yield from _checks(check)


_FIELDS: dict[type[Any], tuple[tuple[attrs.Attribute[Any], Any, bool], ...]] = {}


def fields(cls: type[Any]) -> tuple[tuple[attrs.Attribute[Any], Any, bool], ...]:
    """``(attrs field, base type, many)`` for each field (cached: type hints are slow)."""
    found = _FIELDS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = _FIELDS[cls] = tuple(
            (field, *_split(hints[field.name])) for field in attrs.fields(cls)
        )
    return found


def _description(field: attrs.Attribute[Any], kind: Any) -> str:
    text = record_doc(field)
    if kind is Period:
        text += f" ({PERIOD_NOTE})"
    if kind is Subject:
        text += ":" + "".join(f"\n- {s.value}: {s.description}" for s in Subject)
    return text


_COLUMNS: dict[tuple[type[Any], bool], tuple[Column, ...]] = {}


def columns(cls: type[Any], *, derived: bool = True) -> tuple[Column, ...]:
    """The columns of a record class's flat exports, in order: its attrs fields, then
    (unless ``derived`` is false) those derived from its periods and amount."""
    key = (cls, derived)
    if key in _COLUMNS:
        return _COLUMNS[key]
    out: list[Column] = []
    extra: list[Column] = []
    for field, base, many in fields(cls):
        # Required means "never empty": a field that cannot be None or empty text
        # (whatever its default: a qualifier defaults to exact), or a list that cannot
        # be empty.
        checks = tuple(_checks(field.validator))
        optional = type(None) in typing.get_args(field_type(cls, field.name))
        if many:
            required = any(c is is_nonempty for c in checks)
        else:
            required = not optional and field.default != ""
        kind = kind_of(field)
        out.append(
            Column(
                field.name,
                kind,
                base,
                many,
                required,
                link_targets(field.metadata["link"]) if "link" in field.metadata else None,
                checks,
                _description(field, base),
            )
        )
        if not derived:
            continue
        extra += [
            Column(
                field.name + d.suffix,
                d.kind,
                d.base,
                False,
                required and not d.optional,
                None,
                (),
                d.description,
                field.name,
            )
            for d in derived_columns(kind)
        ]
    _COLUMNS[key] = result = (*out, *extra)
    return result


def period_fields(cls: type[Any]) -> tuple[str, ...]:
    """The names of a record class's period fields (each gets derived date columns)."""
    return tuple(f.name for f, _, _ in fields(cls) if kind_of(f) is Kind.PERIOD)


def class_doc(cls: type[Any]) -> str:
    """The first paragraph of a record class's docstring, on one line."""
    text = (cls.__doc__ or cls.__name__).strip().split("\n\n")[0]
    return " ".join(text.split())


def metadata(ds: Dataset) -> dict[str, str]:
    """What every export records about itself: versions, the content hash of the data
    (:func:`kzcn.content.dataset_hash`) and the view it holds."""
    from ..content import dataset_hash

    return {
        "version": __version__,
        "data_version": DATA_VERSION,
        "data_sha256": dataset_hash(ds),
        "view": "resolved" if ds.is_resolved else "claims",
    }


# -- values ---------------------------------------------------------------------------


def bounds(amount: Amount, qualifier: Qualifier) -> tuple[Decimal, Decimal]:
    """The interval a stated amount and its qualifier allow, exactly
    (:func:`kzcn.intervals.exact_bounds`), in plain digits."""
    lo, hi = exact_bounds(amount, qualifier)
    return plain(lo), plain(hi)


_LOWER: Final = frozenset({Qualifier.EXACT, Qualifier.MORE_THAN, Qualifier.AT_LEAST})
_UPPER: Final = frozenset({Qualifier.EXACT, Qualifier.UP_TO, Qualifier.ALMOST, Qualifier.LESS_THAN})


def stated_bounds(amount: Amount, qualifier: Qualifier) -> tuple[Decimal | None, Decimal | None]:
    """The bounds the source states, in plain units: ``(lower, upper)``, ``None`` for a
    bound it does not state ("more than 5 billion" is ``(5000000000, None)``; "about x"
    states neither)."""
    value = plain(amount.magnitude)
    return (value if qualifier in _LOWER else None, value if qualifier in _UPPER else None)


def plain(value: Decimal) -> Decimal:
    """The same number without trailing zeros or exponent noise (``-0`` is ``0``)."""
    if value == 0:
        return Decimal(0)
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    assert isinstance(exponent, int)
    return normal.quantize(Decimal(1)) if exponent > 0 else normal


def row(record: object, unstructured: dict[str, Any]) -> dict[str, Any]:
    """A record's flat row: its unstructured fields (``unstructured``, updated in place)
    plus the derived columns, as native values (Decimal, date, text)."""
    for field, _, _ in fields(type(record)):
        derived_row(record, field.name, kind_of(field), unstructured)
    return unstructured


def derived_row(record: object, name: str, kind: Kind, out: dict[str, Any]) -> dict[str, Any]:
    """``out`` with the columns derived from field ``name`` of ``kind`` (of ``record``;
    a period stands for itself) added: :func:`kzcn.kinds.derived_columns`."""
    derived = derived_columns(kind)
    if derived:
        value = record if isinstance(record, Period) else getattr(record, name)
        values = _derived_values(record, kind, value) if value is not None else None
        for index, column in enumerate(derived):
            out[name + column.suffix] = values[index] if values is not None else None
    return out


def _derived_values(record: object, kind: Kind, value: Any) -> tuple[Any, ...]:
    """The native values of the columns derived from a field (in the order of
    :func:`kzcn.kinds.derived_columns`)."""
    match kind:
        case Kind.PERIOD:
            return (value.start, value.end, value.precision.value)
        case Kind.AMOUNT:
            qualifier = getattr(record, "qualifier", Qualifier.EXACT)
            lo, hi = bounds(value, qualifier)
            return (plain(value.magnitude), value.unit, *stated_bounds(value, qualifier), lo, hi)
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
