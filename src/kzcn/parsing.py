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

So is a text nesting arrays and inline tables deeper than :data:`~kzcn.limits.MAX_NESTING`,
or with a key or table header of more than :data:`~kzcn.limits.MAX_KEY_PARTS` dotted
parts (:class:`TOMLLimitError`, naming the line): tomllib's time grows with the square
of a key's parts (30,000 parts took 18 s), and its recursion ends where rtoml's does not,
so the two would disagree. Every scan here is one pass over the text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, Final

from .limits import MAX_KEY_PARTS, MAX_NESTING

__all__ = ["BOM", "BOM_MESSAGE", "TOMLError", "TOMLLimitError", "loads", "parser", "toml_11"]


class TOMLError(ValueError):
    """Text that is not valid TOML; the message is tomllib's (or :data:`BOM_MESSAGE`)."""


class TOMLLimitError(TOMLError):
    """A text beyond a limit of :mod:`kzcn.limits` (nesting, dotted parts), refused before
    it is parsed; the message says which limit, and the line."""


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
_TRAILING_COMMA: Final = re.compile(r",\s*\}")
# The minutes of a time: TOML 1.0 wants seconds after them. The seconds themselves and
# an offset ("+05:30") are told apart by what comes before the two digits of the hour.
_MINUTES: Final = re.compile(r":\d\d(?![:\d])")
_BRACKETS: Final = re.compile(r"[][{}]")
# An inline table written on one line, innermost first (no braces or newlines inside),
# and any innermost array or inline table: removed a few times over, they tell a text as
# shallow as the data (2 deep) at C speed; a deeper one is scanned once, in Python.
_INLINE: Final = re.compile(r"\{[^{}\n]*\}")
_INNERMOST: Final = re.compile(r"[\[{][^\][{}]*[\]}]")
_FAST_PASSES: Final = 4
# A key (or a table header) of more than MAX_KEY_PARTS dotted parts, strings being "S"
# (a value outside a string has at most one dot: a float). Tried only where a word starts
# after no dot, and possessive, so that a long word or key is not backtracked into.
_LONG_KEY: Final = re.compile(rf"(?<![\w.-])[\w-]++(?:[ \t]*+\.[ \t]*+[\w-]++){{{MAX_KEY_PARTS}}}")


def _minutes_without_seconds(bare: str) -> bool:
    for match in _MINUTES.finditer(bare):
        at = match.start()
        if at >= 2 and bare[at - 2 : at].isdigit() and (at < 3 or bare[at - 3] not in _BEFORE):
            return True
    return False


_BEFORE: Final = frozenset("-+:.0123456789")


def _bare(text: str) -> str:
    """``text`` with each string and comment as ``S``."""
    return _STRINGS.sub("S", text)


def toml_11(text: str) -> bool:
    """True when ``text`` may use what TOML 1.1 adds to TOML 1.0 (and so must be read by
    tomllib to be refused as it is without the ``fast`` extra). It may say True for a
    valid TOML 1.0 text (a brace or an escape inside a string); never False for a text
    that uses TOML 1.1."""
    return _toml_11(text, _bare(text))


def _toml_11(text: str, bare: str) -> bool:
    if text.startswith("\ufeff") or "\\e" in text or "\\x" in text:
        return True
    if _TRAILING_COMMA.search(bare) or _minutes_without_seconds(bare):
        return True
    if "{" in bare or "}" in bare:
        # Inline tables are removed from the innermost out, a few levels at C speed (the
        # data nests them 1 deep); a brace left over is an inline table that spans lines
        # (or one that is not closed: tomllib says which). Deeper text takes one pass.
        for _ in range(_FAST_PASSES):
            bare, count = _INLINE.subn("T", bare)
            if not count:
                return "{" in bare or "}" in bare
        return _multiline_inline(bare)
    return False


def _multiline_inline(bare: str) -> bool:
    """True when an inline table spans lines, or a brace is not matched (tomllib then
    says where). One pass over the braces: a newline is looked for once in each
    outermost inline table (they do not overlap), so the work is linear in the text
    however deep the tables nest (one pass over the text per level took 26 s at 20,000
    levels)."""
    depth = 0
    start = 0
    for match in _BRACKETS.finditer(bare):
        brace = match.group()
        if brace == "{":
            if not depth:
                start = match.start()
            depth += 1
        elif brace == "}":
            if not depth:
                return True
            depth -= 1
            if not depth and bare.find("\n", start, match.start()) >= 0:
                return True
    return depth > 0


def _limit(text: str, bare: str) -> None:
    """Raise :class:`TOMLLimitError` when ``bare`` nests too deeply or has too long a
    key."""
    if not _shallow(bare) and _too_deep(bare) is not None:
        raise TOMLLimitError(
            f"nested more than {MAX_NESTING} deep (arrays and inline tables) "
            f"at line {_line(text, _too_deep)}"
        )
    if bare.count(".") >= MAX_KEY_PARTS - 1 and _LONG_KEY.search(bare):
        raise TOMLLimitError(
            f"a key or table header of more than {MAX_KEY_PARTS} dotted parts "
            f"at line {_line(text, _long_key)}"
        )


def _shallow(bare: str) -> bool:
    """True when ``bare`` nests arrays and inline tables at most :data:`_FAST_PASSES`
    deep (or leaves brackets unmatched at that depth: the parser says where), found at C
    speed by removing the innermost brackets a few times."""
    for _ in range(_FAST_PASSES):
        bare, count = _INNERMOST.subn("", bare)
        if not count:
            return True
    return False


def _too_deep(bare: str) -> int | None:
    """Where in ``bare`` arrays and inline tables first nest beyond the limit."""
    depth = 0
    for match in _BRACKETS.finditer(bare):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return match.start()
        elif depth:
            depth -= 1
    return None


def _long_key(bare: str) -> int | None:
    match = _LONG_KEY.search(bare)
    return None if match is None else match.start()


def _line(text: str, find: Callable[[str], int | None]) -> int:
    """The line of what ``find`` finds, in ``text`` read with its strings and comments
    kept as long in lines (slower than :func:`_bare`, so done for a refused text alone)."""
    lined = _STRINGS.sub(lambda m: "S" + "\n" * m.group().count("\n"), text)
    return lined.count("\n", 0, find(lined) or 0) + 1


def _rtoml(text: str, bare: str) -> dict[str, Any]:
    import rtoml

    if _toml_11(text, bare):
        return _tomllib(text)
    try:
        document: dict[str, Any] = rtoml.loads(text)
    except Exception:
        return _tomllib(text)
    return document


def loads(text: str, *, using: str | None = None) -> dict[str, Any]:
    """Parse TOML text (``using``: force ``"tomllib"`` or ``"rtoml"``); raises
    :class:`TOMLError` with tomllib's message for invalid text, :class:`TOMLLimitError`
    for a text beyond a limit of :mod:`kzcn.limits`, with either parser."""
    if text.startswith(BOM):
        raise TOMLError(BOM_MESSAGE)
    bare = _bare(text)
    _limit(text, bare)
    if (using or parser()) == "rtoml":
        return _rtoml(text, bare)
    return _tomllib(text)
