"""Family "views in the CLI": analysis outputs show the resolved view by default;
``--as-stated`` / ``--resolved`` choose; ``show`` puts a claim beside its resolution."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kzcn.cli import VIEWS, main

NOTES = "One report: trade in 2018 was 20 billion dollars.\n"
CLAIM = """
[[sources]]
id = "my-report"
title = "A report"
kind = "news"
published = "2019"
path = "notes.txt"

[[figures]]
id = "my-trade-2018"
subject = "trade"
amount = "20 billion USD"
period = "2018"
direction = "both"
parties = ["kazakhstan", "china"]
same_as = "zx19-trade-2018"
citations = [{ source = "my-report", evidence = "trade in 2018 was 20 billion dollars" }]

[[errata]]
id = "my-trade-2018-rounded"
kind = "contradiction"
record = "my-trade-2018"
field = "amount"
problem = "the report rounds the total"
reading = "the customs total is the best reading"
correct = { amount = "19.885 billion USD" }
derived = { amount = "the customs total the report rounds to 20 billion" }
citations = [{ source = "my-report", evidence = "trade in 2018 was 20 billion dollars" }]
"""


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    (tmp_path / "notes.txt").write_text(NOTES, "utf-8")
    path = tmp_path / "mine.toml"
    path.write_text(CLAIM, "utf-8")
    return path


def _ids(capsys: pytest.CaptureFixture[str], *argv: str) -> set[str]:
    assert main(list(argv)) == 0
    return {r["id"] for r in json.loads(capsys.readouterr().out)}


def test_list_and_series_are_resolved_by_default(
    mine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data", str(mine)]
    assert "my-trade-2018" not in _ids(capsys, *data, "list", "figures", "--json")
    assert "my-trade-2018" in _ids(capsys, *data, "list", "figures", "--as-stated", "--json")
    assert "my-trade-2018" not in _ids(capsys, *data, "series", "trade", "--json")
    assert "my-trade-2018" in _ids(capsys, *data, "series", "trade", "--as-stated", "--json")


def test_show_puts_the_claim_beside_its_resolution(
    mine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data", str(mine), "show", "my-trade-2018"]) == 0
    out = capsys.readouterr().out
    assert "a claim of zx19-trade-2018" in out
    amount = next(line for line in out.splitlines() if line.startswith("amount"))
    assert "20 billion USD" in amount and "19.885 billion USD" in amount
    assert "my-trade-2018-rounded" in amount
    assert main(["--data", str(mine), "show", "my-trade-2018", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["thing"] == "zx19-trade-2018"
    assert shown["origins"]["amount"]["erratum"] == "my-trade-2018-rounded"


@pytest.mark.parametrize("command", sorted(VIEWS))
def test_every_view_option_is_accepted(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = {
        "list": ["figures"],
        "search": ["Astana"],
        "series": ["trade"],
        "export": ["--format", "json", "--out", str(tmp_path)],
        "plot": ["trade", "--out", str(tmp_path / "t.svg")],
    }.get(command, [])
    if command == "plot":
        pytest.importorskip("matplotlib")
    for view in ("--resolved", "--as-stated"):
        assert main([command, *extra, view]) == 0
        capsys.readouterr()
