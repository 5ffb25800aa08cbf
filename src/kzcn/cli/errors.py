"""The command line's two kinds of failure the user can act on, and the "did you mean"
that ends a message about an unknown name."""

from __future__ import annotations

from collections.abc import Iterable

from ..suggest import close_matches


class UsageError(Exception):
    """A bad argument: reported in one line, exit code 2."""


class OutputError(Exception):
    """Output that cannot be written: reported in one line, exit code 1."""


def closest(word: str, choices: Iterable[str]) -> str:
    """``; did you mean ...?`` with the choices close to ``word``, or nothing."""
    close = close_matches(word, choices)
    return f"; did you mean {', '.join(close)}?" if close else ""
