"""Every form of the same data says the same thing: the field model, diff across forms,
round trips, and the exports against their own schemas (issue 19, items 1 and 2)."""

from __future__ import annotations

import json
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import kzcn
from kzcn import export as ex
from kzcn.checks import run_checks
from kzcn.dataset import RECORD_TYPES, Dataset
from kzcn.diff import diff
from kzcn.kinds import Kind, kind_of
from kzcn.package import data_dir
from kzcn.records import Alias, Citation, Correction, Derivation, Redirect
from kzcn.units import Amount

NESTED = (Citation, Alias, Derivation, Correction, Redirect)


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return kzcn.load()


@pytest.fixture(scope="module")
def exports(ds: Dataset, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("exports")
    return {
        "claims": ex.write_json(ds, out / "claims"),
        "resolved": ex.write_json(ds.resolved(), out / "resolved"),
    }


# -- the field model ------------------------------------------------------------------


@pytest.mark.parametrize("cls", [*RECORD_TYPES.values(), *NESTED], ids=lambda c: c.__name__)
def test_every_field_declares_a_kind_that_fits_its_type(cls: type[Any]) -> None:
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        kind = kind_of(field)
        many = typing.get_origin(hints[field.name]) is tuple
        lists = {Kind.TEXTS, Kind.LINKS, Kind.CITATIONS, Kind.ALIASES}
        lists |= {Kind.DERIVED, Kind.CORRECTIONS}
        assert many == (kind in lists), (cls.__name__, field.name, kind)
        assert (kind in (Kind.LINK, Kind.LINKS)) == ("link" in field.metadata), field.name


# -- diff of the same data in any two forms ----------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("claims", "installed"),
        ("installed", "claims"),
        ("folder", "installed"),
        ("folder", "claims"),
        ("claims", "claims"),
        ("resolved", "resolved"),
    ],
)
def test_diff_of_the_same_data_in_two_forms_is_empty(
    exports: dict[str, Path], old: str, new: str
) -> None:
    sides: dict[str, str | Path] = {**exports, "installed": "installed", "folder": Path(data_dir())}
    found = diff(sides[old], sides[new])
    assert found.empty, found.text()[:2000]


def test_diff_after_one_edit_reports_exactly_that_edit(
    exports: dict[str, Path], tmp_path: Path
) -> None:
    document = json.loads(exports["claims"].read_text(encoding="utf-8"))
    figure = document["tables"]["figures"][0]
    figure["description"] = "an edited description"
    edited = tmp_path / "kzcn.json"
    edited.write_text(json.dumps(document), encoding="utf-8")
    found = diff("installed", edited)
    assert [(c.id, c.field) for c in found.changed] == [(figure["id"], "description")]
    assert not (found.added or found.removed or found.moved)


# -- unit spellings -------------------------------------------------------------------


def _with_amount(ds: Dataset, fid: str, text: str) -> Dataset:
    return ds.evolve(attrs.evolve(ds.figures[fid], amount=Amount.parse(text)))


@pytest.mark.parametrize("spelling", ["USD", "dollar", "dollars", "US$", "$"])
def test_every_spelling_of_a_unit_gives_the_same_findings(ds: Dataset, spelling: str) -> None:
    # The parts of zx19-trade-2019-h1 add up when read in dollars (the erratum's
    # reading); one part of 5.45 billion breaks the sum whatever the unit's spelling.
    fixed = _with_amount(ds, "zx19-trade-cn-to-kz-2019-h1", "5.08 billion USD")
    broken = _with_amount(fixed, "zx19-trade-kz-to-cn-2019-h1", f"5.45 billion {spelling}")
    assert broken.figures["zx19-trade-kz-to-cn-2019-h1"].amount.unit == "USD"
    found = {f.records for f in run_checks(broken, only=["parts-sum"])}
    assert any("zx19-trade-kz-to-cn-2019-h1" in records for records in found)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("3 tonnes", "tonne"),
        ("3 t", "tonne"),
        ("2 trains", "train"),
        ("4 tonnes/year", "tonne/year"),
    ],
)
def test_spellings_map_to_one_unit(text: str, unit: str) -> None:
    assert Amount.parse(text).unit == unit
    assert Amount(Decimal(3), text.split()[1]).unit == unit


def test_an_ambiguous_unit_is_refused_with_the_spellings_to_write() -> None:
    with pytest.raises(ValueError, match=r"ambiguous.*tonne"):
        Amount.parse("5 tons")
