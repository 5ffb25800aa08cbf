"""Candidate figures: every number a sentence writes that measures something.

The reader is :func:`kzcn.evidence.mentions` (the same that checks a figure's number in
its evidence), so every candidate's amount is stated by its evidence. This module
decides which mentions are figures (not years, dates, names or ordinals of events),
and guesses the rest of a figure from general English: the unit from a sign or the noun
after the number, the qualifier from the words before it, the period from the dating
phrase nearest to it, the kind from modal and planning verbs, the measure from words of
change, share, multiple or rank, the direction from "from X to Y" and "X's exports".
Every guess carries a confidence; whatever the text does not write outright is declared
in ``derived``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Final

import attrs

from ..evidence import COUNT_NOUNS, Mention, mentions
from ..units import Amount
from ..vocabulary import Measure, Subject, value_problem
from .periods import date_of
from .sentences import Span, window

__all__ = ["FigureDraft", "figures_in"]

# Nouns of counted things, as the data's units name them (plural and singular).
_SUBJECT_OF_UNIT: Final = {
    "container": "containers",
    "student": "students",
    "enterprise": "enterprises",
    "company": "enterprises",
    "project": "joint_projects",
    "dose": "vaccine_doses",
    "event": "events",
    "visit": "visits",
    "centre": "cultural_centres",
    "institute": "confucius_institutes",
    "member": "organization_members",
    "product_type": "export_product_types",
    "tonne": "cargo",
    "megawatt": "power_capacity",
}
_SUBJECT_WORDS: Final = (
    (re.compile(r"\bagricultur\w*"), "agricultural_trade"),
    (re.compile(r"\b(trade|turnover|exports?|imports?|exported|imported)\b"), "trade"),
    (re.compile(r"\binvest\w*"), "investment"),
    (re.compile(r"\bcontainer trains?\b"), "container_trains"),
    (re.compile(r"\btrains?\b"), "freight_trains"),
    (re.compile(r"\bcargo|freight|tons|tonnes\b"), "cargo"),
    (re.compile(r"\bgdp\b"), "gdp_growth"),
    (re.compile(r"\bpopulation|inhabitants\b"), "population"),
    (re.compile(r"\banniversary\b"), "anniversary"),
)
_CURRENCY_UNITS: Final = frozenset({"USD", "CNY", "KZT", "RUB", "EUR"})
# Subjects that are no flow between the countries: they have no direction.
_NO_FLOW: Final = frozenset(
    {"anniversary", "duration", "population", "power_capacity", "production_capacity", "gdp_growth"}
)

_KIND_WORDS: Final = (
    (re.compile(r"\b(goal|target|aim|aims|objective)\b"), "target"),
    (
        re.compile(r"\b(plans?|planned|planning|intends?|will invest|to be built|to invest)\b"),
        "plan",
    ),
    (
        re.compile(
            r"\b(forecast|expected|projected|predicted|could|can provide|may reach|estimated to)\b"
        ),
        "forecast",
    ),
)
_GROWTH = re.compile(
    r"\b(increase[ds]?|increasing|growth|grew|grow|rose|rise|risen|up|more than (?:in|last)|"
    r"compared|year-on-year|decrease[ds]?|declined?|fell|fall|down|less than (?:in|last)|by)\b"
)
_GROWTH_OR_SIZE = re.compile(
    r"\b(increase[ds]?|grew|grown|rose|risen|more|larger|bigger|higher|less|smaller|exceed\w*)\b"
)
_SHARE = re.compile(r"\b(share|accounts? for|of all|of the total|of (?:its|their|all)|of which)\b")
_RANK = re.compile(r"\b(largest|biggest|main|leading|most|top|place|rank\w*|position)\b")
_ANNIVERSARY = re.compile(r"^\s*-?\s*(anniversary|jubilee)")
# Words right after a number that make it a name or an address, not a measure.
_NAME_AFTER = re.compile(
    r"^\s*(?:st|nd|rd|th)?\s*(plenary|session|congress|summit|forum|meeting|round|edition|"
    r"convocation|century|floor|article|paragraph|point|clause|chapter|page|no\b)"
)
_NAME_BEFORE = re.compile(r"(?:\bno\.?|№|#|\bpage|\bp\.|\bart\.|\barticle|\bparagraph)\s*$")
_DAY_MONTH = re.compile(
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
)
_PARTIES: Final = (
    ("china", re.compile(r"\b(china|chinese|prc|beijing|celestial empire)\b")),
    ("kazakhstan", re.compile(r"\b(kazakhstan\w*|kazakh|astana|nur-sultan)\b")),
)
_CN = r"(?:china|chinese|the prc|prc|beijing)"
_KZ = r"(?:kazakhstan|kazakh|kazakhstani|astana|nur-sultan)"
_FLOW = (
    r"(?:exports?|exported|exporting|supplies|supplied|deliveries|delivered|investments?|"
    r"invested|investing|transported|sent|shipped)"
)
_IMPORT = r"(?:imports?|imported)"


def _flows(a: str, b: str, direction: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The usual ways English says that something goes from ``a`` to ``b``."""
    return (
        # "China's exports", "Chinese investments", "Kazakhstan, in turn, invested"
        (
            # (not after "in"/"to": "investors in Kazakhstan, investing" is no flow from it)
            re.compile(
                rf"(?<!\bin )(?<!\bto )(?<!\binto )\b{a}\w*(?:[’']s)?(?:,\s+in\s+turn,)?"
                rf"\s+(?:\w+\s+){{0,2}}{_FLOW}\b"
            ),
            direction,
        ),
        # "exports of more than 20 types of products to China", "invested $670 million in China"
        (re.compile(rf"\b{_FLOW}\b[^.;]{{0,90}}?\b(?:to|in|into)\s+(?:the\s+)?{b}\b"), direction),
        # "from China to Kazakhstan", "imports from Kazakhstan"
        (
            re.compile(rf"\bfrom\s+(?:the\s+)?{a}\w*\s+(?:\w+\s+){{0,3}}to\s+(?:the\s+)?{b}"),
            direction,
        ),
        (re.compile(rf"\b{_IMPORT}\s+(?:\w+\s+){{0,3}}from\s+(?:the\s+)?{a}\b"), direction),
        # "Kazakhstani imports", "Kazakhstan's imports": what comes into b
        (re.compile(rf"\b{b}\w*(?:[’']s)?\s+{_IMPORT}\b"), direction),
        # "Chinese students study in Kazakhstan", "Chinese enterprises in Kazakhstan"
        (re.compile(rf"\b{a}\w*\s+(?:[\w-]+\s+){{0,3}}(?:in|to)\s+(?:the\s+)?{b}\b"), direction),
    )


_DIRECTIONS: Final = (
    *_flows(_CN, _KZ, "cn_to_kz"),
    *_flows(_KZ, _CN, "kz_to_cn"),
    (re.compile(r"\b(?:in\s+)?transit\b(?!\s+transport)|\bthrough the territory\b"), "transit"),
    (
        re.compile(
            rf"\bbetween\s+(?:the\s+)?(?:{_CN}|{_KZ})\w*\s+and\s+(?:{_CN}|{_KZ})|"
            rf"\b{_CN}\s+and\s+{_KZ}\b|\b{_KZ}\s+and\s+{_CN}\b|\bmutual\b|\bbilateral trade\b|"
            r"\bbetween\s+the\s+(?:two\s+)?(?:countries|states|sides)\b"
        ),
        "both",
    ),
)


@attrs.frozen
class FigureDraft:
    """One candidate figure: the data's fields as text, with confidences and rules."""

    amount: str
    qualifier: str
    kind: str
    measure: str
    period: str | None
    direction: str | None
    subject: str
    parties: tuple[str, ...]
    evidence: Span
    mention: Span
    derived: tuple[tuple[str, str], ...] = ()
    confidence: tuple[tuple[str, float], ...] = ()
    rate_of: int | None = None  # index of the level figure a growth rate belongs to
    part_of: int | None = None  # index of the total a part belongs to


def _written(text: str, mention: Mention) -> str | None:
    """The number's digits as written (keeping the stated precision), or ``None``."""
    found = re.search(r"\d[\d,.\u00a0\u202f\u2009 ]*\d|\d", text[mention.start : mention.end])
    if found is None:
        return None
    digits = re.sub(r"[\s\u00a0\u202f\u2009]", "", found.group())
    if "," in digits and "." not in digits:
        whole, _, part = digits.rpartition(",")
        comma_decimal = len(part) != 3 or mention.value != int(digits.replace(",", ""))
        digits = f"{whole.replace(',', '')}.{part}" if comma_decimal else digits.replace(",", "")
    return digits.replace(",", "")


def _value_text(text: str, mention: Mention) -> str:
    written = _written(text, mention)
    if written is not None and Fraction(Decimal(written)) == mention.value:
        return written
    value = mention.value
    if value.denominator == 1:
        return str(value.numerator)
    decimal = Decimal(value.numerator) / Decimal(value.denominator)
    return f"{decimal.quantize(Decimal('0.01')).normalize():f}"


def _unit(text: str, mention: Mention) -> tuple[str, float]:
    if mention.unit is not None:
        return mention.unit, 0.95
    written = text[mention.start : mention.end].strip().casefold()
    if mention.word and written in _FRACTION_WORDS:
        return "fraction", 0.9  # "a tenth of them"
    if re.search(r"century|decade", written):
        return "year", 0.9  # "a quarter of a century"
    after = text[mention.end : mention.end + 80].casefold()
    words = re.findall(r"[a-z]+", after)
    for index, word in enumerate(words[:6]):
        for form in (word, word[:-1], word[:-2], word[:-3] + "y"):
            # A count names its things in the plural ("the 18.9 million country" is
            # no count of countries), or in the singular after a one.
            plural = word != form or mention.base == 1
            if form in COUNT_NOUNS and plural:
                return COUNT_NOUNS[form], 0.75 if index < 3 else 0.6
        if word in ("of", "in", "to", "with", "from", "for", "by", "at", "on"):
            break
    # "the number of container trains ... has increased to 404": the things come first.
    before = text[max(0, mention.start - 120) : mention.start].casefold()
    counted = re.search(
        r"\bnumber of ((?:[\w-]+\s+){0,3}?[\w-]+?)(?:s)?\b(?!.*\bnumber of)", before
    )
    if counted is not None:
        for word in reversed(counted.group(1).split()):
            if word in COUNT_NOUNS or word.rstrip("s") in COUNT_NOUNS:
                return COUNT_NOUNS.get(word, COUNT_NOUNS.get(word.rstrip("s"), "item")), 0.6
    return "item", 0.3


def _is_year(text: str, mention: Mention) -> bool:
    written = text[mention.start : mention.end].strip()
    return (
        mention.scale == 1
        and mention.unit is None
        and re.fullmatch(r"(?:19|20)\d{2}", written) is not None
    )


def _is_name_or_date(text: str, mention: Mention) -> bool:
    before = text[max(0, mention.start - 12) : mention.start].casefold()
    after = text[mention.end : mention.end + 24].casefold()
    written = text[mention.start : mention.end]
    if _NAME_BEFORE.search(before) or _NAME_AFTER.match(after):
        return True
    if re.search(r"[/_=\w-]$", before) and not before.endswith(" "):
        return True  # inside an address or a word ("t20220205", "5G")
    if re.match(r"^[/_\w]", after) and not re.match(r"^(st|nd|rd|th)\b", after):
        return True
    if re.match(r"^\.\d{2,4}\b", after) or re.search(r"\d{1,2}\.$", before):
        return True  # 20.07.2021
    day = mention.value.denominator == 1 and mention.value <= 31 and mention.scale == 1
    if day and (
        re.search(rf"{_DAY_MONTH.pattern}\s*$", before)
        or re.match(rf"^\s*{_DAY_MONTH.pattern}", after)
    ):
        return True  # "June 11", "11 June"
    return written.strip().casefold() == "one" and not mention.unit


def _is_figure(text: str, mention: Mention) -> bool:
    if (
        _is_year(text, mention)
        or _is_name_or_date(text, mention)
        or _is_reference(text, mention)
        or _in_quoted_name(text, mention)
    ):
        return False
    written = text[mention.start : mention.end].strip()
    after = text[mention.end : mention.end + 30].casefold()
    if mention.word and written.casefold() in _FRACTION_WORDS:
        before = text[max(0, mention.start - 8) : mention.start].casefold()
        return bool(re.search(r"\b(a|one)\s*$", before)) and after.lstrip().startswith("of ")
    if _ORDINAL.search(written.casefold()) or re.match(r"^(st|nd|rd|th)\b", after):
        # An ordinal measures only a rank ("the second largest") or an anniversary.
        return bool(_RANK_AFTER.match(re.sub(r"^(st|nd|rd|th)\b", "", after)))
    if re.fullmatch(r"decades?", written.casefold()) and not re.search(
        r"\b(a|one)\s*$", text[max(0, mention.start - 6) : mention.start].casefold()
    ):
        return False  # "the fourth decade of independence" counts no years
    # Not a web page's counter ("Number of shows: 1257").
    return not _COUNTER.search(text[: mention.start].casefold()[-30:])


def _in_quoted_name(text: str, mention: Mention) -> bool:
    """Inside a short phrase in curly quotes: a name or a slogan ("“one country, two
    systems”", "the new “Golden 30th anniversary”"), not a measure. Quoted speech is
    longer, and marked with « » or straight quotes in the texts read so far."""
    opening = text.rfind("“", 0, mention.start)
    if opening < 0 or text.rfind("”", opening, mention.start) >= 0:
        return False
    closing = text.find("”", mention.end)
    return closing >= 0 and len(text[opening:closing].split()) <= 8


_ORDINAL = re.compile(r"(first|second|third|[a-z]th|\d\s*(?:st|nd|rd|th))$")
_RANK_AFTER = re.compile(r"^\s*(?:-\s*)?(most|largest|biggest|place|anniversary|jubilee)\b")
_COUNTER = re.compile(r"\b(number of (shows|views|reads|hits)|views|shows)\s*:?\s*$")
_REFERENCE_BEFORE = re.compile(r"\b(the|these|those|our|their|its|of|all)\s*$")
# Fractions a word names ("a tenth of them"), a figure only after "a" or "one".
_FRACTION_WORDS: Final = frozenset({"half", "quarter", "third", "fifth", "tenth", "hundredth"})


def _is_reference(text: str, mention: Mention) -> bool:
    """A number word that names rather than counts: "the two countries" (a definite
    reference), "the Shanghai Five" or "“Two Centuries”" (part of a name)."""
    if not mention.word or mention.unit is not None or mention.scale != 1:
        return False
    written = text[mention.start : mention.end].strip()
    before = text[max(0, mention.start - 12) : mention.start]
    if re.search(r"[“”\"«]\s*$", before):
        return True
    if written[:1].isupper() and re.search(r"[A-Za-z]\S*\s+$", before):
        return True  # capitalised inside a sentence: a name
    # "the two countries", "of the two sides": in a text on two countries, "two" after a
    # determiner names the pair; other counts after "the" ("the five republics") count.
    return written.casefold() == "two" and bool(_REFERENCE_BEFORE.search(before.casefold()))


def _choose(found: tuple[Mention, ...], text: str) -> list[Mention]:
    """One reading per number: the longest span, then the reading a scale word fits."""
    best: dict[int, Mention] = {}
    for mention in found:
        held = best.get(mention.start)
        if held is None or _better(mention, held, text):
            best[mention.start] = mention
    chosen = sorted(best.values(), key=lambda m: m.start)
    return [
        m
        for m in chosen
        if not any(
            o is not m
            and o.start <= m.start
            and m.end <= o.end
            and (o.end - o.start) > (m.end - m.start)
            for o in chosen
        )
    ]


def _better(new: Mention, old: Mention, text: str) -> bool:
    if (new.end - new.start) != (old.end - old.start):
        return (new.end - new.start) > (old.end - old.start)
    written = _written(text, new)
    if written is not None and Fraction(Decimal(written)) == new.value:
        return True
    # "doubled": the multiple, not the growth in percent it also reads as.
    return new.word and new.value in (Fraction(2), Fraction(3), Fraction(4)) and old.value > 50


def _measure(sentence: str, text: str, mention: Mention, unit: str) -> tuple[str, str]:
    lowered = sentence.casefold()
    before = text[max(0, mention.start - 40) : mention.start].casefold()
    after = text[mention.end : mention.end + 40].casefold()
    if unit == "percent":
        if _GROWTH.search(before) or re.match(
            r"^\s*(more|less|higher|lower|growth|increase)", after
        ):
            return "growth", unit
        if _SHARE.search(before + " " + after):
            return "share", unit
        return ("growth" if _GROWTH.search(lowered) else "share"), unit
    written = text[mention.start : mention.end].casefold()
    if re.search(r"doubl|tripl|fold|twice", written) or (
        re.match(r"^\s*times\b", after) and _GROWTH_OR_SIZE.search(lowered)
    ):
        return "multiple", "times"
    if re.match(r"^\s*times\b", after):
        # "I have visited China three times": a count of occasions, not a multiple.
        return "level", "visit" if "visit" in lowered else "item"
    if (
        _RANK_AFTER.match(re.sub(r"^(st|nd|rd|th)\b", "", after))
        and "anniversary" not in after[:16]
    ) or re.search(r"\b(top|among the)\s*$", before):
        return "rank", "rank"
    if _ANNIVERSARY.match(after) or re.match(r"^\s*(?:st|nd|rd|th)\s+anniversary", after):
        return "level", "year"
    return "level", unit


def _subject(sentence: str, unit: str, measure: str) -> str:
    if unit in _CURRENCY_UNITS or measure != "level":
        for pattern, subject in _SUBJECT_WORDS:
            money = subject in ("trade", "agricultural_trade", "investment")
            if pattern.search(sentence.casefold()) and (money or measure != "level"):
                return subject
        return "other"
    if unit in _SUBJECT_OF_UNIT:
        return _SUBJECT_OF_UNIT[unit]
    if unit == "train":
        return "container_trains" if "container" in sentence.casefold() else "freight_trains"
    if unit == "year":
        return "anniversary" if "anniversar" in sentence.casefold() else "duration"
    return "other"


def _plausible(subject: str, measure: str, amount: str) -> str | None:
    """``subject``, or ``other`` when the model does not allow the value for it (the
    loader's own rules: the unit's dimension and the plausible bounds), or ``None``."""
    parsed = Amount.parse(amount)
    for candidate in (subject, "other"):
        guess = Subject(candidate)
        fits = Measure(measure) is not Measure.LEVEL or guess.accepts(parsed.dimension)
        if fits and value_problem(guess, Measure(measure), parsed) is None:
            return candidate
    return None


def _direction(sentence: str, at: int) -> tuple[str | None, float]:
    lowered = sentence.casefold()
    hits = [
        (m.start(), m.end(), d) for pattern, d in _DIRECTIONS for m in pattern.finditer(lowered)
    ]
    if not hits:
        return None, 0.3

    def distance(hit: tuple[int, int, str]) -> int:
        start, end, _ = hit
        return 0 if start <= at <= end else min(abs(at - start), abs(at - end))

    nearest = min(hits, key=distance)
    return nearest[2], 0.7 if distance(nearest) < 60 else 0.5


def _kind(sentence: str, deadline: bool) -> str:
    lowered = sentence.casefold()
    for pattern, kind in _KIND_WORDS:
        if pattern.search(lowered):
            return kind
    return "target" if deadline else "actual"


def figures_in(
    text: str, sentence: Span, published: int | None, context: str | None
) -> list[FigureDraft]:
    """The candidate figures of one sentence of ``text``; ``context`` is the period of
    the sentences before (the last one dated), for a sentence that dates nothing."""
    first, last = sentence
    body = text[first:last]
    drafts: list[FigureDraft] = []
    for mention in _choose(mentions(body), body):
        if mention.foreign is not None or not _is_figure(body, mention):
            continue  # "HK$ 44 billion": a unit the library cannot hold
        unit, unit_confidence = _unit(body, mention)
        measure, unit = _measure(body, body, mention, unit)
        if mention.scale != 1 and unit not in _CURRENCY_UNITS and unit not in ("tonne",):
            unit_confidence = min(unit_confidence, 0.6)
        scale = {10**3: "thousand", 10**6: "million", 10**9: "billion", 10**12: "trillion"}
        scale_word = scale.get(mention.scale)
        amount = " ".join(filter(None, [_value_text(body, mention), scale_word, unit]))
        derived: list[tuple[str, str]] = []
        dating = date_of(body, mention.start, published)
        period: str | None
        if dating is not None:
            period, period_confidence = dating.period, dating.confidence
            if dating.derived:
                derived.append(("period", dating.derived))
        elif context is not None:
            period, period_confidence = context, 0.5
            derived.append(("period", "the period of the sentences before"))
        elif published is not None:
            period, period_confidence = str(published), 0.3
            derived.append(
                ("period", f"the year of the text ({published}); the sentence dates nothing")
            )
        else:
            period, period_confidence = None, 0.0
        kind = _kind(body, dating is not None and dating.deadline)
        subject = _plausible(_subject(body, unit, measure), measure, amount)
        if subject is None:
            continue  # no subject the model allows holds this value: not a figure
        direction, direction_confidence = (
            (None, 0.6)
            if subject in _NO_FLOW or unit == "year"
            else _direction(body, mention.start)
        )
        parties = tuple(p for p, pattern in _PARTIES if pattern.search(body.casefold()))
        evidence = window(text, sentence, (first + mention.start, first + mention.end))
        drafts.append(
            FigureDraft(
                amount=amount,
                qualifier=mention.qualifier or "exact",
                kind=kind,
                measure=measure,
                period=period,
                direction=direction,
                subject=subject,
                parties=parties,
                evidence=evidence,
                mention=(first + mention.start, first + mention.end),
                derived=tuple(derived),
                confidence=(
                    # The number is read as written; the unit may be a guess from a noun.
                    ("amount", min(0.95, unit_confidence)),
                    ("qualifier", 0.9),
                    ("period", period_confidence),
                    ("kind", 0.6),
                    ("measure", 0.6),
                    ("direction", direction_confidence),
                    ("subject", 0.5),
                ),
            )
        )
    return _linked(text, drafts)


_PART_OF = re.compile(r"\b(of which|of these|of them|among them|including|out of which)\b")


def _linked(text: str, drafts: list[FigureDraft]) -> list[FigureDraft]:
    """A growth rate belongs to the level just before it; a level after "of which",
    "among them" or "including" in the same sentence is a part of the level before it
    (when both have one unit)."""
    out: list[FigureDraft] = []
    total: int | None = None  # the last level that is no part: what a part belongs to
    level: int | None = None  # the last level, part or not: what a rate belongs to
    for draft in drafts:
        if draft.measure == "growth" and level is not None:
            draft = attrs.evolve(draft, rate_of=level)
        if draft.measure == "level":
            whole = out[total] if total is not None else None
            between = text[whole.mention[1] : draft.mention[0]] if whole else ""
            same_unit = whole is not None and _unit_of(whole) == _unit_of(draft)
            if whole is not None and same_unit and _PART_OF.search(between.casefold()):
                draft = attrs.evolve(draft, part_of=total)
            else:
                total = len(out)
            level = len(out)
        out.append(draft)
    return out


def _unit_of(draft: FigureDraft) -> str:
    return Amount.parse(draft.amount).unit
