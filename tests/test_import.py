"""`import kzcn` stays light: pint, cattrs and tomllib load only when needed."""

from __future__ import annotations

import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return set(out.split())


def test_import_does_not_load_heavy_modules() -> None:
    loaded = _modules_after("import kzcn")
    assert not {"pint", "cattrs", "tomllib", "kzcn.records"} & loaded


def test_load_does_not_need_pint() -> None:
    loaded = _modules_after("import kzcn\nkzcn.load().places.lookup('Nur-Sultan')")
    assert "pint" not in loaded
    assert "cattrs" in loaded


def test_lazy_names_resolve() -> None:
    import kzcn

    for name in kzcn.__all__:
        assert getattr(kzcn, name) is not None
    assert set(dir(kzcn)) >= {"load", "Figure", "Period"}
