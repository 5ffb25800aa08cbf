"""Checks of years and counts: anniversaries, meeting ordinals, visit kinds, names in
force, the capital as largest city."""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Final

from ..intervals import Interval
from ..records import Alias, Place, Visit, links, when
from ..vocabulary import (
    FigureKind,
    Measure,
    Subject,
    VisitKind,
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
    people_of = [frozenset(v.people) for v in held]
    meetings_of: dict[str, list[int]] = defaultdict(list)
    for index, everyone in enumerate(people_of):
        for person in everyone:
            meetings_of[person].append(index)
    # The meetings of each set of people, once per set: distinct dates sorted by end,
    # so the meetings before a day are a prefix found by bisection.
    meetings: dict[frozenset[str], tuple[list[date], list[str]]] = {}
    for visit in held:
        if visit.ordinal is None:
            continue
        people = frozenset(visit.people)
        if people not in meetings:
            candidates = min((meetings_of.get(p, []) for p in people), key=len)
            dated: dict[tuple[date, date], str] = {}
            for i in candidates:
                if people <= people_of[i]:
                    dated.setdefault((held[i].date.start, held[i].date.end), held[i].id)
            ordered = sorted(dated.items(), key=lambda item: item[0][1])
            meetings[people] = ([d[1] for d, _ in ordered], [i for _, i in ordered])
        ends, ids = meetings[people]
        count = bisect.bisect_left(ends, visit.date.start)
        if count != visit.ordinal - 1:
            # The nearest earlier meetings are named, at most a few: the count says the rest.
            shown = ids[max(0, count - _SHOWN) : count]
            yield finding(
                "meeting-ordinal",
                [visit.id, *shown],
                f"called meeting no. {visit.ordinal}, but {count} earlier meetings "
                "of the same people are on record",
            )


#: Earlier meetings named in a meeting-ordinal finding (its message gives the count).
_SHOWN: Final = 10


@check("visit-kind-conflict", Severity.ERROR)
def visit_kind_conflict(ds: Dataset) -> Iterator[Finding]:
    """The same visit (same people, host and overlapping dates) given different kinds,
    e.g. "official" in one text and "state" in another."""
    visits = [v for v in ds.visits if v.status is VisitStatus.HELD]
    # Only visits of the same people and host can match. Within such a group, the visits
    # whose dates chain into one run of overlaps (a sweep by start date) are reported
    # once, naming each visit that overlaps a visit of another kind.
    groups: dict[tuple[frozenset[str], str | None], list[int]] = defaultdict(list)
    for index, visit in enumerate(visits):
        groups[(frozenset(visit.people), visit.host)].append(index)
    found: list[tuple[int, list[int]]] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        order = sorted(members, key=lambda k: visits[k].date.start)
        run: list[int] = []
        end = None
        for i in order:
            if run and end is not None and visits[i].date.start > end:
                found.extend(_kind_conflicts([visits[k] for k in run], run))
                run, end = [], None
            run.append(i)
            end = visits[i].date.end if end is None else max(end, visits[i].date.end)
        found.extend(_kind_conflicts([visits[k] for k in run], run))
    for _, indices in sorted(found):
        involved = [visits[k] for k in indices]
        kinds = sorted({v.kind.value for v in involved})
        message = (
            f"same people, host and dates, but kind {involved[0].kind.value} vs "
            f"{involved[1].kind.value}"
            if len(involved) == 2
            else f"{len(involved)} visits of the same people and host on overlapping dates, "
            f"of kinds {', '.join(kinds)}"
        )
        yield finding("visit-kind-conflict", [v.id for v in involved], message)


def _kind_conflicts(run: list[Visit], indices: list[int]) -> list[tuple[int, list[int]]]:
    """The visits of one run of overlapping dates that overlap a visit of another kind,
    in table order, keyed by the first of them; none if the run has one kind.

    For each kind, the visits of that kind sorted by start with the running maximum of
    their ends: a visit overlaps one of them exactly when, among those starting by its
    end, the latest end is not before its start. O(n log n) for the few kinds there are.
    """
    kinds = {v.kind for v in run}
    if len(kinds) < 2:
        return []
    reach: dict[VisitKind, tuple[list[date], list[date]]] = {}
    for kind in kinds:
        of_kind = sorted((v for v in run if v.kind is kind), key=lambda v: v.date.start)
        starts = [v.date.start for v in of_kind]
        ends = list(itertools.accumulate((v.date.end for v in of_kind), max))
        reach[kind] = (starts, ends)
    involved = []
    for visit, index in zip(run, indices, strict=True):
        for kind, (starts, ends) in reach.items():
            if kind is visit.kind:
                continue
            upto = bisect.bisect_right(starts, visit.date.end)
            if upto and ends[upto - 1] >= visit.date.start:
                involved.append(index)
                break
    involved.sort()
    return [(involved[0], involved)] if involved else []


@check("name-in-force", Severity.WARNING)
def name_in_force(ds: Dataset) -> Iterator[Finding]:
    """A record dated when a place had another name quotes the place by a name not in force
    then (e.g. "Astana" in June 2021, when the city was Nur-Sultan)."""
    renamed = [_Names(p) for p in ds.places if any(a.start or a.end for a in p.aliases)]
    if not renamed:
        return
    # Position(s) in ``renamed`` by id: a record is matched against the renamed places
    # it links to, not against all of them, and they are taken in ``renamed`` order.
    positions: dict[str, list[int]] = defaultdict(list)
    for position, names in enumerate(renamed):
        positions[names.place.id].append(position)
    for table in ("events", "visits", "agreements", "projects", "figures"):
        for record in ds.tables[table]:
            period = when(record)
            if period is None:
                continue
            targets = {t for _, t, _ in links(record)}
            hits = sorted(p for t in targets if t in positions for p in positions[t])
            for position in hits:
                yield from renamed[position].stale(record, period.start, period.end)


class _Names:
    """A renamed place's dated names, indexed once for all the records that link to it:
    a record's evidence is searched for the names it holds (by the lengths of the names,
    when there are many), and only those are tested for being in force. A place with
    many aliases then costs each record the length of its evidence, not its aliases."""

    __slots__ = ("by_name", "dated", "dated_main", "lengths", "place")

    def __init__(self, place: Place) -> None:
        self.place = place
        self.dated = sorted({a.name for a in place.aliases if a.start or a.end})
        self.lengths = sorted({len(n) for n in self.dated})
        self.by_name: dict[str, list[Alias]] = defaultdict(list)
        for alias in place.aliases:
            self.by_name[alias.name].append(alias)
        self.dated_main = [a for a in self.by_name[place.name] if a.start or a.end]

    def quoted(self, text: str) -> list[str]:
        """The dated names that occur in ``text``, sorted."""
        if len(self.dated) <= _FEW_NAMES:
            return [n for n in self.dated if n in text]
        wanted = set(self.dated)
        found = {
            text[i : i + size]
            for size in self.lengths
            for i in range(len(text) - size + 1)
            if text[i : i + size] in wanted
        }
        return sorted(found)

    def in_force(self, name: str, day: date) -> bool:
        """What ``name in place.names(day)`` says, from the aliases of that name only."""
        if name == self.place.name:
            return not self.dated_main or any(a.in_force(day) for a in self.dated_main)
        return any(a.in_force(day) for a in self.by_name.get(name, ()))

    def stale(self, record: object, start: date, end: date) -> Iterator[Finding]:
        for citation in getattr(record, "citations", ()):
            for name in self.quoted(citation.evidence):
                if self.in_force(name, start) or self.in_force(name, end):
                    continue
                yield finding(
                    "name-in-force",
                    [getattr(record, "id"), self.place.id],  # noqa: B009
                    f"quotes {self.place.name} as {name!r}, a name not in force on {start}",
                )


#: Up to this many dated names, a place's names are looked for one by one.
_FEW_NAMES: Final = 16


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
