"""Conventions of the shipped data that a rule can hold: each one written where its
vocabulary or field is documented, and applied to every record."""

from __future__ import annotations

import kzcn
from kzcn.query import fold
from kzcn.vocabulary import VisitKind

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
