"""Checks of references: links that lead somewhere, units that fit, currencies that fit
their context."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from ..dataset import link_targets
from ..records import Figure, links
from ..vocabulary import (
    Measure,
    PlaceKind,
    Subject,
)
from .base import (
    Finding,
    Severity,
    check,
    finding,
    sources_of,
)

if TYPE_CHECKING:
    from ..dataset import Dataset


@check("dangling-link", Severity.ERROR)
def dangling_link(ds: Dataset) -> Iterator[Finding]:
    """Every id a record links to exists in one of the tables the link allows (a link
    that names a country, a place of kind country), and every citation names a known
    source. The loader refuses such files; this check guards datasets built or changed
    in code (``Dataset.evolve``)."""
    tables = ds.tables
    for table in tables.values():
        for record in table:
            fields = attrs.fields_dict(type(record))
            for field, target, declared in links(record):
                allowed = link_targets(declared)
                if not any(target in tables[t] for t in allowed):
                    yield finding(
                        "dangling-link",
                        [record.id],
                        f"{field} links to {target!r}, not found in {', '.join(allowed)}",
                    )
                elif fields[field].metadata.get("country") and (
                    ds.places[target].kind is not PlaceKind.COUNTRY
                ):
                    kind = ds.places[target].kind.value
                    yield finding(
                        "dangling-link",
                        [record.id],
                        f"{field} links to {target!r}, a place of kind {kind}, not a country",
                    )
            for citation in getattr(record, "citations", ()):
                if citation.source not in ds.sources:
                    yield finding(
                        "dangling-link",
                        [record.id],
                        f"cites unknown source {citation.source!r}",
                    )


@check("link-loop", Severity.ERROR)
def link_loop(ds: Dataset) -> Iterator[Finding]:
    """No record links to itself (but through ``same_as``, which the ``same-as`` check
    judges), and no single link to the same table closes a loop (fa part_of fb part_of
    fa; an organisation its own parent's parent). The loader refuses both; this check
    guards datasets built or changed in code (``Dataset.evolve``)."""
    from ..validate import link_loops

    by_id = {}
    for table in ds.tables.values():
        for record in table:
            by_id[record.id] = record
            for field, target, _ in links(record):
                if target == record.id and field != "same_as":
                    yield finding("link-loop", [record.id], f"{field} links to the record itself")
    for field, members in link_loops(by_id):
        text = " -> ".join([*members, members[0]])
        yield finding("link-loop", members, f"{field} loop: {text}")


# --- units -------------------------------------------------------------------------


@check("unit-dimension", Severity.ERROR)
def unit_dimension(ds: Dataset) -> Iterator[Finding]:
    """A figure's unit must have the dimension its subject (or its measure) requires:
    trade in a currency, cargo in tonnes, containers in containers, growth in percent."""
    for figure in ds.figures:
        problem = figure.unit_problem()
        if problem is not None:
            yield finding("unit-dimension", [figure.id], problem)


@check("currency-context", Severity.ERROR)
def currency_context(ds: Dataset) -> Iterator[Finding]:
    """Money figures of one source about the same subject should share a currency; a lone
    figure in another currency (the "rubles" among dollars) is flagged, and so is a figure
    whose currency differs from other records of the same measure and period."""
    groups: dict[tuple[str, Subject], list[Figure]] = defaultdict(list)
    money = [
        f for f in ds.figures if f.measure is Measure.LEVEL and f.subject.dimension == "currency"
    ]
    flagged: set[str] = set()
    for figure in money:
        for source in sources_of(figure):
            groups[(source, figure.subject)].append(figure)
    for (source, subject), figures in groups.items():
        currencies = Counter(f.amount.unit for f in figures)
        if len(currencies) < 2:
            continue
        usual, count = currencies.most_common(1)[0]
        if count * 2 <= len(figures):
            continue
        for figure in figures:
            if figure.amount.unit != usual:
                flagged.add(figure.id)
                yield finding(
                    "currency-context",
                    [figure.id],
                    f"{figure.amount} among {count} {subject.value} figures in {usual} "
                    f"from {source}",
                )
    # The same measure (subject, kind, period, direction) stated in another currency
    # than other records give it: the figure's currency contradicts its context.
    same: dict[tuple[object, ...], list[Figure]] = defaultdict(list)
    for figure in money:
        same[(figure.subject, figure.kind, figure.period, figure.direction)].append(figure)
    for figures in same.values():
        currencies = Counter(f.amount.unit for f in figures)
        if len(currencies) < 2:
            continue
        usual = currencies.most_common(1)[0][0]
        reference = next(f for f in figures if f.amount.unit == usual)
        for figure in figures:
            if figure.amount.unit != usual and figure.id not in flagged:
                yield finding(
                    "currency-context",
                    [figure.id, reference.id],
                    f"{figure.amount}, while {reference.id} gives the same measure in {usual}",
                )
