"""The adversary's harness for issue 24's families (round three): each case builds a
hostile input, runs it through the public API or the command line (in a subprocess
with time and memory limits), and records what happened. `expect` says what the right
behaviour is; a case that does not meet it is printed for a human to classify.

Run: cd benchmarks/adversary && PYTHONPATH=../../src python rerun.py [module ...] [-v]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kzcn import Dataset

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable

NOTES = (
    "My notes. In 2024 trade was about 44 billion dollars, a record. "
    "The visit took place in Astana in 2023. Exports reached 3.5 million tonnes in 2023. "
    "Students numbered 12,000 in 2022.\n"
)

SOURCE = """
[[sources]]
id = "my-notes"
title = "My notes"
kind = "article"
published = "2025"
path = "notes.txt"
"""

FIGURE = """
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

VISIT = """
[[visits]]
id = "my-visit"
title = "A visit"
kind = "state"
date = "2023"
people = ["tokayev", "xi-jinping"]
place = "astana"
host = "kazakhstan"
citations = [{ source = "my-notes", evidence = "The visit took place in Astana in 2023." }]
"""

CITE = 'citations = [{ source = "my-notes", evidence = "The visit took place in Astana in 2023." }]'


@dataclass
class Outcome:
    kind: str  # "loaded", "refused", "crash", "timeout", "exit"
    detail: str = ""
    value: Any = None
    code: int | None = None
    out: str = ""
    err: str = ""


@dataclass
class Case:
    family: str
    name: str
    run: Callable[[Path], Outcome]
    expect: Callable[[Outcome], bool]
    note: str = ""
    result: Outcome | None = field(default=None)


CASES: list[Case] = []


Run = Callable[[Path], Outcome]


def case(
    family: str, name: str, expect: Callable[[Outcome], bool], note: str = ""
) -> Callable[[Run], Run]:
    def deco(fn: Run) -> Run:
        CASES.append(Case(family, name, fn, expect, note))
        return fn

    return deco


def user_file(folder: Path, text: str, notes: str = NOTES, name: str = "mine.toml") -> Path:
    (folder / "notes.txt").write_text(notes, encoding="utf-8")
    path = folder / name
    path.write_text(SOURCE + text, encoding="utf-8")
    return path


def load(
    folder: Path, text: str, then: Callable[[Dataset], object] | None = None, notes: str = NOTES
) -> Outcome:
    import kzcn

    path = user_file(folder, text, notes)
    try:
        ds = kzcn.load(extra=[path])
    except kzcn.DataError as error:
        probs = list(error.problems)
        return Outcome("refused", "\n".join(str(p) for p in probs[:5]), probs)
    except Exception:
        return Outcome("crash", traceback.format_exc(limit=3))
    if then is None:
        return Outcome("loaded", "", ds)
    try:
        value = then(ds)
    except Exception as error:
        return Outcome(
            "crash", f"{type(error).__name__}: {error}\n" + traceback.format_exc(limit=4)
        )
    return Outcome("loaded", repr(value)[:600], value)


def cli(
    args: list[str],
    cwd: Path | None = None,
    timeout: float = 60,
    mem_mb: int = 2000,
    stdin: str | None = None,
    shell_suffix: str = "",
    env: dict[str, str] | None = None,
) -> Outcome:
    quoted = " ".join(_q(a) for a in args)
    command = (
        f"ulimit -v {mem_mb * 1024}; exec timeout -s KILL {timeout} {PY} -m kzcn {quoted}"
        f" {shell_suffix}"
    )
    full_env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=full_env,
        input=stdin,
        check=False,
        timeout=timeout + 30,
    )
    kind = "timeout" if done.returncode in (137, -9) else "exit"
    return Outcome(
        kind,
        f"rc={done.returncode} err={done.stderr[-800:]!r} out={done.stdout[:300]!r}",
        code=done.returncode,
        out=done.stdout,
        err=done.stderr,
    )


def _q(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


# expectations -----------------------------------------------------------------


def refused(*words: str) -> Callable[[Outcome], bool]:
    def check(o: Outcome) -> bool:
        return o.kind == "refused" and all(w.lower() in o.detail.lower() for w in words)

    return check


def loads(o: Outcome) -> bool:
    return o.kind == "loaded"


def one_line(code: int = 2, *words: str) -> Callable[[Outcome], bool]:
    def check(o: Outcome) -> bool:
        return (
            o.kind == "exit"
            and o.code == code
            and o.err.count("\n") <= 1
            and "Traceback" not in o.err
            and all(w.lower() in o.err.lower() for w in words)
        )

    return check


def exit_ok(o: Outcome) -> bool:
    return o.kind == "exit" and o.code == 0 and "Traceback" not in o.err


def tmpdir(prefix: str = "adv-") -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
