"""Family G (huge, deep, FIFO and special files) and E (one TOML grammar)."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from harness import ROOT, Outcome, case, cli, one_line

F = "huge and odd files"
T = "TOML grammar"

VISIT_TEXT = """
[[sources]]
id = "my-notes"
title = "My notes"
kind = "article"
published = "2025"
path = "{path}"

[[visits]]
id = "my-visit"
title = "A visit"
kind = "state"
date = "2023"
people = ["tokayev", "xi-jinping"]
place = "astana"
host = "kazakhstan"
citations = [{{ source = "my-notes", evidence = "The visit took place in Astana in 2023." }}]
"""


def _data(name: str, make: Callable[[Path], Path], *words: str, code: int = 1) -> None:
    @case(F, f"--data {name}", one_line(code, *words))
    def run(folder: Path) -> Outcome:
        path = make(folder)
        return cli(["--data", str(path), "check"], cwd=folder, mem_mb=1500)


def _made(path: Path, make: Callable[[Path], object]) -> Path:
    make(path)
    return path


def _sparse(folder: Path, name: str = "sparse.toml", size: int = 8 * 2**30) -> Path:
    with (folder / name).open("wb") as stream:
        stream.truncate(size)
    return folder / name


def _fifo(folder: Path, name: str = "fifo.toml") -> Path:
    os.mkfifo(folder / name)
    return folder / name


_data("/dev/zero", lambda f: Path("/dev/zero"), "50 MB")
_data("/dev/urandom", lambda f: Path("/dev/urandom"), "50 MB")
_data("8 GB sparse file", _sparse, "50 MB")
_data("a folder", lambda f: _made(f / "d.toml", Path.mkdir), "folder", code=2)
_data(
    "UTF-16 file", lambda f: _made(f / "u.toml", lambda p: p.write_bytes(b"\xff\xfe[\x00")), "utf-8"
)
_data(
    "bad UTF-8",
    lambda f: _made(f / "b.toml", lambda p: p.write_bytes(b'a = "\xc3\x28"\n')),
    "utf-8",
)
_data("missing", lambda f: f / "missing.toml", "no such", code=2)
_data(
    "header 3000 deep",
    lambda f: _made(
        f / "h.toml", lambda p: p.write_text("[" + ".".join(["a"] * 3000) + "]\nx = 1\n")
    ),
    "more than 100 dotted parts at line 1",
)
_data(
    "dotted key 3000 deep",
    lambda f: _made(f / "k.toml", lambda p: p.write_text(".".join(["a"] * 3000) + " = 1\n")),
    "more than 100 dotted parts at line 1",
)
_data(
    "array 100k deep",
    lambda f: _made(f / "a.toml", lambda p: p.write_text("a = " + "[" * 100_000 + "]" * 100_000)),
    "nested more than 100 deep",
)


@case(F, "--data a FIFO no one writes to", lambda o: o.code == 0)
def _(folder: Path) -> Outcome:
    return cli(["--data", str(_fifo(folder)), "check"], timeout=20)


@case(F, "--data a shipped file again", one_line(1, "duplicate"))
def _(folder: Path) -> Outcome:
    return cli(["--data", str(ROOT / "src/kzcn/data/people.toml"), "check"])


def _text(name: str, make: Callable[[Path], object], *words: str) -> None:
    @case(F, f"source path = {name}", one_line(1, *words))
    def run(folder: Path) -> Outcome:
        path = make(folder)
        (folder / "s.toml").write_text(VISIT_TEXT.format(path=path))
        return cli(["--data", str(folder / "s.toml"), "check"], cwd=folder, mem_mb=1500)


_text("/dev/zero", lambda f: "/dev/zero", "not a regular file")
_text(
    "a link to /dev/zero",
    lambda f: _made(f / "z.txt", lambda p: p.symlink_to("/dev/zero")).name,
    "not a regular file",
)
_text("a FIFO", lambda f: _fifo(f, "t.txt").name, "not a regular file")
_text("8 GB sparse", lambda f: _sparse(f, "big.txt").name, "50 MB")
_text("a folder", lambda f: _made(f / "dir.txt", Path.mkdir).name, "folder")
_text("empty", lambda f: "", "path")


def _texts(name: str, make: Callable[[Path], object], *words: str) -> None:
    @case(F, f"--texts with the 2019 text {name}", one_line(1, *words))
    def run(folder: Path) -> Outcome:
        for path in Path("/work/shared/sources").glob("*.txt"):
            shutil.copy(path, folder)
        target = folder / "2019-zhang-xiao-bulletin-of-diplomacy.txt"
        target.unlink()
        make(target)
        return cli(["--texts", str(folder), "check"], mem_mb=1500)


_texts("a FIFO", lambda p: os.mkfifo(p), "not a regular file")
_texts("a link to /dev/zero", lambda p: p.symlink_to("/dev/zero"), "not a regular file")
_texts("8 GB sparse", lambda p: _sparse(p.parent, p.name), "50 MB")
_texts("empty", lambda p: p.write_text(""), "sha")


# ---- TOML: one grammar with either parser, and no parser blow-up ------------------


def _parse(text: str, using: str, seconds: float = 10) -> Outcome:
    import subprocess

    code = (
        "import sys; sys.setrecursionlimit(10000); from kzcn.parsing import loads, TOMLError\n"
        f"text = open({str(_tmp(text))!r}).read()\n"
        "try:\n"
        f"    loads(text, using={using!r}); print('ok')\n"
        "except TOMLError as e: print('refused', e)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=env,
            timeout=seconds,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Outcome("timeout", f"more than {seconds} s")
    return Outcome("exit", done.stdout + done.stderr[-300:], code=done.returncode)


def _tmp(text: str) -> Path:
    import tempfile

    handle, name = tempfile.mkstemp(prefix="adv-toml-", suffix=".toml")
    os.write(handle, text.encode())
    os.close(handle)
    return Path(name)


_DEEP = {
    "inline tables 30,000 deep": "a = " + "{b = " * 30_000 + "1" + "}" * 30_000 + "\n",
    "dotted key 30,000 parts": ".".join(["a"] * 30_000) + " = 1\n",
    "header 30,000 parts": "[" + ".".join(["a"] * 30_000) + "]\n",
}
for _name, _text_ in _DEEP.items():
    for _using in ("tomllib", "rtoml"):

        def _mk(name: str, text: str, using: str) -> None:
            @case(
                T,
                f"{name} ({using}) parses or is refused within 10 s",
                lambda o: o.kind == "exit" and o.code == 0,
            )
            def run(folder: Path) -> Outcome:
                return _parse(text, using)

        _mk(_name, _text_, _using)

_SAME = {
    "trailing comma in inline table": "a = {x = 1,}\n",
    "newline in inline table": "a = {x = 1,\ny = 2}\n",
    "\\e escape": 'a = "\\e"\n',
    "\\x escape": 'a = "\\x41"\n',
    "time without seconds": "a = 07:32\n",
    "datetime without seconds": "a = 1979-05-27T07:32Z\n",
    "DEL in comment": "a = 1 # \x7f\n",
    "lone CR": "a = 1\rb = 2\n",
    "int beyond i64": "a = 9223372036854775808\n",
    "unicode bare key": "é = 1\n",
    "surrogate escape": 'a = "\\uD800"\n',
    "dotted then table": "a.b = 1\n[a]\nc = 2\n",
    "inline extended": "a = {x = 1}\na.y = 2\n",
    "brace in a string, 1.0": 'a = "{x,}"\n',
}
for _name, _text_ in _SAME.items():

    def _mk2(name: str, text: str) -> None:
        @case(T, f"same verdict with both parsers: {name}", lambda o: o.kind == "loaded")
        def run(folder: Path) -> Outcome:
            from kzcn.parsing import TOMLError, loads

            verdicts = []
            for using in ("tomllib", "rtoml"):
                try:
                    verdicts.append(("ok", repr(loads(text, using=using))))
                except TOMLError as error:
                    verdicts.append(("refused", str(error)))
            same = verdicts[0] == verdicts[1]
            return Outcome("loaded" if same else "differ", repr(verdicts))

    _mk2(_name, _text_)
