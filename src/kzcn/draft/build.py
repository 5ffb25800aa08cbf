"""Drafts as records of the model: a source and its candidate figures, visits and
agreed documents, built by the record classes themselves (so a draft that builds is a
draft that loads), and written as a data file in the package's own TOML form.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

import attrs

from ..dates import Period
from ..records import Agreement, Citation, Confidence, Derivation, Figure, Source, Visit
from ..units import Amount
from ..vocabulary import (
    AgreementKind,
    AgreementStatus,
    Direction,
    FigureKind,
    Measure,
    Qualifier,
    Review,
    SourceKind,
    Subject,
    VisitKind,
    VisitStatus,
)
from . import Draft

__all__ = ["records", "slug", "source_record"]


def slug(text: str, limit: int = 48) -> str:
    """A lower-case id fragment of ``text``: words joined by hyphens."""
    words = re.findall(r"[a-z0-9]+", text.casefold())
    out = "-".join(words)[:limit].strip("-")
    return out or "x"


def source_record(
    source_id: str, text: str, *, path: str | None, published: str, title: str | None = None
) -> Source:
    """The source entry of a drafted text, with its hash and length."""
    data = text.encode("utf-8")
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), source_id)
    return Source(
        id=source_id,
        title=title or f"[{first_line[:80]}]",
        kind=SourceKind.NEWS,
        published=Period.parse(published),
        path=path,
        description="Drafted by kzcn draft; to be reviewed.",
        sha256=hashlib.sha256(data).hexdigest(),
        length=len(data),
        review=Review.DRAFT,
        confidence=(Confidence("title", 0.2 if title is None else 0.9),),
    )


class _Ids:
    """Unique ids within one draft: a suffix on a collision."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = set(taken)

    def __call__(self, base: str) -> str:
        candidate, number = base, 2
        while candidate in self.taken:
            candidate, number = f"{base}-{number}", number + 1
        self.taken.add(candidate)
        return candidate


def _derived(pairs: Iterable[tuple[str, str]]) -> tuple[Derivation, ...]:
    return tuple(Derivation(field, rule) for field, rule in pairs)


def _sure(pairs: Iterable[tuple[str, float]]) -> dict[str, Any]:
    """The review fields of a drafted record: a draft, with its confidences."""
    return {
        "review": Review.DRAFT,
        "confidence": tuple(Confidence(field, value) for field, value in pairs),
    }


def _twins(figure: Figure, existing: Iterable[Figure]) -> list[str]:
    """Figures of the dataset with the same value (in plain units), unit, subject and an
    overlapping period: possibly the same fact, which only a reviewer may tie."""
    return sorted(
        other.id
        for other in existing
        if other.amount.magnitude == figure.amount.magnitude
        and other.amount.dimension == figure.amount.dimension
        and other.subject is figure.subject
        and other.period.overlaps(figure.period)
    )


def _flag_twins(figure: Figure, existing: Iterable[Figure]) -> Figure:
    twins = _twins(figure, existing)
    if not twins:
        return figure
    return attrs.evolve(
        figure,
        description=f"Drafted; to be reviewed. Possibly the same as {', '.join(twins)} "
        "(same value and period): if so, set same_as.",
        confidence=(*figure.confidence, Confidence("same_as", 0.5)),
    )


def records(
    result: Draft, source: Source, taken: Iterable[str] = (), existing: Iterable[Figure] = ()
) -> dict[str, list[Any]]:
    """The draft's candidates as records citing ``source``; ``taken`` are ids already
    in use (the dataset's), which the draft's ids avoid. A figure with the same value
    and period as one of ``existing`` says so in its description and asks the reviewer
    to decide ``same_as`` (it is never tied silently)."""
    existing = list(existing)
    ids = _Ids(taken)
    cite = source.id

    def citation(record: Any) -> tuple[Citation, ...]:
        return (Citation(cite, result.evidence(record)),)

    figures: list[Figure] = []
    index_of: dict[int, str] = {}
    for index, candidate in enumerate(result.figures):
        period = Period.parse(candidate.period) if candidate.period else source.published
        derived = list(candidate.derived)
        if candidate.period is None:
            derived.append(("period", "the text's date; the sentence dates nothing"))
        record_id = ids(f"{cite}-{slug(candidate.subject)}-{slug(str(period))}")
        index_of[index] = record_id
        rate_of = index_of.get(candidate.rate_of) if candidate.rate_of is not None else None
        part_of = index_of.get(candidate.part_of) if candidate.part_of is not None else None
        figure = Figure(
            id=record_id,
            subject=Subject(candidate.subject),
            amount=Amount.parse(candidate.amount),
            qualifier=Qualifier(candidate.qualifier),
            kind=FigureKind(candidate.kind),
            measure=Measure(candidate.measure),
            period=period,
            direction=Direction(candidate.direction) if candidate.direction else None,
            parties=candidate.parties,
            rate_of=rate_of,
            part_of=part_of,
            description="Drafted; to be reviewed.",
            derived=_derived(derived),
            citations=citation(candidate),
            **_sure(candidate.confidence),
        )
        figures.append(_flag_twins(figure, existing))
    visits = [
        Visit(
            id=ids(f"{cite}-visit-{slug('-'.join(v.people), 24)}-{slug(v.date or 'undated')}"),
            title=v.title,
            kind=VisitKind(v.kind),
            status=VisitStatus(v.status),
            date=Period.parse(v.date) if v.date else source.published,
            people=v.people,
            place=v.place,
            description="Drafted; to be reviewed.",
            derived=_derived(v.derived if v.date else (*v.derived, ("date", "the text's date"))),
            citations=citation(v),
            **_sure(v.confidence),
        )
        for v in result.visits
    ]
    agreements = [
        Agreement(
            id=ids(f"{cite}-{slug(a.title, 40)}"),
            title=a.title,
            kind=AgreementKind(a.kind),
            status=AgreementStatus(a.status),
            date=Period.parse(a.date) if a.date else None,
            description="Drafted; to be reviewed.",
            derived=_derived(a.derived),
            citations=citation(a),
            **_sure(a.confidence),
        )
        for a in result.agreements
    ]
    return {"figures": figures, "visits": visits, "agreements": agreements}
