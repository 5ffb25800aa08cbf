"""``kzcn.cite`` and ``kzcn.diff`` are functions of the public contract and also the
names of their modules: importing the module first (``from kzcn.cite import FORMATS``,
or running the command line in-process) made ``kzcn.cite`` the module, and
``kzcn.cite(ds, id)`` a TypeError. Each case runs in a fresh interpreter, since what a
process imported before is exactly what is under test."""

from __future__ import annotations

import subprocess
import sys

import pytest

FIRST = {
    "nothing": "",
    "a name of the module": "from kzcn.cite import FORMATS; from kzcn.diff import Diff",
    "the module itself": "import kzcn.cite, kzcn.diff",
    "the command line": "from kzcn.cli import main; main(['cite', 'kzcn'])",
}

CALLS = (
    "import kzcn\n"
    "ds = kzcn.load()\n"
    "print(kzcn.cite(ds, 'kzcn', 'bibtex').splitlines()[0])\n"
    "print(kzcn.diff('installed', 'installed').text().splitlines()[0])\n"
    "import kzcn.cite as c, kzcn.diff as d\n"
    "print(c.cite(ds, 'kzcn', 'bibtex') == kzcn.cite(ds, 'kzcn', 'bibtex'))\n"
    "print(d.diff('installed', 'installed') == kzcn.diff('installed', 'installed'))\n"
)


@pytest.mark.parametrize("first", FIRST.values(), ids=FIRST.keys())
def test_cite_and_diff_callable_whatever_was_imported_first(first: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", f"{first}\n{CALLS}"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()[-4:]
    baseline = subprocess.run(
        [sys.executable, "-c", CALLS], capture_output=True, text=True, check=True
    ).stdout.splitlines()[-4:]
    assert lines == baseline
    assert lines[2:] == ["True", "True"]
