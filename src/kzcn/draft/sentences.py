"""Sentences and evidence windows of a text, by rule (no model).

A sentence ends at ``.``, ``!`` or ``?`` followed by white space and a capital letter, a
digit or an opening quote, unless the full stop closes an abbreviation ("No.", "Mr.",
"i.e.") or an initial ("D. Serikbaeva", "K.Tokayev"); a blank line or a line break after
a line without final punctuation (a heading, a date line) ends one too. The optional
``draft`` extra's splitter is not needed for this: news prose follows these rules.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["MAX_WORDS", "Span", "sentences", "window"]

MAX_WORDS: Final = 25
"""The most words an evidence snippet may have (the data's rule)."""

Span = tuple[int, int]

_ABBREVIATIONS: Final = frozenset(
    {
        "no",
        "nos",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "approx",
        "incl",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sept",
        "sep",
        "oct",
        "nov",
        "dec",
        "gen",
        "gov",
        "prov",
        "art",
        "p",
        "pp",
        "vol",
        "u.s",
        "u.n",
    }
)
_END = re.compile(r"[.!?…]+[\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9А-Я])|\n\s*\n|\n(?=\s*\S)")
_WORD = re.compile(r"\S+")


def _closes_abbreviation(text: str, stop: int) -> bool:
    """The full stop at ``stop`` ends an abbreviation or an initial, not a sentence."""
    if text[stop] != ".":
        return False
    word = re.search(r"(?<![A-Za-z.])([A-Za-z][A-Za-z.]*)$", text[max(0, stop - 24) : stop])
    if word is None:
        return False
    token = word.group(1)
    return (len(token) == 1 and token.isupper()) or token.lower() in _ABBREVIATIONS


def sentences(text: str) -> list[Span]:
    """The spans of the sentences of ``text``, in order, without surrounding space."""
    spans: list[Span] = []
    start = 0
    for match in _END.finditer(text):
        if match.group().startswith("\n") and match.start() > start:
            line = text[start : match.start()].rstrip()
            if line and line[-1] not in '.!?:;,"”)' and len(line.split()) > 12:
                continue  # a line break inside a running sentence (hard-wrapped text)
        if not match.group().startswith("\n") and _closes_abbreviation(text, match.start()):
            continue
        end = match.end() if not match.group().startswith("\n") else match.start()
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(text)))
    out: list[Span] = []
    for first, last in spans:
        piece = text[first:last]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((first + lead, first + len(piece.rstrip())))
    return out


def window(text: str, sentence: Span, focus: Span, limit: int = MAX_WORDS) -> Span:
    """At most ``limit`` words of ``sentence`` around ``focus`` (a number's span): the
    whole sentence when short enough, else the clause holding the number, widened word
    by word (more after the number than before: the unit and object follow it)."""
    first, last = sentence
    words = [(m.start() + first, m.end() + first) for m in _WORD.finditer(text[first:last])]
    if len(words) <= limit:
        return sentence
    inside = [i for i, (a, b) in enumerate(words) if b > focus[0] and a < focus[1]]
    if not inside:
        return words[0][0], words[min(limit, len(words)) - 1][1]
    low, high = inside[0], inside[-1]
    if high - low + 1 >= limit:  # the focus alone is too long: its first words
        return words[low][0], words[low + limit - 1][1]
    # Prefer to start at a clause: after the last comma, colon or semicolon before it.
    for index in range(low - 1, max(-1, high - limit), -1):
        if text[words[index][1] - 1] in ",;:" and high - index <= limit - 4:
            low = index + 1
            break
    while high - low + 1 < limit:
        grew = False
        if high + 1 < len(words):
            high += 1
            grew = True
        if high - low + 1 < limit and low > 0 and (high + 1 >= len(words) or high - low > 12):
            low -= 1
            grew = True
        if not grew:
            break
    start, end = words[low][0], words[high][1]
    return start, end - (1 if text[end - 1] in ",;:" else 0)
