"""What every chart shares: matplotlib loaded lazily, the view, names in place of
ids, and one way to draw a stated number.

A number is drawn as the source states it and no further:

- a marker at the stated value, in the middle of its period, with a horizontal bar
  spanning the period (a half-year is not a year);
- "more than" / "at least": an upward arrow from the marker, and no upper end (no
  source states one); "up to" / "less than": a downward arrow;
- "about" / "almost": the word beside the value, no invented whisker;
- targets, plans and forecasts: hollow markers, their kind written beside them.

Every artist that stands for a record carries the record's id as its ``gid`` (the
marker itself) or ``"<id>:period"`` / ``"<id>:open-above"`` / ``"<id>:open-below"``
for its parts, so tests and readers of an SVG can tell what was drawn.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..dates import Period, Precision
from ..records import Figure
from ..vocabulary import Direction, FigureKind, Qualifier

if TYPE_CHECKING:
    from ..dataset import Dataset

OPEN_ABOVE = (Qualifier.MORE_THAN, Qualifier.AT_LEAST)
OPEN_BELOW = (Qualifier.UP_TO, Qualifier.LESS_THAN)

DIRECTION_NAMES = {
    Direction.BOTH: "both directions",
    Direction.KZ_TO_CN: "Kazakhstan → China",
    Direction.CN_TO_KZ: "China → Kazakhstan",
    Direction.TRANSIT: "transit through Kazakhstan",
}
DIRECTION_COLOURS = {
    Direction.BOTH: "C0",
    Direction.KZ_TO_CN: "C1",
    Direction.CN_TO_KZ: "C2",
    Direction.TRANSIT: "C4",
    None: "C7",
}
_SOURCE_MARKERS = "osD^vP*X"
_QUALIFIER_WORDS = {
    Qualifier.EXACT: "",
    Qualifier.ABOUT: "about",
    Qualifier.MORE_THAN: "more than",
    Qualifier.AT_LEAST: "at least",
    Qualifier.UP_TO: "up to",
    Qualifier.ALMOST: "almost",
    Qualifier.LESS_THAN: "less than",
}


def pyplot() -> Any:
    """``matplotlib.pyplot`` with the file-only Agg backend, or a clear ImportError."""
    try:
        import matplotlib
    except ImportError:
        raise ImportError('plotting needs matplotlib: pip install "kzcn[plot]"') from None
    matplotlib.use("Agg")  # files only: no window, works on servers and in CI
    import matplotlib.pyplot as plt

    return plt


def _dates() -> Any:
    """``matplotlib.dates`` (untyped functions: called through ``Any``)."""
    import matplotlib.dates

    return matplotlib.dates


def view_of(ds: Dataset, resolved: bool) -> tuple[Dataset, str]:
    """The dataset to draw and the words that name its view in a title."""
    if resolved:
        return ds.resolved(), "resolved view: claims merged, corrections applied"
    if ds.is_resolved:
        raise ValueError("this dataset is already the resolved view; pass the claims")
    return ds, "claims view: each source's statements as written"


def place_name(ds: Dataset, record_id: str | None) -> str:
    """The name of a linked record (a place, organisation, person...), not its id."""
    if record_id is None:
        return ""
    record = ds.get(record_id)
    if record is None:
        return record_id
    return str(getattr(record, "name", None) or getattr(record, "title", record_id))


def source_name(ds: Dataset, source_id: str) -> str:
    """A short name of a source: its author (or title) and year."""
    source = ds.sources.get(source_id)
    if source is None:
        return source_id
    who = source.author or source.title
    if len(who) > 40:
        who = who[:39].rstrip() + "…"
    return f"{who}, {source.published.start.year}"


def source_markers(ds: Dataset, figures: list[Figure]) -> dict[str, str]:
    """Source id -> marker, in order of publication."""
    sources = sorted(
        {f.citations[0].source for f in figures},
        key=lambda s: (ds.sources[s].published if s in ds.sources else None, s),
    )
    return {s: _SOURCE_MARKERS[i % len(_SOURCE_MARKERS)] for i, s in enumerate(sources)}


def middle(start: date, end: date) -> date:
    return start + (end - start) / 2


def is_sub_annual(figure: Figure) -> bool:
    """True when the figure covers less than a whole year (a half-year, Jan–Apr...)."""
    period = figure.period
    if period.precision is Precision.YEAR:
        return False
    return (period.end - period.start).days < 364


def period_words(period: Period) -> str:
    """A period in words: "first half of 2019", "January–April 2021", "2005–2020"."""
    start, end, precision = period.start, period.end, period.precision
    if period.is_range:
        if precision is Precision.YEAR:
            return f"{start.year}–{end.year}"
        if precision is Precision.MONTH and start.year == end.year:
            return f"{start:%B}–{end:%B} {end.year}"
        return f"{start:%B %Y}–{end:%B %Y}"
    if precision is Precision.HALF:
        return f"{'first' if start.month == 1 else 'second'} half of {start.year}"
    if precision is Precision.QUARTER:
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if precision is Precision.MONTH:
        return f"{start:%B %Y}"
    return str(period)


def stated(figure: Figure) -> str:
    """The number as the source states it: "more than 25 billion USD"."""
    words = _QUALIFIER_WORDS[figure.qualifier]
    return f"{words} {figure.amount}".strip()


def draw_figure(
    ax: Any,
    figure: Figure,
    *,
    scale: float,
    colour: str,
    marker: str,
    label: str | None = None,
    tag: str = "",
) -> None:
    """One stated number (see the module's docstring); ``tag`` is written beside it."""
    y = float(figure.amount.magnitude) / scale
    start, end = figure.period.start, figure.period.end + timedelta(days=1)
    x = middle(start, end)
    actual = figure.kind is FigureKind.ACTUAL
    style = "-" if actual else "--"
    ax.plot([start, end], [y, y], style, color=colour, lw=2, alpha=0.6, gid=f"{figure.id}:period")
    ax.plot(
        [x],
        [y],
        marker,
        color=colour,
        mfc=colour if actual else "white",
        ms=7,
        label=label,
        gid=figure.id,
        zorder=3,
    )
    if figure.qualifier in OPEN_ABOVE or figure.qualifier in OPEN_BELOW:
        above = figure.qualifier in OPEN_ABOVE
        import matplotlib.transforms as transforms

        mdates = _dates()

        at = (float(mdates.date2num(x)), y)
        tip = transforms.offset_copy(
            ax.transData, fig=ax.figure, y=24 if above else -24, units="points"
        )
        ax.annotate(
            "",
            xy=at,
            xycoords=tip,
            xytext=at,
            textcoords="data",
            arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.5},
            gid=f"{figure.id}:open-{'above' if above else 'below'}",
        )
    text = stated(figure) if not tag else f"{stated(figure)}; {tag}"
    if not actual:
        text = f"{figure.kind.value}: {text}"
    ax.annotate(
        text,
        (x, y),
        textcoords="offset points",
        # Beside an upward arrow, else centred above the marker (clear of the bar).
        xytext=(7, 5) if figure.qualifier in OPEN_ABOVE else (0, 7),
        ha="left" if figure.qualifier in OPEN_ABOVE else "center",
        fontsize=7,
        color=colour,
        gid=f"{figure.id}:text",
    )


def legend_texts(fig: Any) -> list[str]:
    """Every text of every legend of a figure (for tests and checks)."""
    texts: list[str] = []
    for ax in fig.axes:
        legends = [*ax.findobj(lambda a: type(a).__name__ == "Legend")]
        for legend in legends:
            texts.extend(t.get_text() for t in legend.get_texts())
    texts.extend(t.get_text() for legend in fig.legends for t in legend.get_texts())
    return list(dict.fromkeys(texts))


def drawn_ids(fig: Any) -> set[str]:
    """The ids of the records a figure draws (artists' gids without a ``:part``)."""
    return {gid for a in fig.findobj() if (gid := a.get_gid()) and ":" not in gid}


def gids(fig: Any) -> set[str]:
    """Every gid in a figure, parts included."""
    return {gid for a in fig.findobj() if (gid := a.get_gid())}


def year_axis(ax: Any, first: int, last: int) -> None:
    """Tick a time axis by year, from ``first`` to ``last`` (padded by half a year)."""
    mdates = _dates()
    ax.set_xlim(date(first, 1, 1) - timedelta(days=182), date(last, 12, 31) + timedelta(days=182))
    span = last - first
    step = 1 if span <= 10 else 2 if span <= 20 else 5
    # Grid lines at the year boundaries, the year's label in its middle: a point drawn
    # in the middle of 2018 sits above the label "2018", not between two labels.
    ax.xaxis.set_major_locator(mdates.YearLocator(step))
    ax.xaxis.set_major_formatter(mdates.DateFormatter(""))
    ax.xaxis.set_minor_locator(mdates.YearLocator(step, month=7, day=2))
    ax.xaxis.set_minor_formatter(mdates.DateFormatter("%Y"))
    ax.tick_params(axis="x", which="minor", length=0)
    ax.grid(axis="x", which="major", alpha=0.25)
