"""Close matches for a misspelt name, for error messages.

difflib is imported only when a message needs it: it is not paid for on the fast path of
``kzcn.load()``, where nothing is misspelt.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["close_matches"]


def close_matches(word: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` of ``choices`` that look like ``word`` (best first)."""
    from difflib import get_close_matches

    return get_close_matches(word, list(choices), n=n)
