"""Candidate visits and meetings, and agreed documents, read from a sentence.

A visit is a sentence where a known person travels or meets ("visited", "arrived in",
"a state visit", "talks", "met", "summit", "forum"); its kind comes from the words used
and its date from the dating phrase nearest to the verb. An agreed document is a
document noun ("agreement", "memorandum", "protocol", "treaty", "joint statement", ...)
with its title as the text writes it ("agreement on the export of ..."), and a status
from the verb ("signed", "reached", "plans to sign").

People and places are matched against the dataset's records by name and alias (a
draft of a user's text links to the shipped people and places it names).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Final

import attrs

from .periods import date_of
from .sentences import Span, window

__all__ = ["AgreementDraft", "Names", "VisitDraft", "agreements_in", "status_of", "visits_in"]

_VISIT = re.compile(
    r"\b(state visit|official visit|working (?:visit|trip)|visit(?:ed|s)?|trip|arrived in|"
    r"talks|met with|meeting|summit|forum)\b"
)
_KINDS: Final = (
    ("state visit", "state"),
    ("official visit", "official"),
    ("working trip", "working"),
    ("working visit", "working"),
    ("summit", "summit"),
    ("forum", "forum"),
    ("talks", "talks"),
    ("met with", "meeting"),
    ("meeting", "meeting"),
)
_PLANNED = re.compile(r"\b(will|plans?|planned|to visit|invit\w+|expected|next year)\b")
_DOCUMENT = re.compile(
    r"\b(joint statement|joint declaration|declaration|agreement|memorandum(?: of understanding)?|"
    r"protocol|treaty|programme|program|roadmap|road map|action plan|contract)s?\b"
    r"((?:\s+(?:on|of|between|for|in the field of|regarding)\b[^.;:•]{3,400}?)?)"
    r"(?=[.;:•]|$|,\s+(?:which|and|as)\b)",
    re.IGNORECASE,
)
_DOCUMENT_KIND: Final = {
    "joint statement": "joint_statement",
    "joint declaration": "declaration",
    "declaration": "declaration",
    "agreement": "agreement",
    "memorandum": "memorandum",
    "memorandum of understanding": "memorandum",
    "protocol": "protocol",
    "treaty": "treaty",
    "programme": "programme",
    "program": "programme",
    "roadmap": "plan",
    "road map": "plan",
    "action plan": "plan",
    "contract": "agreement",
}
_SIGNED = re.compile(r"\b(signed|concluded|ratified|adopted|signing)\b")
_REACHED = re.compile(r"\b(reached|agreed|agreement was reached)\b")
_TO_SIGN = re.compile(
    r"\b(to sign|will sign|plans? to|planned|to be signed|will be signed|is planned)\b"
)
# An item of a list of documents ("signed ... as follows: • Memorandum on ...").
_BULLET_START = re.compile(r"^\s*(?:[•·▪*-]|\d+[.)])\s*")


@attrs.frozen
class Names:
    """Names and aliases of the dataset's people and places, folded, to their ids."""

    people: tuple[tuple[str, str], ...] = ()
    places: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, ds: Any) -> Names:
        """The names of ``ds`` (a :class:`kzcn.Dataset`), longest first."""

        def pairs(table: Iterable[Any]) -> tuple[tuple[str, str], ...]:
            found = {
                (name.casefold(), record.id)
                for record in table
                for name in (record.name, *(getattr(a, "name", a) for a in record.aliases))
                if len(name) > 2
            }
            return tuple(sorted(found, key=lambda p: (-len(p[0]), p)))

        return cls(pairs(ds.people), pairs(ds.places))

    def find(self, pairs: tuple[tuple[str, str], ...], sentence: str) -> list[tuple[int, str]]:
        lowered = sentence.casefold()
        found: dict[str, int] = {}
        for name, record in pairs:
            match = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", lowered)
            if match is not None and record not in found:
                found[record] = match.start()
        return sorted((at, record) for record, at in found.items())


@attrs.frozen
class VisitDraft:
    """One candidate visit or meeting."""

    title: str
    kind: str
    status: str
    date: str | None
    people: tuple[str, ...]
    place: str | None
    evidence: Span
    derived: tuple[tuple[str, str], ...] = ()
    confidence: tuple[tuple[str, float], ...] = ()


@attrs.frozen
class AgreementDraft:
    """One candidate agreed document."""

    title: str
    kind: str
    status: str
    date: str | None
    evidence: Span
    derived: tuple[tuple[str, str], ...] = ()
    confidence: tuple[tuple[str, float], ...] = ()


def visits_in(text: str, sentence: Span, published: int | None, names: Names) -> list[VisitDraft]:
    """At most one candidate visit per sentence: a travel or meeting word with at least
    one known person."""
    first, last = sentence
    body = text[first:last]
    lowered = body.casefold()
    verb = _VISIT.search(lowered)
    people = names.find(names.people, body)
    if verb is None or not people:
        return []
    kind = next((k for words, k in _KINDS if words in lowered), "other")
    dating = date_of(body, verb.start(), published)
    derived = [("date", dating.derived)] if dating is not None and dating.derived else []
    places = names.find(names.places, body)
    place = min(places, key=lambda p: abs(p[0] - verb.start()))[1] if places else None
    status = "planned" if _PLANNED.search(lowered) else "held"
    who = [record for _, record in people]
    title = f"{verb.group().capitalize()}: {', '.join(who)}"
    return [
        VisitDraft(
            title=title,
            kind=kind,
            status=status,
            date=None if dating is None else dating.period,
            people=tuple(who),
            place=place,
            evidence=window(text, sentence, (first + verb.start(), first + verb.end())),
            derived=tuple(derived),
            confidence=(
                ("kind", 0.7 if kind != "other" else 0.3),
                ("date", 0.0 if dating is None else dating.confidence),
                ("people", 0.8),
                ("place", 0.6 if place else 0.2),
                ("status", 0.6),
            ),
        )
    ]


def status_of(sentence: str) -> str | None:
    """What a sentence says was done with documents: planned, signed or reached."""
    lowered = sentence.casefold()
    if _TO_SIGN.search(lowered):
        return "planned"
    if _SIGNED.search(lowered):
        return "signed"
    return "reached" if _REACHED.search(lowered) else None


def _about(match: re.Match[str], offset: int) -> Span:
    about = re.search(r"\s(?:on|regarding|in the field of)\s", match.group(2))
    start = match.start(2) + about.start() + 1 if about else match.start()
    return offset + start, offset + match.end()


def agreements_in(
    text: str, sentence: Span, published: int | None, listed: str | None = None
) -> list[AgreementDraft]:
    """Every document a sentence names as agreed, planned or signed; ``listed`` is the
    status of the list an item of a bulleted list belongs to ("signed ... as follows:")."""
    first, last = sentence
    body = text[first:last]
    status = status_of(body) or (listed if _BULLET_START.match(body) else None)
    if status is None:
        return []
    found: list[AgreementDraft] = []
    seen: set[str] = set()
    for match in _DOCUMENT.finditer(body):
        noun = match.group(1).casefold()
        rest = " ".join(match.group(2).split())
        if not rest and noun not in ("joint statement", "treaty", "joint declaration"):
            continue  # "a set of documents", "an agreement" with nothing said of it
        # The title is the document's name: it stops at a date or a new clause.
        rest = re.split(r",\s|\s+(?:in|since|from)\s+(?:19|20)\d{2}\b", rest)[0]
        title = f"{match.group(1)} {rest}".strip()
        if len(title) > 160:  # a title, not the whole clause
            title = title[:160].rsplit(" ", 1)[0] + " …"
        title = title[0].upper() + title[1:]
        if title.casefold() in seen:
            continue
        seen.add(title.casefold())
        dating = date_of(body, match.start(), published)
        derived = [("date", dating.derived)] if dating is not None and dating.derived else []
        found.append(
            AgreementDraft(
                title=title,
                kind=_DOCUMENT_KIND.get(noun.removesuffix("s"), "other"),
                status=status,
                date=None if dating is None else dating.period,
                # The evidence holds what the document is about ("on ..."), which tells it
                # from the other documents of a list.
                evidence=window(text, sentence, _about(match, first)),
                derived=tuple(derived),
                confidence=(
                    ("title", 0.6),
                    ("kind", 0.8),
                    ("status", 0.6),
                    ("date", 0.0 if dating is None else dating.confidence),
                ),
            )
        )
    return found
