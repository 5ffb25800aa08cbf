"""For every check, a way to break a copy of the real data that the check must catch.

Each mutation takes the dataset and returns the broken copy (made with
:meth:`~kzcn.query.Dataset.evolve`, so the original is untouched) and the record ids
the new finding must name. The repository's test suite asserts every check is killed
by its mutation; ``docs/checks.md`` shows the findings they produce.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from kzcn.dataset import Dataset
from kzcn.dates import Period
from kzcn.records import Citation, Confidence, Correction, Erratum, Figure, Visit
from kzcn.units import Amount
from kzcn.vocabulary import FigureKind, Measure, Review, Subject, VisitKind

Mutation = Callable[[Dataset], tuple[Dataset, set[str]]]


def _amount(ds: Dataset, fid: str, text: str) -> Dataset:
    return ds.evolve(attrs.evolve(ds.figures[fid], amount=Amount.parse(text)))


def dangling_link(ds: Dataset) -> tuple[Dataset, set[str]]:
    visit = ds.visits["tokayev-belt-and-road-forum-2023-10"]
    return ds.evolve(remove=["protocol-rapeseed-export-2023"]), {visit.id}


def unit_dimension(ds: Dataset) -> tuple[Dataset, set[str]]:
    return _amount(ds, "zx19-trade-2018", "19.885 million tonne"), {"zx19-trade-2018"}


def currency_context(ds: Dataset) -> tuple[Dataset, set[str]]:
    fid = "zx19-trade-kz-to-cn-2018"
    return _amount(ds, fid, "8.535 billion CNY"), {fid}


def reported_before(ds: Dataset) -> tuple[Dataset, set[str]]:
    agreement = ds.agreements["mou-economic-development-2023"]
    broken = attrs.evolve(agreement, date=Period.parse("2025-01"))
    return ds.evolve(broken), {agreement.id}


def planned_after(ds: Dataset) -> tuple[Dataset, set[str]]:
    visit = ds.visits["xi-visit-kazakhstan-2024"]
    return ds.evolve(attrs.evolve(visit, date=Period.parse("2019-01"))), {visit.id}


def period_containment(ds: Dataset) -> tuple[Dataset, set[str]]:
    part = ds.figures["zx19-trade-kz-to-cn-2018"]
    broken = attrs.evolve(part, period=Period.parse("2019"))
    return ds.evolve(broken), {part.id, "zx19-trade-2018"}


def parts_sum(ds: Dataset) -> tuple[Dataset, set[str]]:
    # Read the "rubles" as the erratum says (dollars): the parts then add up; break one.
    fixed = _amount(ds, "zx19-trade-cn-to-kz-2019-h1", "5.08 billion USD")
    broken = _amount(fixed, "zx19-trade-kz-to-cn-2019-h1", "5.45 billion USD")
    return broken, {"zx19-trade-2019-h1", "zx19-trade-kz-to-cn-2019-h1"}


def _new_figure(ds: Dataset, fid: str, like: str, amount: str, **changes: object) -> Figure:
    template = ds.figures[like]
    return attrs.evolve(template, id=fid, amount=Amount.parse(amount), **changes)  # type: ignore[arg-type]


def growth_rate(ds: Dataset) -> tuple[Dataset, set[str]]:
    base = _new_figure(
        ds,
        "mut-trade-kz-to-cn-2017",
        "zx19-trade-kz-to-cn-2018",
        "8 billion USD",
        period=Period.parse("2017"),
        part_of=None,
    )
    rate = attrs.evolve(ds.figures["zx19-trade-kz-to-cn-2018-growth"], base=base.id)
    return ds.evolve(base, rate), {rate.id, base.id}


def share(ds: Dataset) -> tuple[Dataset, set[str]]:
    part = _new_figure(
        ds,
        "mut-containers-to-europe-2020",
        "kv21-transit-containers-2020",
        "500 thousand container",
    )
    stated = attrs.evolve(ds.figures["kv21-transit-containers-europe-share-2020"], rate_of=part.id)
    return ds.evolve(part, stated), {stated.id, part.id}


def multiple(ds: Dataset) -> tuple[Dataset, set[str]]:
    # The hundredfold trade growth has no stated base; give it one that is 41-fold off.
    early = _new_figure(
        ds, "mut-trade-1992", "xh24-trade-2023", "1 billion USD", period=Period.parse("1992")
    )
    stated = attrs.evolve(ds.figures["xh24-trade-multiple-2023"], base=early.id)
    return ds.evolve(early, stated), {stated.id, early.id}


def same_measure_conflict(ds: Dataset) -> tuple[Dataset, set[str]]:
    rival = _new_figure(
        ds,
        "mut-trade-2018-other-source",
        "zx19-trade-2018",
        "25 billion USD",
        citations=(Citation("2024-tokayev-xinhua-interview", "the volume of trade"),),
    )
    return ds.evolve(rival), {rival.id, "zx19-trade-2018"}


def target_vs_actual(ds: Dataset) -> tuple[Dataset, set[str]]:
    target = _new_figure(
        ds,
        "mut-cargo-target",
        "zx19-cargo-2018",
        "30 million tonne",
        kind=FigureKind.TARGET,
        period=Period.parse("2030"),
    )
    return ds.evolve(target), {target.id}


def anniversary(ds: Dataset) -> tuple[Dataset, set[str]]:
    fid = "br23-anniversary-diplomatic-relations-2022"
    return _amount(ds, fid, "35 year"), {fid, "diplomatic-relations-1992"}


def meeting_ordinal(ds: Dataset) -> tuple[Dataset, set[str]]:
    trip = ds.visits["tokayev-working-trip-china-2022-02"]
    return ds.evolve(attrs.evolve(trip, ordinal=5)), {trip.id}


def visit_kind_conflict(ds: Dataset) -> tuple[Dataset, set[str]]:
    visit = ds.visits["tokayev-state-visit-china-2019-09"]
    rival = attrs.evolve(visit, id="mut-official-visit-2019-09", kind=VisitKind.OFFICIAL)
    return ds.evolve(rival), {visit.id, rival.id}


def name_in_force(ds: Dataset) -> tuple[Dataset, set[str]]:
    visit = ds["tokayev-council-foreign-investors-33rd-plenary-2021-06-11"]
    moved = attrs.evolve(visit, date=Period.parse("2023-06-11"))
    return ds.evolve(moved), {visit.id, "astana"}


def capital_largest_city(ds: Dataset) -> tuple[Dataset, set[str]]:
    claim = _new_figure(
        ds,
        "mut-largest-city",
        "kv21-kazakhstan-population-2021",
        "1 rank",
        measure=Measure.RANK,
        refers_to="astana",
        period=Period.parse("2024"),
        derived=(),
    )
    return ds.evolve(claim), {claim.id, "astana"}


def stale_erratum(ds: Dataset) -> tuple[Dataset, set[str]]:
    # Correct the "rubles" in the record itself: the erratum then explains nothing.
    fixed = _amount(ds, "zx19-trade-cn-to-kz-2019-h1", "5.08 billion USD")
    return fixed, {"zx19-h1-2019-exports-currency"}


def _visits_of_two_kinds(ds: Dataset) -> tuple[Visit, Visit]:
    held = [v for v in ds.visits if v.same_as is None]
    first = held[0]
    second = next(v for v in held[1:] if v.kind is not first.kind)
    return first, second


def link_loop(ds: Dataset) -> tuple[Dataset, set[str]]:
    # the 2018 total made a part of its own part: part_of loops back
    part = ds.figures["zx19-trade-kz-to-cn-2018"]
    assert part.part_of is not None
    total = ds.figures[part.part_of]
    return ds.evolve(attrs.evolve(total, part_of=part.id)), {part.id, total.id}


def same_as(ds: Dataset) -> tuple[Dataset, set[str]]:
    first, second = _visits_of_two_kinds(ds)
    loop = (attrs.evolve(first, same_as=second.id), attrs.evolve(second, same_as=first.id))
    return ds.evolve(*loop), {first.id, second.id}


def claim_conflict(ds: Dataset) -> tuple[Dataset, set[str]]:
    # Tie two visits of different kinds as one thing, with no erratum to say which holds.
    first, second = _visits_of_two_kinds(ds)
    return ds.evolve(attrs.evolve(second, same_as=first.id)), {first.id, second.id}


def _erratum(ds: Dataset, eid: str, record: str, **values: object) -> Erratum:
    template = ds.errata[0]
    return attrs.evolve(
        template,
        id=eid,
        record=record,
        field=next(iter(values)),
        check=None,
        related=(),
        correct=tuple(Correction(k, v) for k, v in values.items()),
    )


def correction_conflict(ds: Dataset) -> tuple[Dataset, set[str]]:
    fid = "zx19-trade-cn-to-kz-2019-h1"
    rival = _erratum(ds, "mut-rival-correction", fid, amount=Amount.parse("5.08 billion CNY"))
    usd = _erratum(ds, "mut-usd-correction", fid, amount=Amount.parse("5.08 billion USD"))
    return ds.evolve(usd, rival), {fid, rival.id, usd.id}


def stale_correction(ds: Dataset) -> tuple[Dataset, set[str]]:
    figure = ds.figures["zx19-trade-2018"]
    noop = _erratum(ds, "mut-noop-correction", figure.id, amount=figure.amount)
    return ds.evolve(noop), {noop.id, figure.id}


def reciprocal_link(ds: Dataset) -> tuple[Dataset, set[str]]:
    agreement = next(
        a for a in ds.agreements if a.visit is not None and a.id in ds.visits[a.visit].agreements
    )
    assert agreement.visit is not None
    return ds.evolve(attrs.evolve(agreement, visit=None)), {agreement.id, agreement.visit}


def unverified_evidence(ds: Dataset) -> tuple[Dataset, set[str]]:
    # A user's claim quoting a shipped source by words no checked text holds.
    figure = ds.figures["zx19-trade-2018"]
    claim = attrs.evolve(
        figure,
        id="mut-unverified-trade-2018",
        citations=(
            Citation("2019-zhang-xiao-bulletin-of-diplomacy", "trade reached $ 19.885 billion"),
        ),
    )
    return ds.evolve(claim), {claim.id}


def unreviewed_draft(ds: Dataset) -> tuple[Dataset, set[str]]:
    # A shipped figure marked back to a draft, unsure of its period.
    figure = attrs.evolve(
        ds.figures["zx19-trade-2018"],
        review=Review.DRAFT,
        confidence=(Confidence("period", 0.4),),
    )
    return ds.evolve(figure), {figure.id}


def rank_conflict(ds: Dataset) -> tuple[Dataset, set[str]]:
    # China the third investor in mid-2019, while the 2019 text makes it the first.
    main = "zx19-china-investment-source-rank-2019"
    rival = _new_figure(
        ds, "mut-investor-rank-2019-06", main, "3 rank", period=Period.parse("2019-06")
    )
    return ds.evolve(rival), {main, rival.id}


def project_parties(ds: Dataset) -> tuple[Dataset, set[str]]:
    # The milk powder plant with Kazakhstan as its only party: a domestic plant.
    plant = ds.projects["golden-camel-milk-powder-plant"]
    broken = attrs.evolve(plant, parties=("kazakhstan",), derived=())
    return ds.evolve(broken), {plant.id}


def page_counter(ds: Dataset) -> tuple[Dataset, set[str]]:
    # The 2019 page's own counter kept as a figure.
    counter = _new_figure(
        ds,
        "mut-page-views-2019",
        "zx19-joint-projects-2019",
        "1257 item",
        subject=Subject.OTHER,
        parties=(),
        derived=(),
        citations=(Citation("2019-zhang-xiao-bulletin-of-diplomacy", "Number of shows: 1257"),),
    )
    return ds.evolve(counter), {counter.id}


def derived_clause(ds: Dataset) -> tuple[Dataset, set[str]]:
    # Nazarbayev's trip moved to May while its rule still quotes 'in April'.
    visit = ds.visits["nazarbayev-belt-and-road-forum-2019-04"]
    return ds.evolve(attrs.evolve(visit, date=Period.parse("2019-05"))), {visit.id}


MUTATIONS: dict[str, Mutation] = {
    "dangling-link": dangling_link,
    "unit-dimension": unit_dimension,
    "currency-context": currency_context,
    "reported-before-it-happened": reported_before,
    "planned-after-the-fact": planned_after,
    "period-containment": period_containment,
    "parts-sum": parts_sum,
    "growth-rate": growth_rate,
    "share": share,
    "multiple": multiple,
    "same-measure-conflict": same_measure_conflict,
    "target-vs-actual": target_vs_actual,
    "anniversary": anniversary,
    "meeting-ordinal": meeting_ordinal,
    "visit-kind-conflict": visit_kind_conflict,
    "name-in-force": name_in_force,
    "capital-largest-city": capital_largest_city,
    "same-as": same_as,
    "link-loop": link_loop,
    "claim-conflict": claim_conflict,
    "correction-conflict": correction_conflict,
    "stale-correction": stale_correction,
    "reciprocal-link": reciprocal_link,
    "rank-conflict": rank_conflict,
    "project-parties": project_parties,
    "page-counter": page_counter,
    "derived-clause": derived_clause,
    "stale-erratum": stale_erratum,
    "unverified-evidence": unverified_evidence,
    "unreviewed-draft": unreviewed_draft,
}

__all__ = ["MUTATIONS", "Mutation"]
