"""Every CLI view flag gives what the API gives in the same view.

``kzcn list``, ``series``, ``timeline``, ``export`` and ``plot`` against ``Table.where``,
``FigureTable.series``, ``Dataset.timeline``, ``kzcn.export.export`` and
``kzcn.plot.figure`` on ``ds`` or ``ds.resolved()``; ``kzcn search`` against
``Table.search``. Charts are compared by what they draw: every artist standing for a
record carries the record's id as its ``gid``, which an SVG keeps as an element id.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import kzcn
from kzcn.cli import main
from kzcn.dataset import Dataset

VIEWS = {"--resolved": True, "--as-stated": False}


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return kzcn.load()


def _view(ds: Dataset, resolved: bool) -> Dataset:
    return ds.resolved() if resolved else ds


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main(list(argv)) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


# --- charts -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def svg_text() -> Iterator[None]:
    """SVG text as <text> elements (not glyph paths), so a title can be read back."""
    mpl = importlib.import_module("matplotlib")
    with mpl.rc_context({"svg.fonttype": "none"}):
        yield


def _drawn(svg: str) -> set[str]:
    """The ids of the records an SVG chart draws (element ids that carry a part, such as
    ``<id>:period``, count for their record)."""
    return {g.partition(":")[0] for g in re.findall(r'<g id="([^"]+)"', svg)}


CHARTS = ("trade", "investment", "transport", "timeline", "map")


@pytest.mark.parametrize("chart", CHARTS)
def test_each_chart_draws_the_view_its_flag_names(
    chart: str, ds: Dataset, tmp_path: Path, svg_text: None, capsys: pytest.CaptureFixture[str]
) -> None:
    import matplotlib.pyplot as plt

    from kzcn.plot import figure

    drawn: dict[bool, str] = {}
    for flag, resolved in VIEWS.items():
        out = tmp_path / f"{chart}{flag}.svg"
        _json(capsys, "plot", chart, "--out", str(out), flag, "--json")
        svg = out.read_text("utf-8")
        fig = figure(ds, chart, resolved=resolved)
        try:
            ids = {g.partition(":")[0] for a in fig.findobj() if (g := a.get_gid())}
        finally:
            plt.close(fig)
        records = {r.id for t in _view(ds, resolved).tables.values() for r in t}
        # The CLI's file draws the records the API's figure of that view draws, and
        # what stands for a record is a record of that view, never one of the other.
        assert ids & records and ids & records == _drawn(svg) & records, flag
        assert not (_drawn(svg) - records) & {r.id for t in ds.tables.values() for r in t}
        words = "resolved view" if resolved else "claims view"
        assert words in svg, f"{chart} {flag}: the title does not name the {words}"
        drawn[resolved] = svg
    assert drawn[True] != drawn[False]


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_every_chart_format_the_plot_package_writes(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kzcn.plot import FORMATS

    assert fmt in FORMATS
    out = tmp_path / f"t.{fmt}"
    assert _json(capsys, "plot", "trade", "--out", str(out), "--json")["file"] == str(out)
    magic = {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF-"}[fmt]
    assert out.read_bytes().startswith(magic)


def test_a_format_no_chart_writes_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plot", "trade", "--out", str(tmp_path / "t.jpg")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ".png, .svg, .pdf, not .jpg" in err
    assert not (tmp_path / "t.jpg").exists()
