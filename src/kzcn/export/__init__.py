"""Export the dataset as JSON, CSV, JSON Schema, a Frictionless data package or Parquet,
and as pandas DataFrames.

One module per format, all reading one description of the columns
(:mod:`kzcn.export.columns`):

- :mod:`~kzcn.export.json`: ``kzcn.json``, lossless; :func:`from_json` reads it back.
- :mod:`~kzcn.export.csv`: ``<table>.csv`` (text cells a spreadsheet would read as a
  formula get a leading ``'``; JSON and Parquet keep the exact value).
- :mod:`~kzcn.export.datapackage`: the CSVs, link tables and ``datapackage.json``.
- :mod:`~kzcn.export.jsonschema`: a JSON Schema per record type and for ``kzcn.json``.
- :mod:`~kzcn.export.parquet`: ``<table>.parquet`` (pyarrow, the ``parquet`` extra).
- :mod:`~kzcn.export.pandas`: DataFrames (the ``pandas`` extra).

:data:`FORMATS` is the one registry of file formats: name -> writer, each writer taking
``(dataset, out_dir)`` and returning the paths written. Every writer is all or nothing:
it writes into a temporary folder inside ``out_dir`` (named :data:`STAGING_PREFIX` and
the process id) and moves the files into place only when every table succeeded;
otherwise it raises :class:`ExportError` with a one-line message and an earlier export
in ``out_dir`` is left untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

from ..dataset import Dataset
from ..query import Table
from ._files import STAGING_PREFIX, ExportError
from .columns import AMOUNT_PATTERN, PERIOD_PATTERN, SLUG_PATTERN, Column, columns
from .csv import write_csv
from .datapackage import datapackage_files, write_datapackage
from .json import from_json, read_json, to_json, write_json
from .jsonschema import JSON_SCHEMA_DIALECT, document_schema, json_schema, write_jsonschema
from .parquet import write_parquet

__all__ = [
    "AMOUNT_PATTERN",
    "FORMATS",
    "JSON_SCHEMA_DIALECT",
    "PERIOD_PATTERN",
    "SLUG_PATTERN",
    "STAGING_PREFIX",
    "Column",
    "ExportError",
    "Writer",
    "columns",
    "document_schema",
    "export",
    "from_json",
    "json_schema",
    "read_json",
    "to_json",
    "to_pandas",
    "write_csv",
    "write_datapackage",
    "write_json",
    "write_jsonschema",
    "write_parquet",
]

Writer = Callable[[Dataset, "str | Path"], list[Path]]
"""A file format's writer: ``(dataset, out_dir) -> paths written``, all or nothing."""


def _json(ds: Dataset, out_dir: str | Path) -> list[Path]:
    """kzcn.json: every table in one lossless JSON document"""
    return [write_json(ds, out_dir)]


def _csv(ds: Dataset, out_dir: str | Path) -> list[Path]:
    """<table>.csv for every table"""
    return write_csv(ds, out_dir)


def _datapackage(ds: Dataset, out_dir: str | Path) -> list[Path]:
    """CSVs, link tables and a Frictionless datapackage.json"""
    return datapackage_files(ds, out_dir)


def _jsonschema(ds: Dataset, out_dir: str | Path) -> list[Path]:
    """JSON Schemas of each record type and of kzcn.json"""
    return write_jsonschema(out_dir)


def _parquet(ds: Dataset, out_dir: str | Path) -> list[Path]:
    """<table>.parquet for every table (needs pyarrow)"""
    return write_parquet(ds, out_dir)


FORMATS: Final[Mapping[str, Writer]] = MappingProxyType(
    {
        "json": _json,
        "csv": _csv,
        "datapackage": _datapackage,
        "jsonschema": _jsonschema,
        "parquet": _parquet,
    }
)
"""Every file format: name -> writer; the docstring's first line describes it."""


def export(ds: Dataset, fmt: str, out_dir: str | Path) -> list[Path]:
    """Export in one of :data:`FORMATS` into ``out_dir`` (all or nothing); returns the
    files written."""
    writer = FORMATS.get(fmt)
    if writer is None:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return writer(ds, out_dir)


def to_pandas(table: Table[Any]) -> Any:
    """A ``pandas.DataFrame`` of a table, with the CSV's columns (needs pandas)."""
    from .pandas import to_pandas as convert

    return convert(table)
