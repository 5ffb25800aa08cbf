"""Is a figure's number in its evidence? Every usual written form of a number, read.

A figure states ``19.885 billion USD``; its evidence may write it ``$ 19.885 billion``,
``19,885,000,000``, ``19 885 million`` or ``19.885 bn``; a count of 1400 may be written
``1.4 thousand`` or ``1,400``; a multiple of 2 ``doubled`` or ``twofold``; a rank of 3
``third`` or ``3rd``; 25 years ``a quarter of a century``. :func:`numbers_in` reads every
number a text writes (as exact fractions, each with and without the scale word that
follows it), and :func:`states` says whether a text states a given amount.

The reading never invents digits: a number matches only a value the text writes,
scaled by a word the text writes, or a number word's value. "19,885" is 19885 (a comma
before three digits groups thousands), "1,5" is 1.5.

A number is read together with what the text writes around it (:class:`Mention`): the
scale word after it, the unit a currency sign before it or a unit word after it names,
the things it counts ("12,000 students"), and a qualifier word before it. A figure is
stated only by a mention that agrees on all of them: "about 44 billion dollars" states
neither 44 million USD, nor 44 billion RUB, nor (when the qualifier is compared) exactly
44 billion USD; "44 billion Hong Kong dollars" states no USD, "3.5 million barrels" or
"3.5 million kilograms" no tonnes, "12,000 teachers" no students.
The same reader serves the drafter (:mod:`kzcn.draft`), so what a draft proposes passes
this rule and what the rule accepts a draft can find.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Final

import attrs

from .units import UNITS, Amount, dimension_of
from .vocabulary import Qualifier

__all__ = ["COUNT_NOUNS", "NUMBER_WORDS", "Mention", "mentions", "mismatch", "numbers_in", "states"]

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
_ALL_SCALES: Final = {**_SCALE_ABBREVIATIONS, **_SCALES}
_SCALE_AFTER = re.compile(
    r"\s*-?\s*(" + "|".join(sorted(_ALL_SCALES, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z]+")

# Units a text names next to a number, each mapped to the library's canonical unit. Only
# units that leave no doubt are read (currencies, mass, power, percent, time): a count's
# noun ("trains", "students") is kept as the mention's noun for the drafter, and never
# used to refuse a figure, since sources name counted things in many ways.
_UNIT_WORDS: Final = {
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "tenge": "KZT",
    "kzt": "KZT",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "rub": "RUB",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "tonne": "tonne",
    "tonnes": "tonne",
    "ton": "tonne",
    "tons": "tonne",
    "t": "tonne",
    "kg": "kilogram",
    "kilogram": "kilogram",
    "kilograms": "kilogram",
    "mw": "megawatt",
    "megawatt": "megawatt",
    "megawatts": "megawatt",
    "kw": "kilowatt",
    "kilowatt": "kilowatt",
    "kilowatts": "kilowatt",
    "percent": "percent",
    "per cent": "percent",
    "%": "percent",
    "year": "year",
    "years": "year",
    "month": "month",
    "months": "month",
    "day": "day",
    "days": "day",
}
# Units the library does not know, written next to a number: such a mention states no
# figure (a figure's unit is always one the library knows). Other dollars are named by
# the words before "dollars" ("Hong Kong dollars"; any such words but US or American).
_FOREIGN_WORDS: Final = (
    "barrels?",
    "bbl",
    "lit(?:re|er)s?",
    "gallons?",
    "ounces?",
    "oz",
    r"pounds?(?:\s+sterling)?",
    "sterling",
    "lbs?",
    "grams?",
    r"cubic\s+met(?:re|er)s?",
    r"square\s+(?:met(?:re|er)s?|kilomet(?:re|er)s?|miles?)",
    "kilomet(?:re|er)s?",
    "km",
    "miles?",
    "hectares?",
    "acres?",
    "(?:giga|tera)watts?",
    "gw",
    "tw",
    "[kmgt]wh",
    r"(?:kilo|mega|giga|tera)watt[\s-]hours?",
    "yen",
    "won",
    "rupees?",
    "francs?",
    "dirhams?",
    "liras?",
    "manats?",
    "soms?",
    "hryvni?as?",
    "pesos?",
    "rand",
    "zlotys?",
    "kroner?",
    "kronor",
    "krona",
    "dinars?",
    "riyals?",
    "lari",
)
_FOREIGN_SIGNS: Final = {
    "hk$": "Hong Kong dollars",
    "c$": "Canadian dollars",
    "ca$": "Canadian dollars",
    "a$": "Australian dollars",
    "au$": "Australian dollars",
    "nt$": "New Taiwan dollars",
    "s$": "Singapore dollars",
    "nz$": "New Zealand dollars",
    "r$": "Brazilian reais",
    "mx$": "Mexican pesos",
    "£": "pounds",
    "₹": "rupees",
    "₩": "won",
    "₺": "lira",
    "gbp": "pounds",
    "jpy": "yen",
    "hkd": "Hong Kong dollars",
    "cad": "Canadian dollars",
    "aud": "Australian dollars",
    "sgd": "Singapore dollars",
    "twd": "New Taiwan dollars",
}
_STOP_WORDS: Final = frozenset(
    {"of", "in", "to", "with", "from", "for", "by", "at", "on", "and", "or", "the", "a", "an"}
    | {"than", "worth", "per", "each", "into", "as", "were", "was", "are", "is", "be", "been"}
)
_MORE: Final = frozenset({"more", "less", "fewer", "additional", "extra", "further"})
_US: Final = frozenset({"us", "u.s.", "u.s", "american", "united states"})
_UNIT_SIGNS: Final = {
    "us$": "USD",
    "$": "USD",
    "usd": "USD",
    "¥": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "₸": "KZT",
    "kzt": "KZT",
    "€": "EUR",
    "eur": "EUR",
    "₽": "RUB",
    "rub": "RUB",
}


COUNT_NOUNS: Final = {
    "container": "container",
    "teu": "container",
    "train": "train",
    "wagon": "wagon",
    "car": "wagon",
    "student": "student",
    "enterprise": "enterprise",
    "company": "company",
    "companies": "company",
    "firm": "enterprise",
    "project": "project",
    "job": "job",
    "dose": "dose",
    "event": "event",
    "visit": "visit",
    "trip": "visit",
    "meeting": "meeting",
    "centre": "centre",
    "center": "centre",
    "institute": "institute",
    "country": "country",
    "countries": "country",
    "member": "member",
    "state": "member",
    "document": "document",
    "agreement": "document",
    "contract": "document",
    "memorandum": "document",
    "memoranda": "document",
    "treaty": "document",
    "protocol": "document",
    "declaration": "document",
    "pupil": "student",
    "teacher": "person",
    "visitor": "person",
    "citizen": "person",
    "participant": "person",
    "delegate": "person",
    "expert": "person",
    "volunteer": "person",
    "business": "enterprise",
    "type": "product_type",
    "product": "product_type",
    "person": "person",
    "people": "person",
    "tourist": "person",
    "specialist": "person",
    "worker": "person",
    "flight": "item",
    "republic": "country",
    "nation": "country",
    "inhabitant": "person",
    "resident": "person",
    "checkpoint": "item",
    "branch": "item",
    "branches": "item",
    "item": "item",
}
"""Nouns for counted things (singular, or an irregular plural) -> the library's unit
(``"trip"`` -> ``"visit"``): the drafter guesses a count's unit from them, and the
number-in-evidence rule refuses a count whose noun names another thing."""
_PLURALS: Final = frozenset({"people", "memoranda", "teu"})
# Counts a text may write as a number of times ("I have visited China three times").
_TIMES_OF: Final = frozenset({"visit", "meeting", "event"})
# Counted things one unit's description includes ("enterprises or companies operating in
# a country"; member states are countries; students are persons): (written, figure's).
_KINDRED: Final = frozenset(
    {
        ("company", "enterprise"),
        ("enterprise", "company"),
        ("country", "member"),
        ("member", "country"),
        ("student", "person"),
    }
)


def _alternatives(words: dict[str, str]) -> str:
    return "|".join(_spelled(w) for w in sorted(words, key=len, reverse=True))


def _spelled(word: str) -> str:
    """A unit word or sign as a pattern: any space inside it, and one before the "$"
    of a sign of two or more letters ("HK $ 44", "US $44"; not "a $44 deal")."""
    pattern = re.escape(word).replace(r"\ ", r"\s+")
    if word.endswith("$") and len(word) >= 3:
        pattern = pattern[: -len(r"\$")] + r"\s*\$"
    return pattern


_UNIT_AFTER = re.compile(
    r"\s*(?:(?:in|of)\s+(?=(?:us\s+|american\s+)?(?:"
    + _alternatives({w: u for w, u in _UNIT_WORDS.items() if u.isupper()})
    + r")(?![a-z])))?(?:(?:us|u\.s\.|american)\s+)?("
    + _alternatives(_UNIT_WORDS)
    + r")(?![a-z])",
    re.IGNORECASE,
)
_SIGN_BEFORE = re.compile(
    r"(?<![a-z])(" + _alternatives({**_UNIT_SIGNS, **_FOREIGN_SIGNS}) + r")\s*$", re.IGNORECASE
)
_FOREIGN_AFTER = re.compile(
    r"\s*(?:in\s+)?(" + "|".join(_FOREIGN_WORDS) + r")(?![a-z])", re.IGNORECASE
)
# "44 billion Hong Kong dollars": one to three words between the number and "dollars"
_DOLLARS_AFTER = re.compile(r"\s*((?:[a-z][a-z.]*\s+){1,3}?)dollars?(?![a-z])", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s*([a-z][a-z-]*)")
# Qualifier words a text writes before a number, as the data's qualifier names them.
_QUALIFIERS: Final = (
    ("more than", "more_than"),
    ("over", "more_than"),
    ("above", "more_than"),
    ("exceeding", "more_than"),
    ("in excess of", "more_than"),
    ("at least", "at_least"),
    ("no less than", "at_least"),
    ("not less than", "at_least"),
    ("up to", "up_to"),
    ("as many as", "up_to"),
    ("no more than", "up_to"),
    ("less than", "less_than"),
    ("under", "less_than"),
    ("fewer than", "less_than"),
    ("below", "less_than"),
    ("at most", "up_to"),
    ("not more than", "up_to"),
    ("upwards of", "more_than"),
    ("approx.", "about"),
    ("top", "up_to"),  # "among the top 5": a rank of 5 or better
    ("exactly", "exact"),
    ("precisely", "exact"),
    ("close to", "almost"),
    ("almost", "almost"),
    ("nearly", "almost"),
    ("about", "about"),
    ("around", "about"),
    ("approximately", "about"),
    ("roughly", "about"),
    ("some", "about"),
    ("circa", "about"),
    ("exceeded", "more_than"),
    ("exceeds", "more_than"),
    ("exceeding", "more_than"),
    ("surpassed", "more_than"),
)
_QUALIFIER_BEFORE = re.compile(
    r"(?<![a-z])("
    + "|".join(
        re.escape(w).replace(r"\ ", r"\s+")
        for w, _ in sorted(_QUALIFIERS, key=lambda q: -len(q[0]))
    )
    + r")\s+(?:the\s+|a\s+|an\s+)?(?:\S{0,4}\s*)?$",
    re.IGNORECASE,
)
# Qualifier words a text writes after a number (and its unit).
_QUALIFIER_AFTER_OF: Final = {
    "or more": "at_least",
    "and more": "at_least",
    "or above": "at_least",
    "and above": "at_least",
    "or less": "up_to",
    "or fewer": "up_to",
    "or so": "about",
    "plus": "more_than",
}
_QUALIFIER_AFTER = re.compile(
    r"\s*(" + "|".join(w.replace(" ", r"\s+") for w in _QUALIFIER_AFTER_OF) + r")(?![a-z])"
)
_QUALIFIER_OF: Final = {re.sub(r"\s+", " ", w): q for w, q in _QUALIFIERS}


@attrs.frozen
class Mention:
    """One number a text writes, with what the text writes around it.

    ``value`` is the number as written (``19.885`` in "$ 19.885 billion"), ``scale`` the
    factor of the scale word after it (``10**9``; 1 when none), ``unit`` the canonical
    unit a sign or word next to it names (``"USD"``; ``None`` when none), ``noun`` the
    word after it (for counted things), ``qualifier`` the qualifier word before it, and
    ``start``/``end`` its place in the text (the scale word and unit included).
    ``foreign`` names a unit next to it that the library does not know (such a mention
    states no figure), ``things`` the first plural noun after it (within four words,
    before a preposition).
    """

    value: Fraction
    start: int
    end: int
    scale: int = 1
    scale_word: str | None = None
    unit: str | None = None
    noun: str | None = None
    qualifier: str | None = None
    word: bool = False  # written in words ("doubled", "a tenth", "third")
    foreign: str | None = None  # a unit the library does not know ("Hong Kong dollars")
    things: str | None = None  # the plural noun after it ("students" in "12,000 students")
    loose: bool = False  # the qualifier word may mean no hedge ("over 32 years": during)

    @property
    def base(self) -> Fraction:
        """The number in plain units: the value times the scale word's factor."""
        return self.value * self.scale


def _digits(text: str) -> Iterator[tuple[Fraction, int, int]]:
    """Each number written in digits, with its span. A number in groups ("44,000,000",
    "15 000", "1,400") is one number: its groups are not read again as numbers of their
    own ("44", "44,000" or "000" in "44,000,000"). A comma before exactly three digits
    is a thousands separator, as in every number the five texts write with a comma
    (1,400, 2,388, 2,800, 4,700, 15,000, 50,000: none writes a decimal comma); a comma
    before one, two or four digits ("1,5 billion") is a decimal comma."""
    grouped: list[tuple[int, int]] = []
    for match in _GROUPED.finditer(text):
        compact = re.sub(r"[ ,\u00a0\u202f\u2009]", "", match.group())
        grouped.append(match.span())
        yield Fraction(Decimal(compact)), match.start(), match.end()
    for match in _PLAIN.finditer(text):
        if any(a <= match.start() and match.end() <= b for a, b in grouped):
            continue
        written = match.group()
        if "," in written:
            whole, _, part = written.partition(",")
            if len(part) == 3:
                yield Fraction(int(whole + part)), match.start(), match.end()  # "1,400" after "."
            else:
                yield Fraction(Decimal(f"{whole}.{part}")), match.start(), match.end()  # "1,5"
        else:
            yield Fraction(Decimal(written)), match.start(), match.end()


def _words(text: str) -> Iterator[tuple[Fraction, int, int]]:
    """Numbers written in words: "three", "twenty-five", "two hundred thousand",
    "a hundred", "one and a half", ordinals, fractions and multiples."""
    tokens = list(_WORD.finditer(text))
    words = [t.group() for t in tokens]
    index = 0
    while index < len(words):
        word, start, end = words[index], tokens[index].start(), tokens[index].end()
        if word in _ORDINALS:
            yield Fraction(_ORDINALS[word]), start, end
        if word in _FRACTIONS:
            yield _FRACTIONS[word], start, end
        if word in _MULTIPLES:
            multiple = Fraction(_MULTIPLES[word])
            yield multiple, start, end
            yield (multiple - 1) * 100, start, end  # the growth in percent it means
        if word in _UNITS or word in _TENS or (word in _SCALES and _article(words, index)):
            total, current, used = 0, 0 if word not in _SCALES else 1, index
            while used < len(words):
                token = words[used]
                if token in _UNITS:
                    current += _UNITS[token]
                elif token in _TENS:
                    current += _TENS[token]
                elif token == "hundred":
                    current = max(current, 1) * 100
                elif token in _SCALES:
                    total += max(current, 1) * _SCALES[token]
                    current = 0
                elif token == "and" and used + 1 < len(words) and words[used + 1] in _NUMERALS:
                    pass  # "one hundred and five"
                else:
                    break
                yield Fraction(total + current), start, tokens[used].end()
                used += 1
            if (
                used + 2 < len(words)
                and words[used : used + 3] == ["and", "a", "half"]
                and total + current
            ):
                yield Fraction(total + current) + Fraction(1, 2), start, tokens[used + 2].end()
            index = max(used, index + 1)
            continue
        index += 1


def _article(tokens: list[str], index: int) -> bool:
    return index > 0 and tokens[index - 1] in ("a", "one")


def _ordinals(text: str) -> Iterator[tuple[Fraction, int, int]]:
    for match in re.finditer(r"(?<![\d])(\d+)\s*(?:st|nd|rd|th)\b", text):
        yield Fraction(int(match.group(1))), match.start(), match.end()


def _unit_after(text: str, end: int) -> tuple[str | None, str | None, int]:
    """``(unit, foreign, end)``: the unit word written after a number, as the library's
    unit, or as the name of a unit it does not know."""
    after = _UNIT_AFTER.match(text, end)
    if after is not None:
        return _UNIT_WORDS[re.sub(r"\s+", " ", after.group(1).lower())], None, after.end()
    other = _FOREIGN_AFTER.match(text, end)
    if other is not None:
        return None, re.sub(r"\s+", " ", other.group(1)), other.end()
    dollars = _DOLLARS_AFTER.match(text, end)
    if dollars is not None:
        words = dollars.group(1).split()
        if words[0] in ("in", "of"):  # "44 billion in Hong Kong dollars"
            words = words[1:]
        named = " ".join(words)
        if named in _US:
            return "USD", None, dollars.end()
        if words and not any(
            w in _STOP_WORDS or w in _MORE or w in NUMBER_WORDS or w in _ALL_SCALES for w in words
        ):
            return None, f"{named} dollars", dollars.end()
    return None, None, end


def _counted_as(word: str) -> str | None:
    """The library's count unit a plural noun names (``"republics"`` -> ``"country"``,
    ``"people"`` -> ``"person"``); ``None`` for a singular or an unknown noun."""
    if word in _PLURALS or (word.endswith("s") and word in COUNT_NOUNS):
        return COUNT_NOUNS.get(word)  # "people", "companies", "branches"
    if word.endswith("s"):
        for form in (word[:-1], word[:-2], word[:-3] + "y"):
            if form in COUNT_NOUNS:
                return COUNT_NOUNS[form]
    return None


def _plural(word: str) -> bool:
    return (
        word in _PLURALS
        or (len(word) >= 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")))
        or _counted_as(word) is not None
    )


def _things_after(text: str, end: int) -> str | None:
    """The first plural noun within four words after a number, before a preposition
    ("students" in "15,000 Kazakhstani students"; none in "5 of the students")."""
    for _ in range(4):
        found = _NOUN_AFTER.match(text, end)
        if found is None:
            return None
        word = found.group(1).lower()
        if word in _STOP_WORDS or word in NUMBER_WORDS:
            return None
        if _plural(word):
            return word
        end = found.end()
    return None


def _qualifier_before(text: str, start: int) -> str | None:
    prefix = _QUALIFIER_BEFORE.search(text, max(0, start - 24), start)
    if prefix is None:
        return None
    return _QUALIFIER_OF[re.sub(r"\s+", " ", prefix.group(1).lower())]


def _surroundings(text: str, value: Fraction, start: int, end: int, *, word: bool) -> Mention:
    scale, scale_word = 1, None
    if not word:
        found = _SCALE_AFTER.match(text, end)
        if found is not None:
            scale_word = found.group(1).lower()
            scale, end = _ALL_SCALES[scale_word], found.end()
    unit, foreign, end = _unit_after(text, end)
    before = _SIGN_BEFORE.search(text, max(0, start - 8), start)
    if before is not None:
        sign = re.sub(r"\s+", "", before.group(1).lower())
        if sign in _FOREIGN_SIGNS:  # "HK$ 44 billion dollars" are Hong Kong dollars
            unit, foreign = None, _FOREIGN_SIGNS[sign]
        else:
            unit = unit or _UNIT_SIGNS[sign]
        start = before.start()
    noun_match = _NOUN_AFTER.match(text, end)
    noun = noun_match.group(1).lower() if noun_match is not None else None
    qualifier = _qualifier_before(text, start)
    if qualifier is None:  # "44 billion dollars or more"
        hedge = _QUALIFIER_AFTER.match(text, end)
        if hedge is not None:
            qualifier = _QUALIFIER_AFTER_OF[re.sub(r"\s+", " ", hedge.group(1))]
    # "the foundation laid over 32 years": over a duration may mean during it
    loose = (
        qualifier == "more_than"
        and unit in ("year", "month", "day")
        and bool(re.search(r"(?<![a-z])over\s+$", text[max(0, start - 6) : start]))
    )
    return Mention(
        value,
        start,
        end,
        scale,
        scale_word,
        unit,
        noun,
        qualifier,
        word,
        foreign=foreign,
        things=_things_after(text, end),
        loose=loose,
    )


def mentions(text: str) -> tuple[Mention, ...]:
    """Every number ``text`` writes, in any usual form, with its surroundings, in order
    of place. A number read two ways ("19,885") gives two mentions."""
    lowered = text.casefold()
    found: list[Mention] = []
    for value, start, end in _digits(lowered):
        found.append(_surroundings(lowered, value, start, end, word=False))
    for value, start, end in _ordinals(lowered):
        found.append(_surroundings(lowered, value, start, end, word=False))
    for value, start, end in _words(lowered):
        found.append(_surroundings(lowered, value, start, end, word=True))
    for pattern, number in _IDIOMS:
        for match in pattern.finditer(lowered):
            found.append(
                Mention(
                    Fraction(number),
                    match.start(),
                    match.end(),
                    qualifier=_qualifier_before(lowered, match.start()),
                    word=True,
                )
            )
    return tuple(sorted(set(found), key=lambda m: (m.start, m.end, m.value, m.scale)))


def numbers_in(text: str) -> frozenset[Fraction]:
    """Every number ``text`` writes, in any usual form, as exact fractions (each scaled
    by the scale word after it, and as written)."""
    return frozenset(n for m in mentions(text) for n in {m.value, m.base})


def _targets(amount: Amount) -> set[Fraction]:
    magnitude = abs(Fraction(amount.magnitude))
    targets = {magnitude}
    if amount.unit == "percent":
        targets.add(magnitude / 100)  # "a tenth" for 10 percent
    if amount.unit == "fraction":
        targets.add(magnitude * 100)  # "10%" for a fraction of 0.1
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


def _same_number(mention: Mention, amount: Amount, text: str) -> bool:
    """The mention writes the amount's number at the amount's scale."""
    if mention.base in _targets(amount):
        return True
    if mention.scale != 1:
        return False
    value = abs(Fraction(amount.value))
    if amount.scale is not None and mention.value == value:
        # "between 5 and 7 billion": the scale word may follow a later number.
        return re.search(rf"\b{amount.scale.value}\b", text) is not None
    return amount.scale is None and _rounds_to(mention.value, value, amount)


def _same_unit(mention: Mention, amount: Amount) -> bool:
    """No unit next to the number, or the amount's unit (or, for a rate such as
    ``tonne/year``, its numerator: "an annual capacity of 2500 tons"). A unit of the
    same dimension is another unit ("3.5 million kilograms" are no 3.5 million tonnes);
    percent, fractions and multiples are read into one another."""
    if mention.foreign is not None:
        return False
    if mention.unit is None:
        return True
    if mention.unit in (amount.unit, amount.unit.partition("/")[0]):
        return True
    return dimension_of(mention.unit) == () == amount.dimension


_COUNTS: Final = frozenset(
    u.name for u in UNITS if u.base == u.name and u.name not in ("rank", "item")
)


def _same_things(mention: Mention, amount: Amount) -> bool:
    """A count's noun names the amount's things ("12,000 students" for 12000 student,
    "five republics" for 5 country), or the text names none next to the number. A
    plural noun the library does not know ("teachers") is another thing."""
    unit = amount.unit.partition("/")[0]
    if mention.things is None or unit not in _COUNTS:
        return True
    if mention.things == "times":
        return unit in _TIMES_OF
    counted = _counted_as(mention.things)
    # people go by many names ("2 million Kazakhstanis", "volunteers"): for a count of
    # persons only a noun of another counted thing differs
    return counted == unit or (counted is None and unit == "person") or (counted, unit) in _KINDRED


def _same_qualifier(mention: Mention, qualifier: Qualifier | str | None) -> bool:
    """The qualifier the text writes before the number (none: exact) is the figure's."""
    if qualifier is None:
        return True
    wanted = qualifier.value if isinstance(qualifier, Qualifier) else qualifier
    written = mention.qualifier or Qualifier.EXACT.value
    return written == wanted or (mention.loose and wanted == Qualifier.EXACT.value)


def _agrees(mention: Mention, amount: Amount, qualifier: Qualifier | str | None) -> bool:
    return (
        _same_unit(mention, amount)
        and _same_things(mention, amount)
        and _same_qualifier(mention, qualifier)
    )


def states(text: str, amount: Amount, *, qualifier: Qualifier | str | None = None) -> bool:
    """True when ``text`` writes the number of ``amount`` in some usual form, at its
    scale and, where the text names a unit or counted things next to it, in its unit;
    with ``qualifier``, hedged as the text hedges it (``exact``: not hedged)."""
    lowered = text.casefold()
    return any(
        _same_number(m, amount, lowered) and _agrees(m, amount, qualifier) for m in mentions(text)
    )


def _thousands(ratio: Fraction) -> bool:
    """True when ``ratio`` is a power of a thousand (1, 1000, 1/1000, 10**6, ...): two
    numbers with the same digits at different scales."""
    if ratio <= 0:
        return False
    whole = ratio if ratio >= 1 else 1 / ratio
    if whole.denominator != 1:
        return False
    number = whole.numerator
    while number % 1000 == 0:
        number //= 1000
    return number == 1


def mismatch(text: str, amount: Amount, *, qualifier: Qualifier | str | None = None) -> str | None:
    """Why ``text`` does not state ``amount`` (hedged as ``qualifier`` says) although it
    writes its digits, in words (``None`` when it states it, or writes no such digits)."""
    if states(text, amount, qualifier=qualifier):
        return None
    lowered = text.casefold()
    value = abs(Fraction(amount.value))
    factor = Fraction(amount.scale.factor) if amount.scale else Fraction(1)
    for m in mentions(text):
        written = text[m.start : m.end].strip()
        # The amount's digits at another scale: written with another scale word ("44
        # million" for 44 billion), or in full ("44,000,000" for 44 billion).
        rescaled = m.value == value or (value != 0 and _thousands(m.base / value))
        if rescaled and not _same_unit(m, amount):
            # '44 tonnes' for 44 billion USD: the unit is what differs first
            return f"the evidence writes {written!r}: another unit than {amount.unit}"
        if rescaled and m.base != value * factor:
            return f"the evidence writes {written!r}: another scale than {amount}"
        if not _same_number(m, amount, lowered):
            continue
        if not _same_unit(m, amount):
            return f"the evidence writes {written!r}: another unit than {amount.unit}"
        if not _same_things(m, amount):
            return f"the evidence writes {written} {m.things!r}: other things than {amount.unit}"
        if not _same_qualifier(m, qualifier):
            wanted = qualifier.value if isinstance(qualifier, Qualifier) else qualifier
            return (
                f"the evidence writes {written!r} with qualifier {m.qualifier or 'exact'}, "
                f"the figure's qualifier is {wanted}"
            )
    return None
