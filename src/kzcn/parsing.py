r"""TOML text into plain data: rtoml when it is installed (the ``fast`` extra), else the
standard library's tomllib.

Parsing is most of the cost of loading large users' data (at 10k records, tomllib takes
0.55 s of a 0.84 s load; rtoml parses the same files in 0.10 s). Both give the same
data for every valid file. For an invalid one, the message always comes from tomllib, so
an error reads the same whichever parser is installed.

The grammar is TOML 1.0, tomllib's, with either parser. rtoml also reads TOML 1.1
(newlines and a trailing comma in an inline table, the ``\e`` and ``\xHH`` escapes,
times without seconds, a byte order mark), so a file that loads with the ``fast`` extra
would be refused without it. A file where a cheap scan finds any of those (or something
that looks like one, inside a string or a comment) is therefore parsed by tomllib, whose
verdict and message stand: such files are rare, and only they pay for the slower parser.
A text starting with a byte order mark is refused by either parser before parsing, in
words that say so (:data:`BOM_MESSAGE`; tomllib's own is "Invalid statement (at line 1,
column 1)"), for every reader of TOML: the loader, ``kzcn review`` and ``kzcn diff``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, Final

__all__ = ["BOM", "BOM_MESSAGE", "TOMLError", "loads", "parser", "toml_11"]


class TOMLError(ValueError):
    """Text that is not valid TOML; the message is tomllib's (or :data:`BOM_MESSAGE`)."""


BOM: Final = "\ufeff"
BOM_MESSAGE: Final = (
    "starts with a UTF-8 byte order mark (BOM); save the file as UTF-8 without a BOM"
)


@functools.cache
def parser() -> str:
    """The name of the parser in use: ``"rtoml"`` or ``"tomllib"``."""
    try:
        import rtoml  # noqa: F401
    except ImportError:
        return "tomllib"
    return "rtoml"


def _tomllib(text: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TOMLError(str(exc)) from None
    except RecursionError:
        raise TOMLError("nested too deeply") from None


# Strings and comments, so that what the scan below looks for is looked for outside them
# (a string's escapes are looked for in the whole text: a "\e" is rare anywhere). Each
# alternative starts with the character it needs and consumes runs of ordinary
# characters at once: a slower form of this pattern cost more than rtoml's parse.
_STRINGS: Final = re.compile(
    r"""["'#](?:"""
    r"""(?<=")(?:""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"{3,5}|[^"\\\n]*(?:\\.[^"\\\n]*)*")"""
    r"""|(?<=')(?:''[^']*(?:'(?!'')[^']*)*'{3,5}|[^'\n]*')"""
    r"""|(?<=#)[^\n]*)""",
    re.DOTALL,
)
# An inline table written on one line, innermost first (no braces or newlines inside).
_INLINE: Final = re.compile(r"\{[^{}\n]*\}")
_TRAILING_COMMA: Final = re.compile(r",\s*\}")
# The minutes of a time: TOML 1.0 wants seconds after them. The seconds themselves and
# an offset ("+05:30") are told apart by what comes before the two digits of the hour.
_MINUTES: Final = re.compile(r":\d\d(?![:\d])")


def _minutes_without_seconds(bare: str) -> bool:
    for match in _MINUTES.finditer(bare):
        at = match.start()
        if at >= 2 and bare[at - 2 : at].isdigit() and (at < 3 or bare[at - 3] not in _BEFORE):
            return True
    return False


_BEFORE: Final = frozenset("-+:.0123456789")


def toml_11(text: str) -> bool:
    """True when ``text`` may use what TOML 1.1 adds to TOML 1.0 (and so must be read by
    tomllib to be refused as it is without the ``fast`` extra). It may say True for a
    valid TOML 1.0 text (a brace or an escape inside a string); never False for a text
    that uses TOML 1.1."""
    if text.startswith("\ufeff") or "\\e" in text or "\\x" in text:
        return True
    bare = _STRINGS.sub("S", text)
    if _TRAILING_COMMA.search(bare) or _minutes_without_seconds(bare):
        return True
    # Inline tables are removed from the innermost out; a brace left over is an inline
    # table that spans lines (or one that is not closed: tomllib says which).
    if "{" in bare or "}" in bare:
        while True:
            bare, count = _INLINE.subn("T", bare)
            if not count:
                break
        return "{" in bare or "}" in bare
    return False


def _rtoml(text: str) -> dict[str, Any]:
    import rtoml

    if toml_11(text):
        return _tomllib(text)
    try:
        document: dict[str, Any] = rtoml.loads(text)
    except Exception:
        return _tomllib(text)
    return document


def loads(text: str, *, using: str | None = None) -> dict[str, Any]:
    """Parse TOML text (``using``: force ``"tomllib"`` or ``"rtoml"``); raises
    :class:`TOMLError` with tomllib's message for invalid text."""
    if text.startswith(BOM):
        raise TOMLError(BOM_MESSAGE)
    choice: Callable[[str], dict[str, Any]] = _rtoml if (using or parser()) == "rtoml" else _tomllib
    return choice(text)
