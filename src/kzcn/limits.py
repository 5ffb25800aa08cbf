"""Limits on what kzcn reads, so that no input can exhaust memory or hang a reader.

- :data:`MAX_FILE_BYTES`: a data file, a source text or a JSON export larger than this
  (50 MB) is refused before it is read, with one line naming it. The largest data file
  kzcn ships is under 0.2 MB, and 100,000 generated records come in files of under
  0.1 MB each; a source text of 50 MB would be a library of books. A file that does not
  say its size (a pipe, a device) is read up to the limit and refused beyond it.
- :data:`MAX_NESTING` and :data:`MAX_KEY_PARTS`: a TOML text whose arrays and inline
  tables nest more than 100 deep, or with a key or table header of more than 100 dotted
  parts, is refused before it is parsed, with one line naming the file and the line
  (with either parser: tomllib's time grows with the square of a key's parts, and its
  recursion ends a few hundred levels deep where rtoml's goes on). The shipped data nests
  2 deep (``[[figures]]``, an inline table in an array) and its longest key has 2 parts.
- :data:`PROBLEMS_SHOWN`: the command line prints this many problems of a file that
  does not load, then how many more there are (``--json`` lists them all).
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # pathlib is not imported at run time: the compiled data's fast path
    from pathlib import Path  # reads through this module, and pathlib costs start-up time

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_KEY_PARTS",
    "MAX_NESTING",
    "MISSING",
    "PROBLEMS_SHOWN",
    "FileTooLarge",
    "not_a_file",
    "read_bytes",
    "read_text",
]

#: The largest file kzcn reads: data files, source texts, JSON exports.
MAX_FILE_BYTES: Final = 50 * 2**20
#: The deepest a TOML text may nest arrays and inline tables (a header ``[[x]]`` is 2).
MAX_NESTING: Final = 100
#: The most dotted parts a TOML key or table header may have (``a.b.c`` has 3).
MAX_KEY_PARTS: Final = 100
#: Problems printed in the terminal before "and N more".
PROBLEMS_SHOWN: Final = 10


class FileTooLarge(OSError):
    """A file larger than :data:`MAX_FILE_BYTES`; the message says how large."""


def _too_large(size: int | None) -> FileTooLarge:
    stated = f" ({size:,} bytes)" if size is not None else ""
    return FileTooLarge(f"larger than the {MAX_FILE_BYTES // 2**20} MB limit for a file{stated}")


#: What :func:`not_a_file` says of a path where nothing is.
MISSING: Final = "does not exist"


def not_a_file(path: str | Path) -> str | None:
    """Why ``path`` is not a regular file to read, in words that follow its name
    (:data:`MISSING`, "is a folder, not a regular file", "is not a regular file": a pipe,
    a device, a link to one or a link that leads nowhere), or ``None`` when it is one."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "is not a regular file" if os.path.lexists(path) else MISSING
    except OSError as exc:  # a loop of links, a name too long: the system's words
        return f"cannot be read: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None
    return "is a folder, not a regular file" if stat.S_ISDIR(mode) else "is not a regular file"


def read_bytes(path: str | Path) -> bytes:
    """The bytes of ``path``, refused with :class:`FileTooLarge` when it is larger than
    :data:`MAX_FILE_BYTES`: a regular file by its size, before anything is read, any
    other by reading one byte more than the limit at most."""
    # Opened without blocking, so a pipe no program writes to cannot hang the open (it
    # then reads as empty); reads block again, for a pipe a program does write to.
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, os.O_RDONLY | nonblocking)
    if nonblocking:
        os.set_blocking(fd, True)
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(stream.fileno())
        if stat.S_ISREG(info.st_mode) and info.st_size > MAX_FILE_BYTES:
            raise _too_large(info.st_size)
        data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(None)
    return data


def read_text(path: str | Path) -> str:
    """The UTF-8 text of ``path``, within the limit of :func:`read_bytes`, its line ends
    read as ``Path.read_text`` reads them (``\r\n`` and ``\r`` as ``\n``)."""
    text = read_bytes(path).decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
