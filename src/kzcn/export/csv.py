"""The CSV export: ``<table>.csv`` for every table (UTF-8, RFC 4180 quoting).

The header is :func:`kzcn.export.columns.columns` of the table's record class: its
fields in order, then the derived columns (``<period>_start``, ``<period>_end`` as ISO
dates and ``<period>_precision``; ``amount_value``, ``amount_unit``, ``amount_lower``,
``amount_upper`` (the bounds the source states), ``amount_tolerance_low`` and
``amount_tolerance_high`` (the checks' tolerance) as exact plain decimals). Cells:
empty for ``None``; enums as values; periods and amounts as text; a tuple of ids (a link
field) as the ids joined with ``;`` (ids are slugs, so never contain one); any other
tuple (``aliases``, ``roles``, ``citations``) as JSON text, so ``citations`` is
``[{"source": ..., "evidence": ...}]``. Beside the tables, every list of links is also
a table of its own (:mod:`kzcn.export.links`): ``citations.csv`` and
``<table>-<field>.csv``, so a join needs no JSON parsing. ``metadata.json`` records the
versions, the content hash of the data and the view.

**Spreadsheet formulas are neutralised.** A text cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is written with a single quote (``'``) in front,
so that a spreadsheet shows it as text instead of running it as a formula (CSV
injection). Only text is changed, never a number or a date; the JSON and Parquet
exports keep the exact value.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from ..convert import unstructure
from ..dataset import RECORD_TYPES, Dataset
from ._files import dump_json, publish
from .columns import Column, columns, metadata, plain, row
from .links import CITATION_COLUMNS, CITATIONS, citation_rows, link_table_rows
from .provenance import PROVENANCE, provenance_rows

__all__ = ["FORMULA_PREFIXES", "cell", "neutralise", "write_csv", "write_rows"]

METADATA: Final = "metadata.json"
"""The CSV export's record of itself: versions, content hash and view
(:func:`kzcn.export.columns.metadata`)."""
FORMULA_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r")
"""How a cell a spreadsheet would read as a formula starts."""


def neutralise(text: str) -> str:
    """``text`` with a single quote in front when a spreadsheet would run it."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def cell(value: Any, column: Column) -> str:
    """The CSV text of one native value of ``column``."""
    if value is None:
        return ""
    if column.many and column.link:
        return ";".join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Decimal):  # plain digits, no exponent or trailing zeros
        return format(plain(value), "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def write_rows(path: Path, cols: Sequence[Column], rows: Iterable[dict[str, Any]]) -> Path:
    """Write one CSV file of ``cols`` from flat rows; returns ``path``."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(c.name for c in cols)
        for values in rows:
            writer.writerow(cell(values[c.name], c) for c in cols)
    return path


def flat_rows(records: Iterable[object]) -> Iterable[dict[str, Any]]:
    """The flat rows of records: their fields plus the derived columns, native values."""
    return (row(record, unstructure(record)) for record in records)


def _provenance_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return neutralise(str(value))


def write_provenance_files(ds: Dataset, folder: Path) -> list[Path]:
    """Write ``claims.csv`` and ``corrections.csv`` of a resolved view into ``folder``
    (nothing for the claims; see :mod:`kzcn.export.provenance`)."""
    return [
        _plain_table(folder / f"{name}.csv", [c.name for c in PROVENANCE[name]], rows)
        for name, rows in provenance_rows(ds).items()
    ]


def _plain_table(path: Path, names: Sequence[str], rows: Iterable[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(names)
        writer.writerows([_provenance_cell(values[n]) for n in names] for values in rows)
    return path


def write_link_files(ds: Dataset, folder: Path, *, links: bool = True) -> list[Path]:
    """Write ``citations.csv`` and (unless ``links`` is false) the ``<table>-<field>.csv``
    link tables into ``folder`` (see :mod:`kzcn.export.links`)."""
    names = [name for name, _ in CITATION_COLUMNS]
    paths = [_plain_table(folder / f"{CITATIONS}.csv", names, citation_rows(ds))]
    if links:
        for name, rows in link_table_rows(ds).items():
            paths.append(_plain_table(folder / f"{name}.csv", ["id", "target", "table"], rows))
    return paths


def write_csv_files(ds: Dataset, folder: Path) -> list[Path]:
    """Write ``<table>.csv`` for every table into ``folder`` (not staged), the link
    tables (``citations.csv``, ``<table>-<field>.csv``) and the provenance tables of a
    resolved view."""
    return [
        *(
            write_rows(folder / f"{name}.csv", columns(RECORD_TYPES[name]), flat_rows(table))
            for name, table in ds.tables.items()
        ),
        *write_link_files(ds, folder),
        *write_provenance_files(ds, folder),
        dump_json(metadata(ds), folder / METADATA),
    ]


def write_csv(ds: Dataset, out_dir: str | Path) -> list[Path]:
    """Write ``<table>.csv`` for every table (empty tables get a header), all or
    nothing; returns the paths."""
    return publish(out_dir, "csv", lambda folder: write_csv_files(ds, folder))
