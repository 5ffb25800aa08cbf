"""The dataset and its table registry: one declaration per table.

Each table is one line in the body of :class:`Dataset`::

    figures: Spec[FigureTable] = Spec(Figure, "figure", FigureTable)

That line names the table (the attribute), its record class, its label and the class
of its table, and its place in the body is its order. Everything else that knows the
tables (the loader, the link targets, the CLI's choices, the data dictionary, the
exports) reads :data:`TABLES`, so adding a table is one record class and one line here.
"""

from __future__ import annotations

import _thread
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Generic, TypeVar, overload

from .dates import Period, as_date
from .query import Directory, FigureTable, Table, Timeline, TimelineEntry, identify
from .quotes import Evidence
from .records import (
    ANY_TABLE,
    Agreement,
    Erratum,
    Event,
    Figure,
    Organization,
    Person,
    Place,
    Project,
    Redirect,
    Source,
    Visit,
    links,
    when,
)
from .suggest import close_ids

if TYPE_CHECKING:
    from .checks import Finding
    from .resolve import Resolution

__all__ = ["RECORD_TYPES", "TABLES", "Dataset", "Evidence", "Spec", "table_of"]

T = TypeVar("T", bound=Table[Any])
D = TypeVar("D", bound="Dataset")


class Spec(Generic[T]):
    """One table of the dataset: its record class, label and table class.

    Declared in the body of :class:`Dataset`; the attribute's name is the table's name.
    """

    __slots__ = ("label", "name", "record", "table")

    def __init__(self, record: type[Any], label: str, table: type[Any] = Table) -> None:
        self.record = record
        self.label = label
        self.table: type[Any] = table
        self.name = ""

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> Spec[T]: ...
    @overload
    def __get__(self, instance: Dataset, owner: type[Any]) -> T: ...
    def __get__(self, instance: Dataset | None, owner: type[Any]) -> Spec[T] | T:
        if instance is None:
            return self
        table: T = instance._tables[self.name]  # type: ignore[assignment]
        return table

    def build(
        self,
        records: Iterable[Any],
        redirects: Mapping[str, Redirect] | None = None,
        directory: Directory | None = None,
    ) -> T:
        """A table of this kind holding ``records`` (in a dataset whose tables
        ``directory`` lists)."""
        built: T = self.table(self.name, records, self.record, redirects, directory)
        return built

    def __repr__(self) -> str:
        return f"<Spec {self.name}: {self.record.__name__}>"


class Dataset:
    """All tables of the data. Build it with :func:`kzcn.load`.

    Tables are attributes (``ds.figures``) and ``ds.tables`` lists them in order;
    ``ds[id]`` finds a record in any table. A dataset is immutable: :meth:`evolve`
    makes a changed copy.

    Everything a check needs to know lives on the dataset: its records, the ids
    redirected, which view it is (:attr:`resolution`) and which citations were checked
    against their texts (:attr:`verified`). Nothing the process did before (another
    dataset loaded, verified or checked) changes what a dataset's checks report.
    """

    sources: Spec[Table[Source]] = Spec(Source, "source")
    people: Spec[Table[Person]] = Spec(Person, "person")
    places: Spec[Table[Place]] = Spec(Place, "place")
    organizations: Spec[Table[Organization]] = Spec(Organization, "organization")
    events: Spec[Table[Event]] = Spec(Event, "event")
    visits: Spec[Table[Visit]] = Spec(Visit, "visit")
    agreements: Spec[Table[Agreement]] = Spec(Agreement, "agreement")
    projects: Spec[Table[Project]] = Spec(Project, "project")
    figures: Spec[FigureTable] = Spec(Figure, "figure", FigureTable)
    errata: Spec[Table[Erratum]] = Spec(Erratum, "erratum")

    __slots__ = ("_redirects", "_resolution", "_tables", "_trusted", "_verified")

    _tables: Mapping[str, Table[Any]]
    _resolution: Resolution | None
    _redirects: Mapping[str, Redirect]
    _verified: frozenset[Evidence]
    _trusted: bool  # its own citations count as verified (added to _verified on first use)

    def __init__(
        self,
        tables: Mapping[str, Table[Any]],
        resolution: Resolution | None = None,
        redirects: Iterable[Redirect] = (),
        *,
        verified: Iterable[Evidence] = (),
        trusted: bool = False,
    ) -> None:
        if hasattr(self, "_tables"):
            raise AttributeError("a dataset is read-only; use evolve() to make a changed copy")
        unknown = set(tables) - set(RECORD_TYPES)
        if unknown:
            raise KeyError(f"unknown table(s): {', '.join(sorted(unknown))}")
        built = {
            spec.name: table if (table := tables.get(spec.name)) is not None else spec.build(())
            for spec in TABLES
        }
        object.__setattr__(self, "_tables", MappingProxyType(built))
        object.__setattr__(self, "_resolution", resolution)
        object.__setattr__(self, "_redirects", MappingProxyType({r.id: r for r in redirects}))
        object.__setattr__(self, "_verified", frozenset(verified))
        object.__setattr__(self, "_trusted", trusted)

    def _changed(self: D, **slots: Any) -> D:
        """A copy sharing this dataset's tables (built or not), with ``slots`` replaced."""
        copy = object.__new__(type(self))
        for name in Dataset.__slots__:
            object.__setattr__(copy, name, slots.get(name.lstrip("_"), getattr(self, name)))
        return copy

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a dataset is read-only; use evolve() to make a changed copy")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("a dataset is read-only")

    def __reduce__(self) -> tuple[Any, ...]:
        parts = (dict(self._tables), self._resolution, tuple(self._redirects.values()))
        return (_restore, (type(self), *parts, self.verified))

    def __deepcopy__(self, memo: dict[int, Any]) -> Dataset:
        return self  # immutable: nothing a copy could protect

    def __copy__(self) -> Dataset:
        return self

    def __repr__(self) -> str:
        counts = ", ".join(f"{n}={len(t)}" for n, t in self._tables.items())
        view = "resolved" if self._resolution is not None else "claims"
        return f"<Dataset ({view}) {counts}>"

    @classmethod
    def from_records(
        cls: type[D],
        tables: Mapping[str, Iterable[Any]],
        redirects: Iterable[Redirect] = (),
        *,
        verified: Iterable[Evidence] = (),
        trusted: bool = False,
    ) -> D:
        """A dataset from table name -> records (tables not given are empty), with the
        redirects of ids that no longer name a record (given apart, or under the key
        ``"redirects"`` as :func:`kzcn.loader.load_records` returns them).

        ``verified`` is the evidence already checked against its texts (see
        :attr:`verified`); ``trusted`` says every citation of these records was (the
        package's data, checked when it was built)."""
        if not isinstance(tables, Mapping):
            raise TypeError(
                f"from_records(tables=...): takes a mapping of table names to records, "
                f"not {type(tables).__name__}"
            )
        unknown = set(tables) - set(RECORD_TYPES) - {"redirects"}
        if unknown:
            raise KeyError(f"unknown table(s): {', '.join(sorted(map(str, unknown)))}")
        redirects = (*_records_of("redirects", redirects), *tables.get("redirects", ()))
        tables = {name: _records_of(name, records) for name, records in tables.items()}
        index = {r.id: r for r in redirects}
        directory = Directory()
        built = {
            spec.name: spec.build(tables.get(spec.name, ()), index, directory) for spec in TABLES
        }
        directory.bind(MappingProxyType(built))
        return cls(built, None, redirects, verified=verified, trusted=trusted)

    @classmethod
    def lazy(
        cls: type[D],
        factories: Mapping[str, Callable[[], Iterable[Any]]],
        *,
        trusted: bool = False,
    ) -> D:
        """A dataset whose tables are built on first use from ``factories`` (table name,
        or ``"redirects"``, -> a function giving its records); ``trusted`` as for
        :meth:`from_records`."""
        redirects = tuple(factories["redirects"]()) if "redirects" in factories else ()
        index = {r.id: r for r in redirects}
        dataset = cls({}, None, redirects, trusted=trusted)
        object.__setattr__(dataset, "_tables", _LazyTables(factories, index))
        return dataset

    @property
    def redirects(self) -> Mapping[str, Redirect]:
        """Old id -> :class:`~kzcn.records.Redirect`, for ids that no longer name a record."""
        return self._redirects

    @property
    def verified(self) -> frozenset[Evidence]:
        """The citations checked verbatim against their texts, as
        :data:`Evidence` triples: for the package's data, every citation of a shipped
        source (checked when the data was built); plus what
        :func:`kzcn.verify.with_texts` (``kzcn.load(texts=DIR)``) found. The
        ``unverified-evidence`` check reads this and nothing else."""
        if self._trusted:
            from .quotes import quoted

            # Computed on first use (a load that never checks never pays for it); two
            # threads may both compute it, and get the same set.
            own = quoted(self._tables.values(), self._tables["sources"])
            object.__setattr__(self, "_verified", self._verified | own)
            object.__setattr__(self, "_trusted", False)
        return self._verified

    def with_verified(self: D, evidence: Iterable[Evidence]) -> D:
        """A copy of this dataset (the same tables and view) that also counts
        ``evidence`` as checked against its texts; see :attr:`verified`. Each item is
        an :data:`Evidence` triple of text (else ``TypeError``: a string given for the
        iterable would count its letters)."""
        items = () if isinstance(evidence, str) else tuple(evidence)
        bad = next((e for e in items if not _is_evidence(e)), None)
        if isinstance(evidence, str) or bad is not None:
            shown = type(evidence if bad is None else bad).__name__
            raise TypeError(
                "with_verified(evidence=...): takes an iterable of (source id, SHA-256 of "
                f"the text, snippet) triples of str; got a {shown}"
            )
        return self._changed(verified=self.verified | frozenset(items), trusted=False)

    def evolve(self: D, *records: Any, remove: Iterable[str] = ()) -> D:
        """A copy with ``records`` added, or replacing the records that have their ids,
        and the ids in ``remove`` dropped. The original dataset is unchanged.

        Meant for what-if analysis and for testing checks; the copy is not re-validated.
        Two records with one id are an error, as they are in a data file.

        The copy is the same view as this dataset: evolving the resolved view gives a
        resolved view (a record added to it is a thing of its own, its own claim), and
        what was verified stays verified.

        ``remove`` is one id (a ``str``) or an iterable of ids; an id no table holds
        raises ``KeyError`` with close ids (removing it would change nothing).
        """
        dropped = {remove} if isinstance(remove, str) else set(remove)
        held = {i for table in self._tables.values() for i in table.ids}
        for record_id in sorted(dropped - held, key=str):
            _check_id("evolve(remove=...)", record_id)
            close = close_ids(record_id, held)
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            raise KeyError(f"evolve(remove=...): no record {record_id!r}{hint}")
        replacing: dict[str, dict[str, Any]] = {}
        for record in records:
            new = replacing.setdefault(table_of(record), {})
            if record.id in new:
                raise ValueError(f"evolve() got two records with id {record.id!r}")
            new[record.id] = record
        tables: dict[str, list[Any]] = {}
        for name, table in self.tables.items():
            new = replacing.get(name, {})
            kept = [new.pop(r.id, r) for r in table if r.id not in dropped]
            tables[name] = kept + list(new.values())
        evolved = type(self).from_records(tables, self._redirects.values(), verified=self.verified)
        if self._resolution is None:
            return evolved
        placed = {r.id: (name, r) for name, rows in tables.items() for r in rows}
        return evolved._changed(resolution=self._resolution.evolved(placed))

    @property
    def tables(self) -> dict[str, Table[Any]]:
        """Table name -> table, in the documented order."""
        return dict(self._tables)

    @property
    def is_resolved(self) -> bool:
        """True for the view :meth:`resolved` returns."""
        return self._resolution is not None

    @property
    def resolution(self) -> Resolution | None:
        """How each resolved record came about (``None`` for the claims)."""
        return self._resolution

    def resolved(self) -> Dataset:
        """What happened: every correction applied, each real thing once.

        See :mod:`kzcn.resolve`. The resolved view of a resolved view is itself.
        """
        if self._resolution is not None:
            return self
        from .resolve import resolve

        resolved: Dataset = resolve(self)
        # The resolved records cite what the claims cite: what was verified stays so.
        return resolved._changed(verified=self._verified, trusted=self._trusted)

    @overload
    def get(self, record_id: str) -> Any | None: ...
    @overload
    def get(self, record_id: str, default: Any) -> Any: ...
    def get(self, record_id: str, default: object = None) -> object:
        """The record with this id in any table (a renamed id followed, with a
        ``DeprecationWarning``), or ``default``. ``ds.get(id)``, ``ds[id]`` and
        ``id in ds`` agree: ``ds[id]`` raises ``KeyError`` where ``get`` gives
        ``default`` and ``in`` says ``False``. An id that is not a ``str`` raises
        ``TypeError``."""
        _check_id("ds.get(record_id=...)", record_id)
        for table in self._tables.values():
            found = table.get(record_id)
            if found is not None:
                return found
        return default

    def __contains__(self, record_id: object) -> bool:
        """``id in ds``: whether a table holds the record ``ds.get(id)`` finds."""
        return isinstance(record_id, str) and any(
            record_id in table for table in self._tables.values()
        )

    def __getitem__(self, record_id: str) -> Any:
        _check_id("ds[...]", record_id)
        found = self.get(record_id)
        if found is None and record_id in self._redirects:
            redirect = self._redirects[record_id]
            raise KeyError(f"{record_id!r} was removed in data {redirect.since}: {redirect.reason}")
        if found is None:
            all_ids = [i for t in self._tables.values() for i in t.ids]
            close = close_ids(record_id, all_ids)
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            raise KeyError(f"no record {record_id!r}{hint}")
        return found

    def id_of(self, value: str, *tables: str) -> str:
        """The id of the one record of ``tables`` (all when none are given) whose id,
        name or alias is ``value``: ``ds.id_of("Xi", "people")`` is ``"xi-jinping"``.

        Names and aliases match case- and accent-insensitively, as
        :meth:`~kzcn.query.Table.lookup`. Raises ``KeyError`` whose message
        (``args[0]``) suggests close names when no record has ``value``, or lists the
        records when several do. ``kzcn timeline --person`` and the other options that
        name a record read their value with this.
        """
        if not isinstance(value, str):
            raise TypeError(
                f"ds.id_of(value=...): takes an id, a name or an alias (str), "
                f"not {type(value).__name__}"
            )
        names = tables or tuple(self._tables)
        _check_tables("ds.id_of(tables)", names)
        what = _SPECS[names[0]].label if len(names) == 1 else "record"
        return identify(value, [self._tables[n] for n in names], what=what)

    def timeline(
        self,
        start: date | str | Period | None = None,
        end: date | str | Period | None = None,
        *,
        person: str | None = None,
        place: str | None = None,
        organization: str | None = None,
        tables: Iterable[str] = ("events", "visits", "agreements", "projects"),
    ) -> Timeline:
        """Dated records of the given tables merged in date order (a tuple of
        :class:`~kzcn.query.TimelineEntry` with ``to_pandas()``); with ``person``,
        ``place`` or ``organization`` (each an id, name or alias, see :meth:`id_of`),
        only the records that link to each.

        ``start`` and ``end`` are dates, Periods or their text (a range that ends before
        it starts raises ``ValueError``); ``tables`` is a table's name or an iterable of
        names. A value of another type raises ``TypeError`` naming the argument."""
        lo = _day("ds.timeline(start=...)", start, end=False, default=date.min)
        hi = _day("ds.timeline(end=...)", end, end=True, default=date.max)
        if lo > hi:
            raise ValueError(
                f"ds.timeline({start!s}, {end!s}): an empty range (it ends before it starts)"
            )
        named = (
            (person, "people", "person"),
            (place, "places", "place"),
            (organization, "organizations", "organization"),
        )
        wanted = set()
        for value, table, argument in named:
            if value is None:
                continue
            try:
                wanted.add(self.id_of(value, table))
            except (KeyError, TypeError) as exc:
                message = str(exc.args[0]).removeprefix("ds.id_of(value=...): ")
                raise type(exc)(f"ds.timeline({argument}=...): {message}") from None
        chosen = (tables,) if isinstance(tables, str) else tuple(tables)
        _check_tables("ds.timeline(tables=...)", chosen)
        entries = []
        for name in chosen:
            for record in self.tables[name]:
                period = when(record)
                if period is None or period.end < lo or period.start > hi:
                    continue
                if wanted and not wanted <= {t for _, t, _ in links(record)}:
                    continue
                entries.append(TimelineEntry(period, name, record))
        return Timeline(sorted(entries, key=lambda e: (e.period, e.table, e.record.id)))

    def to_pandas(self) -> dict[str, Any]:
        """Table name -> ``pandas.DataFrame`` with the columns of the CSV export, for
        every table in order (needs pandas); see :mod:`kzcn.export.pandas`."""
        from .export.pandas import dataset_to_pandas

        return dataset_to_pandas(self)

    def check(self) -> list[Finding]:
        """Run every consistency check; see :mod:`kzcn.checks`."""
        from .checks import run_checks

        return run_checks(self)

    def citing(self, source: str) -> int:
        """How many records (in every table but ``sources``) cite the source ``source``
        (an unknown source raises ``KeyError`` with close ids, as
        :meth:`~kzcn.query.Table.by_source`)."""
        if not isinstance(source, str):
            raise TypeError(
                f"ds.citing(source=...): takes a source id (str), not {type(source).__name__}"
            )
        if source not in self.sources:
            try:
                source = identify(source, [self.sources], what="source")
            except KeyError as exc:
                raise KeyError(f"ds.citing(source=...): {exc.args[0]}") from None
        return sum(len(t.by_source(source)) for name, t in self.tables.items() if name != "sources")

    def summary(self) -> dict[str, Any]:
        """Counts per table, source ids and the span of the dates the texts state (a
        date a record derived, such as the end of a thirty-year period, is left out)."""
        periods = [
            p for t in self.tables.values() for r in t if (p := when(r, stated=True)) is not None
        ]
        return {
            "tables": {name: len(table) for name, table in self.tables.items()},
            "sources": [s.id for s in self.sources],
            "first": min(p.start for p in periods).isoformat() if periods else None,
            "last": max(p.end for p in periods).isoformat() if periods else None,
        }


def _records_of(name: str, records: object) -> tuple[Any, ...]:
    """The records given for table ``name`` (or the redirects), each of its type, or a
    ``TypeError`` naming the table: a record in the wrong table fails every query."""
    wanted = Redirect if name == "redirects" else RECORD_TYPES[name]
    if isinstance(records, str | bytes) or not isinstance(records, Iterable):
        raise TypeError(
            f"from_records: {name} takes an iterable of {wanted.__name__} records, "
            f"not {type(records).__name__}"
        )
    given = tuple(records)
    for record in given:
        if type(record) is not wanted:
            shown = getattr(record, "id", record)
            raise TypeError(
                f"from_records: {name} holds {wanted.__name__} records, not "
                f"{type(record).__name__} ({shown!r})"
            )
    return given


def _is_evidence(item: object) -> bool:
    return isinstance(item, tuple) and len(item) == 3 and all(isinstance(i, str) for i in item)


def _check_id(where: str, record_id: object) -> None:
    if not isinstance(record_id, str):
        raise TypeError(f"{where}: takes a record id (str), not {type(record_id).__name__}")


def _check_tables(where: str, names: Iterable[object]) -> None:
    """A ``KeyError`` naming the first of ``names`` that is no table (with close names)."""
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"{where}: takes names of tables (str), not {type(name).__name__}")
        if name not in _SPECS:
            close = close_ids(name, _SPECS)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise KeyError(f"{where}: unknown table {name!r}{hint}; tables: {', '.join(_SPECS)}")


def _day(where: str, value: date | str | Period | None, *, end: bool, default: date) -> date:
    if value is None:
        return default
    try:
        return as_date(value, end=end)
    except (TypeError, ValueError) as exc:
        raise type(exc)(f"{where}: {exc}") from None


def _restore(
    cls: type[D],
    tables: Mapping[str, Table[Any]],
    resolution: Resolution | None,
    redirects: Iterable[Redirect],
    verified: frozenset[Evidence],
) -> D:
    """A dataset from the parts :meth:`Dataset.__reduce__` gives (for pickle); the
    tables are built again so that they know each other."""
    dataset = cls.from_records(tables, redirects, verified=verified)
    return dataset._changed(resolution=resolution)


class _LazyTables(Mapping[str, Table[Any]]):
    """Table name -> table, each built from its factory on first access (then kept).

    A table is built under a lock, so threads that ask for it at once get the one
    table object (and its factory runs once)."""

    __slots__ = ("_built", "_directory", "_factories", "_lock", "_redirects")

    def __init__(
        self, factories: Mapping[str, Callable[[], Iterable[Any]]], redirects: Mapping[str, Any]
    ) -> None:
        self._factories = factories
        self._redirects = redirects
        self._built: dict[str, Table[Any]] = {}
        self._directory = Directory()
        self._directory.bind(self)
        # _thread, not threading: importing threading costs 1.6 ms at start-up.
        # Reentrant: a factory may read another table of the dataset.
        self._lock = _thread.RLock()

    def __getitem__(self, name: str) -> Table[Any]:
        table = self._built.get(name)  # built tables are read without the lock
        if table is None:
            spec = _SPECS[name]  # a KeyError for an unknown table, as a dict gives
            with self._lock:
                table = self._built.get(name)
                if table is None:
                    factory = self._factories.get(name)
                    records = factory() if factory else ()
                    table = spec.build(records, self._redirects, self._directory)
                    self._built[name] = table
        return table

    def __iter__(self) -> Iterator[str]:
        return iter(RECORD_TYPES)

    def __len__(self) -> int:
        return len(RECORD_TYPES)


TABLES: Final[tuple[Spec[Any], ...]] = tuple(
    value for value in vars(Dataset).values() if isinstance(value, Spec)
)
"""Every table, in order."""

RECORD_TYPES: Final[Mapping[str, type[Any]]] = MappingProxyType(
    {spec.name: spec.record for spec in TABLES}
)
"""Table name -> record class, in the order the tables are listed and loaded."""

_SPECS: Final[Mapping[str, Spec[Any]]] = {spec.name: spec for spec in TABLES}
_TABLE_OF: Final[Mapping[type[Any], str]] = {spec.record: spec.name for spec in TABLES}
RECORD_TABLES: Final[tuple[str, ...]] = tuple(n for n in RECORD_TYPES if n != "sources")
"""The tables whose records cite sources (a link to :data:`~kzcn.records.ANY_TABLE`)."""


def table_of(record: object) -> str:
    """The name of the table a record belongs in."""
    try:
        return _TABLE_OF[type(record)]
    except KeyError:
        raise TypeError(f"{type(record).__name__} is not a record of any table") from None


def link_targets(allowed: tuple[str, ...]) -> tuple[str, ...]:
    """The tables a link may point to (:data:`~kzcn.records.ANY_TABLE` expanded)."""
    return RECORD_TABLES if ANY_TABLE in allowed else allowed
