"""The checks of ranks, filing and derivations: what they must not flag, and what they must."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kzcn
from kzcn.checks import run_checks
from kzcn.checks.derivations import contradiction, quoted_clauses
from kzcn.checks.filing import counter_label
from kzcn.records import Derivation
from kzcn.tests.mutations import _new_figure
from kzcn.vocabulary import Qualifier


@pytest.fixture(scope="module")
def ds() -> kzcn.Dataset:
    return kzcn.load()


MAIN = "zx19-china-investment-source-rank-2019"


def _ranks(ds: kzcn.Dataset, amount: str, period: str, qualifier: Qualifier) -> list[str]:
    rival = _new_figure(
        ds, "t-rank", MAIN, amount, period=kzcn.Period.parse(period), qualifier=qualifier
    )
    found = run_checks(ds.evolve(rival), only=["rank-conflict"])
    return [r for f in found for r in f.records]


def test_a_hedged_rank_holds_with_a_place_inside_it(ds: kzcn.Dataset) -> None:
    # "entered the top four" (up to 4) and "the main source" (1st) can both hold.
    assert _ranks(ds, "4 rank", "2019-06", Qualifier.UP_TO) == []


def test_two_places_in_overlapping_periods_conflict(ds: kzcn.Dataset) -> None:
    assert set(_ranks(ds, "3 rank", "2019-06", Qualifier.EXACT)) == {MAIN, "t-rank"}
    assert set(_ranks(ds, "2 rank", "2018/2020", Qualifier.EXACT)) == {MAIN, "t-rank"}


def test_places_of_periods_apart_do_not_conflict(ds: kzcn.Dataset) -> None:
    assert _ranks(ds, "3 rank", "2023-12", Qualifier.EXACT) == []


def test_ranks_of_other_measures_are_not_compared(ds: kzcn.Dataset) -> None:
    rival = _new_figure(ds, "t-rank", MAIN, "3 rank", period=kzcn.Period.parse("2019-06"))
    other = attrs.evolve(rival, direction=kzcn.Direction.KZ_TO_CN)
    assert not run_checks(ds.evolve(other), only=["rank-conflict"])


def test_a_project_with_a_chinese_organisation_is_bilateral(ds: kzcn.Dataset) -> None:
    # The Bank of China's branch in Nur-Sultan: one party, a Chinese bank, in Astana.
    assert ds.projects["boc-branch-nur-sultan"].parties == ("bank-of-china",)
    found = run_checks(ds, only=["project-parties"])
    assert "boc-branch-nur-sultan" not in {r for f in found for r in f.records}


def test_a_project_naming_no_party_is_not_judged(ds: kzcn.Dataset) -> None:
    project = ds.projects["confucius-institutes-kazakhstan"]
    assert project.parties == () and project.agreements == ()
    found = run_checks(ds, only=["project-parties"])
    assert project.id not in {r for f in found for r in f.records}


def test_a_chinese_only_project_is_not_bilateral(ds: kzcn.Dataset) -> None:
    plant = ds.projects["china-donated-wind-power-plant"]
    broken = attrs.evolve(plant, parties=("china",), location=None)
    found = run_checks(ds.evolve(broken), only=["project-parties"])
    assert any(f.records == (plant.id,) for f in found)


@pytest.mark.parametrize(
    "evidence",
    ["Number of shows: 3184", "number of views 12", "Views: 120", "Page views: 7"],
)
def test_counter_labels_are_found(evidence: str) -> None:
    assert counter_label(evidence) is not None


@pytest.mark.parametrize(
    "evidence",
    [
        "Xi Jinping's visits 2019 and 2022",
        "shared their vision on the current international and regional agenda",
        "the number of Kazakhstani students studying in China",
        "exchange views on 3 issues",
    ],
)
def test_ordinary_sentences_are_not_counters(evidence: str) -> None:
    assert counter_label(evidence) is None


def test_quoted_clauses_skip_apostrophes() -> None:
    rule = "the month of Xi Jinping's visit 'in September 2022', during which the authors' plan"
    assert quoted_clauses(rule) == ["in September 2022"]


@pytest.mark.parametrize(
    ("clause", "period", "stated"),
    [
        ("in April", "2019-05", "April"),
        ("in September 2022", "2022-02", "September"),
        ("In 2019, the culmination", "2018", "2019"),
        ("in April", "2019-04", None),
        ("in June this year", "2022", None),
        ("from January to June of this year", "2019-H1", None),
        ("/October 2023, Beijing/", "2023-10", None),
        ("202202/t20220205", "2022-09", None),
        ("by 2025", "2019/2025", None),
    ],
)
def test_contradiction(clause: str, period: str, stated: str | None) -> None:
    assert contradiction(clause, kzcn.Period.parse(period)) == stated


@given(st.integers(1900, 2099), st.integers(1, 12))
def test_a_clause_never_contradicts_its_own_month(year: int, month: int) -> None:
    import calendar

    clause = f"in {calendar.month_name[month]} {year}"
    assert contradiction(clause, kzcn.Period.parse(f"{year}-{month:02d}")) is None


def test_a_rule_computing_outside_its_quotes_is_not_flagged(ds: kzcn.Dataset) -> None:
    visit = ds.visits["xi-visit-kazakhstan-2013"]
    rule = "2019 - 6 ('six years ago' in a text of 2019)"
    changed = attrs.evolve(visit, derived=(Derivation("date", rule),))
    assert not run_checks(ds.evolve(changed), only=["derived-clause"])


def test_the_resolved_view_has_no_derived_clause_finding(ds: kzcn.Dataset) -> None:
    assert not run_checks(ds.resolved(), only=["derived-clause"])


def test_adjacent_places_share_no_whole_place() -> None:
    from kzcn.checks.ranks import places_agree
    from kzcn.intervals import interval_of
    from kzcn.units import Amount

    first, second = (interval_of(Amount.parse(f"{k} rank")) for k in (1, 2))
    assert first.overlaps(second)  # the bounds touch at 1.5
    assert not places_agree(first, second)
    top_four = interval_of(Amount.parse("4 rank"), Qualifier.UP_TO)
    assert places_agree(first, top_four)


def test_adjacent_places_of_one_period_conflict_once(ds: kzcn.Dataset) -> None:
    rival = _new_figure(ds, "t-rank", MAIN, "2 rank")
    found = run_checks(ds.evolve(rival), only=["rank-conflict", "same-measure-conflict"])
    mine = [(f.check, set(f.records)) for f in found if "t-rank" in f.records]
    assert mine == [("rank-conflict", {MAIN, "t-rank"})]


def test_many_ranks_of_one_period_that_agree_find_nothing(ds: kzcn.Dataset) -> None:
    ranks = [
        _new_figure(ds, f"t-rank-{k}", MAIN, "4 rank", qualifier=Qualifier.UP_TO)
        for k in range(300)
    ]
    assert not run_checks(ds.evolve(*ranks), only=["rank-conflict"])


def test_a_rank_without_a_whole_place_is_not_paired_with_itself(ds: kzcn.Dataset) -> None:
    odd = _new_figure(ds, "t-rank", MAIN, "1.5 rank", period=kzcn.Period.parse("2010"))
    found = run_checks(ds.evolve(odd), only=["rank-conflict"])
    assert all(len(set(f.records)) == 2 for f in found)
