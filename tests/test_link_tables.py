"""Link tables (issue 20): every list of links is a table in CSV, Parquet and the data
package; a citation is a row whose source must be a source."""

from __future__ import annotations

import csv
import importlib
from pathlib import Path

import attrs
import pytest

import kzcn
from kzcn import export as ex
from kzcn.records import Citation


@pytest.fixture(scope="module")
def ds() -> kzcn.Dataset:
    return kzcn.load()


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_citations_table_in_csv_and_parquet(ds: kzcn.Dataset, tmp_path: Path) -> None:
    ex.write_csv(ds, tmp_path / "csv")
    rows = _csv(tmp_path / "csv" / "citations.csv")
    expected = [
        (r.id, c.source, c.evidence)
        for t in ds.tables.values()
        for r in t
        for c in getattr(r, "citations", ())
    ]
    assert [(r["record"], r["source"], r["evidence"]) for r in rows] == expected
    assert {r["source"] for r in rows} <= set(ds.sources.ids)
    figure = ds.figures[0]
    assert [int(r["position"]) for r in rows if r["record"] == figure.id] == list(
        range(1, len(figure.citations) + 1)
    )
    visits = _csv(tmp_path / "csv" / "visits-people.csv")
    assert {(r["id"], r["target"]) for r in visits} == {
        (v.id, p) for v in ds.visits for p in v.people
    }
    pq = importlib.import_module("pyarrow.parquet")
    ex.write_parquet(ds, tmp_path / "pq")
    table = pq.read_table(tmp_path / "pq" / "citations.parquet").to_pylist()
    assert [(r["record"], r["source"], r["evidence"]) for r in table] == expected
    assert pq.read_table(tmp_path / "pq" / "visits-people.parquet").num_rows == len(visits)


def test_frictionless_refuses_a_citation_of_an_unknown_source(
    ds: kzcn.Dataset, tmp_path: Path
) -> None:
    frictionless = importlib.import_module("frictionless")
    figure = ds.figures[0]
    cited = (*figure.citations, Citation("no-such-source", "nineteen billion"))
    broken = ds.evolve(attrs.evolve(figure, citations=cited))
    report = frictionless.validate(str(ex.write_datapackage(broken, tmp_path / "bad")))
    assert not report.valid
    errors = report.flatten(["type", "note"])
    assert any(kind == "foreign-key" and "no-such-source" in note for kind, note in errors)
    good = frictionless.validate(str(ex.write_datapackage(ds, tmp_path / "good")))
    assert good.valid


def test_bounds_are_what_the_source_states(ds: kzcn.Dataset, tmp_path: Path) -> None:
    """'more than 5 billion' has a lower bound of 5e9 and no upper one; the checks'
    tolerance (up to 1.5 times) is exported under a name that says so."""
    from kzcn.vocabulary import Qualifier

    more = next(f for f in ds.figures if f.qualifier is Qualifier.MORE_THAN)
    about = next(f for f in ds.figures if f.qualifier is Qualifier.ABOUT)
    ex.write_csv(ds, tmp_path)
    rows = {r["id"]: r for r in _csv(tmp_path / "figures.csv")}
    value = str(float(more.amount.magnitude))
    assert float(rows[more.id]["amount_lower"]) == float(value)
    assert rows[more.id]["amount_upper"] == ""
    assert float(rows[more.id]["amount_tolerance_high"]) > float(value)
    assert rows[about.id]["amount_lower"] == rows[about.id]["amount_upper"] == ""
    assert "amount_low" not in rows[more.id] and "amount_high" not in rows[more.id]
    quantity = next(r for r in ex.to_json(ds)["tables"]["figures"] if r["id"] == more.id)[
        "quantity"
    ]
    assert quantity["lower"] == float(value) and quantity["upper"] is None
    assert set(quantity["tolerance"]) == {"low", "high"}
