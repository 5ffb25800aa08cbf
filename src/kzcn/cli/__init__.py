"""The ``kzcn`` command (also ``python -m kzcn``).

Exit codes: 0 success, 1 open findings (``check``), failed verification, a cited
record that changed (``diff --ids``), bad data files
or I/O errors (an unwritable output, a full disk; a closed stdout or a reader that
left, ``| head -1``, with no message), 2 usage errors (bad arguments, dates, values,
unknown ids, fields or tables), 130 Ctrl-C. Every error is one line on stderr, never
a traceback. Text output escapes control, bidi and invisible characters.

Views: one policy, :mod:`kzcn.views` (analysis outputs, ``export`` included, show the
resolved view unless given ``--as-stated``; ``check`` and ``search`` the records as the
sources state them unless given ``--resolved``), said in each command's ``--help``.
Heavy modules (pint, pandas, matplotlib) load only in the subcommands that need them.

This module runs one command and turns every failure into one line. The rest of the
package: :mod:`.parser` (the arguments), :mod:`.arguments` (their values read as the
library's), :mod:`.output` (printing), :mod:`.errors` (usage and output errors), and the
commands by concern: :mod:`.records`, :mod:`.checks`, :mod:`.files`, :mod:`.drafts`.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import io
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from .errors import OutputError, UsageError
from .parser import EPILOG, LINK_OPTIONS, VIEWS, build_parser, empty_value, version_line

if TYPE_CHECKING:
    from ..dataset import Dataset

__all__ = [
    "COMMANDS",
    "EPILOG",
    "LINK_OPTIONS",
    "VIEWS",
    "OutputError",
    "UsageError",
    "build_parser",
    "command",
    "main",
    "version_line",
]

COMMANDS: Mapping[str, str] = {
    "summary": "records",
    "list": "records",
    "show": "records",
    "search": "records",
    "timeline": "records",
    "series": "records",
    "sources": "records",
    "errata": "records",
    "check": "checks",
    "verify": "checks",
    "cite": "files",
    "diff": "files",
    "releases": "files",
    "export": "files",
    "plot": "files",
    "draft": "drafts",
    "review": "drafts",
}
"""Each subcommand -> the module of this package that runs it, as ``<command>_command``
(:func:`command`). A run imports the one module its command needs: the command line
starts no slower for having every command's code in the package."""


def command(name: str) -> Callable[[Dataset, argparse.Namespace], int]:
    """The function that runs the subcommand ``name``: it gets the data in the command's
    view and the parsed arguments, prints, and returns the exit code."""
    module = importlib.import_module(f"{__name__}.{COMMANDS[name]}")
    run: Callable[[Dataset, argparse.Namespace], int] = getattr(module, f"{name}_command")
    return run


def _load(paths: Sequence[str], texts: str | None) -> Dataset:
    from ..loader import load

    return load(extra=paths, texts=texts if texts is not None else None)


def _view(ds: Dataset, args: argparse.Namespace) -> Dataset:
    from ..views import default_view

    if args.command not in VIEWS:
        return ds  # each command without a view option reads what it needs itself
    view = getattr(args, "view", None)
    if view is None:
        view = default_view(args.command)
    return ds.resolved() if view == "resolved" else ds


def _fail(message: str, code: int) -> int:
    from ..text import printable

    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    _silence_stdout()
    print(f"kzcn: error: {printable(message)}", file=sys.stderr)
    return code


def _silence_stdout() -> None:
    # Whatever is still buffered for a closed pipe or a full disk is dropped, so Python
    # does not report it again at exit.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    _open_closed_streams()
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C: one line, the shell's status for SIGINT
        _silence_stdout()
        with contextlib.suppress(OSError, ValueError):
            print("kzcn: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # while argparse printed --help or --version (see _run)
        _silence_stdout()
        return 1
    except SystemExit:
        # argparse's --help, --version and usage errors end here: what they printed is
        # flushed now, where a reader that left is still caught (at exit it would be
        # "Exception ignored" and status 120).
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
            raise SystemExit(1) from None
        if isinstance(sys.stdout, _ClosedOutput) and sys.stdout.refused:
            raise SystemExit(1) from None
        raise


class _ClosedOutput(io.TextIOBase):
    """Standard output closed before the start (``kzcn list figures >&-``; Python
    gives ``None``): the first write ends the command as a reader that left does, with
    status 1 and no message, since nothing could be written."""

    refused = False  # something was to be written (argparse's help swallows the error)

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.refused = True
        raise BrokenPipeError(errno.EPIPE, "standard output is closed")


def _open_closed_streams() -> None:
    # A closed descriptor 1 or 2 is held open on the null device: else the next file
    # the command opens (an export's CSV) would get it, and a stray write to "stdout"
    # (a library's, a child process's) would land in that file.
    for fd in (1, 2):
        try:
            os.fstat(fd)
        except OSError:
            held = os.open(os.devnull, os.O_WRONLY)
            if held != fd:
                os.dup2(held, fd)
                os.close(held)
    # A closed stderr drops the messages it would get; the status still tells a
    # failure (every failure has a non-zero one), and a command that succeeds exits 0.
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.command, args.json = "summary", False
    empty = empty_value(parser, args)
    if empty is not None:
        return _fail(f"{empty} is empty (an unset variable?)", 2)
    for path in args.data:
        if not os.path.exists(path):
            return _fail(f"no such data file: {path}", 2)
        if os.path.isdir(path):
            return _fail(f"--data {path}: is a folder, not a data file", 2)
    if args.texts is not None and not os.path.isdir(args.texts):
        return _fail(f"--texts {args.texts}: is not a folder of source texts", 2)
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    from ..errors import DataError

    try:
        ds = _load(args.data, args.texts)
        code = command(args.command)(_view(ds, args), args)
        sys.stdout.flush()
        return code
    except UsageError as exc:
        return _fail(str(exc), 2)
    except DataError as exc:
        from ..limits import PROBLEMS_SHOWN

        count = len(exc.problems)
        if getattr(args, "json", False):  # every problem, for a program to read
            from .output import dump

            dump({"ok": False, "problems": [str(p) for p in exc.problems]})
        # The terminal gets the first few: 10,000 problems would be megabytes of one line.
        found = "; ".join(str(p) for p in exc.problems[:PROBLEMS_SHOWN])
        if count > PROBLEMS_SHOWN:
            found += f"; and {count - PROBLEMS_SHOWN:,} more; --json lists all"
        return _fail(f"{count:,} problem{'s' if count != 1 else ''} in the data: {found}", 1)
    except OutputError as exc:
        return _fail(str(exc), 1)
    except BrokenPipeError:
        # `kzcn list figures | head -1` (the reader left) or `>&-` (no reader): the
        # output was not all written, so status 1 (Python's recipe for EPIPE), and no
        # message: the reader is gone, or there never was one.
        _silence_stdout()
        return 1
    except UnicodeEncodeError as exc:
        encoding = getattr(sys.stdout, "encoding", "?")
        return _fail(
            f"the output's encoding ({encoding}) cannot show {exc.object[exc.start : exc.end]!r}; "
            "set PYTHONIOENCODING=utf-8",
            1,
        )
    except OSError as exc:
        from ..export import ExportError

        if isinstance(exc, ExportError):  # a whole sentence already
            return _fail(str(exc), 1)
        where = f" {exc.filename}" if exc.filename else ""
        verb = "write" if _is_output(exc.filename, args) else "read"
        if exc.filename is None and exc.errno in _FULL:  # only writes fill a disk
            _silence_stdout()  # what is still buffered cannot be written either
            verb, where = "write", " standard output"
        return _fail(f"cannot {verb}{where}: {exc.strerror or exc}", 1)


# A full disk, a file past its size limit, a quota: errors only a write can meet.
_FULL = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})


def _is_output(filename: object, args: argparse.Namespace) -> bool:
    """True when ``filename`` is what the command writes (``--out`` or inside it)."""
    out = getattr(args, "out", None)
    if out is None or filename is None:
        return False
    try:
        target, name = os.path.abspath(out), os.path.abspath(os.fsdecode(filename))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return name == target or name.startswith(target.rstrip(os.sep) + os.sep)
