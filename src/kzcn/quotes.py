"""Snippets as they are compared with the texts: whitespace squashed, and the
(source, text hash, snippet) triples a dataset holds for the citations found verbatim
in a verified text (:attr:`kzcn.Dataset.verified`).

It sits with the model (it reads records and nothing else), so the dataset, the
loader, :mod:`kzcn.verify` and the checks all use it without reaching up a layer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import compress, count
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .records import Source

__all__ = ["Evidence", "evidence", "found_in", "quoted", "squash"]

Evidence = tuple[str, str, str]
"""One citation checked verbatim against a text: ``(source id, SHA-256 of the text,
snippet)``, the snippet with each run of whitespace as one space (:func:`squash`)."""


def squash(text: str) -> str:
    """``text`` with each run of whitespace as one space (how snippets are compared)."""
    # str.split() splits where re's \s matches (both are str.isspace), and at C speed:
    # re.sub took 4.2 s on a 25 MB text, this 0.8 s
    return " ".join(text.split())


def found_in(text: str, snippets: Sequence[str]) -> list[bool]:
    """Whether each snippet is in ``text`` (already squashed): ``squash(snippet) in
    text`` for each, without a scan of the whole text per snippet (2,000 snippets not in
    a 25 MB text took 38 s, one scan each).

    A few snippets are looked for by a scan. Many are looked for through the words of
    the text, counted once: every word of a snippet but its first and last is a whole
    word of the text, so the snippet is compared only where its rarest such word stands
    (nowhere, when the text lacks it). A snippet of one or two words, or whose rarest
    word is so common that a scan costs less, is looked for by a scan.
    """
    wanted = [squash(snippet) for snippet in snippets]
    if len(wanted) <= _SCANS:
        return [snippet in text for snippet in wanted]
    words = text.split(" ")
    counts = Counter(words)
    anchors: list[tuple[str, int] | None] = []
    for snippet in wanted:
        parts = snippet.split(" ")
        if len(parts) < 3:
            anchors.append(None)
            continue
        at = min(range(1, len(parts) - 1), key=lambda i: counts.get(parts[i], 0))
        # A comparison costs as much as a few dozen characters of a scan (which runs in C)
        common = counts.get(parts[at], 0) * _COMPARISON_COST > len(text)
        anchors.append(None if common else (parts[at], at))
    chosen = {anchor[0] for anchor in anchors if anchor is not None}
    where: dict[str, list[int]] = {}
    # The positions of the chosen words, found at C speed (no Python step per word)
    for index in compress(count(), map(chosen.__contains__, words)):
        where.setdefault(words[index], []).append(index)
    found = []
    for snippet, anchor in zip(wanted, anchors, strict=True):
        if anchor is None:
            found.append(snippet in text)
            continue
        parts = snippet.split(" ")
        word, at = anchor
        found.append(any(_stands(words, parts, i - at) for i in where.get(word, ()) if i >= at))
    return found


#: Snippets of a text looked for by a scan: so few are not worth counting its words.
_SCANS = 8
#: About how many characters of a scan one comparison of a snippet costs.
_COMPARISON_COST = 64


def _stands(words: list[str], parts: list[str], start: int) -> bool:
    """Whether the words of a snippet (``parts``, three or more) stand in ``words`` from
    ``start``: the first ends a word, the last starts one, those between are words."""
    end = start + len(parts) - 1
    return (
        end < len(words)
        and words[start].endswith(parts[0])
        and words[start + 1 : end] == parts[1:-1]
        and words[end].startswith(parts[-1])
    )


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
