"""A cache of the validated package data, so later processes skip TOML and cattrs.

The first ``kzcn.load()`` validates the data files fully and writes the records, as
plain JSON, to ``$KZCN_CACHE_DIR`` (default: ``$XDG_CACHE_HOME/kzcn`` or
``~/.cache/kzcn``), under a key that hashes the package version and the bytes of every
data file: any edit of the data, or a new release, misses the cache. A cache hit builds
the records directly from the JSON (their attrs validators still run). ``KZCN_CACHE=0``
turns the cache off. A cache that cannot be read or written is silently ignored.
"""

from __future__ import annotations

import enum
import hashlib
import json
import os
import typing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ._version import __version__
from .dates import Period
from .records import RECORD_TYPES, Alias, Citation
from .units import Amount

__all__ = ["cache_key", "read", "write"]

Build = Callable[[Any], Any]


def _directory() -> Path | None:
    if os.environ.get("KZCN_CACHE", "1") == "0":
        return None
    explicit = os.environ.get("KZCN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kzcn"


def cache_key(files: Iterable[tuple[str, str]]) -> str:
    digest = hashlib.sha256(__version__.encode())
    for name, text in files:
        digest.update(name.encode() + b"\0" + text.encode() + b"\0")
    return digest.hexdigest()[:32]


def read(key: str) -> dict[str, list[Any]] | None:
    """The records cached under ``key``, or ``None``."""
    directory = _directory()
    if directory is None:
        return None
    try:
        raw = json.loads((directory / f"{key}.json").read_text(encoding="utf-8"))
        if not isinstance(raw, dict) or set(raw) != set(RECORD_TYPES):
            return None  # never a partial dataset
        return {
            table: [_builder(RECORD_TYPES[table])(row) for row in rows]
            for table, rows in raw.items()
        }
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, stale or damaged: the caller loads the files instead


def write(key: str, tables: dict[str, tuple[Any, ...]]) -> None:
    """Cache validated records under ``key`` (best effort)."""
    directory = _directory()
    if directory is None:
        return
    from .loader import converter

    conv = converter()
    data = {table: [conv.unstructure(r) for r in records] for table, records in tables.items()}
    try:
        directory.mkdir(parents=True, exist_ok=True)
        temporary = directory / f"{key}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, directory / f"{key}.json")  # atomic: readers never see half
        for old in directory.glob("*.json"):  # entries of other versions are dead weight
            if old.stem != key:
                old.unlink(missing_ok=True)
    except OSError:
        pass


def _optional(build: Build) -> Build:
    return lambda value: None if value is None else build(value)


def _alias(value: Any) -> Alias:
    return Alias(
        value["name"],
        Period.parse(value["start"]) if value.get("start") else None,
        Period.parse(value["end"]) if value.get("end") else None,
    )


def _citation(value: Any) -> Citation:
    return Citation(value["source"], value["evidence"])


def _field_builder(kind: Any) -> Build | None:
    """How to turn a JSON value into a field value of type ``kind`` (None: as is)."""
    args = typing.get_args(kind)
    if type(None) in args:
        inner = next(a for a in args if a is not type(None))
        build = _field_builder(inner)
        return None if build is None else _optional(build)
    if kind is Period:
        return Period.parse
    if kind is Amount:
        return Amount.parse
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind
    if typing.get_origin(kind) is tuple:
        item = args[0]
        if item is Citation:
            return lambda values: tuple(_citation(v) for v in values)
        if item is Alias:
            return lambda values: tuple(_alias(v) for v in values)
        return tuple
    return None


_BUILDERS: dict[type[Any], Build] = {}


def _builder(cls: type[Any]) -> Build:
    if cls not in _BUILDERS:
        _BUILDERS[cls] = _make_builder(cls)
    return _BUILDERS[cls]


def _make_builder(cls: type[Any]) -> Build:
    hints = typing.get_type_hints(cls)
    fields = [(name, _field_builder(kind)) for name, kind in hints.items() if name != "table"]

    def build(row: dict[str, Any]) -> Any:
        return cls(
            **{
                name: (value if convert is None or value is None else convert(value))
                for name, convert in fields
                if (value := row.get(name, _MISSING)) is not _MISSING
            }
        )

    return build


_MISSING = object()
