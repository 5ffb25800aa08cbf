"""The command line, called in-process and as `python -m kzcn`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kzcn.cli import main


def test_summary_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "figures" in out and "2023-beijing-belt-and-road-meeting" in out


def test_summary_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["tables"]["sources"] == 5


def test_check_passes_on_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert "OK" in capsys.readouterr().out


def test_check_json(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--json"])
    findings = json.loads(capsys.readouterr().out)
    assert all({"check", "severity", "records", "message"} <= set(f) for f in findings)


def test_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "br23-joint-projects-2023"]) == 0
    out = capsys.readouterr().out
    assert "52 project" in out and "“We are continuing" in out


def test_show_unknown_id_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "astanaa"]) == 2
    assert "did you mean astana" in capsys.readouterr().err


def test_bad_command_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["bogus"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_bad_data_file_exits_1(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    bad = Path(str(tmp_path)) / "bad.toml"
    bad.write_text("[[figures]\n", encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["--data", str(bad), "summary"])
    assert info.value.code == 1
    assert "bad.toml" in capsys.readouterr().err


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kzcn", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("kzcn ")
