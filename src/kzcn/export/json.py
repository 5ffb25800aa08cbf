"""The lossless JSON export, ``kzcn.json``, and reading it back.

The document is ``{"version", "data_version", "view", "tables"}``: ``view`` is
``"resolved"`` or ``"claims"`` (:attr:`kzcn.Dataset.is_resolved`), and each table is a
list of records as :func:`kzcn.convert.unstructure` gives them (enums as values, periods
in the compact text form, amounts as stated). Derived keys are added for readers and
ignored on import: for each period field ``<field>_start`` and ``<field>_end`` (ISO
dates) and ``<field>_precision``; for an amount a ``quantity`` object (value in plain
units, unit, qualifier, ``lower`` and ``upper``: the bounds the source states, null
where it states none, and ``tolerance``: the interval the checks allow). Numbers are
written exactly: whole numbers as integers, others with the digits stated.

:func:`from_json` drops the derived keys and reads the rest through the one validation
pipeline of the loader (:func:`kzcn.validate.read_document`, then
:func:`kzcn.validate.check_tables`), so
``from_json(to_json(ds))`` has equal records and bad input raises
:class:`~kzcn.errors.DataError` listing every problem, as loading does.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, assert_never

from ..convert import unstructure
from ..dataset import RECORD_TYPES, Dataset
from ..errors import DataError, Problem
from ..kinds import QUANTITY_KEY, Kind, json_keys, kind_of
from ..limits import FileTooLarge, read_text
from ..records import Redirect
from ..units import Amount
from ..validate import check_tables, read_document
from ..vocabulary import Qualifier
from ._files import dump_json, publish
from .columns import bounds, fields, metadata, plain, stated_bounds
from .provenance import provenance_rows

__all__ = [
    "QUANTITY_KEY",
    "derived_keys",
    "from_json",
    "number",
    "read_json",
    "to_json",
    "write_json",
]

FILE_NAME: Final = "kzcn.json"


def number(value: Decimal) -> int | float:
    """A JSON number with exactly the digits of ``value``: an ``int`` when whole, else
    the float whose shortest text is those digits (one rounding, none shown; exact up
    to 15 significant digits, more than any stated amount has)."""
    value = plain(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _quantity(amount: Amount, qualifier: Qualifier) -> dict[str, Any]:
    lo, hi = bounds(amount, qualifier)
    lower, upper = stated_bounds(amount, qualifier)
    return {
        "text": str(amount),
        "value": number(amount.magnitude),
        "unit": amount.unit,
        "qualifier": qualifier.value,
        "lower": None if lower is None else number(lower),
        "upper": None if upper is None else number(upper),
        "tolerance": {"low": number(lo), "high": number(hi)},
    }


def derived_keys(cls: type[Any]) -> tuple[str, ...]:
    """The keys the JSON export adds to a record of ``cls`` (ignored on import)."""
    return tuple(k for f, _, _ in fields(cls) for k in json_keys(f.name, kind_of(f)))


def _record(record: object) -> dict[str, Any]:
    data = unstructure(record)
    for field, _, _ in fields(type(record)):
        kind = kind_of(field)
        keys = json_keys(field.name, kind)
        if keys:
            value = getattr(record, field.name)
            data.update(zip(keys, _derived_values(record, kind, value), strict=True))
    return data


def _derived_values(record: object, kind: Kind, value: Any) -> tuple[Any, ...]:
    """The values of the keys :func:`kzcn.kinds.json_keys` names for a field."""
    match kind:
        case Kind.PERIOD:
            if value is None:
                return (None, None, None)
            return (value.start.isoformat(), value.end.isoformat(), value.precision.value)
        case Kind.AMOUNT:
            return (_quantity(value, getattr(record, "qualifier", Qualifier.EXACT)),)
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


def to_json(ds: Dataset) -> dict[str, Any]:
    """The whole dataset as JSON-ready data (lists, dicts, strings, numbers, None)."""
    return {
        **metadata(ds),
        "tables": {name: [_record(r) for r in table] for name, table in ds.tables.items()},
        "redirects": [unstructure(r) for r in ds.redirects.values()],
        **provenance_rows(ds),  # a resolved view's claims and corrections
    }


def write_json_files(ds: Dataset, folder: Path) -> list[Path]:
    """Write ``kzcn.json`` into ``folder`` (not staged; see :func:`write_json`)."""
    return [dump_json(to_json(ds), folder / FILE_NAME)]


def write_json(ds: Dataset, out_dir: str | Path) -> Path:
    """Write ``kzcn.json`` into ``out_dir`` (all or nothing); returns its path."""
    return publish(out_dir, "json", lambda folder: write_json_files(ds, folder))[0]


def _without_derived(tables: Mapping[str, Any]) -> dict[str, Any]:
    """The tables with the derived keys dropped; anything malformed is passed on as it
    is, for :func:`~kzcn.convert.structure_rows` to report."""
    cleaned: dict[str, Any] = {}
    for name, rows in tables.items():
        cls = RECORD_TYPES.get(name)
        if cls is None or not isinstance(rows, list):
            cleaned[name] = rows
            continue
        drop = frozenset(derived_keys(cls))
        cleaned[name] = [
            {k: v for k, v in row.items() if k not in drop} if isinstance(row, dict) else row
            for row in rows
        ]
    return cleaned


def from_json(data: Mapping[str, Any], *, name: str = FILE_NAME) -> Dataset:
    """The dataset from :func:`to_json` data; derived keys are ignored.

    Records go through the loader's validation pipeline (:func:`kzcn.validate.read_document`
    and :func:`kzcn.validate.check_tables`: NFC, types, links, redirects, corrections
    validated as fields): any problem raises
    :class:`~kzcn.errors.DataError` listing them all, as loading does.
    """
    tables = data.get("tables") if isinstance(data, Mapping) else None
    if not isinstance(tables, Mapping):
        raise DataError([Problem(name, None, None, "expected an object with a 'tables' object")])
    rows = _without_derived(tables)
    if "redirects" in data:
        rows["redirects"] = data["redirects"]
    records, problems = read_document(rows, {**RECORD_TYPES, "redirects": Redirect}, name)
    redirects = records.pop("redirects")
    entries = [(table, record, name) for table, rows in records.items() for record in rows]
    # A resolved export lists the values its errata corrected (kzcn.export.provenance).
    listed = data.get("corrections")
    corrections: list[Any] = listed if isinstance(listed, list) else []
    corrected = [
        (row["record"], row["field"])
        for row in corrections
        if isinstance(row, Mapping) and isinstance(row.get("record"), str)
    ]
    problems.extend(check_tables(entries, [(r, name) for r in redirects], records, corrected))
    if problems:
        raise DataError(problems)
    return Dataset.from_records(records, redirects)


def read_json(path: str | Path) -> Dataset:
    """The dataset from a ``kzcn.json`` file written by :func:`write_json`.

    A file that is not such JSON raises :class:`~kzcn.errors.DataError` in one line: one
    larger than :data:`kzcn.limits.MAX_FILE_BYTES` before it is read, one nested deeper
    than the parser can follow (kzcn's own files are a few levels deep) when parsed.
    """
    path = Path(path)
    try:
        data = json.loads(read_text(path))
    except RecursionError:
        raise DataError([Problem(path.name, None, None, "nested too deeply")]) from None
    except FileTooLarge as exc:
        raise DataError([Problem(path.name, None, None, f"cannot read: {exc}")]) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataError([Problem(path.name, None, None, f"not JSON: {exc}")]) from None
    return from_json(data, name=path.name)
