"""A short human label for any record, shared by the command line and the docs."""

from __future__ import annotations

from typing import Any

__all__ = ["label"]


def label(record: Any, *, amount: bool = False) -> str:
    """A one-line label: a record's title or name; for a figure its subject, direction
    and measure (with ``amount``, also the amount as stated and its qualifier); for an
    erratum its kind and the field it explains. Empty text for anything else."""
    for attr in ("title", "name"):
        value = getattr(record, attr, None)
        if isinstance(value, str):
            return value
    if hasattr(record, "amount") and hasattr(record, "subject"):
        direction = f" {record.direction.value}" if getattr(record, "direction", None) else ""
        text = f"{record.subject.value}{direction} {record.measure.value}"
        if amount:
            text += f": {record.amount} ({record.qualifier.value})"
        return text
    if hasattr(record, "problem"):
        return f"{record.kind.value}: {record.record}.{record.field}"
    return ""
