from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given

from kzcn.units import Amount, AmountError, dimension_of, format_dimension, registry
from strategies import amounts


@given(amounts)
def test_amount_text_round_trip(amount: Amount) -> None:
    assert Amount.parse(str(amount)) == amount


@given(amounts)
def test_resolution_is_one_step_of_the_last_digit(amount: Amount) -> None:
    assert amount.resolution > 0
    assert (amount.magnitude / amount.resolution) % 1 == 0


def test_stated_precision_is_kept() -> None:
    amount = Amount.parse("19.885 billion USD")
    assert amount.magnitude == Decimal("19885000000")
    assert amount.resolution == Decimal("1000000")
    assert str(amount) == "19.885 billion USD"


def test_thousands_separators_are_read() -> None:
    assert Amount.parse("2,388 train").magnitude == 2388


@pytest.mark.parametrize(
    "text", ["", "USD", "19.885", "5 ton", "five USD", "3 billion", "1e9 USD", "12 % "]
)
def test_bad_amounts(text: str) -> None:
    with pytest.raises(AmountError):
        Amount.parse(text)


def test_no_short_ton_in_the_registry() -> None:
    reg = registry()
    assert "tonne" in reg
    assert "ton" not in reg
    assert Amount.parse("13.98 million tonne").quantity.to("kilogram").magnitude == pytest.approx(
        13.98e9
    )


def test_currencies_are_separate_dimensions() -> None:
    import pint

    usd = Amount.parse("5.08 billion USD").quantity
    rub = Amount.parse("5.08 billion RUB").quantity
    with pytest.raises(pint.DimensionalityError):
        usd.to("RUB")
    assert usd.dimensionality != rub.dimensionality
    assert dimension_of("USD") != dimension_of("RUB")


def test_counted_things_do_not_mix() -> None:
    import pint

    with pytest.raises(pint.DimensionalityError):
        Amount.parse("900 thousand container").quantity + Amount.parse("2388 train").quantity


def test_percent_and_compound_units() -> None:
    assert Amount.parse("9.2 percent").quantity.to("dimensionless").magnitude == pytest.approx(
        0.092
    )
    assert format_dimension(dimension_of("tonne/year")) == "[mass]/[time]"
    assert Amount.parse("5 MW").quantity.to("kW").magnitude == pytest.approx(5000)


def test_registry_is_built_once() -> None:
    assert registry() is registry()
