"""Checks of filing: a record belongs in its table and in a dataset of Kazakhstan-China
relations (a project has a side in each country; a figure is not a web page's counter)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

from ..records import Organization, Person, Place, Project
from ..vocabulary import PlaceKind
from .base import Finding, Severity, check, finding

if TYPE_CHECKING:
    from ..dataset import Dataset

SIDES: Final = ("kazakhstan", "china")
"""The two countries whose relations the data records (their place ids)."""


def _country(ds: Dataset, record_id: str) -> str | None:
    """The country a party or place belongs to: a country itself, else the country of
    the record (an organisation's parent's, when it names none), followed to its end."""
    seen: set[str] = set()
    current: str | None = record_id
    while current is not None and current not in seen:
        seen.add(current)
        record = ds.places.get(current) or ds.organizations.get(current) or ds.people.get(current)
        if isinstance(record, Place) and record.kind is PlaceKind.COUNTRY:
            return record.id
        if isinstance(record, Organization):
            current = record.country or record.parent
        elif isinstance(record, (Place, Person)):
            current = record.country
        else:
            return None
    return None


def _sides(ds: Dataset, project: Project) -> set[str]:
    """The countries a project reaches: through its parties, its location, and the
    parties of the agreements it comes from."""
    ids = [*project.parties, *([project.location] if project.location else [])]
    for agreement_id in project.agreements:
        agreement = ds.agreements.get(agreement_id)
        if agreement is not None:
            ids.extend(agreement.parties)
    return {c for c in (_country(ds, i) for i in ids) if c is not None}


@check("project-parties", Severity.WARNING)
def project_parties(ds: Dataset) -> Iterator[Finding]:
    """A project of Kazakhstan-China relations reaches both countries: through a party
    (the country itself, or an organisation or person of it), its location, or an
    agreement it comes from. A project whose stated parties are all on one side
    (Kazakhstan's own plan, a multilateral body with Kazakhstan) is misfiled: it is an
    event, or no record at all. A project that names no party and no agreement is not
    judged: the texts do not say who takes part."""
    for project in ds.projects:
        if not project.parties and not project.agreements:
            continue
        sides = _sides(ds, project)
        missing = [s for s in SIDES if s not in sides]
        if missing:
            yield finding(
                "project-parties",
                [project.id],
                f"no party, location or agreement on the side of {' or '.join(missing)}: "
                "not a Kazakhstan-China project",
            )


# A counter's label with its number: "Number of shows: 3184", "Number of views 12",
# "Views: 120" (a bare word only with its colon, so "visits 2019" is not a counter).
_COUNTER: Final = re.compile(
    r"\b(number\s+of\s+(?:shows|views|page\s*views|visits|hits|readers|downloads)\s*:?"
    r"|(?:page\s*views|views|shows|hits|visits|downloads)\s*:)\s*\d",
    re.IGNORECASE,
)


def counter_label(evidence: str) -> str | None:
    """The web-page counter label an evidence snippet quotes with its number, or None."""
    found = _COUNTER.search(evidence)
    return found.group(1).strip() if found is not None else None


@check("page-counter", Severity.WARNING)
def page_counter(ds: Dataset) -> Iterator[Finding]:
    """A figure must be a fact of Kazakhstan-China relations, not a web page's counter:
    a figure whose evidence quotes a counter's label with its number ("Number of shows:
    3184", "Views: 120", "Number of visits 12") counts readers of the page the text was
    captured from, and is removed (with a redirect) rather than kept."""
    for figure in ds.figures:
        for citation in figure.citations:
            label = counter_label(citation.evidence)
            if label is not None:
                yield finding(
                    "page-counter",
                    [figure.id],
                    f"its evidence quotes a web page's counter ({label!r} in "
                    f"{citation.evidence!r} of {citation.source})",
                )
                break
