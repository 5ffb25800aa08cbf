"""Export the dataset as JSON, CSV, JSON Schema, a Frictionless data package or Parquet.

**JSON** (``kzcn.json``) is the lossless form: ``{"version", "data_version", "tables"}``
where each table is a list of records as :func:`kzcn.loader.converter` unstructures
them (enums as values, periods in the compact text form, amounts as stated). A record
with an amount also gets a derived ``quantity`` object (stated text, value in plain
units, unit, qualifier, interval from :func:`kzcn.intervals.interval_of`).
:func:`from_json` drops that key and structures the rest through the loader's
converter and cross-record validation, so ``from_json(to_json(ds))`` has equal records
and bad input raises :class:`~kzcn.errors.DataError`.

**CSV** (``<table>.csv``, UTF-8, RFC 4180 quoting): the header is the record class's
attrs fields in order, then, for a record with an amount, the derived columns
``amount_value`` (plain units, exact decimal), ``amount_unit``, ``amount_low`` and
``amount_high`` (the interval). Cells: empty for ``None``; enums as values; periods
and amounts as text; a tuple of ids (a link field) as the ids joined with ``;`` (ids
are slugs, so never contain one); any other tuple (``aliases``, ``roles``,
``citations``) as JSON text, so ``citations`` is ``[{"source": ..., "evidence": ...}]``.

**Parquet** and :func:`to_pandas` have the same columns, with lists and nested records
kept native. pandas and pyarrow are optional and imported only when used.
"""

from __future__ import annotations

import csv
import enum
import importlib
import json
import math
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import attrs

from ._version import DATA_VERSION, __version__
from .convert import converter, structure
from .dataset import RECORD_TYPES, Dataset, link_targets
from .dates import Period
from .errors import DataError, Problem
from .intervals import interval_of
from .loader import validate
from .query import Table
from .records import MAX_EVIDENCE_WORDS, SLUG_PATTERN, Citation, _nonempty, _slug, _text
from .records import doc as record_doc
from .units import UNITS, Amount, Scale
from .vocabulary import Qualifier, Subject

__all__ = [
    "AMOUNT_PATTERN",
    "FORMATS",
    "PERIOD_PATTERN",
    "SLUG_PATTERN",
    "Column",
    "columns",
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

FORMATS: Final = ("json", "csv", "datapackage", "jsonschema", "parquet")
JSON_SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"

# Patterns are written bare (no anchors, no ``(?:``) so that they are valid in Table
# Schema (XML Schema regexes, implicitly anchored), JSON Schema and Python alike.
_LINKS_PATTERN: Final = rf"{SLUG_PATTERN}(;{SLUG_PATTERN})*"
_UNIT_OF_TIME: Final = r"\d{4}(-(H[12]|Q[1-4]|\d{2}(-\d{2})?))?"
PERIOD_PATTERN: Final = rf"{_UNIT_OF_TIME}(/{_UNIT_OF_TIME})?"
_UNIT_NAME: Final = "(" + "|".join(sorted({n for u in UNITS for n in (u.name, *u.symbols)})) + ")"
_SCALE: Final = "(" + "|".join(s.value for s in Scale) + ")"
AMOUNT_PATTERN: Final = (
    rf"\s*[+-]?(\d{{1,3}}(,\d{{3}})+|\d+)(\.\d+)?(\s+{_SCALE})?"
    rf"\s+{_UNIT_NAME}(\s*[/*]\s*{_UNIT_NAME})?\s*"
)
_WORDS_PATTERN: Final = rf"^\s*\S+(\s+\S+){{0,{MAX_EVIDENCE_WORDS - 1}}}\s*$"

# Descriptions of the derived columns of an amount; record fields carry their own
# (``kzcn.records.doc``).
_DERIVED_DOCS: Final[dict[str, str]] = {
    "_value": "derived: the amount in plain units (scale word applied)",
    "_unit": "derived: the unit of the amount",
    "_low": "derived: lowest value the stated amount and its qualifier allow",
    "_high": "derived: highest value the stated amount and its qualifier allow",
}
_PERIOD_NOTE: Final = "compact period: 2019, 2019-H1, 2019-Q2, 2019-06, 2019-06-11 or a/b"
# Derived columns of an amount field, with the Python type of their values.
_AMOUNT_COLUMNS: Final = (("_value", Decimal), ("_unit", str), ("_low", float), ("_high", float))
_QUANTITY_KEY: Final = "quantity"


# -- the model, read from attrs ------------------------------------------------------


@attrs.frozen
class Column:
    """One column of a flat export: an attrs field, or a value derived from one."""

    name: str
    base: Any  # str, int, Decimal, float, an enum, Period, Amount or an attrs class
    many: bool  # a tuple of ``base``
    required: bool
    link: tuple[str, ...] | None  # tables its ids come from
    checks: tuple[Any, ...]  # the record's validators that apply to the value (or items)
    description: str


def _split(kind: Any) -> tuple[Any, bool]:
    """``tuple[X, ...] | None`` -> ``(X, True)``; optionality is read from defaults."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        (kind,) = [arg for arg in typing.get_args(kind) if arg is not type(None)]
    if typing.get_origin(kind) is tuple:
        return typing.get_args(kind)[0], True
    return kind, False


def _checks(validator: Any) -> Iterable[Any]:
    """The plain validators inside attrs' ``and_``, ``optional`` and ``deep_iterable``
    (the items' and the tuple's together: only ``_nonempty`` applies to a tuple)."""
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


def _description(cls: type[Any], name: str, kind: Any = None) -> str:
    text = record_doc(attrs.fields_dict(cls)[name])
    if kind is Period:
        text += f" ({_PERIOD_NOTE})"
    if kind is Subject:
        text += ":" + "".join(f"\n- {s.value}: {s.description}" for s in Subject)
    return text


def _fields(cls: type[Any]) -> Iterable[tuple[attrs.Attribute[Any], Any, bool]]:
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        base, many = _split(hints[field.name])
        yield field, base, many


def columns(cls: type[Any], *, derived: bool = True) -> tuple[Column, ...]:
    """The columns of a record class's flat exports (CSV, Parquet, pandas), in order:
    its attrs fields, then (unless ``derived`` is false) those derived from an amount."""
    out: list[Column] = []
    extra: list[Column] = []
    for field, base, many in _fields(cls):
        out.append(
            Column(
                field.name,
                base,
                many,
                field.default is attrs.NOTHING,
                link_targets(field.metadata["link"]) if "link" in field.metadata else None,
                tuple(_checks(field.validator)),
                _description(cls, field.name, base),
            )
        )
        if base is Amount and derived:
            extra += [
                Column(field.name + suffix, kind, False, True, None, (), _DERIVED_DOCS[suffix])
                for suffix, kind in _AMOUNT_COLUMNS
            ]
    return (*out, *extra)


def _doc(cls: type[Any]) -> str:
    doc = (cls.__doc__ or cls.__name__).strip().split("\n\n")[0]
    return " ".join(doc.split())


# -- JSON -----------------------------------------------------------------------------


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _bound(value: float) -> float | None:
    return value if math.isfinite(value) else None  # JSON has no infinity


def _quantity(amount: Amount, qualifier: Qualifier) -> dict[str, Any]:
    interval = interval_of(amount, qualifier)
    return {
        "text": str(amount),
        "value": _number(amount.magnitude),
        "unit": amount.unit,
        "qualifier": qualifier.value,
        "interval": {"low": _bound(interval.lo), "high": _bound(interval.hi)},
    }


_AMOUNT_FIELDS: dict[type[Any], str | None] = {}


def _amount_field(cls: type[Any]) -> str | None:
    """The record class's amount field (at most one), which derived values come from."""
    if cls not in _AMOUNT_FIELDS:  # cached: resolving type hints per record is slow
        _AMOUNT_FIELDS[cls] = next((f.name for f, b, _ in _fields(cls) if b is Amount), None)
    return _AMOUNT_FIELDS[cls]


def _json_record(record: object) -> dict[str, Any]:
    data: dict[str, Any] = converter().unstructure(record)
    field = _amount_field(type(record))
    if field is not None:
        qualifier = getattr(record, "qualifier", Qualifier.EXACT)
        data[_QUANTITY_KEY] = _quantity(getattr(record, field), qualifier)
    return data


def to_json(ds: Dataset) -> dict[str, Any]:
    """The whole dataset as JSON-ready data (lists, dicts, strings, numbers, None)."""
    return {
        "version": __version__,
        "data_version": DATA_VERSION,
        "tables": {
            name: [_json_record(record) for record in table] for name, table in ds.tables.items()
        },
    }


def _dump(data: Any, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def write_json(ds: Dataset, out_dir: str | Path) -> Path:
    """Write ``kzcn.json`` into ``out_dir``; returns its path."""
    return _dump(to_json(ds), Path(out_dir) / "kzcn.json")


def _derived_keys(cls: type[Any]) -> frozenset[str]:
    return frozenset({_QUANTITY_KEY} if _amount_field(cls) else ())


def from_json(data: Mapping[str, Any], *, name: str = "kzcn.json") -> Dataset:
    """The dataset from :func:`to_json` data; derived keys are ignored.

    Records go through the loader's converter and cross-record validation, so any
    problem raises :class:`~kzcn.errors.DataError` listing them all, as loading does.
    """
    tables = data.get("tables") if isinstance(data, Mapping) else None
    if not isinstance(tables, Mapping):
        raise DataError([Problem(name, None, None, "expected an object with a 'tables' object")])
    problems: list[Problem] = []
    records: dict[str, list[Any]] = {table: [] for table in RECORD_TYPES}
    entries: list[tuple[str, Any, str]] = []
    for table, rows in tables.items():
        cls = RECORD_TYPES.get(table)
        if cls is None or not isinstance(rows, list):
            what = "unknown table" if cls is None else "expected a list of records in"
            problems.append(Problem(name, None, None, f"{what} {table!r}"))
            continue
        derived = _derived_keys(cls)
        for index, raw in enumerate(rows):
            rid = raw.get("id") if isinstance(raw, Mapping) else None
            label = rid if isinstance(rid, str) else f"{table}[{index}]"
            if not isinstance(raw, Mapping):
                problems.append(Problem(name, label, None, "not an object"))
                continue
            fields = {key: value for key, value in raw.items() if key not in derived}
            record, found = structure(fields, cls, name, label)
            problems.extend(found)
            if record is not None:
                records[table].append(record)
                entries.append((table, record, name))
    problems.extend(validate(entries))
    if problems:
        raise DataError(problems)
    return Dataset.from_records(records)


def read_json(path: str | Path) -> Dataset:
    """The dataset from a ``kzcn.json`` file written by :func:`write_json`."""
    path = Path(path)
    return from_json(json.loads(path.read_text(encoding="utf-8")), name=path.name)


# -- flat rows: CSV, Parquet, pandas --------------------------------------------------


def _row(record: object) -> dict[str, Any]:
    """Unstructured fields plus the derived amount columns (values still native)."""
    row: dict[str, Any] = converter().unstructure(record)
    field = _amount_field(type(record))
    if field is not None:
        amount: Amount = getattr(record, field)
        interval = interval_of(amount, getattr(record, "qualifier", Qualifier.EXACT))
        row[f"{field}_value"] = amount.magnitude
        row[f"{field}_unit"] = amount.unit
        row[f"{field}_low"] = _bound(interval.lo)
        row[f"{field}_high"] = _bound(interval.hi)
    return row


def _cell(value: Any, column: Column) -> str:
    if value is None:
        return ""
    if column.many and column.link:
        return ";".join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Decimal):  # plain digits, no exponent or trailing zeros
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return repr(value) if isinstance(value, float) else str(value)


def write_csv(ds: Dataset, out_dir: str | Path) -> list[Path]:
    """Write ``<table>.csv`` for every table (empty tables get a header); returns paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, table in ds.tables.items():
        cols = columns(RECORD_TYPES[name])
        path = out / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(c.name for c in cols)
            for record in table:
                row = _row(record)
                writer.writerow(_cell(row[c.name], c) for c in cols)
        paths.append(path)
    return paths


# -- JSON Schema ----------------------------------------------------------------------

# What a record validator means in JSON Schema (looked up by identity); ``_nonempty``,
# the one check of a whole tuple, becomes ``minItems``.
_JSON_KEYWORDS: Final[dict[Any, dict[str, Any]]] = {
    _slug: {"pattern": f"^{SLUG_PATTERN}$"},
    _text: {"pattern": r"\S"},
    Citation._short: {"pattern": _WORDS_PATTERN},
}


def _merge(schema: dict[str, Any], keywords: Mapping[str, Any]) -> None:
    for key, value in keywords.items():
        if key in schema and schema[key] != value:
            schema.setdefault("allOf", []).append({key: value})  # two patterns: both hold
        else:
            schema[key] = value


def _json_type(base: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if base is str:
        return {"type": "string"}
    if base is int:
        return {"type": "integer"}
    if isinstance(base, type) and issubclass(base, enum.Enum):
        return {"type": "string", "enum": [m.value for m in base]}
    if base in (Period, Amount) or attrs.has(base):
        if base.__name__ not in defs:
            defs[base.__name__] = {}  # placeholder first: a class may refer to itself
            defs[base.__name__] = _json_def(base, defs)
        return {"$ref": f"#/$defs/{base.__name__}"}
    if base is Any:  # an erratum's corrected value: typed like the field it sets
        return {"type": ["string", "integer"]}
    raise TypeError(f"no JSON Schema for {base!r}")


def _json_def(cls: type[Any], defs: dict[str, Any]) -> dict[str, Any]:
    if cls is Period:
        return {"type": "string", "pattern": f"^{PERIOD_PATTERN}$", "description": _PERIOD_NOTE}
    if cls is Amount:
        return {
            "type": "string",
            "pattern": f"^{AMOUNT_PATTERN}$",
            "description": "a number, an optional scale word and a unit: 19.885 billion USD",
        }
    return _json_object(cls, defs)


def _json_object(cls: type[Any], defs: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    fields = columns(cls, derived=False)  # JSON has ``quantity`` instead
    for column in fields:
        item = _json_type(column.base, defs)
        for check in column.checks:
            _merge(item, _JSON_KEYWORDS.get(check, {}))
        if column.link:
            _merge(item, {"pattern": f"^{SLUG_PATTERN}$"})
        schema: dict[str, Any] = {"type": "array", "items": item} if column.many else item
        if column.many and _nonempty in column.checks:
            schema["minItems"] = 1
        if not column.required and not column.many and _default(cls, column.name) is None:
            schema = {"anyOf": [schema, {"type": "null"}]}
        properties[column.name] = {"description": column.description, **schema}
    if _QUANTITY_KEY in _derived_keys(cls):
        properties[_QUANTITY_KEY] = _quantity_schema()
    return {
        "type": "object",
        "description": _doc(cls),
        "properties": properties,
        "required": [c.name for c in fields if c.required],
        "additionalProperties": False,
    }


def _default(cls: type[Any], name: str) -> Any:
    return getattr(attrs.fields(cls), name).default


def _quantity_schema() -> dict[str, Any]:
    number = {"type": ["number", "null"]}
    return {
        "description": "derived on export (ignored on import): the amount's value in plain "
        "units, its unit and qualifier, and the interval they allow",
        "readOnly": True,
        "type": "object",
        "properties": {
            "text": {"type": "string"},
            "value": {"type": "number"},
            "unit": {"type": "string"},
            "qualifier": {"type": "string", "enum": [q.value for q in Qualifier]},
            "interval": {
                "type": "object",
                "properties": {"low": number, "high": number},
                "required": ["low", "high"],
                "additionalProperties": False,
            },
        },
        "required": ["text", "value", "unit", "qualifier", "interval"],
        "additionalProperties": False,
    }


def json_schema(cls: type[Any]) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for one record class's exported JSON, built from
    its attrs fields, types and validators."""
    defs: dict[str, Any] = {}
    body = _json_object(cls, defs)
    schema = {"$schema": JSON_SCHEMA_DIALECT, "title": cls.__name__, **body}
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def write_jsonschema(out_dir: str | Path) -> list[Path]:
    """Write ``<table>.schema.json`` for every record type; returns their paths."""
    out = Path(out_dir)
    return [
        _dump(json_schema(cls), out / f"{name}.schema.json") for name, cls in RECORD_TYPES.items()
    ]


# -- Frictionless data package --------------------------------------------------------


def _table_field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "description": column.description}
    constraints: dict[str, Any] = {}
    base = column.base
    if column.many:
        field["type"] = "string" if column.link else "array"
        if column.link:
            constraints["pattern"] = _LINKS_PATTERN
    elif base is int:
        field["type"] = "integer"
    elif base in (Decimal, float):
        field["type"] = "number"
    elif attrs.has(base) and base not in (Period, Amount):  # those two are written as text
        field["type"] = "object"
    else:
        field["type"] = "string"
        if isinstance(base, type) and issubclass(base, enum.Enum):
            constraints["enum"] = [m.value for m in base]
        elif base is Period:
            constraints["pattern"] = PERIOD_PATTERN
        elif base is Amount:
            constraints["pattern"] = AMOUNT_PATTERN
        elif column.link or _slug in column.checks:
            constraints["pattern"] = SLUG_PATTERN
    if column.required:
        constraints["required"] = True
    if column.link:
        field["description"] += f" (ids of {', '.join(column.link)})"
    if constraints:
        field["constraints"] = constraints
    return field


def _foreign_keys(name: str, cols: Iterable[Column]) -> list[dict[str, Any]]:
    # Only single-valued links to one table can be foreign keys; "" means this table.
    return [
        {
            "fields": c.name,
            "reference": {"resource": "" if c.link[0] == name else c.link[0], "fields": "id"},
        }
        for c in cols
        if c.link is not None and len(c.link) == 1 and not c.many
    ]


def _resource(name: str) -> dict[str, Any]:
    cls = RECORD_TYPES[name]
    cols = columns(cls)
    schema: dict[str, Any] = {
        "fields": [_table_field(c) for c in cols],
        "missingValues": [""],
        "primaryKey": ["id"],
    }
    keys = _foreign_keys(name, cols)
    if keys:
        schema["foreignKeys"] = keys
    return {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "title": f"{cls.__name__} records",
        "description": _doc(cls),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def _package(ds: Dataset) -> dict[str, Any]:
    return {
        "profile": "tabular-data-package",
        "name": "kzcn",
        "title": "Kazakhstan-China relations: facts with sources",
        "description": "Visits, agreements, joint projects, figures and errata of "
        "Kazakhstan-China relations, each record citing a verbatim snippet of its "
        f"source. Exported by kzcn {__version__}; link fields hold record ids, "
        "several ids joined with ';'; columns of type array hold JSON text.",
        "version": DATA_VERSION,
        "licenses": [
            {"name": "MIT", "path": "https://opensource.org/licenses/MIT", "title": "MIT License"}
        ],
        "sources": [
            {
                "title": source.title,
                **({"path": source.url} if source.url else {}),
                "description": ", ".join(
                    part
                    for part in (source.id, source.author, source.publisher, str(source.published))
                    if part
                ),
            }
            for source in ds.sources
        ],
        "resources": [_resource(name) for name in ds.tables],
    }


def _datapackage_files(ds: Dataset, out_dir: str | Path) -> list[Path]:
    csvs = write_csv(ds, out_dir)
    return [*csvs, _dump(_package(ds), Path(out_dir) / "datapackage.json")]


def write_datapackage(ds: Dataset, out_dir: str | Path) -> Path:
    """Write the CSVs and a Frictionless ``datapackage.json`` describing them; returns
    the descriptor's path."""
    return _datapackage_files(ds, out_dir)[-1]


# -- optional: pandas and Parquet -----------------------------------------------------


def _require(module: str, extra: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"this export needs {module.split('.')[0]}, which is not installed; "
            f'install it with: pip install "kzcn[{extra}]"',
            name=module,
        ) from exc


def _native(record: object) -> dict[str, Any]:
    row = _row(record)
    for correction in row.get("correct", ()):
        correction["value"] = str(correction["value"])  # one Arrow type for any field's value
    return {k: float(v) if isinstance(v, Decimal) else v for k, v in row.items()}


def to_pandas(table: Table[Any]) -> Any:
    """A ``pandas.DataFrame`` of a table, with the CSV's columns and native lists."""
    pd = _require("pandas", "pandas")
    cols = columns(RECORD_TYPES[table.name])
    frame = pd.DataFrame([_native(r) for r in table], columns=[c.name for c in cols])
    for column in cols:
        if column.base is int and not column.many:
            frame[column.name] = frame[column.name].astype("Int64")  # keeps None as <NA>
    return frame


def _arrow_type(pa: Any, base: Any) -> Any:
    if base is int:
        return pa.int64()
    if base in (Decimal, float):
        return pa.float64()
    if attrs.has(base) and base not in (Period, Amount):  # those two are written as text
        return pa.struct(
            [
                pa.field(f.name, pa.list_(_arrow_type(pa, b)) if m else _arrow_type(pa, b))
                for f, b, m in _fields(base)
            ]
        )
    return pa.string()  # text, enums, periods, amounts and corrected values


def write_parquet(ds: Dataset, out_dir: str | Path) -> list[Path]:
    """Write ``<table>.parquet`` for every table (needs pyarrow); returns their paths."""
    pa = _require("pyarrow", "parquet")
    pq = _require("pyarrow.parquet", "parquet")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, table in ds.tables.items():
        fields = []
        for column in columns(RECORD_TYPES[name]):
            kind = _arrow_type(pa, column.base)
            kind = pa.list_(kind) if column.many else kind
            doc = {"description": column.description}
            fields.append(pa.field(column.name, kind, nullable=not column.required, metadata=doc))
        versions = {"kzcn_version": __version__, "data_version": DATA_VERSION}
        schema = pa.schema(fields, metadata=versions)
        path = out / f"{name}.parquet"
        pq.write_table(pa.Table.from_pylist([_native(r) for r in table], schema=schema), path)
        paths.append(path)
    return paths


# -- dispatch -------------------------------------------------------------------------

_WRITERS: Final[dict[str, Callable[[Dataset, Path], Path | list[Path]]]] = {
    "json": write_json,
    "csv": write_csv,
    "datapackage": _datapackage_files,
    "jsonschema": lambda ds, out: write_jsonschema(out),
    "parquet": write_parquet,
}


def export(ds: Dataset, fmt: str, out_dir: str | Path) -> list[Path]:
    """Export in one of :data:`FORMATS` into ``out_dir``; returns the files written."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    written = writer(ds, Path(out_dir))
    return [written] if isinstance(written, Path) else written
