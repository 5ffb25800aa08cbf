"""Where the ``kzcn`` command starts: the console script (``[project.scripts]``) and
``python -m kzcn`` both call :func:`main`.

It imports nothing of its own at module level, so Ctrl-C while the command line is
still being imported (the first ~0.1 s: argparse, the parser, the errors) ends as it
does later, in :func:`kzcn.cli.main`: one line, ``kzcn: interrupted``, and the shell's
status for SIGINT, 130 (it was a traceback when the console script imported
``kzcn.cli`` itself).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence

__all__ = ["INTERRUPTED", "main"]

INTERRUPTED = 130
"""The exit status after Ctrl-C: 128 + SIGINT, what a shell reports for it."""


def main(argv: Sequence[str] | None = None) -> int:
    """Import the command line, then run it (:func:`kzcn.cli.main`)."""
    try:
        from .cli import main as run

        return run(argv)  # which ends a later Ctrl-C the same way itself
    except KeyboardInterrupt:
        with contextlib.suppress(OSError, ValueError):  # a closed stderr: the status says it
            print("kzcn: interrupted", file=sys.stderr)
        return INTERRUPTED
