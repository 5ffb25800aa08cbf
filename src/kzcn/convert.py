"""The one conversion layer between plain data (TOML, JSON) and records.

Everything that turns rows into records, or records into rows, goes through here:

- :func:`converter` is the cattrs converter for untrusted input (users' TOML, JSON
  exports): strict types, no coercion, every problem reported with its field.
- :func:`structure_rows` runs it over a document of tables of rows, used by the loader
  and by :func:`kzcn.export.from_json`.
- :func:`unstructure` gives a record's row (the form the data files write), used by the
  TOML writer, the exports and the compiled data.
- :func:`build` turns a row that was validated at build time (the compiled package data)
  into a record without cattrs and without re-running validators.

All of them read one description of the fields: the attrs fields of the record classes,
their type hints and their kinds (:mod:`kzcn.kinds`): the converter reads each field of
a record with the hook of its kind, and the trusted builder builds it by its kind, each
an exhaustive ``match``. No field is described twice.
"""

from __future__ import annotations

import enum
import functools
import math
import sys
import typing
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, Final, assert_never

import attrs

from .dates import Period
from .kinds import Kind, kind_of
from .records import Alias, Correction, Derivation
from .suggest import close_matches
from .units import Amount

if TYPE_CHECKING:
    import cattrs

    from .errors import Problem

__all__ = [
    "build",
    "converter",
    "field_type",
    "structure",
    "structure_rows",
    "structure_value",
    "unstructure",
]

Tables = dict[str, list[Any]]


class Invalid(ValueError):
    """A value of the wrong form; carries a plain message for the user."""


def _strict(kind: type[Any], label: str) -> Callable[[Any, Any], Any]:
    def hook(value: Any, _: Any) -> Any:
        # cattrs' default hooks coerce (str(5) -> "5", int("3") -> 3); data should not.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise Invalid(f"expected {label}, got {type(value).__name__} {value!r}")
        return value

    return hook


def _float_hook(value: Any, _: Any) -> float:
    # A whole number is a number too (TOML writes 44 for 44.0); text and booleans are not.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Invalid(f"expected a number, got {type(value).__name__} {value!r}")
    return float(value)


_SHARED_TEXT_MAX = 100


def _text_hook(value: Any, _: Any) -> str:
    """``_strict(str)``, sharing one string object for every copy of a short word.

    Ids, links, party and source ids are written out again wherever a record names
    them; each copy the TOML parser returns is a new string. Interning the short ones
    without spaces (a slug or a single word, never a sentence) keeps one object per id.
    """
    if not isinstance(value, str):
        raise Invalid(f"expected text, got {type(value).__name__} {value!r}")
    if type(value) is str and len(value) <= _SHARED_TEXT_MAX and " " not in value:
        return sys.intern(value)
    return value


def _enum_hook(value: Any, kind: type[enum.Enum]) -> enum.Enum:
    if isinstance(value, str):
        try:
            return kind(value)
        except ValueError:
            pass
    # The list of choices is only built for the message of a wrong value.
    choices = [str(member.value) for member in kind]
    if not isinstance(value, str):
        raise Invalid(f"expected one of {', '.join(choices)}; got {type(value).__name__}")
    close = close_matches(value, choices, n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise Invalid(f"{value!r} is not a valid {kind.__name__}{hint}; choices: {', '.join(choices)}")


def _date_hook(value: Any, _: Any) -> date:
    if not isinstance(value, str):
        raise Invalid(f"expected a date (YYYY-MM-DD), got {type(value).__name__} {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Invalid(f"expected a date (YYYY-MM-DD), got {value!r}") from None


def _as_is(value: Any, _: Any) -> Any:
    return value


_PARSED_CACHE = 8192
_SHARED_TUPLE_MAX = 4


def _parsed(parse: Callable[[str], Any]) -> Callable[[Any, Any], Any]:
    # Periods and amounts are immutable: records that state the same text ("2019",
    # "30 percent") can share one parsed object, parsed once. Only text is cached
    # (anything else is an error, raised by ``parse`` as before), and never a failure.
    cached = functools.lru_cache(maxsize=_PARSED_CACHE)(parse)

    def hook(value: Any, _: Any) -> Any:
        try:
            return cached(value) if isinstance(value, str) else parse(value)
        except ValueError as exc:
            raise Invalid(str(exc)) from None

    return hook


@functools.lru_cache(maxsize=_PARSED_CACHE)
def _shared_tuple(value: tuple[str, ...]) -> tuple[str, ...]:
    """The first tuple seen equal to ``value`` (tuples of text are immutable)."""
    return value


def _is_homogeneous_tuple(kind: Any) -> bool:
    return getattr(kind, "__origin__", None) is tuple and getattr(kind, "__args__", ())[-1:] == (
        ...,
    )


def _mapping_of(item: type[Any]) -> Callable[[Any], bool]:
    """Matches ``tuple[item, ...]`` for the records written as a TOML inline table
    (``derived = { period = "rule" }``, ``correct = { amount = "5.08 billion USD" }``)."""
    return lambda kind: _is_homogeneous_tuple(kind) and kind.__args__[0] is item


@functools.cache
def converter() -> cattrs.Converter:
    """The one cattrs converter for data files and exports (built once, on first use)."""
    import cattrs
    from cattrs.errors import IterableValidationError, IterableValidationNote
    from cattrs.gen import make_dict_structure_fn, override

    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _text_hook)
    conv.register_structure_hook(int, _strict(int, "a whole number"))
    conv.register_structure_hook(float, _float_hook)
    conv.register_structure_hook(Period, _parsed(Period.parse))
    conv.register_structure_hook(Amount, _parsed(Amount.parse))
    conv.register_unstructure_hook(Period, str)
    conv.register_unstructure_hook(Amount, str)
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )

    def tuple_hook(value: Any, kind: Any) -> tuple[Any, ...]:
        # Without this a string would be split into a tuple of its characters.
        if not isinstance(value, list):
            raise Invalid(f"expected a list, got {type(value).__name__}")
        item = kind.__args__[0]
        result, errors = [], []
        for index, element in enumerate(value):
            try:
                result.append(conv.structure(element, item))
            except Exception as exc:
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(f"Structuring {kind} @ index {index}", index, item),
                ]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {kind}", errors, kind)
        if item is str and len(result) <= _SHARED_TUPLE_MAX:
            # Short lists of ids (parties, people) repeat from record to record: share
            # one tuple object among equal ones, as the strings in them are shared.
            return _shared_tuple(tuple(result))
        return tuple(result)

    conv.register_structure_hook_func(_is_homogeneous_tuple, tuple_hook)

    def mapping_hook(item: type[Any], second: str) -> Callable[[Any, Any], tuple[Any, ...]]:
        # Written as an inline table in the data files (``{ period = "rule" }``); the
        # unstructured form is a list of objects, like citations, which is read too.
        def hook(value: Any, kind: Any) -> tuple[Any, ...]:
            if isinstance(value, list):
                return tuple_hook(value, kind)
            if not isinstance(value, dict):
                raise Invalid(f"expected a table of field = {second}, got {type(value).__name__}")
            for key in value:
                if not isinstance(key, str) or not key:
                    raise Invalid(f"expected field names as keys, got {key!r}")
            if item is Derivation:
                rules = [_text_hook(rule, str) for rule in value.values()]
                return tuple(item(k, r) for k, r in zip(value, rules, strict=True))
            return tuple(item(k, v) for k, v in value.items())

        return hook

    derivations = mapping_hook(Derivation, "rule")
    corrections = mapping_hook(Correction, "value")
    conv.register_structure_hook_func(_mapping_of(Derivation), derivations)
    conv.register_structure_hook_func(_mapping_of(Correction), corrections)
    periods, amounts = _parsed(Period.parse), _parsed(Amount.parse)

    def kind_hook(kind: Kind) -> Callable[[Any, Any], Any]:
        """How a value of ``kind`` is read from plain data."""
        match kind:
            case Kind.SLUG | Kind.TEXT | Kind.LINK:
                return _text_hook
            case Kind.TEXTS | Kind.LINKS | Kind.CITATIONS | Kind.ALIASES | Kind.CONFIDENCES:
                return tuple_hook
            case Kind.PERIOD:
                return periods
            case Kind.AMOUNT:
                return amounts
            case Kind.ENUM:
                return _enum_hook
            case Kind.INTEGER:
                return _strict(int, "a whole number")
            case Kind.REAL:
                return _float_hook
            case Kind.DATE:
                return _date_hook
            case Kind.DERIVED:
                return derivations
            case Kind.CORRECTIONS:
                return corrections
            case Kind.VALUE:
                return _as_is  # typed later, as the field it sets (kzcn.validate)
            case _:
                assert_never(kind)

    def field_hook(cls: type[Any], field: attrs.Attribute[Any]) -> Callable[[Any, Any], Any]:
        hint = field_type(cls, field.name)
        args = typing.get_args(hint)
        hook = kind_hook(kind_of(field))
        if type(None) not in args:
            return hook  # cattrs passes the field's type, which is ``hint``
        base = next(a for a in args if a is not type(None))
        return lambda value, _: None if value is None else hook(value, base)

    def class_hook(cls: type[Any]) -> Callable[[Any, Any], Any]:
        # Every field read by the hook of its kind (kzcn.kinds), not of its Python type.
        overrides: dict[str, Any] = {
            f.name: override(struct_hook=field_hook(cls, f)) for f in attrs.fields(cls)
        }
        built: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True, **overrides
        )
        return built

    conv.register_structure_hook_factory(lambda t: attrs.has(t) and t is not Alias, class_hook)
    alias_from_dict = class_hook(Alias)

    def alias_hook(value: Any, _: Any) -> Alias:
        return Alias(value) if isinstance(value, str) else alias_from_dict(value, Alias)

    conv.register_structure_hook(Alias, alias_hook)
    return conv


# -- errors, from cattrs' structured exceptions -------------------------------------


def _leaves(
    exc: BaseException, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[Any, ...], BaseException]]:
    """Walk cattrs' exception groups, yielding ``(path, exception)`` for each leaf.

    A path is a tuple of field names and list indexes; cattrs' notes on each grouped
    exception give the name or index (no message text is parsed).
    """
    from cattrs.errors import ClassValidationError, IterableValidationError

    if isinstance(exc, ClassValidationError):
        named, rest = exc.group_exceptions()
        for inner, attribute in named:
            yield from _leaves(inner, (*path, attribute.name))
        for inner in rest:
            yield from _leaves(inner, path)
    elif isinstance(exc, IterableValidationError):
        indexed, others = exc.group_exceptions()
        for item, position in indexed:
            yield from _leaves(item, (*path, position.index))
        for item in others:
            yield from _leaves(item, path)
    elif isinstance(exc, BaseExceptionGroup):
        for member in exc.exceptions:
            yield from _leaves(member, path)
    else:
        yield path, exc


def _format_path(path: tuple[str | int, ...]) -> str | None:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or None


def _problems(exc: BaseException, cls: type[Any], file: str, record: str) -> Iterator[Problem]:
    from cattrs.errors import ForbiddenExtraKeysError

    from .errors import Problem

    for path, leaf in _leaves(exc, ()):
        if isinstance(leaf, ForbiddenExtraKeysError):
            owner = _owner(cls, path)
            for name in sorted(leaf.extra_fields):
                message = _unknown_field(name, owner)
                yield Problem(file, record, _format_path((*path, name)), message)
            continue
        if isinstance(leaf, KeyError):
            yield Problem(file, record, _format_path(path), "required field missing")
            continue
        field = getattr(leaf, "field", None)  # FieldError
        if field is None and len(leaf.args) > 1 and isinstance(leaf.args[1], attrs.Attribute):
            field = leaf.args[1].name  # attrs' own validators: (message, attribute, ...)
        if field is not None and (not path or path[-1] != field):
            path = (*path, field)
        message = leaf.args[0] if leaf.args and isinstance(leaf.args[0], str) else str(leaf)
        yield Problem(file, record, _format_path(path), message)


def _owner(cls: type[Any], path: tuple[str | int, ...]) -> type[Any]:
    """The class of the object at ``path`` (for the list of fields an unknown one
    could have meant)."""
    for part in path:
        if isinstance(part, int) or not attrs.has(cls):
            continue
        kind = field_type(cls, part)
        args = typing.get_args(kind)
        cls = args[0] if args and attrs.has(args[0]) else kind
    return cls


def _unknown_field(name: str, cls: type[Any]) -> str:
    if not attrs.has(cls):
        return "unknown field"
    fields = [f.name for f in attrs.fields(cls)]
    close = close_matches(name, fields, n=2)
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    return f"unknown field for {cls.__name__}{hint}"


# -- structuring untrusted rows ------------------------------------------------------


def structure(
    raw: Mapping[str, Any], cls: type[Any], file: str, record: str
) -> tuple[Any, list[Problem]]:
    """One row into a record of ``cls``, or ``None`` and every problem found in it."""
    import cattrs

    try:
        return converter().structure(raw, cls), []
    except cattrs.BaseValidationError as exc:
        return None, list(_problems(exc, cls, file, record))
    except (TypeError, ValueError) as exc:
        # attrs validators run in __init__, after cattrs has built the fields.
        return None, list(_problems(exc, cls, file, record))


def structure_value(value: Any, kind: Any) -> Any:
    """One field value of type ``kind`` from plain data; raises ``ValueError`` with a
    plain message (used for the typed values of an erratum's ``correct``)."""
    import cattrs

    try:
        return converter().structure(value, kind)
    except cattrs.BaseValidationError as exc:
        messages = [str(leaf) for _, leaf in _leaves(exc, ())]
        raise Invalid("; ".join(messages)) from None
    except (TypeError, ValueError) as exc:
        raise Invalid(str(exc.args[0] if exc.args else exc)) from None


def structure_rows(
    document: Mapping[str, Any],
    record_types: Mapping[str, type[Any]],
    file: str,
    *,
    skip: frozenset[str] = frozenset(),
) -> tuple[Tables, list[Problem]]:
    """Tables of rows (``{"figures": [{...}, ...], ...}``) into tables of records.

    Keys in ``skip`` are left to the caller (a data file's ``[kzcn]`` options).
    """
    from .errors import Problem

    tables: Tables = {table: [] for table in record_types}
    problems: list[Problem] = []
    for table, rows in document.items():
        if table in skip:
            continue
        cls = record_types.get(table)
        if cls is None:
            close = close_matches(table, record_types, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            problems.append(Problem(file, None, None, f"unknown table {table!r}{hint}"))
            continue
        if not isinstance(rows, list):
            problems.append(
                Problem(file, None, None, f"{table!r} must be an array of tables ([[{table}]])")
            )
            continue
        for index, raw in enumerate(rows):
            if not isinstance(raw, dict):
                problems.append(Problem(file, f"{table}[{index}]", None, "not a table"))
                continue
            rid = raw.get("id")
            name = rid if isinstance(rid, str) else f"{table}[{index}]"
            record, found = structure(raw, cls, file, name)
            problems.extend(found)
            if record is not None:
                tables[table].append(record)
    return tables, problems


# -- records into rows ---------------------------------------------------------------


def unstructure(record: Any) -> dict[str, Any]:
    """A record's row: enums as values, periods and amounts as text, nested records as
    tables; every field, in field order."""
    row: dict[str, Any] = converter().unstructure(record)
    return row


def compact(record: Any) -> dict[str, Any]:
    """:func:`unstructure` without the fields that hold their default."""
    row = unstructure(record)
    for field in attrs.fields(type(record)):
        default = field.default
        if default is not attrs.NOTHING and getattr(record, field.name) == default:
            row.pop(field.name, None)
        elif field.name in row and row[field.name] in ((), []):
            row.pop(field.name)
    return row


# -- trusted rows into records, fast -------------------------------------------------

Build = Callable[[Any], Any]


_HINTS: dict[type[Any], dict[str, Any]] = {}
_BUILDERS: dict[type[Any], Callable[[Any], Any]] = {}


def field_type(cls: type[Any], name: str) -> Any:
    """The resolved type hint of field ``name`` of record class ``cls``."""
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    return hints[name]


def _optional(build: Build) -> Build:
    return lambda value: None if value is None else build(value)


def _field_builder(cls: type[Any], field: attrs.Attribute[Any]) -> Build | None:
    """How to turn a trusted plain value into the value of ``field`` (None: as is)."""
    hint = field_type(cls, field.name)
    args = typing.get_args(hint)
    optional = type(None) in args
    base = next(a for a in args if a is not type(None)) if optional else hint
    build = _value_builder(kind_of(field), base)
    return _optional(build) if build is not None and optional else build


def _value_builder(kind: Kind, base: Any) -> Build | None:
    """How to turn a trusted plain value of ``kind`` into its value (None: as is)."""
    match kind:
        case Kind.PERIOD:
            return _trusted_period
        case Kind.AMOUNT:
            return _trusted_amount
        case Kind.ENUM:
            enum_type: Build = base
            return enum_type
        case Kind.DATE:
            return date.fromisoformat
        case Kind.TEXTS | Kind.LINKS:
            return tuple
        case Kind.CITATIONS | Kind.ALIASES | Kind.DERIVED | Kind.CONFIDENCES | Kind.CORRECTIONS:
            inner = _row_builder(typing.get_args(base)[0])
            return lambda values: tuple(inner(v) for v in values)
        case Kind.SLUG | Kind.TEXT | Kind.LINK | Kind.INTEGER | Kind.REAL | Kind.VALUE:
            return None
        case _:
            assert_never(kind)


# Periods and amounts are immutable values of their text: records that state the same
# text share one object, parsed (and validated) once. Cached by the text itself, so
# two texts never share a value (``5`` and ``5.0`` are two amounts).
_trusted_period: Final = functools.lru_cache(maxsize=_PARSED_CACHE)(Period.parse)
_trusted_amount: Final = functools.lru_cache(maxsize=_PARSED_CACHE)(Amount.parse)


def _row_builder(cls: type[Any]) -> Build:
    found = _BUILDERS.get(cls)
    if found is None:
        found = _BUILDERS[cls] = _make_row_builder(cls)
    return found


def _make_row_builder(cls: type[Any]) -> Build:
    """A function building a record of ``cls`` from a trusted row without running its
    validators: the instance is made with ``object.__new__`` and each slot set with
    ``object.__setattr__`` (as attrs' own ``__init__`` sets a frozen class's slots).
    Nothing process-wide is switched off, so a record built at the same time in
    another thread is validated as usual. A field the row leaves out takes its default;
    a required field left out is a ``KeyError``."""
    fields: list[tuple[str, Build | None, Any, bool]] = []
    for field in attrs.fields(cls):
        default = field.default
        factory = isinstance(default, attrs.Factory)  # type: ignore[arg-type]
        if factory and default.takes_self:
            raise TypeError(f"{cls.__name__}.{field.name}: a default that takes self")
        convert = _field_builder(cls, field)
        fields.append((field.name, convert, default.factory if factory else default, factory))
    new = object.__new__
    assign = object.__setattr__

    def build_one(row: Any) -> Any:
        if isinstance(row, str) and cls is Alias:
            row = {"name": row}
        record = new(cls)
        for name, convert, default, factory in fields:
            value = row.get(name, _MISSING)
            if value is _MISSING:
                if default is attrs.NOTHING:
                    raise KeyError(f"{cls.__name__}: required field {name!r} missing")
                value = default() if factory else default
            elif convert is not None and value is not None:
                value = convert(value)
            assign(record, name, value)
        return record

    return build_one


_MISSING = object()


def build(cls: type[Any], row: Mapping[str, Any]) -> Any:
    """A record of ``cls`` from a row that was validated when it was written (the
    compiled package data), without cattrs and without running its validators (nor
    switching validation off for anyone else)."""
    return _row_builder(cls)(row)


def typed_value(cls: type[Any], field: str, value: Any) -> Any:
    """A trusted plain ``value`` as field ``field`` of ``cls`` holds it."""
    convert = _field_builder(cls, attrs.fields_dict(cls)[field])
    return value if convert is None or value is None else convert(value)


def from_text(cls: type[Any], name: str, text: str) -> object:
    """The value of field ``name`` of ``cls`` that ``text`` (typed by a user, as in the
    CLI's ``--where``) means: a number for a number field, an amount for an amount, the
    text itself for text, ids, periods and enums (an enum's text must be a member).
    Raises ``ValueError`` with a one-line message."""
    kind = kind_of(attrs.fields_dict(cls)[name])
    hint = field_type(cls, name)
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    base = args[0] if args and typing.get_origin(hint) is not tuple else hint
    match kind:
        case Kind.INTEGER:
            try:
                return int(text)
            except ValueError:
                raise Invalid(f"{name} is a whole number; {text!r} cannot match it") from None
        case Kind.REAL:
            try:
                number = float(text)
            except ValueError:
                raise Invalid(f"{name} is a number; {text!r} cannot match it") from None
            if not math.isfinite(number):  # NaN equals nothing; no field holds infinity
                raise Invalid(f"{name} is a finite number; {text!r} cannot match it")
            return number
        case Kind.ENUM:
            choices = [str(member.value) for member in base]
            if text not in choices:
                close = close_matches(text, choices)
                hint_text = f"; did you mean {', '.join(close)}?" if close else ""
                raise Invalid(f"{text!r} is not a {name} ({', '.join(choices)}){hint_text}")
            return text
        case Kind.AMOUNT:
            try:
                return Amount.parse(text)
            except ValueError as exc:
                raise Invalid(f"{name}: {exc}") from None
        case (
            Kind.SLUG
            | Kind.TEXT
            | Kind.TEXTS
            | Kind.LINK
            | Kind.LINKS
            | Kind.PERIOD
            | Kind.DATE
            | Kind.CITATIONS
            | Kind.ALIASES
            | Kind.DERIVED
            | Kind.CONFIDENCES
            | Kind.CORRECTIONS
            | Kind.VALUE
        ):
            return text
        case _:
            assert_never(kind)
