"""Charts of the data with the optional matplotlib extra (``pip install "kzcn[plot]"``).

Every point is drawn at the middle of its period, with a horizontal bar spanning the
period (so a half-year is not read as a year) and a vertical bar spanning the interval
its precision and qualifier allow (so "more than 5 billion" shows its open side).
Targets, plans and forecasts are hollow markers on dashed lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .intervals import interval_of
from .records import Figure
from .vocabulary import Direction, FigureKind, Measure

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = ["CHARTS", "plot"]

CHARTS = ("trade", "investment", "transport", "timeline")
_DIRECTION_LABEL = {
    Direction.BOTH: "turnover",
    Direction.KZ_TO_CN: "Kazakhstan → China",
    Direction.CN_TO_KZ: "China → Kazakhstan",
    Direction.TRANSIT: "transit",
    None: "",
}


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise ImportError('plotting needs matplotlib: pip install "kzcn[plot]"') from None
    matplotlib.use("Agg")  # files only: no window, works on servers and in CI
    import matplotlib.pyplot as plt

    return plt


def _middle(figure: Figure) -> date:
    return figure.period.start + (figure.period.end - figure.period.start) / 2


def _draw_series(ax: Any, figures: Iterable[Figure], scale: float, unit: str) -> None:
    """One point per figure; colour by direction, marker by source, hollow if not actual."""
    figures = list(figures)
    sources = sorted({f.citations[0].source for f in figures})
    markers = dict(zip(sources, "osD^vP*X", strict=False))
    colours = {d: f"C{i}" for i, d in enumerate(_DIRECTION_LABEL)}
    seen: set[str] = set()
    for figure in sorted(figures, key=lambda f: f.period):
        if figure.measure is not Measure.LEVEL or figure.amount.unit != unit:
            continue
        value = interval_of(figure.amount, figure.qualifier)
        mid = float(figure.amount.magnitude) / scale
        lo, hi = max(value.lo / scale, 0.0), value.hi / scale
        x = _middle(figure)
        half = (figure.period.end - figure.period.start) / 2 + timedelta(days=1) / 2
        actual = figure.kind is FigureKind.ACTUAL
        source = figure.citations[0].source
        what = _DIRECTION_LABEL[figure.direction] or figure.subject.value.replace("_", " ")
        if figure.direction is Direction.BOTH and figure.subject.value != "trade":
            what = "both directions"
        elif figure.direction is None and figure.refers_to:
            what = f"{what} at {figure.refers_to}"
        label = f"{what}, source {source[:4]}" + ("" if actual else f" ({figure.kind.value})")
        colour = colours[figure.direction]
        if actual:
            ax.errorbar(
                [x],
                [mid],
                yerr=[[mid - lo], [hi - mid]],
                xerr=[[half], [half]],
                fmt=markers.get(source, "o"),
                color=colour,
                capsize=3,
                label=None if label in seen else label,
            )
        else:
            # A goal is a level to reach, not a measurement: a dashed line, no error bar.
            ax.hlines(mid, figure.period.start, figure.period.end, colors=colour, linestyles="--")
            ax.plot(
                [x],
                [mid],
                markers.get(source, "o"),
                color=colour,
                mfc="white",
                label=None if label in seen else label,
            )
        seen.add(label)
        tag = figure.qualifier.value.replace("_", " ") if figure.qualifier.value != "exact" else ""
        if not actual:
            tag = (tag + " " + figure.kind.value).strip()
        if figure.period.precision.value != "year" or figure.period.is_range:
            tag = (tag + f" {figure.period}").strip()
        if tag:
            ax.annotate(tag, (x, mid), textcoords="offset points", xytext=(6, 6), fontsize=7)


def _trade(ds: Dataset, plt: Any) -> Any:
    fig, ax = plt.subplots(figsize=(9, 5))
    figures = ds.figures.series("trade", kind=None)
    _draw_series(ax, figures, 1e9, "USD")
    other = sum(1 for f in figures if f.amount.unit != "USD" and f.measure is Measure.LEVEL)
    note = f"; {other} figure(s) stated in another currency not drawn" if other else ""
    ax.set_title(f"Kazakhstan–China trade by source (billion USD{note})", fontsize=10)
    ax.set_ylabel("billion USD (bars: stated precision and hedge)")
    ax.legend(fontsize=7, loc="upper left")
    return fig


def _investment(ds: Dataset, plt: Any) -> Any:
    fig, ax = plt.subplots(figsize=(9, 5))
    figures = [
        *ds.figures.series("investment", kind=None),
        *ds.figures.series("investment_stock", kind=None),
        *ds.figures.series("transport_investment", kind=None),
    ]
    _draw_series(ax, figures, 1e9, "USD")
    ax.set_title("Investment between Kazakhstan and China (billion USD)")
    ax.set_ylabel("billion USD; horizontal bars span the period covered")
    ax.legend(fontsize=7, loc="upper left")
    return fig


def _transport(ds: Dataset, plt: Any) -> Any:
    panels = [
        ("cargo", 1e6, "tonne", "cargo (million tonnes)"),
        ("containers", 1e3, "container", "containers (thousand)"),
        ("freight_trains", 1.0, "train", "freight trains"),
        ("container_trains", 1.0, "train", "container trains"),
    ]
    fig, axes = plt.subplots(2, 2, figsize=(10, 7))
    for ax, (subject, scale, unit, title) in zip(axes.flat, panels, strict=True):
        _draw_series(ax, ds.figures.series(subject, kind=None), scale, unit)
        ax.set_title(title, fontsize=10)
        ax.set_ylim(bottom=0, top=max(ax.get_ylim()[1], 1.0) * 1.15)
        ax.tick_params(labelsize=7)
        ax.tick_params(axis="x", labelrotation=30)  # each panel keeps its own dates
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=6)
    fig.suptitle("Transport and transit")
    fig.tight_layout()
    return fig


def _timeline(ds: Dataset, plt: Any) -> Any:
    entries = ds.timeline(tables=("visits", "agreements"))
    fig, ax = plt.subplots(figsize=(11, 6))
    rows = {"visits": 1.0, "agreements": 0.0}
    for i, entry in enumerate(entries):
        y = rows[entry.table] + (i % 4) * 0.18
        x = entry.period.start + (entry.period.end - entry.period.start) / 2
        colour = "C0" if entry.table == "visits" else "C1"
        ax.plot([entry.period.start, entry.period.end], [y, y], color=colour, lw=3)
        ax.plot([x], [y], "o", color=colour, ms=4)
    ax.set_yticks([0.27, 1.27], ["agreements", "visits"])
    ax.set_title(f"Visits and agreements on record ({len(entries)}); bars span the dated period")
    ax.grid(axis="x", alpha=0.3)
    return fig


_DRAW = {"trade": _trade, "investment": _investment, "transport": _transport, "timeline": _timeline}


def plot(ds: Dataset, chart: str, out: str | Path) -> Path:
    """Draw ``chart`` (one of :data:`CHARTS`) to ``out`` (``.png`` or ``.svg``)."""
    if chart not in _DRAW:
        raise ValueError(f"unknown chart {chart!r}; choose from {', '.join(CHARTS)}")
    path = Path(out)
    if path.suffix not in (".png", ".svg"):
        raise ValueError(f"{path.name}: write a .png or .svg file")
    plt = _pyplot()
    figure = _DRAW[chart](ds, plt)
    if len(figure.axes) == 1:  # panels of a grid have different dates: keep their labels
        figure.autofmt_xdate()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120, bbox_inches="tight")
    plt.close(figure)
    return path
