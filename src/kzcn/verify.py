"""Sources anyone can verify: the shipped texts against their hashes, and every
citation against the texts.

Each shipped :class:`~kzcn.records.Source` records the SHA-256 and length (in bytes) of
its text as received. Whoever holds the texts (a folder of ``<source id>.txt``) can
check them and every citation of a dataset, the shipped records and their own:

>>> problems = verify_texts("texts/", kzcn.load(extra=["mine.toml"]))  # doctest: +SKIP

or ``kzcn verify --texts DIR`` (``kzcn --data mine.toml verify --texts DIR``), or load
with ``kzcn.load(extra=..., texts=DIR)``, which raises on any problem. The dataset that
load returns (:func:`with_texts`) counts the citations found verbatim in a verified
text as verified (:attr:`kzcn.Dataset.verified`, by source id, text hash and
snippet), so its ``unverified-evidence`` check no longer reports them. Nothing is
remembered anywhere else: verifying one dataset changes no other.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DataError, Problem
from .limits import MISSING, not_a_file, read_bytes
from .quotes import Evidence, evidence, found_in, quoted, squash
from .text import normalize

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = ["evidence", "quoted", "squash", "verify_texts", "with_texts"]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check_text(source: Any, file: Path) -> tuple[list[Problem], str | None]:
    """The problems of one source's text file, and its text when it is the one recorded."""
    name = str(file)
    why = not_a_file(file)
    if why is not None:
        # A pipe, a device (or a link to one) or a folder exists: say what it is
        what = (
            f"no text file {file.name} in {file.parent}"
            if why == MISSING
            else f"{file.name} in {file.parent} {why}"
        )
        return [Problem(name, source.id, "sha256", what)], None
    try:
        data = read_bytes(file)
    except OSError as exc:
        return [Problem(name, source.id, "sha256", f"cannot read: {exc}")], None
    problems = []
    if source.length is not None and len(data) != source.length:
        problems.append(
            Problem(
                name,
                source.id,
                "length",
                f"the text has {len(data)} bytes; the source records {source.length}",
            )
        )
    digest = _digest(data)
    if digest != source.sha256:
        problems.append(
            Problem(
                name,
                source.id,
                "sha256",
                f"the text's SHA-256 is {digest}; the source records {source.sha256}",
            )
        )
    if problems:
        return problems, None
    try:
        return [], squash(normalize(data.decode("utf-8")))
    except UnicodeDecodeError as exc:  # pragma: no cover - the hash matched a UTF-8 text
        return [Problem(name, source.id, "sha256", f"not UTF-8: {exc}")], None


def verify_texts(folder: str | Path, ds: Dataset | None = None) -> list[Problem]:
    """Check the texts in ``folder`` against the hashes of ``ds``'s sources (the shipped
    data when ``ds`` is ``None``), then every citation of every record of ``ds`` that
    cites one of them: each evidence must be a verbatim snippet of its text. Returns the
    problems, each naming the text file and the failing record and field.

    Sources with no recorded hash (users' own, checked against their ``path`` when
    loaded) are skipped; a folder that does not exist is one problem.
    """
    return _verify(folder, ds)[0]


def with_texts(folder: str | Path, ds: Dataset | None = None) -> Dataset:
    """``ds`` (the shipped data when ``None``) with every citation the texts in
    ``folder`` hold counted as verified (:meth:`kzcn.Dataset.with_verified`); raises
    :class:`~kzcn.errors.DataError` with the problems of :func:`verify_texts`."""
    problems, found, ds = _verify(folder, ds)
    if problems:
        raise DataError(problems)
    return ds.with_verified(found)


def _verify(folder: str | Path, ds: Dataset | None) -> tuple[list[Problem], set[Evidence], Dataset]:
    if ds is None:
        from .loader import load

        ds = load()
    root = Path(folder)
    if not root.is_dir():
        return [Problem(str(root), None, None, "is not a folder of source texts")], set(), ds
    problems: list[Problem] = []
    texts: dict[str, tuple[str, str, str]] = {}
    for source in ds.sources:
        if source.sha256 is None:
            continue
        file = root / f"{source.id}.txt"
        failed, text = _check_text(source, file)
        problems.extend(failed)
        if text is not None:
            texts[source.id] = (str(file), source.sha256, text)
    checked: set[Evidence] = set()
    # Every citation of a text is looked for at once (found_in counts the text's words
    # once, where a scan per citation cost citations x text)
    cited = [
        (table, record.id, index, citation)
        for table, records in ds.tables.items()
        for record in records
        for index, citation in enumerate(getattr(record, "citations", ()))
        if citation.source in texts
    ]
    snippets: dict[str, dict[str, bool]] = {source: {} for source in texts}
    for *_, citation in cited:
        snippets[citation.source][normalize(citation.evidence)] = False
    for cited_id, (_, _, text) in texts.items():
        wanted = list(snippets[cited_id])
        snippets[cited_id] = dict(zip(wanted, found_in(text, wanted), strict=True))
    for table, record_id, index, citation in cited:
        name, digest, _ = texts[citation.source]
        if snippets[citation.source][normalize(citation.evidence)]:
            checked.add(evidence(citation.source, digest, citation.evidence))
            continue
        problems.append(
            Problem(
                name,
                record_id,
                f"citations[{index}].evidence",
                f"not found verbatim in {Path(name).name} ({table})",
            )
        )
    return problems, checked, ds
