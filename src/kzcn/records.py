"""The typed records of the dataset: immutable, slotted attrs classes.

Records point to each other by id. A field that holds ids carries
``metadata={"link": (table, ...)}``, naming the tables its ids may come from; the
loader, the queries and the checks follow links through that metadata, so a new link
field needs no other code. A field that dates a record carries ``metadata={"when": True}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Final

import attrs
from attrs import validators as v

from .dates import Period
from .units import Amount, dimension_of, format_dimension
from .vocabulary import (
    AgreementKind,
    AgreementStatus,
    Direction,
    ErratumKind,
    FigureKind,
    Measure,
    OrganizationKind,
    PlaceKind,
    ProjectStatus,
    Qualifier,
    Sector,
    SourceKind,
    Subject,
    VisitKind,
    VisitStatus,
)

if TYPE_CHECKING:
    from .units import Quantity

__all__ = [
    "MAX_EVIDENCE_WORDS",
    "RECORD_TYPES",
    "Agreement",
    "Alias",
    "Citation",
    "Erratum",
    "Figure",
    "Organization",
    "Person",
    "Place",
    "Project",
    "Record",
    "Source",
    "Visit",
    "links",
]

MAX_EVIDENCE_WORDS: Final = 25
_SLUG = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")

_PLACES = ("places",)
_PARTIES = ("places", "organizations", "people")
_ANY = (
    "people",
    "places",
    "organizations",
    "visits",
    "agreements",
    "projects",
    "figures",
    "errata",
)


def _slug(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _SLUG.match(value):
        raise ValueError(
            f"{attribute.name} {value!r} must be a lowercase slug: letters, digits, '-' or '.'"
        )


def _text(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} must be non-empty text")


def _link(*tables: str, optional: bool = False) -> Any:
    if optional:
        return attrs.field(
            default=None,
            validator=v.optional(v.instance_of(str)),
            metadata={"link": tables},
            kw_only=True,
        )
    return attrs.field(validator=v.instance_of(str), metadata={"link": tables}, kw_only=True)


def _links(*tables: str) -> Any:
    return attrs.field(
        default=(),
        converter=tuple,
        validator=v.deep_iterable(v.instance_of(str), v.instance_of(tuple)),
        metadata={"link": tables},
        kw_only=True,
    )


def _enum(kind: type[Any], default: Any = attrs.NOTHING) -> Any:
    return attrs.field(default=default, validator=v.instance_of(kind), kw_only=True)


def _optional(kind: type[Any], *, when: bool = False) -> Any:
    return attrs.field(
        default=None,
        validator=v.optional(v.instance_of(kind)),
        metadata={"when": True} if when else {},
        kw_only=True,
    )


def _words(text: str) -> int:
    return len(text.split())


@attrs.frozen
class Citation:
    """Where a record comes from: a source id and a verbatim snippet of its text."""

    source: str = attrs.field(validator=_slug)
    evidence: str = attrs.field(validator=_text)

    @evidence.validator
    def _short(self, attribute: attrs.Attribute[str], value: str) -> None:
        if _words(value) > MAX_EVIDENCE_WORDS:
            raise ValueError(
                f"evidence has {_words(value)} words; at most {MAX_EVIDENCE_WORDS} are quoted"
            )


def _citations() -> Any:
    return attrs.field(
        converter=tuple,
        validator=v.deep_iterable(v.instance_of(Citation), v.and_(v.instance_of(tuple), _nonempty)),
        kw_only=True,
    )


def _nonempty(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    if not value:
        raise ValueError(f"{attribute.name} needs at least one entry")


@attrs.frozen
class Alias:
    """Another name of a person, place or organisation, optionally with the dates it
    was in force (``start`` and ``end`` are inclusive; ``None`` is open-ended)."""

    name: str = attrs.field(validator=_text)
    start: Period | None = attrs.field(default=None, validator=v.optional(v.instance_of(Period)))
    end: Period | None = attrs.field(default=None, validator=v.optional(v.instance_of(Period)))

    def in_force(self, day: date) -> bool:
        """True if this name was in use on ``day``."""
        return (self.start is None or self.start.start <= day) and (
            self.end is None or day <= self.end.end
        )


def _aliases() -> Any:
    return attrs.field(
        default=(),
        converter=tuple,
        validator=v.deep_iterable(v.instance_of(Alias), v.instance_of(tuple)),
        kw_only=True,
    )


def _description() -> Any:
    return attrs.field(default="", validator=v.instance_of(str), kw_only=True)


class _Named:
    """Mixin for records found by name: ``name`` plus ``aliases``."""

    __slots__ = ()
    name: str
    aliases: tuple[Alias, ...]

    def names(self, at: date | None = None) -> tuple[str, ...]:
        """The name and every alias (only those in force on ``at`` when given).

        The main name is always in force unless dated aliases repeat it: "Astana" is
        the capital's name, but not between March 2019 and September 2022.
        """
        if at is None:
            return (self.name, *(a.name for a in self.aliases))
        dated_main = [a for a in self.aliases if a.name == self.name and (a.start or a.end)]
        main = (self.name,) if not dated_main or any(a.in_force(at) for a in dated_main) else ()
        extra = tuple(a.name for a in self.aliases if a.in_force(at) and a.name != self.name)
        return (*main, *extra)

    def name_at(self, day: date) -> str:
        """The name in use on ``day``: the first dated alias in force, else ``name``."""
        for alias in self.aliases:
            if (alias.start is not None or alias.end is not None) and alias.in_force(day):
                return alias.name
        return self.name


@attrs.frozen
class Source:
    """One text the records are drawn from; its id is the file stem of the text.

    ``path`` (for users' own sources) names a local UTF-8 text file, relative to the
    folder of the user's data file; the loader then checks that every citation of the
    source quotes that text verbatim.
    """

    table: ClassVar[str] = "sources"
    id: str = attrs.field(validator=_slug)
    title: str = attrs.field(validator=_text)
    kind: SourceKind = _enum(SourceKind)
    author: str | None = _optional(str)
    publisher: str | None = _optional(str)
    published: Period = attrs.field(
        validator=v.instance_of(Period), metadata={"when": True}, kw_only=True
    )
    language: str = attrs.field(default="en", validator=_text, kw_only=True)
    url: str | None = _optional(str)
    path: str | None = _optional(str)
    description: str = _description()


@attrs.frozen
class Person(_Named):
    table: ClassVar[str] = "people"
    id: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_text)
    aliases: tuple[Alias, ...] = _aliases()
    country: str | None = _link(*_PLACES, optional=True)
    roles: tuple[str, ...] = attrs.field(
        default=(), converter=tuple, validator=v.deep_iterable(_text), kw_only=True
    )
    description: str = _description()
    citations: tuple[Citation, ...] = _citations()


@attrs.frozen
class Place(_Named):
    table: ClassVar[str] = "places"
    id: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_text)
    kind: PlaceKind = _enum(PlaceKind)
    aliases: tuple[Alias, ...] = _aliases()
    country: str | None = _link(*_PLACES, optional=True)
    capital_of: str | None = _link(*_PLACES, optional=True)
    description: str = _description()
    citations: tuple[Citation, ...] = _citations()


@attrs.frozen
class Organization(_Named):
    table: ClassVar[str] = "organizations"
    id: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_text)
    kind: OrganizationKind = _enum(OrganizationKind)
    aliases: tuple[Alias, ...] = _aliases()
    country: str | None = _link(*_PLACES, optional=True)
    parent: str | None = _link("organizations", optional=True)
    description: str = _description()
    citations: tuple[Citation, ...] = _citations()


@attrs.frozen
class Visit:
    """A visit, trip or meeting, held or planned.

    ``ordinal`` is set when the source numbers the meeting ("their third face-to-face
    meeting"), counting in-person meetings of the same ``people``.
    """

    table: ClassVar[str] = "visits"
    id: str = attrs.field(validator=_slug)
    title: str = attrs.field(validator=_text)
    kind: VisitKind = _enum(VisitKind)
    status: VisitStatus = _enum(VisitStatus, VisitStatus.HELD)
    date: Period = attrs.field(
        validator=v.instance_of(Period), metadata={"when": True}, kw_only=True
    )
    people: tuple[str, ...] = _links("people")
    place: str | None = _link(*_PLACES, optional=True)
    host: str | None = _link(*_PLACES, optional=True)
    occasion: str | None = _optional(str)
    agreements: tuple[str, ...] = _links("agreements")
    ordinal: int | None = _optional(int)
    description: str = _description()
    citations: tuple[Citation, ...] = _citations()


@attrs.frozen
class Agreement:
    """A treaty, memorandum, statement, programme or milestone of the relationship."""

    table: ClassVar[str] = "agreements"
    id: str = attrs.field(validator=_slug)
    title: str = attrs.field(validator=_text)
    kind: AgreementKind = _enum(AgreementKind)
    status: AgreementStatus = _enum(AgreementStatus, AgreementStatus.SIGNED)
    date: Period | None = _optional(Period, when=True)
    parties: tuple[str, ...] = _links(*_PARTIES)
    visit: str | None = _link("visits", optional=True)
    description: str = _description()
    citations: tuple[Citation, ...] = _citations()


@attrs.frozen
class Project:
    """A joint project, plant, route, checkpoint, hub or institution."""

    table: ClassVar[str] = "projects"
    id: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_text)
    sector: Sector = _enum(Sector)
    status: ProjectStatus = _enum(ProjectStatus)
    date: Period | None = _optional(Period, when=True)
    location: str | None = _link(*_PLACES, optional=True)
    parties: tuple[str, ...] = _links(*_PARTIES)
    description: str = _description()
    citations: tuple[Citation, ...] = _citations()


@attrs.frozen
class Figure:
    """A number a source states, with its unit, hedge, kind and period.

    Links to other figures: ``part_of`` (this is a part of that total), ``rate_of``
    (this growth, share or multiple describes that figure), ``base`` (the figure it is
    compared with: the earlier value of a growth or multiple, the whole of a share).
    ``refers_to`` names any other record the number is about (a project's capacity,
    an anniversary's founding agreement).
    """

    table: ClassVar[str] = "figures"
    id: str = attrs.field(validator=_slug)
    subject: Subject = _enum(Subject)
    amount: Amount = attrs.field(validator=v.instance_of(Amount), kw_only=True)
    qualifier: Qualifier = _enum(Qualifier, Qualifier.EXACT)
    kind: FigureKind = _enum(FigureKind, FigureKind.ACTUAL)
    measure: Measure = _enum(Measure, Measure.LEVEL)
    period: Period = attrs.field(
        validator=v.instance_of(Period), metadata={"when": True}, kw_only=True
    )
    direction: Direction | None = _optional(Direction)
    parties: tuple[str, ...] = _links(*_PARTIES)
    part_of: str | None = _link("figures", optional=True)
    rate_of: str | None = _link("figures", optional=True)
    base: str | None = _link("figures", optional=True)
    refers_to: str | None = _link(*_ANY, optional=True)
    description: str = _description()
    citations: tuple[Citation, ...] = _citations()

    @property
    def quantity(self) -> Quantity:
        """The amount as a pint ``Quantity`` (from :func:`kzcn.units.registry`)."""
        return self.amount.quantity

    def unit_problem(self) -> str | None:
        """Why the unit does not fit the subject (levels) or the measure (ratios), or None.

        The loader refuses such a figure; the ``unit-dimension`` check reports it in a
        dataset changed in code.
        """
        allowed = _MEASURE_UNITS.get(self.measure)
        if allowed is not None:
            if self.amount.unit in allowed:
                return None
            units = " or ".join(allowed)
            return f"a {self.measure.value} is given in {units}, not {self.amount.unit!r}"
        dimension = dimension_of(self.amount.unit)
        if self.subject.accepts(dimension):
            return None
        return (
            f"subject {self.subject.value!r} needs a unit of dimension "
            f"{self.subject.dimension or 'dimensionless'}, not "
            f"{self.amount.unit!r} ({format_dimension(dimension)})"
        )


_MEASURE_UNITS: Final = {
    Measure.GROWTH: ("percent", "times"),
    Measure.SHARE: ("percent", "fraction"),
    Measure.MULTIPLE: ("times",),
    Measure.RANK: ("rank",),
}


@attrs.frozen
class Erratum:
    """A problem in a source text: what it says, what is wrong, and the best reading.

    The record named by ``record`` keeps what the source says; the erratum explains it.
    ``check`` names the consistency check whose finding it explains, if any: such an
    erratum is reported as stale when that check no longer finds anything there.
    """

    table: ClassVar[str] = "errata"
    id: str = attrs.field(validator=_slug)
    kind: ErratumKind = _enum(ErratumKind)
    record: str = _link(*_ANY)
    field: str = attrs.field(validator=_text, kw_only=True)
    problem: str = attrs.field(validator=_text, kw_only=True)
    reading: str = attrs.field(validator=_text, kw_only=True)
    check: str | None = _optional(str)
    related: tuple[str, ...] = _links(*_ANY)
    citations: tuple[Citation, ...] = _citations()


Record = Person | Place | Organization | Visit | Agreement | Project | Figure | Erratum
"""Any record with ``id`` and ``citations`` (every table but ``sources``)."""

RECORD_TYPES: Final[dict[str, type[Any]]] = {
    cls.table: cls
    for cls in (Source, Person, Place, Organization, Visit, Agreement, Project, Figure, Erratum)
}
"""Table name -> record class, in the order the tables are listed and loaded."""


def _fields(record: object) -> tuple[attrs.Attribute[Any], ...]:
    fields: tuple[attrs.Attribute[Any], ...] = attrs.fields(type(record))  # type: ignore[arg-type]
    return fields


def links(record: object) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """Yield ``(field, target id, allowed tables)`` for every link the record holds."""
    for field in _fields(record):
        tables = field.metadata.get("link")
        if tables is None:
            continue
        value = getattr(record, field.name)
        if value is None:
            continue
        for target in (value,) if isinstance(value, str) else value:
            yield field.name, target, tables


def when(record: object) -> Period | None:
    """The period that dates a record, or ``None``."""
    for field in _fields(record):
        if field.metadata.get("when"):
            value = getattr(record, field.name)
            return value if isinstance(value, Period) else None
    return None
