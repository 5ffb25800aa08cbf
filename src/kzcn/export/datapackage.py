"""The Frictionless data package: CSVs plus ``datapackage.json`` with a Table Schema per
file, so that ``frictionless validate datapackage.json`` checks every claim it makes:
types, enums, patterns, required fields, primary keys and every foreign key.

The table CSVs are those of :mod:`kzcn.export.csv` (formulas neutralised, so an amount
pattern allows a leading ``'``), except that a multi-valued link field (a visit's
``people``, a project's ``parties``) is not a column: its ids are rows of a link table
``<table>-<field>.csv`` (``id``, ``target``, ``table``: the record, the id it links to
and that id's table), in order. Frictionless checks foreign keys of single values only,
so this is how each of those ids is checked. ``ids.csv`` lists every record id that a
link may name, with its table: links that may name records of several tables (``parties``,
``refers_to``) are checked against it.

The descriptor records the versions and the view (``kzcn``: ``version``,
``data_version``, ``view``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final, assert_never

from .._version import DATA_VERSION
from ..dataset import RECORD_TYPES, Dataset
from ..kinds import Kind
from ._files import dump_json, publish
from .columns import (
    AMOUNT_PATTERN,
    PERIOD_PATTERN,
    SLUG_PATTERN,
    Column,
    class_doc,
    columns,
    metadata,
)
from .csv import flat_rows, write_link_files, write_provenance_files, write_rows
from .links import CITATION_COLUMNS, CITATIONS
from .provenance import PROVENANCE

__all__ = ["IDS_RESOURCE", "datapackage_files", "link_resource", "write_datapackage"]

IDS_RESOURCE: Final = "ids"


_GUARD: Final = r"[^\s0-9A-Za-z+-]"
"""One character that is no digit, letter, sign or space: the quote a CSV puts before a
cell a spreadsheet would read as a formula (:func:`kzcn.export.csv.neutralise`)."""


def link_resource(table: str, field: str) -> str:
    """The name (and file stem) of the link table of a multi-valued link field."""
    return f"{table}-{field.replace('_', '-')}"


def _table_field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "description": column.description}
    constraints: dict[str, Any] = {}
    field["type"] = "array" if column.many else _field_type(column, constraints)
    if column.required:
        constraints["required"] = True
    else:
        # An empty cell is NULL in SQL, and frictionless' SQLite index checks a pattern
        # with a REGEXP that fails on NULL: an optional column gets none (its links are
        # still checked by their foreign keys, its periods by the derived date columns).
        constraints.pop("pattern", None)
    if column.link:
        field["description"] += f" (an id of {', '.join(column.link)})"
    if constraints:
        field["constraints"] = constraints
    return field


def _field_type(column: Column, constraints: dict[str, Any]) -> str:
    """The Table Schema type of a single-valued column (lists are JSON text: ``array``),
    adding its constraints."""
    kind = column.kind
    match kind:
        case Kind.SLUG | Kind.LINK | Kind.LINKS:
            constraints["pattern"] = SLUG_PATTERN
            return "string"
        case Kind.TEXT | Kind.TEXTS | Kind.VALUE:
            return "string"
        case Kind.ENUM:
            constraints["enum"] = [m.value for m in column.base]
            return "string"
        case Kind.PERIOD:
            constraints["pattern"] = PERIOD_PATTERN
            return "string"
        case Kind.AMOUNT:
            # A neutralised "-5 percent" starts with a quote; the class below holds it
            # without writing one (frictionless puts the pattern in SQL unescaped).
            constraints["pattern"] = f"{_GUARD}?{AMOUNT_PATTERN}"
            return "string"
        case Kind.DATE:
            return "date"
        case Kind.INTEGER:
            return "integer"
        case Kind.REAL:
            return "number"
        case Kind.CITATIONS | Kind.ALIASES | Kind.DERIVED | Kind.CONFIDENCES | Kind.CORRECTIONS:
            return "array"
        case _:
            assert_never(kind)


def _foreign_key(name: str, column: Column) -> dict[str, Any]:
    assert column.link is not None
    if len(column.link) == 1:  # "" is this resource
        target = "" if column.link[0] == name else column.link[0]
        return {"fields": column.name, "reference": {"resource": target, "fields": "id"}}
    return {"fields": column.name, "reference": {"resource": IDS_RESOURCE, "fields": "id"}}


def _resource(
    name: str, path: str, title: str, description: str, schema: dict[str, Any]
) -> dict[str, Any]:
    return {
        "name": name,
        "path": path,
        "profile": "tabular-data-resource",
        "title": title,
        "description": description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"missingValues": [""], **schema},
    }


def _table_columns(name: str) -> tuple[Column, ...]:
    return tuple(c for c in columns(RECORD_TYPES[name]) if not (c.many and c.link))


def _link_fields(name: str) -> tuple[Column, ...]:
    return tuple(c for c in columns(RECORD_TYPES[name]) if c.many and c.link)


def _id_field(description: str) -> dict[str, Any]:
    return {
        "name": "id",
        "type": "string",
        "description": description,
        "constraints": {"required": True, "pattern": SLUG_PATTERN},
    }


def _table_resource(name: str) -> dict[str, Any]:
    cls = RECORD_TYPES[name]
    cols = _table_columns(name)
    schema: dict[str, Any] = {"fields": [_table_field(c) for c in cols], "primaryKey": ["id"]}
    keys = [_foreign_key(name, c) for c in cols if c.link]
    if keys:
        schema["foreignKeys"] = keys
    moved = [link_resource(name, c.name) for c in _link_fields(name)]
    note = f" Multi-valued links are in {', '.join(moved)}." if moved else ""
    return _resource(name, f"{name}.csv", f"{cls.__name__} records", class_doc(cls) + note, schema)


def _link_table(name: str, column: Column) -> dict[str, Any]:
    assert column.link is not None
    fields = [
        _id_field(f"the {name} record that links"),
        {
            "name": "target",
            "type": "string",
            "description": column.description,
            "constraints": {"required": True, "pattern": SLUG_PATTERN},
        },
        {
            "name": "table",
            "type": "string",
            "description": "the table of the target",
            "constraints": {"required": True, "enum": list(column.link)},
        },
    ]
    schema = {
        "fields": fields,
        "foreignKeys": [
            {"fields": "id", "reference": {"resource": name, "fields": "id"}},
            {
                "fields": ["target", "table"],
                "reference": {"resource": IDS_RESOURCE, "fields": ["id", "table"]},
            },
        ],
    }
    resource = link_resource(name, column.name)
    return _resource(
        resource,
        f"{resource}.csv",
        f"{name}.{column.name}",
        f"The ids {name}.{column.name} links to, one a row, in order.",
        schema,
    )


def _linked_tables() -> tuple[str, ...]:
    """The tables some link may name (their ids go into ``ids.csv``)."""
    named = {t for cls in RECORD_TYPES.values() for c in columns(cls) for t in c.link or ()}
    return tuple(t for t in RECORD_TYPES if t in named)


def _ids_resource() -> dict[str, Any]:
    fields = [
        _id_field("a record id"),
        {
            "name": "table",
            "type": "string",
            "description": "the table of the record",
            "constraints": {"required": True, "enum": list(_linked_tables())},
        },
    ]
    return _resource(
        IDS_RESOURCE,
        f"{IDS_RESOURCE}.csv",
        "Record ids",
        "Every record id a link may name, with its table.",
        {"fields": fields, "primaryKey": ["id"]},
    )


def _citations_resource() -> dict[str, Any]:
    """``citations.csv``: each citation a row, its source a foreign key to sources."""
    types = {"position": "integer"}
    fields = [
        {
            "name": name,
            "type": types.get(name, "string"),
            "description": text,
            "constraints": {"required": True},
        }
        for name, text in CITATION_COLUMNS
    ]
    schema = {
        "fields": fields,
        "primaryKey": ["record", "position"],
        "foreignKeys": [
            {"fields": "source", "reference": {"resource": "sources", "fields": "id"}},
            {
                "fields": ["record", "table"],
                "reference": {"resource": IDS_RESOURCE, "fields": ["id", "table"]},
            },
        ],
    }
    return _resource(
        CITATIONS,
        f"{CITATIONS}.csv",
        "Citations",
        "Every citation of every record, one a row, in order: its source must be a source.",
        schema,
    )


def _provenance_resource(name: str) -> dict[str, Any]:
    """The Table Schema of a provenance table (:mod:`kzcn.export.provenance`)."""
    cols = PROVENANCE[name]
    fields = []
    for column in cols:
        field: dict[str, Any] = {
            "name": column.name,
            "type": column.type,
            "description": column.description,
        }
        if column.required:
            field["constraints"] = {"required": True}
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields}
    keys = [
        {"fields": c.name, "reference": {"resource": c.reference, "fields": "id"}}
        for c in cols
        if c.reference
    ]
    if keys:
        schema["foreignKeys"] = keys
    if name == "claims":
        schema["primaryKey"] = ["claim"]
    text = {
        "claims": "Each claim and the resolved record (thing) it became part of.",
        "corrections": "Each value an erratum corrected: stated and corrected, with evidence.",
    }[name]
    return _resource(name, f"{name}.csv", name.capitalize(), text, schema)


def _package(ds: Dataset) -> dict[str, Any]:
    info = metadata(ds)
    resources = [_table_resource(name) for name in ds.tables]
    resources += [_link_table(n, c) for n in ds.tables for c in _link_fields(n)]
    return {
        "profile": "tabular-data-package",
        "name": "kzcn",
        "title": "Kazakhstan-China relations: facts with sources",
        "description": "Visits, agreements, joint projects, events, figures and errata of "
        "Kazakhstan-China relations, each record citing a verbatim snippet of its "
        f"source. Exported by kzcn {info['version']} ({info['view']} view); each "
        "multi-valued link is a link table; columns of type array hold JSON text; text "
        "cells a spreadsheet would read as a formula start with a single quote.",
        "version": DATA_VERSION,
        "kzcn": info,
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
        "resources": [
            *resources,
            _ids_resource(),
            _citations_resource(),
            *(_provenance_resource(name) for name in PROVENANCE if ds.is_resolved),
        ],
    }


_LINK_COLUMNS: Final = (
    Column("id", Kind.SLUG, str, False, True, None, (), ""),
    Column("target", Kind.SLUG, str, False, True, None, (), ""),
    Column("table", Kind.TEXT, str, False, True, None, (), ""),
)


def _link_rows(
    ds: Dataset, name: str, field: str, where: dict[str, str]
) -> Iterable[dict[str, Any]]:
    """One row per id a field links to; a dangling id gets no table (and fails)."""
    for record in ds.tables[name]:
        for target in getattr(record, field):
            yield {"id": record.id, "target": target, "table": where.get(target)}


def write_datapackage_files(ds: Dataset, folder: Path) -> list[Path]:
    """Write the package into ``folder`` (not staged; see :func:`write_datapackage`)."""
    paths = [
        write_rows(folder / f"{name}.csv", _table_columns(name), flat_rows(table))
        for name, table in ds.tables.items()
    ]
    where = {record.id: name for name, table in ds.tables.items() for record in table}
    for name in ds.tables:
        for column in _link_fields(name):
            path = folder / f"{link_resource(name, column.name)}.csv"
            rows = _link_rows(ds, name, column.name, where)
            paths.append(write_rows(path, _LINK_COLUMNS, rows))
    ids = (
        {"id": record.id, "table": name} for name in _linked_tables() for record in ds.tables[name]
    )
    paths.append(write_rows(folder / f"{IDS_RESOURCE}.csv", _LINK_COLUMNS[::2], ids))
    paths.extend(write_link_files(ds, folder, links=False))
    paths.extend(write_provenance_files(ds, folder))
    paths.append(dump_json(_package(ds), folder / "datapackage.json"))
    return paths


def datapackage_files(ds: Dataset, out_dir: str | Path) -> list[Path]:
    """Write the package (all or nothing); returns every path, the descriptor last."""
    return publish(out_dir, "datapackage", lambda f: write_datapackage_files(ds, f))


def write_datapackage(ds: Dataset, out_dir: str | Path) -> Path:
    """Write the CSVs and a Frictionless ``datapackage.json`` describing them (all or
    nothing); returns the descriptor's path."""
    return datapackage_files(ds, out_dir)[-1]
