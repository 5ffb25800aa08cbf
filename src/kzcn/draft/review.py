"""``kzcn review FILE``: mark drafted records of a data file as reviewed.

A reviewer reads each draft with its sentence (``kzcn --data FILE check`` lists them,
least sure first), corrects the file where the draft is wrong, and then marks the
records reviewed: their ``review`` becomes ``"reviewed"`` and their confidences go
(they described the draft, not the reviewed record). The file is written whole or
not at all: the marked records' lines are edited in place, so comments and layout
stay; a file whose lines are not in a form this can edit is rewritten in the form
``kzcn draft`` writes. A file with nothing to mark is not touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from ..limits import read_text
from ..parsing import TOMLError, loads
from ..writer import dumps_rows
from .run import DraftError, write

__all__ = ["drafts_in", "mark_reviewed"]


def _rows(path: Path) -> dict[str, list[dict[str, Any]]]:
    try:
        if path.exists() and not path.is_file():  # a pipe would block the read
            raise OSError("not a regular file")
        text = read_text(path)
    except (OSError, UnicodeDecodeError) as error:
        raise DraftError(f"{path}: cannot read ({error})") from None
    try:
        document = loads(text)
    except TOMLError as error:
        raise DraftError(f"{path}: not TOML ({str(error).splitlines()[0]})") from None
    tables: dict[str, list[dict[str, Any]]] = {}
    for name, rows in document.items():
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise DraftError(f"{path}: {name!r} is not a table of records")
        tables[name] = rows
    return tables


def drafts_in(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """The drafted rows of a data file: (table, row), in file order."""
    return [(t, r) for t, rows in _rows(path).items() for r in rows if r.get("review") == "draft"]


def mark_reviewed(path: Path, ids: Iterable[str] | None = None) -> list[str]:
    """Mark the drafts ``ids`` of the file (every draft when ``None``) reviewed; the ids
    marked. An id that is not a draft of the file is refused and nothing is written."""
    tables = _rows(path)
    drafted = {r["id"] for rows in tables.values() for r in rows if r.get("review") == "draft"}
    wanted = set(drafted if ids is None else ids)
    unknown = sorted(wanted - drafted)
    if unknown:
        raise DraftError(f"{path}: no draft of id {', '.join(map(repr, unknown))}")
    marked: list[str] = []
    for rows in tables.values():
        for row in rows:
            if row.get("id") in wanted:
                row["review"] = "reviewed"
                row.pop("confidence", None)
                marked.append(row["id"])
    if marked:  # nothing to mark: the file is left as it is, not rewritten
        edited = _edited(read_text(path), set(marked))
        # The reviewer's comments and layout are kept when the lines could be edited in
        # place (checked: the edited text reads as the marked records); else rewritten.
        if edited is None or _parsed(edited) != tables:
            edited = dumps_rows(tables)
        write(path, edited, force=True)
    return marked


_HEADER: Final = re.compile(r"\s*\[")
_ID: Final = re.compile(r'id\s*=\s*"([^"\\]*)"\s*(#.*)?')
_REVIEW: Final = re.compile(r'review\s*=\s*"draft"\s*(#.*)?')
_CONFIDENCE: Final = re.compile(r"confidence\s*=\s*\[")


def _edited(text: str, ids: set[str]) -> str | None:
    """``text`` with the drafts ``ids`` marked reviewed line by line (their ``review``
    line set, their ``confidence`` lines dropped), or ``None`` when a line is not in
    the form this can edit."""
    out: list[str] = []
    current: str | None = None
    skipping = False
    for line in text.splitlines(keepends=True):
        bare = line.rstrip("\r\n")
        if skipping:
            skipping = not bare.strip().startswith("]")
            continue
        if _HEADER.match(bare):
            current = None
        elif (found := _ID.fullmatch(bare)) is not None:
            current = found[1]
        elif current in ids and _REVIEW.fullmatch(bare):
            line = line.replace('"draft"', '"reviewed"', 1)
        elif current in ids and _CONFIDENCE.match(bare):
            skipping = not bare.rstrip().endswith("]")
            continue
        out.append(line)
    return None if skipping else "".join(out)


def _parsed(text: str) -> object:
    try:
        return loads(text)
    except TOMLError:
        return None
