"""Checks of ranks: two places of one measure that cannot both hold."""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..dates import Period
from ..intervals import Interval
from ..records import Figure
from ..vocabulary import Measure, Subject
from .base import Finding, Severity, check, finding, value_of, where_stated

if TYPE_CHECKING:
    from ..dataset import Dataset


def _places(value: Interval) -> tuple[float, float]:
    """The whole places an interval allows: a place is a whole number, so "2nd" (the
    interval [1.5, 2.5]) and "1st" ([0.5, 1.5]) share no place though their bounds touch."""
    lo = value.lo if math.isinf(value.lo) else math.ceil(value.lo)
    hi = value.hi if math.isinf(value.hi) else math.floor(value.hi)
    return lo, hi


def places_agree(a: Interval, b: Interval) -> bool:
    """True when some whole place lies inside both intervals."""
    (alo, ahi), (blo, bhi) = _places(a), _places(b)
    return max(alo, blo) <= min(ahi, bhi)


def _apart(
    ones: list[tuple[float, float, int]], others: list[tuple[float, float, int]]
) -> Iterator[tuple[int, int]]:
    """Index pairs of a place range of ``ones`` and one of ``others`` that share no
    place: found by bisection in ``others`` sorted by their ends, so the work is the
    pairs found, not all pairs."""
    by_lo = sorted(others)
    lows = [lo for lo, _, _ in by_lo]
    by_hi = sorted(others, key=lambda r: r[1])
    highs = [hi for _, hi, _ in by_hi]
    for lo, hi, index in ones:
        for _, _, other in by_lo[bisect.bisect_right(lows, hi) :]:
            yield index, other
        for _, _, other in by_hi[: bisect.bisect_left(highs, lo)]:
            yield index, other


@check("rank-conflict", Severity.WARNING)
def rank_conflict(ds: Dataset) -> Iterator[Finding]:
    """Two ranks of one measure (same subject, kind, direction, parties and thing ranked)
    whose periods overlap and whose places cannot both hold: "the main source of
    investment" (1st) and "the third largest investor" in the same year. Places are
    compared as intervals of whole places, so a hedged rank ("in the top four", up to 4)
    holds together with any place inside it, and "1st" and "2nd" conflict although their
    intervals touch at 1.5."""
    groups: dict[tuple[object, ...], list[Figure]] = defaultdict(list)
    for figure in ds.figures:
        if figure.measure is not Measure.RANK or figure.subject is Subject.OTHER:
            continue
        key = (
            figure.subject,
            figure.kind,
            figure.direction,
            frozenset(figure.parties),
            figure.refers_to,
        )
        groups[key].append(figure)
    for figures in groups.values():
        if len(figures) < 2:
            continue
        # Ranks of one period together; a sweep by start meets each period only with
        # the periods still open when it starts.
        by_period: dict[Period, list[tuple[float, float, int]]] = defaultdict(list)
        for index, figure in enumerate(figures):
            by_period[figure.period].append((*_places(value_of(figure)), index))
        periods = sorted(by_period, key=lambda p: (p.start, p.end))
        pairs: set[tuple[int, int]] = set()
        for position, period in enumerate(periods):
            ranks = by_period[period]
            pairs.update(_apart(ranks, ranks))
            for later in periods[position + 1 :]:
                if later.start > period.end:
                    break
                pairs.update(_apart(ranks, by_period[later]))
        # A rank with no whole place in it (1.5th) lies apart from itself too: not a pair.
        for i, j in sorted({(min(p), max(p)) for p in pairs if p[0] != p[1]}):
            a, b = figures[i], figures[j]
            where = where_stated(a, b)
            yield finding(
                "rank-conflict",
                [a.id, b.id],
                f"{a.subject.value} rank {a.amount} ({a.qualifier.value}, {a.period}) and "
                f"{b.amount} ({b.qualifier.value}, {b.period}) cannot both hold ({where})",
                expected=value_of(a),
                actual=value_of(b),
            )
