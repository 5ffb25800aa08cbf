"""Every CLI view flag gives what the API gives in the same view.

``kzcn list``, ``series``, ``timeline``, ``export`` and ``plot`` against ``Table.where``,
``FigureTable.series``, ``Dataset.timeline``, ``kzcn.export.export`` and
``kzcn.plot.figure`` on ``ds`` or ``ds.resolved()``; ``kzcn search`` against
``Table.search``. Charts are compared by what they draw: every artist standing for a
record carries the record's id as its ``gid``, which an SVG keeps as an element id.
"""

from __future__ import annotations

import enum
import importlib
import importlib.util
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import kzcn
from kzcn.cli import main
from kzcn.dataset import Dataset
from kzcn.export import FORMATS, export
from kzcn.records import is_dated
from kzcn.vocabulary import Direction, FigureKind, Measure, Subject

VIEWS = {"--resolved": True, "--as-stated": False}
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return kzcn.load()


def _view(ds: Dataset, resolved: bool) -> Dataset:
    return ds.resolved() if resolved else ds


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main(list(argv)) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


# --- charts -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def svg_text() -> Iterator[None]:
    """SVG text as <text> elements (not glyph paths), so a title can be read back."""
    mpl = importlib.import_module("matplotlib")
    with mpl.rc_context({"svg.fonttype": "none"}):
        yield


def _drawn(svg: str) -> set[str]:
    """The ids of the records an SVG chart draws (element ids that carry a part, such as
    ``<id>:period``, count for their record)."""
    return {g.partition(":")[0] for g in re.findall(r'<g id="([^"]+)"', svg)}


CHARTS = ("trade", "investment", "transport", "timeline", "map")


@pytest.mark.parametrize("chart", CHARTS)
def test_each_chart_draws_the_view_its_flag_names(
    chart: str, ds: Dataset, tmp_path: Path, svg_text: None, capsys: pytest.CaptureFixture[str]
) -> None:
    import matplotlib.pyplot as plt

    from kzcn.plot import figure

    drawn: dict[bool, str] = {}
    for flag, resolved in VIEWS.items():
        out = tmp_path / f"{chart}{flag}.svg"
        _json(capsys, "plot", chart, "--out", str(out), flag, "--json")
        svg = out.read_text("utf-8")
        fig = figure(ds, chart, resolved=resolved)
        try:
            ids = {g.partition(":")[0] for a in fig.findobj() if (g := a.get_gid())}
        finally:
            plt.close(fig)
        records = {r.id for t in _view(ds, resolved).tables.values() for r in t}
        # The CLI's file draws the records the API's figure of that view draws, and
        # what stands for a record is a record of that view, never one of the other.
        assert ids & records and ids & records == _drawn(svg) & records, flag
        assert not (_drawn(svg) - records) & {r.id for t in ds.tables.values() for r in t}
        words = "resolved view" if resolved else "claims view"
        assert words in svg, f"{chart} {flag}: the title does not name the {words}"
        drawn[resolved] = svg
    assert drawn[True] != drawn[False]


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_every_chart_format_the_plot_package_writes(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kzcn.plot import FORMATS

    assert fmt in FORMATS
    out = tmp_path / f"t.{fmt}"
    assert _json(capsys, "plot", "trade", "--out", str(out), "--json")["file"] == str(out)
    magic = {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF-"}[fmt]
    assert out.read_bytes().startswith(magic)


def test_a_format_no_chart_writes_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plot", "trade", "--out", str(tmp_path / "t.jpg")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ".png, .svg, .pdf, not .jpg" in err
    assert not (tmp_path / "t.jpg").exists()


# --- list, series, timeline, export ---------------------------------------------------

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
YEARS = st.none() | st.integers(2010, 2026).map(str)


def _flag(resolved: bool) -> str:
    return "--resolved" if resolved else "--as-stated"


def _range(start: str | None, end: str | None) -> list[str]:
    return [*(["--from", start] if start else []), *(["--to", end] if end else [])]


@st.composite
def _conditions(draw: st.DrawFn, ds: Dataset) -> tuple[str, str, str]:
    """A table, and a field and value of one of its records, as ``--where`` takes them."""
    name = draw(st.sampled_from([n for n, t in ds.tables.items() if len(t)]))
    record = draw(st.sampled_from(list(ds.tables[name])))
    fields = [
        (f.name, v.value if isinstance(v, enum.Enum) else v)
        for f in attrs.fields(type(record))
        if isinstance(v := getattr(record, f.name), str | enum.Enum)
    ]
    field, value = draw(st.sampled_from(fields))
    return name, field, str(value)


@given(data=st.data(), resolved=st.booleans(), start=YEARS, end=YEARS)
@SETTINGS
def test_list_is_table_where_between(
    ds: Dataset,
    data: st.DataObject,
    resolved: bool,
    start: str | None,
    end: str | None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assume(start is None or end is None or start <= end)
    view = _view(ds, resolved)
    name, field, value = data.draw(_conditions(view))
    argv = ["list", name, "--where", f"{field}={value}", *_range(start, end), _flag(resolved)]
    table = view.tables[name].where(**{field: value})
    if (start or end) and not is_dated(type(table[0])):
        with pytest.raises(TypeError) as raised:  # records without dates: the API's line
            table.between(start or "0001", end or "9999")
        assert main([*argv, "--json"]) == 2
        assert capsys.readouterr().err.strip().endswith(raised.value.args[0])
        return
    if start or end:
        table = table.between(start or "0001", end or "9999")
    shown = [r["id"] for r in _json(capsys, *argv, "--json")]
    assert shown == [r.id for r in table]


@given(
    subject=st.sampled_from(list(Subject)),
    direction=st.none() | st.sampled_from(list(Direction)),
    kind=st.none() | st.sampled_from(list(FigureKind)),
    measure=st.sampled_from(list(Measure)),
    resolved=st.booleans(),
)
@SETTINGS
def test_series_is_figure_table_series(
    ds: Dataset,
    subject: Subject,
    direction: Direction | None,
    kind: FigureKind | None,
    measure: Measure,
    resolved: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["series", subject.value, "--measure", measure.value, _flag(resolved), "--json"]
    argv += ["--kind", kind.value if kind else "all"]
    argv += ["--direction", direction.value] if direction else []
    shown = [r["id"] for r in _json(capsys, *argv)]
    found = _view(ds, resolved).figures.series(
        subject, direction=direction, kind=kind, measure=measure
    )
    assert shown == [f.id for f in found]


LINKED = {"person": "people", "place": "places", "org": "organizations"}


@st.composite
def _named(draw: st.DrawFn, ds: Dataset, option: str) -> tuple[str, str]:
    """A record of the option's table and one way to write it: its id, or one of its
    names or aliases that names no other record, in any case."""
    table = ds.tables[LINKED[option]]
    record = draw(st.sampled_from(list(table)))
    unique = [n for n in record.names() if _names_only(table, n, record.id)]
    text = draw(st.sampled_from([record.id, *unique]))
    return record.id, draw(st.sampled_from([text, text.upper(), text.lower()]))


def _names_only(table: Any, name: str, record_id: str) -> bool:
    """Whether ``name`` names this record and no other (``lookup`` refuses ambiguity)."""
    try:
        return bool(table.lookup(name).id == record_id)
    except KeyError:
        return False


@given(data=st.data(), resolved=st.booleans(), start=YEARS, end=YEARS)
@SETTINGS
def test_timeline_is_dataset_timeline_by_id_or_name(
    ds: Dataset,
    data: st.DataObject,
    resolved: bool,
    start: str | None,
    end: str | None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assume(start is None or end is None or start <= end)
    view = _view(ds, resolved)
    options = data.draw(st.sets(st.sampled_from(list(LINKED)), max_size=2))
    ids: dict[str, str] = {}
    argv = ["timeline", *_range(start, end), _flag(resolved), "--json"]
    for option in sorted(options):
        ids[option], text = data.draw(_named(view, option))
        argv += [f"--{option}", text]
    shown = [e["id"] for e in _json(capsys, *argv)]
    entries = view.timeline(
        start, end, person=ids.get("person"), place=ids.get("place"), organization=ids.get("org")
    )
    assert shown == [e.record.id for e in entries]


def test_a_person_by_an_alias_and_a_suggestion_for_an_unknown_one(
    ds: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    by_alias = _json(capsys, "timeline", "--person", "xi", "--json")
    assert by_alias == _json(capsys, "timeline", "--person", "xi-jinping", "--json")
    assert by_alias and {e["id"] for e in by_alias} == {
        e.record.id for e in ds.resolved().timeline(person="xi-jinping")
    }
    assert main(["timeline", "--org", "Bulletin of Diplomacie"]) == 2
    assert "did you mean 'Bulletin of Diplomacy' (bulletin-of-diplomacy)?" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_writes_what_the_api_writes_in_that_view(
    fmt: str, ds: Dataset, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for flag, resolved in VIEWS.items():
        cli, api = tmp_path / f"cli{flag}", tmp_path / f"api{flag}"
        _json(capsys, "export", "--format", fmt, "--out", str(cli), flag, "--json")
        export(_view(ds, resolved), fmt, api)
        files = sorted(p.relative_to(cli) for p in cli.rglob("*") if p.is_file())
        assert files == sorted(p.relative_to(api) for p in api.rglob("*") if p.is_file())
        for name in files:
            assert (cli / name).read_bytes() == (api / name).read_bytes(), (flag, name)
    stated, resolved_json = (tmp_path / f"cli{flag}" / "kzcn.json" for flag in VIEWS)
    if fmt == "json":
        assert stated.read_bytes() != resolved_json.read_bytes()


@pytest.mark.parametrize("flag", list(VIEWS))
def test_check_reports_what_dataset_check_finds(
    flag: str, ds: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--all", "--json", flag]) in (0, 1)
    shown = json.loads(capsys.readouterr().out)
    found = _view(ds, VIEWS[flag]).check()
    assert [(f["check"], f["records"], f["message"]) for f in shown] == [
        (f.check, list(f.records), f.message) for f in found
    ]


# --- search and show ----------------------------------------------------------------


def _words(ds: Dataset) -> list[str]:
    """Every name, alias, title, code and id of the data."""
    found: set[str] = set()
    for table in ds.tables.values():
        for record in table:
            found.add(record.id)
            for attr in ("names", "codes"):
                if callable(method := getattr(record, attr, None)):
                    found.update(method())
            found.update(
                v for a in ("name", "title") if isinstance(v := getattr(record, a, None), str)
            )
    return sorted(found)


@st.composite
def _queries(draw: st.DrawFn, ds: Dataset) -> str:
    word = draw(st.sampled_from(_words(ds)))
    i = draw(st.integers(0, len(word)))
    j = draw(st.integers(i, len(word)))
    part = draw(st.sampled_from([word[i:j], word[i:j].upper(), word[i:j].swapcase()]))
    noise = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=4)
    return part + draw(noise) if draw(st.booleans()) else part


@given(data=st.data(), resolved=st.booleans())
@SETTINGS
def test_search_is_table_search(
    ds: Dataset, data: st.DataObject, resolved: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    text = data.draw(_queries(ds) | st.sampled_from(["KZ", "trade", "Xi", "Nur-Sultan"]))
    assume(text.strip())
    # `--` ends the options: a query may start with a dash.
    argv = ["search", _flag(resolved), "--json", "--", text]
    shown = [(h["table"], h["id"]) for h in _json(capsys, *argv)]
    view = _view(ds, resolved)
    assert shown == [(n, r.id) for n, t in view.tables.items() for r in t.search(text)]


@pytest.mark.parametrize("text", ["KZ", "trade"])
def test_search_finds_what_table_search_finds(
    text: str, ds: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = {h["id"] for h in _json(capsys, "search", text, "--json")}
    assert shown == {r.id for t in ds.tables.values() for r in t.search(text)}


def test_show_of_a_renamed_id_says_renamed_to(
    ds: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    renamed = [r for r in ds.redirects.values() if r.to is not None]
    assert renamed
    for redirect in renamed:
        assert main(["show", redirect.id]) == 0
        out = capsys.readouterr().out
        assert f"renamed to {redirect.to}" in out and "None" not in out
        shown = _json(capsys, "show", redirect.id, "--json")
        assert shown["renamed_to"] == redirect.to and shown["stated"]["id"] == redirect.to


def test_show_of_a_removed_id_gives_the_reason_python_gives(
    ds: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(KeyError) as raised:
        ds["zx19-page-views"]
    assert main(["show", "zx19-page-views"]) == 2
    assert capsys.readouterr().err == f"kzcn: error: {raised.value.args[0]}\n"
    assert "view counter" in raised.value.args[0]


# --- on generated data ----------------------------------------------------------------


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module", params=[1, 2])
def generated(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Data files of benchmarks/generate.py (about 120 records) read beside the shipped
    data with ``--data``, and the API's dataset of the same files."""
    folder = tmp_path_factory.mktemp(f"generated-{request.param}")
    _generator().generate(120, folder, seed=request.param)
    # The generator writes Kazakhstan and China as the shipped data does: its own
    # records link to the shipped ones instead.
    places = folder / "places.toml"
    blocks = re.split(r"(?m)^(?=\[\[places\]\])", places.read_text("utf-8"))
    shipped = re.compile(r'^id = "(kazakhstan|china)"$', re.M)
    places.write_text("".join(b for b in blocks if not shipped.search(b)), "utf-8")
    files = sorted(str(p) for p in folder.glob("*.toml"))
    return files, kzcn.load(extra=files)


@given(data=st.data(), resolved=st.booleans())
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_listing_on_generated_data_is_the_api(
    generated: Any, data: st.DataObject, resolved: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    files, ds = generated
    view = _view(ds, resolved)
    options = [a for f in files for a in ("--data", f)]
    command = data.draw(st.sampled_from(["list", "series", "timeline", "search"]))
    if command == "list":
        name, field, value = data.draw(_conditions(view))
        argv = ["list", name, "--where", f"{field}={value}"]
        expected = [r.id for r in view.tables[name].where(**{field: value})]
    elif command == "series":
        subject = data.draw(st.sampled_from(sorted({f.subject for f in view.figures}, key=str)))
        argv = ["series", subject.value, "--kind", "all"]
        expected = [f.id for f in view.figures.series(subject, kind=None)]
    elif command == "timeline":
        person, text = data.draw(_named(view, "person"))
        argv = ["timeline", "--person", text]
        expected = [e.record.id for e in view.timeline(person=person)]
    else:
        text = data.draw(_queries(view))
        assume(text.strip())
        argv = ["search", "--", text]
        expected = [r.id for t in view.tables.values() for r in t.search(text)]
    # The command, then the view and --json, then its arguments (search's after `--`).
    argv[1:1] = [_flag(resolved), "--json"]
    shown = [r["id"] for r in _json(capsys, *options, *argv)]
    assert shown == expected, argv
