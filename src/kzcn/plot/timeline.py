"""The timeline: every dated event, visit, agreement and project, one labelled row each.

Rows are grouped in lanes, one per table (events one per kind), in date order within
a lane; each row's label is the record's title or name, and the date is written at
its marker. A date known to the day that spans several days (a visit, a forum) is a bar:
it lasted that long. A date known only to a month, quarter, half, year or a range of
them is a thin whisker ``|—•—|`` over the span it falls somewhere in. A derived date
(declared in ``derived``) is half-filled and dashed, and says "derived". Planned,
expected, invited, proposed or announced records are hollow: each has a date in its
text (the "no deadline" lane of the trade chart is for figures' targets and plans). A
record an erratum corrected is ringed in red, the erratum named in the caption.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from ..query import TimelineEntry
from ._common import (
    Drawing,
    is_derived_date,
    is_uncertain,
    middle,
    period_words,
    whisker,
    year_axis,
)

if TYPE_CHECKING:
    from ..dataset import Dataset

TABLES = ("events", "visits", "agreements", "projects")
_NOT_DONE = {"planned", "expected", "invited", "proposed", "announced"}
_LABEL_CHARS = 70


def lane_of(entry: TimelineEntry) -> str:
    """The lane of a timeline entry: its table, and for events its kind."""
    if entry.table == "events":
        kind = getattr(entry.record, "kind", None)
        return f"events: {kind.value.replace('_', ' ')}" if kind is not None else "events"
    return entry.table


def _label(record: Any) -> str:
    text = str(getattr(record, "title", None) or getattr(record, "name", record.id))
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1].rstrip() + "…"


def timeline(ds: Dataset, plt: Any, *, resolved: bool = True) -> Any:
    """One row per dated record, lanes by table (and event kind)."""
    drawing = Drawing(ds, "timeline", resolved=resolved)
    ds, view = drawing.ds, drawing.view
    entries = ds.timeline(tables=TABLES)
    lanes: dict[str, list[TimelineEntry]] = {}
    for entry in entries:
        lanes.setdefault(lane_of(entry), []).append(entry)
    order = sorted(lanes, key=lambda lane: (TABLES.index(lane.split(":")[0]), lane))
    rows = sum(len(lanes[lane]) + 1 for lane in order)
    fig, ax = plt.subplots(figsize=(13, 0.19 * rows + 2.2))
    first = min(e.period.start.year for e in entries)
    last = max(e.period.end.year for e in entries)
    labels: list[str] = []
    y = 0
    for i, lane in enumerate(order):
        colour = f"C{i % 10}"
        labels.append(f"{lane.upper()} ({len(lanes[lane])})")
        ax.axhline(y, color="0.6", lw=0.6)
        y += 1
        for entry in lanes[lane]:
            _row(ax, drawing, entry, y, colour)
            labels.append(_label(entry.record))
            y += 1
    ax.set_yticks(range(len(labels)), labels, fontsize=6.5)
    for tick, text in zip(ax.get_yticklabels(), labels, strict=True):
        if text.isupper() or text.split(" (")[0].isupper():
            tick.set_fontweight("bold")
            tick.set_fontsize(7.5)
    ax.set_ylim(len(labels) - 0.5, -0.8)
    # Two years of room after the last: the date written after the latest rows.
    year_axis(ax, first, last + 2)
    ax.tick_params(axis="x", labelsize=7, labeltop=True, top=True)
    ax.grid(axis="x", alpha=0.3)
    undated_tables = {
        t: sum(1 for r in ds.tables[t] if getattr(r, "date", None) is None) for t in TABLES
    }
    missing = ", ".join(f"{n} {t}" for t, n in undated_tables.items() if n)
    title = f"Dated events, visits, agreements and projects on record ({len(entries)}; {view})"
    ax.set_title(title, fontsize=10, pad=18)
    notes = drawing.correction_notes()
    fig.text(
        0.01,
        0.002,
        "One row per record. A bar: a span of days the record lasted. |—•—| a whisker: "
        "a date known only to a month, quarter, half, year or range, somewhere in the span. "
        "Half-filled and dashed: a derived date (not written in the text). Hollow: planned, "
        "expected, invited, proposed or announced."
        + (" Red ring [n]: corrected by an erratum." if notes else "")
        + (f" Undated, not drawn: {missing}." if missing else "")
        + (f"\n{notes}" if notes else ""),
        fontsize=7,
        wrap=True,
        gid="kzcn:caption",
    )
    return drawing.finish(fig, title, bottom=0.025)


def _row(ax: Any, drawing: Drawing, entry: TimelineEntry, y: int, colour: str) -> None:
    """One record's row: its bar or whisker, its marker, its date."""
    record = entry.record
    drawing.drawn(record)
    start, end = entry.period.start, entry.period.end + timedelta(days=1)
    x = middle(start, end)
    done = getattr(getattr(record, "status", None), "value", "") not in _NOT_DONE
    derived = is_derived_date(record)
    style = "--" if derived else "-"
    if is_uncertain(entry.period):
        whisker(ax, start, end, y, colour=colour, style=style, gid=f"{record.id}:placement")
    elif (end - start).days > 1:
        ax.plot(
            [start, end],
            [y, y],
            style,
            color=colour,
            lw=4,
            alpha=0.5,
            solid_capstyle="butt",
            gid=f"{record.id}:period",
        )
    ax.plot(
        [x],
        [y],
        "o",
        color=colour,
        mfc=colour if done else "white",
        mfcalt="white",
        fillstyle="left" if derived else "full",
        ms=5,
        gid=record.id,
        zorder=3,
    )
    mark = drawing.mark(ax, record, x, y, size=5)
    words = period_words(entry.period) + (", derived" if derived else "")
    ax.annotate(
        words + mark,
        (end, y),
        textcoords="offset points",
        xytext=(12 if mark else 6, 0),  # clear of a correction's ring
        ha="left",
        va="center",
        fontsize=6,
        color="0.25",
        gid=f"{record.id}:date",
    )
