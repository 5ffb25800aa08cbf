"""Queries through the public API."""

from __future__ import annotations

from datetime import date

import pytest

import kzcn
from kzcn.query import fold


@pytest.fixture(scope="module")
def ds() -> kzcn.Dataset:
    return kzcn.load()


def test_load_is_cached(ds: kzcn.Dataset) -> None:
    assert kzcn.load() is ds


def test_tables_and_order(ds: kzcn.Dataset) -> None:
    assert list(ds.tables) == [
        "sources",
        "people",
        "places",
        "organizations",
        "events",
        "visits",
        "agreements",
        "projects",
        "figures",
        "errata",
    ]
    assert [r.id for r in ds.visits] == [r.id for r in kzcn.load().visits]
    assert len(ds.sources) == 5


def test_getitem_get_and_close_matches(ds: kzcn.Dataset) -> None:
    assert ds.places["astana"].name == "Astana"
    assert ds.places.get("nowhere") is None
    with pytest.raises(KeyError, match="did you mean 'astana'"):
        ds.places["astanaa"]
    assert ds["astana"] is ds.places["astana"]
    assert ds.get("nope") is None


def test_lookup_by_alias_case_and_accents(ds: kzcn.Dataset) -> None:
    astana = ds.places["astana"]
    assert ds.places.lookup("Nur-Sultan") is astana
    assert ds.places.lookup("nur sultan") is astana
    assert ds.places.lookup("ASTANA") is astana
    assert ds.people.lookup("Kassymzhomart Tokayev").id == "tokayev"
    assert ds.people.lookup("K.K. Tokayev").id == "tokayev"
    assert fold("Xi’an") == fold("xi’an")
    assert fold("Almatý") == "almaty"
    with pytest.raises(KeyError, match="no record named"):
        ds.places.lookup("Atlantis")


def test_lookup_is_date_aware(ds: kzcn.Dataset) -> None:
    assert ds.places.lookup("Nur-Sultan", at="2020").id == "astana"
    assert ds.places.search("Nur-Sultan", at=date(2023, 1, 1)) == ()
    assert ds.places["astana"].name_at(date(2020, 6, 1)) == "Nur-Sultan"
    assert ds.places["astana"].name_at(date(2018, 6, 1)) == "Astana"
    assert ds.places["astana"].name_at(date(2024, 6, 1)) == "Astana"


def test_where_by_enum_value_and_tuple_membership(ds: kzcn.Dataset) -> None:
    state = ds.visits.where(kind="state")
    assert state
    assert all(v.kind.value == "state" for v in state)
    assert len(ds.visits.where(kind=state[state.ids[0]].kind)) == len(state)
    with_xi = ds.visits.where(people="xi-jinping")
    assert all("xi-jinping" in v.people for v in with_xi)
    with pytest.raises(TypeError, match="no field"):
        ds.visits.where(colour="red")


def test_between_and_by_source(ds: kzcn.Dataset) -> None:
    in_2023 = ds.agreements.between("2023", "2023")
    assert len(in_2023) >= 5
    assert all(a.date is not None and a.date.year == 2023 for a in in_2023)
    cited = ds.figures.by_source("2023-beijing-belt-and-road-meeting")
    assert "br23-joint-projects-2023" in cited


def test_involving(ds: kzcn.Dataset) -> None:
    signed = ds.agreements.involving("tokayev-belt-and-road-forum-2023-10")
    assert len(signed) == 5


def test_series_is_time_ordered(ds: kzcn.Dataset) -> None:
    series = ds.figures.series("joint_projects")
    assert [f.period for f in series] == sorted(f.period for f in series)
    assert all(f.subject is kzcn.Subject.JOINT_PROJECTS for f in series)


def test_timeline_merges_in_date_order(ds: kzcn.Dataset) -> None:
    entries = ds.timeline()
    assert [e.period for e in entries] == sorted(e.period for e in entries)
    assert {e.table for e in entries} >= {"visits", "agreements"}
    with_xi = ds.timeline("2022", "2024", person="xi-jinping")
    assert with_xi and all("xi-jinping" in e.record.people for e in with_xi)  # type: ignore[union-attr]


def test_figure_contract(ds: kzcn.Dataset) -> None:
    from kzcn.units import registry

    figure = ds.figures["br23-joint-projects-value-2023"]
    assert figure.quantity.magnitude == pytest.approx(21e9)
    assert figure.quantity._REGISTRY is registry()
    assert isinstance(figure.period.start, date) and isinstance(figure.period.end, date)
    assert figure.qualifier is kzcn.Qualifier.EXACT
    assert figure.kind is kzcn.FigureKind.ACTUAL


def test_versions() -> None:
    assert kzcn.__version__
    assert kzcn.DATA_VERSION[:4].isdigit()


def test_search_is_a_folded_substring_match(ds: kzcn.Dataset) -> None:
    assert "astana" in {p.id for p in ds.places.search("nur")}
    assert "astana" in {p.id for p in ds.places.search("NUR-sultan")}
    assert ds.places.search("") == ()
    # Only names in force on the day count when ``at`` is given.
    assert "astana" in {p.id for p in ds.places.search("Nur-Sultan", at="2021-06")}
    assert "astana" not in {p.id for p in ds.places.search("Nur-Sultan", at="2024")}


def test_every_date_argument_accepts_period_text(ds: kzcn.Dataset) -> None:
    from kzcn.dates import Period

    capital = ds.places["astana"]
    assert capital.name_at("2021-06") == capital.name_at(Period.parse("2021-06")) == "Nur-Sultan"
    assert capital.names(at="2024") == capital.names(at=Period.parse("2024").start)
    with pytest.raises(ValueError, match="month"):
        capital.name_at("2021-13")


def test_summary_spans_only_stated_dates(ds: kzcn.Dataset) -> None:
    """A derived end (thirty years from 2022) is no date a text states."""
    summary = ds.summary()
    assert summary["first"] == "1992-01-01"
    assert summary["last"] < "2030"
