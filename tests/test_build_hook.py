"""The wheel build hook compiles the data for a real wheel only: an editable install
reads the checkout's TOML, and installs whatever state the data is in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# A checkout whose package cannot even be imported (data that does not load fails the
# same way, later): the hook for an editable build must not try.
SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
from hatch_build import CompileData

hook = CompileData(sys.argv[2], {}, None, None, sys.argv[2], "wheel")
data = {"force_include": {}}
hook.initialize("editable", data)
assert data == {"force_include": {}}, data
try:
    hook.initialize("standard", data)
except RuntimeError as exc:
    print("standard:", exc)
"""


def test_an_editable_build_does_not_compile_the_data(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    broken = tmp_path / "src" / "kzcn"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise RuntimeError('the data does not load')\n")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    # The real wheel build does load (and refuse) the data.
    assert "standard: the data does not load" in done.stdout
