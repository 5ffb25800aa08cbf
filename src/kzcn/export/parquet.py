"""The Parquet export: ``<table>.parquet`` for every table (needs pyarrow, the
``parquet`` extra).

Columns are those of the CSV export (:func:`kzcn.export.columns.columns`), typed:
``<period>_start`` and ``<period>_end`` are ``DATE``; enums (and ``<period>_precision``)
are dictionary-encoded text; ``amount_value`` and the amount's bounds and tolerance are
doubles rounded once from the exact decimal; lists and nested records stay native
(lists and structs). Each field carries its description, and the schema metadata the
versions and the view (``kzcn_version``, ``data_version``, ``view``). The link tables
of :mod:`kzcn.export.links` (``citations``, ``<table>-<field>``) are files of their own.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, assert_never

from ..convert import unstructure
from ..dataset import RECORD_TYPES, Dataset
from ..kinds import Kind, kind_of
from ._files import publish
from ._optional import require
from .columns import Column, columns, fields, metadata, row
from .links import CITATION_COLUMNS, CITATIONS, citation_rows, link_table_rows
from .provenance import PROVENANCE, provenance_rows

__all__ = ["arrow_schema", "native_row", "write_parquet"]


def native_row(record: object) -> dict[str, Any]:
    """A flat row with one Python type per column: floats for decimals (rounded once),
    corrected values as text (an erratum's value may be of any field's type)."""
    values = row(record, unstructure(record))
    for correction in values.get("correct", ()):
        correction["value"] = str(correction["value"])
    return {k: float(v) if isinstance(v, Decimal) else v for k, v in values.items()}


def _arrow_type(pa: Any, kind: Kind, base: Any) -> Any:
    """The Arrow type of one value of ``kind`` (a list's item, for a list kind)."""
    match kind:
        case Kind.INTEGER:
            return pa.int64()
        case Kind.REAL:
            return pa.float64()
        case Kind.DATE:
            return pa.date32()
        case Kind.ENUM:
            return pa.dictionary(pa.int32(), pa.string())
        case Kind.CITATIONS | Kind.ALIASES | Kind.DERIVED | Kind.CONFIDENCES | Kind.CORRECTIONS:
            return pa.struct([_nested_field(pa, f, b, m) for f, b, m in fields(base)])
        case (
            Kind.SLUG
            | Kind.TEXT
            | Kind.TEXTS
            | Kind.LINK
            | Kind.LINKS
            | Kind.PERIOD
            | Kind.AMOUNT
            | Kind.VALUE
        ):
            return pa.string()  # text, periods and amounts as stated, corrected values
        case _:
            assert_never(kind)


def _nested_field(pa: Any, field: Any, base: Any, many: bool) -> Any:
    kind = _nested(pa, kind_of(field), base)
    return pa.field(field.name, pa.list_(kind) if many else kind)


def _nested(pa: Any, kind: Kind, base: Any) -> Any:
    # Inside a struct, enums stay plain text (dictionaries cannot nest in every reader).
    found = _arrow_type(pa, kind, base)
    return pa.string() if pa.types.is_dictionary(found) else found


def _arrow_field(pa: Any, column: Column) -> Any:
    kind = _arrow_type(pa, column.kind, column.base)
    if column.many:
        kind = pa.list_(_nested(pa, column.kind, column.base))
    doc = {"description": column.description}
    return pa.field(column.name, kind, nullable=not column.required, metadata=doc)


def arrow_schema(cls: type[Any], info: dict[str, str] | None = None) -> Any:
    """The Arrow schema of a record class's table, with ``info`` as its metadata."""
    pa = require("pyarrow", "parquet")
    return pa.schema([_arrow_field(pa, c) for c in columns(cls)], metadata=info)


def write_parquet_files(ds: Dataset, folder: Path) -> list[Path]:
    """Write ``<table>.parquet`` for every table into ``folder`` (not staged)."""
    pa = require("pyarrow", "parquet")
    pq = require("pyarrow.parquet", "parquet")
    info = metadata(ds)
    info = {"kzcn_version": info.pop("version"), **info}
    paths = []
    for name, table in ds.tables.items():
        schema = arrow_schema(RECORD_TYPES[name], info)
        path = folder / f"{name}.parquet"
        pq.write_table(pa.Table.from_pylist([native_row(r) for r in table], schema=schema), path)
        paths.append(path)
    text, whole = pa.string(), pa.int64()
    citations = pa.schema(
        [(n, whole if n == "position" else text) for n, _ in CITATION_COLUMNS], metadata=info
    )
    path = folder / f"{CITATIONS}.parquet"
    pq.write_table(pa.Table.from_pylist(list(citation_rows(ds)), schema=citations), path)
    paths.append(path)
    links = pa.schema([("id", text), ("target", text), ("table", text)], metadata=info)
    for name, rows in link_table_rows(ds).items():
        path = folder / f"{name}.parquet"
        pq.write_table(pa.Table.from_pylist(rows, schema=links), path)
        paths.append(path)
    for name, rows in provenance_rows(ds).items():
        path = folder / f"{name}.parquet"
        pq.write_table(pa.Table.from_pylist(rows, schema=_provenance_schema(pa, name, info)), path)
        paths.append(path)
    return paths


def _provenance_schema(pa: Any, name: str, info: dict[str, str]) -> Any:
    """The Arrow schema of a provenance table (:mod:`kzcn.export.provenance`)."""
    citation = pa.struct([pa.field("source", pa.string()), pa.field("evidence", pa.string())])
    types = {"string": pa.string(), "boolean": pa.bool_(), "array": pa.list_(citation)}
    return pa.schema(
        [
            pa.field(
                c.name,
                types[c.type],
                nullable=not c.required,
                metadata={"description": c.description},
            )
            for c in PROVENANCE[name]
        ],
        metadata=info,
    )


def write_parquet(ds: Dataset, out_dir: str | Path) -> list[Path]:
    """Write ``<table>.parquet`` for every table (needs pyarrow), all or nothing;
    returns their paths."""
    require("pyarrow.parquet", "parquet")  # before staging: a missing extra is no failure
    return publish(out_dir, "parquet", lambda folder: write_parquet_files(ds, folder))
