"""The one validation pipeline: every way data comes in goes through it.

The TOML loader (:mod:`kzcn.loader`), :func:`kzcn.export.from_json`, the build hook
and :mod:`kzcn.diff`'s folders (through the loader) read data with both steps; a diff
of a JSON export reads each row with the first step only, since a release exported by
an older model need not load in today's, and is compared as it was written then:

1. :func:`read_document`: text NFC-normalised, rows structured into records by the one
   converter (:func:`kzcn.convert.structure_rows`): types, slugs, text hygiene, bounds
   (the fields' validators);
2. :func:`check_tables`: cross-record checks (:func:`validate`: unique ids, known
   sources, links and their tables, no id twice in a list of links, no record linking to
   itself, no loop through a link to its own table, a country link to a country,
   ``same_as`` a tree with one primary, units per subject, plausible values, dates and
   aliases within what can be known, numbers in their evidence, derived keys), redirects
   (:func:`check_redirects`), then each erratum's corrections typed
   (:func:`type_corrections`) and the record as corrected validated as a record written
   that way (:func:`check_corrections`).

A JSON export read back therefore passes exactly what its TOML passes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any, Final, assert_never

import attrs

from .convert import field_type, structure_rows, structure_value
from .dataset import link_targets, table_of
from .errors import Problem
from .evidence import mismatch, states
from .kinds import Kind, kind_of
from .records import (
    Citation,
    Derivation,
    Erratum,
    Figure,
    Place,
    Redirect,
    Source,
    Visit,
    late,
    when,
)
from .suggest import close_matches
from .text import normalize_tree
from .units import Amount
from .vocabulary import (
    MAX_ORDINAL,
    PlaceKind,
    Qualifier,
    Review,
    date_problem,
    published_problem,
    value_problem,
)

__all__ = [
    "CORRECTABLE_NOT",
    "check_corrections",
    "check_redirects",
    "check_tables",
    "link_loops",
    "read_document",
    "type_corrections",
    "validate",
]

Tables = dict[str, list[Any]]
Entry = tuple[str, Any, str]  # (table, record, file)


def read_document(
    document: Mapping[str, Any],
    record_types: Mapping[str, type[Any]],
    file: str,
    *,
    skip: frozenset[str] = frozenset(),
) -> tuple[Tables, list[Problem]]:
    """Steps 1: a parsed document's text NFC-normalised, its rows structured into
    records (every field's own validators run)."""
    return structure_rows(normalize_tree(document), record_types, file, skip=skip)


def check_tables(
    entries: list[Entry],
    redirects: list[tuple[Redirect, str]],
    tables: Tables,
    corrected: Iterable[tuple[str, str]] = (),
    *,
    today: date | None = None,
) -> list[Problem]:
    """Step 2 over every record of a dataset (``tables`` holds the same records as
    ``entries``; the errata in it get typed corrections, in place). ``corrected`` names
    the ``(record, field)`` values an erratum set (a resolved view's): such a value is
    the erratum's reading, not what the evidence writes, so the evidence rule skips it.
    ``today`` (default: the local date) bounds when a source can have been published."""
    problems = validate(entries, corrected, today=today)
    problems.extend(check_redirects(redirects, {record.id for _, record, _ in entries}))
    if not problems:
        files = {record.id: file for table, record, file in entries if table == "errata"}
        problems.extend(type_corrections(tables, files))
    if not problems:
        problems.extend(check_corrections(entries, tables, today=today))
    return problems


def validate(
    entries: Iterable[Entry],
    corrected: Iterable[tuple[str, str]] = (),
    *,
    today: date | None = None,
) -> list[Problem]:
    """Cross-record checks over ``(table, record, file)``: unique ids, known sources,
    links, units per subject, plausible values and dates (none before
    :data:`~kzcn.vocabulary.EARLIEST_YEAR`, no source published after ``today``, the
    local date by default), each figure's number in its evidence (but for the
    ``corrected`` ``(record, field)`` values), confidences only on drafts, ``same_as`` a
    tree with one primary, no record linking to itself, no loop through a single link
    to its own table (:func:`link_loops`), ``country``, ``capital_of`` and ``host``
    naming a country, aliases in force from no later than ``today``, none twice, none
    an undated repeat of the name (an erratum's reading kept as an alias may repeat a
    ``name`` it corrected)."""
    corrected = list(corrected)
    exempt = {record for record, field in corrected if field == "amount"}
    renamed = {record for record, field in corrected if field == "name"}
    problems: list[Problem] = []
    # id -> its first (table, record, file) entry; the entry tuples are reused as is.
    by_id: dict[str, Entry] = {}
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
        checked = _unaliased(record) if record.id in renamed else record
        problems.extend(_check_record(checked, file, by_id, sources, today))
        if isinstance(record, Figure) and record.id not in exempt:
            problems.extend(_check_evidence(record, file))
    problems.extend(_check_same_as(by_id))
    problems.extend(_check_loops(by_id))
    return problems


def _check_evidence(figure: Figure, file: str) -> Iterator[Problem]:
    """A figure's number is written in the evidence of one of its citations, with the
    hedge its qualifier means (each unless declared derived; a derived amount is
    not the text's number, so neither is its hedge)."""
    if any(d.field == "amount" for d in figure.derived):
        return
    unstated = _amount_unstated(figure.amount, figure.citations, figure.derived, "its")
    if unstated is not None:
        yield Problem(file, figure.id, "amount", unstated)
        return
    # The qualifier is the hedge the text writes beside the number, unless derived.
    if any(d.field == "qualifier" for d in figure.derived):
        return
    hedge = figure.qualifier
    if not any(states(c.evidence, figure.amount, qualifier=hedge) for c in figure.citations):
        why = _mismatch(figure.citations, figure.amount, qualifier=hedge)
        yield Problem(
            file,
            figure.id,
            "qualifier",
            f"qualifier {hedge.value} is not how the evidence hedges {figure.amount}{why}; "
            "write the text's qualifier, or declare how it was derived: "
            'derived = { qualifier = "rule" }',
        )


def _amount_unstated(
    amount: Amount, citations: Iterable[Citation], derived: Iterable[Derivation], whose: str
) -> str | None:
    """Why no citation writes ``amount`` (``whose`` citations: "its", "the erratum's"),
    or ``None`` when one does or ``derived`` declares it: the rule for a figure's amount
    and for an erratum's corrected one."""
    if any(d.field == "amount" for d in derived):
        return None
    citations = tuple(citations)
    if any(states(c.evidence, amount) for c in citations):
        return None
    return (
        f"the number of {amount} is not in the evidence of any of {whose} citations"
        f"{_mismatch(citations, amount)}; quote it, or declare how it was derived: "
        'derived = { amount = "rule" }'
    )


def _mismatch(
    citations: Iterable[Citation], amount: Amount, qualifier: Qualifier | None = None
) -> str:
    """`` (what the first citation that writes the number writes instead)``, or ``""``."""
    reasons = [r for c in citations if (r := mismatch(c.evidence, amount, qualifier=qualifier))]
    return f" ({reasons[0]})" if reasons else ""


Checked = tuple[str, Kind, tuple[str, ...], bool]  # (name, kind, link tables, names a country)
_CHECKED: dict[type[Any], tuple[Checked, ...]] = {}
_CHECKED_KINDS: Final = frozenset({Kind.LINK, Kind.LINKS, Kind.AMOUNT, Kind.PERIOD, Kind.ALIASES})


def _checked_fields(cls: type[Any]) -> tuple[Checked, ...]:
    """``(name, kind, link tables, names a country)`` of the fields
    :func:`_field_problems` has checks for (the rest have none beyond their validators):
    looked up once per class."""
    found = _CHECKED.get(cls)
    if found is None:
        found = _CHECKED[cls] = tuple(
            (
                f.name,
                kind_of(f),
                link_targets(f.metadata.get("link", ())),
                bool(f.metadata.get("country")),
            )
            for f in attrs.fields(cls)
            if kind_of(f) in _CHECKED_KINDS
        )
    return found


def _field_problems(
    record: Any,
    name: str,
    kind: Kind,
    tables: tuple[str, ...],
    by_id: Mapping[str, Entry],
    today: date | None = None,
    country: bool = False,
) -> Iterator[str]:
    """What is wrong with one field of a record among the others (``by_id``), by its
    kind: the same checks for a record's own value and an erratum's correction of it
    (``today`` bounds a source's publication and an alias's start; the local date by
    default). ``country``: the link names a country (a place of kind country)."""
    value = getattr(record, name)
    match kind:
        case Kind.LINK:
            if value is not None and value == record.id and name != "same_as":
                yield f"links to the record itself ({value!r})"
            elif value is not None:
                unknown = list(_link_problems(value, tables, by_id))
                yield from unknown
                if not unknown and country:
                    yield from _country_problems(value, by_id)
        case Kind.LINKS:
            if record.id in value:
                yield f"links to the record itself ({record.id!r})"
            seen: set[str] = set()
            twice: dict[str, int] = {}
            for target in value:
                if target in seen:
                    twice[target] = twice.get(target, 1) + 1
                    continue
                seen.add(target)
                yield from _link_problems(target, tables, by_id)
            if twice:
                counted = ", ".join(f"{t!r} {n} times" for t, n in list(twice.items())[:3])
                more = f" and {len(twice) - 3} more" if len(twice) > 3 else ""
                yield f"lists an id more than once: {counted}{more}"
        case Kind.AMOUNT:
            if isinstance(record, Figure):
                unit = record.unit_problem()
                if unit is not None:
                    yield unit
                else:
                    implausible = value_problem(record.subject, record.measure, record.amount)
                    if implausible is not None:
                        yield implausible
        case Kind.PERIOD:
            if value is not None:
                wrong = (
                    published_problem(value, today)
                    if isinstance(record, Source) and name == "published"
                    else date_problem(value)
                )
                if wrong is not None:
                    yield wrong
        case Kind.ALIASES:
            yield from _alias_problems(record, value, today)
        case (
            Kind.SLUG
            | Kind.TEXT
            | Kind.TEXTS
            | Kind.DATE
            | Kind.ENUM
            | Kind.INTEGER
            | Kind.REAL
            | Kind.CITATIONS
            | Kind.DERIVED
            | Kind.CONFIDENCES
            | Kind.CORRECTIONS
            | Kind.VALUE
        ):
            return  # checked by the field's own validators
        case _:
            assert_never(kind)


def _alias_problems(record: Any, aliases: tuple[Any, ...], today: date | None) -> Iterator[str]:
    """Aliases dated within what can be known (from :data:`~kzcn.vocabulary.EARLIEST_YEAR`,
    in force from no later than ``today``), none twice, none an undated repeat of the
    name (a dated one says when the main name was in force: Astana)."""
    today = today or date.today()
    seen: set[tuple[Any, ...]] = set()
    for alias in aliases:
        for end in ("start", "end"):
            period = getattr(alias, end)
            wrong = None if period is None else date_problem(period)
            if wrong is not None:
                yield f"alias {alias.name!r}: {end} {wrong}"
        if alias.start is not None and alias.start.start > today:
            yield (
                f"alias {alias.name!r}: start {alias.start} is after today "
                f"({today.isoformat()}): a text states a name in force when it is written"
            )
        key = (alias.name, alias.start, alias.end)
        if key in seen:
            yield f"alias {alias.name!r} is given twice"
        seen.add(key)
        if (
            alias.name == getattr(record, "name", None)
            and alias.start is None
            and alias.end is None
        ):
            yield f"alias {alias.name!r} repeats the name (only a dated alias may)"


def _country_problems(target: str, by_id: Mapping[str, Entry]) -> Iterator[str]:
    place = by_id[target][1]
    if isinstance(place, Place) and place.kind is not PlaceKind.COUNTRY:
        yield (
            f"links to {target!r}, a place of kind {place.kind.value}; "
            "expected a country (a place of kind country)"
        )


def _link_problems(
    target: str, tables: tuple[str, ...], by_id: Mapping[str, Entry]
) -> Iterator[str]:
    found = by_id.get(target)
    if found is None:
        close = close_matches(target, list(by_id), n=2)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        yield f"links to unknown id {target!r}{hint}"
    elif found[0] not in tables:
        yield f"links to {target!r} in {found[0]}; expected a record of {', '.join(tables)}"


def _check_record(
    record: Any,
    file: str,
    by_id: Mapping[str, Entry],
    sources: set[str],
    today: date | None = None,
) -> Iterable[Problem]:
    for index, citation in enumerate(getattr(record, "citations", ())):
        if citation.source not in sources:
            close = close_matches(citation.source, sorted(sources), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            yield Problem(
                file,
                record.id,
                f"citations[{index}].source",
                f"unknown source {citation.source!r}{hint}",
            )
    for name, kind, tables, country in _checked_fields(type(record)):
        for message in _field_problems(record, name, kind, tables, by_id, today, country):
            yield Problem(file, record.id, name, message)
    if (
        isinstance(record, Visit)
        and record.ordinal is not None
        and not 1 <= record.ordinal <= MAX_ORDINAL
    ):
        message = f"ordinal {record.ordinal} is not a sane ordinal (1 to {MAX_ORDINAL})"
        yield Problem(file, record.id, "ordinal", message)
    names = {f.name for f in attrs.fields(type(record))}
    if isinstance(record, Erratum):
        names = {c.field for c in record.correct}  # an erratum derives what it corrects
    for derivation in getattr(record, "derived", ()):
        if isinstance(record, Erratum) and derivation.field not in names:
            yield Problem(
                file,
                record.id,
                f"derived.{derivation.field}",
                f"the erratum derives {derivation.field!r} but does not correct it",
            )
        elif derivation.field not in names or derivation.field in _NOT_DERIVABLE:
            yield Problem(
                file,
                record.id,
                f"derived.{derivation.field}",
                f"{type(record).__name__} has no field {derivation.field!r} a rule could derive",
            )
    # A draft's confidences guide the reviewer field by field: one per field it has, and
    # only on a draft (kzcn review drops them when it marks the record reviewed).
    if getattr(record, "confidence", ()) and record.review is not Review.DRAFT:
        yield Problem(
            file,
            record.id,
            "confidence",
            "a confidence rates a draft's fields, and this record is not a draft "
            '(review = "draft"): remove the confidences',
        )
    rated: set[str] = set()
    for index, confidence in enumerate(getattr(record, "confidence", ())):
        where = f"confidence[{index}].field"
        if confidence.field not in names:
            message = f"{type(record).__name__} has no field {confidence.field!r}"
            yield Problem(file, record.id, where, message)
        elif confidence.field in rated:
            yield Problem(file, record.id, where, f"a second confidence in {confidence.field!r}")
        rated.add(confidence.field)
    same = getattr(record, "same_as", None)
    if same is not None and same == record.id:
        yield Problem(file, record.id, "same_as", "a record cannot be the same as itself")
    if isinstance(record, Erratum) and record.record in by_id:
        target = by_id[record.record][1]
        fields = {f.name for f in attrs.fields(type(target))}
        named = record.field.split(".")[0].split("[")[0]
        corrected = [c.field for c in record.correct]
        if corrected and named not in corrected and set(corrected) <= fields:
            # an erratum that names one field and corrects others says two things
            yield Problem(
                file,
                record.id,
                "correct",
                f"corrects {', '.join(corrected)} but not {named!r}, the field the erratum names",
            )
        if record.field.split(".")[0].split("[")[0] not in fields:
            yield Problem(
                file,
                record.id,
                "field",
                f"{type(target).__name__} {record.record!r} has no field {record.field!r}",
            )
        for correction in record.correct:
            if correction.field in fields and correction.field in CORRECTABLE_NOT:
                yield Problem(
                    file,
                    record.id,
                    f"correct.{correction.field}",
                    f"an erratum cannot set {correction.field!r}: it corrects what a source "
                    f"states, never the record's {', '.join(sorted(CORRECTABLE_NOT))}",
                )
            elif isinstance(correction.value, str) and not correction.value.strip():
                yield Problem(
                    file,
                    record.id,
                    f"correct.{correction.field}",
                    "a correction sets a value, and empty text sets none",
                )
            elif correction.field not in fields:
                yield Problem(
                    file,
                    record.id,
                    f"correct.{correction.field}",
                    f"{type(target).__name__} {record.record!r} has no field "
                    f"{correction.field!r} a correction could set",
                )


_NOT_DERIVABLE: Final = frozenset({"id", "citations", "derived", "same_as"})
CORRECTABLE_NOT: Final = frozenset(
    {"id", "citations", "derived", "same_as", "review", "confidence"}
)
"""The fields an erratum may not set: what the dataset says about a record (its id, its
sources, its derivations, which claim it is, its review state) rather than what a source
states. Every other field of the record can be corrected."""


def _check_same_as(by_id: Mapping[str, Entry]) -> Iterator[Problem]:
    """``same_as`` forms a tree with one primary: every claim names the primary, which
    names no other. A loop (va -> vb -> va) is reported once, a chain at its start."""
    reported: set[frozenset[str]] = set()
    for rid, (_, record, file) in by_id.items():
        target = getattr(record, "same_as", None)
        if target is None or target == rid or target not in by_id:
            continue  # no claim, or reported by _check_record
        if getattr(by_id[target][1], "same_as", None) is None:
            continue  # points at a primary
        path = [rid]
        while target is not None and target not in path and target in by_id:
            path.append(target)
            target = getattr(by_id[target][1], "same_as", None)
        if target in path:
            loop = frozenset(path[path.index(target) :])
            if loop in reported:
                continue
            reported.add(loop)
            members = path[path.index(target) :]
            text = " -> ".join([*members, target])
            yield Problem(
                file,
                min(loop),
                "same_as",
                f"same_as loop: {text}; one record is the primary and names no other",
            )
        else:
            end = path[-1] if target is None else target
            text = " -> ".join(path if target is None else [*path, target])
            yield Problem(file, rid, "same_as", f"same_as chain: {text}; name the primary, {end}")


_LOOPED: dict[type[Any], tuple[str, ...]] = {}


def _looping_fields(record: Any) -> tuple[str, ...]:
    """The single links of ``cls`` that may point at a record of its own table (a figure's
    ``part_of``, an organisation's ``parent``, a place's ``country``): each must form a
    tree. ``same_as`` has its own rule (:func:`_check_same_as`); a list of links (an
    event's ``related``) may be mutual, and only a link to the record itself is refused."""
    cls = type(record)
    found = _LOOPED.get(cls)
    if found is None:
        own = table_of(record)
        found = _LOOPED[cls] = tuple(
            name
            for name, kind, tables, _ in _checked_fields(cls)
            if kind is Kind.LINK and name != "same_as" and own in tables
        )
    return found


def _check_loops(by_id: Mapping[str, Entry]) -> Iterator[Problem]:
    """No loop through a single link to the same table (fa part_of fb part_of fa): each
    loop reported once, naming its records."""
    for name, members in link_loops({rid: entry[1] for rid, entry in by_id.items()}):
        first = min(members)
        text = " -> ".join([*members, members[0]])
        yield Problem(by_id[first][2], first, name, f"{name} loop: {text}; a {name} chain must end")


def link_loops(by_id: Mapping[str, Any]) -> Iterator[tuple[str, list[str]]]:
    """``(field, records)`` of each loop of two or more records (``by_id``: id -> record)
    through a single link to the same table (a record linking to itself is reported as
    such, not here), in linear time: each record is walked from once per field, and a
    walk stops at a record already walked."""
    examples = {type(record): record for record in by_id.values()}
    for table_class, example in examples.items():
        for name in _looping_fields(example):
            done: set[str] = set()
            for rid, record in by_id.items():
                if type(record) is not table_class or rid in done:
                    continue
                path: list[str] = []
                on_path: set[str] = set()
                current: str | None = rid
                while current is not None and current not in done and current not in on_path:
                    found = by_id.get(current)
                    if found is None or type(found) is not table_class:
                        break
                    path.append(current)
                    on_path.add(current)
                    current = getattr(found, name)
                members = path[path.index(current) :] if current in on_path else []
                if len(members) > 1:  # one alone links to itself: _field_problems says so
                    yield name, members
                done.update(path)


def check_redirects(redirects: list[tuple[Redirect, str]], live: set[str]) -> list[Problem]:
    """An id is never reused: a redirected id names no record; a redirect leads to one."""
    problems, seen = [], set()
    for redirect, file in redirects:
        if redirect.id in seen:
            problems.append(Problem(file, redirect.id, "id", "redirected twice"))
        seen.add(redirect.id)
        if redirect.id in live:
            problems.append(
                Problem(file, redirect.id, "id", "a redirected id cannot name a record again")
            )
        if redirect.to is not None and redirect.to not in live:
            problems.append(
                Problem(file, redirect.id, "to", f"redirects to unknown id {redirect.to!r}")
            )
    return problems


_PLAIN = (str, int, float, bool, list, dict)


def type_corrections(tables: Tables, files: Mapping[str, str] | None = None) -> list[Problem]:
    """Give each erratum's ``correct`` values the type of the field they set (an
    ``Amount`` for ``amount``, a ``VisitKind`` for a visit's ``kind``), in place; the
    record with the value set must pass its own validators.

    Run after :func:`validate`, on records whose targets exist. ``files`` maps an
    erratum id to its file, for the messages.
    """
    by_id = {r.id: r for records in tables.values() for r in records}
    problems: list[Problem] = []
    errata = tables.get("errata", [])
    for index, erratum in enumerate(errata):
        target = by_id.get(erratum.record)
        if target is None or not erratum.correct:
            continue
        typed = []
        values: dict[str, Any] = {}
        file = (files or {}).get(erratum.id, "?")
        for correction in erratum.correct:
            if not isinstance(correction.value, _PLAIN):
                typed.append(correction)  # typed already (by parse_file, or in code)
                continue
            if not attrs.has(type(target)) or correction.field not in attrs.fields_dict(
                type(target)
            ):
                typed.append(correction)  # no such field: validate() says so, in words
                continue
            if correction.field in CORRECTABLE_NOT:
                typed.append(correction)  # refused whatever its value: said once, below
                continue
            try:
                kind = field_type(type(target), correction.field)
                value = structure_value(correction.value, kind)
            except (KeyError, ValueError, TypeError) as exc:
                message = str(exc.args[0] if exc.args else exc)
                field = f"correct.{correction.field}"
                problems.append(Problem(file, erratum.id, field, message))
                continue
            values[correction.field] = value
            typed.append(attrs.evolve(correction, value=value))
        try:
            # All of an erratum's values at once, through the record's own validators: a
            # place's latitude and longitude are corrected together, as a point.
            attrs.evolve(target, **values)
        except (KeyError, ValueError, TypeError) as exc:
            message = str(exc.args[0] if exc.args else exc)
            named = getattr(exc, "field", None)
            field = named if named in values else next(iter(values))
            problems.append(Problem(file, erratum.id, f"correct.{field}", message))
            continue
        errata[index] = attrs.evolve(erratum, correct=tuple(typed))
    return problems


def check_corrections(
    entries: list[Entry], tables: Tables, *, today: date | None = None
) -> list[Problem]:
    """Each erratum's typed corrections validated as the fields they set: the record as
    corrected (every correction applied at once) passes the per-record checks of
    :func:`validate` as a record written that way would (links exist, are of the right
    table and not to itself, no id twice, an amount has the unit its subject needs and a
    plausible value, a date is not before :data:`~kzcn.vocabulary.EARLIEST_YEAR`, an
    ordinal is sane, no loop through a link), each problem reported against the erratum.

    A corrected amount is written in the evidence of the erratum's own citations (the
    number reader of :func:`kzcn.evidence.states`), or the erratum declares how it was
    derived (``derived = { amount = "rule" }``). A record the erratum makes a fact done
    (:func:`~kzcn.records.is_done`) may not be dated after the newest of the sources the
    record and the erratum cite: the rule of the ``reported-before-it-happened`` check,
    which reports a record's own value (a source may be wrong; an erratum says why),
    while a correction is the dataset's own reading and is refused."""
    by_id = {record.id: entry for entry in entries for record in (entry[1],)}
    files = {record.id: file for _, record, file in entries}
    published = {s.id: s.published for s in tables.get("sources", ())}
    sources = set(published)
    problems: list[Problem] = []
    view = dict(by_id)  # every record as corrected, for the loops corrections may close
    erratum_of: dict[str, tuple[str, str]] = {}  # corrected record -> (erratum, its file)
    for erratum in tables.get("errata", ()):
        found = by_id.get(erratum.record)
        if found is None or not erratum.correct:
            continue
        target = found[1]
        file = files.get(erratum.id, "?")
        set_fields = {c.field for c in erratum.correct}
        corrected = attrs.evolve(target, **{c.field: c.value for c in erratum.correct})
        renamed = "name" in set_fields and "aliases" not in set_fields
        checked = _unaliased(corrected) if renamed else corrected
        before = len(problems)
        for problem in _check_record(checked, file, by_id, sources, today):
            field = problem.field or ""
            if field.split(".")[0].split("[")[0] in set_fields:
                problems.append(Problem(file, erratum.id, f"correct.{field}", problem.message))
            else:  # a field the erratum keeps, wrong beside the corrected ones
                message = f"the record as corrected: {field}: {problem.message}"
                problems.append(Problem(file, erratum.id, "correct", message))
        refused = {p.field for p in problems[before:]}
        if (
            isinstance(corrected, Figure)
            and "amount" in set_fields
            and "correct.amount" not in refused
        ):
            problems.extend(_corrected_evidence(erratum, corrected, file))
        late_by = _after_sources(target, corrected, erratum, published)
        if late_by is not None:
            problems.append(Problem(file, erratum.id, *late_by))
        view[target.id] = (found[0], corrected, found[2])
        erratum_of.setdefault(target.id, (erratum.id, file))
    if erratum_of:
        # validate() found no loop among the records as written: a correction closed it
        for name, members in link_loops({rid: entry[1] for rid, entry in view.items()}):
            by = next((erratum_of[m] for m in members if m in erratum_of), None)
            if by is not None:
                text = " -> ".join([*members, members[0]])
                message = f"{name} loop: {text}; a {name} chain must end"
                problems.append(Problem(by[1], by[0], f"correct.{name}", message))
    return problems


def _unaliased(record: Any) -> Any:
    """``record`` without the undated aliases equal to its name, for a record an erratum
    renamed: the reading kept as an alias, so that the record as written is found by it,
    may equal the corrected name (xh24-ektu-name)."""
    kept = tuple(a for a in record.aliases if a.name != record.name or a.start or a.end)
    return attrs.evolve(record, aliases=kept)


def _corrected_evidence(erratum: Erratum, figure: Figure, file: str) -> Iterator[Problem]:
    """A corrected amount is written in the evidence of one of the erratum's citations,
    or the erratum declares it derived."""
    unstated = _amount_unstated(figure.amount, erratum.citations, erratum.derived, "the erratum's")
    if unstated is not None:
        yield Problem(file, erratum.id, "correct.amount", unstated)


def _after_sources(
    target: Any, corrected: Any, erratum: Erratum, published: Mapping[str, Any]
) -> tuple[str, str] | None:
    """``(field, message)`` when the corrected record is a fact done dated after every
    source cited (the record's and the erratum's) was published, and the erratum made it
    so (it set the date, or made the record done or late): else ``None``."""
    cited = [c.source for c in (*target.citations, *erratum.citations)]
    dates = [published[s] for s in cited if s in published]
    newest = late(corrected, dates)
    if newest is None:
        return None
    set_fields = [c.field for c in erratum.correct]
    dated = next((f.name for f in attrs.fields(type(target)) if f.metadata.get("when")), None)
    if dated not in set_fields:
        if late(target, dates) is not None:
            return None  # late already as the source states it: the check's finding
        dated = set_fields[0]  # the status or kind that made it a fact done
    return (
        f"correct.{dated}",
        f"{when(corrected)} starts after the newest of its sources was published ({newest}), "
        "for a record reporting a fact done; a correction states what its sources could",
    )
