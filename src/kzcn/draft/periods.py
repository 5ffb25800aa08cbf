"""When a sentence dates a number: years, halves, quarters, months and ranges of them,
"by 2025", and phrases relative to the text's own date ("last year", "this year").

Each reading returns the period in the data's compact form and, when the text does not
write it outright, the rule that derived it (it goes into the record's ``derived``).
"""

from __future__ import annotations

import re
from typing import Final

import attrs

__all__ = ["Dating", "date_of"]

_MONTHS: Final = {
    name: index
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december)"
_YEAR = r"((?:19|20)\d{2})"
_DASH = r"\s*(?:-|–|—|to|through|until)\s*"

_PATTERNS: Final = (
    # "January-June 2019", "from January to April 2021", "January–June of this year"
    (
        "months",
        re.compile(rf"{_MONTH}{_DASH}{_MONTH}(?:\s*(?:of\s+)?(?:{_YEAR}|(this|last) year))?"),
    ),
    # "the first half of 2019", "H1 2019", "the second quarter of 2020"
    (
        "part",
        re.compile(
            rf"(?:(first|second|1st|2nd)\s+half|\bh([12])|(first|second|third|fourth|1st|2nd|3rd|4th)"
            rf"\s+quarter|\bq([1-4]))\s*(?:of\s+)?(?:{_YEAR}|(this|last) year)?"
        ),
    ),
    # "in 2005-2020", "2005–2020", "from 2005 to 2020"
    ("years", re.compile(rf"(?<!\d){_YEAR}{_DASH}{_YEAR}(?!\d)")),
    # "June 2021", "in June this year", "June 11, 2021"
    ("month", re.compile(rf"{_MONTH}(?:\s+\d{{1,2}},?)?\s+(?:of\s+)?(?:{_YEAR}|(this|last) year)")),
    # "at the end of last year", "the beginning of 2023"
    (
        "edge",
        re.compile(
            rf"\b(end|beginning|start)\s+of\s+(?:the\s+)?(?:{_YEAR}|(this|last|previous) year)"
        ),
    ),
    # "on June 29", "July 3 of this year", "11 June 2021"
    (
        "day",
        re.compile(
            rf"(?:{_MONTH}\s+(\d{{1,2}})|(\d{{1,2}})\s+{_MONTH})(?![\d])"
            rf"(?:,?\s+(?:of\s+)?(?:{_YEAR}|(this|last) year))?"
        ),
    ),
    # "over the past 5 years", "in the last ten years"
    (
        "past",
        re.compile(
            r"\b(?:past|last)\s+(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+years\b"
        ),
    ),
    # "Ten years ago", "six years ago": said at the time of the text
    ("ago", re.compile(r"\b(?:\d{1,3}|[a-z]+)\s+years?\s+ago\b")),
    # "by 2025"
    ("by", re.compile(rf"\b(?:by|until|till)\s+(?:the\s+end\s+of\s+)?{_YEAR}(?!\d)")),
    ("year", re.compile(rf"(?<![\d.,/]){_YEAR}(?![\d%])")),
    ("relative", re.compile(r"\b(last|this|current|next|previous|past)\s+year\b")),
)
_HALF: Final = {"first": 1, "1st": 1, "second": 2, "2nd": 2}
_QUARTER: Final = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
_COUNTS: Final = dict(
    zip(
        ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
        range(2, 11),
        strict=True,
    )
)
_NOW = re.compile(r"\b(currently|today|now|at present|presently|nowadays|so far|to date)\b")


@attrs.frozen
class Dating:
    """A period read from a sentence, with the derivation rule when it is not written."""

    period: str
    derived: str | None = None
    deadline: bool = False  # "by 2025": the end of a cumulative target
    confidence: float = 0.8


def _relative(word: str | None, year: int | None, published: int | None) -> tuple[int, str | None]:
    if year is not None:
        return year, None
    if word is None or published is None:
        raise LookupError
    shift = {"last": -1, "previous": -1, "past": -1, "next": 1}.get(word, 0)
    return published + shift, f"'{word} year' in a text of {published}"


def date_of(sentence: str, at: int, published: int | None) -> Dating | None:
    """The period a number at offset ``at`` of ``sentence`` refers to: the dating phrase
    nearest before it (or, failing that, after it); ``None`` when the sentence has none
    (the caller may use the context or the text's date)."""
    lowered = sentence.casefold()
    found: list[tuple[int, int, Dating]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(lowered):
            if any(a <= match.start() < b for a, b in taken):
                continue
            try:
                dating = _reading(kind, match, published)
            except LookupError:
                continue
            if dating is not None:
                taken.append((match.start(), match.end()))
                found.append((match.start(), match.end(), dating))
    if not found:
        return _present(lowered, published)

    def distance(item: tuple[int, int, Dating]) -> tuple[int, int]:
        start, end, _ = item
        if end <= at:
            return (0, at - end)
        return (1, start - at)

    return min(found, key=distance)[2]


_PRESENT = re.compile(
    r"\b(is|are|am|has|have|create|creates|operate|operates|study|studies|continue|continues|"
    r"continuing|remains?|amounts? to|accounts? for|make up|makes up|can|could|will|may|might)\b"
)
_PAST = re.compile(
    r"\b(was|were|had|did|ago|reached|amounted|increased|decreased|grew|rose|fell)\b"
)


def _present(sentence: str, published: int | None) -> Dating | None:
    """A sentence in the present tense (or with a modal verb) and no date speaks of the
    time of writing: the text's year, declared."""
    if published is None:
        return None
    now = _NOW.search(sentence)
    if now is not None:
        word = now.group()
    elif _PRESENT.search(sentence) and not _PAST.search(sentence):
        word = _PRESENT.search(sentence).group()  # type: ignore[union-attr]
    else:
        return None
    return Dating(
        str(published), f"the present tense ('{word}') in a text of {published}", confidence=0.5
    )


def _reading(kind: str, match: re.Match[str], published: int | None) -> Dating | None:
    groups = match.groups()
    if kind == "months":
        first, last = _MONTHS[groups[0]], _MONTHS[groups[1]]
        year, rule = _relative(groups[3], int(groups[2]) if groups[2] else None, published)
        if last < first:
            return None
        if (first, last) in ((1, 6), (7, 12)):
            return Dating(f"{year}-H{1 if first == 1 else 2}", rule, confidence=0.9)
        return Dating(f"{year}-{first:02d}/{year}-{last:02d}", rule, confidence=0.9)
    if kind == "part":
        half, h, quarter, q, year_text, word = groups
        year, rule = _relative(word, int(year_text) if year_text else None, published)
        if half or h:
            return Dating(f"{year}-H{_HALF.get(half or '', int(h or 0))}", rule, confidence=0.9)
        return Dating(f"{year}-Q{_QUARTER.get(quarter or '', int(q or 0))}", rule, confidence=0.9)
    if kind == "years":
        first, last = int(groups[0]), int(groups[1])
        return Dating(f"{first}/{last}", confidence=0.9) if first < last else None
    if kind == "month":
        year, rule = _relative(groups[2], int(groups[1]) if groups[1] else None, published)
        return Dating(f"{year}-{_MONTHS[groups[0]]:02d}", rule, confidence=0.8)
    if kind == "edge":
        edge, year_text, word = groups
        year, rule = _relative(word, int(year_text) if year_text else None, published)
        month = 12 if edge == "end" else 1
        note = f"the {edge} of the year read as its {'last' if month == 12 else 'first'} month"
        return Dating(f"{year}-{month:02d}", f"{rule}; {note}" if rule else note, confidence=0.6)
    if kind == "day":
        month_a, day_a, day_b, month_b, year_text, word = groups
        month, day = _MONTHS[month_a or month_b], int(day_a or day_b)
        if year_text is None and word is None:
            if published is None:
                return None
            year, rule = published, f"the day's year is the text's ({published})"
        else:
            year, rule = _relative(word, int(year_text) if year_text else None, published)
        if not 1 <= day <= 31:
            return None
        return Dating(f"{year}-{month:02d}-{day:02d}", rule, confidence=0.7)
    if kind == "past":
        if published is None:
            return None
        count = _COUNTS.get(groups[0], None) or int(groups[0])
        rule = f"the past {count} years counted back from the text's year ({published})"
        return Dating(f"{published - count}/{published}", rule, confidence=0.6)
    if kind == "ago":
        if published is None:
            return None
        return Dating(
            str(published), f"said in the text's year ({published}): 'ago'", confidence=0.6
        )
    if kind == "by":
        return Dating(groups[0], None, deadline=True, confidence=0.7)
    if kind == "year":
        return Dating(groups[0], confidence=0.8)
    year, rule = _relative(groups[0], None, published)
    return Dating(str(year), rule, confidence=0.7)
