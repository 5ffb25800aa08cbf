"""Ready citations for a record, a source or the dataset: as text, BibTeX or CSL-JSON.

A record is cited through its sources: one entry per source it cites, with the
source's author, title, publisher and date as the data state them, the quoted
evidence, and the kzcn data version the fact was taken from. A source id gives the
source alone; :data:`DATASET` (``kzcn cite kzcn``) gives the dataset itself, with its
version, data version and content hash, as ``CITATION.cff`` describes it. ``kzcn`` is
reserved: it names the dataset even when the data hold a record with that id.

A citation never claims a release for data that is not it: a dataset with records of
a user's files (added, or replacing released ones) is cited as the installed data
version *with changes (not a released version)* and the content hash of what it holds,
and a record or source that is not in the released data as it is cited says so.

What a bibliography needs is taken from the data, never guessed:

- a personal author is split into family and given names as the text writes the name:
  an author who is a person of the data from China is written family name first
  (``Zhang Xiao``: family ``Zhang``), others given names first (``Petr Konovalov``:
  family ``Konovalov``); an author who is no person of the data is kept whole;
- a journal and its number stated in the publisher (``the Bulletin of Diplomacy No. 4,
  2019``) are given as ``journal``/``number`` (CSL ``container-title``/``issue``);
- the month and day are given when the date is known to the day (``2021-07-20``);
- a title that holds quotation marks is not wrapped in a second pair of the same marks.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from ._version import DATA_VERSION, __version__

if TYPE_CHECKING:
    from .dataset import Dataset
    from .records import Source

__all__ = ["DATASET", "FORMATS", "SOFTWARE", "cite"]

DATASET: Final = "kzcn"
"""The id that cites the dataset itself (``kzcn cite kzcn``, ``kzcn cite --dataset``),
always: a record of a user's file with this id does not shadow it."""


class Software(NamedTuple):
    """How the dataset is cited: the fields of ``CITATION.cff`` (a test compares them)."""

    title: str
    author: str
    released: str  # ISO date
    license: str


SOFTWARE: Final = Software(
    "kzcn: the facts of Kazakhstan-China relations as typed, cited records",
    "kzcn developers",
    "2026-12-06",
    "MIT",
)

_CSL_TYPES: Final = {
    "article": "article-journal",
    "analysis": "report",
    "news": "article-newspaper",
    "interview": "interview",
}
_BIBTEX_TYPES: Final = {"article": "article", "analysis": "techreport"}
# Countries whose names the texts write family name first.
_FAMILY_FIRST: Final = frozenset({"china"})
# "the Bulletin of Diplomacy No. 4, 2019": a journal's name and its number.
_ISSUE: Final = re.compile(
    r"(?:\bthe\s+)?((?:[A-Z][\w'-]*\s+)(?:(?:of|the|and)\s+|[A-Z][\w'-]*\s+)*?[A-Z][\w'-]*)\s+No\.\s*(\d+)"
)


class Name(NamedTuple):
    """An author's name: ``family`` and ``given`` parts, or only ``literal``."""

    family: str | None
    given: str | None
    literal: str


def author_name(ds: Dataset, author: str) -> Name:
    """The parts of an author's name as the text writes it (see the module's docstring)."""
    person = next((p for p in ds.people if author in p.names()), None)
    tokens = author.split()
    if person is None or len(tokens) < 2:
        return Name(None, None, author)
    if person.country in _FAMILY_FIRST:
        return Name(tokens[0], " ".join(tokens[1:]), author)
    return Name(tokens[-1], " ".join(tokens[:-1]), author)


class _Entry(NamedTuple):
    source: Source
    evidence: str | None
    record: str


def _entries(ds: Dataset, record_id: str) -> list[_Entry]:
    """One entry for each source of the record (the source itself, for a source id)."""
    record = ds[record_id]
    if record_id in ds.sources:
        return [_Entry(record, None, record_id)]
    seen: dict[str, str] = {}
    for citation in record.citations:
        seen.setdefault(citation.source, citation.evidence)
    return [_Entry(ds.sources[s], evidence, record.id) for s, evidence in seen.items()]


class _Released:
    """What of a dataset is the installed package's data as released: all of it (the
    same content hash), or record by record (the same record in the same view)."""

    def __init__(self, ds: Dataset) -> None:
        from .content import dataset_hash
        from .package import shipped

        self._ds = ds
        self.released = shipped()
        self.digest = dataset_hash(ds)
        self.whole = ds is self.released or self.digest == dataset_hash(self.released)
        self._base: Dataset | None = None

    def has(self, record_id: str) -> bool:
        if self.whole:
            return True
        if self._base is None:
            resolved = self._ds.is_resolved
            self._base = self.released.resolved() if resolved else self.released
        return bool(self._base.get(record_id) == self._ds.get(record_id))


def _note(released: _Released, evidence: str | None, record_id: str) -> str:
    where = f"kzcn data {DATA_VERSION} (kzcn {__version__})"
    if not released.has(record_id):
        # A user's record (or one replacing a released record) is no part of the release.
        where = (
            f"record {record_id}, not in kzcn data {DATA_VERSION} as released (kzcn {__version__})"
        )
        if evidence is None:
            return f"Source {where}."
        return f'Quoted in {where}: "{evidence}"'
    if evidence is None:
        return f"Source of {where}."
    return f'Quoted in {where}, record {record_id}: "{evidence}"'


def _issue(source: Source) -> tuple[str, str] | None:
    """``(journal, number)`` when the publisher states them."""
    found = _ISSUE.search(source.publisher or "")
    return (found[1], found[2]) if found else None


def _date_parts(source: Source) -> list[int]:
    period = source.published
    parts = [period.start.year]
    if period.precision.value in ("month", "day"):
        parts.append(period.start.month)
    if period.precision.value == "day":
        parts.append(period.start.day)
    return parts


def _quoted(title: str) -> str:
    """A title in quotation marks; quotation marks inside it become single ones, so
    none is doubled."""
    inner = title.replace("“", "‘").replace("”", "’").replace('"', "'")
    return f"“{inner}”"


def _text(ds: Dataset, record_id: str) -> str:
    released = _Released(ds)
    lines = []
    for source, evidence, rid in _entries(ds, record_id):
        parts = [source.author, _quoted(source.title), source.publisher, str(source.published)]
        line = ". ".join(p.rstrip(".") for p in parts if p) + "."
        if source.url:
            line += f" {source.url}"
        lines.append(f"{line} {_note(released, evidence, rid)}")
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


def _bib_author(name: Name) -> str:
    """``Family, Given``; a name without parts braced whole (one corporate name)."""
    if name.family is None:
        return "{" + _bib(name.literal) + "}"
    return f"{_bib(name.family)}, {_bib(name.given or '')}"


def _bibtex(ds: Dataset, record_id: str) -> str:
    released = _Released(ds)
    out = []
    for source, evidence, rid in _entries(ds, record_id):
        kind = _BIBTEX_TYPES.get(source.kind.value, "misc")
        issue = _issue(source) if kind == "article" else None
        fields: dict[str, str | None] = {
            "author": source.author and "{" + _bib_author(author_name(ds, source.author)) + "}",
            "title": "{" + _bib(source.title) + "}",
        }
        if kind == "article":
            journal = issue[0] if issue else source.publisher
            fields["journal"] = journal and "{" + _bib(journal) + "}"
            fields["number"] = issue and "{" + issue[1] + "}"
        elif kind == "techreport":
            fields["institution"] = source.publisher and "{" + _bib(source.publisher) + "}"
        else:
            fields["publisher"] = source.publisher and "{" + _bib(source.publisher) + "}"
        parts = _date_parts(source)
        fields["year"] = "{" + str(parts[0]) + "}"
        if len(parts) > 1:
            fields["month"] = "{" + str(parts[1]) + "}"
            fields["date"] = "{" + source.published.start.isoformat()[: 3 * len(parts) + 1] + "}"
        notes = [_note(released, evidence, rid)]
        if issue and source.publisher:
            notes.insert(0, f"Published: {source.publisher}.")
        fields["url"] = source.url and "{" + _bib_url(source.url) + "}"
        fields["note"] = "{" + _bib(" ".join(notes)) + "}"
        body = ",\n".join(f"  {name} = {value}" for name, value in fields.items() if value)
        out.append(f"@{kind}{{{_key(source.id, rid)},\n{body}\n}}")
    return "\n\n".join(out)


def _csl_author(name: Name) -> dict[str, Any]:
    if name.family is None:
        return {"literal": name.literal}
    item: dict[str, Any] = {"family": name.family, "given": name.given}
    if name.literal.startswith(name.family):  # family first, as the text writes it
        item["static-ordering"] = True
    return item


def _csl(ds: Dataset, record_id: str) -> str:
    released = _Released(ds)
    items: list[dict[str, Any]] = []
    for source, evidence, rid in _entries(ds, record_id):
        item: dict[str, Any] = {
            "id": _key(source.id, rid),
            "type": _CSL_TYPES.get(source.kind.value, "document"),
            "title": source.title,
            "issued": {"date-parts": [_date_parts(source)]},
            "note": _note(released, evidence, rid),
        }
        if source.author:
            item["author"] = [_csl_author(author_name(ds, source.author))]
        issue = _issue(source) if source.kind.value == "article" else None
        if issue:
            item["container-title"], item["issue"] = issue
        elif source.kind.value == "article" and source.publisher:
            item["container-title"] = source.publisher
        if source.publisher:
            item["publisher"] = source.publisher
        if source.url:
            item["URL"] = source.url
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2)


def _dataset_note(ds: Dataset) -> str:
    """The versions and the content hash of the data ``ds`` holds: the installed data
    version alone only when it holds that data, else that version *with changes* (a
    user's records added or replacing released ones: not a released version)."""
    released = _Released(ds)
    data = f"data {DATA_VERSION}"
    if not released.whole:
        data += " with changes (not a released version)"
    return f"kzcn {__version__}, {data}, data SHA-256 {released.digest}"


def _dataset(ds: Dataset, fmt: str) -> str:
    """The dataset itself, as ``CITATION.cff`` describes it, with its content hash."""
    year, month, day = (int(p) for p in SOFTWARE.released.split("-"))
    note = _dataset_note(ds)
    if fmt == "bibtex":
        return (
            f"@software{{{DATASET},\n"
            f"  author = {{{{{_bib(SOFTWARE.author)}}}}},\n"
            f"  title = {{{_bib(SOFTWARE.title)}}},\n"
            f"  version = {{{__version__}}},\n"
            f"  year = {{{year}}},\n"
            f"  month = {{{month}}},\n"
            f"  date = {{{SOFTWARE.released}}},\n"
            f"  note = {{{_bib(note)}}}\n"
            "}"
        )
    if fmt == "csl-json":
        item = {
            "id": DATASET,
            "type": "software",
            "title": SOFTWARE.title,
            "author": [{"literal": SOFTWARE.author}],
            "version": __version__,
            "issued": {"date-parts": [[year, month, day]]},
            "note": note,
        }
        return json.dumps([item], ensure_ascii=False, indent=2)
    return f"{SOFTWARE.author}. {_quoted(SOFTWARE.title)}. Version {__version__}. {year}. {note}."


FORMATS: Final[dict[str, Callable[[Dataset, str], str]]] = {
    "text": _text,
    "bibtex": _bibtex,
    "csl-json": _csl,
}
"""Citation formats: name -> function(dataset, record id) -> text."""


def cite(ds: Dataset, record_id: str, fmt: str = "text") -> str:
    """A ready citation of a record (through its sources), of a source, or of the
    dataset itself (``record_id`` :data:`DATASET`).

    ``kzcn`` always names the dataset, even when ``ds`` holds a record with that id.
    Raises ``KeyError`` for an unknown id and ``ValueError`` for an unknown format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown citation format {fmt!r}; choose from {', '.join(FORMATS)}")
    if record_id == DATASET:
        return _dataset(ds, fmt)
    return FORMATS[fmt](ds, record_id)


class _CallableModule(types.ModuleType):
    """This module, callable as :func:`cite`: importing ``kzcn.cite`` makes the package
    attribute ``kzcn.cite`` this module (Python sets a submodule on its package), so
    ``kzcn.cite(ds, id)`` works whatever the process imported first."""

    def __call__(self, ds: Dataset, record_id: str, fmt: str = "text") -> str:
        return cite(ds, record_id, fmt)


sys.modules[__name__].__class__ = _CallableModule
