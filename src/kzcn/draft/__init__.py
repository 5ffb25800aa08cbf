"""Draft records from a new text, for a person to review (``kzcn draft``).

:func:`draft` splits the text into sentences, reads every number with
:func:`kzcn.evidence.mentions` (the reader of the number-in-evidence rule, so a drafted
amount always passes it) and proposes candidate figures with per-field confidences and
declared derivations. Nothing here ships: every drafted record is marked for review.
"""

from __future__ import annotations

import attrs

from .figures import FigureDraft, figures_in
from .periods import date_of
from .sentences import sentences, window

__all__ = ["Draft", "FigureDraft", "date_of", "draft", "sentences", "window"]


@attrs.frozen
class Draft:
    """What a text proposes: its figures, with evidence spans into ``text``."""

    text: str
    figures: tuple[FigureDraft, ...]

    def evidence(self, figure: FigureDraft) -> str:
        """The figure's evidence snippet, verbatim from the text."""
        start, end = figure.evidence
        return " ".join(self.text[start:end].split())


def draft(text: str, *, published: int | None = None) -> Draft:
    """Candidate records of ``text``; ``published`` (the text's year) resolves phrases
    such as "last year" (each such value is declared derived)."""
    found: list[FigureDraft] = []
    context: str | None = None
    for sentence in sentences(text):
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
    return Draft(text, tuple(found))
