"""Write records back as a data file in the same TOML form the loader reads.

The standard library reads TOML but does not write it; the data files use only a small
part of TOML (strings, integers, arrays of strings, arrays of inline tables), so this
writer covers exactly that. ``parse_file(name, dumps(tables))`` gives the records back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from .convert import converter

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
        inner = ", ".join(f"{k} = {_scalar(v)}" for k, v in value.items() if v is not None)
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def dumps(tables: Mapping[str, Iterable[Any]]) -> str:
    """TOML text for the records of each table (``{"figures": [...], ...}``)."""
    conv = converter()
    return dumps_rows(
        {table: [conv.unstructure(r) for r in records] for table, records in tables.items()}
    )


def dumps_rows(tables: Mapping[str, Iterable[Mapping[str, Any]]]) -> str:
    """TOML text for plain rows of each table, as :func:`dumps` writes records (rows
    read from a data file and edited come back in the same form)."""
    out: list[str] = []
    for table, rows in tables.items():
        for row in rows:
            out.append(f"[[{table}]]")
            for key, value in row.items():
                if value is None or value == () or value == []:
                    continue
                if isinstance(value, (list, tuple)) and value and isinstance(value[0], Mapping):
                    items = ",\n".join(f"  {_scalar(v)}" for v in value)
                    out.append(f"{key} = [\n{items},\n]")
                else:
                    out.append(f"{key} = {_scalar(value)}")
            out.append("")
    return "\n".join(out)
