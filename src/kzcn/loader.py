"""Read the TOML data files into typed records, or fail with every problem at once.

A data file holds arrays of tables named after the dataset's tables::

    [[figures]]
    id = "trade-2018"
    subject = "trade"
    amount = "19.885 billion USD"
    ...

Any file may hold any table; the package keeps one file per source (plus files for
the sources, people, places and organisations) so a reviewer reads a source's records
together. Loading is all or nothing: :class:`~kzcn.errors.DataError` lists each
problem with its file, record id and field, and no records are returned.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from .convert import converter
from .dataset import RECORD_TYPES
from .errors import DataError, Problem
from .limits import not_a_file, read_text
from .records import Redirect
from .text import normalize
from .validate import check_tables, read_document, type_corrections, validate

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = [
    "converter",
    "data_files",
    "load",
    "load_records",
    "parse_file",
    "validate",
]

Tables = dict[str, list[Any]]


OPTIONS = "kzcn"
"""A file's own settings table: ``[kzcn]`` with ``overrides = ["id", ...]``, the ids of
shipped records this file replaces on purpose (any other clash of ids is an error)."""


def _check_options(name: str, options: Any) -> list[Problem]:
    if not isinstance(options, dict) or set(options) - {"overrides"}:
        return [Problem(name, None, OPTIONS, "the [kzcn] table takes only overrides = [ids]")]
    ids = options.get("overrides", [])
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        return [Problem(name, None, f"{OPTIONS}.overrides", "expected a list of ids")]
    return []


def _override_ids(options: Any) -> list[str]:
    ids = options.get("overrides", []) if isinstance(options, dict) else []
    return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []


REDIRECTS = "redirects"
"""A data file's ``[[redirects]]``: ids that were released and no longer name a record
(:class:`~kzcn.records.Redirect`). They are not a table of records: :meth:`Dataset.redirects`."""

_ALL_TYPES: Final = {**RECORD_TYPES, REDIRECTS: Redirect}


def parse_file(name: str, text: str) -> tuple[Tables, list[Problem]]:
    """Parse one file's text into records per table, with the problems found."""
    tables, problems, _ = _parse(name, text)
    return tables, problems


def _parse(name: str, text: str) -> tuple[Tables, list[Problem], list[str]]:
    """One file's records per table, its problems, and the ids its ``[kzcn]`` table
    says it overrides. Every string is read NFC-normalised."""
    from .parsing import BOM_MESSAGE, TOMLError, TOMLLimitError, loads

    empty: Tables = {table: [] for table in RECORD_TYPES}
    try:
        document = loads(text)
    except TOMLError as exc:
        plain = str(exc) == BOM_MESSAGE or isinstance(exc, TOMLLimitError)
        message = str(exc) if plain else f"not valid TOML: {exc}"
        return empty, [Problem(name, None, None, message)], []
    except RecursionError:
        return empty, [Problem(name, None, None, "not valid TOML: nested too deeply")], []
    problems: list[Problem] = []
    overrides: list[str] = []
    if OPTIONS in document:
        problems.extend(_check_options(name, document[OPTIONS]))
        overrides = _override_ids(document[OPTIONS])
    tables, found = read_document(document, _ALL_TYPES, name, skip=frozenset({OPTIONS}))
    # Corrections of records in this file get their types now (the rest in load_records),
    # so a file read alone (the writer's round trip) gives the records the loader gives.
    found += type_corrections(tables, dict.fromkeys((e.id for e in tables["errata"]), name))
    return tables, problems + found, overrides


def load_records(
    files: Iterable[tuple[str, str]], *, user_files: Iterable[str] = ()
) -> dict[str, tuple[Any, ...]]:
    """Load ``(name, text)`` pairs into tables of records, or raise :class:`DataError`.

    Files named in ``user_files`` (matched by the whole name given, a full path for
    :func:`load`) may replace earlier records whose ids their ``[kzcn]`` table lists
    under ``overrides``; each such id needs its replacement record in the same file.
    """
    loaded, _ = _load_records(files, user_files)
    return loaded


def _load_records(
    files: Iterable[tuple[str, str]], user_files: Iterable[str]
) -> tuple[dict[str, tuple[Any, ...]], dict[str, str]]:
    """:func:`load_records`, plus the file each record came from (id -> name)."""
    problems: list[Problem] = []
    tables: Tables = {table: [] for table in RECORD_TYPES}
    entries: list[tuple[str, Any, str]] = []
    redirects: list[tuple[Redirect, str]] = []
    users = set(user_files)
    for name, text in files:
        parsed, found, overrides = _parse(name, text)
        problems.extend(found)
        redirects.extend((r, name) for r in parsed.pop(REDIRECTS, ()))
        if name in users and overrides:
            replaced = set(overrides)
            entries, tables, missing = _replace(entries, tables, replaced)
            problems.extend(
                Problem(name, i, f"{OPTIONS}.overrides", "overrides an id no earlier file has")
                for i in sorted(missing)
            )
            given = {r.id for records in parsed.values() for r in records}
            problems.extend(
                Problem(
                    name,
                    i,
                    f"{OPTIONS}.overrides",
                    "overrides an id but gives no record with it to replace it "
                    "(an override replaces a record; it does not remove one)",
                )
                for i in sorted(replaced - given - missing)
            )
        elif overrides:
            problems.append(
                Problem(name, None, f"{OPTIONS}.overrides", "only users' files may override")
            )
        for table, records in parsed.items():
            entries.extend((table, record, name) for record in records)
            tables[table].extend(records)
    # A correction refused when its file was parsed (parse_file types the corrections of
    # records in the same file) stays untyped, and check_tables types it, and refuses it,
    # again: said once
    parsed_problems = set(problems)
    problems.extend(p for p in check_tables(entries, redirects, tables) if p not in parsed_problems)
    if problems:
        raise DataError(problems)
    loaded = {table: tuple(records) for table, records in tables.items()}
    loaded[REDIRECTS] = tuple(r for r, _ in redirects)
    return loaded, {record.id: file for _, record, file in entries}


def _replace(
    entries: list[tuple[str, Any, str]], tables: Tables, ids: set[str]
) -> tuple[list[tuple[str, Any, str]], Tables, set[str]]:
    """Drop the earlier records with these ids; return the ids that had none."""
    found = {record.id for _, record, _ in entries} & ids
    kept = [e for e in entries if e[1].id not in ids]
    pruned = {t: [r for r in records if r.id not in ids] for t, records in tables.items()}
    return kept, pruned, ids - found


def verify_local_texts(
    tables: Mapping[str, Iterable[Any]], origins: Mapping[str, str]
) -> list[Problem]:
    """Check citations of sources that name a local text (``Source.path``, relative to
    the folder of the data file that names the source, ``origins[source.id]``): each
    evidence must be a verbatim snippet of it. A missing text names that data file."""
    from .parsing import BOM
    from .quotes import found_in, squash

    problems: list[Problem] = []
    texts: dict[str, tuple[str, str]] = {}
    for source in tables.get("sources", ()):
        if source.path is None:
            continue
        data_file = origins.get(source.id, "?")
        text_file = Path(data_file).parent / source.path
        why = not_a_file(text_file)
        if why is not None:
            problems.append(
                Problem(data_file, source.id, "path", f"{source.path!r} ({text_file}) {why}")
            )
            continue
        try:
            text = read_text(text_file)
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(
                Problem(data_file, source.id, "path", f"cannot read {text_file}: {exc}")
            )
            continue
        texts[source.id] = (str(text_file), squash(normalize(text.removeprefix(BOM))))
    if not texts:
        return problems
    # Every citation of a text is looked for at once (found_in counts the text's words
    # once, where a scan per citation cost citations x text)
    cited = [
        (table, record.id, index, citation)
        for table, records in tables.items()
        for record in records
        for index, citation in enumerate(getattr(record, "citations", ()))
        if citation.source in texts
    ]
    snippets: dict[str, dict[str, bool]] = {source: {} for source in texts}
    for *_, citation in cited:
        snippets[citation.source][citation.evidence] = False
    for source, (_, text) in texts.items():
        wanted = list(snippets[source])
        snippets[source] = dict(zip(wanted, found_in(text, wanted), strict=True))
    for table, record_id, index, citation in cited:
        if not snippets[citation.source][citation.evidence]:
            name = texts[citation.source][0]
            problems.append(
                Problem(
                    name,
                    record_id,
                    f"citations[{index}].evidence",
                    f"not found verbatim in {name} ({table})",
                )
            )
    return problems


def stream_files(paths: Iterable[Path]) -> Iterator[tuple[str, str]]:
    """Read data files as :func:`read_files` does, one at a time, so that a file's text
    is freed once it is parsed (at 100k records the texts are a third of the peak
    memory of a load). Folders and missing files are reported before anything is read;
    a file that cannot be read raises :class:`DataError` when it is reached."""
    paths = list(paths)
    problems = []
    for path in paths:
        if path.is_dir():
            problems.append(Problem(str(path), None, None, "is a folder, not a data file"))
        elif not path.exists():
            problems.append(Problem(str(path), None, None, "no such data file"))
    if problems:
        raise DataError(problems)
    for path in paths:
        yield from read_files([path])


def read_files(paths: Iterable[Path]) -> list[tuple[str, str]]:
    """Read data files as ``(name, text)``, each named by its full path; unreadable
    ones (a folder, a missing file, bytes that are not UTF-8) raise :class:`DataError`."""
    files, problems = [], []
    for path in paths:
        name = str(path)
        if path.is_dir():
            problems.append(Problem(name, None, None, "is a folder, not a data file"))
            continue
        try:
            files.append((name, read_text(path)))
        except FileNotFoundError:
            problems.append(Problem(name, None, None, "no such data file"))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(name, None, None, f"cannot read: {exc}"))
    if problems:
        raise DataError(problems)
    return files


def data_files() -> list[Path]:
    """The package's own data files, in load order."""
    from .package import data_dir, data_names

    return [Path(data_dir(), name) for name in data_names()]


def _load_package() -> Dataset:
    from .package import shipped

    return shipped()


def load(
    extra: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = (),
    *,
    texts: str | Path | None = None,
) -> Dataset:
    """The dataset: the package's data (cached after the first call), plus ``extra`` files
    (a list of files, or one: a string or path is one file, never a list of names).

    Users' files are named by their full path in messages. A source of theirs with a
    ``path`` is checked against that local text. With ``texts`` (a folder holding
    ``<source id>.txt`` for the shipped sources), each text is checked against its
    recorded SHA-256 and length, and every citation of the loaded data against the
    texts (:func:`kzcn.verify.verify_texts`).

    Raises :class:`~kzcn.errors.DataError` if any file has a problem, ``TypeError``
    naming the argument for a value of another type (bytes, a number).
    """
    from .package import data_paths

    given = data_paths(extra, "load(extra=...)")
    if texts is not None and not isinstance(texts, str | os.PathLike):
        raise TypeError(
            f"load(texts=...): takes a folder's path (str or os.PathLike), "
            f"not {type(texts).__name__}"
        )
    if texts is not None and not os.fspath(texts):
        raise ValueError("load(texts=...): an empty path (an unset variable?); give a folder")
    extra_paths = [Path(p).absolute() for p in given]
    if not extra_paths and texts is None:
        return _load_package()
    from .dataset import Dataset

    if extra_paths:
        from .quotes import quoted

        package = data_files()
        files = stream_files([*package, *extra_paths])
        tables, origins = _load_records(files, [str(p) for p in extra_paths])
        problems = verify_local_texts(tables, origins)
        if problems:
            raise DataError(problems)
        # The package's own records were checked against the texts; users' were not.
        shipped = {str(p) for p in package}
        own = [[r for r in tables[t] if origins.get(r.id) in shipped] for t in RECORD_TYPES]
        ds = Dataset.from_records(tables, verified=quoted(own, tables["sources"]))
    else:
        ds = _load_package()
    if texts is not None:
        from .verify import with_texts

        ds = with_texts(texts, ds)
    return ds
