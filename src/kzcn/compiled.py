"""The package data compiled at build time, read at run time.

The wheel build (``hatch_build.py``) loads the TOML data with the full loader, runs
every check, and writes :data:`NAME` into the package: the records as compact rows,
plus a hash of the TOML files and of the model code they were validated with. At run
time :func:`read` returns the records only when both hashes match the TOML and the code
beside it, so an edited data file or a changed model falls back to the full loader. The
rows were validated when they were written, so they are built without cattrs and
without re-running validators. Nothing is ever written at run time.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from ._version import __version__
from .convert import build, compact, typed_value
from .dataset import RECORD_TYPES
from .records import Correction, Erratum, Redirect

__all__ = ["FORMAT", "NAME", "code_hash", "data_hash", "dumps", "read"]

NAME: Final = "compiled.json"
FORMAT: Final = 1

# The modules whose rules decide what a valid record is: a change to any of them makes
# a compiled file stale, as a change to the data does.
_MODEL_MODULES: Final = (
    "records.py",
    "vocabulary.py",
    "dates.py",
    "units.py",
    "convert.py",
    "loader.py",
    "dataset.py",
    "compiled.py",
    "package.py",
    "query.py",
)


_TABLES: Final = {**RECORD_TYPES, "redirects": Redirect}


def _digest(parts: Iterable[tuple[str, bytes]]) -> str:
    # A CRC-32 and the length of every part: it tells an edited or replaced file from
    # the one compiled (what this is for), and zlib costs nothing at start-up where
    # hashlib costs 3 ms. It is no defence against a deliberate collision; nothing
    # here is, since whoever can edit the installed files can edit this module too.
    crc, size = 0, 0
    for name, data in parts:
        chunk = name.encode() + b"\0" + data + b"\0"
        crc = zlib.crc32(chunk, crc)
        size += len(chunk)
    return f"{crc:08x}-{size}"


def _read(path: str) -> bytes:
    with open(path, "rb") as stream:
        return stream.read()


def data_hash(directory: str, names: Iterable[str]) -> str:
    """Checksum over the names and bytes of the data files, in order."""
    return _digest((n, _read(os.path.join(directory, n))) for n in names)


def code_hash() -> str:
    """Checksum over the package version and the source of the model modules."""
    here = os.path.dirname(os.path.abspath(__file__))
    parts = [(n, _read(os.path.join(here, n))) for n in _MODEL_MODULES]
    return _digest([("version", __version__.encode()), *parts])


def dumps(tables: Mapping[str, Iterable[Any]], directory: str, names: Iterable[str]) -> str:
    """The compiled file's text for validated ``tables`` loaded from ``names`` in
    ``directory``."""
    document = {
        "format": FORMAT,
        "data": data_hash(directory, names),
        "code": code_hash(),
        "tables": {name: [compact(r) for r in tables.get(name, ())] for name in _TABLES},
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def read(directory: str, names: list[str]) -> dict[str, list[Any]] | None:
    """The compiled records, or ``None`` when there is no compiled file or it does not
    match the data files and the code beside it."""
    try:
        document = json.loads(_read(os.path.join(directory, NAME)))
        if (
            not isinstance(document, dict)
            or document.get("format") != FORMAT
            or document.get("data") != data_hash(directory, names)
            or document.get("code") != code_hash()
        ):
            return None
        return _build(document["tables"])
    except (OSError, ValueError, RecursionError):
        return None  # no compiled file (a source checkout), or not one this code wrote
    except Exception:
        return None  # the caller then loads and validates the TOML


def _build(rows: Mapping[str, Any]) -> dict[str, list[Any]]:
    with attrs.validators.disabled():
        tables = {name: [build(cls, row) for row in rows[name]] for name, cls in _TABLES.items()}
        by_id = {r.id: r for name in RECORD_TYPES for r in tables[name]}
        errata = tables["errata"]
        for index, erratum in enumerate(errata):
            if erratum.correct:
                errata[index] = _typed(erratum, type(by_id[erratum.record]))
    return tables


def _typed(erratum: Erratum, target: type[Any]) -> Erratum:
    values = tuple(
        Correction(c.field, typed_value(target, c.field, c.value)) for c in erratum.correct
    )
    return attrs.evolve(erratum, correct=values)
