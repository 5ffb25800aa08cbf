"""Every form of the same data says the same thing: the field model, diff across forms,
round trips, and the exports against their own schemas (issue 19, items 1 and 2)."""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
import tomllib
import typing
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import kzcn
from kzcn import export as ex
from kzcn.checks import run_checks
from kzcn.dataset import RECORD_TYPES, Dataset
from kzcn.diff import diff
from kzcn.errors import DataError
from kzcn.kinds import Kind, kind_of
from kzcn.loader import load_records, parse_file, read_files
from kzcn.package import data_dir
from kzcn.records import Alias, Citation, Confidence, Correction, Derivation, Redirect
from kzcn.units import Amount, Scale, dimension_of
from kzcn.writer import dumps
from strategies import clean_characters, decimals, unit_spellings

NESTED = (Citation, Alias, Derivation, Correction, Confidence, Redirect)


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
        lists |= {Kind.DERIVED, Kind.CORRECTIONS, Kind.CONFIDENCES}
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


# -- one validation pipeline: the TOML loader and from_json refuse the same ----------------

BASE = """
[[sources]]
id = "src-a"
title = "A source"
kind = "article"
published = "2020"

[[people]]
id = "xi"
name = "Xi Jinping"
citations = [{ source = "src-a", evidence = "Xi Jinping" }]

[[places]]
id = "kz"
name = "Kazakhstan"
kind = "country"
citations = [{ source = "src-a", evidence = "Kazakhstan" }]

[[places]]
id = "astana"
name = "Astana"
kind = "city"
country = "kz"
citations = [{ source = "src-a", evidence = "Astana" }]

[[visits]]
id = "va"
title = "A visit"
kind = "state"
date = "2019-09"
people = ["xi"]
place = "astana"
citations = [{ source = "src-a", evidence = "a visit" }]

[[figures]]
id = "fig-1"
subject = "trade"
amount = "1.5 billion USD"
period = "2019"
direction = "both"
parties = ["kz"]
citations = [{ source = "src-a", evidence = "trade was 1.5 billion" }]
"""


def _erratum(record: str, correct: str, eid: str = "err-1") -> str:
    return f"""
[[errata]]
id = "{eid}"
kind = "inconsistent"
record = "{record}"
field = "{correct.split()[0]}"
problem = "a problem"
reading = "a reading"
correct = {{ {correct} }}
citations = [{{ source = "src-a", evidence = "a visit" }}]
"""


def _visit(vid: str, same_as: str) -> str:
    return f"""
[[visits]]
id = "{vid}"
title = "Another claim"
kind = "state"
date = "2019-09"
same_as = "{same_as}"
citations = [{{ source = "src-a", evidence = "a visit" }}]
"""


BAD = {
    "correct-link-unknown": (_erratum("va", 'place = "atlantis"'), "err-1", "correct.place"),
    "correct-link-table": (_erratum("va", 'place = "xi"'), "err-1", "correct.place"),
    "correct-people-unknown": (_erratum("va", 'people = ["nobody"]'), "err-1", "correct.people"),
    "correct-amount-dimension": (
        _erratum("fig-1", 'amount = "5 tonne"'),
        "err-1",
        "correct.amount",
    ),
    "correct-amount-implausible": (
        _erratum("fig-1", 'amount = "-5 billion USD"'),
        "err-1",
        "correct.amount",
    ),
    "correct-period-after-source": (
        _erratum("fig-1", 'period = "2099"'),
        "err-1",
        "correct.period",
    ),
    "correct-enum": (_erratum("va", 'kind = "bogus"'), "err-1", "correct.kind"),
    "correct-duplicate-links": (
        _erratum("fig-1", 'parties = ["kz", "kz"]'),
        "err-1",
        "correct.parties",
    ),
    "same-as-loop-of-two": (_visit("vb", "vc") + _visit("vc", "vb"), "vb", "same_as"),
    "same-as-loop-of-three": (
        _visit("vb", "vc") + _visit("vc", "vd") + _visit("vd", "vb"),
        "vb",
        "same_as",
    ),
    "same-as-chain": (_visit("vb", "vc") + _visit("vc", "va"), "vb", "same_as"),
    "duplicate-parties": (
        BASE.split("[[figures]]")[1]
        .replace('id = "fig-1"', 'id = "fig-2"')
        .replace('parties = ["kz"]', 'parties = ["kz", "kz"]')
        .join(["\n[[figures]]", ""]),
        "fig-2",
        "parties",
    ),
}

_PLACE = """
[[places]]
id = "p-bad"
name = "Somewhere"
kind = "city"
{field}
citations = [{{ source = "src-a", evidence = "Astana" }}]
"""

for _name, _field in {
    "latitude-huge": "latitude = 1e308",
    "longitude-out-of-range": "longitude = -999.0",
    "latitude-nan": "latitude = nan",
    "longitude-inf": "longitude = inf",
    "geonameid-negative": "geonameid = -5",
}.items():
    BAD[_name] = (_PLACE.format(field=_field), "p-bad", _field.split()[0])
BAD["alias-period-reversed"] = (
    _PLACE.format(field='aliases = [{ name = "Old", start = "2020", end = "2010" }]'),
    "p-bad",
    "aliases[0].end",
)
BAD["amount-finer-than-a-cent"] = (
    '\n[[figures]]\nid = "fig-3"\nsubject = "trade"\namount = "0.0000000001 USD"\n'
    'period = "2019"\ncitations = [{ source = "src-a", evidence = "trade was 0.0000000001" }]\n',
    "fig-3",
    "amount",
)
BAD["redirect-of-a-live-id"] = (
    '\n[[redirects]]\nid = "va"\nreason = "renamed"\nsince = "2026.1"\n',
    "va",
    "id",
)


def _toml_problems(text: str) -> list[tuple[str | None, str | None]]:
    with pytest.raises(DataError) as info:
        load_records([("user.toml", text)])
    return [(p.record, p.field) for p in info.value.problems]


def _json_problems(text: str) -> list[tuple[str | None, str | None]]:
    document = tomllib.loads(text)
    redirects = document.pop("redirects", [])
    with pytest.raises(DataError) as info:
        ex.from_json({"tables": document, "redirects": redirects})
    return [(p.record, p.field) for p in info.value.problems]


def test_the_base_file_loads_by_both_paths() -> None:
    load_records([("user.toml", BASE)])
    ex.from_json({"tables": tomllib.loads(BASE)})


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_input_is_refused_with_one_line_by_both_paths(case: str) -> None:
    extra, record, field = BAD[case]
    toml = _toml_problems(BASE + extra)
    assert (record, field) in toml, toml
    assert len(toml) == 1, toml
    assert _json_problems(BASE + extra) == toml


def test_from_json_normalises_text_to_nfc() -> None:
    document = tomllib.loads(BASE.replace("Xi Jinping", "Cafe\u0301 Xi"))
    ds = ex.from_json({"tables": document})
    assert ds.people["xi"].name == unicodedata.normalize("NFC", "Cafe\u0301 Xi")


def test_the_json_schema_accepts_corrections_of_lists_and_numbers() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    text = BASE + _erratum("fig-1", 'parties = ["kz", "astana"]')
    text += _erratum("astana", "latitude = 51.5, longitude = 71.4", eid="err-2")
    ds = ex.from_json({"tables": tomllib.loads(text)})
    document = json.loads(json.dumps(ex.to_json(ds)))
    jsonschema.Draft202012Validator(ex.document_schema()).validate(document)


# -- every export against its own published schema --------------------------------------


def test_frictionless_index_into_sqlite_succeeds_for_every_table(
    ds: Dataset, tmp_path: Path
) -> None:
    # It failed on 8 of 22 tables: a pattern (SQL REGEXP) on optional columns is called
    # with NULL, and the amount pattern's quote broke the SQL text.
    frictionless = pytest.importorskip("frictionless")
    pytest.importorskip("sqlalchemy")
    descriptor = ex.write_datapackage(ds, tmp_path / "package")
    package = frictionless.Package(str(descriptor))
    database = f"sqlite:///{tmp_path / 'kzcn.db'}"
    failed = []
    for resource in package.resources:
        try:
            resource.index(database)
        except Exception as exc:  # any failure of any table is the finding
            failed.append(f"{resource.name}: {str(exc)[:300]}")
    assert not failed, failed
    # Every table of records, the citations and the other link tables were indexed.
    names = {r.name for r in package.resources}
    assert names >= {*ds.tables, "citations"}
    assert any("-" in name for name in names)


# -- round trips ------------------------------------------------------------------------


@pytest.mark.parametrize("view", ["claims", "resolved"])
def test_json_export_of_either_view_reads_back_to_equal_records(ds: Dataset, view: str) -> None:
    data = ds if view == "claims" else ds.resolved()
    again = ex.from_json(json.loads(json.dumps(ex.to_json(data))))
    for name, table in data.tables.items():
        assert list(again.tables[name]) == list(table), name
    assert again.redirects == data.redirects


@pytest.mark.parametrize("view", ["claims", "resolved"])
def test_json_export_of_either_view_validates_against_its_schema(ds: Dataset, view: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = ds if view == "claims" else ds.resolved()
    document = json.loads(json.dumps(ex.to_json(data)))
    jsonschema.Draft202012Validator(ex.document_schema()).validate(document)


@pytest.mark.parametrize("view", ["claims", "resolved"])
def test_writer_dumps_then_parse_gives_the_same_records(ds: Dataset, view: str) -> None:
    data = ds if view == "claims" else ds.resolved()
    tables = {name: list(table) for name, table in data.tables.items()}
    text = dumps({**tables, "redirects": list(data.redirects.values())})
    parsed, problems = parse_file("all.toml", text)
    assert not problems
    for name, records in tables.items():
        assert parsed[name] == records, name
    assert parsed["redirects"] == list(data.redirects.values())


# -- generated datasets (benchmarks/generate.py) -----------------------------------------

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
generate_module = importlib.import_module("generate")  # benchmarks/generate.py


@st.composite
def generated(draw: st.DrawFn) -> int:
    return draw(st.integers(0, 10_000))


@given(seed=generated(), edit=st.integers(0, 10_000), text=st.text(clean_characters, min_size=1))
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
def test_generated_data_is_the_same_in_every_form(
    tmp_path_factory: pytest.TempPathFactory, seed: int, edit: int, text: str
) -> None:
    assume(text.strip())
    folder = tmp_path_factory.mktemp("generated")
    generate_module.generate(120, folder, seed)
    files = sorted(folder.glob("*.toml"))
    records = load_records(read_files(files))
    redirects = records.pop("redirects", ())
    data = Dataset.from_records(records, redirects)
    export = ex.write_json(data, folder / "export")
    again = ex.read_json(export)
    for name, table in data.tables.items():
        assert list(again.tables[name]) == list(table), name
    assert diff(folder, export).empty
    assert diff(export, folder).empty
    # one edit of one record's text: diff reports exactly that edit
    document = json.loads(export.read_text(encoding="utf-8"))
    rows = [row for table in document["tables"].values() for row in table if "description" in row]
    row = rows[edit % len(rows)]
    new = unicodedata.normalize("NFC", text.strip())
    assume(new != row["description"])
    row["description"] = new
    edited = folder / "edited.json"
    edited.write_text(json.dumps(document), encoding="utf-8")
    found = diff(folder, edited)
    assert [(c.id, c.field, c.new) for c in found.changed] == [(row["id"], "description", new)]
    assert not (found.added or found.removed or found.moved)


def test_a_new_kind_that_a_consumer_does_not_handle_fails_the_type_check(tmp_path: Path) -> None:
    """Add a kind to a copy of the package: mypy --strict must fail in every module that
    maps kinds (each ends its ``match`` in ``assert_never``)."""
    pytest.importorskip("mypy")
    package = Path(kzcn.__file__).parent
    copy = tmp_path / "kzcn"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("data", "__pycache__", "tests"))
    kinds = copy / "kinds.py"
    text = kinds.read_text(encoding="utf-8")
    marker = '    VALUE = "value"'
    assert marker in text
    kinds.write_text(text.replace(marker, '    FLAG = "flag"\n' + marker), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), "kzcn"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    failing = {line.split(":")[0] for line in result.stdout.splitlines() if "error" in line}
    consumers = {
        "convert.py",
        "datadoc.py",
        "validate.py",
        "writer.py",
        "export/columns.py",
        "export/datapackage.py",
        "export/json.py",
        "export/jsonschema.py",
        "export/pandas.py",
        "export/parquet.py",
    }
    assert {f"kzcn/{name}" for name in consumers} <= failing, result.stdout[-3000:]


@given(spelling=unit_spellings, value=decimals, scale=st.none() | st.sampled_from(Scale))
def test_any_spelling_reads_as_its_canonical_unit(
    spelling: tuple[str, str], value: Decimal, scale: Scale | None
) -> None:
    written, unit = spelling
    text = f"{value}{' ' + scale.value if scale else ''} {written}"
    amount = Amount.parse(text)
    assert amount.unit == unit
    assert amount == Amount.parse(f"{value}{' ' + scale.value if scale else ''} {unit}")
    assert amount.dimension == dimension_of(unit)
