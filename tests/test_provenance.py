"""Provenance that travels (issue 20): corrections as data, the claims of each thing in
resolved exports, and the table names before loading."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import kzcn
from kzcn.cli import main
from kzcn.export import export


@pytest.fixture(scope="module")
def rds() -> kzcn.Dataset:
    return kzcn.load().resolved()


def test_tables_by_name_before_load() -> None:
    from kzcn.dataset import TABLES

    assert tuple(spec.name for spec in TABLES) == kzcn.TABLES
    assert all(isinstance(name, str) for name in kzcn.TABLES)


def test_corrections_list_every_corrected_value(rds: kzcn.Dataset) -> None:
    resolution = rds.resolution
    assert resolution is not None
    found = resolution.corrections()
    walked = {
        (thing.id, field) for thing in resolution.things.values() for field in thing.corrections
    }
    assert {(c.record, c.field) for c in found} == walked and walked
    for c in found:
        assert resolution.origin(c.record, c.field).erratum == c.erratum
        assert getattr(rds[c.record], c.field) == c.corrected
        assert getattr(resolution.claim(c.claim), c.field) == c.stated
        assert c.stated != c.corrected
        assert c.erratum_evidence and c.stated_evidence
    amount = next(c for c in found if c.field == "amount")
    assert (str(amount.stated), str(amount.corrected)) == ("5.08 billion RUB", "5.08 billion USD")


def test_claim_links_map_every_claim_to_its_thing(rds: kzcn.Dataset) -> None:
    resolution = rds.resolution
    assert resolution is not None
    links = resolution.claim_links()
    claims = kzcn.load()
    assert {c.claim for c in links} == {r.id for t in claims.tables.values() for r in t}
    for link in links:
        assert link.primary == (link.claim == link.thing)
        assert rds[link.thing] is not None
    merged = [c for c in links if not c.primary]
    assert merged  # same_as claims exist in the data


def test_cli_errata_applied(capsys: pytest.CaptureFixture[str], rds: kzcn.Dataset) -> None:
    assert main(["errata", "--applied", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    resolution = rds.resolution
    assert resolution is not None
    assert rows == [c.as_dict() for c in resolution.corrections()]
    assert {"stated", "corrected", "erratum", "stated_evidence", "erratum_evidence"} <= set(rows[0])
    assert main(["errata", "--applied"]) == 0
    assert f"{len(rows)} corrected values" in capsys.readouterr().out


def test_resolved_exports_carry_claims_and_corrections(rds: kzcn.Dataset, tmp_path: Path) -> None:
    document = json.loads((export(rds, "json", tmp_path / "j")[0]).read_text("utf-8"))
    assert {"claims", "corrections"} <= set(document)
    assert len(document["corrections"]) == len(rds.resolution.corrections())  # type: ignore[union-attr]
    export(rds, "csv", tmp_path / "c")
    with (tmp_path / "c" / "claims.csv").open(encoding="utf-8") as stream:
        claims = list(csv.DictReader(stream))
    assert {"claim", "table", "thing", "primary"} == set(claims[0])
    assert {r["primary"] for r in claims} == {"true", "false"}
    with (tmp_path / "c" / "corrections.csv").open(encoding="utf-8") as stream:
        corrections = list(csv.DictReader(stream))
    amount = next(r for r in corrections if r["field"] == "amount")
    assert (amount["stated"], amount["corrected"]) == ("5.08 billion RUB", "5.08 billion USD")
    assert json.loads(amount["erratum_evidence"])[0]["source"]
    # the claims have nothing merged or corrected: no provenance tables
    stated = export(kzcn.load(), "csv", tmp_path / "s")
    assert not {"claims.csv", "corrections.csv"} & {p.name for p in stated}


def test_resolved_json_export_matches_its_schema(rds: kzcn.Dataset, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from kzcn.export import document_schema, to_json

    jsonschema.validate(to_json(rds), document_schema())
