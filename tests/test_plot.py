"""Charts, with the optional matplotlib extra; a clear message without it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import kzcn
from kzcn.plot import CHARTS, plot


@pytest.mark.parametrize("chart", CHARTS)
def test_each_chart_is_written(tmp_path: Path, chart: str) -> None:
    pytest.importorskip("matplotlib")
    out = plot(kzcn.load(), chart, tmp_path / f"{chart}.png")
    assert out.stat().st_size > 10_000
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_svg(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = plot(kzcn.load(), "trade", tmp_path / "trade.svg")
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_bad_chart_or_suffix(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown chart"):
        plot(kzcn.load(), "pie", tmp_path / "x.png")
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        plot(kzcn.load(), "trade", tmp_path / "x.jpg")


def test_missing_matplotlib_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=r"kzcn\[plot\]"):
        plot(kzcn.load(), "trade", tmp_path / "x.png")
    from kzcn.cli import main

    assert main(["plot", "trade", "--out", str(tmp_path / "x.png")]) == 2
    assert "kzcn[plot]" in capsys.readouterr().err
