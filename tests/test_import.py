"""`import kzcn` stays light: pint, cattrs and tomllib load only when needed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _modules_after(code: str, **env: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    ).stdout
    return set(out.split())


def test_import_does_not_load_heavy_modules() -> None:
    loaded = _modules_after("import kzcn")
    assert not {"pint", "cattrs", "tomllib", "kzcn.records"} & loaded


def test_load_does_not_need_pint() -> None:
    loaded = _modules_after("import kzcn\nkzcn.load().places.lookup('Nur-Sultan')", KZCN_CACHE="0")
    assert "pint" not in loaded
    assert "cattrs" in loaded


def test_cached_load_needs_neither_cattrs_nor_tomllib(tmp_path: Path) -> None:
    code = "import kzcn\nkzcn.load().places.lookup('Nur-Sultan')"
    first = _modules_after(code, KZCN_CACHE_DIR=str(tmp_path))
    assert "cattrs" in first  # the first load validates the files and writes the cache
    assert len(list(tmp_path.glob("*.json"))) == 1
    again = _modules_after(code, KZCN_CACHE_DIR=str(tmp_path))
    assert not {"cattrs", "tomllib", "pint"} & again


def test_lazy_names_resolve() -> None:
    import kzcn

    for name in kzcn.__all__:
        assert getattr(kzcn, name) is not None
    assert set(dir(kzcn)) >= {"load", "Figure", "Period"}
