"""Tables of records and the :class:`Dataset` that holds them, with their queries.

A :class:`Table` is an immutable, ordered collection indexed by id. ``table[id]``
raises ``KeyError`` (naming close ids), ``table.get(id)`` returns ``None``, and
``table.lookup(name)`` finds a record by any of its names, as pycountry does.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

import attrs

from .dates import Period
from .records import (
    Agreement,
    Erratum,
    Figure,
    Organization,
    Person,
    Place,
    Project,
    Source,
    Visit,
    links,
    when,
)
from .vocabulary import Direction, FigureKind, Measure, Subject

if TYPE_CHECKING:
    from .checks import Finding

__all__ = ["Dataset", "FigureTable", "Table", "TimelineEntry", "fold"]

R = TypeVar("R")


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, for lookups."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("-", " ").replace("‐", " ").split())


def _as_date(value: date | str | Period, *, end: bool) -> date:
    if isinstance(value, str):
        value = Period.parse(value)
    if isinstance(value, Period):
        return value.end if end else value.start
    return value


def _names(record: Any, at: date | None) -> tuple[str, ...]:
    names = getattr(record, "names", None)
    if callable(names):
        found: tuple[str, ...] = names(at)
        return found
    return tuple(
        value for attr in ("name", "title") if isinstance(value := getattr(record, attr, None), str)
    )


class Table(Generic[R]):
    """An ordered, read-only collection of one type of record, indexed by id."""

    __slots__ = ("_by_id", "_name_index", "_records", "name")

    name: str
    _records: tuple[R, ...]
    _by_id: dict[str, R]
    _name_index: dict[str, tuple[R, ...]] | None

    def __init__(self, name: str, records: Iterable[R]) -> None:
        # Tables are shared by every caller of the cached `kzcn.load()`: they cannot be
        # changed after construction (see __setattr__), and hand out no mutable state.
        setter = object.__setattr__
        setter(self, "name", name)
        setter(self, "_records", tuple(records))
        setter(self, "_by_id", {getattr(r, "id"): r for r in self._records})  # noqa: B009
        setter(self, "_name_index", None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("tables are read-only; use Dataset.evolve to make a changed copy")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("tables are read-only")

    def _derive(self, records: Iterable[R]) -> Table[R]:
        return type(self)(self.name, records)

    def __iter__(self) -> Iterator[R]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __bool__(self) -> bool:
        return bool(self._records)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._by_id
        return item in self._records

    def __getitem__(self, record_id: str) -> R:
        try:
            return self._by_id[record_id]
        except KeyError:
            close = difflib.get_close_matches(str(record_id), self._by_id, n=3)
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            raise KeyError(f"no record {record_id!r} in {self.name}{hint}") from None

    def __repr__(self) -> str:
        return f"<Table {self.name}: {len(self)} records>"

    def get(self, record_id: str, default: R | None = None) -> R | None:
        """The record with this id, or ``default``."""
        return self._by_id.get(record_id, default)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._by_id)

    def _index(self) -> dict[str, tuple[R, ...]]:
        if self._name_index is None:
            index: dict[str, list[R]] = {}
            for record in self._records:
                for key in {fold(n) for n in _names(record, None)}:
                    index.setdefault(key, []).append(record)
            object.__setattr__(
                self, "_name_index", {key: tuple(found) for key, found in index.items()}
            )
        assert self._name_index is not None
        return self._name_index

    def search(self, name: str, at: date | str | None = None) -> tuple[R, ...]:
        """Every record with this name or alias (in force on ``at`` when given)."""
        found = self._index().get(fold(name), ())
        if at is None:
            return found
        day = _as_date(at, end=False)
        return tuple(r for r in found if fold(name) in {fold(n) for n in _names(r, day)})

    def lookup(self, name: str, at: date | str | None = None) -> R:
        """The one record with this id, name or alias; ``KeyError`` if none or several."""
        if name in self._by_id:
            return self._by_id[name]
        found = self.search(name, at)
        if len(found) == 1:
            return found[0]
        if found:
            ids = ", ".join(getattr(r, "id") for r in found)  # noqa: B009
            raise KeyError(f"{name!r} is ambiguous in {self.name}: {ids}")
        close = difflib.get_close_matches(fold(name), self._index(), n=3)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise KeyError(f"no record named {name!r} in {self.name}{hint}")

    def where(self, **conditions: object) -> Table[R]:
        """Records whose fields equal the given values.

        A value may be an enum member or its text value; for a tuple field the
        condition holds when the value is one of its items.
        """
        if not self._records:
            return self
        names = {f.name for f in attrs.fields(type(self._records[0]))}  # type: ignore[arg-type]
        unknown = sorted(set(conditions) - names)
        if unknown:
            raise TypeError(
                f"{self.name} has no field {', '.join(unknown)}; fields: {sorted(names)}"
            )
        return self._derive(r for r in self._records if _matches(r, conditions))

    def between(self, start: date | str | Period, end: date | str | Period) -> Table[R]:
        """Records whose date overlaps ``start``..``end`` (inclusive; text like ``2019``)."""
        lo, hi = _as_date(start, end=False), _as_date(end, end=True)
        return self._derive(
            r for r in self._records if (p := when(r)) is not None and p.start <= hi and lo <= p.end
        )

    def by_source(self, source: str) -> Table[R]:
        """Records that cite the source with this id."""
        return self._derive(
            r for r in self._records if any(c.source == source for c in getattr(r, "citations", ()))
        )

    def involving(self, record_id: str) -> Table[R]:
        """Records that link to ``record_id`` in any link field."""
        return self._derive(
            r for r in self._records if any(target == record_id for _, target, _ in links(r))
        )

    def sorted(self) -> Table[R]:
        """The records in date order (undated last), ties kept in table order."""
        return self._derive(sorted(self._records, key=_date_key))


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
    ) -> tuple[Figure, ...]:
        """Figures of one subject, in period order (then by source).

        ``kind=None`` keeps targets and forecasts too; ``direction=None`` keeps all.
        """
        subject = Subject(subject)
        found = [
            f
            for f in self
            if f.subject is subject
            and f.measure is Measure(measure)
            and (direction is None or f.direction is Direction(direction))
            and (kind is None or f.kind is FigureKind(kind))
            and (source is None or any(c.source == source for c in f.citations))
        ]
        return tuple(sorted(found, key=lambda f: (f.period, f.citations[0].source)))


@attrs.frozen
class TimelineEntry:
    """One dated record on the timeline."""

    period: Period
    table: str
    record: Visit | Agreement | Project | Figure | Source


@attrs.frozen(eq=False)
class Dataset:
    """All tables of the data. Build it with :func:`kzcn.load`."""

    sources: Table[Source]
    people: Table[Person]
    places: Table[Place]
    organizations: Table[Organization]
    visits: Table[Visit]
    agreements: Table[Agreement]
    projects: Table[Project]
    figures: FigureTable
    errata: Table[Erratum]

    @classmethod
    def from_records(cls, tables: Mapping[str, Sequence[Any]]) -> Dataset:
        return cls(
            sources=Table("sources", tables.get("sources", ())),
            people=Table("people", tables.get("people", ())),
            places=Table("places", tables.get("places", ())),
            organizations=Table("organizations", tables.get("organizations", ())),
            visits=Table("visits", tables.get("visits", ())),
            agreements=Table("agreements", tables.get("agreements", ())),
            projects=Table("projects", tables.get("projects", ())),
            figures=FigureTable("figures", tables.get("figures", ())),
            errata=Table("errata", tables.get("errata", ())),
        )

    def evolve(self, *records: Any, remove: Iterable[str] = ()) -> Dataset:
        """A copy with ``records`` added, or replacing the records that have their ids,
        and the ids in ``remove`` dropped. The original dataset is unchanged.

        Meant for what-if analysis and for testing checks; the copy is not re-validated.
        """
        dropped = set(remove)
        replacing: dict[str, dict[str, Any]] = {}
        for record in records:
            replacing.setdefault(type(record).table, {})[record.id] = record
        tables: dict[str, list[Any]] = {}
        for name, table in self.tables.items():
            new = replacing.get(name, {})
            kept = [new.pop(r.id, r) for r in table if r.id not in dropped]
            tables[name] = kept + list(new.values())
        return Dataset.from_records(tables)

    @property
    def tables(self) -> dict[str, Table[Any]]:
        """Table name -> table, in the documented order."""
        return {name: getattr(self, name) for name in _table_names(type(self))}

    @overload
    def get(self, record_id: str) -> Any | None: ...
    @overload
    def get(self, record_id: str, default: R) -> Any | R: ...
    def get(self, record_id: str, default: object = None) -> object:
        """The record with this id in any table, or ``default``."""
        for name in _table_names(type(self)):
            found = getattr(self, name).get(record_id)
            if found is not None:
                return found
        return default

    def __getitem__(self, record_id: str) -> Any:
        found = self.get(record_id)
        if found is None:
            all_ids = [i for t in self.tables.values() for i in t.ids]
            close = difflib.get_close_matches(record_id, all_ids, n=3)
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            raise KeyError(f"no record {record_id!r}{hint}")
        return found

    def timeline(
        self,
        start: date | str | Period | None = None,
        end: date | str | Period | None = None,
        *,
        person: str | None = None,
        tables: Iterable[str] = ("visits", "agreements", "projects"),
    ) -> tuple[TimelineEntry, ...]:
        """Dated records of the given tables merged in date order."""
        lo = _as_date(start, end=False) if start is not None else date.min
        hi = _as_date(end, end=True) if end is not None else date.max
        entries = []
        for name in tables:
            for record in self.tables[name]:
                period = when(record)
                if period is None or period.end < lo or period.start > hi:
                    continue
                if person is not None and person not in {t for _, t, _ in links(record)}:
                    continue
                entries.append(TimelineEntry(period, name, record))
        return tuple(sorted(entries, key=lambda e: (e.period, e.table, e.record.id)))

    def check(self) -> list[Finding]:
        """Run every consistency check; see :mod:`kzcn.checks`."""
        from .checks import run_checks

        return run_checks(self)

    def citing(self, source: str) -> int:
        """How many records (in every table but ``sources``) cite the source ``source``."""
        return sum(len(t.by_source(source)) for name, t in self.tables.items() if name != "sources")

    def summary(self) -> dict[str, Any]:
        """Counts per table, source ids and the span of dated records."""
        periods = [p for t in self.tables.values() for r in t if (p := when(r)) is not None]
        return {
            "tables": {name: len(table) for name, table in self.tables.items()},
            "sources": [s.id for s in self.sources],
            "first": min(p.start for p in periods).isoformat() if periods else None,
            "last": max(p.end for p in periods).isoformat() if periods else None,
        }


_TABLE_NAMES: dict[type[Dataset], tuple[str, ...]] = {}


def _table_names(cls: type[Dataset]) -> tuple[str, ...]:
    """The table fields of a dataset class, in order (read once per class, not per call)."""
    names = _TABLE_NAMES.get(cls)
    if names is None:
        names = _TABLE_NAMES[cls] = tuple(f.name for f in attrs.fields(cls))
    return names
