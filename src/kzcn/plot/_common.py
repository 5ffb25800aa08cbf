"""What every chart shares: matplotlib loaded lazily, the view, names in place of
ids, one way to draw a stated number, and the stamp.

A number or a date is drawn as the source states it and no further:

- a flow over a period (trade in the first half of 2019, investment over 2005–2020) is a
  marker at the stated value with a thick bar spanning the period: it lasted that long;
- a value or event known only to a year, half, quarter, month or a range of them is a
  marker with a thin whisker ``|—•—|`` over the span it falls somewhere in: uncertain
  placement, not an activity that lasted the span;
- "more than" / "at least": an upward arrow from the marker, and no upper end (no
  source states one); "up to" / "less than": a downward arrow;
- "about" / "almost": the word beside the value, no invented whisker;
- targets, plans and forecasts: hollow markers, their kind written beside them; one
  with no deadline in the text (see :func:`without_deadline`) is drawn in a separate
  "no deadline" lane, never on a year;
- a value the record declares derived (``derived = { field = rule }``): a half-filled
  marker and a dashed line;
- a value an erratum corrected (resolved view): a red ring round the marker and a
  numbered mark, the erratum named in the caption's list.

Every artist that stands for a record carries the record's id as its ``gid`` (the
marker itself) or ``"<id>:period"`` / ``"<id>:placement"`` / ``"<id>:open-above"`` /
``"<id>:open-below"`` / ``"<id>:corrected"`` / ``"<id>:text"`` for its parts, so tests
and readers of an SVG can tell what was drawn. :class:`Drawing` collects what a chart
drew and stamps the figure: data version, view, sources and kzcn version, in the image
and (through :func:`stamp_of`) in the file's metadata.
"""

from __future__ import annotations

import re
import weakref
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from .._version import DATA_VERSION, __version__
from ..dates import Period, Precision
from ..records import Figure, is_derived, when
from ..units import Amount
from ..vocabulary import Direction, FigureKind, Qualifier, Subject

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
    """A short name of a source, whole (never cut): its author, else its publisher's
    first clause, else its title's first sentence; and its year."""
    source = ds.sources.get(source_id)
    if source is None:
        return source_id
    publisher = re.split(r"[,;(]", source.publisher or "")[0].strip()
    title = re.split(r"(?<=\w)[.:!?]", source.title.strip("[]“”\"' "))[0].strip("“”\"' ")
    who = source.author or publisher or title
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


_UNCOUNTED = {"USD", "CNY", "KZT", "RUB", "EUR", "percent", "times", "fraction"}
_PLURALS = {"person": "people", "tonne/year": "tonnes a year", "times": "times"}


def unit_words(unit: str, *, one: bool) -> str:
    """A unit as people write it after a number: "trains", "tonnes", "USD", "people"."""
    if unit in _UNCOUNTED:
        return unit
    words = unit.replace("_", " ")
    if one:
        return words.replace("/year", " a year")
    if unit in _PLURALS:
        return _PLURALS[unit]
    if words.endswith("y") and not words.endswith(("ay", "ey", "oy")):
        return words[:-1] + "ies"
    return words + "s"


def amount_words(amount: Amount) -> str:
    """An amount as people write it: "2,388 trains", "13.98 million tonnes",
    "19.885 billion USD" (every stated digit kept, none added)."""
    number = f"{amount.value:,f}"
    scale = f" {amount.scale.value}" if amount.scale else ""
    one = amount.scale is None and amount.value == 1
    return f"{number}{scale} {unit_words(amount.unit, one=one)}"


def stated(figure: Figure) -> str:
    """The number as the source states it: "more than 25 billion USD"."""
    words = _QUALIFIER_WORDS[figure.qualifier]
    return f"{words} {amount_words(figure.amount)}".strip()


FLOWS = frozenset(
    {
        Subject.TRADE,
        Subject.INVESTMENT,
        Subject.CARGO,
        Subject.CONTAINERS,
        Subject.FREIGHT_TRAINS,
        Subject.CONTAINER_TRAINS,
    }
)
"""Subjects whose figure is a flow over its period (drawn as a bar): the rest are a
state at some moment of the period (drawn as uncertain placement)."""

PLANNED = (FigureKind.TARGET, FigureKind.PLAN, FigureKind.FORECAST)


def is_duration(figure: Figure) -> bool:
    """True when the figure is an actual flow over its whole period (a bar): trade over
    the first half of 2019 lasted that half-year; a stock, a count or a plan did not."""
    return figure.kind is FigureKind.ACTUAL and figure.subject in FLOWS


def is_uncertain(period: Period) -> bool:
    """True when a moment is known only to a month, quarter, half, year or a range:
    drawn as a whisker over the span it falls in, not as a bar."""
    return period.precision is not Precision.DAY or period.is_range


def without_deadline(record: Any) -> bool:
    """True for a target, plan or forecast whose text gives no deadline.

    The rule: the record is a target, plan or forecast (a figure's ``kind``, or a
    planned, proposed, expected or announced ``status``), its period is declared derived
    (``derived = { period = ... }`` or the date field), and the year of that period is
    written in none of its evidence. "by 2025" keeps its year; the 2024 of "up to 100
    billion USD", the year of the interview, does not.
    """
    kind = getattr(record, "kind", None)
    status = getattr(getattr(record, "status", None), "value", "")
    if kind not in PLANNED and status not in _NOT_DONE:
        return False
    period = when(record)
    if period is None or when(record, stated=True) is not None:
        return False
    years = {str(period.start.year), str(period.end.year)}
    evidence = " ".join(c.evidence for c in getattr(record, "citations", ()))
    return not any(year in evidence for year in years)


_NOT_DONE = {"planned", "expected", "invited", "proposed", "announced"}


def is_derived_date(record: Any) -> bool:
    """True when the record's date (or a figure's period) is declared derived."""
    return when(record) is not None and when(record, stated=True) is None


@attrs.frozen
class Stamp:
    """What a chart is drawn from: written in the image and in the file's metadata."""

    chart: str
    title: str
    view: str
    sources: tuple[str, ...]
    data_version: str = DATA_VERSION
    version: str = __version__

    @property
    def text(self) -> str:
        """The line written in the image."""
        return (
            f"kzcn {self.version} · data {self.data_version} · {self.view} · "
            f"sources: {'; '.join(self.sources) or 'none'}"
        )

    def metadata(self, fmt: str) -> dict[str, Any]:
        """``savefig(metadata=...)`` for ``fmt`` (each backend takes its own keys)."""
        creator = f"kzcn {self.version}"
        keywords = [
            f"kzcn-version={self.version}",
            f"data-version={self.data_version}",
            f"view={self.view}",
            f"chart={self.chart}",
        ]
        sources = "; ".join(self.sources)
        if fmt == "png":
            return {
                "Title": self.title,
                "Description": self.text,
                "Software": creator,
                "Source": sources,
                "kzcn-data-version": self.data_version,
                "kzcn-view": self.view,
            }
        if fmt == "svg":
            return {
                "Title": self.title,
                "Description": self.text,
                "Creator": creator,
                "Source": sources,
                "Keywords": keywords,
                "Date": None,  # no build time: the same data draws the same file
            }
        return {
            "Title": self.title,
            "Subject": self.text,
            "Creator": creator,
            "Keywords": "; ".join(keywords),
            "CreationDate": None,
        }


_STAMPS: weakref.WeakKeyDictionary[Any, Stamp] = weakref.WeakKeyDictionary()


def stamp_of(fig: Any) -> Stamp | None:
    """The stamp of a figure a chart drew (``None`` for any other figure)."""
    return _STAMPS.get(fig)


_DERIVED_FIELDS = ("amount", "period", "qualifier", "direction", "kind")


class Drawing:
    """One chart being drawn: its view, the records drawn, their sources and the
    corrections they carry; :meth:`finish` places the labels, writes the caption list
    of corrections and stamps the figure."""

    def __init__(self, ds: Dataset, chart: str, *, resolved: bool) -> None:
        self.ds, self.view = view_of(ds, resolved)
        self.chart = chart
        self.view_name = "resolved view" if resolved else "claims view"
        self.records: dict[str, Any] = {}
        self.errata: dict[tuple[str, str], int] = {}
        self.styles: set[str] = set()

    def drawn(self, record: Any) -> None:
        """Note that ``record`` is drawn (its sources go in the stamp)."""
        self.records[record.id] = record

    def corrections(self, record_id: str) -> list[tuple[str, str]]:
        """(field, erratum id) of each field of the record an erratum corrected."""
        resolution = self.ds.resolution
        if resolution is None or record_id not in resolution.things:
            return []
        return sorted(resolution.things[record_id].corrections.items())

    def mark(self, ax: Any, record: Any, x: Any, y: float, *, size: float) -> str:
        """Ring a corrected record's marker; the mark to write after its label."""
        marks = []
        for field, erratum in self.corrections(record.id):
            number = self.errata.setdefault((field, erratum), len(self.errata) + 1)
            marks.append(f"[{number}]")
        if not marks:
            return ""
        self.styles.add("corrected")
        ax.plot(
            [x],
            [y],
            "o",
            ms=size + 7,
            mfc="none",
            mec="C3",
            mew=1.6,
            zorder=4,
            gid=f"{record.id}:corrected",
        )
        return " " + "".join(marks)

    def figure(
        self,
        ax: Any,
        figure: Figure,
        *,
        scale: float,
        colour: str,
        marker: str,
        tag: str = "",
        lane: bool = False,
    ) -> None:
        """One stated number (see the module's docstring); ``tag`` is written beside it.
        ``lane``: ``ax`` is a "no deadline" lane (x from 0 to 1), not a time axis."""
        self.drawn(figure)
        y = float(figure.amount.magnitude) / scale
        start, end = figure.period.start, figure.period.end + timedelta(days=1)
        x: Any = 0.5 if lane else middle(start, end)
        actual = figure.kind is FigureKind.ACTUAL
        derived = any(is_derived(figure, f) for f in _DERIVED_FIELDS)
        style = "--" if derived or not actual else "-"
        if lane:
            self.styles.add("no deadline")
        elif is_duration(figure):
            self.styles.add("duration")
            ax.plot(
                [start, end],
                [y, y],
                style,
                color=colour,
                lw=3,
                alpha=0.55,
                solid_capstyle="butt",
                gid=f"{figure.id}:period",
            )
        else:
            self.styles.add("uncertain")
            whisker(ax, start, end, y, colour=colour, style=style, gid=f"{figure.id}:placement")
        fill = "left" if derived else "full"
        if derived:
            self.styles.add("derived")
        if not actual:
            self.styles.add("planned")
        ax.plot(
            [x],
            [y],
            marker,
            color=colour,
            mfc=colour if actual else "white",
            mfcalt="white",
            fillstyle=fill,
            ms=7,
            gid=figure.id,
            zorder=3,
        )
        mark = self.mark(ax, figure, x, y, size=7)
        if figure.qualifier in OPEN_ABOVE or figure.qualifier in OPEN_BELOW:
            above = figure.qualifier in OPEN_ABOVE
            import matplotlib.transforms as transforms

            at = (x if lane else float(_dates().date2num(x)), y)
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
            text = f"{figure.kind.value}:{chr(10) if lane else ' '}{text}"
        label(ax, text + mark, (x, y), colour=colour, gid=f"{figure.id}:text")

    def style_handles(self) -> list[Any]:
        """Legend entries for the ways of drawing this chart used."""
        from matplotlib.lines import Line2D

        grey = "0.35"
        entries = {
            "duration": Line2D(
                [], [], color=grey, lw=3, alpha=0.55, marker="o", label="flow over the bar's period"
            ),
            "uncertain": Line2D(
                [],
                [],
                color=grey,
                lw=1,
                marker="|",
                ms=8,
                label="|—•—| known only to a year, half, quarter or month: somewhere in the span",
            ),
            "derived": Line2D(
                [],
                [],
                color=grey,
                ls="--",
                marker="o",
                fillstyle="left",
                mfcalt="white",
                label="half-filled, dashed: derived (declared; not written in the text)",
            ),
            "planned": Line2D(
                [],
                [],
                color=grey,
                ls="",
                marker="o",
                mfc="white",
                label="hollow: target, plan or forecast",
            ),
            "corrected": Line2D(
                [],
                [],
                ls="",
                marker="o",
                ms=12,
                mfc="none",
                mec="C3",
                mew=1.6,
                label="red ring [n]: corrected by an erratum (listed below)",
            ),
        }
        return [handle for key, handle in entries.items() if key in self.styles]

    def correction_notes(self) -> str:
        """The caption's list of corrections: "[1] amount: erratum <id> (wrong unit)"."""
        if not self.errata:
            return ""
        items = []
        for (field, erratum_id), number in self.errata.items():
            erratum = self.ds.resolution.claim(erratum_id) if self.ds.resolution else None
            kind = getattr(getattr(erratum, "kind", None), "value", "")
            record = getattr(erratum, "record", "")
            what = f"{kind.replace('_', ' ')} in {record}" if kind else ""
            items.append(f"[{number}] {field} corrected by erratum {erratum_id} ({what})")
        return "Corrections applied: " + "; ".join(items) + "."

    def finish(self, fig: Any, title: str, *, bottom: float = 0.05) -> Any:
        """Lay out, place the labels, stamp the figure; return it."""
        from .placement import place_labels

        names = sorted(
            {c.source for r in self.records.values() for c in getattr(r, "citations", ())},
            key=lambda s: (self.ds.sources[s].published if s in self.ds.sources else None, s),
        )
        stamp = Stamp(
            self.chart, title, self.view_name, tuple(source_name(self.ds, s) for s in names)
        )
        fig.text(
            0.99,
            0.995,
            stamp.text,
            ha="right",
            va="top",
            fontsize=6.5,
            color="0.3",
            wrap=True,
            gid="kzcn:stamp",
        )
        fig.tight_layout(rect=(0, bottom, 1, 0.975))
        place_labels(fig)
        _STAMPS[fig] = stamp
        return fig


def whisker(ax: Any, start: Any, end: Any, y: float, *, colour: str, style: str, gid: str) -> None:
    """Uncertain placement: a thin line with end caps over the span a moment falls in."""
    ax.plot([start, end], [y, y], style, color=colour, lw=1, alpha=0.8, gid=gid)
    ax.plot([start, end], [y, y], ls="", marker="|", ms=8, mew=1, color=colour, gid=gid)


def label(ax: Any, text: str, at: tuple[Any, float], *, colour: str, gid: str) -> Any:
    """A record's label at ``at``; :func:`kzcn.plot.placement.place_labels` moves it
    clear of markers and other labels."""
    return ax.annotate(
        text,
        at,
        textcoords="offset points",
        xytext=(0, 7),
        ha="center",
        va="bottom",
        fontsize=7,
        color=colour,
        gid=gid,
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
