"""Checks of dates: nothing reported before it happened, plans dated before the fact,
periods inside their totals."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..records import is_done, late, when
from ..vocabulary import VisitStatus
from .base import (
    Finding,
    Severity,
    check,
    finding,
    sources_of,
)

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..dates import Period


def _published(ds: Dataset, record: object) -> list[Period]:
    return [ds.sources[s].published for s in sources_of(record) if s in ds.sources]


@check("reported-before-it-happened", Severity.ERROR)
def reported_before(ds: Dataset) -> Iterator[Finding]:
    """A held visit or event, a signed agreement, a completed project or an actual
    figure cannot be dated after every source that reports it was published (the
    loader refuses an erratum's correction that would make it so)."""
    # Taken one by one (no list of every candidate), and the sources are looked up only
    # for the records the rule applies to.
    tables = (ds.visits, ds.agreements, ds.events, ds.projects, ds.figures)
    for record in itertools.chain.from_iterable(tables):
        if not is_done(record):
            continue
        newest = late(record, _published(ds, record))
        if newest is not None:
            yield finding(
                "reported-before-it-happened",
                [getattr(record, "id")],  # noqa: B009
                f"dated {when(record)} but its sources were published by {newest.end}",
            )


@check("planned-after-the-fact", Severity.WARNING)
def planned_after(ds: Dataset) -> Iterator[Finding]:
    """A visit still called planned by sources that were all published after its date."""
    for visit in ds.visits:
        if visit.status is VisitStatus.HELD:
            continue
        published = _published(ds, visit)
        if published and min(p.start for p in published) > visit.date.end:
            yield finding(
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
                yield finding(
                    "period-containment",
                    [figure.id, target.id],
                    f"period {figure.period} is not inside {target.period} of {target.id}",
                )
