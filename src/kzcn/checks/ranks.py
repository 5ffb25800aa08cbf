"""Checks of ranks: two places of one measure that cannot both hold."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..intervals import Interval
from ..records import Figure
from ..vocabulary import Measure, Subject
from .base import Finding, Severity, check, finding, sources_of, value_of

if TYPE_CHECKING:
    from ..dataset import Dataset


def _overlap(a: Figure, b: Figure) -> bool:
    return a.period.start <= b.period.end and b.period.start <= a.period.end


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


@check("rank-conflict", Severity.WARNING)
def rank_conflict(ds: Dataset) -> Iterator[Finding]:
    """Two ranks of one measure (same subject, kind, direction, parties and thing ranked)
    whose periods overlap and whose places cannot both hold: "the main source of
    investment" (1st) and "the third largest investor" in the same year. Places are
    compared as intervals of whole places, so a hedged rank ("in the top four", up to 4)
    holds together with any place inside it. Ranks of the very same period are left to
    ``same-measure-conflict``."""
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
        # A sweep by start: each figure meets only those still open when it starts.
        order = sorted(range(len(figures)), key=lambda k: figures[k].period.start)
        pairs: list[tuple[int, int]] = []
        for position, i in enumerate(order):
            for j in order[position + 1 :]:
                if figures[j].period.start > figures[i].period.end:
                    break
                pairs.append((i, j) if i < j else (j, i))
        for i, j in sorted(pairs):
            a, b = figures[i], figures[j]
            if a.period == b.period or not _overlap(a, b):
                continue
            va, vb = value_of(a), value_of(b)
            if places_agree(va, vb):
                continue
            where = (
                "one source"
                if sources_of(a) == sources_of(b)
                else "sources " + ", ".join(sorted(sources_of(a) | sources_of(b)))
            )
            yield finding(
                "rank-conflict",
                [a.id, b.id],
                f"{a.subject.value} rank {a.amount} ({a.qualifier.value}, {a.period}) and "
                f"{b.amount} ({b.qualifier.value}, {b.period}) cannot both hold ({where})",
                expected=va,
                actual=vb,
            )
