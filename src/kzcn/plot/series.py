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
    Drawing,
    is_sub_annual,
    period_words,
    place_name,
    source_markers,
    source_name,
    without_deadline,
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
            handles=what, title="what", loc="lower left", bbox_to_anchor=(0.01, 0.105), **style
        )
        ax.legend(
            handles=by_source,
            title="source",
            loc="lower right",
            bbox_to_anchor=(0.99, 0.105),
            **style,
        )
        return
    first = ax.legend(handles=what, title="what", loc="upper left", **style)
    ax.add_artist(first)
    ax.legend(handles=by_source, title="source", loc="upper right", **style)


def _years(figures: list[Figure]) -> tuple[int, int]:
    return min(f.period.start.year for f in figures), max(f.period.end.year for f in figures)


def _caption(fig: Any, drawing: Drawing, text: str, *, legend_y: float = 0.045) -> None:
    """The caption under the figure, the list of corrections after it, and the legend
    of how things are drawn above it."""
    notes = drawing.correction_notes()
    fig.text(
        0.01,
        0.005,
        text + (f"\n{notes}" if notes else ""),
        fontsize=7,
        ha="left",
        va="bottom",
        wrap=True,
        gid="kzcn:caption",
    )
    handles = drawing.style_handles()
    if handles:
        fig.legend(
            handles=handles,
            title="how a value is drawn",
            loc="lower center",
            bbox_to_anchor=(0.5, legend_y),
            ncol=2,
            fontsize=7,
            title_fontsize=7,
            frameon=False,
        )


_DEADLINE_NOTE = (
    " A target, plan or forecast whose text gives no deadline (its period is declared "
    "derived and the period's year is written in none of its evidence) is drawn in the "
    "'no deadline' lane, not on a year."
)


def trade(ds: Dataset, plt: Any, *, resolved: bool = True) -> Any:
    """Trade in billion USD: whole years above, parts of a year below, apart; goals
    with no deadline in a lane of their own."""
    drawing = Drawing(ds, "trade", resolved=resolved)
    ds, view = drawing.ds, drawing.view
    every = [f for f in ds.figures.series("trade", kind=None) if f.measure is Measure.LEVEL]
    figures = [f for f in every if f.amount.unit == "USD"]
    skipped = [f for f in every if f.amount.unit != "USD"]
    undated = [f for f in figures if without_deadline(f)]
    fig, grid = plt.subplots(
        2,
        2,
        figsize=(11, 9.5),
        gridspec_kw={"height_ratios": [3, 2], "width_ratios": [5, 1.2]},
        squeeze=False,
    )
    whole, lane, part, spare = grid[0][0], grid[0][1], grid[1][0], grid[1][1]
    spare.set_visible(False)
    part.sharex(whole)
    lane.sharey(whole)
    markers = source_markers(ds, figures)
    colours: dict[str, str] = {}
    for figure in figures:
        what = _what(ds, figure)
        colours[what] = DIRECTION_COLOURS[figure.direction]
        on_lane = figure in undated
        ax = lane if on_lane else part if is_sub_annual(figure) else whole
        tag = f"only {period_words(figure.period)}" if is_sub_annual(figure) else ""
        drawing.figure(
            ax,
            figure,
            scale=1e9,
            colour=colours[what],
            marker=markers[figure.citations[0].source],
            tag=tag,
            lane=on_lane,
        )
    whole.set_title("Whole calendar years", fontsize=9, loc="left")
    part.set_title(
        "Part of a year only (each labelled with its months): not comparable with the years above",
        fontsize=9,
        loc="left",
    )
    lane.set_title("no deadline\nin the text", fontsize=8, loc="center")
    lane.set_xlim(0, 1)
    lane.set_xticks([])
    lane.tick_params(labelleft=False)
    lane.grid(axis="y", alpha=0.3)
    for ax in (whole, part):
        ax.set_ylabel("billion USD")
        ax.set_ylim(0, max(ax.get_ylim()[1], 1.0) * 1.25)
        ax.grid(axis="y", alpha=0.3)
    dated = [f for f in figures if f not in undated] or figures
    first, last = _years(dated)
    year_axis(part, first, last)
    whole.tick_params(labelbottom=False)
    _legends(whole, ds, colours, markers)
    title = f"Kazakhstan–China trade ({view})"
    fig.suptitle(title, fontsize=10, y=0.965)
    note = (
        "Marker at the stated value in the middle of its period; a flow's bar spans its "
        "period. An arrow marks an open bound ('more than', 'up to')." + _DEADLINE_NOTE
    )
    if skipped:
        note += (
            f" Not drawn: {len(skipped)} figure(s) in another currency ("
            + ", ".join(f"{f.amount} for {f.period}" for f in skipped)
            + ")."
        )
    _caption(fig, drawing, note)
    return drawing.finish(fig, title, bottom=0.12)


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
    drawing = Drawing(ds, "investment", resolved=resolved)
    ds, view = drawing.ds, drawing.view
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
        drawing.figure(
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
    title = f"Investment between Kazakhstan and China ({view})"
    fig.suptitle(title, fontsize=10, y=0.965)
    _caption(
        fig,
        drawing,
        "Marker at the stated value; a flow's bar spans the period it covers; a stock or a "
        "plan's deadline known only to a year is a whisker over that year. An upward arrow "
        "is 'more than': the source states no upper end." + _DEADLINE_NOTE,
    )
    return drawing.finish(fig, title, bottom=0.2)


_TRANSPORT_PANELS = (
    ("cargo", 1e6, "tonne", "Cargo", "million tonnes"),
    ("containers", 1e3, "container", "Containers", "thousand containers"),
    ("freight_trains", 1.0, "train", "Freight trains", "trains"),
    ("container_trains", 1.0, "train", "Container trains", "trains"),
)


def transport(ds: Dataset, plt: Any, *, resolved: bool = True) -> Any:
    """Transport and transit volumes, one panel per unit, ticked by year."""
    drawing = Drawing(ds, "transport", resolved=resolved)
    ds, view = drawing.ds, drawing.view
    fig, axes = plt.subplots(2, 2, figsize=(11, 9))
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
            drawing.figure(
                ax,
                figure,
                scale=scale,
                colour=colours[what],
                marker=markers[figure.citations[0].source],
                tag=tag,
            )
        top = max(float(f.amount.magnitude) / scale for f in figures) * 1.4
        ax.set_ylim(0, top or 1.0)  # all zero: an axis of 0..1, not a singular one
        first, last = _years(figures)
        year_axis(ax, first - 1, last + 1)
        ax.grid(axis="y", alpha=0.3)
        ax.tick_params(labelsize=7)
        _legends(ax, ds, colours, markers)
    title = f"Transport and transit between Kazakhstan and China ({view})"
    fig.suptitle(title, fontsize=10, y=0.965)
    _caption(
        fig,
        drawing,
        "Marker at the stated value in the middle of the year it covers; the bar spans the "
        "year the flow covers; colour = what is counted, marker = source.",
    )
    return drawing.finish(fig, title, bottom=0.12)
