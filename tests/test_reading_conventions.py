"""Reading conventions of the data guide (docs/data.md, "Reading the texts") hold in the data."""

from __future__ import annotations

import re

import attrs

import kzcn
from kzcn.records import Derivation, Figure, is_derived
from kzcn.vocabulary import Measure

_LEADING = re.compile(r"\bleading\b", re.IGNORECASE)


def ranks_read_from_leading(ds: kzcn.Dataset) -> list[str]:
    """Rank figures whose number is not written but read from "leading": the convention
    says "leading" states no rank number, so such a figure should not exist."""
    return [
        figure.id
        for figure in ds.figures
        if figure.measure is Measure.RANK
        and is_derived(figure, "amount")
        and any(_LEADING.search(c.evidence) for c in figure.citations)
    ]


def _leading_as_first(figure: Figure) -> Figure:
    """A copy of ``figure`` turned into a rank of 1 read from "leading"."""
    return attrs.evolve(
        figure,
        measure=Measure.RANK,
        amount=kzcn.Amount.parse("1 rank"),
        derived=(Derivation("amount", "'leading' read as first"),),
        citations=(
            kzcn.Citation(
                "2024-tokayev-xinhua-interview",
                "The PRC has consistently maintained its position as Kazakhstan’s leading "
                "trade and investment partner.",
            ),
        ),
    )


def test_a_rank_read_from_leading_is_caught() -> None:
    ds = kzcn.load()
    assert "xh24-investor-rank-2023" not in ranks_read_from_leading(ds)
    mutated = ds.evolve(_leading_as_first(ds.figures["xh24-investor-rank-2023"]))
    assert "xh24-investor-rank-2023" in ranks_read_from_leading(mutated)


def test_no_figure_reads_a_rank_from_leading() -> None:
    assert ranks_read_from_leading(kzcn.load()) == []


def test_the_2024_leading_partner_erratum_follows_the_convention() -> None:
    ds = kzcn.load()
    erratum = ds.errata["xh24-leading-partner-vs-rank"]
    assert "not necessarily first" in erratum.reading
    rank = ds.figures["xh24-investor-rank-2023"]
    assert (str(rank.amount), rank.qualifier.value) == ("4 rank", "up_to")
    assert "Reading the texts" in erratum.reading


def test_the_investment_rank_disagreement_is_tied() -> None:
    ds = kzcn.load()
    erratum = ds.errata["xh24-investor-rank-vs-main-source"]
    assert erratum.kind.value == "contradiction"
    tied = {erratum.record, *erratum.related}
    assert {"xh24-investor-rank-2023", "zx19-china-investment-source-rank-2019"} <= tied
    assert {c.source for c in erratum.citations} == {
        "2019-zhang-xiao-bulletin-of-diplomacy",
        "2024-tokayev-xinhua-interview",
    }


def test_the_readme_meetings_include_xian_with_xi_declared_derived() -> None:
    """The README's "When did Tokayev and Xi meet in person?" sees the Xi'an summit of May
    2023, and the record says Xi's presence there is read, not written."""
    rds = kzcn.load().resolved()
    met = rds.visits.where(people="tokayev").where(people="xi-jinping").where(status="held")
    summit = met["tokayev-central-asia-china-summit-xian-2023-05"]
    assert str(summit.date) == "2023-05" and summit.place == "xian"
    assert is_derived(summit, "people")
