"""Label placement: every record's label clear of every marker and every other label.

A chart writes each label where it reads best (above its marker, or after a timeline
row); :func:`place_labels` then measures, with the renderer, the box of each label, each
marker, each arrow and each legend, and moves a label that touches any of them to the
first free spot among candidates around its marker, nearest first (a far one gets a
thin leader line). :func:`overlaps` measures the same boxes: the tests ask it for none.

No dependency: adjustText needs scipy (tens of megabytes) for what is here a greedy
pass over a few dozen labels.
"""

from __future__ import annotations

from typing import Any

__all__ = ["LABEL_PARTS", "label_boxes", "marker_boxes", "overlaps", "place_labels", "text_box"]

LABEL_PARTS = (":text", ":label", ":date")
"""A text artist whose gid ends so is a record's label, measured here."""
_FIXED = (":date",)
"""Labels that stay put (a timeline's date, after its row): measured, not moved."""

_NEAR: tuple[tuple[float, float, str, str], ...] = (
    (0, 9, "center", "bottom"),
    (0, -9, "center", "top"),
    (9, 0, "left", "center"),
    (-9, 0, "right", "center"),
    (9, 8, "left", "bottom"),
    (-9, 8, "right", "bottom"),
    (9, -8, "left", "top"),
    (-9, -8, "right", "top"),
)
_FAR = tuple(
    candidate
    for step in range(1, 9)
    for candidate in (
        (0, 9 + 11 * step, "center", "bottom"),
        (0, -9 - 11 * step, "center", "top"),
        (14, 9 + 11 * step, "left", "bottom"),
        (-14, 9 + 11 * step, "right", "bottom"),
        (14, -9 - 11 * step, "left", "top"),
        (-14, -9 - 11 * step, "right", "top"),
    )
)
_PAD = 1.5  # pixels of air kept round a label


def _is_label(artist: Any) -> bool:
    gid = artist.get_gid() or ""
    return gid.endswith(LABEL_PARTS) and bool(artist.get_text()) and artist.get_visible()


def _labels(ax: Any) -> list[Any]:
    return [t for t in ax.texts if _is_label(t)]


def marker_boxes(ax: Any) -> list[tuple[str, Any]]:
    """(gid, display box) of every marker drawn in ``ax`` (lines' markers, scatters)."""
    from matplotlib.transforms import Bbox

    dpi = ax.figure.dpi
    boxes: list[tuple[str, Any]] = []
    for line in ax.get_lines():
        marker = line.get_marker()
        if marker in (None, "None", "none", "", " ") or not line.get_visible():
            continue
        half = (line.get_markersize() + line.get_markeredgewidth()) * dpi / 72 / 2
        xy = line.get_transform().transform(line.get_xydata())
        gid = line.get_gid() or ""
        boxes.extend(
            (gid, Bbox.from_extents(x - half, y - half, x + half, y + half)) for x, y in xy
        )
    for collection in ax.collections:
        offsets = collection.get_offsets()
        sizes = collection.get_sizes()
        if not len(offsets) or not len(sizes) or not collection.get_visible():
            continue
        xy = collection.get_offset_transform().transform(offsets)
        gid = collection.get_gid() or ""
        for i, (x, y) in enumerate(xy):
            half = (float(sizes[i % len(sizes)]) ** 0.5) * dpi / 72 / 2
            boxes.append((gid, Bbox.from_extents(x - half, y - half, x + half, y + half)))
    return boxes


def _obstacles(ax: Any, renderer: Any) -> list[tuple[str, Any]]:
    """Markers, arrows and legends of ``ax``: what no label may cover."""
    boxes = marker_boxes(ax)
    for text in ax.texts:
        patch = getattr(text, "arrow_patch", None)
        if patch is not None and not _is_label(text):
            boxes.append((text.get_gid() or "arrow", patch.get_window_extent(renderer)))
    for child in ax.get_children():
        if type(child).__name__ == "Legend" and child.get_visible():
            boxes.append(("legend", child.get_window_extent(renderer)))
    return boxes


def text_box(text: Any, renderer: Any) -> Any:
    """The display box of a label's letters (an annotation's own box would take in its
    leader line, which may well cross its marker)."""
    from matplotlib.text import Text

    if hasattr(text, "update_positions"):
        text.update_positions(renderer)
    return Text.get_window_extent(text, renderer)


def label_boxes(fig: Any) -> list[tuple[Any, str, Any]]:
    """(axes, gid, display box) of every record's label in the figure."""
    renderer = fig.canvas.get_renderer()
    return [(ax, t.get_gid(), text_box(t, renderer)) for ax in fig.axes for t in _labels(ax)]


def _padded(box: Any) -> Any:
    from matplotlib.transforms import Bbox

    return Bbox.from_extents(box.x0 - _PAD, box.y0 - _PAD, box.x1 + _PAD, box.y1 + _PAD)


def _touch(a: Any, b: Any) -> float:
    """The area two boxes share (0 when apart)."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


def overlaps(fig: Any) -> list[tuple[str, str]]:
    """Each (label, other) pair whose boxes meet: other labels of any panel, and the
    markers, arrows and legends of the label's own panel. Empty when legible."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = label_boxes(fig)
    found: list[tuple[str, str]] = []
    for i, (ax, gid, box) in enumerate(labels):
        for _, other, other_box in labels[i + 1 :]:
            if _touch(box, other_box):
                found.append((gid, other))
        found.extend(
            (gid, other) for other, obstacle in _obstacles(ax, renderer) if _touch(box, obstacle)
        )
    return found


def place_labels(fig: Any) -> None:
    """Move each label of ``fig`` clear of markers, arrows, legends and the labels
    placed before it (see the module's docstring)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    placed: list[Any] = []
    for ax in fig.axes:
        frame = ax.get_window_extent(renderer)
        obstacles = [box for _, box in _obstacles(ax, renderer)]
        for text in _labels(ax):
            if text.get_gid().endswith(_FIXED):
                placed.append(text_box(text, renderer))
            else:
                placed.append(_place(ax, text, renderer, frame, obstacles, placed))


def _place(
    ax: Any, text: Any, renderer: Any, frame: Any, obstacles: list[Any], placed: list[Any]
) -> Any:
    """Put ``text`` at its best candidate; return its box."""
    start = (tuple(text.xyann), text.get_ha(), text.get_va())
    best: tuple[float, Any, Any] | None = None
    for number, (dx, dy, ha, va) in enumerate(((*start[0], start[1], start[2]), *_NEAR, *_FAR)):
        text.xyann = (dx, dy)
        text.set_ha(ha)
        text.set_va(va)
        box = _padded(text_box(text, renderer))
        outside = (
            max(0.0, frame.x0 - box.x0)
            + max(0.0, box.x1 - frame.x1)
            + max(0.0, frame.y0 - box.y0)
            + max(0.0, box.y1 - frame.y1)
        )
        cost = sum(_touch(box, other) for other in (*obstacles, *placed)) + 100 * outside
        if best is None or cost < best[0]:
            best = (cost, (dx, dy, ha, va, number > len(_NEAR)), box)
        if cost == 0:
            break
    assert best is not None
    dx, dy, ha, va, far = best[1]
    text.xyann = (dx, dy)
    text.set_ha(ha)
    text.set_va(va)
    if far:
        text = _with_leader(ax, text)
    return text_box(text, renderer)


def _with_leader(ax: Any, text: Any) -> Any:
    """The label again, with a thin line back to its marker (a far label)."""
    leader = ax.annotate(
        text.get_text(),
        text.xy,
        xycoords=text.xycoords,
        textcoords="offset points",
        xytext=text.xyann,
        ha=text.get_ha(),
        va=text.get_va(),
        fontsize=text.get_fontsize(),
        color=text.get_color(),
        gid=text.get_gid(),
        arrowprops={
            "arrowstyle": "-",
            "color": text.get_color(),
            "lw": 0.6,
            "alpha": 0.7,
            "shrinkA": 0,
            "shrinkB": 4,
        },
    )
    text.remove()
    return leader
