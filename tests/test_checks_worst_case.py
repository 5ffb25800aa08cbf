"""Checks in their worst case: many records of one group give one finding naming them,
not one finding per pair (the output, and the time, stay near-linear).

Each property compares a check's findings with the pairwise definition of what it
catches, computed here by brute force on small inputs.
"""

from __future__ import annotations

import itertools

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kzcn
from kzcn.checks import run_checks
from kzcn.checks.base import value_of
from kzcn.dates import Period
from kzcn.records import Alias, Citation, Figure, Visit
from kzcn.units import Amount
from kzcn.vocabulary import Qualifier, VisitKind, VisitStatus

SLOW = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def ds() -> kzcn.Dataset:
    return kzcn.load()


def _figures(ds: kzcn.Dataset, values: list[tuple[int, Qualifier]]) -> list[Figure]:
    """Figures of one measure, period and source (a period no shipped figure has)."""
    template = ds.figures["zx19-trade-2018"]
    return [
        attrs.evolve(
            template,
            id=f"wc-figure-{n}",
            amount=Amount.parse(f"{value} billion USD"),
            qualifier=qualifier,
            period=Period.parse("2031"),
            part_of=None,
        )
        for n, (value, qualifier) in enumerate(values)
    ]


@SLOW
@given(st.lists(st.tuples(st.integers(1, 40), st.sampled_from(Qualifier)), min_size=2, max_size=12))
def test_same_measure_conflict_names_each_contradicted_figure_once(
    ds: kzcn.Dataset, values: list[tuple[int, Qualifier]]
) -> None:
    figures = _figures(ds, values)
    found = run_checks(ds.evolve(*figures), only=["same-measure-conflict"])
    mine = [f for f in found if any(r.startswith("wc-") for r in f.records)]
    disjoint = {
        f.id
        for a, b in itertools.combinations(figures, 2)
        if not value_of(a).overlaps(value_of(b))
        for f in (a, b)
    }
    assert len(mine) == (1 if disjoint else 0)
    if disjoint:
        assert mine[0].records == tuple(f.id for f in figures if f.id in disjoint)


def test_same_measure_conflict_reports_a_large_group_once(ds: kzcn.Dataset) -> None:
    # 400 figures, two values: 40,000 disjoint pairs, one group.
    figures = _figures(ds, [(10 + 10 * (n % 2), Qualifier.EXACT) for n in range(400)])
    found = run_checks(ds.evolve(*figures), only=["same-measure-conflict"])
    mine = [f for f in found if any(r.startswith("wc-") for r in f.records)]
    assert len(mine) == 1
    assert set(mine[0].records) == {f.id for f in figures}
    assert "400 figures" in mine[0].message


def _period(unit: tuple[int, int]) -> Period:
    """A day (month, day) or a whole month (month, 0) of 2031."""
    month, day = unit
    return Period.parse(f"2031-{month:02d}-{day:02d}" if day else f"2031-{month:02d}")


def _visits(ds: kzcn.Dataset, spans: list[tuple[tuple[int, int], VisitKind]]) -> list[Visit]:
    """Held visits of the same people and host in 2031."""
    template = next(v for v in ds.visits if v.status is VisitStatus.HELD and v.same_as is None)
    return [
        attrs.evolve(
            template,
            id=f"wc-visit-{n}",
            people=("wc-nobody", "wc-somebody"),
            date=_period(unit),
            kind=kind,
            agreements=(),
            ordinal=None,
        )
        for n, (unit, kind) in enumerate(spans)
    ]


def _overlap(a: Visit, b: Visit) -> bool:
    return a.date.start <= b.date.end and b.date.start <= a.date.end


units = st.tuples(st.integers(1, 3), st.sampled_from([0, 1, 2, 15]))


@SLOW
@given(st.lists(st.tuples(units, st.sampled_from(VisitKind)), min_size=2, max_size=10))
def test_visit_kind_conflict_names_each_conflicting_visit_once(
    ds: kzcn.Dataset, spans: list[tuple[tuple[int, int], VisitKind]]
) -> None:
    visits = _visits(ds, spans)
    found = run_checks(ds.evolve(*visits), only=["visit-kind-conflict"])
    mine = [f for f in found if any(r.startswith("wc-") for r in f.records)]
    pairs = [
        (a.id, b.id)
        for a, b in itertools.combinations(visits, 2)
        if _overlap(a, b) and a.kind is not b.kind
    ]
    named = [r for f in mine for r in f.records]
    assert len(named) == len(set(named))  # each visit in one finding at most
    assert set(named) == {r for pair in pairs for r in pair}
    for a, b in pairs:  # a conflicting pair is reported together
        assert any({a, b} <= set(f.records) for f in mine)


def test_visit_kind_conflict_reports_a_large_group_once(ds: kzcn.Dataset) -> None:
    kinds = [VisitKind.STATE, VisitKind.OFFICIAL]
    visits = _visits(ds, [((1, 1), kinds[n % 2]) for n in range(300)])
    found = run_checks(ds.evolve(*visits), only=["visit-kind-conflict"])
    mine = [f for f in found if any(r.startswith("wc-") for r in f.records)]
    assert len(mine) == 1 and len(mine[0].records) == 300


def test_meeting_ordinal_names_a_few_earlier_meetings(ds: kzcn.Dataset) -> None:
    # 84 meetings all called the second: each finding names at most ten earlier ones.
    visits = [
        attrs.evolve(v, ordinal=2)
        for v in _visits(ds, [((1 + n // 28 % 3, 1 + n % 28), VisitKind.STATE) for n in range(84)])
    ]
    found = run_checks(ds.evolve(*visits), only=["meeting-ordinal"])
    mine = [f for f in found if f.records[0].startswith("wc-")]
    assert len(mine) == 84 - 1  # only the second one is right
    assert max(len(f.records) for f in mine) == 1 + 10
    assert "83 earlier meetings" in mine[-1].message


def test_same_as_loop_is_reported_once(ds: kzcn.Dataset) -> None:
    visits = _visits(ds, [((1, 0), VisitKind.STATE)] * 300)
    loop = [
        attrs.evolve(v, same_as=f"wc-visit-{(n + 1) % len(visits)}") for n, v in enumerate(visits)
    ]
    found = run_checks(ds.evolve(*loop), only=["same-as"])
    assert len(found) == 1
    assert set(found[0].records) == {v.id for v in visits}


names = st.text("abAB", min_size=1, max_size=4)


@SLOW
@given(
    st.lists(st.tuples(names, st.integers(2000, 2030)), min_size=1, max_size=40),
    st.lists(st.text("abAB x", max_size=30).map(lambda t: f"x{t}x"), min_size=1, max_size=3),
    st.integers(2000, 2030),
)
def test_name_in_force_finds_what_the_names_in_force_say(
    ds: kzcn.Dataset, dated: list[tuple[str, int]], quotes: list[str], year: int
) -> None:
    # A place with many dated names (more than are looked for one by one), and a visit
    # quoting some of them: the findings are the dated names quoted and not in force.
    astana = ds.places["astana"]
    aliases = tuple(
        Alias(name, start=Period.parse(str(y)), end=Period.parse(str(y))) for name, y in dated
    )
    place = attrs.evolve(astana, aliases=(*astana.aliases, *aliases))
    visit = next(v for v in ds.visits if v.place == "astana" or v.host == "astana")
    quoting = attrs.evolve(
        visit,
        date=Period.parse(str(year)),
        citations=tuple(Citation(visit.citations[0].source, q) for q in quotes),
    )
    found = run_checks(ds.evolve(place, quoting), only=["name-in-force"])
    mine = [f.message for f in found if f.records[0] == visit.id]
    day = quoting.date
    in_force = set(place.names(day.start)) | set(place.names(day.end))
    stale = sorted({a.name for a in place.aliases if a.start or a.end} - in_force)
    expected = [
        f"quotes Astana as {n!r}, a name not in force on {day.start}"
        for q in quotes
        for n in stale
        if n in q
    ]
    assert mine == expected
