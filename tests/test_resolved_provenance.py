"""The resolved view keeps provenance per value: a resolved field's ``derived`` rule
and evidence are those of the claim or erratum that gave the value, never a union
over the claims of the thing."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import kzcn
from kzcn.dates import Period
from kzcn.records import Citation, Correction, Derivation, Erratum, Event, Figure
from kzcn.resolve import Resolution
from kzcn.units import Amount
from kzcn.vocabulary import ErratumKind, EventKind, Subject
from strategies import claim_groups

SKIPPED = frozenset({"id", "citations", "same_as", "derived"})


def _relinked(resolution: Resolution, value: Any) -> Any:
    if isinstance(value, str):
        return resolution.thing_of(value) or value
    if isinstance(value, tuple):
        return tuple(resolution.thing_of(v) or v if isinstance(v, str) else v for v in value)
    return value


def _states(resolution: Resolution, claim: Any, field: str, value: Any) -> bool:
    """Whether a claim (as the source stated it) states the resolved ``value``."""
    stated = getattr(claim, field)
    link = attrs.fields_dict(type(claim))[field].metadata.get("link")
    if link:
        stated = _relinked(resolution, stated)
    if isinstance(value, tuple) and link:
        return bool(stated) and set(stated) <= set(value)
    return bool(stated == value)


def assert_traced(resolution: Resolution, record: Any) -> None:
    """Every value of a resolved record leads to a claim or erratum that states it: its
    origin, its evidence (led by a sentence of a claim that states it) and its rules."""
    for field in attrs.fields(type(record)):
        name = field.name
        if name in SKIPPED:
            continue
        value = getattr(record, name)
        origin = resolution.origin(record.id, name)
        where = (record.id, name)
        for claim_id in origin.claims:
            assert _states(resolution, resolution.claim(claim_id), name, value), where
        erratum = resolution.claim(origin.erratum) if origin.erratum else None
        if erratum is not None:
            assert Correction(name, value) in erratum.correct, where
        elif not (isinstance(value, tuple) and field.metadata.get("link")):
            primary = resolution.claim(record.id)
            assert _relinked(resolution, getattr(primary, name)) == value, where
        if value in (None, (), "") or not hasattr(record, "citations"):
            continue  # nothing to trace, or a source (which cites nothing)
        assert origin.claims or erratum is not None, where
        evidence = resolution.evidence(record.id, name)
        stating = [c for i in origin.claims for c in resolution.claim(i).citations]
        allowed = stating + list(erratum.citations if erratum is not None else ())
        assert evidence and set(evidence) <= set(allowed), where
        if stating:
            assert evidence[0] in stating, where  # led by a sentence that states it
        rules = [d for d in getattr(record, "derived", ()) if d.field == name]
        rules_of = {i: getattr(resolution.claim(i), "derived", ()) for i in origin.claims}
        givers = {i for i, derived in rules_of.items() if set(derived) & set(rules)}
        # a corrected value's rule may be the erratum's own (derived = { amount = ... })
        erratum_rules = erratum.derived if erratum is not None else ()
        for rule in rules:
            assert rule in erratum_rules or any(rule in derived for derived in rules_of.values()), (
                where,
                rule,
            )
        if not (isinstance(value, tuple) and field.metadata.get("link")):
            assert len(givers) <= 1, (where, rules)  # one claim gave a single value


def _all_traced(ds: kzcn.Dataset) -> None:
    rds = ds.resolved()
    resolution = rds.resolution
    assert resolution is not None
    for thing in resolution.things.values():
        assert_traced(resolution, rds.tables[thing.table][thing.id])


@settings(max_examples=300, deadline=None)
@given(claim_groups())
def test_every_resolved_value_leads_to_a_claim_or_erratum_that_states_it(
    group: tuple[list[Figure], list[Erratum]],
) -> None:
    claims, errata = group
    _all_traced(kzcn.Dataset.from_records({"figures": claims, "errata": errata}))


def test_every_shipped_resolved_value_leads_to_what_states_it() -> None:
    """The shipped data: whatever its ids, each resolved value traces back."""
    _all_traced(kzcn.load())


# -- the bugs of the report, on small datasets built here ----------------------------


def _cite(text: str, source: str = "source-a") -> tuple[Citation, ...]:
    return (Citation(source, text),)


def _event(eid: str, date: str, *, same_as: str | None = None, rule: str | None = None) -> Event:
    derived = (Derivation("date", rule),) if rule else ()
    return Event(
        eid,
        title="The new golden thirty years",
        kind=EventKind.ANNIVERSARY,
        date=Period.parse(date),
        same_as=same_as,
        derived=derived,
        citations=_cite(f"{eid}: launched in {date}"),
    )


def _erratum(eid: str, record: str, field: str, value: Any, *reasons: str) -> Erratum:
    return Erratum(
        eid,
        kind=ErratumKind.CONTRADICTION,
        record=record,
        field=field,
        problem="two texts date one start to two months",
        reading="the later text's date",
        correct=(Correction(field, value),),
        citations=tuple(c for r in reasons for c in _cite(r, "source-b")),
    )


def _golden() -> kzcn.Dataset:
    """Like golden-thirty-years-2022: the primary states 2022-09 outright; a tied claim
    derives 2022-02 by a rule; an erratum on that claim reads 2022-09."""
    primary = _event("golden", "2022-09")
    claim = _event("golden-feb", "2022-02", same_as="golden", rule="the month of the talks")
    erratum = _erratum(
        "golden-date",
        "golden-feb",
        "date",
        Period.parse("2022-09"),
        "the talks in Beijing opened the golden years",  # the sentence it overrules
        "we launched them during the state visit",
    )
    return kzcn.Dataset.from_records({"events": [primary, claim], "errata": [erratum]})


def test_a_value_stated_outright_carries_no_rule_of_another_claim() -> None:
    rds = _golden().resolved()
    assert rds.events["golden"].date == Period.parse("2022-09")
    assert rds.events["golden"].derived == ()


def test_evidence_leads_with_a_sentence_that_states_the_value() -> None:
    resolution = _golden().resolved().resolution
    assert resolution is not None
    evidence = resolution.evidence("golden", "date")
    assert evidence[0] == Citation("source-a", "golden: launched in 2022-09")
    assert evidence[1].evidence == "the talks in Beijing opened the golden years"


def _figure(fid: str, period: str, rules: dict[str, str], **fields: Any) -> Figure:
    return Figure(
        fid,
        subject=Subject.TRADE,
        amount=Amount.parse(fields.pop("amount", "30 year")),
        period=Period.parse(period),
        derived=tuple(Derivation(f, r) for f, r in rules.items()),
        citations=_cite(f"{fid} says so"),
        **fields,
    )


def test_a_corrected_value_keeps_the_rule_of_the_claim_that_states_it() -> None:
    """Like br23-anniversary-diplomatic-relations-2022: the erratum on the tied claim
    sets 2022, which the primary derives; the claim's rule gave 2021-06."""
    primary = _figure("anniversary", "2022", {"period": "the year of the joint statement"})
    claim = _figure(
        "round-table", "2021-06", {"period": "held in June this year"}, same_as="anniversary"
    )
    erratum = _erratum("dating", "round-table", "period", Period.parse("2022"), "thirty years")
    ds = kzcn.Dataset.from_records({"figures": [primary, claim], "errata": [erratum]})
    resolved = ds.resolved().figures["anniversary"]
    assert resolved.derived == (Derivation("period", "the year of the joint statement"),)


def test_one_value_has_one_rule() -> None:
    """Like xh24-golden-thirty-years: the primary's period rule, not also the tied
    claim's rule for another period, nor its rule for an amount the primary states."""
    primary = _figure("thirty-years", "2022/2051", {"period": "thirty years from 2022"})
    claim = _figure(
        "golden-length",
        "2022",
        {"amount": "read as a period of 30 years", "period": "the year it opened"},
        same_as="thirty-years",
    )
    ds = kzcn.Dataset.from_records({"figures": [primary, claim]})
    resolved = ds.resolved().figures["thirty-years"]
    assert resolved.derived == (Derivation("period", "thirty years from 2022"),)


def test_a_correction_no_claim_states_drops_the_rule_for_the_stated_value() -> None:
    figure = _figure("alone", "2021-06", {"period": "held in June this year"})
    erratum = _erratum("alone-dating", "alone", "period", Period.parse("2022"), "in 2022")
    ds = kzcn.Dataset.from_records({"figures": [figure], "errata": [erratum]})
    rds = ds.resolved()
    assert rds.figures["alone"].derived == ()
    assert rds.resolution is not None
    assert rds.resolution.evidence("alone", "period") == erratum.citations


@pytest.mark.parametrize("view", ["claims", "resolved"])
def test_unions_keep_the_rules_of_every_claim_that_added(view: str) -> None:
    one = _figure("one", "2022", {"parties": "the text names Kazakhstan"}, parties=("kz",))
    two = _figure(
        "two", "2022", {"parties": "the text names China"}, parties=("cn",), same_as="one"
    )
    ds = kzcn.Dataset.from_records({"figures": [one, two]})
    rds = ds.resolved()
    merged = rds.figures["one"] if view == "resolved" else ds.figures["one"]
    expected = one.derived + two.derived if view == "resolved" else one.derived
    assert merged.derived == expected
