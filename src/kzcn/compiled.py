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

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
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
)


_TABLES: Final = {**RECORD_TYPES, "redirects": Redirect}


def data_hash(paths: Iterable[Path]) -> str:
    """SHA-256 over the names and bytes of the data files, in order."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def code_hash() -> str:
    """SHA-256 over the package version and the source of the model modules."""
    digest = hashlib.sha256(__version__.encode())
    here = Path(__file__).parent
    for name in _MODEL_MODULES:
        digest.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    return digest.hexdigest()


def dumps(tables: Mapping[str, Iterable[Any]], paths: Iterable[Path]) -> str:
    """The compiled file's text for validated ``tables`` loaded from ``paths``."""
    document = {
        "format": FORMAT,
        "data": data_hash(paths),
        "code": code_hash(),
        "tables": {name: [compact(r) for r in tables.get(name, ())] for name in _TABLES},
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def read(paths: list[Path]) -> dict[str, list[Any]] | None:
    """The compiled records, or ``None`` when there is no compiled file or it does not
    match the data files and the code beside it."""
    if not paths:
        return None
    path = paths[0].parent / NAME
    try:
        text = path.read_text(encoding="utf-8")
        document = json.loads(text)
        if (
            document.get("format") != FORMAT
            or document.get("data") != data_hash(paths)
            or document.get("code") != code_hash()
        ):
            return None
        rows = document["tables"]
    except (OSError, ValueError, AttributeError, KeyError):
        return None
    with attrs.validators.disabled():
        tables = {
            name: [build(cls, row) for row in rows[name]] for name, cls in RECORD_TYPES.items()
        }
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
