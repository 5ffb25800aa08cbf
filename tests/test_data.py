"""Well-known facts of each source, pinned through the public query API."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import kzcn
from kzcn.datadoc import render
from kzcn.tests.checkdoc import render_checks
from kzcn.vocabulary import Direction, FigureKind, Measure, Qualifier, Subject

Z19 = "2019-zhang-xiao-bulletin-of-diplomacy"
K21 = "2021-konovalov-new-eastern-outlook"
C22 = "2022-china-studies-centre-olympic-talks"
B23 = "2023-beijing-belt-and-road-meeting"
X24 = "2024-tokayev-xinhua-interview"


@pytest.fixture(scope="module")
def ds() -> kzcn.Dataset:
    return kzcn.load()


def _one(ds: kzcn.Dataset, subject: str, period: str, source: str, **kw: object) -> kzcn.Figure:
    found = [
        f
        for f in ds.figures.series(subject, source=source, kind=kw.pop("kind", "actual"))  # type: ignore[arg-type]
        if str(f.period) == period and all(getattr(f, k) == v for k, v in kw.items())
    ]
    assert len(found) == 1, [f.id for f in found]
    return found[0]


def test_every_source_contributes(ds: kzcn.Dataset) -> None:
    for source in ds.sources:
        cited = ds.citing(source.id)
        assert cited >= 20, source.id


def test_trade_2018_and_2019_h1(ds: kzcn.Dataset) -> None:
    trade = _one(ds, "trade", "2018", Z19, direction=Direction.BOTH)
    assert trade.amount.magnitude == Decimal("19.885e9")
    exports = _one(ds, "trade", "2018", Z19, direction=Direction.KZ_TO_CN)
    assert exports.part_of == trade.id
    h1 = _one(ds, "trade", "2019-H1", Z19, direction=Direction.BOTH)
    assert h1.amount.magnitude == Decimal("9.53e9")


def test_rubles_kept_as_stated_with_erratum(ds: kzcn.Dataset) -> None:
    figure = _one(ds, "trade", "2019-H1", Z19, direction=Direction.CN_TO_KZ)
    assert figure.amount.unit == "RUB"
    errata = ds.errata.where(record=figure.id)
    assert errata
    assert "USD" in errata[errata.ids[0]].reading


def test_trade_2023_record_and_target(ds: kzcn.Dataset) -> None:
    trade = _one(ds, "trade", "2023", X24, direction=Direction.BOTH)
    assert trade.amount.magnitude == Decimal("41e9")
    target = list(ds.figures.series("trade", kind="target", direction="both"))
    assert [str(f.amount) for f in target] == ["100 billion USD"]
    assert target[0].qualifier is Qualifier.UP_TO


def test_joint_projects_2019_and_2023(ds: kzcn.Dataset) -> None:
    assert str(_one(ds, "joint_projects", "2019", Z19).amount) == "55 project"
    assert str(_one(ds, "joint_projects", "2023-10", B23).amount) == "52 project"
    value = _one(ds, "joint_projects_value", "2019", Z19)
    assert (str(value.amount), value.qualifier) == ("27.4 billion USD", Qualifier.MORE_THAN)


def test_containers_2020(ds: kzcn.Dataset) -> None:
    containers = _one(ds, "containers", "2020", K21)
    assert containers.quantity.magnitude == pytest.approx(900_000)
    assert containers.qualifier is Qualifier.ABOUT
    share = [f for f in ds.figures.where(measure="share") if f.base == containers.id]
    assert [str(f.amount) for f in share] == ["90 percent"]


def test_students_by_year_and_source(ds: kzcn.Dataset) -> None:
    series = ds.figures.series("students", direction="kz_to_cn")
    assert [(str(f.period), f.citations[0].source) for f in series] == [
        ("2019", Z19),
        ("2021-06", K21),
    ]


def test_olympic_trip_is_third_meeting(ds: kzcn.Dataset) -> None:
    trips = ds.visits.by_source(C22).where(kind="working")
    assert [(str(v.date), v.ordinal) for v in trips] == [("2022-02", 3)]


def test_october_2023_documents(ds: kzcn.Dataset) -> None:
    signed = ds.agreements.between("2023-10", "2023-10").where(status="signed")
    assert len(signed) == 5
    assert {a.visit for a in signed} == {"tokayev-belt-and-road-forum-2023-10"}


def test_every_subject_has_its_dimension(ds: kzcn.Dataset) -> None:
    for figure in ds.figures:
        assert figure.unit_problem() is None, figure.id
        if figure.measure is Measure.LEVEL and figure.subject is not Subject.OTHER:
            assert figure.subject.accepts(figure.amount.dimension)


def test_every_subject_has_a_description() -> None:
    for subject in Subject:
        assert subject.description
        assert subject.dimension is None or subject.dimension


def test_kinds_present(ds: kzcn.Dataset) -> None:
    kinds = {f.kind for f in ds.figures}
    assert {FigureKind.ACTUAL, FigureKind.TARGET, FigureKind.PLAN, FigureKind.FORECAST} <= kinds


def test_capital_resolves_across_names(ds: kzcn.Dataset) -> None:
    for name in ("Astana", "Nur-Sultan", "astana"):
        assert ds.places.lookup(name).id == "astana"


def test_data_docs_match_the_code(ds: kzcn.Dataset) -> None:
    page = Path(__file__).resolve().parent.parent / "docs" / "data.md"
    assert page.read_text(encoding="utf-8") == render(ds), (
        "docs/data.md is stale: run python -m kzcn.datadoc > docs/data.md"
    )


def test_checks_docs_match_the_code(ds: kzcn.Dataset) -> None:
    page = Path(__file__).resolve().parent.parent / "docs" / "checks.md"
    assert page.read_text(encoding="utf-8") == render_checks(ds), (
        "docs/checks.md is stale: run python -m kzcn.tests.checkdoc > docs/checks.md"
    )
