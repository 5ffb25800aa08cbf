"""Terminal output that reads well, compared with the API on the same data: ``show``
wraps to the terminal and writes aliases as names in force; ``series`` names each
source once and filters by ``--source``; check messages round to the stated digits
and say what is wrong; ``check --json`` carries no binary noise."""

from __future__ import annotations

import json
import re

import pytest

import kzcn
from kzcn.cli import main
from kzcn.dataset import Dataset


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return kzcn.load()


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    main(list(argv))
    return capsys.readouterr().out


@pytest.mark.parametrize("width", [60, 100])
def test_show_fits_the_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    out = _run(capsys, "show", "xi-jinping")
    lines = out.splitlines()
    long = [line for line in lines if len(line) > width and " " in line.strip()]
    assert not long, long
    # Every word of the description is still there (wrapped, not cut).
    description = kzcn.load().people["xi-jinping"].description
    assert set(description.split()) <= set(out.split())


def test_show_writes_aliases_as_names_in_force(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    out = _run(capsys, "show", "astana")
    assert "Nur-Sultan (2019–2022-09)" in out and "Astana (2022-09–)" in out
    assert "start=" not in out and "name=" not in out
    people = _run(capsys, "show", "xi-jinping")
    assert "President Xi" in people and "start=" not in people


def test_series_names_each_source_once_and_filters_like_the_api(
    capsys: pytest.CaptureFixture[str], ds: Dataset
) -> None:
    source = "2019-zhang-xiao-bulletin-of-diplomacy"
    out = _run(capsys, "series", "trade", "--kind", "all", "--source", source, "--as-stated")
    api = ds.figures.series("trade", kind=None, source=source)
    rows = [line for line in out.splitlines()[2:] if line.strip()]
    assert [row.split()[-1] for row in rows] == [f.id for f in api]
    for row in rows:
        assert row.count(source) == 1, row
    assert json.loads(
        _run(capsys, "series", "trade", "--source", source, "--json", "--as-stated")
    ) == [json.loads(json.dumps(r)) for r in _plain_all(api)]


def _plain_all(figures: object) -> list[dict[str, object]]:
    from kzcn.convert import converter

    out = []
    for figure in figures:  # type: ignore[attr-defined]
        data = converter().unstructure(figure)
        out.append({"table": "figures", **data})
    return out


def test_series_refuses_an_unknown_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["series", "trade", "--source", "2019-zhang-xiao"]) == 2
    err = capsys.readouterr().err
    assert "--source: no source '2019-zhang-xiao'" in err and len(err.splitlines()) == 1


def test_check_messages_are_the_apis_rounded_and_in_words(
    capsys: pytest.CaptureFixture[str], ds: Dataset
) -> None:
    out = _run(capsys, "check", "--all")
    findings = ds.check()
    for finding in findings:
        assert finding.message in out, finding.message
        # No interval of binary floats: no number with four or more decimals.
        assert not re.search(r"\d\.\d{4,}", finding.message), finding.message
        assert not re.search(r"\[\d", finding.message), finding.message
    by_check = {f.check: f.message for f in findings}
    assert "28.4 to 29.5 years" in by_check["anniversary"]
    # The shipped data no longer holds a "largest city" claim: its mutation makes one.
    from kzcn.tests.mutations import MUTATIONS

    broken, _ = MUTATIONS["capital-largest-city"](ds)
    (largest,) = [f for f in broken.check() if f.check == "capital-largest-city"]
    assert "largest city" in largest.message
    assert "40.5 to 41.5 percent" in by_check["target-vs-actual"]


def test_check_json_has_no_float_noise(capsys: pytest.CaptureFixture[str], ds: Dataset) -> None:
    main(["check", "--json"])
    found = json.loads(capsys.readouterr().out)
    api = ds.check()
    assert [f["message"] for f in found] == [f.message for f in api]
    for entry, finding in zip(found, api, strict=True):
        for key in ("expected", "actual"):
            interval = getattr(finding, key)
            if interval is None:
                assert entry[key] is None
                continue
            for written, exact in zip(entry[key], (interval.lo, interval.hi), strict=True):
                assert written == pytest.approx(exact, rel=1e-9, abs=1e-9)
                assert len(repr(written).lstrip("-").replace(".", "").lstrip("0")) <= 13
    growth = next(f for f in found if f["check"] == "same-measure-conflict")
    assert growth["expected"] == [1.95, 2.05]
