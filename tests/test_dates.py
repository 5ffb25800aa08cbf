from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzcn.dates import Period, PeriodError, Precision
from strategies import periods, units_of_time


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2019", date(2019, 1, 1), date(2019, 12, 31), Precision.YEAR),
        ("2019-H1", date(2019, 1, 1), date(2019, 6, 30), Precision.HALF),
        ("2019-H2", date(2019, 7, 1), date(2019, 12, 31), Precision.HALF),
        ("2019-Q2", date(2019, 4, 1), date(2019, 6, 30), Precision.QUARTER),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), Precision.MONTH),
        ("2021-06-29", date(2021, 6, 29), date(2021, 6, 29), Precision.DAY),
        ("2021-01/2021-04", date(2021, 1, 1), date(2021, 4, 30), Precision.MONTH),
        ("2005/2020", date(2005, 1, 1), date(2020, 12, 31), Precision.YEAR),
    ],
)
def test_parse_known_forms(text: str, start: date, end: date, precision: Precision) -> None:
    period = Period.parse(text)
    assert (period.start, period.end, period.precision) == (start, end, precision)
    assert str(period) == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "19",
        "2019-13",
        "2019-H3",
        "2019-Q5",
        "2019-02-30",
        "2020/2019",
        "2019/2020-01",
        "2019-6",
        "June 2019",
        "2019-01-01/2018-12-31",
    ],
)
def test_bad_text_is_rejected(text: str) -> None:
    with pytest.raises(PeriodError):
        Period.parse(text)


def test_unaligned_period_is_rejected() -> None:
    with pytest.raises(PeriodError):
        Period(date(2019, 1, 2), date(2019, 12, 31), Precision.YEAR)


@given(periods())
def test_text_round_trip(period: Period) -> None:
    assert Period.parse(str(period)) == period


@given(periods())
def test_start_not_after_end_and_contains_itself(period: Period) -> None:
    assert period.start <= period.end
    assert period.contains(period)
    assert period.start in period and period.end in period
    assert period.days == (period.end - period.start).days + 1


@given(
    units_of_time(Precision.YEAR),
    st.sampled_from([Precision.HALF, Precision.QUARTER, Precision.MONTH, Precision.DAY]),
    st.data(),
)
def test_finer_units_of_a_year_lie_inside_it(
    year: Period, precision: Precision, data: st.DataObject
) -> None:
    inner = data.draw(units_of_time(precision))
    assert year.contains(inner) == (inner.start.year == year.year)


@given(periods(), periods())
def test_order_is_by_start_then_end(a: Period, b: Period) -> None:
    assert (a < b) == ((a.start, a.end) < (b.start, b.end))
    assert a.overlaps(b) == b.overlaps(a)
    if a.contains(b):
        assert a.overlaps(b)


def test_periods_are_immutable_and_hashable() -> None:
    period = Period.parse("2019-H1")
    with pytest.raises(AttributeError):
        period.start = date(2000, 1, 1)  # type: ignore[misc]
    assert len({period, Period.parse("2019-H1")}) == 1


def test_range_flag() -> None:
    assert Period.parse("2021-01/2021-04").is_range
    assert not Period.parse("2021-04").is_range
