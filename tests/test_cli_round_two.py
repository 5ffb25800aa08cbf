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

import kzcn

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
