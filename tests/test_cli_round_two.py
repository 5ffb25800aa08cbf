"""The command line under hostile use, round two (issue 24): the console script
interrupted while it imports, closed and broken output streams, the reserved id
``kzcn`` of ``kzcn cite``, the data a citation of the dataset describes, a data folder
``kzcn diff`` must refuse, and option values accepted silently when wrong."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import kzcn
from kzcn.cite import cite
from kzcn.cli import main
from kzcn.loader import data_files

ROOT = Path(__file__).resolve().parents[1]
SRC = str(Path(kzcn.__file__).resolve().parent.parent)


def _console_script() -> str:
    """The script an installer writes for ``[project.scripts] kzcn`` (pip's template)."""
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    module, _, function = scripts["kzcn"].partition(":")
    return (
        "import re\n"
        "import sys\n"
        f"from {module} import {function}\n"
        "if __name__ == '__main__':\n"
        "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
        f"    sys.exit({function}())\n"
    )


def test_ctrl_c_while_the_console_script_imports_ends_in_one_line(tmp_path: Path) -> None:
    # A real SIGINT, sent when the command line's package is first looked for: the
    # moment is fixed by the import, not by a timer.
    script = tmp_path / "kzcn"
    script.write_text(_console_script(), encoding="utf-8")
    code = (
        "import os, runpy, signal, sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'kzcn.cli':\n"
        "            os.kill(os.getpid(), signal.SIGINT)\n"
        "        return None\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        f"sys.argv = [{str(script)!r}, 'check']\n"
        f"runpy.run_path({str(script)!r}, run_name='__main__')\n"
    )
    env = {**os.environ, "PYTHONPATH": SRC}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert (done.returncode, done.stderr) == (130, "kzcn: interrupted\n")


MY_SOURCE = """
[[sources]]
id = "{id}"
title = "My notes"
kind = "article"
published = "2025"
"""

MY_FIGURE = """
[[figures]]
id = "my-trade-2024"
subject = "trade"
amount = "44 billion USD"
qualifier = "about"
period = "2024"
direction = "both"
parties = ["kazakhstan", "china"]
citations = [{ source = "my-notes", evidence = "trade was about 44 billion dollars" }]
"""


def _mine(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_kzcn_cites_the_dataset_even_when_a_record_is_called_kzcn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A user's source `kzcn` was cited instead of the dataset, by `kzcn cite kzcn` and
    # by `kzcn cite --dataset` alike.
    mine = _mine(tmp_path, MY_SOURCE.format(id="kzcn"))
    ds = kzcn.load(extra=[mine])
    assert "@software{kzcn," in cite(ds, "kzcn", "bibtex")
    for argv in (["cite", "kzcn"], ["cite", "--dataset"], ["cite"]):
        assert main(["--data", str(mine), *argv, "--format", "bibtex"]) == 0
        out, err = capsys.readouterr()
        assert out.startswith("@software{kzcn,") and "My notes" not in out
        assert err.count("\n") == 1 and "names the dataset" in err
    assert main(["cite", "kzcn"]) == 0  # no such record: no note
    assert capsys.readouterr().err == ""


def test_the_dataset_cited_with_user_data_is_not_called_the_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kzcn.content import dataset_hash

    mine = _mine(tmp_path, MY_SOURCE.format(id="my-notes") + MY_FIGURE)
    ds = kzcn.load(extra=[mine])
    assert main(["--data", str(mine), "cite", "kzcn"]) == 0
    out = capsys.readouterr().out
    assert out.strip() == cite(ds, "kzcn")  # the command says what the library says
    assert dataset_hash(ds) in out and dataset_hash(kzcn.load()) not in out
    assert f"data {kzcn.DATA_VERSION} with changes (not a released version)" in out
    # without user data, the release as it is
    assert f"data {kzcn.DATA_VERSION}, data SHA-256 {dataset_hash(kzcn.load())}" in (
        cite(kzcn.load(), "kzcn")
    )


def test_a_users_record_is_not_cited_as_part_of_the_release(tmp_path: Path) -> None:
    mine = _mine(tmp_path, MY_SOURCE.format(id="my-notes") + MY_FIGURE)
    ds = kzcn.load(extra=[mine])
    released = f"kzcn data {kzcn.DATA_VERSION} (kzcn {kzcn.__version__})"
    for form in ("text", "bibtex", "csl-json"):
        for rid in ("my-trade-2024", "my-notes"):
            text = cite(ds, rid, form)
            assert released not in text and "not in kzcn data" in text, (form, rid)
        # a released record, cited beside the user's data, is still the release's
        assert released in cite(ds, "zx19-trade-2018", form)
        assert released in cite(ds.resolved(), "zx19-trade-2018", form)


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the package's data folder with one edit in its first file holding
    ``old`` (made once: the edit must hit)."""
    from kzcn.loader import data_files

    folder = tmp_path / "broken"
    folder.mkdir()
    edited = False
    for path in data_files():
        text = path.read_text(encoding="utf-8")
        if not edited and old in text:
            text, edited = text.replace(old, new, 1), True
        (folder / path.name).write_text(text, encoding="utf-8")
    assert edited
    return folder


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        # a number its evidence does not write (the cross-record step of the pipeline)
        (
            '"19.885 billion USD"',
            '"19.9 billion USD"',
            "record 'zx19-trade-2018': field 'amount': the number of 19.9 billion USD",
        ),
        # a link to no record
        ('place = "china"', 'place = "atlantis"', "field 'place'"),
    ],
)
def test_diff_refuses_a_folder_the_loader_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, where: str
) -> None:
    # It compared the folder's rows after only the first step of the validation
    # pipeline: the broken copy gave a diff and exit 0.
    from kzcn.diff import diff
    from kzcn.errors import DataError
    from kzcn.loader import data_files

    broken = _broken_copy(tmp_path, old, new)
    for sides in ((str(data_files()[0].parent), str(broken)), (str(broken), "installed")):
        assert main(["diff", *sides]) == 1
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1
        assert err.startswith("kzcn: error: 1 problem in the data: ") and where in err
        assert str(broken) in err  # the file, named by its path
    with pytest.raises(DataError, match=r"atlantis|19\.9 billion"):
        diff(broken, "installed")
    done = subprocess.run(
        [sys.executable, "-m", "kzcn.diff", str(broken), "installed"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
        check=False,
    )
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and where in done.stderr


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        # each was read as absent (or as the working folder) and so accepted silently
        (["list", "figures", "--source", ""], "--source"),
        (["series", "trade", "--source", " "], "--source"),
        (["draft", "news.txt", "--source-id", ""], "--source-id"),
        (["diff", "", "installed"], "OLD"),
        (["diff", "installed", " "], "NEW"),
        (["review", "", "--all"], "FILE"),
        (["draft", ""], "TEXT"),
        (["verify", "--texts", ""], "--texts"),
        (["--data", "", "check"], "--data"),
        (["cite", ""], "ID"),
        (["plot", "trade", "--out", " "], "--out"),
    ],
)
def test_an_empty_value_is_refused_naming_its_option(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    option: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news.txt").write_text("2020\n\nIn 2020 trade reached $ 21 billion.\n", "utf-8")
    # a data folder here: an empty side of diff was this folder
    for path in data_files():
        (tmp_path / path.name).write_text(path.read_text("utf-8"), "utf-8")
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == f"kzcn: error: {option} is empty (an unset variable?)\n"


def test_diff_refuses_an_empty_side() -> None:
    from kzcn.diff import diff

    with pytest.raises(ValueError, match="empty"):
        diff("", "installed")


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        # a file or a missing folder as verify's --texts was a failed verification (1),
        # while the same --texts before the command is a usage error (2)
        (["verify", "--texts", "news.txt"], 2, "--texts news.txt: is not a folder"),
        (["verify", "--texts", "missing"], 2, "--texts missing: is not a folder"),
        # --all marked every draft, the --id given was dropped unsaid
        (["review", "drafted.toml", "--all", "--id", "nope"], 2, "not both"),
        # --json printed, --markdown dropped unsaid
        (["diff", "installed", "installed", "--json", "--markdown"], 2, "not both"),
        # a text that is no list of ids: each line was an id "on neither side"
        (["diff", "installed", "installed", "--ids", "news.txt"], 2, "line 3: 'In 2020"),
        # a folder as draft's --out: --force then failed writing, naming no option
        (["draft", "news.txt", "--out", "folder", "--force"], 1, "--out folder: is a folder"),
        # a file on the way to --out: "cannot read news.txt: File exists" and the like
        (["plot", "trade", "--out", "news.txt/x.png"], 1, "news.txt is a file, not a folder"),
        (["export", "--format", "csv", "--out", "news.txt/x"], 1, "news.txt is a file"),
        (["draft", "news.txt", "--out", "news.txt/x.toml"], 1, "news.txt is a file"),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused_in_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    status: int,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news.txt").write_text("2020\n\nIn 2020 trade reached $ 21 billion.\n", "utf-8")
    (tmp_path / "folder").mkdir()
    assert main(["draft", "news.txt", "--out", "drafted.toml"]) == 0
    capsys.readouterr()
    before = sorted(p.name for p in tmp_path.iterdir())
    drafted = (tmp_path / "drafted.toml").read_text("utf-8")
    assert main(argv) == status
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and message in err
    assert (tmp_path / "drafted.toml").read_text("utf-8") == drafted  # nothing marked
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


def test_ids_in_capitals_are_the_ids(tmp_path: Path) -> None:
    from kzcn.diff import read_ids

    listed = tmp_path / "ids.txt"
    listed.write_text("ZX19-Trade-2018  # from the paper\n", encoding="utf-8")
    assert read_ids(listed) == ("zx19-trade-2018",)


def test_a_closed_stdout_is_no_file_the_command_opens(tmp_path: Path) -> None:
    # The closed descriptor 1 would go to the first file opened (an export's CSV): a
    # write to "stdout" by anything but sys.stdout would land in the export.
    out = tmp_path / "out"
    code = (
        "import os, sys\n"
        "import kzcn.export.csv as csv\n"
        "from kzcn.cli import main\n"
        "real = csv.write_rows\n"
        "def stray(path, cols, rows):\n"  # a write to fd 1 while an export's file is open
        "    def marked():\n"
        "        try:\n"
        "            os.write(1, b'KZCN-STRAY-MARKER')\n"
        "        except OSError:\n"
        "            pass\n"
        "        yield from rows\n"
        "    return real(path, cols, marked())\n"
        "csv.write_rows = stray\n"
        f"sys.exit(main(['export', '--format', 'csv', '--out', {str(out)!r}]))\n"
    )
    done = subprocess.run(
        ["sh", "-c", '"$0" -c "$1" >&-', sys.executable, code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
        check=False,
    )
    assert done.returncode == 1 and done.stderr == ""  # the list of files went nowhere
    written = sorted(out.iterdir())
    assert written and not any(b"KZCN-STRAY-MARKER" in p.read_bytes() for p in written)


def test_review_with_stdin_closed_is_a_usage_error(tmp_path: Path) -> None:
    drafted = tmp_path / "drafted.toml"
    news = tmp_path / "news.txt"
    news.write_text("2020\n\nIn 2020 trade reached $ 21 billion.\n", encoding="utf-8")
    assert main(["draft", str(news), "--out", str(drafted)]) == 0
    done = subprocess.run(
        ["sh", "-c", '"$0" -m kzcn review "$1" <&-', sys.executable, str(drafted)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
        check=False,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "--id" in done.stderr


def test_python_m_kzcn_diff_ends_quietly_without_a_reader() -> None:
    # `python -m kzcn.diff ... >&-` exited 0; `| head -1` printed a BrokenPipeError.
    env = {**os.environ, "PYTHONPATH": SRC}
    command = [sys.executable, "-m", "kzcn.diff", "2026.11.23", "installed"]
    closed = subprocess.run(
        ["sh", "-c", '"$@" >&-', "sh", *command],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (closed.returncode, closed.stderr) == (1, "")
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    assert (process.wait(), process.stderr.read()) == (1, "")


@pytest.mark.parametrize(
    ("table", "condition", "call"),
    [
        ("visits", "people=nobody", lambda ds: ds.visits.where(people="nobody")),
        ("visits", "place=atlantis", lambda ds: ds.visits.where(place="atlantis")),
        ("visits", "people=china", lambda ds: ds.visits.where(people="china")),
    ],
)
def test_where_refused_by_the_api_is_the_same_line_on_the_option(
    table: str, condition: str, call: object, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--where` says what `where()` says, on the option (it was a traceback)."""
    ds = kzcn.load()
    with pytest.raises((KeyError, TypeError, ValueError)) as raised:
        call(ds)  # type: ignore[operator]
    assert main(["list", table, "--where", condition]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    name = condition.partition("=")[0]
    assert err == f"kzcn: error: --where {name}: {raised.value.args[0]}"


@pytest.mark.parametrize("table", ["people", "places", "organizations", "errata"])
def test_dates_on_a_table_without_dates_are_refused(
    table: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`between()` on records that have no dates matched nothing without a word."""
    ds = kzcn.load()
    with pytest.raises(TypeError, match="have no dates"):
        ds.tables[table].between("2019", "2020")
    assert main(["list", table, "--from", "2019"]) == 2
    assert "--from/--to" in capsys.readouterr().err
    # a dated table still filters
    assert len(ds.visits.between("2019", "2019")) > 0


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_a_full_disk_under_stdout_is_a_write_error() -> None:
    """`kzcn list figures > /dev/full` said "cannot read: No space left on device"."""
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run(
            [sys.executable, "-m", "kzcn", "list", "figures"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "kzcn: error: cannot write standard output: No space left on device"
    ]


def test_a_written_path_is_one_line_whatever_its_name_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An --out name with a line break or an escape sequence was echoed raw."""
    out = tmp_path / "a\nb\x1b[31m"
    assert main(["export", "--format", "json", "--out", str(out)]) == 0
    shown = capsys.readouterr().out
    assert shown.count("\n") == 1
    assert "\x1b" not in shown
    assert shown.strip() == str(out / "kzcn.json").replace("\n", "\\n").replace("\x1b", "\\u001b")
