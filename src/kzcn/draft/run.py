"""``kzcn draft TEXT``: read a text file, draft it, write a data file for review.

Everything a user can get wrong is refused with one line (:class:`DraftError`) before
anything is written: an unreadable, binary, non-UTF-8 or oversized text, a source id
that is taken or not a slug, an output file that exists (unless ``force``). The output
is written to a temporary file beside it and renamed, so it is whole or absent.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from datetime import date
from pathlib import Path
from typing import Any

from ..records import SLUG_PATTERN
from ..writer import dumps
from . import Draft, Names, draft
from .build import records, slug, source_record

__all__ = ["MAX_TEXT_BYTES", "DraftError", "draft_file", "read_text", "write"]

MAX_TEXT_BYTES = 5 * 1024 * 1024
"""The largest text ``kzcn draft`` reads (5 MiB; a long article is under 100 kB)."""


class DraftError(ValueError):
    """A text or an option ``kzcn draft`` cannot use; the message is one line."""


def read_text(path: Path) -> str:
    """The text of ``path``, refused when it is not a readable UTF-8 text file of at most
    :data:`MAX_TEXT_BYTES`."""
    try:
        if not path.is_file():
            raise DraftError(f"{path}: not a file")
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise DraftError(f"{path}: {size:,} bytes; a text may have at most {MAX_TEXT_BYTES:,}")
        data = path.read_bytes()[: MAX_TEXT_BYTES + 1]
    except OSError as error:
        raise DraftError(f"{path}: cannot read ({error.strerror or error})") from None
    if b"\x00" in data:
        raise DraftError(f"{path}: a binary file, not a text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DraftError(f"{path}: not UTF-8 (byte {error.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _published(text: str, given: str | None) -> str:
    """The text's date: as given, else the first date line ("20.07.2021", "2019")."""
    if given is not None:
        return given
    head = text[:400]
    day = re.search(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b", head)
    if day is not None:
        return f"{day.group(3)}-{int(day.group(2)):02d}-{int(day.group(1)):02d}"
    year = re.search(r"\b((?:19|20)\d{2})\b", head)
    if year is not None:
        return year.group(1)
    raise DraftError("the text states no date in its first lines: give --published YYYY[-MM[-DD]]")


def draft_file(
    path: Path,
    ds: Any,
    *,
    source_id: str | None = None,
    published: str | None = None,
    title: str | None = None,
    out: Path | None = None,
    today: date | None = None,
) -> tuple[Draft, str]:
    """Draft the text at ``path`` against the dataset ``ds``; the draft and its TOML
    (whose source ``path`` is relative to ``out``'s folder, as the loader reads it).
    The text's date must be one the loader accepts for a source's publication: not
    before :data:`~kzcn.vocabulary.EARLIEST_YEAR`, nor after ``today`` (the local date
    by default)."""
    from ..dates import Period, PeriodError
    from ..vocabulary import published_problem

    text = read_text(path)
    source_id = source_id or slug(path.stem, 60)
    if not re.fullmatch(SLUG_PATTERN, source_id):
        raise DraftError(f"--source-id {source_id!r} is not an id (lower-case words and hyphens)")
    if source_id == "kzcn":  # `kzcn cite kzcn` cites the dataset, not a source
        raise DraftError("--source-id 'kzcn' names the dataset (kzcn cite kzcn); choose another")
    if title is not None and not title.strip():
        raise DraftError("--title is empty: give the text's title, or leave --title out")
    taken = {r.id for table in ds.tables.values() for r in table} | set(ds.redirects)
    if source_id in taken:
        raise DraftError(f"--source-id {source_id!r} is taken: the dataset has a record of that id")
    stated = _published(text, published)
    # A date read from the text's first lines is named as such: no --published was given.
    option = "--published" if published is not None else "the date in the text's first lines"
    try:
        period = Period.parse(stated)
    except PeriodError as error:
        raise DraftError(f"{option} {stated!r}: {error}") from None
    wrong = published_problem(period, today)
    if wrong is not None:
        hint = "" if published is not None else "; give --published YYYY[-MM[-DD]]"
        raise DraftError(f"{option} {stated!r}: {wrong}{hint}")
    year = period.year
    result = draft(text, published=year, names=Names.of(ds))
    folder = (out.parent if out is not None else Path()).resolve()
    where = os.path.relpath(path.resolve(), folder)
    source = source_record(source_id, text, path=where, published=stated, title=title)
    drafted = records(result, source, taken, ds.figures)
    return result, dumps({"sources": [source], **drafted})


def write(out: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``out`` whole or not at all; refuse an existing file unless
    ``force``."""
    if not str(out):
        raise DraftError("--out is empty")
    if out.exists() and not force:
        raise DraftError(f"{out}: exists; use --force to replace it")
    # A link is followed: the file it points to is replaced, the link stays.
    target = Path(os.path.realpath(out)) if out.is_symlink() else out
    folder = target.parent if str(target.parent) else Path(".")
    # Not mkstemp, whose file is 0600: created 0666 less the umask like any new file,
    # and given the mode of the file it replaces.
    temporary = str(folder / f".{target.name}.{secrets.token_hex(6)}")
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise DraftError(f"{out}: cannot write ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            if target.exists():
                os.chmod(temporary, stat.S_IMODE(target.stat().st_mode))
            stream.write(text)
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise DraftError(f"{out}: cannot write ({error.strerror or error})") from None
        raise
