"""DataFrames (needs pandas, the ``pandas`` extra; imported only when used).

:func:`to_pandas` gives a table's frame with the columns of the CSV export
(:func:`kzcn.export.columns.columns`), typed: dates as ``datetime64[s]``, enums as
categoricals of their values, whole numbers as nullable ``Int64``, decimals as floats
(rounded once), lists and nested records native. ``Table.to_pandas()``,
``Dataset.to_pandas()`` and ``Dataset.timeline().to_pandas()`` call these.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, assert_never

from ..dataset import RECORD_TYPES, Dataset
from ..kinds import Kind
from ..query import Table, TimelineEntry
from ._optional import require
from .columns import Column, columns, derived_row
from .parquet import native_row

__all__ = ["dataset_to_pandas", "timeline_to_pandas", "to_pandas"]


def _frame(pd: Any, rows: list[dict[str, Any]], cols: Iterable[Column]) -> Any:
    cols = tuple(cols)
    frame = pd.DataFrame(rows, columns=[c.name for c in cols])
    for column in cols:
        if not column.many:
            frame[column.name] = _typed(pd, frame[column.name], column)
    return frame


def _typed(pd: Any, values: Any, column: Column) -> Any:
    """A column's values with the dtype of its kind."""
    kind = column.kind
    match kind:
        case Kind.INTEGER:
            return values.astype("Int64")  # keeps None as <NA>
        case Kind.REAL:
            return values.astype("float64")
        case Kind.DATE:
            return pd.to_datetime(values).astype("datetime64[s]")
        case Kind.ENUM:
            return values.astype(pd.CategoricalDtype([m.value for m in column.base]))
        case (
            Kind.SLUG
            | Kind.TEXT
            | Kind.TEXTS
            | Kind.LINK
            | Kind.LINKS
            | Kind.PERIOD
            | Kind.AMOUNT
            | Kind.VALUE
            | Kind.CITATIONS
            | Kind.ALIASES
            | Kind.DERIVED
            | Kind.CONFIDENCES
            | Kind.CORRECTIONS
        ):
            return values
        case _:
            assert_never(kind)


def to_pandas(table: Table[Any]) -> Any:
    """A ``pandas.DataFrame`` of a table (or a query's result), with the CSV's columns."""
    pd = require("pandas", "pandas")
    cls = table.record_type or RECORD_TYPES[table.name]
    return _frame(pd, [native_row(r) for r in table], columns(cls))


def dataset_to_pandas(ds: Dataset) -> dict[str, Any]:
    """Table name -> ``DataFrame``, for every table in order."""
    return {name: to_pandas(table) for name, table in ds.tables.items()}


_TIMELINE = (
    Column("table", Kind.TEXT, str, False, True, None, (), "the table of the record"),
    Column("id", Kind.SLUG, str, False, True, None, (), "the record's id"),
    Column("title", Kind.TEXT, str, False, True, None, (), "its title or name"),
    Column("period", Kind.PERIOD, str, False, True, None, (), "when, in the compact form"),
    *(c for c in columns(RECORD_TYPES["figures"]) if c.derived_from == "period"),
)


def timeline_to_pandas(entries: Iterable[TimelineEntry]) -> Any:
    """A ``DataFrame`` of timeline entries: table, id, title and the period's columns."""
    pd = require("pandas", "pandas")
    rows = []
    for entry in entries:
        record: Any = entry.record
        period = entry.period
        row = {
            "table": entry.table,
            "id": record.id,
            "title": getattr(record, "title", None) or getattr(record, "name", ""),
            "period": str(period),
        }
        # the period's derived columns, named and computed as in every flat export
        rows.append(derived_row(period, "period", Kind.PERIOD, row))
    return _frame(pd, rows, _TIMELINE)
