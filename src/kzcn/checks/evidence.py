"""Checks of evidence: every citation can be checked against a text."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..verify import is_verified, squash
from .base import Finding, Severity, check, finding

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..records import Source


@functools.cache
def _shipped() -> tuple[dict[str, Source], frozenset[tuple[str, str]]]:
    """The shipped sources, and the (source, snippet) pairs the shipped records quote:
    those were checked against the texts when the data was built."""
    from ..package import shipped

    package = shipped()
    quoted = frozenset(
        (c.source, squash(c.evidence))
        for table in package.tables.values()
        for record in table
        for c in getattr(record, "citations", ())
    )
    return {s.id: s for s in package.sources}, quoted


@check("unverified-evidence", Severity.WARNING)
def unverified_evidence(ds: Dataset) -> Iterator[Finding]:
    """A record whose evidence no text the loader had could confirm: it cites a source
    with no local text (``path``) by a snippet the shipped data does not quote, and no
    folder of texts (``kzcn.load(texts=DIR)``, ``kzcn verify --texts DIR``) has been
    checked to hold it. Give the source a ``path``, or verify against the texts."""
    shipped_sources, quoted = _shipped()
    sources = {s.id: s for s in ds.sources}
    for table in ds.tables.values():
        for record in table:
            unverified = []
            for citation in getattr(record, "citations", ()):
                source = sources.get(citation.source)
                if source is None or source.path is not None:
                    continue  # dangling-link reports it; the loader checked a local text
                pair = (citation.source, squash(citation.evidence))
                if pair in quoted and shipped_sources.get(citation.source) == source:
                    continue
                if is_verified(citation.source, source.sha256, citation.evidence):
                    continue
                unverified.append(citation)
            if unverified:
                cited = ", ".join(sorted({c.source for c in unverified}))
                yield finding(
                    "unverified-evidence",
                    [record.id],
                    f"no text checked its evidence from {cited} "
                    f"({unverified[0].evidence!r}); verify with `kzcn verify --texts DIR` "
                    "or give the source a local path",
                )
