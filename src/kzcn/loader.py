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

import difflib
import enum
import functools
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .dates import Period
from .errors import DataError, Problem
from .records import RECORD_TYPES, Alias, Citation, Erratum, Figure, Source, links
from .units import Amount

if TYPE_CHECKING:
    import cattrs

    from .query import Dataset

__all__ = ["converter", "data_files", "load", "load_records", "parse_file", "validate"]

Tables = dict[str, list[Any]]


class _Invalid(ValueError):
    """A value of the wrong form; carries a plain message for the user."""


def _strict(kind: type[Any], label: str) -> Callable[[Any, Any], Any]:
    def hook(value: Any, _: Any) -> Any:
        # cattrs' default hooks coerce (str(5) -> "5", int("3") -> 3); data should not.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise _Invalid(f"expected {label}, got {type(value).__name__} {value!r}")
        return value

    return hook


_SHARED_TEXT_MAX = 100


def _text_hook(value: Any, _: Any) -> str:
    """``_strict(str)``, sharing one string object for every copy of a short word.

    Ids, links, party and source ids are written out again wherever a record names
    them; each copy the TOML parser returns is a new string. Interning the short ones
    without spaces (a slug or a single word, never a sentence) keeps one object per id.
    """
    if not isinstance(value, str):
        raise _Invalid(f"expected text, got {type(value).__name__} {value!r}")
    if type(value) is str and len(value) <= _SHARED_TEXT_MAX and " " not in value:
        return sys.intern(value)
    return value


def _enum_hook(value: Any, kind: type[enum.Enum]) -> enum.Enum:
    if isinstance(value, str):
        try:
            return kind(value)
        except ValueError:
            pass
    # The list of choices is only built for the message of a wrong value.
    choices = [str(member.value) for member in kind]
    if not isinstance(value, str):
        raise _Invalid(f"expected one of {', '.join(choices)}; got {type(value).__name__}")
    close = difflib.get_close_matches(value, choices, n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise _Invalid(f"{value!r} is not a valid {kind.__name__}{hint}; choices: {', '.join(choices)}")


def _parsed(parse: Callable[[str], Any]) -> Callable[[Any, Any], Any]:
    # Periods and amounts are immutable: records that state the same text ("2019",
    # "30 percent") can share one parsed object, parsed once. Only text is cached
    # (anything else is an error, raised by ``parse`` as before), and never a failure.
    cached = functools.lru_cache(maxsize=_PARSED_CACHE)(parse)

    def hook(value: Any, _: Any) -> Any:
        try:
            return cached(value) if isinstance(value, str) else parse(value)
        except ValueError as exc:
            raise _Invalid(str(exc)) from None

    return hook


_PARSED_CACHE = 8192
_SHARED_TUPLE_MAX = 4


@functools.lru_cache(maxsize=_PARSED_CACHE)
def _shared_tuple(value: tuple[str, ...]) -> tuple[str, ...]:
    """The first tuple seen equal to ``value`` (tuples of text are immutable)."""
    return value


def _is_homogeneous_tuple(kind: Any) -> bool:
    return getattr(kind, "__origin__", None) is tuple and getattr(kind, "__args__", ())[-1:] == (
        ...,
    )


@functools.cache
def converter() -> cattrs.Converter:
    """The one cattrs converter for the data files (built once, on first use)."""
    import cattrs
    from cattrs.errors import IterableValidationError, IterableValidationNote
    from cattrs.gen import make_dict_structure_fn

    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _text_hook)
    conv.register_structure_hook(int, _strict(int, "a whole number"))
    conv.register_structure_hook(Period, _parsed(Period.parse))
    conv.register_structure_hook(Amount, _parsed(Amount.parse))
    conv.register_unstructure_hook(Period, str)
    conv.register_unstructure_hook(Amount, str)
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )

    def tuple_hook(value: Any, kind: Any) -> tuple[Any, ...]:
        # Without this a string would be split into a tuple of its characters.
        if not isinstance(value, list):
            raise _Invalid(f"expected a list, got {type(value).__name__}")
        item = kind.__args__[0]
        result, errors = [], []
        for index, element in enumerate(value):
            try:
                result.append(conv.structure(element, item))
            except Exception as exc:
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(f"Structuring {kind} @ index {index}", index, item),
                ]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {kind}", errors, kind)
        if item is str and len(result) <= _SHARED_TUPLE_MAX:
            # Short lists of ids (parties, people) repeat from record to record: share
            # one tuple object among equal ones, as the strings in them are shared.
            return _shared_tuple(tuple(result))
        return tuple(result)

    conv.register_structure_hook_func(_is_homogeneous_tuple, tuple_hook)
    alias_from_dict = make_dict_structure_fn(Alias, conv, _cattrs_forbid_extra_keys=True)

    def alias_hook(value: Any, _: Any) -> Alias:
        return Alias(value) if isinstance(value, str) else alias_from_dict(value, Alias)

    conv.register_structure_hook(Alias, alias_hook)
    return conv


_PATH = re.compile(r"^(?P<message>.*?) @ \$(?P<path>\S*)$", re.DOTALL)


def _format_exception(exc: BaseException, kind: Any) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, _Invalid):
        return str(exc)
    if isinstance(exc, TypeError) and len(exc.args) >= 1 and isinstance(exc.args[0], str):
        return exc.args[0]
    if isinstance(exc, ValueError):
        return str(exc)
    from cattrs.errors import ForbiddenExtraKeysError

    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown field(s): {', '.join(sorted(exc.extra_fields))}"
    return f"{type(exc).__name__}: {exc}"


def _structure(
    raw: Mapping[str, Any], cls: type[Any], file: str, record: str
) -> tuple[Any, list[Problem]]:
    import cattrs

    try:
        return converter().structure(raw, cls), []
    except cattrs.BaseValidationError as exc:
        problems = []
        for line in cattrs.transform_error(exc, format_exception=_format_exception):
            match = _PATH.match(line)
            message, path = (match["message"], match["path"].lstrip(".")) if match else (line, "")
            path = _field_path(path, message, cls)
            if message.startswith("unknown field(s): ") and not path:
                for name in message.removeprefix("unknown field(s): ").split(", "):
                    problems.append(Problem(file, record, name, _unknown_field(name, cls)))
                continue
            problems.append(Problem(file, record, path or None, message))
        return None, problems
    except (TypeError, ValueError) as exc:
        # attrs validators run in __init__, after cattrs has built the fields.
        field = exc.args[1].name if len(exc.args) > 1 and hasattr(exc.args[1], "name") else None
        if field is None:
            field = next((f.name for f in attrs.fields(cls) if f"{f.name} " in str(exc)), None)
        message = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
        return None, [Problem(file, record, field, message)]


_SUBJECT_WORD = re.compile(r"^'?([a-z_]+)'? ")
_NESTED_FIELDS = frozenset(f.name for cls in (Citation, Alias) for f in attrs.fields(cls))


def _field_path(path: str, message: str, cls: type[Any]) -> str:
    """Complete a path with the field a validator's message names ("evidence has ...").

    attrs validators run in ``__init__``, so cattrs can only place their errors at the
    record (or citation) level; our validators' messages start with the field's name.
    """
    match = _SUBJECT_WORD.match(message)
    if match is None:
        return path
    word = match[1]
    if not path and word in {f.name for f in attrs.fields(cls)}:
        return word
    if path and path.endswith("]") and word in _NESTED_FIELDS:
        return f"{path}.{word}"
    return path


def _unknown_field(name: str, cls: type[Any]) -> str:
    fields = [f.name for f in attrs.fields(cls)]
    close = difflib.get_close_matches(name, fields, n=2)
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    return f"unknown field for {cls.__name__}{hint}"


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


def _overrides(text: str) -> set[str]:
    import tomllib

    try:
        options = tomllib.loads(text).get(OPTIONS, {})
    except tomllib.TOMLDecodeError:
        return set()  # parse_file reports it
    ids = options.get("overrides", []) if isinstance(options, dict) else []
    return {i for i in ids if isinstance(i, str)} if isinstance(ids, list) else set()


def parse_file(name: str, text: str) -> tuple[Tables, list[Problem]]:
    """Parse one file's text into records per table, with the problems found."""
    import tomllib

    tables: Tables = {table: [] for table in RECORD_TYPES}
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return tables, [Problem(name, None, None, f"not valid TOML: {exc}")]
    problems: list[Problem] = []
    for table, rows in document.items():
        if table == OPTIONS:
            problems.extend(_check_options(name, rows))
            continue
        cls = RECORD_TYPES.get(table)
        if cls is None:
            close = difflib.get_close_matches(table, RECORD_TYPES, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            problems.append(Problem(name, None, None, f"unknown table {table!r}{hint}"))
            continue
        if not isinstance(rows, list):
            problems.append(
                Problem(name, None, None, f"{table!r} must be an array of tables ([[{table}]])")
            )
            continue
        for index, raw in enumerate(rows):
            if not isinstance(raw, dict):
                problems.append(Problem(name, f"{table}[{index}]", None, "not a table"))
                continue
            rid = raw.get("id")
            record_name = rid if isinstance(rid, str) else f"{table}[{index}]"
            record, found = _structure(raw, cls, name, record_name)
            problems.extend(found)
            if record is not None:
                tables[table].append(record)
    return tables, problems


def validate(entries: Iterable[tuple[str, Any, str]]) -> list[Problem]:
    """Cross-record checks over ``(table, record, file)``: unique ids, known sources,
    links, units per subject."""
    problems: list[Problem] = []
    # id -> its first (table, record, file) entry; the entry tuples are reused as is.
    by_id: dict[str, tuple[str, Any, str]] = {}
    entries = list(entries)
    for entry in entries:
        _, record, file = entry
        first = by_id.get(record.id)
        if first is not None:
            other = f"{first[0]}, {first[2]}"
            problems.append(Problem(file, record.id, "id", f"duplicate id (also in {other})"))
            continue
        by_id[record.id] = entry
    sources = {record.id for _, record, _ in by_id.values() if isinstance(record, Source)}
    for _, record, file in entries:
        problems.extend(_check_record(record, file, by_id, sources))
    return problems


def _check_record(
    record: Any, file: str, by_id: Mapping[str, tuple[str, Any, str]], sources: set[str]
) -> Iterable[Problem]:
    for index, citation in enumerate(getattr(record, "citations", ())):
        if citation.source not in sources:
            close = difflib.get_close_matches(citation.source, sorted(sources), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            yield Problem(
                file,
                record.id,
                f"citations[{index}].source",
                f"unknown source {citation.source!r}{hint}",
            )
    for field, target, allowed in links(record):
        found = by_id.get(target)
        if found is None:
            close = difflib.get_close_matches(target, list(by_id), n=2)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            yield Problem(file, record.id, field, f"links to unknown id {target!r}{hint}")
        elif found[0] not in allowed:
            yield Problem(
                file,
                record.id,
                field,
                f"links to {target!r} in {found[0]}; expected a record of {', '.join(allowed)}",
            )
    if isinstance(record, Figure):
        problem = record.unit_problem()
        if problem:
            yield Problem(file, record.id, "amount", problem)
    if isinstance(record, Erratum) and record.record in by_id:
        target = by_id[record.record][1]
        names = [f.name for f in attrs.fields(type(target))]
        if record.field.split(".")[0].split("[")[0] not in names:
            yield Problem(
                file,
                record.id,
                "field",
                f"{type(target).__name__} {record.record!r} has no field {record.field!r}",
            )


def load_records(
    files: Iterable[tuple[str, str]], *, user_files: Iterable[str] = ()
) -> dict[str, tuple[Any, ...]]:
    """Load ``(name, text)`` pairs into tables of records, or raise :class:`DataError`.

    Files named in ``user_files`` may replace earlier records whose ids their ``[kzcn]``
    table lists under ``overrides``.
    """
    problems: list[Problem] = []
    tables: Tables = {table: [] for table in RECORD_TYPES}
    entries: list[tuple[str, Any, str]] = []
    users = set(user_files)
    for name, text in files:
        parsed, found = parse_file(name, text)
        problems.extend(found)
        if name in users and (replaced := _overrides(text)):
            entries, tables, missing = _replace(entries, tables, replaced)
            problems.extend(
                Problem(name, i, f"{OPTIONS}.overrides", "overrides an id no earlier file has")
                for i in sorted(missing)
            )
        for table, records in parsed.items():
            entries.extend((table, record, name) for record in records)
            tables[table].extend(records)
    problems.extend(validate(entries))
    if problems:
        raise DataError(problems)
    return {table: tuple(records) for table, records in tables.items()}


def _replace(
    entries: list[tuple[str, Any, str]], tables: Tables, ids: set[str]
) -> tuple[list[tuple[str, Any, str]], Tables, set[str]]:
    """Drop the earlier records with these ids; return the ids that had none."""
    found = {record.id for _, record, _ in entries} & ids
    kept = [e for e in entries if e[1].id not in ids]
    pruned = {t: [r for r in records if r.id not in ids] for t, records in tables.items()}
    return kept, pruned, ids - found


def verify_local_texts(paths: Iterable[Path], tables: Mapping[str, Iterable[Any]]) -> list[Problem]:
    """Check citations of users' sources that name a local text (``Source.path``, relative
    to the folder of a user's data file): each evidence must be a verbatim snippet of it."""
    problems: list[Problem] = []
    folders = list(dict.fromkeys(path.parent for path in paths))
    texts: dict[str, tuple[str, str]] = {}
    for source in tables.get("sources", ()):
        if source.path is None:
            continue
        text_file = next((f / source.path for f in folders if (f / source.path).is_file()), None)
        if text_file is None:
            problems.append(Problem("?", source.id, "path", f"no text file {source.path!r}"))
            continue
        try:
            texts[source.id] = (text_file.name, _squash(text_file.read_text("utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(text_file.name, source.id, "path", f"cannot read: {exc}"))
    if not texts:
        return problems
    for table, records in tables.items():
        for record in records:
            for index, citation in enumerate(getattr(record, "citations", ())):
                found = texts.get(citation.source)
                if found is not None and _squash(citation.evidence) not in found[1]:
                    problems.append(
                        Problem(
                            found[0],
                            record.id,
                            f"citations[{index}].evidence",
                            f"not found verbatim in {found[0]} ({table})",
                        )
                    )
    return problems


def _squash(text: str) -> str:
    return " ".join(text.split())


def read_files(paths: Iterable[Path]) -> list[tuple[str, str]]:
    """Read data files as ``(name, text)``; unreadable ones raise :class:`DataError`."""
    files, problems = [], []
    for path in paths:
        try:
            files.append((path.name, path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(path.name, None, None, f"cannot read: {exc}"))
    if problems:
        raise DataError(problems)
    return files


def data_files() -> list[Path]:
    """The package's own data files, in load order."""
    from importlib.resources import files

    root = Path(str(files("kzcn") / "data"))
    return sorted(root.glob("*.toml"))


@functools.cache
def _load_package() -> Dataset:
    from . import cache
    from .query import Dataset

    files = read_files(data_files())
    key = cache.cache_key(files)
    cached = cache.read(key)
    if cached is not None:
        return Dataset.from_records(cached)
    tables = load_records(files)
    cache.write(key, tables)
    return Dataset.from_records(tables)


def load(extra: Iterable[str | Path] = ()) -> Dataset:
    """The dataset: the package's data (cached after the first call), plus ``extra`` files.

    Raises :class:`~kzcn.errors.DataError` if any file has a problem.
    """
    extra_paths = [Path(p) for p in extra]
    if not extra_paths:
        return _load_package()
    from .query import Dataset

    missing = [p for p in extra_paths if not p.is_file()]
    if missing:
        raise DataError([Problem(p.name, None, None, f"no such data file: {p}") for p in missing])
    tables = load_records(
        read_files([*data_files(), *extra_paths]), user_files=[p.name for p in extra_paths]
    )
    problems = verify_local_texts(extra_paths, tables)
    if problems:
        raise DataError(problems)
    return Dataset.from_records(tables)
