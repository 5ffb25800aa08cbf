"""Is a figure's number in its evidence? Every usual written form of a number, read.

A figure states ``19.885 billion USD``; its evidence may write it ``$ 19.885 billion``,
``19,885,000,000``, ``19 885 million`` or ``19.885 bn``; a count of 1400 may be written
``1.4 thousand`` or ``1,400``; a multiple of 2 ``doubled`` or ``twofold``; a rank of 3
``third`` or ``3rd``; 25 years ``a quarter of a century``. :func:`numbers_in` reads every
number a text writes (as exact fractions, each with and without the scale word that
follows it), and :func:`states` says whether a text states a given amount.

The reading is generous on purpose (a number read two ways counts both ways: "19,885"
is 19885 or 19.885), but never invents digits: a number matches only a value the text
writes, scaled by a word the text writes, or a number word's value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Final

from .units import Amount

__all__ = ["NUMBER_WORDS", "numbers_in", "states"]

_UNITS: Final = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS: Final = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES: Final = {
    "hundred": 100,
    "thousand": 1000,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
_SCALE_ABBREVIATIONS: Final = {
    "k": 1000,
    "thousands": 1000,
    "mln": 10**6,
    "mn": 10**6,
    "m": 10**6,
    "millions": 10**6,
    "bn": 10**9,
    "bln": 10**9,
    "b": 10**9,
    "billions": 10**9,
    "trn": 10**12,
    "tn": 10**12,
    "trillions": 10**12,
}
_ORDINALS: Final = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "thousandth": 1000,
}
# Fractions a word names ("a tenth", "half", "a quarter"); an ordinal word also reads
# as its fraction ("a third" is 1/3, "the third" is 3).
_FRACTIONS: Final = {
    "half": Fraction(1, 2),
    "halves": Fraction(1, 2),
    "quarter": Fraction(1, 4),
    "quarters": Fraction(1, 4),
    "third": Fraction(1, 3),
    "thirds": Fraction(1, 3),
    "fifth": Fraction(1, 5),
    "tenth": Fraction(1, 10),
    "tenths": Fraction(1, 10),
    "hundredth": Fraction(1, 100),
}
# Words for a multiple; each also reads as the growth in percent it means.
_MULTIPLES: Final[dict[str, int | Fraction]] = {
    "doubled": 2,
    "double": 2,
    "doubling": 2,
    "twice": 2,
    "twofold": 2,
    "tripled": 3,
    "triple": 3,
    "tripling": 3,
    "thrice": 3,
    "threefold": 3,
    "quadrupled": 4,
    "fourfold": 4,
    "fivefold": 5,
    "tenfold": 10,
    "hundredfold": 100,
    "thousandfold": 1000,
    "halved": Fraction(1, 2),
}
_IDIOMS: Final = (
    (re.compile(r"\bquarter\s+(?:of\s+)?a\s+century\b"), 25),
    (re.compile(r"\bhalf\s+(?:of\s+)?a\s+century\b"), 50),
    (re.compile(r"\ba\s+century\b"), 100),
    (re.compile(r"\bdecades?\b"), 10),
    (re.compile(r"\b(?:a|one)\s+dozen\b"), 12),
    (re.compile(r"\bdozens?\b"), 12),
)
_NUMERALS: Final = frozenset({*_UNITS, *_TENS})
NUMBER_WORDS: Final = frozenset({*_UNITS, *_TENS, *_SCALES, *_ORDINALS, *_FRACTIONS, *_MULTIPLES})
"""Every word :func:`numbers_in` reads as a number."""

# Digits: "19,885,000", "15 000", "9.53", "9,5", "3rd", "30th", "38%".
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:(?:,|[ \u00a0\u202f\u2009])\d{3})+(?:\.\d+)?(?![\d])")
_PLAIN = re.compile(r"(?<![\d])\d+(?:[.,]\d+)?(?![\d])")
_SCALE_AFTER = re.compile(
    r"\s*-?\s*("
    + "|".join(sorted([*_SCALES, *_SCALE_ABBREVIATIONS], key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z]+")


def _digits(text: str) -> Iterator[tuple[Fraction, int]]:
    """Each number written in digits, with the end of its match."""
    for match in _GROUPED.finditer(text):
        compact = re.sub(r"[ ,\u00a0\u202f\u2009]", "", match.group())
        yield Fraction(Decimal(compact)), match.end()
    for match in _PLAIN.finditer(text):
        written = match.group()
        if "," in written:
            whole, _, part = written.partition(",")
            yield Fraction(Decimal(f"{whole}.{part}")), match.end()  # a decimal comma
            if len(part) == 3:
                yield Fraction(int(whole + part)), match.end()  # a thousands comma
        else:
            yield Fraction(Decimal(written)), match.end()


def _scaled(text: str, numbers: Iterable[tuple[Fraction, int]]) -> Iterator[Fraction]:
    for value, end in numbers:
        yield value
        scale = _SCALE_AFTER.match(text, end)
        if scale is not None:
            word = scale.group(1).lower()
            yield value * _SCALES.get(word, _SCALE_ABBREVIATIONS.get(word, 1))


def _words(text: str) -> Iterator[Fraction]:
    """Numbers written in words: "three", "twenty-five", "two hundred thousand",
    "a hundred", "one and a half", ordinals, fractions and multiples."""
    tokens = [m.group() for m in _WORD.finditer(text)]
    index = 0
    while index < len(tokens):
        word = tokens[index]
        if word in _ORDINALS:
            yield Fraction(_ORDINALS[word])
        if word in _FRACTIONS:
            yield _FRACTIONS[word]
        if word in _MULTIPLES:
            multiple = Fraction(_MULTIPLES[word])
            yield multiple
            yield (multiple - 1) * 100  # the growth in percent it means
        if word in _UNITS or word in _TENS or (word in _SCALES and _article(tokens, index)):
            total, current, used = 0, 0 if word not in _SCALES else 1, index
            while used < len(tokens):
                token = tokens[used]
                if token in _UNITS:
                    current += _UNITS[token]
                elif token in _TENS:
                    current += _TENS[token]
                elif token == "hundred":
                    current = max(current, 1) * 100
                elif token in _SCALES:
                    total += max(current, 1) * _SCALES[token]
                    current = 0
                elif token == "and" and used + 1 < len(tokens) and tokens[used + 1] in _NUMERALS:
                    pass  # "one hundred and five"
                else:
                    break
                yield Fraction(total + current)
                used += 1
            if (
                used + 2 < len(tokens)
                and tokens[used : used + 3] == ["and", "a", "half"]
                and total + current
            ):
                yield Fraction(total + current) + Fraction(1, 2)
            index = max(used, index + 1)
            continue
        index += 1


def _article(tokens: list[str], index: int) -> bool:
    return index > 0 and tokens[index - 1] in ("a", "one")


def _ordinals(text: str) -> Iterator[Fraction]:
    for match in re.finditer(r"(?<![\d])(\d+)\s*(?:st|nd|rd|th)\b", text):
        yield Fraction(int(match.group(1)))


def numbers_in(text: str) -> frozenset[Fraction]:
    """Every number ``text`` writes, in any usual form, as exact fractions."""
    lowered = text.casefold()
    found: set[Fraction] = set(_scaled(lowered, _digits(lowered)))
    found.update(_ordinals(lowered))
    found.update(_words(lowered))
    for pattern, value in _IDIOMS:
        if pattern.search(lowered):
            found.add(Fraction(value))
    return frozenset(found)


def _targets(amount: Amount) -> set[Fraction]:
    value = Fraction(amount.value)
    magnitude = Fraction(amount.magnitude)
    targets = {abs(value), abs(magnitude)}
    if amount.unit == "percent":
        targets.add(abs(value) / 100)  # "a tenth" for 10 percent
    if amount.unit == "fraction":
        targets.add(abs(value) * 100)  # "10%" for a fraction of 0.1
    return targets


def _rounds_to(number: Fraction, target: Fraction, amount: Amount) -> bool:
    """``1/3`` written "a third" matches a stated 0.33 or 33.3: the number rounded to
    the target's stated digits."""
    if number.denominator == 1 or number == 0:
        return False
    exponent = amount.value.as_tuple().exponent
    assert isinstance(exponent, int)
    places = max(-exponent, 0)
    return any(round(scaled, places) == target for scaled in (number, number * 100))


def states(text: str, amount: Amount) -> bool:
    """True when ``text`` writes the number of ``amount`` in some usual form."""
    numbers = numbers_in(text)
    targets = _targets(amount)
    if numbers & targets:
        return True
    value = abs(Fraction(amount.value))
    return any(_rounds_to(n, value, amount) for n in numbers)
