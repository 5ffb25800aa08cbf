"""Write records back as a data file in the same TOML form the loader reads.

The standard library reads TOML but does not write it; the data files use only a small
part of TOML (strings, integers, arrays of strings, arrays of inline tables), so this
writer covers exactly that. ``parse_file(name, dumps(tables))`` gives the records back.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any, assert_never

import attrs

from .convert import converter
from .kinds import Kind, kind_of

__all__ = ["dumps", "dumps_rows"]


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)  # Python's shortest round-trip form is valid TOML (finite)
    if isinstance(value, str):
        # A JSON string is a TOML basic string, except that TOML also forbids a raw DEL.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, Mapping):
        inner = ", ".join(f"{_key(k)} = {_scalar(v)}" for k, v in value.items() if v is not None)
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _lines(values: Iterable[Any]) -> str:
    """An array of inline tables, one a line."""
    items = ",\n".join(f"  {_scalar(v)}" for v in values)
    return f"[\n{items},\n]"


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _scalar(key)


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def dumps(tables: Mapping[str, Iterable[Any]]) -> str:
    """TOML text for the records of each table (``{"figures": [...], ...}``), each field
    written by its kind."""
    out: list[str] = []
    conv = converter()
    for table, records in tables.items():
        for record in records:
            out.append(f"[[{table}]]")
            row = conv.unstructure(record)
            for field in attrs.fields(type(record)):
                value = row.get(field.name)
                if value is None or value == () or value == []:
                    continue
                out.append(f"{field.name} = {_value(kind_of(field), value)}")
            out.append("")
    return "\n".join(out)


def dumps_rows(tables: Mapping[str, Iterable[Mapping[str, Any]]]) -> str:
    """TOML text for plain rows of each table, in the form :func:`dumps` writes (rows
    read from a data file and edited come back as the file had them)."""
    out: list[str] = []
    for table, rows in tables.items():
        for row in rows:
            out.append(f"[[{table}]]")
            for key, value in row.items():
                if value is None or value == () or value == []:
                    continue
                many = isinstance(value, (list, tuple)) and isinstance(value[0], Mapping)
                out.append(f"{_key(key)} = {_lines(value) if many else _scalar(value)}")
            out.append("")
    return "\n".join(out)


def _value(kind: Kind, value: Any) -> str:
    """The TOML text of a field's unstructured value, in the form the data files use."""
    match kind:
        case Kind.DERIVED | Kind.CORRECTIONS:
            # derived = { period = "rule" }, correct = { amount = "5.08 billion USD" }; a
            # field named twice (a merged view may hold two rules) keeps the list form
            second = "rule" if kind is Kind.DERIVED else "value"
            table = {item["field"]: item[second] for item in value}
            return _scalar(table) if len(table) == len(value) else _lines(value)
        case Kind.CITATIONS | Kind.ALIASES | Kind.CONFIDENCES:
            return _lines(value)
        case (
            Kind.SLUG
            | Kind.TEXT
            | Kind.TEXTS
            | Kind.LINK
            | Kind.LINKS
            | Kind.PERIOD
            | Kind.DATE
            | Kind.AMOUNT
            | Kind.ENUM
            | Kind.INTEGER
            | Kind.REAL
            | Kind.VALUE
        ):
            return _scalar(value)
        case _:
            assert_never(kind)
