"""The shipped dataset: ``kzcn.load()`` on its fast path.

``load()`` with no user files returns the package's own data, built once per process:
from the compiled file when the wheel has one that matches the TOML and the code beside
it (:mod:`kzcn.compiled`), else through the validating loader (a source checkout, an
edited data file). This module imports neither the loader, cattrs, tomllib nor pathlib
unless it needs them: they are most of the cost of a first ``kzcn.load()``.
"""

from __future__ import annotations

import functools
import os
import typing
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .dataset import Dataset

__all__ = ["data_dir", "data_names", "data_paths", "load", "shipped"]


def data_dir() -> str:
    """The folder of the package's data files (beside this module: the wheel is not
    zip-safe, and importlib.resources would cost 9 ms at start-up)."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def data_names() -> list[str]:
    """The package's data files, by name, in load order."""
    return sorted(n for n in os.listdir(data_dir()) if n.endswith(".toml"))


@functools.cache
def shipped() -> Dataset:
    """The package's own data, built once per process (the same object every call).

    Its citations count as verified (:attr:`kzcn.Dataset.verified`): each release's
    citations are checked against the texts (``kzcn verify --texts DIR``)."""
    from . import compiled
    from .dataset import Dataset

    rows = compiled.read_rows(data_dir(), data_names())
    if rows is not None:
        # Each table is built when first used: a lookup in one table builds only it.
        factories = {name: functools.partial(compiled.build_table, rows, name) for name in rows}
        return Dataset.lazy(factories, trusted=True)
    from pathlib import Path

    from .loader import load_records, read_files

    paths = [Path(data_dir(), name) for name in data_names()]
    return Dataset.from_records(load_records(read_files(paths)), trusted=True)


_ACCEPTS = "a data file's path (str or os.PathLike) or an iterable of them"


def data_paths(
    extra: object, where: str = "kzcn.load(extra=...)"
) -> tuple[str | os.PathLike[str], ...]:
    """The data files ``extra`` names, as :func:`load` takes them (a path, or an
    iterable of paths), or ``TypeError`` naming ``where`` and the accepted types
    (``ValueError`` for an empty path)."""
    if isinstance(extra, str | os.PathLike):
        files: tuple[object, ...] = (extra,)
    elif isinstance(extra, bytes | bytearray | memoryview):
        raise TypeError(f"{where}: takes {_ACCEPTS}, not bytes (decode a path with os.fsdecode)")
    else:
        try:
            files = tuple(typing.cast("Iterable[object]", extra))
        except TypeError:
            raise TypeError(f"{where}: takes {_ACCEPTS}, not {type(extra).__name__}") from None
    for file in files:
        fspath = os.fspath(file) if isinstance(file, os.PathLike) else file
        if not isinstance(fspath, str):
            raise TypeError(
                f"{where}: takes {_ACCEPTS}; among them: {file!r} ({type(file).__name__})"
            )
        if not fspath:  # Path("") is the working folder: never what was meant
            raise ValueError(f"{where}: an empty path (an unset variable?); give a data file")
    checked: tuple[str | os.PathLike[str], ...] = files  # type: ignore[assignment]
    return checked


def load(
    extra: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = (), **options: Any
) -> Dataset:
    """The dataset: the package's data (built once, then shared), plus ``extra`` files.

    ``extra`` is a list of data files, or one file: ``kzcn.load("mine.toml")`` loads
    the file ``mine.toml`` (a string or path is never taken as a list of names).
    With users' files (or any option of :func:`kzcn.loader.load`) every file goes through
    the validating loader and every check. Raises :class:`~kzcn.errors.DataError` if any
    file has a problem.
    A value of another type (bytes, a number, ``None``) raises ``TypeError`` naming
    the argument and the types it takes.
    """
    files = data_paths(extra)
    if not files and not options:
        return shipped()
    from .loader import load as load_files

    return load_files(files, **options)
