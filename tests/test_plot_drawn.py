"""Charts tested by what they draw: for each chart and each view, the drawn artists
(positions, labels, marker styles) against the records the view holds, corrected and
derived ones included; no label overlapping a marker or another label; the stamp in
the image and in the file's metadata."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

import kzcn
from kzcn.dataset import Dataset
from kzcn.plot import CHARTS, drawn_records, figure, plot, records_of, save, stamp_of
from kzcn.plot._common import (
    amount_words,
    drawn_ids,
    is_derived_date,
    is_duration,
    is_uncertain,
    period_words,
    source_name,
    without_deadline,
)
from kzcn.plot.placement import overlaps
from kzcn.records import Figure, is_derived

pytest.importorskip("matplotlib")

VIEWS = {"resolved": True, "claims": False}
SERIES = {"trade": 1e9, "investment": 1e9}
_TRANSPORT_SCALE = {"cargo": 1e6, "containers": 1e3, "freight_trains": 1.0, "container_trains": 1.0}


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return kzcn.load()


@pytest.fixture(scope="module")
def drawn(ds: Dataset) -> Iterator[dict[tuple[str, str], Any]]:
    import matplotlib.pyplot as plt

    figures = {
        (chart, view): figure(ds, chart, resolved=resolved)
        for chart in CHARTS
        for view, resolved in VIEWS.items()
    }
    yield figures
    for fig in figures.values():
        plt.close(fig)


def _view(ds: Dataset, view: str) -> Dataset:
    return ds.resolved() if view == "resolved" else ds


def _artists(fig: Any, gid: str) -> list[Any]:
    return [a for a in fig.findobj() if a.get_gid() == gid]


def _marker(fig: Any, record_id: str) -> Any:
    found = [a for a in _artists(fig, record_id) if hasattr(a, "get_marker")]
    assert len(found) == 1, f"{record_id}: {len(found)} markers"
    return found[0]


def _label(fig: Any, gid: str) -> str:
    texts = [a.get_text() for a in _artists(fig, gid) if hasattr(a, "get_text")]
    assert len(texts) == 1, f"{gid}: {len(texts)} labels"
    return str(texts[0])


def _all_text(fig: Any) -> str:
    return " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))


def _as_date(x: Any) -> date:
    mdates: Any = importlib.import_module("matplotlib.dates")
    value = mdates.num2date(x) if not isinstance(x, date) else x
    return date(value.year, value.month, value.day)


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("chart", list(CHARTS))
def test_no_label_overlaps_a_marker_or_a_label(
    drawn: dict[tuple[str, str], Any], chart: str, view: str
) -> None:
    assert overlaps(drawn[chart, view]) == []


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("chart", list(CHARTS))
def test_every_chart_is_stamped_in_the_image(
    drawn: dict[tuple[str, str], Any], ds: Dataset, chart: str, view: str
) -> None:
    fig = drawn[chart, view]
    stamp = _label(fig, "kzcn:stamp")
    assert f"data {kzcn.DATA_VERSION}" in stamp
    assert f"kzcn {kzcn.__version__}" in stamp
    assert f"{view} view" in stamp
    viewed = _view(ds, view)
    sources = {
        c.source
        for record_id in drawn_ids(fig)
        if (record := viewed.get(record_id)) is not None
        for c in getattr(record, "citations", ())
    }
    assert sources
    for source in sources:
        assert source_name(viewed, source) in stamp, (chart, source)


def _figures_drawn(ds: Dataset, chart: str) -> list[Figure]:
    if chart == "trade":
        return [
            f
            for f in ds.figures.series("trade", kind=None)
            if f.measure.value == "level" and f.amount.unit == "USD"
        ]
    if chart == "investment":
        return [
            f
            for s in ("investment", "investment_stock", "transport_investment")
            for f in ds.figures.series(s, kind=None)
            if f.measure.value == "level" and f.amount.unit == "USD"
        ]
    units = {"cargo": "tonne", "containers": "container"}
    return [
        f
        for s in _TRANSPORT_SCALE
        for f in ds.figures.series(s, kind=None)
        if f.measure.value == "level" and f.amount.unit == units.get(s, "train")
    ]


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("chart", ["trade", "investment", "transport"])
def test_each_figure_is_drawn_as_its_record_says(
    drawn: dict[tuple[str, str], Any], ds: Dataset, chart: str, view: str
) -> None:
    fig = drawn[chart, view]
    viewed = _view(ds, view)
    records = _figures_drawn(viewed, chart)
    assert drawn_ids(fig) == {f.id for f in records}
    parts = {a.get_gid() for a in fig.findobj() if a.get_gid()}
    for record in records:
        marker = _marker(fig, record.id)
        scale = SERIES.get(chart) or _TRANSPORT_SCALE[record.subject.value]
        ((x, y),) = marker.get_xydata()
        assert y == pytest.approx(float(record.amount.magnitude) / scale), record.id
        lane = without_deadline(record)
        if lane:
            assert "no deadline" in marker.axes.get_title(), record.id
            assert f"{record.id}:period" not in parts and f"{record.id}:placement" not in parts
        else:
            start = record.period.start
            end = record.period.end + timedelta(days=1)
            assert start <= _as_date(x) <= end, record.id
            # A flow lasts its period (bar); anything else falls somewhere in it (whisker).
            assert (f"{record.id}:period" in parts) == is_duration(record), record.id
            assert (f"{record.id}:placement" in parts) == (not is_duration(record)), record.id
        derived = any(is_derived(record, f) for f in ("amount", "period", "qualifier"))
        assert (marker.get_fillstyle() == "left") == derived, record.id
        hollow = marker.get_markerfacecolor() in ("white", (1.0, 1.0, 1.0, 1.0))
        assert hollow == (record.kind.value != "actual"), record.id
        label = _label(fig, f"{record.id}:text")
        assert amount_words(record.amount) in label, record.id


def test_the_goal_without_deadline_is_in_its_lane_not_on_a_year(
    drawn: dict[tuple[str, str], Any], ds: Dataset
) -> None:
    for view in VIEWS:
        fig = drawn["trade", view]
        target = _marker(fig, "xh24-trade-target")
        assert "no deadline" in target.axes.get_title()
        assert not hasattr(target.axes.xaxis.get_major_locator(), "tz")  # no time axis
    plan = ds.figures["csc22-kz-transport-investment-plan-2025"]
    assert not without_deadline(plan)  # "by 2025": the text writes the deadline
    assert without_deadline(ds.figures["xh24-trade-target"])


def test_corrected_values_are_ringed_and_their_errata_named(
    drawn: dict[tuple[str, str], Any], ds: Dataset
) -> None:
    resolution = ds.resolved().resolution
    assert resolution is not None
    for chart in CHARTS:
        fig = drawn[chart, "resolved"]
        caption = _all_text(fig)
        for record_id in drawn_ids(fig):
            thing = resolution.things.get(record_id)
            corrected = bool(thing and thing.corrections)
            ringed = bool(_artists(fig, f"{record_id}:corrected"))
            if chart == "map":
                continue  # places: no correction is drawn on a point
            assert ringed == corrected, (chart, record_id)
            for erratum in thing.corrections.values() if thing else ():
                assert erratum in caption, (chart, erratum)
        claims = drawn[chart, "claims"]
        assert not [a for a in claims.findobj() if (a.get_gid() or "").endswith(":corrected")]
    fig = drawn["trade", "resolved"]
    label = _label(fig, "zx19-trade-cn-to-kz-2019-h1:text")
    assert label.startswith("5.08 billion USD") and re.search(r"\[\d\]$", label)
    assert "zx19-h1-2019-exports-currency" in _all_text(fig)


@pytest.mark.parametrize("view", list(VIEWS))
def test_timeline_draws_each_date_at_its_precision(
    drawn: dict[tuple[str, str], Any], ds: Dataset, view: str
) -> None:
    fig = drawn["timeline", view]
    viewed = _view(ds, view)
    entries = viewed.timeline(tables=("events", "visits", "agreements", "projects"))
    assert drawn_ids(fig) == {e.record.id for e in entries}
    parts = {a.get_gid() for a in fig.findobj() if a.get_gid()}
    for entry in entries:
        rid = entry.record.id
        uncertain = is_uncertain(entry.period)
        days = (entry.period.end - entry.period.start).days + 1
        assert (f"{rid}:placement" in parts) == uncertain, rid
        assert (f"{rid}:period" in parts) == (not uncertain and days > 1), rid
        marker = _marker(fig, rid)
        assert (marker.get_fillstyle() == "left") == is_derived_date(entry.record), rid
        words = _label(fig, f"{rid}:date")
        assert words.startswith(period_words(entry.period)), rid
        assert ("derived" in words) == is_derived_date(entry.record), rid
    # The visit known only to "2019" and the summit known to 2019-01/2022-02: no bar.
    for rid in ("han-zheng-visit-kazakhstan-2019", "central-asia-china-summit-before-2022-02"):
        if rid in drawn_ids(fig):
            assert f"{rid}:period" not in parts and f"{rid}:placement" in parts


@pytest.mark.parametrize("view", list(VIEWS))
def test_map_counts_lists_areas_and_names_its_boundaries(
    drawn: dict[tuple[str, str], Any], ds: Dataset, view: str
) -> None:
    from kzcn.plot.places import AREAS, naming_counts

    fig = drawn["map", view]
    viewed = _view(ds, view)
    counts = naming_counts(viewed)
    assert counts["tacheng"] >= 2 and counts["ayagoz"] >= 2  # project and agreement
    for place in viewed.places:
        scatters = [a for a in _artists(fig, place.id) if hasattr(a, "get_offsets")]
        listed = _artists(fig, f"{place.id}:listed")
        if place.kind in AREAS and place.kind.value != "country":
            assert not scatters and listed, place.id
            assert listed[0].get_text().endswith(f": {counts[place.id]}"), place.id
        for text in _artists(fig, f"{place.id}:label"):
            assert text.get_text() == f"{place.name} ({counts[place.id]})"
    fills = {
        gid: a.get_facecolor()
        for a in fig.findobj()
        if (gid := a.get_gid()) in ("kazakhstan", "china") and hasattr(a, "get_facecolor")
    }
    assert set(fills) == {"kazakhstan", "china"} and fills["kazakhstan"] != fills["china"]
    assert "countryinfo" in _all_text(fig) and "world.geo.json" in _all_text(fig)


def test_units_read_as_people_write_them(drawn: dict[tuple[str, str], Any]) -> None:
    texts = _all_text(drawn["transport", "resolved"])
    assert "2,388 trains" in texts and "13.98 million tonnes" in texts
    assert not re.search(r"\d (train|tonne|container)\b", texts)


def test_legends_are_whole(drawn: dict[tuple[str, str], Any]) -> None:
    from kzcn.plot._common import legend_texts

    for (chart, view), fig in drawn.items():
        for text in legend_texts(fig):
            assert "…" not in text, (chart, view, text)


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_the_stamp_is_in_the_file_metadata(tmp_path: Path, ds: Dataset, fmt: str) -> None:
    out = plot(ds, "transport", tmp_path / f"t.{fmt}", resolved=False)
    if fmt == "png":
        image = importlib.import_module("PIL.Image").open(out)
        meta = dict(image.text)
        assert meta["kzcn-data-version"] == kzcn.DATA_VERSION
        assert meta["kzcn-view"] == "claims view"
        assert meta["Software"] == f"kzcn {kzcn.__version__}"
        assert "Zhang Xiao, 2019" in meta["Source"]
        return
    raw = out.read_bytes().decode("latin-1")
    assert f"data-version={kzcn.DATA_VERSION}" in raw
    assert "view=claims view" in raw
    assert f"kzcn {kzcn.__version__}" in raw
    if fmt == "svg":
        assert "<text" not in raw or "font" in raw  # written by the SVG backend itself
        assert raw.lstrip().startswith("<?xml")
    else:
        assert raw.startswith("%PDF-")


def test_stamp_of_and_drawn_records(ds: Dataset) -> None:
    import matplotlib.pyplot as plt

    fig = figure(ds, "trade")
    try:
        stamp = stamp_of(fig)
        assert stamp is not None and stamp.view == "resolved view" and stamp.chart == "trade"
    finally:
        plt.close(fig)
    records = drawn_records(ds, "trade", resolved=False)
    assert {r.id for r in records} == {f.id for f in _figures_drawn(ds, "trade")}


def test_save_writes_what_plot_writes_and_keeps_the_figure_open(
    ds: Dataset, tmp_path: Path
) -> None:
    """One drawing gives both the file and the records it shows (the docs draw each
    chart once for its image and its data table)."""
    import matplotlib.pyplot as plt

    fig = figure(ds, "trade")
    try:
        saved = save(fig, tmp_path / "saved.png")
        shown = records_of(fig, ds.resolved())
        with pytest.raises(ValueError, match=r"^saved\.txt: a chart is written as"):
            save(fig, tmp_path / "saved.txt")
    finally:
        plt.close(fig)
    plotted = plot(ds, "trade", tmp_path / "plotted.png")
    assert saved.read_bytes() == plotted.read_bytes()
    assert shown == drawn_records(ds, "trade")


def test_records_of_a_map_include_the_listed_areas(
    drawn: dict[tuple[str, str], Any], ds: Dataset
) -> None:
    records = records_of(drawn["map", "resolved"], ds.resolved())
    ids = [r.id for r in records]
    assert len(ids) == len(set(ids))
    assert {"astana", "tacheng", "central-asia", "kazakhstan", "china"} <= set(ids)
    assert set(ids) == {p.id for p in ds.resolved().places}
