"""The resolved view: claims tied by ``same_as`` become one record, corrections apply,
and every resolved value traces back to its sentences or to its erratum."""

from __future__ import annotations

import copy
import pickle

import attrs
import pytest

import kzcn
from kzcn.checks import Severity
from kzcn.records import Citation, Correction, Erratum, Visit
from kzcn.resolve import groups
from kzcn.units import Amount
from kzcn.vocabulary import ErratumKind, VisitKind


@pytest.fixture(scope="module")
def ds() -> kzcn.Dataset:
    return kzcn.load()


@pytest.fixture(scope="module")
def rds(ds: kzcn.Dataset) -> kzcn.Dataset:
    return ds.resolved()


def _claims_pair(ds: kzcn.Dataset) -> tuple[kzcn.Dataset, Visit, Visit, Erratum]:
    """Two visits tied as one thing, differing in kind, with an erratum correcting it."""
    primary = next(v for v in ds.visits if v.same_as is None and v.kind is VisitKind.STATE)
    claim = attrs.evolve(
        primary,
        id="test-claim",
        kind=VisitKind.OFFICIAL,
        same_as=primary.id,
        people=(),
        citations=(Citation("2023-beijing-belt-and-road-meeting", "official visit"),),
    )
    erratum = Erratum(
        id="test-erratum",
        kind=ErratumKind.CONTRADICTION,
        record=claim.id,
        field="kind",
        problem="one text says official",
        reading="a state visit",
        correct=(Correction("kind", VisitKind.STATE),),
        citations=(Citation("2024-tokayev-xinhua-interview", "state visit"),),
    )
    return ds.evolve(claim, erratum), primary, claim, erratum


def test_resolved_is_a_dataset_of_the_same_tables(ds: kzcn.Dataset, rds: kzcn.Dataset) -> None:
    assert rds.is_resolved and not ds.is_resolved
    assert list(rds.tables) == list(ds.tables)
    assert rds.resolved() is rds
    assert "resolved" in repr(rds)


def test_tied_claims_become_one_record_citing_all(ds: kzcn.Dataset) -> None:
    tied, primary, claim, _erratum = _claims_pair(ds)
    rds = tied.resolved()
    assert claim.id not in rds.visits.ids
    merged = rds.visits[primary.id]
    assert set(claim.citations) <= set(merged.citations)
    assert set(primary.citations) <= set(merged.citations)
    assert merged.same_as is None
    assert rds.resolution is not None
    thing = rds.resolution.things[primary.id]
    assert thing.claims == (primary.id, claim.id)
    assert rds.resolution.thing_of(claim.id) == primary.id


def test_a_correction_names_its_erratum_and_a_stated_value_its_claims(ds: kzcn.Dataset) -> None:
    tied, primary, _claim, erratum = _claims_pair(ds)
    resolution = tied.resolved().resolution
    assert resolution is not None
    kind = resolution.origin(primary.id, "kind")
    assert kind.erratum == erratum.id and kind.value is VisitKind.STATE
    # the claim that states the corrected value leads; the erratum's reasons follow
    assert resolution.evidence(primary.id, "kind") == (*primary.citations, *erratum.citations)
    date = resolution.origin(primary.id, "date")
    assert date.erratum is None and primary.id in date.claims
    assert resolution.evidence(primary.id, "date")


def test_links_to_a_merged_claim_lead_to_its_thing(ds: kzcn.Dataset) -> None:
    tied, primary, claim, _ = _claims_pair(ds)
    agreement = attrs.evolve(ds.agreements[0], visit=claim.id)
    rds = tied.evolve(agreement).resolved()
    assert rds.agreements[agreement.id].visit == primary.id


def test_corrected_amount_replaces_the_stated_one(ds: kzcn.Dataset) -> None:
    figure = ds.figures["zx19-trade-2018"]
    erratum = Erratum(
        id="test-amount",
        kind=ErratumKind.WRONG_UNIT,
        record=figure.id,
        field="amount",
        problem="p",
        reading="r",
        correct=(Correction("amount", Amount.parse("19.9 billion USD")),),
        citations=figure.citations,
    )
    rds = ds.evolve(erratum).resolved()
    assert str(rds.figures[figure.id].amount) == "19.9 billion USD"
    assert str(ds.figures[figure.id].amount) == "19.885 billion USD"  # the claim is untouched


def test_every_resolved_value_traces_to_evidence(rds: kzcn.Dataset) -> None:
    resolution = rds.resolution
    assert resolution is not None
    for thing in resolution.things.values():
        record = rds.tables[thing.table][thing.id]
        for field in attrs.fields(type(record)):
            if field.name in {"id", "citations", "same_as"}:
                continue
            value = getattr(record, field.name)
            if value in (None, (), ""):
                continue
            origin = resolution.origin(thing.id, field.name)
            assert origin.claims or origin.erratum, (thing.id, field.name)


def test_resolved_view_has_no_open_error_or_warning(rds: kzcn.Dataset) -> None:
    open_ = [f for f in rds.check() if not f.acknowledged and f.severity is not Severity.INFO]
    assert open_ == [], [(f.check, f.records, f.message) for f in open_]


def test_every_correction_changes_its_claim(ds: kzcn.Dataset) -> None:
    """A stale correction (one that sets what its record already states) fails here."""
    stale = [f for f in ds.check() if f.check == "stale-correction"]
    assert stale == [], [f.message for f in stale]


def test_groups_follow_chains(ds: kzcn.Dataset) -> None:
    tied, primary, claim, _ = _claims_pair(ds)
    third = attrs.evolve(claim, id="test-third", same_as=claim.id)
    found = groups(tied.evolve(third))
    assert [r.id for r in found[primary.id]] == [primary.id, claim.id, third.id]


def test_resolved_dataset_pickles_and_copies(rds: kzcn.Dataset) -> None:
    again = pickle.loads(pickle.dumps(rds))
    assert again.is_resolved
    assert list(again.figures) == list(rds.figures)
    assert copy.deepcopy(rds) is rds
