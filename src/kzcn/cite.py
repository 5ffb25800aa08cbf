"""Ready citations for a record or a source: as text, BibTeX or CSL-JSON.

A record is cited through its sources: one entry per source it cites, with the
source's author, title, publisher and date as the data state them, the quoted
evidence, and the kzcn data version the fact was taken from. A source id gives the
source alone.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from ._version import DATA_VERSION, __version__

if TYPE_CHECKING:
    from .dataset import Dataset
    from .records import Source

__all__ = ["FORMATS", "cite"]

_CSL_TYPES: Final = {
    "article": "article-journal",
    "analysis": "report",
    "news": "article-newspaper",
    "interview": "interview",
}
_BIBTEX_TYPES: Final = {"article": "article", "analysis": "techreport"}


def _entries(ds: Dataset, record_id: str) -> list[tuple[Source, str | None, str]]:
    """``(source, quoted evidence or None, the id cited)`` for each source of the record."""
    record = ds[record_id]
    if record_id in ds.sources:
        return [(record, None, record_id)]
    seen: dict[str, str] = {}
    for citation in record.citations:
        seen.setdefault(citation.source, citation.evidence)
    return [(ds.sources[s], evidence, record.id) for s, evidence in seen.items()]


def _note(evidence: str | None, record_id: str) -> str:
    where = f"kzcn data {DATA_VERSION} (kzcn {__version__})"
    if evidence is None:
        return f"Source of {where}."
    return f'Quoted in {where}, record {record_id}: "{evidence}"'


def _text(ds: Dataset, record_id: str) -> str:
    lines = []
    for source, evidence, rid in _entries(ds, record_id):
        parts = [source.author, f"“{source.title}”", source.publisher, str(source.published)]
        line = ". ".join(p for p in parts if p) + "."
        if source.url:
            line += f" {source.url}"
        lines.append(f"{line} {_note(evidence, rid)}")
    return "\n".join(lines)


_BIBTEX_SPECIAL: Final = re.compile(r"([&%$#_{}~^\\])")
# BibTeX counts every brace, escaped or not, to find where a value ends: "\}" would
# close it. Braces are therefore written as commands whose own braces balance.
_BIBTEX_ESCAPES: Final = {
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
}


def _bib(value: str) -> str:
    """A text as the inside of a braced BibTeX value: LaTeX's special characters
    escaped, every brace balanced, whitespace (newlines of evidence) as single spaces."""
    value = " ".join(value.split())
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES.get(m[1], "\\" + m[1]), value)


# In a URL, what could end a BibTeX value (a brace) or break the url package (a
# backslash, whitespace) is percent-encoded; a "%" already there is left as it is.
_URL_UNSAFE: Final = re.compile(r"[{}\\\s]")


def _bib_url(url: str) -> str:
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m[0].encode()), url)


_KEY_UNSAFE: Final = re.compile(r"[^a-z0-9:.-]")


def _key(source_id: str, record_id: str) -> str:
    """A citation key: ``kzcn:record:source`` (``kzcn:source`` for a source). Ids are
    slugs, so the key is usually written as it is; anything else is replaced and the key
    gets a suffix from a hash of the ids, so two records never share a key."""
    key = f"kzcn:{source_id}" if record_id == source_id else f"kzcn:{record_id}:{source_id}"
    safe = _KEY_UNSAFE.sub("-", key)
    if safe != key:
        safe += "-" + hashlib.sha256(key.encode()).hexdigest()[:10]
    return safe


def _bibtex(ds: Dataset, record_id: str) -> str:
    out = []
    for source, evidence, rid in _entries(ds, record_id):
        kind = _BIBTEX_TYPES.get(source.kind.value, "misc")
        fields = {
            "author": source.author and "{" + _bib(source.author) + "}",
            "title": "{" + _bib(source.title) + "}",
            ("journal" if kind == "article" else "publisher"): source.publisher
            and "{" + _bib(source.publisher) + "}",
            "year": str(source.published.start.year),
            "url": source.url and "{" + _bib_url(source.url) + "}",
            "note": "{" + _bib(_note(evidence, rid)) + "}",
        }
        if kind == "techreport":
            fields["institution"] = fields.pop("publisher", None)
        body = ",\n".join(f"  {name} = {value}" for name, value in fields.items() if value)
        out.append(f"@{kind}{{{_key(source.id, rid)},\n{body}\n}}")
    return "\n\n".join(out)


def _csl(ds: Dataset, record_id: str) -> str:
    items: list[dict[str, Any]] = []
    for source, evidence, rid in _entries(ds, record_id):
        period = source.published
        parts = [period.start.year]
        if period.precision.value in ("month", "day"):
            parts.append(period.start.month)
        if period.precision.value == "day":
            parts.append(period.start.day)
        item: dict[str, Any] = {
            "id": _key(source.id, rid),
            "type": _CSL_TYPES.get(source.kind.value, "document"),
            "title": source.title,
            "issued": {"date-parts": [parts]},
            "note": _note(evidence, rid),
        }
        if source.author:
            item["author"] = [{"literal": source.author}]
        if source.publisher:
            item["publisher"] = source.publisher
        if source.url:
            item["URL"] = source.url
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2)


FORMATS: Final[dict[str, Callable[[Dataset, str], str]]] = {
    "text": _text,
    "bibtex": _bibtex,
    "csl-json": _csl,
}
"""Citation formats: name -> function(dataset, record id) -> text."""


def cite(ds: Dataset, record_id: str, fmt: str = "text") -> str:
    """A ready citation of a record (through its sources) or of a source.

    Raises ``KeyError`` for an unknown id and ``ValueError`` for an unknown format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown citation format {fmt!r}; choose from {', '.join(FORMATS)}")
    return FORMATS[fmt](ds, record_id)
