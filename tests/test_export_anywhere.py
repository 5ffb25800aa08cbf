"""Exports into any folder, and a command line that ends cleanly: staged inside the
target (a mount point, a symlink to another file system, a folder whose parent is not
writable), stale staging folders removed, an empty ``--out`` refused, Ctrl-C and closed
streams ending in one line or quietly."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import kzcn
from kzcn import export as ex
from kzcn.cli import main

SRC = str(Path(kzcn.__file__).resolve().parent.parent)


@pytest.fixture(scope="module")
def ds() -> kzcn.Dataset:
    return kzcn.load()


def test_an_export_is_staged_inside_its_target(
    ds: kzcn.Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Beside the target would need its parent writable and on the same file system.
    real = tempfile.mkdtemp
    seen: list[object] = []

    def spy(suffix: str | None = None, prefix: str | None = None, dir: str | None = None) -> str:
        seen.append(dir)
        return real(suffix, prefix, dir)

    monkeypatch.setattr(tempfile, "mkdtemp", spy)
    out = tmp_path / "out"
    ex.export(ds, "json", out)
    assert [Path(str(d)) for d in seen] == [out]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_an_export_through_a_symlink_to_another_file_system(
    ds: kzcn.Dataset, tmp_path: Path
) -> None:
    other = Path("/dev/shm")
    if not other.is_dir() or other.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second file system to link to")
    with tempfile.TemporaryDirectory(dir=other) as elsewhere:
        link = tmp_path / "link"
        link.symlink_to(elsewhere, target_is_directory=True)
        written = ex.export(ds, "csv", link)
        assert written and all(p.parent == link for p in written)
        assert {p.name for p in Path(elsewhere).iterdir()} == {p.name for p in written}


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_an_export_into_a_folder_whose_parent_is_read_only(
    ds: kzcn.Dataset, tmp_path: Path
) -> None:
    out = tmp_path / "parent" / "out"
    out.mkdir(parents=True)
    out.parent.chmod(0o555)
    try:
        assert ex.export(ds, "json", out)
    finally:
        out.parent.chmod(0o755)


def test_stale_staging_folders_are_removed(ds: kzcn.Dataset, tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    out = tmp_path / "out"
    stale = out / f"{ex.STAGING_PREFIX}{int(dead.stdout)}-abc"
    stale.mkdir(parents=True)
    (stale / "figures.csv").write_text("partial", encoding="utf-8")
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as running:
        busy = out / f"{ex.STAGING_PREFIX}{running.pid}-def"
        busy.mkdir()
        try:
            ex.export(ds, "csv", out)
        finally:
            running.kill()
    assert not stale.exists()
    assert busy.exists()  # a running export's folder is left alone


def test_an_empty_out_is_refused(
    ds: kzcn.Dataset,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ex.ExportError, match="empty"):
        ex.export(ds, "csv", "")
    assert main(["export", "--format", "csv", "--out", ""]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--out" in err
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_during_an_export_is_one_line_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import kzcn.export.csv as csv_module

    real = csv_module.write_rows
    calls: list[int] = []

    def interrupted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(csv_module, "write_rows", interrupted)
    out = tmp_path / "out"
    assert main(["export", "--format", "csv", "--out", str(out)]) == 130
    assert capsys.readouterr().err == "kzcn: interrupted\n"
    assert not out.exists()


def test_ctrl_c_during_check_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(self: object, *args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(kzcn.Dataset, "check", interrupted)
    assert main(["check"]) == 130
    assert capsys.readouterr().err == "kzcn: interrupted\n"


def _shell(command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.run(
        ["sh", "-c", command], capture_output=True, text=True, env=env, check=False
    )


@pytest.mark.parametrize(
    ("command", "status"),
    [
        # nothing could be written: status 1, as for a reader that left (| head -1)
        ("list figures >&-", 1),
        ("check >&-", 1),
        ("--help >&-", 1),
        ("--version >&-", 1),
        ("list figures >&- 2>&-", 1),
        # a closed stderr: the failure's own status; a success that needed none, 0
        ("nonsense 2>&-", 2),
        ("show no-such-id 2>&-", 2),
        ("list figures 2>&-", 0),
    ],
)
def test_a_closed_stream_ends_quietly(command: str, status: int) -> None:
    done = _shell(f"{sys.executable} -m kzcn {command}")
    assert (done.returncode, done.stderr) == (status, "")


def test_a_read_error_says_cannot_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import kzcn.verify

    def refused(folder: object, ds: object = None) -> object:
        raise PermissionError(13, "Permission denied", str(tmp_path / "texts" / "a.txt"))

    monkeypatch.setattr(kzcn.verify, "verify_texts", refused)
    (tmp_path / "texts").mkdir()
    assert main(["verify", "--texts", str(tmp_path / "texts")]) == 1
    err = capsys.readouterr().err
    assert "cannot read" in err and "cannot write" not in err
