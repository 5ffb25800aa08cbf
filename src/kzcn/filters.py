"""What a condition of :meth:`kzcn.Table.where` accepts, field kind by field kind.

A condition is compared with the field's value (or, for a list field, with each of its
items), so a value of a type the field never holds would match nothing without a word.
:func:`wanted` lets through only the values that can match, in the form the comparison
needs, and refuses anything else with one line naming the argument and what it takes:

======================  ==============================================================
field kind              accepted value
======================  ==============================================================
id, text, list of text  a ``str``
link, list of links     a ``str``: the linked record's id, name or alias (one record;
                        chain ``where()`` for records linked to each of several)
period                  a :class:`~kzcn.dates.Period` or its text (``"2019-H1"``)
enum                    a member of the field's enum or its text value
amount                  an :class:`~kzcn.units.Amount` or its text (``"5.08 billion RUB"``)
whole number            an ``int`` (any integral number: numpy's too)
number                  a finite ``int`` or ``float`` (any real number)
citations, aliases...   one item of the list (a :class:`~kzcn.records.Citation`...)
======================  ==============================================================

``None`` is accepted by an optional field only (it matches the records that leave it
empty). ``bool`` is not a number here, though Python counts it as one.
"""

from __future__ import annotations

import enum
import math
import numbers
import types
import typing
from datetime import date
from typing import Any, assert_never

import attrs

from .dates import Period
from .kinds import Kind, kind_of
from .suggest import close_matches

__all__ = ["accepts", "wanted"]


def _base(field: attrs.Attribute[Any]) -> tuple[Any, bool]:
    """The type of one value of ``field`` (the item type of a tuple) and whether the
    field may be ``None``."""
    hint = field.type
    args = typing.get_args(hint)
    optional = type(None) in args
    if typing.get_origin(hint) is tuple:
        return (args[0] if args else Any), optional
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        return (rest[0] if len(rest) == 1 else Any), optional
    return hint, optional


def _what(kind: Kind, base: Any) -> str:
    """What a condition on a field of ``kind`` takes, in words."""
    name = getattr(base, "__name__", "value")
    match kind:
        case Kind.SLUG | Kind.TEXT | Kind.TEXTS:
            return "text (str)"
        case Kind.LINK | Kind.LINKS:
            return "the id, name or alias of one record (str)"
        case Kind.PERIOD:
            return "a Period or its text ('2019', '2019-H1', '2019-06-11')"
        case Kind.ENUM:
            return f"a {name} or its text value"
        case Kind.AMOUNT:
            return "an Amount or its text ('5.08 billion RUB')"
        case Kind.INTEGER:
            return "a whole number (int)"
        case Kind.REAL:
            return "a finite number (int or float)"
        case Kind.DATE:
            return "a date"
        case Kind.CITATIONS | Kind.ALIASES | Kind.DERIVED | Kind.CONFIDENCES | Kind.CORRECTIONS:
            return f"one {name}"
        case Kind.VALUE:
            return "any value"
        case _:
            assert_never(kind)


def accepts(field: attrs.Attribute[Any]) -> str:
    """What a condition on ``field`` takes, in words (for messages and docs)."""
    base, optional = _base(field)
    what = _what(kind_of(field), base)
    return f"{what} or None" if optional else what


def wanted(where: str, field: attrs.Attribute[Any], value: object) -> object:
    """``value`` as a condition on ``field`` compares it, or ``TypeError`` (a type the
    field never holds) or ``ValueError`` (text that reads as no value of the field),
    each one line starting with ``where`` (``"figures.where(amount=...)"``).

    A link's text comes back as given: the table resolves names to ids."""
    if "kind" not in field.metadata:
        return value  # a user's record class without kzcn's field kinds: compared as is
    kind = kind_of(field)
    base, optional = _base(field)
    if value is None:
        if optional:
            return None
        raise TypeError(f"{where}: takes {accepts(field)}, not None ({field.name} is never None)")
    if kind is Kind.VALUE:
        return value
    refused = _refused(where, field, kind, base, value)
    if refused is not None:
        raise refused
    if isinstance(value, str):
        return _from_text(where, kind, base, value)
    if kind is Kind.REAL and not math.isfinite(typing.cast(float, value)):
        raise ValueError(f"{where}: {value!r} equals no number; it takes {accepts(field)}")
    return value


def _refused(
    where: str, field: attrs.Attribute[Any], kind: Kind, base: Any, value: object
) -> TypeError | None:
    """The error for a value of a type the field never holds, or ``None``."""
    match kind:
        case Kind.SLUG | Kind.TEXT | Kind.TEXTS | Kind.LINK | Kind.LINKS:
            ok = isinstance(value, str)
        case Kind.PERIOD:
            ok = isinstance(value, str | Period)
        case Kind.ENUM:
            ok = isinstance(value, str) or (isinstance(base, type) and isinstance(value, base))
        case Kind.AMOUNT:
            from .units import Amount

            ok = isinstance(value, str | Amount)
        case Kind.INTEGER:  # numbers.Integral: numpy's and pandas' integers too
            ok = isinstance(value, numbers.Integral) and not isinstance(value, bool)
        case Kind.REAL:
            ok = isinstance(value, numbers.Real) and not isinstance(value, bool)
        case Kind.DATE:
            ok = isinstance(value, date)
        case Kind.CITATIONS | Kind.ALIASES | Kind.DERIVED | Kind.CONFIDENCES | Kind.CORRECTIONS:
            ok = isinstance(base, type) and isinstance(value, base)
        case Kind.VALUE:
            ok = True
        case _:
            assert_never(kind)
    if ok:
        return None
    given = type(value).__name__
    if isinstance(value, enum.Enum):
        given = f"a {type(value).__name__} ({value.value!r})"
    hint = ""
    if isinstance(value, list | tuple | set | frozenset) and kind in (Kind.LINKS, Kind.TEXTS):
        hint = f"; for records with each of several, chain .where({field.name}=...) calls"
    elif isinstance(value, list | tuple | set | frozenset):
        hint = "; one value per condition"
    elif isinstance(value, date) and kind is Kind.PERIOD:
        hint = "; between() takes dates"
    return TypeError(f"{where}: takes {accepts(field)}, not {given}{hint}")


def _from_text(where: str, kind: Kind, base: Any, text: str) -> object:
    """Text for a period, enum or amount field checked (and an amount read): text
    no value of the field can equal is a ``ValueError``."""
    if kind is Kind.PERIOD:
        try:
            Period.parse(text)
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
    elif kind is Kind.ENUM and isinstance(base, type) and issubclass(base, enum.Enum):
        choices = [str(member.value) for member in base]
        if text not in choices:
            close = close_matches(text, choices, n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise ValueError(
                f"{where}: {text!r} is not a valid {base.__name__}{hint}; "
                f"choices: {', '.join(choices)}"
            )
    elif kind is Kind.AMOUNT:
        from .units import Amount

        try:
            return Amount.parse(text)
        except ValueError as exc:
            raise ValueError(
                f"{where}: {text!r} is no amount ({exc}); it takes an Amount or its text "
                "('5.08 billion RUB')"
            ) from None
    return text
