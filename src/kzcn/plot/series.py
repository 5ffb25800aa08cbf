"""Charts of figures over time: trade, investment, transport.

See :mod:`kzcn.plot._common` for how one number is drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..records import Figure
from ..vocabulary import Direction, FigureKind, Measure, Subject
from ._common import (
    DIRECTION_COLOURS,
    DIRECTION_NAMES,
    draw_figure,
    is_sub_annual,
    period_words,
    place_name,
    source_markers,
    source_name,
    view_of,
    year_axis,
)

if TYPE_CHECKING:
    from ..dataset import Dataset


def _what(ds: Dataset, figure: Figure) -> str:
    """What a series is, in words: its direction, or the place or record it is about."""
    if figure.direction is Direction.BOTH and figure.subject is Subject.TRADE:
        return "turnover (both directions)"
    if figure.direction is not None:
        return DIRECTION_NAMES[figure.direction]
    if figure.refers_to:
        return f"at {place_name(ds, figure.refers_to)}"
    return figure.subject.value.replace("_", " ")


def _legends(
    ax: Any, ds: Dataset, colours: dict[str, str], markers: dict[str, str], *, below: bool = False
) -> None:
    """Two legends: colour = what is counted, marker = which source states it.

    ``below``: under the figure (``ax`` is then the figure), not inside a panel.
    """
    from matplotlib.lines import Line2D

    what = [Line2D([], [], color=c, lw=2, marker="o", label=w) for w, c in colours.items()]
    by_source = [
        Line2D([], [], color="0.3", ls="", marker=m, label=source_name(ds, s))
        for s, m in markers.items()
    ]
    style = {"fontsize": 7, "title_fontsize": 7}
    if below:
        ax.legend(
            handles=what, title="what", loc="lower left", bbox_to_anchor=(0.01, 0.03), **style
        )
        ax.legend(
            handles=by_source,
            title="source",
            loc="lower right",
            bbox_to_anchor=(0.99, 0.03),
            **style,
        )
        return
    first = ax.legend(handles=what, title="what", loc="upper left", **style)
    ax.add_artist(first)
    ax.legend(handles=by_source, title="source", loc="upper right", **style)


def _years(figures: list[Figure]) -> tuple[int, int]:
    return min(f.period.start.year for f in figures), max(f.period.end.year for f in figures)


def _caption(fig: Any, text: str) -> None:
    fig.text(0.01, 0.005, text, fontsize=7, ha="left", va="bottom", wrap=True)


def trade(ds: Dataset, plt: Any, *, resolved: bool = True) -> Any:
    """Trade in billion USD: whole years above, parts of a year below, apart."""
    ds, view = view_of(ds, resolved)
    every = [f for f in ds.figures.series("trade", kind=None) if f.measure is Measure.LEVEL]
    figures = [f for f in every if f.amount.unit == "USD"]
    skipped = [f for f in every if f.amount.unit != "USD"]
    fig, (whole, part) = plt.subplots(
        2, 1, figsize=(10, 8), sharex=True, gridspec_kw={"height_ratios": [3, 2]}
    )
    markers = source_markers(ds, figures)
    colours: dict[str, str] = {}
    for figure in figures:
        what = _what(ds, figure)
        colours[what] = DIRECTION_COLOURS[figure.direction]
        ax = part if is_sub_annual(figure) else whole
        tag = f"only {period_words(figure.period)}" if is_sub_annual(figure) else ""
        draw_figure(
            ax,
            figure,
            scale=1e9,
            colour=colours[what],
            marker=markers[figure.citations[0].source],
            tag=tag,
        )
    whole.set_title("Whole calendar years", fontsize=9, loc="left")
    part.set_title(
        "Part of a year only (each labelled with its months): not comparable with the years above",
        fontsize=9,
        loc="left",
    )
    for ax in (whole, part):
        ax.set_ylabel("billion USD")
        ax.set_ylim(0, max(ax.get_ylim()[1], 1.0) * 1.25)
        ax.grid(axis="y", alpha=0.3)
    year_axis(part, *_years(figures))
    _legends(whole, ds, colours, markers)
    fig.suptitle(f"Kazakhstan–China trade ({view})", fontsize=10)
    note = (
        "Marker at the stated value in the middle of its period; the bar spans the period. "
        "An arrow marks an open bound ('more than', 'up to'); hollow markers are goals, "
        "drawn at the period their record gives."
    )
    if skipped:
        note += (
            f" Not drawn: {len(skipped)} figure(s) in another currency ("
            + ", ".join(f"{f.amount} for {f.period}" for f in skipped)
            + ")."
        )
    _caption(fig, note)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


_INVESTMENT_PANELS = (
    ("flow", "Flow in one year"),
    ("summed", "Flow summed over several years"),
    ("stock", "Stock: accumulated total at the end of the period"),
    ("plan", "Plans (not investment made)"),
)


def _investment_panel(figure: Figure) -> str:
    if figure.kind is not FigureKind.ACTUAL or figure.subject.value == "transport_investment":
        return "plan"
    if figure.subject.value == "investment_stock":
        return "stock"
    if (figure.period.end - figure.period.start).days > 366:
        return "summed"
    return "flow"


def investment(ds: Dataset, plt: Any, *, resolved: bool = True) -> Any:
    """Investment in billion USD: a year's flow, flows summed over years, the stock and
    plans, each in its own panel (they are different quantities)."""
    ds, view = view_of(ds, resolved)
    figures = [
        f
        for subject in ("investment", "investment_stock", "transport_investment")
        for f in ds.figures.series(subject, kind=None)
        if f.measure is Measure.LEVEL and f.amount.unit == "USD"
    ]
    fig, axes = plt.subplots(2, 2, figsize=(11, 9))
    panels = dict(zip((k for k, _ in _INVESTMENT_PANELS), axes.flat, strict=True))
    markers = source_markers(ds, figures)
    colours: dict[str, str] = {}
    for figure in figures:
        what = _what(ds, figure)
        if figure.subject.value == "transport_investment":
            what = "Kazakhstan's transport investment"
        colours.setdefault(what, DIRECTION_COLOURS.get(figure.direction, "C7"))
        ax = panels[_investment_panel(figure)]
        draw_figure(
            ax,
            figure,
            scale=1e9,
            colour=colours[what],
            marker=markers[figure.citations[0].source],
            tag=f"summed over {period_words(figure.period)}" if figure.period.is_range else "",
        )
    for key, title in _INVESTMENT_PANELS:
        ax = panels[key]
        ax.set_title(title, fontsize=9, loc="left")
        ax.set_ylabel("billion USD")
        drawn = [f for f in figures if _investment_panel(f) == key]
        if not drawn:
            ax.text(0.5, 0.5, "none on record", transform=ax.transAxes, ha="center")
            ax.set_xticks([])
            continue
        ax.set_ylim(0, max(float(f.amount.magnitude) / 1e9 for f in drawn) * 1.5)
        first, last = _years(drawn)
        year_axis(ax, first, last)
        ax.grid(axis="y", alpha=0.3)
        ax.tick_params(labelsize=7)
    _legends(fig, ds, colours, markers, below=True)
    fig.suptitle(f"Investment between Kazakhstan and China ({view})", fontsize=10)
    _caption(
        fig,
        "Marker at the stated value; the bar spans the period it covers. An upward arrow is "
        "'more than': the source states no upper end. Hollow markers are plans.",
    )
    fig.tight_layout(rect=(0, 0.12, 1, 1))
    return fig


_TRANSPORT_PANELS = (
    ("cargo", 1e6, "tonne", "Cargo", "million tonnes"),
    ("containers", 1e3, "container", "Containers", "thousand containers"),
    ("freight_trains", 1.0, "train", "Freight trains", "trains"),
    ("container_trains", 1.0, "train", "Container trains", "trains"),
)


def transport(ds: Dataset, plt: Any, *, resolved: bool = True) -> Any:
    """Transport and transit volumes, one panel per unit, ticked by year."""
    ds, view = view_of(ds, resolved)
    fig, axes = plt.subplots(2, 2, figsize=(11, 8))
    for ax, (subject, scale, unit, title, ylabel) in zip(axes.flat, _TRANSPORT_PANELS, strict=True):
        figures = [
            f
            for f in ds.figures.series(subject, kind=None)
            if f.measure is Measure.LEVEL and f.amount.unit == unit
        ]
        ax.set_title(title, fontsize=9, loc="left")
        ax.set_ylabel(ylabel)
        if not figures:
            ax.text(0.5, 0.5, "none on record", transform=ax.transAxes, ha="center")
            continue
        markers = source_markers(ds, figures)
        colours: dict[str, str] = {}
        for figure in figures:
            what = _what(ds, figure)
            colours.setdefault(what, f"C{len(colours)}")
            tag = f"only {period_words(figure.period)}" if is_sub_annual(figure) else ""
            draw_figure(
                ax,
                figure,
                scale=scale,
                colour=colours[what],
                marker=markers[figure.citations[0].source],
                tag=tag,
            )
        ax.set_ylim(0, max(float(f.amount.magnitude) / scale for f in figures) * 1.4)
        first, last = _years(figures)
        year_axis(ax, first - 1, last + 1)
        ax.grid(axis="y", alpha=0.3)
        ax.tick_params(labelsize=7)
        _legends(ax, ds, colours, markers)
    fig.suptitle(f"Transport and transit between Kazakhstan and China ({view})", fontsize=10)
    _caption(
        fig,
        "Marker at the stated value in the middle of the year it covers; colour = what is "
        "counted, marker = source.",
    )
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig
