"""Checks of years and counts: anniversaries, meeting ordinals, visit kinds, names in
force, the capital as largest city."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from ..intervals import Interval
from ..records import Place, links, when
from ..vocabulary import (
    FigureKind,
    Measure,
    Subject,
    VisitStatus,
)
from .base import (
    Finding,
    Severity,
    check,
    finding,
    value_of,
)
from .wording import decimals, span

if TYPE_CHECKING:
    from ..dataset import Dataset


@check("anniversary", Severity.ERROR)
def anniversary(ds: Dataset) -> Iterator[Finding]:
    """An anniversary or "N years ago" matches the years between the founding record it
    refers to and the figure's own period."""
    for figure in ds.figures:
        if figure.subject not in (Subject.ANNIVERSARY, Subject.DURATION) or not figure.refers_to:
            continue
        if figure.kind is not FigureKind.ACTUAL:
            continue
        target = ds.get(figure.refers_to)
        founded = when(target) if target is not None else None
        if founded is None or figure.amount.unit != "year":
            continue
        # Dates are only known to their precision: allow any pair of days inside them.
        years = Interval(
            (figure.period.start - founded.end).days / 365.25,
            (figure.period.end - founded.start).days / 365.25,
        )
        stated = value_of(figure)
        if not years.overlaps(stated):
            yield finding(
                "anniversary",
                [figure.id, figure.refers_to],
                # One decimal more than stated: rounded to the stated digits, the
                # ends could round onto the stated number itself.
                f"{figure.period} is {span(years, decimals(figure.amount) + 1)} years after "
                f"{founded}, so it cannot be the {figure.amount.value} years the text states",
                expected=years,
                actual=stated,
            )


@check("meeting-ordinal", Severity.WARNING)
def meeting_ordinal(ds: Dataset) -> Iterator[Finding]:
    """A meeting numbered N ("their third face-to-face meeting") has N-1 earlier held
    meetings of the same people on record."""
    held = [v for v in ds.visits if v.status is VisitStatus.HELD and len(v.people) >= 2]
    # Each held meeting listed under each of its people: a meeting of a superset of the
    # people is under every one of them, so the shortest of their lists has them all.
    people_of = [set(v.people) for v in held]
    meetings_of: dict[str, list[int]] = defaultdict(list)
    for index, people in enumerate(people_of):
        for person in people:
            meetings_of[person].append(index)
    for visit in held:
        if visit.ordinal is None:
            continue
        people = set(visit.people)
        candidates = min((meetings_of.get(p, []) for p in people), key=len)
        earlier = {
            (held[i].date.start, held[i].date.end): held[i].id
            for i in candidates
            if people <= people_of[i] and held[i].date.end < visit.date.start
        }
        if len(earlier) != visit.ordinal - 1:
            yield finding(
                "meeting-ordinal",
                [visit.id, *earlier.values()],
                f"called meeting no. {visit.ordinal}, but {len(earlier)} earlier meetings "
                "of the same people are on record",
            )


@check("visit-kind-conflict", Severity.ERROR)
def visit_kind_conflict(ds: Dataset) -> Iterator[Finding]:
    """The same visit (same people, host and overlapping dates) given different kinds,
    e.g. "official" in one text and "state" in another."""
    visits = [v for v in ds.visits if v.status is VisitStatus.HELD]
    # Only visits of the same people and host can match: compare within those groups,
    # and there only the visits whose dates overlap (a sweep by start date), then report
    # the pairs in the order of all pairs of the table.
    groups: dict[tuple[frozenset[str], str | None], list[int]] = defaultdict(list)
    for index, visit in enumerate(visits):
        groups[(frozenset(visit.people), visit.host)].append(index)
    pairs: list[tuple[int, int]] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        order = sorted(members, key=lambda k: visits[k].date.start)
        for position, i in enumerate(order):
            end = visits[i].date.end
            for j in order[position + 1 :]:
                if visits[j].date.start > end:
                    break
                if visits[i].kind is not visits[j].kind:
                    pairs.append((i, j) if i < j else (j, i))
    for i, j in sorted(pairs):
        a, b = visits[i], visits[j]
        yield finding(
            "visit-kind-conflict",
            [a.id, b.id],
            f"same people, host and dates, but kind {a.kind.value} vs {b.kind.value}",
        )


@check("name-in-force", Severity.WARNING)
def name_in_force(ds: Dataset) -> Iterator[Finding]:
    """A record dated when a place had another name quotes the place by a name not in force
    then (e.g. "Astana" in June 2021, when the city was Nur-Sultan)."""
    renamed = [p for p in ds.places if any(a.start or a.end for a in p.aliases)]
    if not renamed:
        return
    # Position(s) in ``renamed`` by id: a record is matched against the renamed places
    # it links to, not against all of them, and they are taken in ``renamed`` order.
    positions: dict[str, list[int]] = defaultdict(list)
    for position, place in enumerate(renamed):
        positions[place.id].append(position)
    for table in ("events", "visits", "agreements", "projects", "figures"):
        for record in ds.tables[table]:
            period = when(record)
            if period is None:
                continue
            targets = {t for _, t, _ in links(record)}
            hits = sorted(p for t in targets if t in positions for p in positions[t])
            for position in hits:
                yield from _stale_names(record, renamed[position], period.start, period.end)


def _stale_names(record: object, place: Place, start: date, end: date) -> Iterator[Finding]:
    in_force = {n for day in (start, end) for n in place.names(day)}
    dated = {a.name for a in place.aliases if a.start or a.end} - in_force
    for citation in getattr(record, "citations", ()):
        for name in sorted(dated):
            if name in citation.evidence:
                yield finding(
                    "name-in-force",
                    [getattr(record, "id"), place.id],  # noqa: B009
                    f"quotes {place.name} as {name!r}, a name not in force on {start}",
                )


@check("capital-largest-city", Severity.WARNING)
def capital_largest_city(ds: Dataset) -> Iterator[Finding]:
    """A capital ranked first by population ("the largest city ..., Astana"): the sources'
    notes list this as a known slip of these texts, so each such claim is surfaced for an
    erratum to confirm or correct."""
    for figure in ds.figures:
        if figure.subject is not Subject.POPULATION or figure.measure is not Measure.RANK:
            continue
        place = ds.places.get(figure.refers_to) if figure.refers_to else None
        if place is None or place.capital_of is None:
            continue
        if value_of(figure).contains(1.0):
            yield finding(
                "capital-largest-city",
                [figure.id, place.id],
                f"ranks {place.name}, the capital of {_name(ds, place.capital_of)}, first by "
                "size: a capital called the largest city is a known slip of these texts, "
                "to be confirmed or corrected by an erratum",
            )


def _name(ds: Dataset, record_id: str) -> str:
    """A record's name for a message (its id when it has none)."""
    record = ds.get(record_id)
    return str(getattr(record, "name", None) or record_id)
