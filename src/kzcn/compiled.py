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
import stat
import zlib
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from ._version import __version__
from .convert import build, compact, typed_value
from .dataset import RECORD_TYPES
from .limits import MAX_FILE_BYTES
from .records import Correction, Erratum, Redirect

__all__ = ["FORMAT", "NAME", "build_table", "code_hash", "data_hash", "dumps", "read", "read_rows"]

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
    "kinds.py",
    "validate.py",
    "loader.py",
    "dataset.py",
    "compiled.py",
    "package.py",
    "query.py",
    "text.py",
    "evidence.py",
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
    ``directory``: a header line (format, checksums of the TOML, the code and the rows),
    then the rows as one JSON object."""
    rows = {name: [compact(r) for r in tables.get(name, ())] for name in _TABLES}
    payload = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    header = {
        "format": FORMAT,
        "data": data_hash(directory, names),
        "code": code_hash(),
        "rows": _digest([("rows", payload.encode())]),
    }
    return json.dumps(header, separators=(",", ":")) + "\n" + payload


# The header line is short: a longer first line is not a header this code wrote.
_HEADER_MAX: Final = 4096


def _read_compiled(path: str) -> tuple[bytes, bytes]:
    """The header line and the rows of the compiled file, read only when it is a regular
    file of exactly the size its header states (and within the limit of any file): a
    pipe, a device, a link to one, or a file of another size raises ``ValueError``, and
    the caller loads the TOML instead. Opened without blocking, so a pipe cannot hang it."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"{NAME} is not a regular file")
        header_line = stream.readline(_HEADER_MAX)
        header = json.loads(header_line)
        stated = header.get("rows") if isinstance(header, dict) else None
        # The rows' checksum ends in the length of b"rows\0" + rows + b"\0" (see _digest).
        size = int(stated.rpartition("-")[2]) - 6 if isinstance(stated, str) else -1
        if not 0 <= size <= MAX_FILE_BYTES or len(header_line) + size != info.st_size:
            raise ValueError(f"{NAME} is not the size its header states")
        payload = stream.read(size)
    return header_line.rstrip(b"\n"), payload


def read_rows(directory: str, names: list[str]) -> dict[str, list[Any]] | None:
    """The compiled rows per table, or ``None`` when there is no compiled file or it does
    not match the data files, the code beside it, or its own checksum."""
    try:
        header_line, payload = _read_compiled(os.path.join(directory, NAME))
        header = json.loads(header_line)
        if (
            not isinstance(header, dict)
            or header.get("format") != FORMAT
            or header.get("data") != data_hash(directory, names)
            or header.get("code") != code_hash()
            or header.get("rows") != _digest([("rows", payload)])
        ):
            return None
        rows = json.loads(payload)
    except (OSError, ValueError, RecursionError):
        return None  # no compiled file (a source checkout), or not one this code wrote
    if not isinstance(rows, dict) or not all(isinstance(rows.get(n), list) for n in _TABLES):
        return None
    return rows


def read(directory: str, names: list[str]) -> dict[str, list[Any]] | None:
    """The compiled records (every table built), or ``None`` (see :func:`read_rows`)."""
    rows = read_rows(directory, names)
    if rows is None:
        return None
    try:
        return {name: build_table(rows, name) for name in _TABLES}
    except Exception:
        return None  # the caller then loads and validates the TOML


def build_table(rows: Mapping[str, list[Any]], name: str) -> list[Any]:
    """The records of one table from checked compiled rows (built without validators:
    they ran at build time; nothing process-wide is switched off). Errata type their
    corrections by the class of the record each corrects, found from the rows without
    building the other tables."""
    cls = _TABLES[name]
    records = [build(cls, row) for row in rows[name]]
    if name == "errata":
        classes = {row["id"]: RECORD_TYPES[t] for t in RECORD_TYPES for row in rows[t]}
        records = [_typed(e, classes[e.record]) if e.correct else e for e in records]
    return records


def _typed(erratum: Erratum, target: type[Any]) -> Erratum:
    values = tuple(
        Correction(c.field, typed_value(target, c.field, c.value)) for c in erratum.correct
    )
    return attrs.evolve(erratum, correct=values)
