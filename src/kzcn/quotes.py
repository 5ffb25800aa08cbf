"""Snippets as they are compared with the texts: whitespace squashed, and the
(source, text hash, snippet) triples a dataset holds for the citations found verbatim
in a verified text (:attr:`kzcn.Dataset.verified`).

It sits with the model (it reads records and nothing else), so the dataset, the
loader, :mod:`kzcn.verify` and the checks all use it without reaching up a layer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .records import Source

__all__ = ["Evidence", "evidence", "quoted", "squash"]

Evidence = tuple[str, str, str]
"""One citation checked verbatim against a text: ``(source id, SHA-256 of the text,
snippet)``, the snippet with each run of whitespace as one space (:func:`squash`)."""


def squash(text: str) -> str:
    """``text`` with each run of whitespace as one space (how snippets are compared)."""
    return re.sub(r"\s+", " ", text).strip()


def evidence(source: str, sha256: str, snippet: str) -> Evidence:
    """The :data:`Evidence` triple of a snippet of the text ``sha256`` of ``source``
    (how :attr:`kzcn.Dataset.verified` holds it)."""
    return (source, sha256, squash(snippet))


def quoted(tables: Iterable[Iterable[Any]], sources: Iterable[Source]) -> frozenset[Evidence]:
    """The evidence of every citation of these records that cites one of ``sources``
    with a recorded text hash."""
    hashes = {s.id: s.sha256 for s in sources if s.sha256 is not None}
    return frozenset(
        evidence(c.source, hashes[c.source], c.evidence)
        for records in tables
        for record in records
        for c in getattr(record, "citations", ())
        if c.source in hashes
    )
