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


DRAFT_SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
from hatch_build import CompileData

hook = CompileData(sys.argv[2], {}, None, None, sys.argv[2], "wheel")
try:
    hook.initialize("standard", {"force_include": {}})
except RuntimeError as exc:
    print("refused:", exc)
"""


def test_a_wheel_with_an_unreviewed_draft_is_refused(tmp_path: Path) -> None:
    """The build compiles the data only when no record is still a draft of kzcn draft."""
    import shutil

    pytest.importorskip("hatchling")
    shutil.copytree(ROOT / "src" / "kzcn", tmp_path / "src" / "kzcn")
    data = tmp_path / "src" / "kzcn" / "data" / "2021-konovalov-new-eastern-outlook.toml"
    text = data.read_text(encoding="utf-8")
    marked = text.replace(
        'id = "kv21-transit-containers-2020"\n',
        'id = "kv21-transit-containers-2020"\nreview = "draft"\n',
        1,
    )
    assert marked != text
    data.write_text(marked, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", DRAFT_SCRIPT, str(ROOT), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "refused:" in done.stdout and "unreviewed-draft" in done.stdout
    assert "kv21-transit-containers-2020" in done.stdout
