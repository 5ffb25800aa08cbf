"""Checks of arithmetic, with intervals: parts and totals, growth rates, shares, multiples,
conflicting figures, targets."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..intervals import Interval, growth, share
from ..records import Figure
from ..vocabulary import (
    Direction,
    FigureKind,
    Measure,
    Subject,
)
from .base import (
    Finding,
    Severity,
    check,
    comparable,
    finding,
    percent,
    sources_of,
    value_of,
)
from .wording import amount_span, decimals, span

if TYPE_CHECKING:
    from ..dataset import Dataset


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
        if total is None or not all(comparable(p, total) for p in members):
            continue
        summed = value_of(members[0])
        for member in members[1:]:
            summed = summed + value_of(member)
        expected = value_of(total)
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
        places = decimals(total.amount, *(m.amount for m in members))
        if complete and not summed.overlaps(expected):
            yield finding(
                "parts-sum",
                ids,
                f"the parts ({' + '.join(str(m.amount) for m in members)}) sum to "
                f"{amount_span(summed, total.amount, places)}, but the total states "
                f"{total.amount}",
                expected=expected,
                actual=summed,
            )
        elif not complete and summed.lo > expected.hi:
            yield finding(
                "parts-sum",
                ids,
                f"the parts ({' + '.join(str(m.amount) for m in members)}) sum to at least "
                f"{amount_span(summed, total.amount, places)}, more than the total "
                f"{total.amount} states",
                expected=expected,
                actual=summed,
            )


def _ratio_findings(ds: Dataset, measure: Measure, check_id: str) -> Iterator[Finding]:
    for figure in ds.figures:
        if figure.measure is not measure or not figure.rate_of or not figure.base:
            continue
        new, old = ds.figures.get(figure.rate_of), ds.figures.get(figure.base)
        if new is None or old is None or not comparable(new, old):
            continue
        if measure is Measure.GROWTH:
            expected = growth(value_of(new), value_of(old))
            stated = percent(figure)
        elif measure is Measure.SHARE:
            expected = share(value_of(new), value_of(old))
            stated = percent(figure)
        else:
            expected = value_of(new) / value_of(old)
            stated = value_of(figure)
        if not expected.overlaps(stated):
            yield finding(
                check_id,
                [figure.id, new.id, old.id],
                f"states {figure.amount} ({figure.qualifier.value}), but {new.id} against "
                f"{old.id} gives {span(expected, decimals(figure.amount) + 1)} "
                f"{figure.amount.unit}",
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
    """Figures for the same subject, measure, kind, direction and period whose intervals
    do not all overlap: sources (or one text) that disagree. A group that disagrees is
    reported once, naming every figure of it that some other one contradicts. (Ranks are
    compared by ``rank-conflict``, as whole places and over overlapping periods.)"""
    groups: dict[tuple[object, ...], list[Figure]] = defaultdict(list)
    for figure in ds.figures:
        if figure.subject is Subject.OTHER or figure.measure is Measure.RANK:
            continue
        key = (
            figure.subject,
            figure.measure,
            figure.kind,
            figure.direction,
            figure.period,
            frozenset(figure.parties),
            figure.refers_to,
            figure.amount.unit,  # only figures of one unit are compared
        )
        groups[key].append(figure)
    for figures in groups.values():
        if len(figures) < 2:
            continue
        conflict = _disagreeing(figures)
        if conflict is not None:
            yield conflict


def _disagreeing(figures: list[Figure]) -> Finding | None:
    """One finding for a group of figures whose intervals do not all overlap, or None.

    Intervals on a line all overlap exactly when the highest lower bound is at most the
    lowest upper bound; a figure contradicts another exactly when it lies wholly above
    the lowest upper bound or wholly below the highest lower bound. Both are one pass,
    so a group of n figures costs O(n), and its finding names each figure once.
    """
    values = [value_of(f) for f in figures]
    low = min(range(len(values)), key=lambda k: values[k].hi)  # ends first
    high = max(range(len(values)), key=lambda k: values[k].lo)  # starts last
    floor, ceiling = values[low].hi, values[high].lo
    if ceiling <= floor:
        return None
    members = [f for f, v in zip(figures, values, strict=True) if v.lo > floor or v.hi < ceiling]
    a, b = figures[low], figures[high]
    cited = {frozenset(sources_of(f)) for f in members}
    where = "one source" if len(cited) == 1 else "sources " + ", ".join(sorted(set().union(*cited)))
    if len(members) == 2:
        first, second = members
        stated = f"{first.amount} vs {second.amount}"
    else:
        stated = f"{len(members)} figures from {a.amount} to {b.amount}"
    return finding(
        "same-measure-conflict",
        [f.id for f in members],
        f"values that cannot all hold for the same measure: {stated} for "
        f"{a.subject.value} {a.period} ({where})",
        expected=values[low],
        actual=values[high],
    )


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
            ratio = value_of(latest) / Interval.point(float(target.amount.magnitude))
            yield finding(
                "target-vs-actual",
                [target.id, latest.id],
                f"latest actual {latest.amount} ({latest.period}) is "
                f"{span(ratio.scale(100.0), 1)} percent "
                f"of the target {target.amount}",
                expected=value_of(target),
                actual=value_of(latest),
            )
