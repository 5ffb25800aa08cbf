"""Text hygiene: what a text field may hold, counted and printed safely.

Data files are read as NFC-normalised text (:func:`normalize`). A text field may not
hold control characters (newlines only where the field allows several lines), bidi
controls, zero-width characters or other invisible formatting characters
(:func:`problem` says which, and where). Words are counted as visible words
(:func:`count_words`), and :func:`printable` escapes whatever a terminal would act on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any, Final

__all__ = [
    "MAX_LINE_CHARS",
    "MAX_TEXT_CHARS",
    "count_words",
    "normalize",
    "normalize_tree",
    "printable",
    "problem",
    "visible",
]

# Characters that are invisible or act on the terminal or on text direction: every
# control (Cc), format (Cf: bidi controls, zero-width spaces and joiners, the BOM,
# soft hyphens), line and paragraph separators, unassigned and private-use characters.
_REFUSED_CATEGORIES: Final = frozenset({"Cc", "Cf", "Zl", "Zp", "Cn", "Co", "Cs"})
_INVISIBLE = re.compile(
    "[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff"
    "\ufff9-\ufffb]"
)
_SEPARATORS = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")


MAX_LINE_CHARS: Final = 1_000
"""The longest one-line text field (a title, a name; the shipped data's longest is
about 200 characters): a 10 MB title would load, and every table and citation would
print it whole."""
MAX_TEXT_CHARS: Final = 20_000
"""The longest text field that may hold several lines (a description, a reading; the
shipped data's longest is about 1,200 characters)."""


def normalize(text: str) -> str:
    """The NFC form of ``text`` (how the loader reads every string of a data file)."""
    return unicodedata.normalize("NFC", text)


def normalize_tree(value: Any) -> Any:
    """Every string in nested lists and tables of a parsed TOML document, NFC-normalised
    (keys too)."""
    try:
        return _tree(value)
    except RecursionError:
        # A 6 KB data file can nest tables 3,000 deep (a header [a.a.a...] or a dotted
        # key), beyond Python's recursion limit: such a file is walked by a loop (2.3
        # times slower than the recursion, so kept for such files alone).
        return _deep_tree(value)


def _tree(value: Any) -> Any:
    if isinstance(value, str):
        return normalize(value)
    if isinstance(value, list):
        return [_tree(v) for v in value]
    if isinstance(value, dict):
        return {normalize(k): _tree(v) for k, v in value.items()}
    return value


def _deep_tree(value: Any) -> Any:
    top = _shell(value)
    stack = [(value, top)] if isinstance(value, (dict, list)) else []
    while stack:
        source, target = stack.pop()
        if isinstance(source, dict):
            for key, item in source.items():
                target[normalize(key)] = copy = _shell(item)
                if isinstance(item, (dict, list)):
                    stack.append((item, copy))
        else:
            for item in source:
                target.append(copy := _shell(item))
                if isinstance(item, (dict, list)):
                    stack.append((item, copy))
    return top


def _shell(value: Any) -> Any:
    """``value`` normalised if a string, an empty table or list to fill if one."""
    if isinstance(value, str):
        return normalize(value)
    if isinstance(value, dict):
        return {}
    if isinstance(value, list):
        return []
    return value


def _name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


def problem(text: str, *, lines: bool = False) -> str | None:
    """Why ``text`` is not acceptable in a text field, or ``None``; ``lines`` allows
    newlines (a description, an erratum's problem and reading, an evidence snippet)."""
    if text.isprintable():  # the common case, at C speed (it also refuses every Zs but " ")
        return None
    for index, char in enumerate(text):
        if char == "\n" and lines:
            continue
        if unicodedata.category(char) in _REFUSED_CATEGORIES or _INVISIBLE.match(char):
            what = "a newline" if char == "\n" else _name(char)
            kind = _kind(char)
            return f"holds {what} at character {index + 1} ({kind} are not allowed in text)"
    return None


def _kind(char: str) -> str:
    if char in "\u061c\u200e\u200f" or "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return "bidi controls"
    if char in "\u200b\u200c\u200d\u2060\ufeff":
        return "zero-width characters"
    if unicodedata.category(char) == "Cc":
        return "control characters"
    return "invisible or unassigned characters"


def visible(text: str) -> bool:
    """True when ``text`` holds at least one visible character."""
    return bool(_SEPARATORS.sub("", _INVISIBLE.sub("", text)))


def count_words(text: str) -> int:
    """Visible words: runs of visible characters between spaces or zero-width characters
    (sixty words joined by U+200B are sixty words)."""
    return len([w for w in _SEPARATORS.split(_INVISIBLE.sub(" ", text)) if w])


_ESCAPE_NEWLINE = re.compile(_INVISIBLE.pattern)
_ESCAPE_KEEP_NEWLINE = re.compile(
    _INVISIBLE.pattern.replace("\u0000-\u001f", "\u0000-\u0009\u000b-\u001f")
)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(char, f"\\u{ord(char):04x}")


def printable(text: str, *, newlines: bool = False) -> str:
    """``text`` with every control, bidi and invisible character escaped (``\\x1b`` as
    ``\\u001b``), so printing it cannot move the cursor, recolour or reorder a terminal;
    ``newlines`` keeps line breaks."""
    pattern = _ESCAPE_KEEP_NEWLINE if newlines else _ESCAPE_NEWLINE
    replace: Callable[[re.Match[str]], str] = _escape
    return pattern.sub(replace, text)
