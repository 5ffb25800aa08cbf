"""The cache of validated data: equal records, keyed on content, safe to lose."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzcn import cache
from kzcn.loader import data_files, load_records, read_files


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KZCN_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_round_trip_gives_equal_records(folder: Path) -> None:
    files = read_files(data_files())
    tables = load_records(files)
    key = cache.cache_key(files)
    assert cache.read(key) is None
    cache.write(key, tables)
    cached = cache.read(key)
    assert cached is not None
    for table, records in tables.items():
        assert cached[table] == list(records), table


def test_key_follows_the_content() -> None:
    files = read_files(data_files())
    changed = [(files[0][0], files[0][1] + "\n# edited\n"), *files[1:]]
    assert cache.cache_key(files) == cache.cache_key(list(files))
    assert cache.cache_key(files) != cache.cache_key(changed)


def test_damaged_or_stale_entries_are_ignored(folder: Path) -> None:
    (folder / "abc.json").write_text("{not json", encoding="utf-8")
    assert cache.read("abc") is None
    (folder / "abc.json").write_text('{"figures": [{"id": "x"}]}', encoding="utf-8")
    assert cache.read("abc") is None
    (folder / "abc.json").write_text('{"nonsense": []}', encoding="utf-8")
    assert cache.read("abc") is None


def test_old_entries_are_removed(folder: Path) -> None:
    tables = load_records(read_files(data_files()))
    cache.write("old", tables)
    cache.write("new", tables)
    assert [p.name for p in folder.glob("*.json")] == ["new.json"]


def test_cache_can_be_turned_off(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KZCN_CACHE", "0")
    cache.write("key", load_records(read_files(data_files())))
    assert not list(folder.iterdir())
    assert cache.read("key") is None
