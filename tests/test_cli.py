"""The command line, called in-process and as `python -m kzcn`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kzcn.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_summary_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 0
    assert "figures" in out and "2023-beijing-belt-and-road-meeting" in out


def test_summary_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "summary", "--json")
    assert code == 0
    assert json.loads(out)["tables"]["sources"] == 5


def test_check_passes_on_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--strict")
    assert code == 0
    assert "OK" in out


def test_check_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--json", "--all")
    findings = json.loads(out)
    assert code == 0
    assert all({"check", "severity", "records", "message"} <= set(f) for f in findings)
    assert any(f["acknowledged_by"] for f in findings)


def test_check_fails_on_broken_user_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[[figures]]\nid = "my-trade-2018"\nsubject = "trade"\namount = "41 billion USD"\n'
        'period = "2018"\ndirection = "both"\nparties = ["kazakhstan", "china"]\n'
        'citations = [{ source = "2024-tokayev-xinhua-interview", '
        # 2023's trade quoted as 2018's: it contradicts the 2018 total of 19.885 billion
        'evidence = "reaching $41 billion" }]\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--data", str(mine), "check", "--strict")
    assert code == 1
    assert "my-trade-2018" in out and "FAILED" in out


def test_list_with_filters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "list", "figures", "--where", "subject=trade", "--where", "direction=both"
    )
    assert code == 0
    assert "zx19-trade-2018" in out and "19.885 billion USD" in out
    code, out, _ = run(capsys, "list", "visits", "--from", "2023", "--to", "2023", "--json")
    ids = {r["id"] for r in json.loads(out)}
    assert "tokayev-belt-and-road-forum-2023-10" in ids


def test_list_by_source(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "list", "agreements", "--source", "2023-beijing-belt-and-road-meeting"
    )
    assert code == 0
    assert "protocol-rapeseed-export-2023" in out


def test_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "br23-joint-projects-2023")
    assert code == 0
    assert "52 project" in out and "“We are continuing" in out
    code, out, _ = run(capsys, "show", "astana", "--json")
    assert json.loads(out)["stated"]["name"] == "Astana"


def test_search_timeline_series_sources_errata(capsys: pytest.CaptureFixture[str]) -> None:
    assert "astana" in run(capsys, "search", "Nur-Sultan")[1]
    out = run(capsys, "timeline", "--person", "xi-jinping", "--from", "2019", "--to", "2019")[1]
    assert "tokayev-state-visit-china-2019-09" in out
    out = run(capsys, "series", "students", "--direction", "kz_to_cn")[1]
    assert "15000 student" in out and "14 thousand student" in out
    assert "2024-tokayev-xinhua-interview" in run(capsys, "sources")[1]
    out = run(capsys, "errata")[1]
    assert "rubles" in out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["list", "figurez"], "did you mean figures"),
        (["list", "figures", "--where", "subjet=trade"], "did you mean subject"),
        (["list", "figures", "--where", "subject"], "FIELD=VALUE"),
        (["list", "figures", "--source", "2019-zhang"], "unknown source"),
        (["show", "astanaa"], "did you mean astana"),
        (["series", "trad"], "did you mean trade"),
        (["series", "trade", "--direction", "kz-cn"], "unknown direction"),
        (
            ["timeline", "--person", "tokaev"],
            "no person 'tokaev'; did you mean 'Tokayev' (tokayev)",
        ),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert words in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv", [["bogus"], ["list"], ["export", "--format", "xml", "--out", "x"], ["--nope"]]
)
def test_argparse_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "error" in capsys.readouterr().err


def test_missing_data_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--data", "no/such.toml", "summary")
    assert code == 2
    assert "no such data file" in err


def test_bad_data_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[figures]\n", encoding="utf-8")
    code, _, err = run(capsys, "--data", str(bad), "summary")
    assert code == 1
    assert str(bad) in err and len(err.strip().splitlines()) == 1


def test_python_dash_m_and_help_stay_light() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kzcn", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("kzcn ")
    code = (
        "import sys, contextlib, io\n"
        "from kzcn.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['summary'])\n"
        "print(sorted(m for m in ('pint', 'pandas', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
