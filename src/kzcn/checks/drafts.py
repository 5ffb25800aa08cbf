"""Checks of review: records ``kzcn draft`` proposed that no person has checked yet."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final

from ..vocabulary import Review
from .base import Finding, Severity, check, finding

if TYPE_CHECKING:
    from ..dataset import Dataset

UNSURE: Final = 0.7
"""Fields a draft is less sure of than this are named for the reviewer to decide."""


def drafts(ds: Dataset) -> list[Any]:
    """Every record of ``ds`` still marked as a draft, least sure first (the lowest
    confidence of any of its fields; then by id)."""
    found = [
        record
        for table in ds.tables.values()
        for record in table
        if getattr(record, "review", None) is Review.DRAFT
    ]
    return sorted(found, key=lambda r: (min((c.value for c in r.confidence), default=0.0), r.id))


def to_decide(record: Any) -> list[str]:
    """What the reviewer of a draft must decide: its least sure fields, and every
    value it derived (each with its rule)."""
    unsure = sorted((c.value, c.field) for c in record.confidence if c.value < UNSURE)
    out = [f"{field} ({value:.1f})" for value, field in unsure]
    out += [f"{d.field} is derived: {d.rule}" for d in getattr(record, "derived", ())]
    return out


@check("unreviewed-draft", Severity.WARNING)
def unreviewed_draft(ds: Dataset) -> Iterator[Finding]:
    """A record ``kzcn draft`` proposed (``review = "draft"``) that no person has checked
    against its sentence. The findings come least sure first and name what the reviewer
    must decide; ``kzcn review FILE`` marks checked records ``reviewed``. Shipped data
    holds no draft (the wheel build refuses one)."""
    for record in drafts(ds):
        decide = to_decide(record)
        what = "; ".join(decide) if decide else "nothing unsure: confirm it against its sentence"
        yield finding("unreviewed-draft", [record.id], f"a draft to review; decide: {what}")
