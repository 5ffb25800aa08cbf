"""Exports (the package): grammars, date columns, DataFrames, validation that holds,
all-or-nothing writing, formula neutralisation and exact numbers."""

from __future__ import annotations

import csv
import importlib
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kzcn
import kzcn.convert
import kzcn.loader
import kzcn.validate
from kzcn import export as ex
from kzcn.dataset import RECORD_TYPES, Dataset
from kzcn.dates import PERIOD_PATTERN, Period, PeriodError
from kzcn.export import csv as ex_csv
from kzcn.export import json as ex_json
from kzcn.export.columns import bounds
from kzcn.units import AMOUNT_PATTERN, Amount
from kzcn.vocabulary import Qualifier
from strategies import amounts, periods

PERIOD_FIELDS = ("period", "date", "published")


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return kzcn.load()


@pytest.fixture(scope="module")
def parquet_dir(ds: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    importlib.import_module("pyarrow")
    out = tmp_path_factory.mktemp("parquet")
    ex.write_parquet(ds, out)
    return out


# -- grammars: one pattern each, derived from the parser's own grammar ----------------

unit_texts = st.from_regex(r"[0-9]{4}(-(H[0-3]|Q[0-5]|[0-1][0-9](-[0-3][0-9])?))?", fullmatch=True)
period_texts = st.one_of(unit_texts, st.tuples(unit_texts, unit_texts).map("/".join))


@given(period_texts)
@settings(max_examples=400)
def test_period_pattern_accepts_exactly_the_periods_parse_reads(text: str) -> None:
    try:
        Period.parse(text)
        parsed = True
    except PeriodError as exc:
        parsed = "ends before it starts" in str(exc)  # a pattern cannot compare dates
    assert bool(re.fullmatch(PERIOD_PATTERN, text)) == parsed


@pytest.mark.parametrize(
    "text", ["2019-13", "2019-00", "2019-02-29", "2019-04-31", "0000", "2019-H3", "2019/2019-Q1"]
)
def test_period_pattern_refuses_invalid_periods(text: str) -> None:
    assert not re.fullmatch(PERIOD_PATTERN, text)
    assert re.fullmatch(PERIOD_PATTERN, "2020-02-29")


@given(periods())
def test_period_pattern_accepts_every_period(period: Period) -> None:
    assert re.fullmatch(PERIOD_PATTERN, str(period))


@given(amounts)
def test_amount_pattern_accepts_every_amount(amount: Amount) -> None:
    assert re.fullmatch(AMOUNT_PATTERN, str(amount))
    assert not re.fullmatch(AMOUNT_PATTERN, f"{amount.value} parsecs")


def test_the_export_uses_the_grammars_of_their_modules() -> None:
    assert ex.PERIOD_PATTERN is PERIOD_PATTERN
    assert ex.AMOUNT_PATTERN is AMOUNT_PATTERN
    assert ex.SLUG_PATTERN is kzcn.records.SLUG_PATTERN


# -- dates in every export ------------------------------------------------------------


def test_every_period_field_gets_date_columns() -> None:
    for cls in RECORD_TYPES.values():
        names = [c.name for c in ex.columns(cls)]
        for field in attrs.fields(cls):
            if field.name in PERIOD_FIELDS:
                for suffix in ("_start", "_end", "_precision"):
                    assert field.name + suffix in names


def test_csv_dates_are_iso(ds: Dataset, tmp_path: Path) -> None:
    ex.write_csv(ds, tmp_path)
    with (tmp_path / "visits.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    for visit, row in zip(ds.visits, rows, strict=True):
        assert row["date_start"] == visit.date.start.isoformat()
        assert row["date_end"] == visit.date.end.isoformat()
        assert row["date_precision"] == visit.date.precision.value


def test_parquet_dates_and_dictionaries(parquet_dir: Path) -> None:
    pa = importlib.import_module("pyarrow")
    pq = importlib.import_module("pyarrow.parquet")
    schema = pq.read_schema(parquet_dir / "figures.parquet")
    assert schema.field("period_start").type == pa.date32()
    assert schema.field("period_end").type == pa.date32()
    for name in ("subject", "qualifier", "kind", "period_precision"):
        assert pa.types.is_dictionary(schema.field(name).type), name


def test_pandas_reads_the_dates_typed(ds: Dataset, parquet_dir: Path) -> None:
    pd = importlib.import_module("pandas")
    frame = pd.read_parquet(parquet_dir / "visits.parquet", dtype_backend="pyarrow")
    assert "date32" in str(frame["date_start"].dtype)
    own = ds.visits.to_pandas()
    assert str(own["date_start"].dtype) == "datetime64[s]"
    assert own["date_start"].iloc[0].date() == ds.visits[0].date.start


def test_polars_reads_the_dates_typed(ds: Dataset, parquet_dir: Path, tmp_path: Path) -> None:
    pl = importlib.import_module("polars")
    frame = pl.read_parquet(parquet_dir / "figures.parquet")
    assert frame.schema["period_start"] == pl.Date
    assert frame["period_start"][0] == ds.figures[0].period.start
    ex.write_csv(ds, tmp_path)
    read = pl.read_csv(tmp_path / "figures.csv", try_parse_dates=True)
    assert read.schema["period_end"] == pl.Date


def test_duckdb_reads_the_dates_typed(ds: Dataset, parquet_dir: Path, tmp_path: Path) -> None:
    duckdb = importlib.import_module("duckdb")
    ex.write_csv(ds, tmp_path)
    with duckdb.connect() as con:
        for source in (
            f"read_parquet('{parquet_dir / 'projects.parquet'}')",
            f"read_csv('{tmp_path / 'projects.csv'}')",
        ):
            described = con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
            kinds = {row[0]: row[1] for row in described}
            assert kinds["date_start"] == "DATE", source
            assert kinds["date_end"] == "DATE", source
        first = con.execute(
            f"SELECT min(period_start) FROM read_parquet('{parquet_dir / 'figures.parquet'}')"
        ).fetchone()
    assert first is not None
    assert first[0] == min(f.period.start for f in ds.figures)


def test_schemas_declare_the_dates(package: dict[str, Any]) -> None:
    figures = next(r for r in package["resources"] if r["name"] == "figures")
    types = {f["name"]: f["type"] for f in figures["schema"]["fields"]}
    assert types["period_start"] == types["period_end"] == "date"
    schema = ex.json_schema(RECORD_TYPES["figures"])
    assert schema["properties"]["period_start"]["format"] == "date"


# -- DataFrames -----------------------------------------------------------------------


def test_every_table_and_query_converts(ds: Dataset) -> None:
    importlib.import_module("pandas")
    frames = ds.to_pandas()
    assert list(frames) == list(ds.tables)
    for name, frame in frames.items():
        assert list(frame.columns) == [c.name for c in ex.columns(RECORD_TYPES[name])]
        assert len(frame) == len(ds.tables[name])
    series = ds.figures.series("trade").to_pandas()
    assert list(series["id"]) == [f.id for f in ds.figures.series("trade")]
    assert str(series["subject"].dtype) == "category"
    empty = ds.errata.where(kind="garbled").where(kind="ambiguous").to_pandas()
    assert len(empty) == 0
    assert list(empty.columns) == list(frames["errata"].columns)


def test_timeline_is_a_tuple_that_converts(ds: Dataset) -> None:
    importlib.import_module("pandas")
    timeline = ds.timeline(person="xi-jinping")
    assert isinstance(timeline, tuple)
    assert timeline[0] == next(iter(timeline))
    frame = timeline.to_pandas()
    assert list(frame["id"]) == [e.record.id for e in timeline]
    assert str(frame["period_start"].dtype) == "datetime64[s]"


def test_pandas_is_imported_lazily() -> None:
    import subprocess
    import sys

    code = "import sys, kzcn, kzcn.export; kzcn.load().timeline(); print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- exports that validate what they claim --------------------------------------------


@pytest.fixture(scope="module")
def package(ds: Dataset, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("pkg")
    path = ex.write_datapackage(ds, out)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_frictionless_rejects_a_dangling_multi_valued_link(ds: Dataset, tmp_path: Path) -> None:
    frictionless = importlib.import_module("frictionless")
    visit = next(v for v in ds.visits if "xi-jinping" in v.people)
    broken = ds.evolve(attrs.evolve(visit, people=("nobody", "xi-jinping")))  # nobody;xi-jinping
    path = ex.write_datapackage(broken, tmp_path)
    report = frictionless.validate(str(path))
    assert not report.valid
    errors = report.flatten(["type", "note"])
    assert any(kind == "foreign-key" and "nobody" in note for kind, note in errors)
    assert all("xi-jinping" not in note for kind, note in errors if kind == "foreign-key")


def test_frictionless_rejects_a_dangling_link_to_any_table(ds: Dataset, tmp_path: Path) -> None:
    frictionless = importlib.import_module("frictionless")
    broken = ds.evolve(attrs.evolve(ds.figures[0], refers_to="nothing-at-all"))
    report = frictionless.validate(str(ex.write_datapackage(broken, tmp_path)))
    assert {kind for (kind,) in report.flatten(["type"])} == {"foreign-key"}


def test_the_document_schema_validates_kzcn_json(ds: Dataset) -> None:
    jsonschema = importlib.import_module("jsonschema")
    schema = ex.document_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for view in (ds, ds.resolved()):
        data = ex.to_json(view)
        validator.validate(data)
    data = ex.to_json(ds)
    data["view"] = "guessed"
    assert list(validator.iter_errors(data))


def test_every_export_records_the_view_and_versions(
    ds: Dataset, package: dict[str, Any], parquet_dir: Path
) -> None:
    assert ex.to_json(ds)["view"] == "claims"
    assert ex.to_json(ds.resolved())["view"] == "resolved"
    assert ex.to_json(ds)["data_version"] == kzcn.DATA_VERSION
    from kzcn.content import dataset_hash

    assert package["kzcn"] == {
        "version": kzcn.__version__,
        "data_version": kzcn.DATA_VERSION,
        "data_sha256": dataset_hash(ds),
        "view": "claims",
    }
    assert ex.to_json(ds.resolved())["data_sha256"] == dataset_hash(ds)
    pq = importlib.import_module("pyarrow.parquet")
    meta = pq.read_schema(parquet_dir / "figures.parquet").metadata
    assert meta[b"view"] == b"claims"
    assert meta[b"data_sha256"] == dataset_hash(ds).encode()
    assert meta[b"kzcn_version"] == kzcn.__version__.encode()


# -- all or nothing -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "module", "writer"),
    [
        ("csv", "kzcn.export.csv", "write_rows"),
        ("datapackage", "kzcn.export.datapackage", "write_rows"),
        ("parquet", "kzcn.export.parquet", "native_row"),
        ("json", "kzcn.export.json", "dump_json"),
    ],
)
def test_a_failed_export_leaves_the_earlier_one_untouched(
    ds: Dataset,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    module: str,
    writer: str,
) -> None:
    if fmt == "parquet":
        importlib.import_module("pyarrow")
    out = tmp_path / "out"
    ex.export(ds, fmt, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real = getattr(importlib.import_module(module), writer)
    calls: list[int] = []

    def failing(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)  # the first tables succeed, a later one fails
        if len(calls) == (1 if fmt == "json" else 60 if fmt == "parquet" else 3):
            raise OSError("disk full\nsecond line")
        return real(*args, **kwargs)

    monkeypatch.setattr(f"{module}.{writer}", failing)
    changed = ds.evolve(attrs.evolve(ds.figures[0], description="changed"))
    with pytest.raises(ex.ExportError) as info:
        ex.export(changed, fmt, out)
    assert "\n" not in str(info.value)
    assert "disk full second line" in str(info.value)
    assert isinstance(info.value, OSError)
    assert isinstance(info.value, ValueError)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left


def test_unknown_format_is_one_line(ds: Dataset, tmp_path: Path) -> None:
    with pytest.raises(ex.ExportError, match="choose one of json, csv, datapackage"):
        ex.export(ds, "xml", tmp_path)
    assert list(ex.FORMATS) == ["json", "csv", "datapackage", "jsonschema", "parquet"]


# -- spreadsheet formulas -------------------------------------------------------------


@pytest.mark.parametrize("text", ["\tx", "\rx", "=x", "+x", "-x", "@x"])
def test_cell_rule_covers_tab_and_return(text: str) -> None:
    from kzcn.export.csv import neutralise

    assert neutralise(text) == "'" + text


# Tab and carriage return also start a formula; the loader refuses them in these fields,
# so the cell rule is tested on its own (test_cell_rule_covers_tab_and_return).
@pytest.mark.parametrize("text", ["=1+1", "+cmd", "-2 items", "@SUM(A1)"])
def test_csv_neutralises_formulas_and_json_keeps_them(
    ds: Dataset, tmp_path: Path, text: str
) -> None:
    changed = ds.evolve(attrs.evolve(ds.figures[0], description=text))
    ex.write_csv(changed, tmp_path)
    with (tmp_path / "figures.csv").open(encoding="utf-8", newline="") as stream:
        first = next(csv.DictReader(stream))
    assert first["description"] == "'" + text
    assert ex.to_json(changed)["tables"]["figures"][0]["description"] == text


def test_numbers_are_not_neutralised() -> None:
    column = ex.columns(RECORD_TYPES["figures"])[0]
    assert ex_csv.cell(Decimal("-5"), column) == "-5"


# -- exact numbers --------------------------------------------------------------------


def test_no_binary_artefacts() -> None:
    low, high = bounds(Amount.parse("19.885 billion USD"), Qualifier.EXACT)
    assert ex_json.number(low) == 19884500000
    assert ex_json.number(high) == 19885500000
    assert json.dumps(ex_json.number(low)) == "19884500000"
    low, _ = bounds(Amount.parse("5 percent"), Qualifier.UP_TO)
    assert ex_json.number(low) == 0
    assert json.dumps(ex_json.number(low)) == "0"


decimals = st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
    lambda d: len(d.normalize().as_tuple().digits) <= 15 and abs(d.adjusted()) < 300
)


@given(decimals)
@settings(max_examples=500)
def test_json_numbers_keep_the_stated_digits(value: Decimal) -> None:
    text = json.dumps(ex_json.number(value))
    assert Decimal(text) == value


@given(decimals)
@settings(max_examples=300)
def test_csv_numbers_keep_the_stated_digits(value: Decimal) -> None:
    column = next(c for c in ex.columns(RECORD_TYPES["figures"]) if c.name == "amount_value")
    text = ex_csv.cell(value, column)
    assert Decimal(text) == value
    assert "E" not in text and "e" not in text


@given(amounts, st.sampled_from(Qualifier))
def test_bounds_are_exact_and_inside_the_float_interval(amount: Amount, q: Qualifier) -> None:
    from kzcn.intervals import interval_of

    low, high = bounds(amount, q)
    interval = interval_of(amount, q)
    slack = 1e-12 * max(abs(interval.lo), abs(interval.hi))  # interval_of rounds per step
    assert interval.lo - slack <= float(low) <= float(high) <= interval.hi + slack
    assert low <= amount.magnitude <= high or q in (Qualifier.MORE_THAN, Qualifier.ALMOST)
    if q is Qualifier.UP_TO:
        assert low == 0 and float(low) == 0.0 and str(ex_json.number(low)) == "0"


def test_exported_figures_agree_everywhere(ds: Dataset, parquet_dir: Path, tmp_path: Path) -> None:
    pq = importlib.import_module("pyarrow.parquet")
    ex.write_csv(ds, tmp_path)
    with (tmp_path / "figures.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    parquet = pq.read_table(parquet_dir / "figures.parquet").to_pylist()
    documents = ex.to_json(ds)["tables"]["figures"]
    for figure, row, pq_row, doc in zip(ds.figures, rows, parquet, documents, strict=True):
        low, high = bounds(figure.amount, figure.qualifier)
        assert Decimal(row["amount_tolerance_low"]) == low
        assert Decimal(row["amount_tolerance_high"]) == high
        assert pq_row["amount_tolerance_low"] == float(low) == doc["quantity"]["tolerance"]["low"]
        lower = None if row["amount_lower"] == "" else float(row["amount_lower"])
        assert pq_row["amount_lower"] == lower == doc["quantity"]["lower"]
        assert pq_row["period_start"] == figure.period.start
        assert isinstance(pq_row["period_start"], date)


@given(st.text(max_size=20))
def test_no_csv_text_cell_starts_a_formula(text: str) -> None:
    column = next(c for c in ex.columns(RECORD_TYPES["figures"]) if c.name == "description")
    cell = ex_csv.cell(text, column)
    assert not cell.startswith(ex_csv.FORMULA_PREFIXES)
    assert cell == text or (cell == "'" + text and text.startswith(ex_csv.FORMULA_PREFIXES))


# -- reading JSON back goes through the one conversion layer --------------------------


def test_from_json_uses_the_validation_pipeline(
    ds: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real_read, real_check = kzcn.validate.read_document, kzcn.validate.check_tables

    def read(*args: Any, **kwargs: Any) -> Any:
        seen.append("read_document")
        return real_read(*args, **kwargs)

    def check(*args: Any, **kwargs: Any) -> Any:
        seen.append("check_tables")
        return real_check(*args, **kwargs)

    monkeypatch.setattr(ex_json, "read_document", read)
    monkeypatch.setattr(ex_json, "check_tables", check)
    again = ex.from_json(ex.to_json(ds))
    assert seen == ["read_document", "check_tables"]
    assert list(again.figures) == list(ds.figures)


def test_required_means_never_empty() -> None:
    """A column is required when no record can leave it empty: a qualifier (default exact)
    is required; an optional direction and a description (default "") are not."""
    from kzcn.export.columns import columns
    from kzcn.records import Figure

    by_name = {c.name: c for c in columns(Figure)}
    assert by_name["qualifier"].required and by_name["amount_tolerance_low"].required
    assert not by_name["amount_lower"].required  # "about x" states no bound
    assert by_name["citations"].required
    assert not by_name["direction"].required and not by_name["description"].required
    assert not by_name["parties"].required
