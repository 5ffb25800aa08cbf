"""Family "number in evidence": every figure's number is written in its evidence, in
some usual form, or the figure says how it was derived."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import kzcn
import kzcn.evidence
from kzcn.errors import DataError
from kzcn.evidence import numbers_in, states
from kzcn.loader import load_records
from kzcn.units import MAX_MAGNITUDE, SPELLINGS, UNITS, Amount, Scale
from kzcn.vocabulary import Qualifier
from strategies import (
    FOREIGN_CURRENCIES,
    KNOWN_CURRENCIES,
    QUALIFIER_WORDS,
    QUALIFIERS_AFTER,
    SCALE_WORDS,
    grouped_numbers,
)
from test_loader_errors import BASE


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("trade reached $ 19.885 billion", "19.885 billion USD"),
        ("trade reached $ 9.53 billion", "9.53 billion USD"),
        ("about 900 thousand containers", "900 thousand container"),
        ("about 900 thousand containers", "900000 container"),
        ("more than 1.4 thousand students", "1400 student"),
        ("approximately 50,000 jobs", "50000 job"),
        ("approximately 50 000 jobs", "50000 job"),
        ("15 000 students", "15 thousand student"),
        ("a capacity of 5 MW", "5 megawatt"),
        ("which is 38% more", "38 percent"),
        ("an increase of 9.2% year-on-year", "9.2 percent"),
        ("three documents were signed", "3 document"),
        ("twenty-five projects", "25 project"),
        ("one hundred and five trains", "105 train"),
        ("a tenth of its trade", "0.1 fraction"),
        ("a tenth of its trade", "10 percent"),
        ("a third of the cargo", "33.3 percent"),
        ("trade doubled", "2 times"),
        ("trade doubled", "100 percent"),
        ("has increased 100 times", "100 times"),
        ("a hundredfold increase", "100 times"),
        ("their third face-to-face meeting", "3 meeting"),
        ("the 3rd meeting", "3 meeting"),
        ("the 30th anniversary", "30 year"),
        ("the 100th anniversary", "100 year"),
        ("a little more than a quarter of a century", "25 year"),
        ("Six years ago", "6 year"),
        ("the second largest trading partner", "2 rank"),
        ("1,5 billion", "1.5 billion USD"),  # a decimal comma: not before three digits
        ("$9.53bn", "9.53 billion USD"),
        ("fell by 5%", "-5 percent"),
    ],
)
def test_usual_forms_are_read(text: str, amount: str) -> None:
    assert states(text, Amount.parse(amount)), (text, sorted(numbers_in(text)))


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("trade reached $ 19.885 billion", "19.886 billion USD"),
        ("the main source of investment", "1 rank"),
        ("the largest city", "1 rank"),
        ("the fourth decade of independence", "30 year"),
        ("about 900 thousand containers", "9 thousand container"),
        ("the volume of trade", "30 billion USD"),
        ("2019 was a good year", "20 percent"),
        ("19,885 billion", "19.885 billion USD"),  # a comma before three digits groups
    ],
)
def test_absent_numbers_are_not_invented(text: str, amount: str) -> None:
    assert not states(text, Amount.parse(amount)), sorted(numbers_in(text))


values = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("999999"), places=3).map(
    lambda d: d.normalize() if d == d.to_integral_value() else d
)


def _grouped(value: Decimal, separator: str) -> str:
    whole, _, part = f"{value:f}".partition(".")
    digits = f"{int(whole):,}".replace(",", separator)
    return digits + (f".{part}" if part else "")


@given(values, st.sampled_from([None, *Scale]), st.sampled_from([",", " ", "\u00a0", ""]))
def test_digits_in_any_grouping_with_scale_words(
    value: Decimal, scale: Scale | None, separator: str
) -> None:
    amount = Amount(value, "USD", scale)
    words = f" {scale.value}" if scale else ""
    assert states(f"it reached $ {_grouped(value, separator)}{words} last year", amount)


@given(st.integers(min_value=1, max_value=10**12))
def test_magnitude_written_in_full(number: int) -> None:
    amount = Amount(Decimal(number) / 1000, "train", Scale.THOUSAND)
    assert states(f"{number:,} trains", amount)


_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _spell(n: int) -> str:
    if n < 10:
        return _ONES[n]
    if n < 20:
        return _TEENS[n - 10]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    rest = n % 100
    return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + _spell(rest))


@given(st.integers(min_value=0, max_value=999))
def test_number_words(number: int) -> None:
    assert states(f"they signed {_spell(number)} documents", Amount(Decimal(number), "document"))


@given(values, st.text(alphabet="abcdefgh ", max_size=60))
def test_text_without_numbers_states_none(value: Decimal, text: str) -> None:
    assert not states(text, Amount(value + 1000, "USD"))  # beyond any number word there


FIGURE = """
[[figures]]
id = "fig-2"
subject = "trade"
amount = "7 billion USD"
period = "2020"
direction = "both"
citations = [{ source = "src-a", evidence = "EVIDENCE" }]
"""


def test_loader_refuses_a_number_not_in_its_evidence() -> None:
    text = BASE + FIGURE.replace("EVIDENCE", "trade grew strongly")
    with pytest.raises(DataError) as info:
        load_records([("mine.toml", text)], user_files=["mine.toml"])
    (problem,) = info.value.problems
    assert (problem.file, problem.record, problem.field) == ("mine.toml", "fig-2", "amount")
    assert "derived" in problem.message


@pytest.mark.parametrize("evidence", ["trade was $ 7 billion", "trade reached seven billion"])
def test_loader_accepts_the_number_in_its_evidence(evidence: str) -> None:
    load_records([("mine.toml", BASE + FIGURE.replace("EVIDENCE", evidence))])


def test_a_derived_amount_is_exempt() -> None:
    text = BASE + FIGURE.replace("EVIDENCE", "trade grew strongly").replace(
        'direction = "both"', 'direction = "both"\nderived = { amount = "3 + 4 from the table" }'
    )
    load_records([("mine.toml", text)])


def _stated(figure: kzcn.Figure) -> bool:
    return any(d.field == "amount" for d in figure.derived) or any(
        states(c.evidence, figure.amount) for c in figure.citations
    )


def test_shipped_figures_state_their_numbers() -> None:
    """Every shipped figure's number is written in its evidence, or declared derived."""
    figures = list(kzcn.load().figures)
    failing = {f.id for f in figures if not _stated(f)}
    assert failing == set()
    verified = [f for f in figures if any(states(c.evidence, f.amount) for c in f.citations)]
    derived = [f for f in figures if any(d.field == "amount" for d in f.derived)]
    assert len(verified) + len(derived) >= len(figures)


def test_the_rule_holds_for_users_files_too() -> None:
    text = BASE + FIGURE.replace("EVIDENCE", "trade grew strongly")
    with pytest.raises(DataError, match="not in the evidence"):
        load_records([("mine.toml", text)], user_files=["mine.toml"])


# -- scale and unit: the same number means the same amount ----------------------------


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("about 44 billion dollars", "44 billion RUB"),
        ("about 44 billion dollars", "44 million USD"),
        ("trade reached $ 19.885 billion", "19.885 million USD"),
        ("exports of 5.08 billion rubles", "5.08 billion USD"),
        ("investments of US$ 25 bn", "25 billion CNY"),
        ("a capacity of 5 MW", "5 tonne"),
        ("RMB 10 billion was lent", "10 billion USD"),
        ("it grew by 38%", "38 year"),
    ],
)
def test_digits_at_another_scale_or_unit_do_not_state(text: str, amount: str) -> None:
    parsed = Amount.parse(amount)
    assert not states(text, parsed), list(kzcn.evidence.mentions(text))
    assert kzcn.evidence.mismatch(text, parsed) is not None


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("investments of US$ 25 bn", "25 billion USD"),
        ("RMB 10 billion was lent", "10 billion CNY"),
        ("10 billion yuan", "10 billion CNY"),
        ("exports of 5.08 billion rubles", "5.08 billion RUB"),
        ("between 5 and 7 billion dollars", "5 billion USD"),
        ("an annual capacity of 2500 tons", "2500 tonne/year"),
        ("13.98 million tons of cargo", "13.98 million tonne"),
        ("27 years of relations", "27 year"),
    ],
)
def test_the_same_scale_and_unit_state(text: str, amount: str) -> None:
    assert states(text, Amount.parse(amount))


_CURRENCIES = {"USD": ("$ {n}", "{n} dollars"), "RUB": ("{n} rubles",), "CNY": ("{n} yuan",)}


@given(
    values,
    st.sampled_from(sorted(_CURRENCIES)),
    st.sampled_from(sorted(_CURRENCIES)),
    st.sampled_from([None, *Scale]),
    st.sampled_from([None, *Scale]),
    st.data(),
)
def test_unit_and_scale_must_agree(
    value: Decimal,
    written: str,
    stated: str,
    written_scale: Scale | None,
    stated_scale: Scale | None,
    data: st.DataObject,
) -> None:
    number = f"{value:f}" + (f" {written_scale.value}" if written_scale else "")
    form = data.draw(st.sampled_from(_CURRENCIES[written]))
    text = "it reached " + form.format(n=number) + " last year"
    amount = Amount(value, stated, stated_scale)
    same_base = (written_scale.factor if written_scale else 1) == (
        stated_scale.factor if stated_scale else 1
    )
    assert states(text, amount) == (written == stated and same_base), text


def test_mentions_keep_what_surrounds_the_number() -> None:
    (m,) = [
        m
        for m in kzcn.evidence.mentions("trade of about $ 19.885 billion in 2018")
        if m.value == Fraction("19.885")
    ]
    assert (m.scale, m.unit, m.qualifier) == (10**9, "USD", "about")
    (n,) = [m for m in kzcn.evidence.mentions("more than 1.4 thousand students") if m.scale == 1000]
    assert (n.base, n.noun, n.qualifier) == (Fraction(1400), "students", "more_than")


def test_the_loader_says_which_scale_the_evidence_writes() -> None:
    text = BASE + FIGURE.replace("EVIDENCE", "trade was about 7 million dollars")
    with pytest.raises(DataError, match="another scale") as info:
        load_records([("mine.toml", text)], user_files=["mine.toml"])
    assert info.value.problems[0].field == "amount"


# -- a number in groups is one number, quoted whole ------------------------------------


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("trade was 44,000,000 dollars in 2024", "44 USD"),
        ("trade was 44,000,000 dollars in 2024", "44000 USD"),
        ("trade was 44,000,000 dollars in 2024", "0 USD"),
        ("15 000 000 tonnes were carried", "15 tonne"),
    ],
)
def test_the_groups_of_a_number_are_not_numbers_of_their_own(text: str, amount: str) -> None:
    assert not states(text, Amount.parse(amount)), list(kzcn.evidence.mentions(text))


@pytest.mark.parametrize(
    ("amount", "why"),
    [
        ("44 billion USD", "another scale than 44 billion USD"),
        ("44 thousand USD", "another scale than 44 thousand USD"),
        ("44 million RUB", "another unit than RUB"),
    ],
)
def test_the_mismatch_quotes_the_whole_number(amount: str, why: str) -> None:
    found = kzcn.evidence.mismatch("trade was 44,000,000 dollars in 2024", Amount.parse(amount))
    assert found == f"the evidence writes '44,000,000 dollars': {why}"


@given(
    grouped_numbers(),
    st.sampled_from(SCALE_WORDS),
    st.sampled_from(["unit", "scale", "digits"]),
    st.data(),
)
def test_the_span_quoted_is_the_number_as_written(
    number: tuple[str, Decimal], scale_word: str, differs: str, data: st.DataObject
) -> None:
    """Whatever differs (the unit; the scale of the same number; or the scale of its
    leading groups, 44 billion for '44,000,000'), the message quotes the number whole,
    with its scale word and unit."""
    written, value = number
    quoted = f"{written}{scale_word} dollars"
    text = f"trade was {quoted} last spring"
    scale = {"": None, " mln": Scale.MILLION, " bn": Scale.BILLION}.get(scale_word)
    if scale_word.strip() in {s.value for s in Scale}:
        scale = Scale(scale_word.strip())
    factor = scale.factor if scale else 1
    if differs == "unit":  # the same number in another currency
        assume(value * factor <= MAX_MAGNITUDE)  # an amount at all
        amount = Amount(value, "RUB", scale)
    elif differs == "scale":  # the same number at another scale
        amount = Amount(value, "USD", Scale.THOUSAND if scale is None else None)
    else:  # its leading groups at another scale than they mean
        groups = sum(not c.isdigit() for c in written.partition(".")[0]) + 1
        dropped = data.draw(st.integers(1, groups - 1))
        leading = value / Decimal(1000) ** dropped
        means = Decimal(1000) ** dropped * factor
        other = data.draw(st.sampled_from([s for s in (None, *Scale) if s is not Scale.TRILLION]))
        assume((other.factor if other else 1) != means)
        assume(leading * (other.factor if other else 1) <= MAX_MAGNITUDE)
        amount = Amount(leading.normalize(), "USD", other)
    # "1,000" also reads as 1.000 (a decimal comma): "1,000 thousand" states 1000 USD
    assume(not states(text, amount))
    found = kzcn.evidence.mismatch(text, amount)
    assert found is not None and found.startswith(f"the evidence writes {quoted!r}: "), found


# -- the currency, the qualifier and the things a text writes are the figure's -------------


@given(
    values,
    st.sampled_from([None, *Scale]),
    st.sampled_from(FOREIGN_CURRENCIES),
    st.sampled_from(sorted(KNOWN_CURRENCIES)),
)
def test_another_currency_states_no_known_one(
    value: Decimal, scale: Scale | None, form: str, currency: str
) -> None:
    """ "44 billion Hong Kong dollars" or "HK$44 billion" are no US dollars (nor yuan):
    a currency the library does not know states no figure."""
    number = f"{value:f}" + (f" {scale.value}" if scale else "")
    text = "trade was " + form.format(n=number) + " last year"
    amount = Amount(value, currency, scale)
    assert not states(text, amount), list(kzcn.evidence.mentions(text))
    assert kzcn.evidence.mismatch(text, amount) is not None


@given(
    values,
    st.sampled_from(sorted(KNOWN_CURRENCIES)),
    st.sampled_from(sorted(KNOWN_CURRENCIES)),
    st.data(),
)
def test_each_currency_is_read_as_itself(
    value: Decimal, written: str, stated: str, data: st.DataObject
) -> None:
    form = data.draw(st.sampled_from(KNOWN_CURRENCIES[written]))
    text = "trade was " + form.format(n=f"{value:f} billion") + " last year"
    assert states(text, Amount(value, stated, Scale.BILLION)) == (written == stated), text


@given(
    values,
    st.sampled_from(sorted(QUALIFIER_WORDS)),
    st.sampled_from(sorted(QUALIFIER_WORDS)),
    st.data(),
)
def test_the_qualifier_written_is_the_figures(
    value: Decimal, written: str, stated: str, data: st.DataObject
) -> None:
    """A figure's qualifier is the hedge the text writes before its number (none:
    exact): "about 44 billion" states no exact 44 billion, "less than" no at_least."""
    word = data.draw(st.sampled_from(QUALIFIER_WORDS[written]))
    text = f"trade was {word}$ {value:f} billion last year"
    amount = Amount(value, "USD", Scale.BILLION)
    assert states(text, amount)  # the number alone is stated, whatever the hedge
    assert states(text, amount, qualifier=Qualifier(stated)) == (written == stated), text
    why = kzcn.evidence.mismatch(text, amount, qualifier=Qualifier(stated))
    if written != stated:
        assert why is not None and f"qualifier {written}" in why and stated in why, why


@given(
    values,
    st.sampled_from(sorted(QUALIFIERS_AFTER)),
    st.sampled_from(sorted(QUALIFIER_WORDS)),
    st.data(),
)
def test_a_qualifier_after_the_number_is_read(
    value: Decimal, written: str, stated: str, data: st.DataObject
) -> None:
    """ "44 billion dollars or more" is at least 44 billion, "or so" about it."""
    words = data.draw(st.sampled_from(QUALIFIERS_AFTER[written]))
    text = f"trade was {value:f} billion dollars{words} last year"
    amount = Amount(value, "USD", Scale.BILLION)
    assert states(text, amount, qualifier=Qualifier(stated)) == (written == stated), text


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("among the top 5 global smartphone manufacturers", "up_to"),
        ("the foundation that we have laid over 32 years", "exact"),
        ("not more than 5", "up_to"),
        ("over 32 years", "more_than"),
        ("after a little more than a quarter of a century", "more_than"),
    ],
)
def test_qualifiers_as_the_texts_write_them(text: str, qualifier: str) -> None:
    amounts = {"up_to": "5 rank", "exact": "32 year", "more_than": "32 year"}
    amount = "25 year" if "quarter" in text else amounts[qualifier]
    assert states(text, Amount.parse(amount), qualifier=qualifier)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("exports reached 3.5 million barrels", "3.5 million tonne"),
        ("exports reached 3.5 million kilograms", "3.5 million tonne"),
        ("exports reached 3.5 million litres", "3.5 million tonne"),
        ("a capacity of 5 GW", "5 megawatt"),
        ("a capacity of 5 kW", "5 megawatt"),
        ("12,000 teachers came", "12000 student"),
        ("12,000 Kazakh teachers came", "12000 student"),
        ("2,388 freight wagons", "2388 train"),
        ("78 companies", "78 country"),
        ("three times", "3 student"),
        ("12 trains of volunteers", "12 person"),
        ("44 billion in US dollars", "44 billion RUB"),
        ("44 billion in Hong Kong dollars", "44 billion USD"),
        ("HK $44 billion", "44 billion USD"),
        ("44 billion in tenge", "44 billion USD"),
    ],
)
def test_another_unit_or_other_things_do_not_state(text: str, amount: str) -> None:
    parsed = Amount.parse(amount)
    assert not states(text, parsed), list(kzcn.evidence.mentions(text))
    assert kzcn.evidence.mismatch(text, parsed) is not None


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("15,000 Kazakhstani students study in China", "15000 student"),
        ("55 Chinese-Kazakh joint projects", "55 project"),
        ("the export of more than 20 types of agricultural products", "20 product_type"),
        ("in the five republics", "5 country"),
        ("I have visited China three times", "3 visit"),
        ("six Kazakh language and cultural centres", "6 centre"),
        ("the largest city of the 18.9 million country", "18.9 million person"),
        ("in five areas", "5 item"),
        ("students numbered 12,000", "12000 student"),
        ("2,800 companies from 78 countries", "78 country"),
        ("44 billion in US dollars", "44 billion USD"),
        ("US $44 billion", "44 billion USD"),
        ("a $44 billion deal", "44 billion USD"),  # "a $" is no Australian dollar
        ("44 billion U.S. dollars", "44 billion USD"),
        ("44 billion in tenge", "44 billion KZT"),
        ("5 billion more dollars", "5 billion USD"),
        ("three treaties were signed", "3 document"),
        ("12 Kazakh pupils", "12 student"),
        ("2 million Kazakhstanis", "2 million person"),
        ("2,700 Chinese companies operate in Kazakhstan", "2700 enterprise"),
        ("the ten member countries", "10 member"),
        ("12,000 students came", "12000 person"),
        ("12,000 teachers came", "12000 person"),
    ],
)
def test_the_things_a_text_counts_state_them(text: str, amount: str) -> None:
    assert states(text, Amount.parse(amount)), list(kzcn.evidence.mentions(text))


@given(grouped_numbers(), st.sampled_from(["students", "dollars"]), st.data())
def test_a_grouped_number_is_one_number(
    number: tuple[str, Decimal], noun: str, data: st.DataObject
) -> None:
    """ "12,000" is 12000 (never 12, nor 12.000 and so 12), "120 000" is 120000: the
    groups of a number, read alone or at another scale word, state nothing."""
    written, value = number
    scale = data.draw(st.sampled_from([None, *Scale]))
    assume(value * (scale.factor if scale else 1) <= MAX_MAGNITUDE)
    text = f"they numbered {written}{f' {scale.value}' if scale else ''} {noun} last year"
    unit = "student" if noun == "students" else "USD"
    assert states(text, Amount(value, unit, scale))
    groups = written.partition(".")[0]
    leading = Decimal(re.split(r"[^0-9]", groups)[0])
    assume(leading != value)
    assert not states(text, Amount(leading, unit, scale)), list(kzcn.evidence.mentions(text))


_COUNT_UNITS = sorted(u.name for u in UNITS if u.base == u.name and u.name not in ("rank", "item"))


def _plurals(unit: str) -> list[str]:
    """How a text writes many of ``unit``: its plural spellings ("students", "people")."""
    return sorted(
        s
        for s, name in SPELLINGS.items()
        if name == unit and s.isalpha() and (s.endswith("s") or s == "people")
    )


@given(
    st.integers(min_value=2, max_value=10**6),
    st.sampled_from(_COUNT_UNITS),
    st.sampled_from(_COUNT_UNITS),
    st.data(),
)
def test_a_count_states_only_its_own_things(
    number: int, written: str, stated: str, data: st.DataObject
) -> None:
    """ "12,000 students" states 12000 student and no other count ("teachers", or any
    other counted thing the library names)."""
    assume(_plurals(written))
    noun = data.draw(st.sampled_from(_plurals(written)))
    text = f"this year {number:,} {noun} came"
    kindred = (written, stated) in {
        ("company", "enterprise"),
        ("enterprise", "company"),
        ("country", "member"),
        ("member", "country"),
        ("student", "person"),
    }
    assert states(text, Amount(Decimal(number), stated)) == (written == stated or kindred), text


_MEASURED = {
    "tonne": ("tonnes", "tons", "t"),
    "kilogram": ("kilograms", "kg"),
    "megawatt": ("megawatts", "MW"),
    "kilowatt": ("kilowatts", "kW"),
    "year": ("years",),
    "month": ("months",),
    "day": ("days",),
}


@given(
    values,
    st.sampled_from(sorted(_MEASURED)),
    st.sampled_from(sorted(_MEASURED)),
    st.sampled_from(["", "/year"]),
    st.data(),
)
def test_a_unit_of_the_same_dimension_is_another_unit(
    value: Decimal, written: str, stated: str, rate: str, data: st.DataObject
) -> None:
    """ "3.5 million kilograms" are no 3.5 million tonnes (1,000 times less); a rate
    ("tonne/year") is stated by its numerator ("2500 tons")."""
    word = data.draw(st.sampled_from(_MEASURED[written]))
    text = f"it reached {value:f} {word} last spring"
    assume(not (rate and stated in ("year", "month", "day")))
    assert states(text, Amount(value, stated + rate)) == (written == stated), text


@pytest.mark.parametrize(
    ("evidence", "qualifier", "ok"),
    [
        ("trade was about $ 7 billion", "about", True),
        ("trade was $ 7 billion", "exact", True),
        ("trade was about $ 7 billion", "exact", False),
        ("trade was over $ 7 billion", "exact", False),
        ("trade was less than $ 7 billion", "at_least", False),
        ("trade was exactly $ 7 billion", "about", False),
    ],
)
def test_the_loader_compares_the_qualifier(evidence: str, qualifier: str, ok: bool) -> None:
    """A figure's qualifier is the hedge its evidence writes ("exact" passed on "about
    44 billion"), or it is declared derived."""
    text = BASE + FIGURE.replace("EVIDENCE", evidence).replace(
        'direction = "both"', f'direction = "both"\nqualifier = "{qualifier}"'
    )
    if ok:
        load_records([("mine.toml", text)], user_files=["mine.toml"])
        return
    with pytest.raises(DataError, match="qualifier") as info:
        load_records([("mine.toml", text)], user_files=["mine.toml"])
    assert [p.field for p in info.value.problems] == ["qualifier"]
    derived = text.replace(
        'direction = "both"', 'direction = "both"\nderived = { qualifier = "the sentence before" }'
    )
    load_records([("mine.toml", derived)], user_files=["mine.toml"])
