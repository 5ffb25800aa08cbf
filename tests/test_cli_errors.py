"""Family "the CLI never prints a traceback": bad dates, values, paths, formats,
unwritable outputs, broken pipes, full disks and narrow encodings give one line on
stderr; exit 2 for usage, 1 for data or I/O."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kzcn.cli import main
from kzcn.cli.arguments import coerce
from kzcn.records import Figure, Visit


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["list", "visits", "--from", "2023-13"], "--from '2023-13'"),
        (["list", "visits", "--to", "yesterday"], "--to 'yesterday'"),
        (["timeline", "--from", "2023-13"], "--from"),
        (["list", "visits", "--from", "2024", "--to", "2023"], "empty date range"),
        (["timeline", "--from", "2024", "--to", "2023"], "empty date range"),
        (["list", "visits", "--where", "ordinal=abc"], "whole number"),
        (["list", "visits", "--where", "kind=stat"], "did you mean state"),
        (["list", "figures", "--where", "amount=lots"], "amount"),
        (["plot", "trade", "--out", "x.gif"], ".gif"),
        (["verify"], "--texts"),
    ],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str], words: str) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert words in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_data_given_as_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--data", str(tmp_path), "summary")
    assert code == 2 and "folder" in err


def test_export_to_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "file"
    target.write_text("x", "utf-8")
    code, _, err = run(capsys, "export", "--format", "csv", "--out", str(target))
    assert code == 1 and "is a file" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "export", "--format", "json", "--out", str(target / "below"))
    assert code == 1 and "cannot write" in err and len(err.strip().splitlines()) == 1


def test_plot_into_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x.png").mkdir()
    code, _, err = run(capsys, "plot", "trade", "--out", str(tmp_path / "x.png"))
    assert code == 1 and "folder" in err


def test_json_on_export_and_plot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "--format", "json", "--out", str(tmp_path), "--json")
    assert code == 0 and json.loads(out)["files"]
    pytest.importorskip("matplotlib")
    code, out, _ = run(capsys, "plot", "trade", "--out", str(tmp_path / "t.svg"), "--json")
    assert code == 0 and json.loads(out)["chart"] == "trade"


def test_values_are_coerced_by_the_field_type() -> None:
    assert coerce(Visit, "title", "2019") == "2019"
    assert coerce(Visit, "people", "123") == "123"
    assert coerce(Visit, "ordinal", "3") == 3
    assert coerce(Figure, "description", "42") == "42"


def test_list_by_an_ordinal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "visits", "--where", "ordinal=3", "--json")
    assert code == 0 and all(r["ordinal"] == 3 for r in json.loads(out))


def _kzcn(*argv: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    full = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), **env}
    return subprocess.run([sys.executable, "-m", "kzcn", *argv], capture_output=True, env=full)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_disk() -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "kzcn", "list", "figures"],
            stdout=full,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_broken_pipe() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "kzcn", "list", "figures", "--json"],  # more than a pipe holds
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    err = process.stderr.read().decode()
    # Not all was written: status 1 (Python's recipe for EPIPE; a closed stdout too),
    # and no message.
    assert process.wait() == 1
    assert err == ""
    assert "Traceback" not in err and "Exception ignored" not in err


def test_an_ascii_terminal() -> None:
    result = _kzcn("show", "zx19-trade-2018", env={"PYTHONIOENCODING": "ascii"})
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "PYTHONIOENCODING" in err
