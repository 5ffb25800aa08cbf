"""Generate the data dictionary (``docs/data.md``) from the model.

``python -m kzcn.datadoc > docs/data.md`` rewrites it; a test fails when the committed
page and the code disagree, so the docs cannot drift. Everything on the page is read
from the code: the tables from the registry (:data:`kzcn.dataset.TABLES`), the field
descriptions from the fields' attrs metadata (:func:`kzcn.records.doc`, the same text
the exports' schemas use), the vocabularies from :mod:`kzcn.vocabulary`, the units from
:data:`kzcn.units.UNITS` and the export columns from ``kzcn.export``'s ``columns``.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import re
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from typing import Any, assert_never

import attrs

from . import vocabulary
from .dataset import TABLES, Dataset, link_targets
from .intervals import ABOUT, ALMOST_FLOOR, MORE_THAN_CEILING
from .kinds import Kind, kind_of
from .records import ANY_TABLE, Alias, Citation, Confidence, Correction, Derivation, Redirect, doc
from .units import SPELLINGS, UNITS
from .vocabulary import Subject

__all__ = ["markdown_table", "render", "type_text", "vocabularies"]

_ROLE = re.compile(r":(?:class|func|meth|mod|attr|data|exc):`~?([\w.]+)`")

# Values nested in a record's fields, documented once in their own section.
_NESTED: tuple[type[Any], ...] = (Citation, Alias, Derivation, Correction, Confidence)


def markdown_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> Iterator[str]:
    yield "| " + " | ".join(header) + " |"
    yield "|" + "|".join("---" for _ in header) + "|"
    for row in rows:
        yield "| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in row) + " |"
    yield ""


def vocabularies() -> tuple[type[enum.Enum], ...]:
    """Every enum defined in :mod:`kzcn.vocabulary`, in source order."""
    found = [
        value
        for value in vars(vocabulary).values()
        if isinstance(value, type)
        and issubclass(value, enum.Enum)
        and value.__module__ == vocabulary.__name__
    ]
    return tuple(found)


def _anchor(text: str) -> str:
    return text.lower().replace("_", "-")


def _base_text(kind: Kind, base: Any, links: tuple[str, ...] | None) -> str:
    """One value of ``kind`` in words (a list's item, for a list kind)."""
    match kind:
        case Kind.LINK | Kind.LINKS:
            if links is not None and ANY_TABLE in links:
                return "id of a record in any table but sources"
            return f"id of a record in {' or '.join(link_targets(links or ()))}"
        case Kind.SLUG:
            return "id (a lowercase slug)"
        case Kind.TEXT | Kind.TEXTS:
            return "text"
        case Kind.INTEGER:
            return "whole number"
        case Kind.REAL:
            return "number"
        case Kind.DATE:
            return "date (YYYY-MM-DD)"
        case Kind.PERIOD:
            return "[period](#periods)"
        case Kind.AMOUNT:
            return "[amount](#units)"
        case Kind.ENUM:
            return f"one of [{base.__name__}](#{_anchor(base.__name__)})"
        case Kind.CITATIONS | Kind.ALIASES | Kind.DERIVED | Kind.CONFIDENCES | Kind.CORRECTIONS:
            return f"[{base.__name__.lower()}](#{_anchor(base.__name__)})"
        case Kind.VALUE:
            return "a value of the type of the field it sets"
        case _:
            assert_never(kind)


def type_text(cls: type[Any], field: attrs.Attribute[Any]) -> str:
    """A field's type in words: "text, optional", "list of ids of a record in people"."""
    base = typing.get_type_hints(cls)[field.name]
    optional = False
    if typing.get_origin(base) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(base) if a is not type(None)]
        optional = len(args) < len(typing.get_args(base))
        (base,) = args
    links = field.metadata.get("link")
    kind = kind_of(field)
    if typing.get_origin(base) is tuple:
        item = typing.get_args(base)[0]
        text = "list of " + _base_text(kind, item, links).replace(
            "id of a record", "ids of records"
        )
    else:
        text = _base_text(kind, base, links)
    return text + (", optional" if optional else "")


def _default(field: attrs.Attribute[Any]) -> str:
    if field.default is attrs.NOTHING:
        return "required"
    value = field.default
    if isinstance(value, attrs.Factory):  # type: ignore[arg-type]
        return ""
    if value is None or value == () or value == "":
        return ""
    if isinstance(value, enum.Enum):
        value = value.value
    return f"default `{value}`"


def _field_rows(cls: type[Any]) -> list[tuple[str, ...]]:
    return [
        (f"`{f.name}`", type_text(cls, f), _default(f), doc(f) or "(no description)")
        for f in attrs.fields(cls)
    ]


def _first_paragraph(obj: Any) -> str:
    text = inspect.getdoc(obj) or ""
    if obj.__doc__ is None or "__doc__" not in vars(obj):
        return ""
    para = " ".join(text.split("\n\n")[0].split())
    return _ROLE.sub(lambda m: f"`{m.group(1).rsplit('.', 1)[-1]}`", para)


def _columns_function() -> Callable[..., Any] | None:
    """``columns`` of ``kzcn.export`` (a module or a package with a ``columns``
    module), or ``None`` if there is none."""
    for name in ("kzcn.export.columns", "kzcn.export"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        found = getattr(module, "columns", None)
        if isinstance(found, types.ModuleType):
            found = getattr(found, "columns", None)
        if callable(found):
            function: Callable[..., Any] = found
            return function
    return None


def _export_section() -> list[str]:
    out = [
        "## Export columns",
        "",
        "The flat exports (CSV, the data package, Parquet, pandas) have one column per field,",
        "in the order above, then columns derived from some fields. A link field that holds",
        "several ids is written as the ids joined with `;`; nested values (aliases,",
        "citations, derivations, corrections) as JSON text. The derived columns:",
        "",
    ]
    columns = _columns_function()
    if columns is None:  # pragma: no cover - while kzcn.export is being rewritten
        return [
            *out,
            "**TODO**: the derived columns (`<field>_start`, `<field>_end`, `<field>_precision`",
            "of a period and `amount_value`, `amount_unit`, `amount_lower`, `amount_upper`,",
            "`amount_tolerance_low`, `amount_tolerance_high` of an",
            "amount) are described here once `kzcn.export` provides `columns`.",
            "",
        ]
    rows = []
    for spec in TABLES:
        names = {f.name for f in attrs.fields(spec.record)}
        for column in columns(spec.record):
            if column.name not in names:
                rows.append((f"`{spec.name}`", f"`{column.name}`", column.description))
    return [*out, *markdown_table(("table", "column", "meaning"), rows)]


def render(ds: Dataset | None = None) -> str:
    """The whole ``docs/data.md`` page as text (from the code alone; ``ds`` is unused
    and kept for callers that pass one)."""
    out = [
        "# Data dictionary",
        "",
        "Generated from the code by `python -m kzcn.datadoc`; do not edit by hand (a test",
        "compares this page with the code). Each record of the data files is a `[[table]]`",
        "entry of TOML; its fields are listed below with their type and meaning.",
        "",
        "## Tables",
        "",
    ]
    out.extend(
        markdown_table(
            ("table", "record", "what it holds"),
            [
                (
                    f"[`{s.name}`](#{s.name})",
                    f"`{s.record.__name__}`",
                    _first_paragraph(s.record) or f"one {s.label} per record",
                )
                for s in TABLES
            ],
        )
    )
    for spec in TABLES:
        out += [f"### {spec.name}", ""]
        about = _first_paragraph(spec.record)
        if about:
            out += [about, ""]
        out.extend(
            markdown_table(("field", "type", "required", "meaning"), _field_rows(spec.record))
        )
    out += [
        "### redirects",
        "",
        "Ids that were released and no longer name a record of their own, in",
        "`[[redirects]]` of the file that held the record (see [Stable ids](ids.md)).",
        "",
    ]
    out.extend(markdown_table(("field", "type", "required", "meaning"), _field_rows(Redirect)))
    out += ["## Nested values", ""]
    for cls in _NESTED:
        out += [f"### {cls.__name__}", "", _first_paragraph(cls), ""]
        out.extend(markdown_table(("field", "type", "required", "meaning"), _field_rows(cls)))
    out += [
        "## Periods",
        "",
        "A period is a year, half-year, quarter, month or day, or a range of two of them:",
        "`2019`, `2019-H1`, `2019-Q2`, `2019-06`, `2019-06-11`, `2021-01/2021-04`. It keeps",
        "the precision the source gives; its start and end are the first and last day it covers.",
        "",
        f"Every date of the data starts in {vocabulary.EARLIEST_YEAR} or later: the data holds",
        "the relations of present-day China and Kazakhstan, and the People's Republic of China,",
        f"the older of the two states, dates from {vocabulary.EARLIEST_YEAR}",
        "(`kzcn.vocabulary.EARLIEST_YEAR`). A source's `published` is not after the day the",
        "data is loaded.",
        "",
        "## Reading the texts",
        "",
        '**"Leading"** ("Kazakhstan\'s leading trade and investment partner") states no rank',
        "number: it means among the first, not necessarily first. No figure carries a rank read",
        'from "leading"; a figure of measure `rank` holds a place the text gives ("the second',
        'largest", "the top four") or declares in `derived` how it read one.',
        "",
    ]
    out += _export_section()
    out += ["## Vocabularies", ""]
    users: dict[type[Any], list[str]] = {}
    for spec in TABLES:
        for field in attrs.fields(spec.record):
            kind = typing.get_type_hints(spec.record)[field.name]
            for arg in (kind, *typing.get_args(kind)):
                if isinstance(arg, type) and issubclass(arg, enum.Enum):
                    users.setdefault(arg, []).append(f"`{spec.name}.{field.name}`")
    for kind in vocabularies():
        out += [f"### {kind.__name__}", ""]
        about = _first_paragraph(kind)
        if about:
            out += [about, ""]
        used = ", ".join(users.get(kind, ())) or "no field of a table"
        out += [f"Used by {used}.", ""]
        if kind is Subject:
            continue
        out += [", ".join(f"`{m.value}`" for m in kind), ""]
    out += [
        "A figure's subject also fixes the dimension of its unit when its measure is `level`;",
        "growth is in percent, shares in percent or as a fraction, multiples in times, ranks",
        "in rank.",
        "",
    ]
    out.extend(
        markdown_table(
            ("subject", "dimension", "meaning"),
            [
                (f"`{s.value}`", f"`{s.dimension or 'dimensionless'}`", s.description)
                for s in Subject
            ],
        )
    )
    out += [
        "## Units",
        "",
        'An amount may write a unit in any spelling of the column "also written"; the',
        "loader reads it as the unit's name, so every check, export and chart sees one",
        "spelling. `ton` and `tons` are refused (a short ton or a metric tonne?).",
        "",
    ]
    out.extend(
        markdown_table(
            ("unit", "dimension", "size", "also written", "meaning"),
            [
                (
                    f"`{u.name}`",
                    f"`[{u.base}]`" if u.base else "dimensionless",
                    u.factor,
                    ", ".join(f"`{s}`" for s, n in SPELLINGS.items() if n == u.name != s),
                    u.description,
                )
                for u in UNITS
            ],
        )
    )
    out += [
        "## Stated bounds and the checks' tolerance",
        "",
        "An amount exports two kinds of bounds, not to be confused:",
        "",
        "- `amount_lower` and `amount_upper` (JSON: `quantity.lower`, `quantity.upper`) are "
        'the bounds **the source states**, in plain units: "more than 5 billion" has '
        "`amount_lower` 5000000000 and no `amount_upper`; an exact amount has both equal to "
        'its value; "about x" states neither. The qualifier says whether a bound is '
        "included (`at_least`, `up_to`) or not (`more_than`, `less_than`, `almost`).",
        "- `amount_tolerance_low` and `amount_tolerance_high` (JSON: `quantity.tolerance`) "
        "are the interval **the consistency checks allow** a figure, a convention of kzcn "
        "(`kzcn.intervals`), not something the source says: the stated value plus or minus "
        "half a step of its last digit, widened by its qualifier:",
        "",
    ]
    out.extend(
        markdown_table(
            ("qualifier", "interval for stated x, half-step h"),
            [
                ("`exact`", "[x - h, x + h]"),
                ("`about`", f"[x - h - {ABOUT}·x, x + h + {ABOUT}·x]"),
                ("`more_than`, `at_least`", f"[x - h, (x + h) · {MORE_THAN_CEILING}]"),
                ("`almost`, `less_than`", f"[(x - h) · {ALMOST_FLOOR}, x + h]"),
                ("`up_to`", "[0, x + h]"),
            ],
        )
    )
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(render(), end="")
