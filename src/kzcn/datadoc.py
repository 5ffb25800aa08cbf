"""Generate the data dictionary (``docs/data.md``) from the model and the data.

``python -m kzcn.datadoc > docs/data.md`` rewrites it; a test fails when the committed
page and the code disagree, so the docs cannot drift (as the holidays library does).
"""

from __future__ import annotations

import enum
import typing
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from .dataset import RECORD_TYPES, Dataset
from .intervals import ABOUT, ALMOST_FLOOR, MORE_THAN_CEILING
from .records import when
from .units import UNITS
from .vocabulary import (
    AgreementKind,
    Direction,
    FigureKind,
    Measure,
    Qualifier,
    Subject,
    VisitKind,
)

__all__ = ["render"]


def markdown_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> Iterator[str]:
    yield "| " + " | ".join(header) + " |"
    yield "|" + "|".join("---" for _ in header) + "|"
    for row in rows:
        yield "| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in row) + " |"
    yield ""


def _label(record: Any) -> str:
    for attr in ("title", "name"):
        value = getattr(record, attr, None)
        if isinstance(value, str):
            return value
    if hasattr(record, "amount"):
        subject = f"{record.subject.value} {record.measure.value}"
        return f"{subject}: {record.amount} ({record.qualifier.value})"
    if hasattr(record, "problem"):
        return f"{record.kind.value}: {record.record}.{record.field}"
    return ""


def _type_name(kind: Any) -> str:
    # Field types are strings until something (cattrs) resolves them; both must print
    # alike, so a generic alias prints in full, not as its bare origin ("tuple").
    if isinstance(kind, str):
        text = kind
    elif isinstance(kind, type) and typing.get_origin(kind) is None:
        text = kind.__name__
    else:
        text = str(kind)
    for prefix in ("kzcn.records.", "kzcn.dates.", "kzcn.units.", "kzcn.vocabulary."):
        text = text.replace(prefix, "")
    return text


def _enum_rows(kind: type[enum.Enum]) -> str:
    return ", ".join(f"`{m.value}`" for m in kind)


def render(ds: Dataset) -> str:
    """The whole ``docs/data.md`` page as text."""
    out = [
        "# Data dictionary",
        "",
        "Generated from the code and the data by `python -m kzcn.datadoc`; do not edit by "
        "hand (a test compares this page with the code).",
        "",
        "## Tables and fields",
        "",
    ]
    for table, cls in RECORD_TYPES.items():
        out.append(f"### `{table}`: {cls.__name__}")
        out.append("")
        rows = []
        for field in attrs.fields(cls):
            kind = _type_name(field.type)
            links = field.metadata.get("link")
            note = f"link to {', '.join(links)}" if links else ""
            required = "yes" if field.default is attrs.NOTHING else ""
            rows.append((f"`{field.name}`", f"`{kind}`", required, note))
        out.extend(markdown_table(("field", "type", "required", "note"), rows))
    counts = Counter(f.subject for f in ds.figures)
    out += [
        "## Subjects of figures",
        "",
        "A `level` figure's unit must have the subject's dimension; growth is in percent,",
        "shares in percent or as a fraction, multiples in times, ranks in rank.",
        "",
    ]
    out.extend(
        markdown_table(
            ("subject", "dimension", "figures", "meaning"),
            [
                (
                    f"`{s.value}`",
                    f"`{s.dimension or 'dimensionless'}`",
                    str(counts[s]),
                    s.description,
                )
                for s in Subject
            ],
        )
    )
    out += ["## Units", ""]
    out.extend(
        markdown_table(
            ("unit", "dimension", "size", "also written", "meaning"),
            [
                (
                    f"`{u.name}`",
                    f"`[{u.base}]`" if u.base else "dimensionless",
                    u.factor,
                    ", ".join(f"`{s}`" for s in u.symbols),
                    u.description,
                )
                for u in UNITS
            ],
        )
    )
    out += [
        "## Qualifiers and intervals",
        "",
        "Each figure stands for an interval: its stated value plus or minus half a step of "
        "its last digit, widened by its qualifier:",
        "",
    ]
    out.extend(
        markdown_table(
            ("qualifier", "interval for stated x, half-step h"),
            [
                ("`exact`", "[x - h, x + h]"),
                ("`about`", f"[x - h - {ABOUT}·x, x + h + {ABOUT}·x]"),
                ("`more_than`, `at_least`", f"[x - h, (x + h) · {MORE_THAN_CEILING}]"),
                ("`almost`, `less_than`", f"[(x - h) · {ALMOST_FLOOR}, x + h]"),
                ("`up_to`", "[0, x + h]"),
            ],
        )
    )
    out += [
        "## Other vocabularies",
        "",
        f"- measure: {_enum_rows(Measure)}",
        f"- kind of figure: {_enum_rows(FigureKind)}",
        f"- qualifier: {_enum_rows(Qualifier)}",
        f"- direction: {_enum_rows(Direction)}",
        f"- visit kind: {_enum_rows(VisitKind)}",
        f"- agreement kind: {_enum_rows(AgreementKind)}",
        "",
        "## What was taken from each source",
        "",
    ]
    for source in ds.sources:
        out.append(f"### {source.id}")
        out.append("")
        out.append(f"{source.title} ({source.kind.value}, {source.published}).")
        out.append("")
        rows = []
        for table, records in ds.tables.items():
            if table == "sources":
                continue
            for record in records.by_source(source.id):
                period = when(record)
                rows.append((table, f"`{record.id}`", str(period or ""), _label(record)))
        out.extend(markdown_table(("table", "id", "date", "what"), rows))
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover
    from .loader import load

    print(render(load()), end="")
