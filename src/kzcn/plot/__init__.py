"""Charts of the data with the optional matplotlib extra (``pip install "kzcn[plot]"``).

:data:`CHARTS` is the one registry of charts: name -> a function
``chart(ds, out_path, *, resolved=True) -> Path`` that draws the chart of ``ds`` to a
file in one of :data:`FORMATS` (PNG, SVG or PDF, chosen by the suffix). The command line
(``kzcn plot NAME``) and the docs read both.

Every chart draws the resolved view (:meth:`kzcn.Dataset.resolved`: claims merged,
corrections applied) unless called with ``resolved=False`` on the claims, and its title
says which view it shows. Numbers are drawn only as far as the sources state them (see
:mod:`kzcn.plot._common`). :func:`figure` returns the matplotlib figure itself, and
:func:`save` writes it as :func:`plot` would.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Protocol

from . import series, timeline
from ._common import Stamp, pyplot, stamp_of

if TYPE_CHECKING:
    from ..dataset import Dataset

__all__ = [
    "CHARTS",
    "FORMATS",
    "Chart",
    "Stamp",
    "chart_format",
    "drawn_records",
    "figure",
    "plot",
    "records_of",
    "save",
    "stamp_of",
]

FORMATS: Final[tuple[str, ...]] = ("png", "svg", "pdf")
"""The file formats a chart is written in, by the output's suffix: those matplotlib
writes with its own backends (no extra package). The command line reads this list."""


def chart_format(out: str | Path) -> str:
    """The format of a chart file by its suffix (any case), or a one-line ``ValueError``
    naming the formats."""
    suffix = Path(out).suffix
    if suffix.lower().lstrip(".") not in FORMATS:
        written = ", ".join(f".{f}" for f in FORMATS)
        raise ValueError(
            f"a chart is written as {written}, not {suffix or 'a file without a suffix'}"
        )
    return suffix.lower().lstrip(".")


class Chart(Protocol):
    """A chart of :data:`CHARTS`: draws ``ds`` to ``out_path`` and returns the path."""

    def __call__(self, ds: Dataset, out_path: str | Path, *, resolved: bool = True) -> Path: ...


def _map(ds: Dataset, plt: Any, *, resolved: bool = True) -> Any:
    from . import places

    return places.map_chart(ds, plt, resolved=resolved)


_DRAW: Final[Mapping[str, Callable[..., Any]]] = {
    "trade": series.trade,
    "investment": series.investment,
    "transport": series.transport,
    "timeline": timeline.timeline,
    "map": _map,
}
_ABOUT: Final[Mapping[str, str]] = {
    "trade": "trade in billion USD; whole years and parts of a year in separate panels",
    "investment": "investment: a year's flow, flows summed over years, stock and plans apart",
    "transport": "cargo, containers and trains, one panel per unit",
    "timeline": "every dated event, visit, agreement and project, one labelled row each",
    "map": "the places the records name, sized by how many records name each",
}


def figure(ds: Dataset, chart: str, *, resolved: bool = True) -> Any:
    """The matplotlib figure of ``chart`` (close it with ``matplotlib.pyplot.close``)."""
    if chart not in _DRAW:
        raise ValueError(f"unknown chart {chart!r}; choose from {', '.join(_DRAW)}")
    return _DRAW[chart](ds, pyplot(), resolved=resolved)


def plot(ds: Dataset, chart: str, out: str | Path, *, resolved: bool = True) -> Path:
    """Draw ``chart`` (a name in :data:`CHARTS`) to ``out``, in the format its suffix
    names (one of :data:`FORMATS`)."""
    if chart not in _DRAW:
        raise ValueError(f"unknown chart {chart!r}; choose from {', '.join(_DRAW)}")
    _format_of(out)  # a bad suffix fails before the chart is drawn
    plt = pyplot()
    drawn = _DRAW[chart](ds, plt, resolved=resolved)
    try:
        return save(drawn, out)
    finally:
        plt.close(drawn)


def save(fig: Any, out: str | Path) -> Path:
    """Write a drawn chart (a :func:`figure`) to ``out`` as :func:`plot` does: in the
    format its suffix names, stamped. The figure stays open, so one drawing can also be
    read (:func:`records_of`) without drawing the chart again."""
    path = Path(out)
    fmt = _format_of(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = stamp_of(fig)
    metadata = stamp.metadata(fmt) if stamp is not None else None
    # PNG by Agg, SVG and PDF by matplotlib's own vector backends: text stays text.
    fig.savefig(path, format=fmt, dpi=120, bbox_inches="tight", metadata=metadata)
    return path


def _format_of(out: str | Path) -> str:
    path = Path(out)
    try:
        return chart_format(path)
    except ValueError as exc:
        raise ValueError(f"{path.name}: {exc}") from None


def drawn_records(ds: Dataset, chart: str, *, resolved: bool = True) -> tuple[Any, ...]:
    """The records ``chart`` draws from the view, in the order it draws them: read from
    the drawn figure's artists (each carries its record's id), so a data table built on
    this lists exactly what the image shows. For the map, the places drawn or listed.
    (Draws the chart; with a figure at hand, :func:`records_of` reads it.)"""
    plt = pyplot()
    drawn = figure(ds, chart, resolved=resolved)
    try:
        return records_of(drawn, ds.resolved() if resolved else ds)
    finally:
        plt.close(drawn)


def records_of(fig: Any, view: Dataset) -> tuple[Any, ...]:
    """The records of ``view`` that the chart ``fig`` draws or lists, in drawing order
    (``view``: the dataset the chart was drawn from, resolved or not)."""
    ids = []
    for artist in fig.findobj():
        gid = artist.get_gid() or ""
        record_id = gid.split(":")[0] if gid.endswith(":listed") else gid
        if record_id and ":" not in record_id:
            ids.append(record_id)
    records = (view.get(record_id) for record_id in dict.fromkeys(ids))
    return tuple(r for r in records if r is not None)


def _chart(name: str) -> Chart:
    def draw(ds: Dataset, out_path: str | Path, *, resolved: bool = True) -> Path:
        return plot(ds, name, out_path, resolved=resolved)

    draw.__name__ = name
    draw.__qualname__ = f"CHARTS[{name!r}]"
    draw.__doc__ = f"Draw the {name} chart: {_ABOUT[name]}."
    return draw


CHARTS: Final[Mapping[str, Chart]] = MappingProxyType({name: _chart(name) for name in _DRAW})
"""Chart name -> ``chart(ds, out_path, *, resolved=True) -> Path``, in the order the
docs list them. Each function's docstring says what it draws."""
