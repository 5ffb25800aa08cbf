"""Checks of arithmetic, with intervals: parts and totals, growth rates, shares, multiples,
conflicting figures, targets."""

from __future__ import annotations

import bisect
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
                if sources_of(a) == sources_of(b)
                else "sources " + ", ".join(sorted(sources_of(a) | sources_of(b)))
            )
            yield finding(
                "same-measure-conflict",
                [a.id, b.id],
                f"two different values for the same measure: {a.amount} vs {b.amount} for "
                f"{a.subject.value} {a.period} ({where})",
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
            values[index] = value_of(figures[index])
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
