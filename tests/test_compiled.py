"""The compiled package data: built from the TOML at wheel build time, read at run time
only when it matches the TOML and the code beside it; nothing written at run time."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import kzcn
from kzcn import compiled, loader, package


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the package's data folder with a freshly compiled file in it."""
    folder = tmp_path / "data"
    folder.mkdir()
    for path in loader.data_files():
        shutil.copy(path, folder / path.name)
    names = sorted(p.name for p in folder.glob("*.toml"))
    tables = loader.load_records(loader.read_files([folder / n for n in names]))
    (folder / compiled.NAME).write_text(
        compiled.dumps(tables, str(folder), names), encoding="utf-8"
    )
    return folder


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.toml"))


def test_compiled_records_equal_a_fresh_toml_load(data_copy: Path) -> None:
    names = _names(data_copy)
    fresh = loader.load_records(loader.read_files([data_copy / n for n in names]))
    read = compiled.read(str(data_copy), names)
    assert read is not None
    for table, records in fresh.items():
        assert tuple(read[table]) == records, table
    # Typed corrections come back typed, as the loader types them.
    typed = [type(c.value) for e in read["errata"] for c in e.correct]
    assert typed == [type(c.value) for e in fresh["errata"] for c in e.correct]


def test_installed_compiled_file_matches_the_toml() -> None:
    """In the wheel (as CI installs it) the compiled file is there and current."""
    directory, names = package.data_dir(), package.data_names()
    if not os.path.exists(os.path.join(directory, compiled.NAME)):
        assert "site-packages" not in directory, "the wheel must hold the compiled data"
        return  # a source checkout reads the TOML
    read = compiled.read(directory, names)
    assert read is not None, "the installed compiled file does not match its TOML"
    fresh = loader.load_records(loader.read_files(loader.data_files()))
    for table, records in fresh.items():
        assert tuple(read[table]) == records, table


def test_an_edited_toml_is_picked_up(data_copy: Path) -> None:
    target = data_copy / "2019-zhang-xiao-bulletin-of-diplomacy.toml"
    text = target.read_text(encoding="utf-8")
    assert '"19.885 billion USD"' in text
    # A description in other words: an edit every rule still allows.
    edited = text.replace(
        'description = "Volume of trade between China and Kazakhstan in 2018.',
        'description = "Edited. Volume of trade between China and Kazakhstan in 2018.',
        1,
    )
    assert edited != text
    target.write_text(edited, "utf-8")
    assert compiled.read(str(data_copy), _names(data_copy)) is None
    code = (
        "from kzcn import package\n"
        f"package.data_dir = lambda: {str(data_copy)!r}\n"
        "import kzcn\n"
        "print(kzcn.load().figures['zx19-trade-2018'].description.split()[0])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "Edited."


def test_a_changed_model_makes_the_compiled_file_stale(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compiled, "code_hash", lambda: "another-model")
    assert compiled.read(str(data_copy), _names(data_copy)) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda rows: {**rows, "figures": 5},
        lambda rows: {**rows, "figures": {"a": 1}},
        lambda rows: {**rows, "figures": [[1, 2]]},
        lambda rows: {**rows, "figures": [{"id": "x"}]},
        lambda rows: [rows],
    ],
)
@pytest.mark.parametrize("resign", [False, True], ids=["stale-checksum", "re-signed"])
def test_a_damaged_compiled_file_falls_back_to_the_toml(
    data_copy: Path, damage: Any, resign: bool
) -> None:
    """Damaged rows fail the file's own checksum; rows damaged and re-signed (as only a
    deliberate edit could) still never reach a dataset: reading falls back to the TOML."""
    path = data_copy / compiled.NAME
    header_line, payload = path.read_text(encoding="utf-8").split("\n", 1)
    new_payload = json.dumps(damage(json.loads(payload)))
    header = json.loads(header_line)
    if resign:
        header["rows"] = compiled._digest([("rows", new_payload.encode())])
    path.write_text(json.dumps(header) + "\n" + new_payload, encoding="utf-8")
    assert compiled.read(str(data_copy), _names(data_copy)) is None


def test_lazy_tables_build_only_what_is_used(data_copy: Path) -> None:
    code = (
        "from kzcn import package\n"
        f"package.data_dir = lambda: {str(data_copy)!r}\n"
        "import kzcn\n"
        "ds = kzcn.load()\n"
        "ds.places.lookup('KZ')\n"
        "print(sorted(ds._tables._built))\n"
        "print(len(ds.figures), len(ds.tables))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first, second = out.stdout.splitlines()
    assert first == "['places']"
    assert second.split()[1] == "10"


def test_deeply_nested_compiled_file_falls_back(data_copy: Path) -> None:
    (data_copy / compiled.NAME).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert compiled.read(str(data_copy), _names(data_copy)) is None


def test_load_writes_nothing_anywhere(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o500)
    before = sorted(os.listdir(package.data_dir()))
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home),
        "XDG_DATA_HOME": str(home),
        "XDG_CONFIG_HOME": str(home),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    code = "import kzcn; ds = kzcn.load(); ds.check(); ds.resolved(); print(len(ds.figures))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert list(home.iterdir()) == []
    assert sorted(os.listdir(package.data_dir())) == before


def test_shipped_load_is_shared_and_cached() -> None:
    assert kzcn.load() is kzcn.load()
    assert kzcn.load() is package.shipped()
