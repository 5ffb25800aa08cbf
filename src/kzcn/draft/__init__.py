"""Draft records from a new text, for a person to review (``kzcn draft``).

:func:`draft` splits the text into sentences, reads every number with
:func:`kzcn.evidence.mentions` (the reader of the number-in-evidence rule, so a drafted
amount always passes it) and proposes candidate figures with per-field confidences and
declared derivations. Nothing here ships: every drafted record is marked for review.
"""

from __future__ import annotations

from typing import TypeVar

import attrs

from .events import AgreementDraft, Names, VisitDraft, agreements_in, status_of, visits_in
from .figures import FigureDraft, figures_in
from .periods import date_of
from .sentences import sentences, window

__all__ = [
    "AgreementDraft",
    "Draft",
    "FigureDraft",
    "Names",
    "VisitDraft",
    "date_of",
    "draft",
    "sentences",
    "window",
]


@attrs.frozen
class Draft:
    """What a text proposes: its figures, with evidence spans into ``text``."""

    text: str
    figures: tuple[FigureDraft, ...]
    visits: tuple[VisitDraft, ...] = ()
    agreements: tuple[AgreementDraft, ...] = ()

    def evidence(self, record: FigureDraft | VisitDraft | AgreementDraft) -> str:
        """A candidate's evidence snippet, verbatim from the text (spaces collapsed)."""
        start, end = record.evidence
        return " ".join(self.text[start:end].split())


_Dated = TypeVar("_Dated", VisitDraft, AgreementDraft)


def _dated(record: _Dated, context: str | None) -> _Dated:
    """A visit or document its sentence does not date takes the period of the sentences
    before (declared), as a figure does."""
    if record.date is not None or context is None:
        return record
    rule = ("date", "the period of the sentences before; its own sentence dates nothing")
    return attrs.evolve(record, date=context, derived=(*record.derived, rule))


def draft(text: str, *, published: int | None = None, names: Names | None = None) -> Draft:
    """Candidate records of ``text``; ``published`` (the text's year) resolves phrases
    such as "last year" (each such value is declared derived); ``names`` (of a dataset's
    people and places, :meth:`Names.of`) lets visits link the people they name."""
    names = names or Names()
    found: list[FigureDraft] = []
    visits: list[VisitDraft] = []
    agreements: list[AgreementDraft] = []
    context: str | None = None
    listed: str | None = None
    for sentence in sentences(text):
        body = text[sentence[0] : sentence[1]]
        for visit in visits_in(text, sentence, published, names):
            visits.append(_dated(visit, context))
        for agreement in agreements_in(text, sentence, published, listed):
            agreements.append(_dated(agreement, context))
        if body.rstrip().endswith(":"):
            listed = status_of(body)
        offset = len(found)
        here = figures_in(text, sentence, published, context)
        for item in here:
            found.append(
                attrs.evolve(
                    item,
                    rate_of=None if item.rate_of is None else item.rate_of + offset,
                    part_of=None if item.part_of is None else item.part_of + offset,
                )
            )
        dated = date_of(text[sentence[0] : sentence[1]], 0, published)
        if dated is not None and not dated.deadline:
            context = dated.period
    return Draft(text, tuple(found), tuple(visits), tuple(agreements))
