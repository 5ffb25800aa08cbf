"""How the commands print: escaped lines, aligned tables (wrapped to the terminal's
width when a cell is long), JSON, and records as plain values."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any


def say(text: object = "", *, newlines: bool = True) -> None:
    """Print text output, control and invisible characters escaped (line breaks too,
    unless ``newlines``: a path is one line, whatever its name holds)."""
    from ..text import printable

    print(printable(str(text), newlines=newlines))


def note(text: str) -> None:
    """One line on stderr beside the output: ``kzcn: note: ...``."""
    import sys

    from ..text import printable

    print(f"kzcn: note: {printable(text)}", file=sys.stderr)


def print_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Rows under a header, each column as wide as its widest cell, cells escaped."""
    from ..text import printable

    cells = [[printable(str(c)) for c in row] for row in rows]
    widths = [len(h) for h in header]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    line = "  ".join(f"{h:<{w}}" for h, w in zip(header, widths, strict=True))
    print(line.rstrip())
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(f"{c:<{w}}" for c, w in zip(row, widths, strict=True)).rstrip())


def dump(value: Any) -> None:
    """Print ``value`` as indented JSON (what ``--json`` prints)."""
    from ..text import printable

    # JSON escapes C0 controls itself; the rest (DEL, C1, bidi, zero-width) as \uXXXX.
    print(printable(json.dumps(value, indent=2, ensure_ascii=False, default=str), newlines=True))


def plain(record: Any) -> dict[str, Any]:
    """A record as plain values for JSON, with the table it belongs to."""
    from ..convert import converter
    from ..dataset import table_of

    data: dict[str, Any] = converter().unstructure(record)
    return {"table": table_of(record), **data}


def cell(value: object) -> str:
    """A plain value (of :func:`plain`) as the text of one table cell."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, dict):
        if set(value) <= {"name", "start", "end"} and "name" in value:
            # An alias as people write a name in force: "Nur-Sultan (2019–2022-09)".
            start, end = cell(value.get("start")), cell(value.get("end"))
            return f"{value['name']} ({start}–{end})" if start or end else str(value["name"])
        return ", ".join(f"{k}={cell(v)}" for k, v in value.items() if v not in (None, ""))
    return str(value)


def _width() -> int:
    """The terminal's width; 120 when output goes to a file or pipe and COLUMNS is unset
    (a file has no width, and 80 would wrap ids and amounts in every row)."""
    import shutil

    return max(40, shutil.get_terminal_size((120, 24)).columns)


def wrap(text: str, *, indent: str = "") -> str:
    """``text`` wrapped to the terminal's width, every line indented by ``indent``."""
    import textwrap

    return (
        textwrap.fill(text, _width(), initial_indent=indent, subsequent_indent=indent + "  ")
        or indent.rstrip()
    )


def print_wrapped(header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A table that fits the terminal: the widest columns narrowed, their cells
    wrapped onto more lines (a 500-character description no longer pads every row)."""
    import textwrap

    from ..text import printable

    cells = [[printable(str(c)) for c in row] for row in rows]
    widths = [len(h) for h in header]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    room = _width() - 2 * (len(header) - 1)
    # A column narrows no further than its short cells (an amount, an id, "="): only
    # long text (a description) wraps.
    floors = [
        max([len(h), *(len(row[i]) for row in cells if len(row[i]) <= 44)])
        for i, h in enumerate(header)
    ]
    while sum(widths) > room:
        narrowable = [i for i in range(len(widths)) if widths[i] > floors[i]]
        if not narrowable:
            break
        widest = max(narrowable, key=lambda i: widths[i])
        widths[widest] = max(floors[widest], widths[widest] - (sum(widths) - room))
    print("  ".join(f"{h:<{w}}" for h, w in zip(header, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in cells:
        wrapped = [
            textwrap.wrap(c, w, break_on_hyphens=False, break_long_words=False) or [""]
            for c, w in zip(row, widths, strict=True)
        ]
        for i in range(max(len(lines) for lines in wrapped)):
            parts = [lines[i] if i < len(lines) else "" for lines in wrapped]
            print("  ".join(f"{c:<{w}}" for c, w in zip(parts, widths, strict=True)).rstrip())
