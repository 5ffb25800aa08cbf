"""Command-line values read as the library's: dates, ``--where`` values, names of
linked records, record ids; a value that reads as nothing is a usage error."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .errors import OutputError, UsageError, closest
from .parser import LINK_OPTIONS

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..dates import Period


def _period(text: str | None, option: str) -> Period | None:
    from ..dates import Period

    if text is None:
        return None
    try:
        return Period.parse(text)
    except ValueError as exc:
        raise UsageError(f"{option} {text!r}: {exc}") from None


def date_range(args: argparse.Namespace) -> tuple[Period | None, Period | None]:
    """``--from`` and ``--to`` as periods (either may be absent); an empty range is a
    usage error."""
    start, end = _period(args.start, "--from"), _period(args.end, "--to")
    if start is not None and end is not None and start.start > end.end:
        raise UsageError(f"empty date range: --from {args.start} is after --to {args.end}")
    return start, end


def coerce(cls: type[Any], name: str, value: str) -> object:
    """``--where`` text as the field's own type (:func:`kzcn.convert.from_text`): a
    number for a number field (``abc`` for one is a usage error), the text itself for
    text, ids, enums and dates."""
    from ..convert import from_text

    try:
        return from_text(cls, name, value)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def linked_id(ds: Dataset, args: argparse.Namespace, option: str) -> str | None:
    """The id an option such as ``--person xi`` names (an id, a name or an alias)."""
    import warnings

    text = getattr(args, option)
    if text is None:
        return None
    table = LINK_OPTIONS[option][0]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return ds.id_of(text, table)
    except KeyError as exc:
        raise UsageError(f"--{option}: {exc.args[0]}") from None


def renamed_to(ds: Dataset, record_id: str) -> str | None:
    """The id a renamed id now has (``None`` for a live, removed or unknown id)."""
    redirect = ds.redirects.get(record_id)
    if redirect is None or redirect.to is None or ds.get(redirect.to) is None:
        return None
    return redirect.to


def record_named(ds: Dataset, record_id: str) -> Any:
    """The record with this id, or a usage error saying what the library says: why a
    removed id was removed, which ids are close to an unknown one."""
    try:
        return ds[record_id]
    except KeyError as exc:
        if record_id in ds.redirects:
            raise UsageError(str(exc.args[0])) from None
    ids = [i for table in ds.tables.values() for i in table.ids]
    raise UsageError(f"no record {record_id!r}{closest(record_id, ids)}")


def check_output_place(option: str, value: str) -> None:
    """Raise :class:`OutputError` when a folder on the way to the output ``value`` is a
    file (``--out notes.txt/chart.png``): the command would fail half-way, with a
    message about whatever it was creating."""
    from pathlib import Path

    for parent in Path(value).parents:
        if parent.exists():  # the nearest that exists: the rest is created
            if not parent.is_dir():
                message = f"cannot write there: {parent} is a file, not a folder"
                raise OutputError(f"{option} {value}: {message}")
            return
