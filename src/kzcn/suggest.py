"""Close matches for a misspelt name, for error messages.

difflib is imported only when a message needs it: it is not paid for on the fast path of
``kzcn.load()``, where nothing is misspelt.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["ID_CUTOFF", "close_ids", "close_matches"]


def close_matches(
    word: str, choices: Iterable[str], n: int = 3, *, cutoff: float = 0.6
) -> list[str]:
    """Up to ``n`` of ``choices`` that look like ``word`` (best first), each at least
    ``cutoff`` alike (difflib's ratio, 0 to 1)."""
    from difflib import get_close_matches

    return get_close_matches(word, list(choices), n=n, cutoff=cutoff)


ID_CUTOFF = 0.75
"""How alike an id must be to another to be suggested for it. Ids share much of their
text (``-kazakhstan-``, ``-visit-``, years), so difflib's default of 0.6 suggests
unrelated records: ``sco-summit-astana-2024-07`` scores 0.64 against
``cica-summit-dushanbe-2019-06``, a typo such as ``kazakstan`` 0.98."""


def close_ids(word: str, ids: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` ids that look like ``word`` closely enough to be the one meant."""
    return close_matches(word, ids, n, cutoff=ID_CUTOFF)
