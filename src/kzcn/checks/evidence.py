"""Checks of evidence: every citation can be checked against a text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..quotes import evidence
from .base import Finding, Severity, check, finding

if TYPE_CHECKING:
    from ..dataset import Dataset


@check("unverified-evidence", Severity.WARNING)
def unverified_evidence(ds: Dataset) -> Iterator[Finding]:
    """A record whose evidence no text could confirm: it cites a source with no local
    text (``path``) by a snippet that is not among the dataset's verified evidence
    (:attr:`kzcn.Dataset.verified`: the citations of the package's own data, and those
    a folder of texts was checked to hold, ``kzcn.load(texts=DIR)``,
    ``kzcn --texts DIR check``). Give the source a ``path``, or verify against the
    texts. Only the dataset is read: nothing installed or verified elsewhere counts."""
    verified = ds.verified
    sources = {s.id: s for s in ds.sources}
    for table in ds.tables.values():
        for record in table:
            unverified = []
            for citation in getattr(record, "citations", ()):
                source = sources.get(citation.source)
                if source is None or source.path is not None:
                    continue  # dangling-link reports it; the loader checked a local text
                sha256 = source.sha256
                if sha256 is not None and (
                    evidence(citation.source, sha256, citation.evidence) in verified
                ):
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
