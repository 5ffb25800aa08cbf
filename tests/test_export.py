"""Exports: JSON round trips, CSV layout, JSON Schema, data package, Parquet, pandas."""

from __future__ import annotations

import csv
import enum
import importlib
import json
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import kzcn
from kzcn import export as ex
from kzcn.dataset import RECORD_TYPES, Dataset
from kzcn.dates import Period
from kzcn.errors import DataError
from kzcn.export import json as ex_json
from kzcn.export.columns import bounds
from kzcn.export.csv import neutralise
from kzcn.export.datapackage import link_resource
from kzcn.intervals import interval_of
from kzcn.loader import converter
from kzcn.records import Figure, Source
from kzcn.vocabulary import SourceKind
from strategies import amounts, figures, periods, slugs


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return kzcn.load()


@pytest.fixture(scope="module")
def package_dir(ds: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("package")
    ex.write_datapackage(ds, out)
    return out


def _small(records: list[Figure]) -> Dataset:
    """A dataset of generated figures and a source for each source they cite."""
    cited = sorted({c.source for f in records for c in f.citations})
    assume(not set(cited) & {f.id for f in records})  # ids are unique across tables
    sources = [
        Source(s, "a text", kind=SourceKind.ARTICLE, published=Period.parse("2020")) for s in cited
    ]
    return Dataset.from_records({"sources": sources, "figures": records})


def _equal(a: Dataset, b: Dataset) -> None:
    for name, table in a.tables.items():
        assert list(b.tables[name]) == list(table), name


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


# -- JSON -----------------------------------------------------------------------------


@given(st.lists(figures(), min_size=1, max_size=5, unique_by=lambda f: f.id))
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
def test_generated_figures_round_trip_through_json(records: list[Figure]) -> None:
    small = _small(records)
    text = json.dumps(ex.to_json(small), ensure_ascii=False, allow_nan=False)
    _equal(small, ex.from_json(json.loads(text)))


@given(st.lists(figures(), min_size=1, max_size=3, unique_by=lambda f: f.id))
@settings(max_examples=20, deadline=None)
def test_generated_figures_in_the_shipped_data_round_trip(records: list[Figure]) -> None:
    shipped = kzcn.load()
    assume(not any(shipped.get(f.id) for f in records))
    source = next(iter(shipped.sources)).id
    trade = "zx19-trade-2018"
    records = [  # cite a shipped source and link into the shipped figures
        attrs.evolve(
            f,
            citations=tuple(attrs.evolve(c, source=source) for c in f.citations),
            refers_to=trade,
        )
        for f in records
    ]
    grown = shipped.evolve(*records)
    _equal(grown, ex.from_json(json.loads(json.dumps(ex.to_json(grown)))))


def test_shipped_dataset_round_trips_through_json(ds: Dataset, tmp_path: Path) -> None:
    path = ex.write_json(ds, tmp_path)
    assert path == tmp_path / "kzcn.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == kzcn.__version__
    assert data["data_version"] == kzcn.DATA_VERSION
    assert {n: len(rows) for n, rows in data["tables"].items()} == ds.summary()["tables"]
    _equal(ds, ex.read_json(path))


def test_to_json_is_plain_json(ds: Dataset) -> None:
    data = ex.to_json(ds)
    assert json.loads(json.dumps(data, allow_nan=False)) == data


def test_periods_are_compact_text_and_quantities_are_derived(ds: Dataset) -> None:
    rows = {row["id"]: row for row in ex.to_json(ds)["tables"]["figures"]}
    for figure in ds.figures:
        row = rows[figure.id]
        assert row["period"] == str(figure.period)
        quantity = row["quantity"]
        assert quantity["text"] == row["amount"] == str(figure.amount)
        assert Decimal(str(quantity["value"])) == figure.amount.magnitude
        assert quantity["unit"] == figure.amount.unit
        assert quantity["qualifier"] == figure.qualifier.value
        low, high = bounds(figure.amount, figure.qualifier)  # exact, rounded once
        assert quantity["tolerance"] == {"low": ex_json.number(low), "high": ex_json.number(high)}
        interval = interval_of(figure.amount, figure.qualifier)  # outward-rounded floats
        assert interval.lo <= quantity["tolerance"]["low"] <= quantity["tolerance"]["high"]
        assert quantity["tolerance"]["high"] <= interval.hi
        assert row["period_start"] == figure.period.start.isoformat()
        assert row["period_end"] == figure.period.end.isoformat()
        assert row["period_precision"] == figure.period.precision.value


def test_derived_keys_are_ignored_on_import(ds: Dataset) -> None:
    data = ex.to_json(ds)
    data["tables"]["figures"][0]["quantity"] = {"value": -1}
    _equal(ds, ex.from_json(data))


def _one_figure(ds: Dataset, **changes: Any) -> dict[str, Any]:
    data = ex.to_json(ds)
    data["tables"]["figures"][0].update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"qualifer": "about"}, "qualifer", "unknown field"),
        ({"qualifier": "roughly"}, "qualifier", "not a valid Qualifier"),
        ({"period": "2019-13"}, "period", "month must be 01..12"),
        ({"amount": "5 parsecs"}, "amount", "unknown unit"),
        ({"part_of": "no-such-figure"}, "part_of", "links to unknown id"),
    ],
)
def test_import_validates_like_the_loader(
    ds: Dataset, changes: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(DataError) as info:
        ex.from_json(_one_figure(ds, **changes))
    problem = info.value.problems[0]  # then, as loading does, links to the dropped record
    assert problem.file == "kzcn.json"
    assert problem.record == "zx19-trade-2018"
    assert problem.field == field
    assert words in problem.message


@pytest.mark.parametrize(
    "data", [[], {}, {"tables": []}, {"tables": {"planets": []}}, {"tables": {"figures": [1]}}]
)
def test_import_rejects_malformed_documents(data: Any) -> None:
    with pytest.raises(DataError):
        ex.from_json(data)


# -- CSV ------------------------------------------------------------------------------


def test_csv_header_is_the_field_order_and_rows_match(ds: Dataset, tmp_path: Path) -> None:
    paths = ex.write_csv(ds, tmp_path)[: len(ds.tables)]  # then the link tables
    assert [p.name for p in paths] == [f"{name}.csv" for name in ds.tables]
    for path, (name, table) in zip(paths, ds.tables.items(), strict=True):
        header, *rows = _read_csv(path)
        fields = [f.name for f in attrs.fields(RECORD_TYPES[name])]
        assert header[: len(fields)] == fields
        derived = [c.name for c in ex.columns(RECORD_TYPES[name]) if c.derived_from]
        assert header[len(fields) :] == derived
        if name == "figures":
            assert derived == [
                *("amount_value", "amount_unit", "amount_lower", "amount_upper"),
                *("amount_tolerance_low", "amount_tolerance_high"),
                *("period_start", "period_end", "period_precision"),
            ]
        assert len(rows) == len(table)
        assert [row[0] for row in rows] == list(table.ids)


def test_csv_cells(ds: Dataset, tmp_path: Path) -> None:
    ex.write_csv(ds, tmp_path)
    conv = converter()
    for name, table in ds.tables.items():
        header, *rows = _read_csv(tmp_path / f"{name}.csv")
        for record, row in zip(table, rows, strict=True):
            cells = dict(zip(header, row, strict=True))
            for field in attrs.fields(type(record)):
                value, cell = getattr(record, field.name), cells[field.name]
                if field.metadata.get("link") and isinstance(value, tuple):
                    assert (cell.split(";") if cell else []) == list(value)
                elif isinstance(value, tuple):
                    assert json.loads(cell) == conv.unstructure(value)
                elif value is None:
                    assert cell == ""
                else:
                    assert cell == str(value.value if isinstance(value, enum.Enum) else value)
    with (tmp_path / "figures.csv").open(encoding="utf-8", newline="") as stream:
        trade = next(r for r in csv.DictReader(stream) if r["id"] == "zx19-trade-2018")
    assert trade["amount"] == "19.885 billion USD"
    assert trade["amount_value"] == "19885000000"
    assert trade["amount_unit"] == "USD"
    assert trade["amount_lower"] == trade["amount_upper"] == "19885000000"  # exact: as stated
    low, high = float(trade["amount_tolerance_low"]), float(trade["amount_tolerance_high"])
    assert low < 19885000000 < high


@given(records=st.lists(figures(), min_size=1, max_size=4, unique_by=lambda f: f.id))
@settings(  # each example writes every table and link table: no per-example deadline
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_csv_keeps_any_text(records: list[Figure], tmp_path: Path) -> None:
    small = _small(records)
    ex.write_csv(small, tmp_path)
    with (tmp_path / "figures.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["description"] for r in rows] == [neutralise(f.description) for f in records]
    assert [json.loads(r["citations"]) for r in rows] == [
        converter().unstructure(f.citations) for f in records
    ]


# -- JSON Schema ----------------------------------------------------------------------


@pytest.mark.parametrize("cls", RECORD_TYPES.values(), ids=RECORD_TYPES.keys())
def test_json_schema_follows_the_model(cls: type[Any]) -> None:
    schema = ex.json_schema(cls)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    fields = attrs.fields(cls)
    assert list(schema["properties"])[: len(fields)] == [f.name for f in fields]
    assert schema["required"] == [f.name for f in fields if f.default is attrs.NOTHING]
    assert schema["additionalProperties"] is False
    assert all(p["description"] for p in schema["properties"].values())


def test_json_schema_validates_every_exported_record(ds: Dataset) -> None:
    jsonschema = importlib.import_module("jsonschema")
    data = ex.to_json(ds)
    for name, cls in RECORD_TYPES.items():
        schema = ex.json_schema(cls)
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        for row in data["tables"][name]:
            validator.validate(row)


@given(st.lists(figures(), min_size=1, max_size=3, unique_by=lambda f: f.id))
@settings(max_examples=40)
def test_json_schema_validates_generated_figures(records: list[Figure]) -> None:
    jsonschema = importlib.import_module("jsonschema")
    validator = jsonschema.Draft202012Validator(ex.json_schema(Figure))
    for row in ex.to_json(_small(records))["tables"]["figures"]:
        validator.validate(row)


@pytest.mark.parametrize(
    "changes",
    [
        {"qualifier": "roughly"},
        {"extra": 1},
        {"period": "2019-H3"},
        {"amount": "5 parsecs"},
        {"id": "Not A Slug"},
        {"citations": []},
        {"citations": [{"source": "s", "evidence": " ".join(["word"] * 26)}]},
        {"subject": None},
    ],
)
def test_json_schema_rejects_bad_records(ds: Dataset, changes: dict[str, Any]) -> None:
    jsonschema = importlib.import_module("jsonschema")
    row = _one_figure(ds, **changes)["tables"]["figures"][0]
    errors = list(jsonschema.Draft202012Validator(ex.json_schema(Figure)).iter_errors(row))
    assert errors


@given(periods())
def test_period_pattern_accepts_every_period(period: Period) -> None:
    assert re.fullmatch(ex.PERIOD_PATTERN, str(period))


@given(amounts)
def test_amount_pattern_accepts_every_amount(amount: Any) -> None:
    assert re.fullmatch(ex.AMOUNT_PATTERN, str(amount))


@given(slugs)
def test_slug_pattern_accepts_every_slug(slug: str) -> None:
    assert re.fullmatch(ex.SLUG_PATTERN, slug)


def test_write_jsonschema(tmp_path: Path) -> None:
    paths = ex.write_jsonschema(tmp_path)
    names = [f"{name}.schema.json" for name in RECORD_TYPES]
    assert [p.name for p in paths] == [*names, "kzcn.schema.json"]
    for path, cls in zip(paths, RECORD_TYPES.values(), strict=False):
        assert json.loads(path.read_text(encoding="utf-8")) == ex.json_schema(cls)


# -- Frictionless data package --------------------------------------------------------


def test_datapackage_descriptor(ds: Dataset, package_dir: Path) -> None:
    package = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == kzcn.DATA_VERSION
    assert package["licenses"][0]["name"] == "MIT"
    assert [s["title"] for s in package["sources"]] == [s.title for s in ds.sources]
    resources = {r["name"]: r for r in package["resources"]}
    assert list(resources)[: len(ds.tables)] == list(ds.tables)
    for name in ds.tables:
        resource = resources[name]
        assert (package_dir / resource["path"]).is_file()
        schema = resource["schema"]
        assert schema["primaryKey"] == ["id"]
        names = [f["name"] for f in schema["fields"]]
        assert names == _read_csv(package_dir / f"{name}.csv")[0]
        multi = {c.name for c in ex.columns(RECORD_TYPES[name]) if c.many and c.link}
        assert not multi & set(names)  # multi-valued links are link tables
        assert all(link_resource(name, m) in resources for m in multi)
    keys = {
        (name, str(k["fields"]), k["reference"]["resource"])
        for name, r in resources.items()
        for k in r["schema"].get("foreignKeys", [])
    }
    assert ("people", "country", "places") in keys
    assert ("organizations", "parent", "") in keys  # a self reference
    assert ("figures", "refers_to", "ids") in keys  # links to many tables: any record id
    subject = next(f for f in resources["figures"]["schema"]["fields"] if f["name"] == "subject")
    assert "trade: value of goods traded" in subject["description"]
    assert "trade" in subject["constraints"]["enum"]


def test_datapackage_is_valid_frictionless(package_dir: Path) -> None:
    frictionless = importlib.import_module("frictionless")
    report = frictionless.validate(str(package_dir / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


def test_frictionless_checks_the_foreign_keys(package_dir: Path, tmp_path: Path) -> None:
    frictionless = importlib.import_module("frictionless")
    for path in package_dir.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    header, *rows = _read_csv(tmp_path / "people.csv")
    rows[0][header.index("country")] = "atlantis"
    with (tmp_path / "people.csv").open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([header, *rows])
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    assert {e[0] for e in report.flatten(["type"])} == {"foreign-key"}


# -- Parquet and pandas ---------------------------------------------------------------


def test_parquet(ds: Dataset, tmp_path: Path) -> None:
    pq = importlib.import_module("pyarrow.parquet")
    paths = ex.write_parquet(ds, tmp_path)[: len(ds.tables)]  # then the link tables
    assert [p.name for p in paths] == [f"{name}.parquet" for name in ds.tables]
    for path, (name, table) in zip(paths, ds.tables.items(), strict=True):
        read = pq.read_table(path)
        assert read.num_rows == len(table)
        assert read.column_names == [c.name for c in ex.columns(RECORD_TYPES[name])]
        assert read.schema.metadata[b"data_version"] == kzcn.DATA_VERSION.encode()
    figures = pq.read_table(tmp_path / "figures.parquet").to_pylist()
    conv = converter()
    assert [f["citations"] for f in figures] == [conv.unstructure(f.citations) for f in ds.figures]
    first = next(iter(ds.figures))
    assert figures[0]["amount_value"] == float(first.amount.magnitude)


def test_to_pandas(ds: Dataset) -> None:
    importlib.import_module("pandas")
    frame = ex.to_pandas(ds.figures)
    assert list(frame.columns) == [c.name for c in ex.columns(Figure)]
    assert len(frame) == len(ds.figures)
    assert list(frame["id"]) == list(ds.figures.ids)
    visits = ex.to_pandas(ds.visits)
    assert str(visits["ordinal"].dtype) == "Int64"
    assert list(ex.to_pandas(ds.errata.where(kind="garbled").where(kind="ambiguous")).columns) == [
        c.name for c in ex.columns(RECORD_TYPES["errata"])
    ]


@pytest.mark.parametrize(
    ("module", "extra", "run"),
    [
        ("pandas", "kzcn[pandas]", lambda ds, out: ex.to_pandas(ds.figures)),
        ("pyarrow", "kzcn[parquet]", lambda ds, out: ex.write_parquet(ds, out)),
    ],
)
def test_missing_optional_dependency_names_the_extra(
    ds: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str, extra: str, run: Any
) -> None:
    for name in [m for m in sys.modules if m == module or m.startswith(f"{module}.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    with pytest.raises(ImportError, match=re.escape(f'pip install "{extra}"')):
        run(ds, tmp_path)


# -- dispatch -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "names"),
    [
        ("json", {"kzcn.json"}),
        (
            "csv",
            {"citations.csv", "metadata.json"}
            | {f"{t}.csv" for t in RECORD_TYPES}
            | {
                f"{link_resource(t, c.name)}.csv"
                for t, cls in RECORD_TYPES.items()
                for c in ex.columns(cls)
                if c.many and c.link
            },
        ),
        ("jsonschema", {f"{t}.schema.json" for t in RECORD_TYPES} | {"kzcn.schema.json"}),
        (
            "datapackage",
            {"datapackage.json", "ids.csv", "citations.csv"}
            | {f"{t}.csv" for t in RECORD_TYPES}
            | {
                f"{link_resource(t, c.name)}.csv"
                for t, cls in RECORD_TYPES.items()
                for c in ex.columns(cls)
                if c.many and c.link
            },
        ),
    ],
)
def test_export_dispatches(ds: Dataset, tmp_path: Path, fmt: str, names: set[str]) -> None:
    written = ex.export(ds, fmt, tmp_path)
    assert {p.name for p in written} == names
    assert all(p.is_file() for p in written)


def test_export_rejects_unknown_format(ds: Dataset, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="choose one of json, csv"):
        ex.export(ds, "xml", tmp_path)
