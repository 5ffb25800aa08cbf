"""The timeline: every dated event, visit, agreement and project, one labelled row each.

Rows are grouped in lanes, one per table (events one per kind), in date order within
a lane; each row's label is the record's title or name, and the date is written at
its marker. A bar spans a period longer than a day. Planned, expected, invited or
proposed records are hollow.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from ..query import TimelineEntry
from ._common import middle, period_words, view_of, year_axis

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
    ds, view = view_of(ds, resolved)
    entries = ds.timeline(tables=TABLES)
    lanes: dict[str, list[TimelineEntry]] = {}
    for entry in entries:
        lanes.setdefault(lane_of(entry), []).append(entry)
    order = sorted(lanes, key=lambda lane: (TABLES.index(lane.split(":")[0]), lane))
    rows = sum(len(lanes[lane]) + 1 for lane in order)
    fig, ax = plt.subplots(figsize=(13, 0.19 * rows + 1.6))
    labels: list[str] = []
    y = 0
    for i, lane in enumerate(order):
        colour = f"C{i % 10}"
        labels.append(f"{lane.upper()} ({len(lanes[lane])})")
        ax.axhline(y, color="0.6", lw=0.6)
        y += 1
        for entry in lanes[lane]:
            record = entry.record
            start, end = entry.period.start, entry.period.end + timedelta(days=1)
            x = middle(start, end)
            done = getattr(getattr(record, "status", None), "value", "") not in _NOT_DONE
            if (end - start).days > 1:
                ax.plot([start, end], [y, y], color=colour, lw=4, alpha=0.5, solid_capstyle="butt")
            ax.plot(
                [x], [y], "o", color=colour, mfc=colour if done else "white", ms=5, gid=record.id
            )
            ax.annotate(
                period_words(entry.period),
                (end, y),
                textcoords="offset points",
                xytext=(5, -2.5),
                fontsize=6,
                color="0.25",
            )
            labels.append(_label(record))
            y += 1
    ax.set_yticks(range(len(labels)), labels, fontsize=6.5)
    for tick, text in zip(ax.get_yticklabels(), labels, strict=True):
        if text.isupper() or text.split(" (")[0].isupper():
            tick.set_fontweight("bold")
            tick.set_fontsize(7.5)
    ax.set_ylim(len(labels) - 0.5, -0.8)
    first = min(e.period.start.year for e in entries)
    last = max(e.period.end.year for e in entries)
    year_axis(ax, first, last + 1)
    ax.tick_params(axis="x", labelsize=7, labeltop=True, top=True)
    ax.grid(axis="x", alpha=0.3)
    undated = {t: sum(1 for r in ds.tables[t] if getattr(r, "date", None) is None) for t in TABLES}
    missing = ", ".join(f"{n} {t}" for t, n in undated.items() if n)
    ax.set_title(
        f"Dated events, visits, agreements and projects on record ({len(entries)}; {view})",
        fontsize=10,
    )
    fig.text(
        0.01,
        0.002,
        "One row per record; a bar spans a period longer than a day; hollow = planned, "
        "expected, invited, proposed or announced."
        + (f" Undated, not drawn: {missing}." if missing else ""),
        fontsize=7,
    )
    fig.tight_layout(rect=(0, 0.01, 1, 1))
    return fig
