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
    loaded = _modules_after("import kzcn\nkzcn.load().places.lookup('Nur-Sultan')")
    assert "pint" not in loaded


def test_compiled_load_needs_neither_cattrs_nor_tomllib(tmp_path: Path) -> None:
    """Records from the compiled file are built without the validating loader."""
    import shutil

    from kzcn import compiled, loader

    for path in loader.data_files():
        shutil.copy(path, tmp_path / path.name)
    paths = sorted(tmp_path.glob("*.toml"))
    tables = loader.load_records(loader.read_files(paths))
    text = compiled.dumps(tables, str(tmp_path), [p.name for p in paths])
    (tmp_path / compiled.NAME).write_text(text, encoding="utf-8")
    code = (
        "import kzcn\n"
        "from kzcn import package\n"
        f"package.data_dir = lambda: {str(tmp_path)!r}\n"
        "ds = kzcn.load()\n"
        "ds.places.lookup('Nur-Sultan')\n"
        "assert len(ds.figures) > 50"
    )
    loaded = _modules_after(code)
    assert not {"cattrs", "tomllib", "pint", "pathlib", "kzcn.loader"} & loaded


def test_lazy_names_resolve() -> None:
    import kzcn

    for name in kzcn.__all__:
        assert getattr(kzcn, name) is not None
    assert set(dir(kzcn)) >= {"load", "Figure", "Period"}


def test_the_type_checking_imports_match_the_lazy_names() -> None:
    """``kzcn/__init__.py`` lists its public names for type checkers and for run time;
    the two lists must be one."""
    import ast

    import kzcn

    tree = ast.parse(Path(kzcn.__file__).read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If))
    seen = {
        alias.name: node.module
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert seen == kzcn._LAZY


def test_all_lists_the_lazy_names() -> None:
    import kzcn

    assert sorted(kzcn.__all__) == sorted(["DATA_VERSION", "TABLES", "__version__", *kzcn._LAZY])
