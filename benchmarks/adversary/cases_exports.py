"""Family F: exports into odd folders, signals, closed and full streams; and the
command line's answers to hostile options."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from harness import ROOT, Outcome, case, cli, exit_ok, one_line

F = "exports and terminal"


def _export(out: str, fmt: str = "json") -> list[str]:
    return ["export", "--format", fmt, "--out", out]


def _link(path: Path, target: str) -> Path:
    path.symlink_to(target)
    return path


def _one(name: str, setup: Callable[[Path], object], out: str, code: int, *words: str) -> None:
    @case(F, name, one_line(code, *words))
    def run(folder: Path) -> Outcome:
        setup(folder)
        return cli(_export(out), cwd=folder)


_one("--out an existing file", lambda f: (f / "afile").write_text("x"), "afile", 1, "not a folder")
_one("--out /dev/null", lambda f: None, "/dev/null", 1, "not a folder")
_one("--out dangling symlink", lambda f: _link(f / "d", "/nonexistent/x"), "d", 1, "d")
_one(
    "--out symlink loop",
    lambda f: (_link(f / "l1", "l2"), _link(f / "l2", "l1")),
    "l1",
    1,
    "l1",
)
_one("--out ' '", lambda f: None, " ", 2, "empty")
_one("--out ''", lambda f: None, "", 2, "empty")
_one("--out under a file", lambda f: (f / "afile").write_text("x"), "afile/sub", 1, "afile")
_one("--out name too long", lambda f: None, "a" * 300, 1, "too long")


@case(F, "--out dangling symlink says what is wrong", one_line(1, "link"))
def _(folder: Path) -> Outcome:
    (folder / "d").symlink_to("/nonexistent/x")
    return cli(_export("d"), cwd=folder)


@case(F, "--out through a symlink to a folder", exit_ok)
def _(folder: Path) -> Outcome:
    (folder / "real").mkdir()
    (folder / "link").symlink_to("real")
    o = cli(_export("link"), cwd=folder)
    return o if (folder / "real" / "kzcn.json").is_file() else Outcome("exit", "no file", code=9)


@case(F, "a folder named like an export file: nothing changes", one_line(1, "is a folder"))
def _(folder: Path) -> Outcome:
    cli(_export("out", "csv"), cwd=folder)
    (folder / "out" / "visits.csv").unlink()
    (folder / "out" / "visits.csv" / "x").mkdir(parents=True)
    for p in (folder / "out").glob("*.csv"):
        if p.is_file():
            p.write_text("old\n")
    o = cli(_export("out", "csv"), cwd=folder)
    new = [
        p.name for p in (folder / "out").glob("*.csv") if p.is_file() and p.read_text() != "old\n"
    ]
    return o if not new else Outcome("exit", f"new files mixed in: {new}", code=99)


@case(F, "a user's folder named like a stale staging folder", lambda o: o.code == 0)
def _(folder: Path) -> Outcome:
    (folder / "out" / ".kzcn-export-999999-mine").mkdir(parents=True)
    (folder / "out" / ".kzcn-export-999999-mine" / "keep.txt").write_text("mine")
    o = cli(_export("out"), cwd=folder)
    o.detail += f" kept={(folder / 'out' / '.kzcn-export-999999-mine' / 'keep.txt').exists()}"
    return o


def _interrupt(args: list[str], after: float, folder: Path) -> Outcome:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    p = subprocess.Popen(
        [sys.executable, "-m", "kzcn", *args],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(after)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate()
    return Outcome(
        "exit", f"rc={p.returncode} err={err[-300:]!r}", code=p.returncode, out=out, err=err
    )


for _cmd in (
    ["check"],
    ["verify", "--texts", "/work/shared/sources"],
    ["list", "figures"],
    ["diff", "installed", "installed"],
    _export("out", "csv"),
    _export("out", "datapackage"),
    ["--texts", "/work/shared/sources", "check"],
):
    for _after in (0.4, 0.8):

        def _make(cmd: list[str], after: float) -> None:
            @case(
                F,
                f"SIGINT at {after}s: kzcn {' '.join(cmd)}",
                lambda o: (o.code, o.err) in ((130, "kzcn: interrupted\n"), (0, "")),
            )
            def run(folder: Path) -> Outcome:
                o = _interrupt(cmd, after, folder)
                out = folder / "out"
                if out.exists() and any(out.iterdir()) and o.code == 130:
                    return Outcome("exit", "interrupted export left files", code=98)
                return o

        _make(_cmd, _after)


@case(F, "stdout is /dev/full", one_line(1, "write"))
def _(folder: Path) -> Outcome:
    return cli(["list", "figures"], shell_suffix="> /dev/full")


@case(F, "stdout a pipe closed early", lambda o: o.code in (0, 141) and "Traceback" not in o.err)
def _(folder: Path) -> Outcome:
    return cli(["list", "figures"], shell_suffix="| head -1")


@case(F, "stderr closed on an error", lambda o: o.code == 2)
def _(folder: Path) -> Outcome:
    return cli(["show", "nothing-here"], shell_suffix="2>&-")


_Q = [
    (["list", "visits", "--where", "place=nowhere"], 2, "nowhere"),
    (["list", "visits", "--where", "people=nobody"], 2, "nobody"),
    (["list", "figures", "--where", "parties=nobody"], 2, "nobody"),
    (["list", "figures", "--where", "colour=red"], 2, "colour"),
    (["list", "figures", "--where", "subject"], 2, "field=value"),
    (["list", "figures", "--where", "amount=5"], 2, "amount"),
    (["list", "figures", "--from", "2099", "--to", "1990"], 2, "empty"),
    (["list", "figures", "--from", "garbage"], 2, "garbage"),
    (["list", "figures", "--from", "2020-13"], 2, "month"),
    (["series", "tradee"], 2, "trade"),
    (["series", ""], 2, "subject"),
    (["timeline", "--person", "nobody"], 2, "nobody"),
    (["timeline", "--place", ""], 2, "place"),
    (["show", ""], 2, "no record"),
    (["show", "ZX19-TRADE-2018"], 2, "zx19-trade-2018"),
    (["search", ""], 2, "search"),
    (["list", "nothing"], 2, "nothing"),
    (["cite", "nothing"], 2, "nothing"),
    (["diff", "installed", "nothing"], 2, "nothing"),
    (["show", "zx19-page-views"], 2, "removed"),
]
for _args, _code, _word in _Q:

    def _mk(args: list[str], code: int, word: str) -> None:
        @case(F, "kzcn " + " ".join(a if a else repr(a) for a in args), one_line(code, word))
        def run(folder: Path) -> Outcome:
            return cli(args)

    _mk(_args, _code, _word)
