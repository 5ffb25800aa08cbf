"""Snippets as they are compared with the texts: whitespace squashed, and the
(source, text hash, snippet) triples a dataset holds for the citations found verbatim
in a verified text (:attr:`kzcn.Dataset.verified`).

It sits with the model (it reads records and nothing else), so the dataset, the
loader, :mod:`kzcn.verify` and the checks all use it without reaching up a layer.
"""

from __future__ import annotations

import sys
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import accumulate, compress, count
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
    the text, counted once: each word of a snippet after its first starts a word of the
    text (is one, but for the last), so the snippet is compared only where the rarest of
    them stands (nowhere, when the text lacks it). A snippet of one word is looked for in
    the text's distinct words; one whose every word is so common that a scan costs less
    than the comparisons is looked for by a scan.
    """
    wanted = [squash(snippet) for snippet in snippets]
    if len(wanted) <= _SCANS:
        return [snippet in text for snippet in wanted]
    words = text.split(" ")
    counts = Counter(words)
    vocabulary = sorted(counts)
    # How many words of the text come before each word of the vocabulary: the words
    # starting with a prefix are a range of it, and this counts them at once
    before = [0, *accumulate(map(counts.__getitem__, vocabulary))]
    plans = [_plan(snippet.split(" "), counts, vocabulary, before, len(text)) for snippet in wanted]
    chosen = {word for plan in plans if plan is not None for word in plan[0]}
    where: dict[str, list[int]] = {}
    # The positions of the chosen words, found at C speed (no Python step per word)
    for index in compress(count(), map(chosen.__contains__, words)):
        where.setdefault(words[index], []).append(index)
    distinct: str | None = None
    found = []
    for snippet, plan in zip(wanted, plans, strict=True):
        if plan is not None:
            parts = snippet.split(" ")
            options, at = plan
            starts = (i - at for word in options for i in where.get(word, ()) if i >= at)
            found.append(any(_stands(words, parts, start) for start in starts))
        elif " " not in snippet and snippet:
            # Within one word: the distinct words, each on a line, are the smaller text
            distinct = "\n".join(vocabulary) if distinct is None else distinct
            found.append(snippet in distinct)
        else:
            found.append(snippet in text)
    return found


#: Snippets of a text looked for by a scan: so few are not worth counting its words.
_SCANS = 8
#: About how many characters of a scan one comparison of a snippet costs.
_COMPARISON_COST = 64


def _plan(
    parts: list[str], counts: Counter[str], vocabulary: list[str], before: list[int], size: int
) -> tuple[Sequence[str], int] | None:
    """The words of the text to compare a snippet (its words: ``parts``) where they stand,
    and the index in ``parts`` of the word they stand for; ``None`` for a scan."""
    best: tuple[Sequence[str], int] | None = None
    fewest = size // _COMPARISON_COST + 1  # more comparisons than that: a scan
    for at in range(1, len(parts)):
        word = parts[at]
        if at < len(parts) - 1:
            if counts.get(word, 0) < fewest:
                best, fewest = ((word,), at), counts.get(word, 0)
            continue
        low, high = _prefixed(vocabulary, word)  # the last word may start a longer one
        if before[high] - before[low] < fewest:
            best, fewest = (vocabulary[low:high], at), before[high] - before[low]
    return best


def _prefixed(vocabulary: list[str], prefix: str) -> tuple[int, int]:
    """The range of the sorted ``vocabulary`` whose words start with ``prefix``."""
    low = bisect_left(vocabulary, prefix)
    if prefix and prefix[-1] < chr(sys.maxunicode):
        return low, bisect_left(vocabulary, prefix[:-1] + chr(ord(prefix[-1]) + 1), low)
    high = low
    while high < len(vocabulary) and vocabulary[high].startswith(prefix):
        high += 1
    return low, high


def _stands(words: list[str], parts: list[str], start: int) -> bool:
    """Whether the words of a snippet (``parts``, two or more) stand in ``words`` from
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
