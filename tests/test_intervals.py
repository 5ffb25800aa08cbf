"""Interval arithmetic: containment of every point result, and qualifier semantics."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kzcn.intervals import ALMOST_FLOOR, MORE_THAN_CEILING, Interval, growth, interval_of, share
from kzcn.units import Amount
from kzcn.vocabulary import Qualifier

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@st.composite
def interval_and_point(draw: st.DrawFn) -> tuple[Interval, float]:
    a, b = sorted((draw(finite), draw(finite)))
    t = draw(st.floats(min_value=0, max_value=1))
    return Interval(a, b), min(max(a + (b - a) * t, a), b)


@given(interval_and_point(), interval_and_point())
def test_sum_and_difference_contain_point_results(
    x: tuple[Interval, float], y: tuple[Interval, float]
) -> None:
    (i, p), (j, q) = x, y
    assert (i + j).contains(p + q)
    assert (i - j).contains(p - q)


@given(interval_and_point(), interval_and_point())
def test_product_and_ratio_contain_point_results(
    x: tuple[Interval, float], y: tuple[Interval, float]
) -> None:
    (i, p), (j, q) = x, y
    assert (i * j).contains(p * q)
    if q != 0:
        result = p / q
        assume(math.isfinite(result))
        assert (i / j).contains(result)


@given(interval_and_point(), interval_and_point())
def test_growth_and_share_contain_point_results(
    x: tuple[Interval, float], y: tuple[Interval, float]
) -> None:
    (i, p), (j, q) = x, y
    assume(q != 0)
    assume(math.isfinite(p / q) and abs(p / q) < 1e12)
    assert growth(i, j).contains((p / q - 1) * 100)
    assert share(i, j).contains(p / q * 100)


@given(
    st.decimals(min_value=Decimal("0.001"), max_value=Decimal("99999"), places=3),
    st.sampled_from(Qualifier),
)
def test_stated_value_is_inside_its_interval(value: Decimal, qualifier: Qualifier) -> None:
    interval = interval_of(Amount(value, "USD"), qualifier)
    assert interval.contains(float(value))


def test_exact_interval_is_half_a_step_each_side() -> None:
    interval = interval_of(Amount.parse("19.885 billion USD"))
    assert interval.lo == pytest.approx(19.8845e9)
    assert interval.hi == pytest.approx(19.8855e9)


def test_about_is_wider_than_exact() -> None:
    about = interval_of(Amount.parse("9.5 billion USD"), Qualifier.ABOUT)
    exact = interval_of(Amount.parse("9.5 billion USD"))
    assert about.contains(exact)
    assert about.width > exact.width


def test_more_than_and_up_to() -> None:
    more = interval_of(Amount.parse("25 billion USD"), Qualifier.MORE_THAN)
    assert more.lo < 25e9 < more.hi == pytest.approx(25.5e9 * MORE_THAN_CEILING)
    up_to = interval_of(Amount.parse("15 percent"), Qualifier.UP_TO)
    assert up_to.lo == pytest.approx(0)
    assert up_to.hi == pytest.approx(15.5)
    almost = interval_of(Amount.parse("30 percent"), Qualifier.ALMOST)
    assert almost.lo == pytest.approx(29.5 * ALMOST_FLOOR)


def test_division_by_interval_around_zero_is_unbounded() -> None:
    assert (Interval(1, 2) / Interval(-1, 1)).width == math.inf


def test_bad_interval() -> None:
    with pytest.raises(ValueError):
        Interval(2, 1)
