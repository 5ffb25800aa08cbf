"""Consistency checks: does the data hold together?

Each check is a function registered with :func:`check`, with an id, a severity and a
docstring saying what it catches. :func:`run_checks` runs them all and marks a finding
*acknowledged* when an :class:`~kzcn.records.Erratum` explains one of its records.
Numbers are compared as intervals (:mod:`kzcn.intervals`), so rounding in a source never
raises a false alarm.
"""

from __future__ import annotations

import bisect
import enum
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Final

import attrs

from .dataset import link_targets
from .intervals import Interval, growth, interval_of, share
from .records import Erratum, Figure, Place, links, when
from .vocabulary import (
    AgreementStatus,
    Direction,
    FigureKind,
    Measure,
    Subject,
    VisitStatus,
)

if TYPE_CHECKING:
    from .dataset import Dataset
    from .dates import Period

__all__ = ["CHECKS", "Check", "Finding", "Severity", "check", "run_checks"]


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Finding:
    """One problem a check found: which check, how bad, which records, and why."""

    check: str
    severity: Severity
    records: tuple[str, ...]
    message: str
    expected: Interval | None = None
    actual: Interval | None = None
    acknowledged_by: tuple[str, ...] = ()

    @property
    def acknowledged(self) -> bool:
        """True when an erratum explains this finding."""
        return bool(self.acknowledged_by)


CheckFunction = Callable[["Dataset"], Iterable[Finding]]


@attrs.frozen
class Check:
    id: str
    severity: Severity
    function: CheckFunction

    @property
    def doc(self) -> str:
        return (self.function.__doc__ or "").strip()

    def run(self, ds: Dataset) -> list[Finding]:
        return list(self.function(ds))


CHECKS: Final[dict[str, Check]] = {}


def check(check_id: str, severity: Severity) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function under ``check_id``."""

    def register(function: CheckFunction) -> CheckFunction:
        CHECKS[check_id] = Check(check_id, severity, function)
        return function

    return register


def _finding(
    check_id: str,
    records: Iterable[str],
    message: str,
    expected: Interval | None = None,
    actual: Interval | None = None,
) -> Finding:
    return Finding(check_id, CHECKS[check_id].severity, tuple(records), message, expected, actual)


def _sources_of(record: object) -> set[str]:
    return {c.source for c in getattr(record, "citations", ())}


def _value(figure: Figure) -> Interval:
    return interval_of(figure.amount, figure.qualifier)


def _percent(figure: Figure) -> Interval:
    """A ratio figure's interval in percent, whatever ratio unit it is stated in."""
    value = _value(figure)
    return value if figure.amount.unit == "percent" else value.scale(100.0)


def _comparable(a: Figure, b: Figure) -> bool:
    return a.amount.unit == b.amount.unit


# --- references --------------------------------------------------------------------


@check("dangling-link", Severity.ERROR)
def dangling_link(ds: Dataset) -> Iterator[Finding]:
    """Every id a record links to exists in one of the tables the link allows, and every
    citation names a known source. The loader refuses such files; this check guards
    datasets built or changed in code (``Dataset.evolve``)."""
    tables = ds.tables
    for table in tables.values():
        for record in table:
            for field, target, declared in links(record):
                allowed = link_targets(declared)
                if not any(target in tables[t] for t in allowed):
                    yield _finding(
                        "dangling-link",
                        [record.id],
                        f"{field} links to {target!r}, not found in {', '.join(allowed)}",
                    )
            for citation in getattr(record, "citations", ()):
                if citation.source not in ds.sources:
                    yield _finding(
                        "dangling-link",
                        [record.id],
                        f"cites unknown source {citation.source!r}",
                    )


# --- units -------------------------------------------------------------------------


@check("unit-dimension", Severity.ERROR)
def unit_dimension(ds: Dataset) -> Iterator[Finding]:
    """A figure's unit must have the dimension its subject (or its measure) requires:
    trade in a currency, cargo in tonnes, containers in containers, growth in percent."""
    for figure in ds.figures:
        problem = figure.unit_problem()
        if problem is not None:
            yield _finding("unit-dimension", [figure.id], problem)


@check("currency-context", Severity.ERROR)
def currency_context(ds: Dataset) -> Iterator[Finding]:
    """Money figures of one source about the same subject should share a currency; a lone
    figure in another currency (the "rubles" among dollars) is flagged, and so is a figure
    whose currency differs from other records of the same measure and period."""
    groups: dict[tuple[str, Subject], list[Figure]] = defaultdict(list)
    money = [
        f for f in ds.figures if f.measure is Measure.LEVEL and f.subject.dimension == "currency"
    ]
    flagged: set[str] = set()
    for figure in money:
        for source in _sources_of(figure):
            groups[(source, figure.subject)].append(figure)
    for (source, subject), figures in groups.items():
        currencies = Counter(f.amount.unit for f in figures)
        if len(currencies) < 2:
            continue
        usual, count = currencies.most_common(1)[0]
        if count * 2 <= len(figures):
            continue
        for figure in figures:
            if figure.amount.unit != usual:
                flagged.add(figure.id)
                yield _finding(
                    "currency-context",
                    [figure.id],
                    f"{figure.amount} among {count} {subject.value} figures in {usual} "
                    f"from {source}",
                )
    # The same measure (subject, kind, period, direction) stated in another currency
    # than other records give it: the figure's currency contradicts its context.
    same: dict[tuple[object, ...], list[Figure]] = defaultdict(list)
    for figure in money:
        same[(figure.subject, figure.kind, figure.period, figure.direction)].append(figure)
    for figures in same.values():
        currencies = Counter(f.amount.unit for f in figures)
        if len(currencies) < 2:
            continue
        usual = currencies.most_common(1)[0][0]
        reference = next(f for f in figures if f.amount.unit == usual)
        for figure in figures:
            if figure.amount.unit != usual and figure.id not in flagged:
                yield _finding(
                    "currency-context",
                    [figure.id, reference.id],
                    f"{figure.amount}, while {reference.id} gives the same measure in {usual}",
                )


# --- dates -------------------------------------------------------------------------


def _published(ds: Dataset, record: object) -> list[Period]:
    return [ds.sources[s].published for s in _sources_of(record) if s in ds.sources]


@check("reported-before-it-happened", Severity.ERROR)
def reported_before(ds: Dataset) -> Iterator[Finding]:
    """A held visit, a signed agreement or an actual figure cannot be dated after every
    source that reports it was published."""
    # Taken one by one (no list of every candidate), and the sources are looked up only
    # for the records the rule applies to.
    candidates: Iterator[tuple[object, Period | None, bool]] = itertools.chain(
        ((v, v.date, v.status is VisitStatus.HELD) for v in ds.visits),
        (
            (a, a.date, a.status in (AgreementStatus.SIGNED, AgreementStatus.REACHED))
            for a in ds.agreements
        ),
        ((f, f.period, f.kind is FigureKind.ACTUAL) for f in ds.figures),
    )
    for record, period, done in candidates:
        if not done or period is None:
            continue
        published = _published(ds, record)
        if not published:
            continue
        latest = max(p.end for p in published)
        if period.start > latest:
            yield _finding(
                "reported-before-it-happened",
                [getattr(record, "id")],  # noqa: B009
                f"dated {period} but its sources were published by {latest}",
            )


@check("planned-after-the-fact", Severity.WARNING)
def planned_after(ds: Dataset) -> Iterator[Finding]:
    """A visit still called planned by sources that were all published after its date."""
    for visit in ds.visits:
        if visit.status is VisitStatus.HELD:
            continue
        published = _published(ds, visit)
        if published and min(p.start for p in published) > visit.date.end:
            yield _finding(
                "planned-after-the-fact",
                [visit.id],
                f"{visit.status.value} for {visit.date}, but reported only after that",
            )


@check("period-containment", Severity.ERROR)
def period_containment(ds: Dataset) -> Iterator[Finding]:
    """A part lies within the period of its total; a rate within the period it describes."""
    for figure in ds.figures:
        for target_id in (figure.part_of, figure.rate_of):
            target = ds.figures.get(target_id) if target_id else None
            if target is not None and not target.period.contains(figure.period):
                yield _finding(
                    "period-containment",
                    [figure.id, target.id],
                    f"period {figure.period} is not inside {target.period} of {target.id}",
                )


# --- arithmetic --------------------------------------------------------------------


@check("parts-sum", Severity.ERROR)
def parts_sum(ds: Dataset) -> Iterator[Finding]:
    """Parts add up to their total: exports + imports = turnover when both directions are
    given; otherwise the parts must not exceed the total."""
    parts: dict[str, list[Figure]] = defaultdict(list)
    for figure in ds.figures:
        if figure.part_of and figure.measure is Measure.LEVEL:
            parts[figure.part_of].append(figure)
    for total_id, members in parts.items():
        total = ds.figures.get(total_id)
        if total is None or not all(_comparable(p, total) for p in members):
            continue
        summed = _value(members[0])
        for member in members[1:]:
            summed = summed + _value(member)
        expected = _value(total)
        directions = {m.direction for m in members}
        complete = (
            total.direction is Direction.BOTH
            and {
                Direction.KZ_TO_CN,
                Direction.CN_TO_KZ,
            }
            <= directions
        )
        ids = [total.id, *(m.id for m in members)]
        if complete and not summed.overlaps(expected):
            yield _finding(
                "parts-sum",
                ids,
                f"parts sum to {summed}, total is {expected}",
                expected=expected,
                actual=summed,
            )
        elif not complete and summed.lo > expected.hi:
            yield _finding(
                "parts-sum",
                ids,
                f"parts sum to at least {summed.lo:.6g}, more than the total {expected}",
                expected=expected,
                actual=summed,
            )


def _ratio_findings(ds: Dataset, measure: Measure, check_id: str) -> Iterator[Finding]:
    for figure in ds.figures:
        if figure.measure is not measure or not figure.rate_of or not figure.base:
            continue
        new, old = ds.figures.get(figure.rate_of), ds.figures.get(figure.base)
        if new is None or old is None or not _comparable(new, old):
            continue
        if measure is Measure.GROWTH:
            expected = growth(_value(new), _value(old))
            stated = _percent(figure)
        elif measure is Measure.SHARE:
            expected = share(_value(new), _value(old))
            stated = _percent(figure)
        else:
            expected = _value(new) / _value(old)
            stated = _value(figure)
        if not expected.overlaps(stated):
            yield _finding(
                check_id,
                [figure.id, new.id, old.id],
                f"stated {figure.amount} ({figure.qualifier.value}) but {new.id} against "
                f"{old.id} gives {expected}",
                expected=expected,
                actual=stated,
            )


@check("growth-rate", Severity.ERROR)
def growth_rate(ds: Dataset) -> Iterator[Finding]:
    """A stated growth rate agrees with the two figures it links (``rate_of`` the later
    value, ``base`` the earlier one), also when they come from different sources."""
    return _ratio_findings(ds, Measure.GROWTH, "growth-rate")


@check("share", Severity.ERROR)
def share_check(ds: Dataset) -> Iterator[Finding]:
    """A stated share agrees with its part (``rate_of``) and whole (``base``)."""
    return _ratio_findings(ds, Measure.SHARE, "share")


@check("multiple", Severity.ERROR)
def multiple(ds: Dataset) -> Iterator[Finding]:
    """A stated multiple ("a hundredfold") agrees with the later and earlier figures."""
    return _ratio_findings(ds, Measure.MULTIPLE, "multiple")


@check("same-measure-conflict", Severity.WARNING)
def same_measure_conflict(ds: Dataset) -> Iterator[Finding]:
    """Two figures for the same subject, measure, kind, direction and period whose
    intervals do not overlap: sources (or one text) that disagree."""
    groups: dict[tuple[object, ...], list[Figure]] = defaultdict(list)
    for figure in ds.figures:
        if figure.subject is Subject.OTHER:
            continue
        key = (
            figure.subject,
            figure.measure,
            figure.kind,
            figure.direction,
            figure.period,
            frozenset(figure.parties),
            figure.refers_to,
        )
        groups[key].append(figure)
    for figures in groups.values():
        if len(figures) < 2:
            continue
        values: dict[int, Interval] = {}
        for i, j in _disjoint_pairs(figures, values):
            a, b = figures[i], figures[j]
            va, vb = values[i], values[j]
            where = (
                "one source"
                if _sources_of(a) == _sources_of(b)
                else "sources " + ", ".join(sorted(_sources_of(a) | _sources_of(b)))
            )
            yield _finding(
                "same-measure-conflict",
                [a.id, b.id],
                f"{a.amount} vs {b.amount} for {a.subject.value} {a.period} ({where})",
                expected=va,
                actual=vb,
            )


def _disjoint_pairs(figures: list[Figure], values: dict[int, Interval]) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of comparable figures whose intervals do not
    overlap, in the order ``itertools.combinations`` gives them; ``values`` receives the
    interval of every figure that has a comparable partner.

    Sorted by lower bound, the figures disjoint from ``a`` and above it are a suffix
    (those whose ``lo`` exceeds ``a.hi``), and every disjoint pair is found exactly once
    from its lower member: O(n log n) plus the pairs found, not O(n^2).
    """
    by_unit: dict[str, list[int]] = defaultdict(list)
    for index, figure in enumerate(figures):
        by_unit[figure.amount.unit].append(index)
    pairs: list[tuple[int, int]] = []
    for members in by_unit.values():
        if len(members) < 2:
            continue
        for index in members:
            values[index] = _value(figures[index])
        order = sorted(members, key=lambda k: values[k].lo)
        lows = [values[k].lo for k in order]
        for index in members:
            start = bisect.bisect_right(lows, values[index].hi)
            for other in order[start:]:
                pairs.append((index, other) if index < other else (other, index))
    pairs.sort()
    return pairs


@check("target-vs-actual", Severity.INFO)
def target_vs_actual(ds: Dataset) -> Iterator[Finding]:
    """Where a target has an actual of the same subject and direction, report the gap."""
    # The latest actual per (subject, direction, unit), found in one pass: the first of
    # equally late ones, as max() over the figures in table order would pick.
    latest_of: dict[tuple[object, ...], Figure] = {}
    for f in ds.figures:
        if f.kind is FigureKind.ACTUAL and f.measure is Measure.LEVEL:
            key = (f.subject, f.direction, f.amount.unit)
            best = latest_of.get(key)
            if best is None or (f.period.end, f.period.start) > (
                best.period.end,
                best.period.start,
            ):
                latest_of[key] = f
    for target in ds.figures:
        if target.kind is not FigureKind.TARGET or target.measure is not Measure.LEVEL:
            continue
        latest = latest_of.get((target.subject, target.direction, target.amount.unit))
        if latest is not None:
            # Against the stated target value: an "up to" target's interval starts at 0.
            ratio = _value(latest) / Interval.point(float(target.amount.magnitude))
            yield _finding(
                "target-vs-actual",
                [target.id, latest.id],
                f"latest actual {latest.amount} ({latest.period}) is {ratio.scale(100.0)} % "
                f"of the target {target.amount}",
                expected=_value(target),
                actual=_value(latest),
            )


# --- years and counts --------------------------------------------------------------


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
        stated = _value(figure)
        if not years.overlaps(stated):
            yield _finding(
                "anniversary",
                [figure.id, figure.refers_to],
                f"{figure.period} is {years} years after {founded}, not {figure.amount}",
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
            yield _finding(
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
        yield _finding(
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
    for table in ("visits", "agreements", "projects", "figures"):
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
                yield _finding(
                    "name-in-force",
                    [getattr(record, "id"), place.id],  # noqa: B009
                    f"quotes {place.id} as {name!r}, not its name on {start}",
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
        if _value(figure).contains(1.0):
            yield _finding(
                "capital-largest-city",
                [figure.id, place.id],
                f"{place.id}, the capital of {place.capital_of}, is ranked first by size",
            )


# --- errata ------------------------------------------------------------------------


def _explains(erratum: Erratum, finding: Finding) -> bool:
    """An erratum explains a finding of the check it names when the finding involves its
    record, or starts with one of its ``related`` records (the same slip quoted in several
    records). Errata that name no check are notes on the text and acknowledge nothing."""
    if erratum.check != finding.check:
        return False
    return erratum.record in finding.records or finding.records[0] in erratum.related


def _acknowledge(findings: list[Finding], errata: Iterable[Erratum]) -> list[Finding]:
    errata = list(errata)
    # What _explains tests, as look-ups: errata by (check, record) and by (check, related
    # id), so each finding meets only the errata that can explain it.
    checks = {e.check for e in errata}
    by_record: dict[tuple[str | None, str], list[int]] = defaultdict(list)
    by_related: dict[tuple[str | None, str], list[int]] = defaultdict(list)
    for index, erratum in enumerate(errata):
        by_record[(erratum.check, erratum.record)].append(index)
        for related in erratum.related:
            by_related[(erratum.check, related)].append(index)
    result = []
    for finding in findings:
        if finding.check not in checks:
            result.append(finding)
            continue
        if not finding.records:  # no record to look up: test every erratum, as defined
            found = tuple(sorted(e.id for e in errata if _explains(e, finding)))
        else:
            matched = {
                i for record in finding.records for i in by_record.get((finding.check, record), ())
            }
            matched.update(by_related.get((finding.check, finding.records[0]), ()))
            found = tuple(sorted(errata[i].id for i in matched))
        result.append(attrs.evolve(finding, acknowledged_by=found) if found else finding)
    return result


def run_checks(ds: Dataset, only: Iterable[str] | None = None) -> list[Finding]:
    """Run the checks (all, or those named in ``only``) and let errata acknowledge findings.

    An erratum that names a ``check`` but explains no finding of it is reported as a
    ``stale-erratum`` warning (when all checks run): the data it excuses has changed.
    """
    selected = [CHECKS[c] for c in only] if only is not None else list(CHECKS.values())
    findings = [f for c in selected for f in c.run(ds)]
    findings = _acknowledge(findings, ds.errata)
    if only is None:
        explained = {e for f in findings for e in f.acknowledged_by}
        for erratum in ds.errata:
            if erratum.check is None or erratum.id in explained:
                continue
            known = erratum.check in CHECKS
            findings.append(
                Finding(
                    "stale-erratum",
                    Severity.WARNING,
                    (erratum.id, erratum.record),
                    f"erratum {erratum.id} expects a {erratum.check} finding on "
                    f"{erratum.record}, and there is none"
                    if known
                    else f"erratum {erratum.id} names an unknown check {erratum.check!r}",
                )
            )
    return findings
