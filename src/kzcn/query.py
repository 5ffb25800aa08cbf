"""Tables of records and the :class:`Dataset` that holds them, with their queries.

A :class:`Table` is an immutable, ordered collection indexed by id. ``table[id]``
raises ``KeyError`` (naming close ids), ``table.get(id)`` returns ``None``, and
``table.lookup(name)`` finds a record by any of its names, as pycountry does. The four
agree on every id and every renamed id (a redirect): ``id in table`` is
``table.get(id) is not None``, and ``[]``, ``get`` and ``lookup`` give the same record.
A key of another type (``None``, a float, bytes) is a ``TypeError`` naming the table.

A table of a dataset also knows the dataset's other tables (its :class:`Directory`):
``ds.agreements[id]`` of a record that moved to another table in a release finds it
there, with a ``DeprecationWarning``, and ``where()`` on a link field takes the name
or alias of the linked record as well as its id (:func:`identify`).
"""

from __future__ import annotations

import enum
import operator
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, Generic, TypeVar, overload

import attrs

from . import filters
from .dates import Period, as_date
from .records import (
    ANY_TABLE,
    Agreement,
    Figure,
    Project,
    Redirect,
    Source,
    Visit,
    is_dated,
    links,
    when,
)
from .suggest import close_ids, close_matches
from .vocabulary import Direction, FigureKind, Measure, Subject

__all__ = [
    "Directory",
    "FigureTable",
    "Table",
    "Timeline",
    "TimelineEntry",
    "fold",
    "identify",
]

R = TypeVar("R")


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, for lookups."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("-", " ").replace("‐", " ").split())


def _names(record: Any, at: date | None) -> tuple[str, ...]:
    names = getattr(record, "names", None)
    if callable(names):
        found: tuple[str, ...] = names(at)
        codes = getattr(record, "codes", None)
        return (*found, *codes()) if callable(codes) else found
    return tuple(
        value for attr in ("name", "title") if isinstance(value := getattr(record, attr, None), str)
    )


class Directory:
    """The tables of one dataset, as each of its tables sees the others: set once, by
    the dataset that builds them (:class:`Table` only reads it)."""

    __slots__ = ("_tables",)

    def __init__(self) -> None:
        self._tables: Mapping[str, Table[Any]] = MappingProxyType({})

    def bind(self, tables: Mapping[str, Table[Any]]) -> None:
        """Give the directory its tables (once: a dataset's tables never change)."""
        if self._tables:
            raise AttributeError("a directory is bound once")
        self._tables = tables

    @property
    def tables(self) -> Mapping[str, Table[Any]]:
        return self._tables

    def find(self, record_id: str, *, besides: str) -> tuple[str, Any] | None:
        """``(table name, record)`` of the record with this id in a table other than
        ``besides``, or ``None``."""
        for name, table in self._tables.items():
            if name != besides and record_id in table._by_id:  # its own ids, not redirects
                return name, table[record_id]
        return None


class Table(Generic[R]):
    """An ordered, read-only collection of one type of record, indexed by id.

    ``table[id]`` finds a record by id (``table[0]`` by position); ``get``, ``lookup``
    and ``search`` find records by id, name or alias.

    In a dataset, ``table[id]`` also finds a renamed id (a redirect) and the id of a
    record that moved to another table, each with a ``DeprecationWarning`` (see
    ``docs/ids.md``); a moved record is of its new table's type. ``get`` follows
    redirects only.
    """

    __slots__ = (
        "_by_id",
        "_directory",
        "_name_index",
        "_records",
        "_redirects",
        "name",
        "record_type",
    )

    name: str
    record_type: type[R] | None
    _records: tuple[R, ...]
    _by_id: Mapping[str, R]
    _name_index: Mapping[str, tuple[R, ...]] | None
    _redirects: Mapping[str, Redirect]
    _directory: Directory | None

    def __init__(
        self,
        name: str,
        records: Iterable[R],
        record_type: type[R] | None = None,
        redirects: Mapping[str, Redirect] | None = None,
        directory: Directory | None = None,
    ) -> None:
        # Tables are shared by every caller of the cached `kzcn.load()`: they cannot be
        # changed after construction (see __setattr__), not even by calling __init__
        # again, and hand out no mutable state (the indexes are read-only mappings).
        if hasattr(self, "_records"):
            raise AttributeError("tables are read-only; use Dataset.evolve to make a changed copy")
        setter = object.__setattr__
        setter(self, "name", name)
        setter(self, "record_type", record_type)
        try:
            setter(self, "_records", tuple(records))
            by_id = {getattr(r, "id"): r for r in self._records}  # noqa: B009
        except (TypeError, AttributeError):
            given = (
                records
                if not hasattr(self, "_records")
                else next(
                    (r for r in self._records if not isinstance(getattr(r, "id", None), str)),
                    records,
                )
            )
            raise TypeError(
                f"Table({name!r}, records=...): takes an iterable of records (each with an "
                f"id), not {type(given).__name__}"
            ) from None
        setter(self, "_by_id", MappingProxyType(by_id))
        setter(self, "_name_index", None)
        setter(self, "_redirects", MappingProxyType(dict(redirects or {})))
        setter(self, "_directory", directory)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("tables are read-only; use Dataset.evolve to make a changed copy")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("tables are read-only")

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickle and deepcopy rebuild the table from its records (slots and a
        # read-only __setattr__ leave the default protocol nothing to work with).
        return (type(self), (self.name, self._records, self.record_type, dict(self._redirects)))

    def __deepcopy__(self, memo: dict[int, Any]) -> Table[R]:
        return self  # immutable all the way down: a copy would be equal and useless

    def __copy__(self) -> Table[R]:
        return self

    def _derive(self, records: Iterable[R]) -> Table[R]:
        # A query's result still knows the dataset's tables (for names in where()),
        # but only the dataset's own table finds records of other tables.
        return type(self)(self.name, records, self.record_type, self._redirects, self._directory)

    def __iter__(self) -> Iterator[R]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __bool__(self) -> bool:
        return bool(self._records)

    def __contains__(self, item: object) -> bool:
        """``id in table``: whether ``table.get(id)`` finds a record (an id of this
        table, or a renamed id whose record is in it); ``record in table`` for a record.
        Anything else is in no table."""
        if isinstance(item, str):
            return self._own(item) is not None
        return item in self._records

    @overload
    def __getitem__(self, key: str) -> R: ...
    @overload
    def __getitem__(self, key: int) -> R: ...
    @overload
    def __getitem__(self, key: slice) -> tuple[R, ...]: ...
    def __getitem__(self, key: str | int | slice) -> R | tuple[R, ...]:
        if isinstance(key, slice):
            return self._records[key]
        if not isinstance(key, str):
            if hasattr(key, "__index__") and not isinstance(key, bool):  # numpy's ints too
                key = operator.index(key)
                if -len(self._records) <= key < len(self._records):
                    return self._records[key]
                raise IndexError(
                    f"{self.name}[{key}]: no such position; the table holds "
                    f"{len(self._records)} records"
                )
            raise TypeError(f"{self.name}[...]: {_ACCEPTS_KEY}, not {type(key).__name__}")
        found = self._by_id.get(key)
        if found is not None:
            return found
        redirect = self._redirects.get(key)
        if redirect is not None and redirect.to is not None and redirect.to not in self._by_id:
            # renamed and moved to another table: found there, as a moved id is
            found = self._moved(redirect.to, renamed=redirect)
            if found is not None:
                return found
        found = self._follow(key)  # a KeyError with the reason for a removed id
        if found is None:
            found = self._moved(key)
        if found is not None:
            return found
        raise KeyError(f"no record {key!r} in {self.name}{self._hint(key)}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Table):
            return NotImplemented
        return self.name == other.name and self._records == other._records

    def __hash__(self) -> int:
        return hash((self.name, self._records))

    def __repr__(self) -> str:
        return f"<Table {self.name}: {len(self)} records>"

    def get(self, record_id: str, default: R | None = None) -> R | None:
        """The record with this id (following a redirect of a renamed id), or ``default``.

        ``table.get(id)`` finds what ``table[id]`` finds and ``id in table`` says is
        there (the same record), except the deprecated path of ``table[id]`` to a
        record that moved to another table: it looks in this table only, so the record
        it returns is always one of this table's type (a link checked with ``get``
        never finds a record of another table). An id that is not a ``str`` raises
        ``TypeError``: no record has it."""
        if not isinstance(record_id, str):
            raise TypeError(
                f"{self.name}.get(record_id=...): takes a record id (str), "
                f"not {type(record_id).__name__}"
            )
        found = self._by_id.get(record_id)
        if found is None:
            found = self._follow(record_id, missing_ok=True)
        return default if found is None else found

    def _own(self, record_id: str) -> R | None:
        """The record of this table that ``record_id`` names (its id, or a renamed id
        redirected to it), without a warning; ``None`` if none."""
        found = self._by_id.get(record_id)
        if found is None:
            redirect = self._redirects.get(record_id)
            if redirect is not None and redirect.to is not None:
                found = self._by_id.get(redirect.to)
        return found

    def _hint(self, key: str) -> str:
        """Close ids of this table, else of the dataset's other tables (with theirs)."""
        close = [repr(i) for i in close_ids(key, self._by_id)]
        if not close and self._directory is not None:
            others = {
                i: name
                for name, table in self._directory.tables.items()
                if name != self.name
                for i in table.ids
            }
            close = [f"{i!r} (in {others[i]})" for i in close_ids(key, others)]
        return f"; did you mean {', '.join(close)}?" if close else ""

    def _moved(self, record_id: str, *, renamed: Redirect | None = None) -> R | None:
        """The record of the dataset's other table that holds this id (records keep
        their ids when they move between tables), with a DeprecationWarning; with
        ``renamed``, the redirect of the old id that led to it."""
        directory = self._directory
        if directory is None or directory.tables.get(self.name) is not self:
            return None  # not a dataset's own table (a query's result, a bare table)
        found = directory.find(record_id, besides=self.name)
        if found is None:
            return None
        table, record = found
        if renamed is not None:
            message = (
                f"{renamed.id!r} is now {record_id!r} (since data {renamed.since}), a record "
                f"of {table}, not {self.name}: {renamed.reason}; use ds.{table}[{record_id!r}]"
            )
        else:
            message = (
                f"{record_id!r} is a record of {table}, not {self.name} (records keep their "
                f"id when they move to another table); use ds.{table}[{record_id!r}]"
            )
        warnings.warn(message, DeprecationWarning, stacklevel=3)
        moved: R = record
        return moved

    def _follow(self, old: str, *, missing_ok: bool = False) -> R | None:
        """The record a redirected id now names (with a DeprecationWarning); a
        ``KeyError`` with the reason for a removed id; ``None`` for an unknown id."""
        redirect = self._redirects.get(old)
        if redirect is None:
            return None
        target = self._by_id.get(redirect.to) if redirect.to is not None else None
        if target is None:
            if missing_ok:
                return None
            where = f" (now {redirect.to!r}, not in {self.name})" if redirect.to else ""
            raise KeyError(
                f"{old!r} was removed in data {redirect.since}{where}: {redirect.reason}"
            )
        warnings.warn(
            f"{old!r} is now {redirect.to!r} (since data {redirect.since}): {redirect.reason}",
            DeprecationWarning,
            stacklevel=3,
        )
        return target

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._by_id)

    def _index(self) -> Mapping[str, tuple[R, ...]]:
        if self._name_index is None:
            index: dict[str, list[R]] = {}
            for record in self._records:
                for key in {fold(n) for n in _names(record, None)}:
                    index.setdefault(key, []).append(record)
            frozen = {key: tuple(found) for key, found in index.items()}
            object.__setattr__(self, "_name_index", MappingProxyType(frozen))
        assert self._name_index is not None
        return self._name_index

    def search(self, text: str, at: date | str | Period | None = None) -> tuple[R, ...]:
        """Every record whose name, alias or title contains ``text`` (case- and
        accent-insensitive; names in force on ``at`` only, when given), in table order.

        ``kzcn search`` matches the same way; :meth:`lookup` wants a whole name.
        ``text`` is a ``str``, ``at`` a date, a Period or its text (else ``TypeError``).
        """
        if not isinstance(text, str):
            raise TypeError(
                f"{self.name}.search(text=...): takes text (str), not {type(text).__name__}"
            )
        day = _day(f"{self.name}.search(at=...)", at)
        needle = fold(text)
        if not needle:
            return ()
        keys = [key for key in self._index() if needle in key]
        hits = {id(r) for key in keys for r in self._index()[key]}
        return tuple(
            r
            for r in self._records
            if id(r) in hits and (day is None or any(needle in fold(n) for n in _names(r, day)))
        )

    def _exact(self, name: str, day: date | None) -> tuple[R, ...]:
        found = self._index().get(fold(name), ())
        if day is None:
            return found
        return tuple(r for r in found if fold(name) in {fold(n) for n in _names(r, day)})

    def lookup(self, name: str, at: date | str | Period | None = None) -> R:
        """The one record with this id, name or alias; ``KeyError`` if none or several.

        An id finds what ``table.get(id)`` finds (a renamed id followed, with a
        ``DeprecationWarning``); a removed id raises ``KeyError`` with the reason, as
        ``table[id]`` does. ``name`` is a ``str``, ``at`` a date, a Period or its text
        (else ``TypeError``)."""
        if not isinstance(name, str):
            raise TypeError(
                f"{self.name}.lookup(name=...): takes an id, a name or an alias (str), "
                f"not {type(name).__name__}"
            )
        day = _day(f"{self.name}.lookup(at=...)", at)
        if name in self._by_id:
            return self._by_id[name]
        if name in self._redirects:
            followed = self._follow(name)  # a KeyError with the reason for a removed id
            if followed is not None:
                return followed
        found = self._exact(name, day)
        if len(found) == 1:
            return found[0]
        if found:
            ids = ", ".join(getattr(r, "id") for r in found)  # noqa: B009
            raise KeyError(f"{name!r} is ambiguous in {self.name}: {ids}")
        close = close_matches(fold(name), self._index(), n=3)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise KeyError(f"no record named {name!r} in {self.name}{hint}")

    def where(self, **conditions: object) -> Table[R]:
        """Records whose fields equal the given values (every condition holds).

        Each value must be of a type the field holds, else ``TypeError`` (one line
        naming the argument and what it takes; see :mod:`kzcn.filters`):

        - an id or text field takes a ``str``;
        - an enum field takes a member of its enum or its text value (``kind="state"``);
        - a period field takes a :class:`~kzcn.dates.Period` or its text (``"2019-H1"``;
          :meth:`between` takes a range of dates);
        - an amount takes an :class:`~kzcn.units.Amount` or its text
          (``amount="5.08 billion RUB"``: the same number, digits and unit);
        - a whole number an ``int``, a number a finite ``int`` or ``float``;
        - ``None`` only for an optional field: the records that leave it empty.

        For a list field (``people``, ``parties``, ``roles``...) the condition holds when
        the value is one of its items: it takes one value, not a list (chain
        ``where()`` for the records with each of several). On a link field
        (``people``, ``place``, ``parties``...) of a dataset's table, the value may be
        the linked record's id, name or alias (``where(people="Xi Jinping")``); one that
        names no record the field may link to (an id of another table included: it
        would match nothing) raises ``KeyError`` with close names; a field that links
        to any record (``related``, ``refers_to``, an erratum's ``record``) takes an id
        of any table.
        Text that no value of the field can equal (``kind="stat"``,
        ``amount="44 billion"``, without a unit) raises ``ValueError``. A field the
        records do not have raises ``TypeError``, as does any condition on a table
        whose record type is unknown (no ``record_type``, no records, and not the
        name of a dataset's table).
        """
        if not conditions:
            return self._derive(self._records)
        kind = self._kind()
        if kind is None:
            raise TypeError(
                f"{self.name}: no record type to check {', '.join(map(repr, conditions))} "
                "against; give Table a record_type"
            )
        fields = attrs.fields_dict(kind)
        unknown = sorted(set(conditions) - set(fields))
        if unknown:
            close = close_matches(unknown[0], fields, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise TypeError(
                f"{self.name} has no field {', '.join(map(repr, unknown))}{hint}; "
                f"fields: {', '.join(sorted(fields))}"
            )
        wanted = {}
        for name, value in conditions.items():
            where = f"{self.name}.where({name}=...)"
            value = filters.wanted(where, fields[name], value)
            wanted[name] = self._linked_id(where, value, fields[name].metadata.get("link"))
        return self._derive(r for r in self._records if _matches(r, wanted))

    def _kind(self) -> type[Any] | None:
        if self.record_type is not None:
            return self.record_type
        if self._records:
            return type(self._records[0])
        from .dataset import RECORD_TYPES  # a bare Table("figures", []) holds figures

        return RECORD_TYPES.get(self.name)

    def _linked_id(self, where: str, value: object, allowed: tuple[str, ...] | None) -> object:
        """The id a condition on a link field means (its value, or the id of the record
        it names, among the tables the field links to); the value itself for any other
        field, or outside a dataset."""
        if not allowed or not isinstance(value, str) or self._directory is None:
            return value
        tables = self._directory.tables
        # A field that links to any record takes an id of any table, sources too: "the
        # errata of this record" is asked of every record, and is empty for a source.
        names = list(tables) if ANY_TABLE in allowed else allowed
        targets = [tables[n] for n in names if n in tables]
        try:
            return identify(value, targets, what=_label(names))
        except KeyError as exc:
            other = next((n for n, t in tables.items() if n not in names and value in t), None)
            if other is not None:
                # an id of the dataset the field cannot hold would match nothing
                raise KeyError(
                    f"{where}: {value!r} is a record of {other}; the field links to "
                    f"{', '.join(names)}"
                ) from None
            raise KeyError(f"{where}: {exc.args[0]}") from None

    def between(self, start: date | str | Period, end: date | str | Period) -> Table[R]:
        """Records whose date overlaps ``start``..``end`` (inclusive; each a date, a
        Period or its text like ``2019``). A range that ends before it starts raises
        ``ValueError``: it would hold nothing."""
        if self.record_type is not None and not is_dated(self.record_type):
            # no record of it could overlap any range: an empty answer would be silent
            raise TypeError(f"{self.name}.between(): {self.name} have no dates to filter by")
        lo = _day(f"{self.name}.between(start=...)", start)
        hi = _day(f"{self.name}.between(end=...)", end, end=True)
        if lo is None or hi is None:
            missing = "start" if lo is None else "end"
            raise TypeError(
                f"{self.name}.between({missing}=...): takes a date, a Period or its text, "
                "not None (for an open range give '0001' or '9999')"
            )
        if lo > hi:
            raise ValueError(
                f"{self.name}.between({start!s}, {end!s}): an empty range (it ends before "
                "it starts)"
            )
        return self._derive(
            r for r in self._records if (p := when(r)) is not None and p.start <= hi and lo <= p.end
        )

    def by_source(self, source: str) -> Table[R]:
        """Records that cite the source with this id (in a dataset's table, also its
        title; an unknown source raises ``KeyError`` with close ids)."""
        source = self._source_id(f"{self.name}.by_source(source=...)", source)
        return self._derive(
            r for r in self._records if any(c.source == source for c in getattr(r, "citations", ()))
        )

    def _source_id(self, where: str, source: object) -> str:
        """The id of the source ``source`` names: checked against the dataset's sources
        when the table has them (outside a dataset, any text is taken as an id)."""
        if not isinstance(source, str):
            raise TypeError(f"{where}: takes a source id (str), not {type(source).__name__}")
        if self._directory is None or "sources" not in self._directory.tables:
            return source
        try:
            return identify(source, [self._directory.tables["sources"]], what="source")
        except KeyError as exc:
            raise KeyError(f"{where}: {exc.args[0]}") from None

    def involving(self, record_id: str) -> Table[R]:
        """Records that link to ``record_id`` in any link field (in a dataset's table,
        ``record_id`` may also be a name or alias, or a renamed id; one that names no
        record raises ``KeyError`` with close names)."""
        where = f"{self.name}.involving(record_id=...)"
        if not isinstance(record_id, str):
            raise TypeError(f"{where}: takes a record id (str), not {type(record_id).__name__}")
        if self._directory is not None and self._directory.tables:
            try:
                record_id = identify(record_id, self._directory.tables.values())
            except KeyError as exc:
                raise KeyError(f"{where}: {exc.args[0]}") from None
        return self._derive(
            r for r in self._records if any(target == record_id for _, target, _ in links(r))
        )

    def sorted(self) -> Table[R]:
        """The records in date order (undated last), ties kept in table order."""
        return self._derive(sorted(self._records, key=_date_key))

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` with the columns of the CSV export (needs pandas);
        see :mod:`kzcn.export.pandas`."""
        from .export.pandas import to_pandas

        return to_pandas(self)


def identify(value: str, tables: Iterable[Table[Any]], *, what: str = "record") -> str:
    """The id of the one record of ``tables`` whose id, name or alias is ``value``
    (names and aliases case- and accent-insensitive, as :meth:`Table.lookup`; a
    renamed id followed with a ``DeprecationWarning``; an id in another case).

    Raises ``KeyError`` whose message (``args[0]``) names close names and ids when no
    record has ``value``, or the records when several do. ``what`` names the kind of
    record in the message (``"person"``). :meth:`kzcn.Dataset.id_of` calls this.
    """
    if not isinstance(value, str):
        raise TypeError(
            f"identify(value=...): takes an id, a name or an alias (str), "
            f"not {type(value).__name__}"
        )
    tables = list(tables)
    for table in tables:
        if value in table._by_id:
            return value
    found: dict[str, Any] = {}
    for table in tables:
        for record in table._exact(value, None):
            found.setdefault(getattr(record, "id"), record)  # noqa: B009
    if not found and value.lower() != value:
        # ids are lower-case slugs: an id written in capitals is found as a name would be
        for table in tables:
            if value.lower() in table._by_id:
                return value.lower()
    if not found:
        for table in tables:
            followed = table._follow(value, missing_ok=True)
            if followed is not None:
                return str(getattr(followed, "id"))  # noqa: B009
    if len(found) == 1:
        return next(iter(found))
    if found:
        raise KeyError(f"{value!r} names several records: {', '.join(sorted(found))}")
    shown: dict[str, tuple[str, str]] = {}  # folded name or id -> (record id, as shown)
    for table in tables:
        for record in table:
            rid = getattr(record, "id")  # noqa: B009
            for name in _names(record, None):
                shown.setdefault(fold(name), (rid, f"{name!r} ({rid})"))
            shown.setdefault(rid, (rid, repr(rid)))
    best: dict[str, str] = {}  # one suggestion per record, its closest name first
    for key in close_matches(fold(value), shown, n=12):
        rid, text = shown[key]
        best.setdefault(rid, text)
    close = list(best.values())[:3]
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise KeyError(f"no {what} {value!r}{hint}")


_ACCEPTS_KEY = "takes a record id (str) or a position (int)"


def _day(where: str, value: date | str | Period | None, *, end: bool = False) -> date | None:
    """:func:`~kzcn.dates.as_date` of an optional date argument, its errors naming it."""
    if value is None:
        return None
    try:
        return as_date(value, end=end)
    except (TypeError, ValueError) as exc:
        raise type(exc)(f"{where}: {exc}") from None


def _label(tables: Iterable[str]) -> str:
    """What one record of ``tables`` is called in a message ("person", or "record")."""
    from .dataset import TABLES

    labels = {spec.label for spec in TABLES if spec.name in tables}
    return labels.pop() if len(labels) == 1 else "record"


def _date_key(record: object) -> tuple[int, date, date]:
    period = when(record)
    return (1, date.max, date.max) if period is None else (0, period.start, period.end)


def _matches(record: object, conditions: dict[str, object]) -> bool:
    for field, wanted in conditions.items():
        value = getattr(record, field)
        values = value if isinstance(value, tuple) else (value,)
        if not any(_equal(item, wanted) for item in values):
            return False
    return True


def _equal(value: object, wanted: object) -> bool:
    if value == wanted:
        return True
    enum_value = getattr(value, "value", None)
    if enum_value is not None and enum_value == wanted:
        return True
    return isinstance(value, Period) and isinstance(wanted, str) and str(value) == wanted


class FigureTable(Table[Figure]):
    """The figures, with time series."""

    __slots__ = ()

    def series(
        self,
        subject: Subject | str,
        *,
        direction: Direction | str | None = None,
        kind: FigureKind | str | None = FigureKind.ACTUAL,
        measure: Measure | str = Measure.LEVEL,
        source: str | None = None,
    ) -> FigureTable:
        """Figures of one subject, in period order (then by source), as a table.

        ``subject``, ``direction``, ``kind`` and ``measure`` each take a member of their
        enum or its text value (``"trade"``); ``kind=None`` keeps targets and forecasts
        too, ``direction=None`` keeps all. ``source`` takes a source id (in a dataset,
        an unknown one raises ``KeyError`` with close ids). Any other value raises
        ``TypeError`` or ``ValueError`` naming the argument.
        """
        wanted_subject = _member(Subject, subject, "subject")
        wanted_measure = _member(Measure, measure, "measure")
        wanted_direction = None if direction is None else _member(Direction, direction, "direction")
        wanted_kind = None if kind is None else _member(FigureKind, kind, "kind")
        if source is not None:
            source = self._source_id(f"{self.name}.series(source=...)", source)
        found = [
            f
            for f in self
            if f.subject is wanted_subject
            and f.measure is wanted_measure
            and (wanted_direction is None or f.direction is wanted_direction)
            and (wanted_kind is None or f.kind is wanted_kind)
            and (source is None or any(c.source == source for c in f.citations))
        ]
        ordered = sorted(found, key=lambda f: (f.period, f.citations[0].source))
        # a table of the dataset still (names in where(), renamed ids in [])
        series: FigureTable = self._derive(ordered)  # type: ignore[assignment]
        return series


E = TypeVar("E", bound=enum.Enum)


def _member(vocabulary: type[E], value: object, argument: str) -> E:
    """The member of ``vocabulary`` that ``value`` (a member or its text value) is, or an
    error naming ``argument`` of ``series()``."""
    if isinstance(value, vocabulary):
        return value
    choices = [str(m.value) for m in vocabulary]
    where = f"figures.series({argument}=...)"
    if not isinstance(value, str):
        given = type(value).__name__
        raise TypeError(f"{where}: takes a {vocabulary.__name__} or its text value, not {given}")
    if value not in choices:
        close = close_matches(value, choices, n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise ValueError(
            f"{where}: {value!r} is not a valid {vocabulary.__name__}{hint}; "
            f"choices: {', '.join(choices)}"
        )
    return vocabulary(value)


@attrs.frozen
class TimelineEntry:
    """One dated record on the timeline."""

    period: Period
    table: str
    record: Visit | Agreement | Project | Figure | Source


class Timeline(tuple[TimelineEntry, ...]):
    """Timeline entries in date order: a tuple (iterable, indexable) that also converts
    to a ``pandas.DataFrame``."""

    __slots__ = ()

    def to_pandas(self) -> Any:
        """A ``DataFrame`` of the entries: table, id, title and the period's columns
        (needs pandas); see :mod:`kzcn.export.pandas`."""
        from .export.pandas import timeline_to_pandas

        return timeline_to_pandas(self)
