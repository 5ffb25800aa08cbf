"""Releases in the package (issue 20): every released data version is a file of the
package, never edited, and a side of ``kzcn diff``; exports and ``--version`` carry
the content hash of the data."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

import kzcn
from kzcn.cli import main, version_line
from kzcn.content import content_hash, dataset_hash
from kzcn.diff import diff
from kzcn.releases import CHECKSUMS, dumps, release_hash, release_names, release_path

FOLDER = Path(kzcn.__file__).parent / "releases"


def test_every_release_is_in_the_package() -> None:
    assert {"2026.11.23", "2026.11.29"} <= set(release_names())
    for name in release_names():
        path = release_path(name)
        assert path is not None and path.parent == FOLDER
        document = json.loads(path.read_text(encoding="utf-8"))
        assert document["data_version"] == name
    assert release_path("2099.01.01") is None
    assert release_path("../../etc/passwd") is None


def test_no_release_is_edited() -> None:
    """A released file never changes: SHA256SUMS beside them says what each holds."""
    listed = {}
    for line in (FOLDER / CHECKSUMS).read_text(encoding="utf-8").splitlines():
        digest, name = line.split()
        listed[name] = digest
    files = {p.name for p in FOLDER.glob("*.json")}
    assert set(listed) == files, "every release file is listed in SHA256SUMS, and only those"
    for name, digest in listed.items():
        actual = hashlib.sha256((FOLDER / name).read_bytes()).hexdigest()
        assert actual == digest, f"{name} was edited: a release never changes"


def test_release_files_are_compact() -> None:
    for name in release_names():
        path = release_path(name)
        assert path is not None
        text = path.read_text(encoding="utf-8")
        assert dumps(json.loads(text)) == text  # one record a line, as the writer makes it


def test_diff_takes_a_release_name_from_anywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    here = os.getcwd()
    os.chdir(tmp_path)  # nowhere near a checkout's tests/
    try:
        assert main(["diff", "2026.11.23", "installed", "--json"]) == 0
    finally:
        os.chdir(here)
    found = json.loads(capsys.readouterr().out)
    assert found["old"] == "2026.11.23"
    assert "diplomatic-relations-1992" in {m["id"] for m in found["moved"]}
    assert diff("2026.11.29", "2026.11.29").empty
    assert main(["diff", "2025.01.01", "installed"]) == 2
    assert "release" in capsys.readouterr().err


def test_releases_command_lists_them(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["releases", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["data_version"] for r in listed["releases"]] == list(release_names())
    assert listed["installed"]["data_sha256"] == dataset_hash(kzcn.load())
    assert listed["releases"][0]["data_sha256"] == release_hash("2026.11.23")


def test_content_hash_is_canonical() -> None:
    rows: dict[str, list[dict[str, Any]]] = {
        "figures": [{"id": "b", "x": 1}, {"id": "a", "y": [1, 2]}],
        "redirects": [],
    }
    swapped: dict[str, list[dict[str, Any]]] = {
        "redirects": [],
        "figures": [{"y": [1, 2], "id": "a"}, {"x": 1, "id": "b"}],
    }
    assert content_hash(rows) == content_hash(swapped)
    assert content_hash(rows) != content_hash({**rows, "figures": rows["figures"][:1]})


def test_version_and_exports_carry_the_content_hash(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ds = kzcn.load()
    digest = dataset_hash(ds)
    assert digest == dataset_hash(ds.resolved())
    assert version_line() == f"kzcn {kzcn.__version__} (data {kzcn.DATA_VERSION}, sha256 {digest})"
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert digest in capsys.readouterr().out
    changed = ds.evolve(remove=[ds.figures[0].id])
    assert dataset_hash(changed) != digest


def test_every_data_export_carries_the_hash(tmp_path: Path) -> None:
    from kzcn.export import export

    ds = kzcn.load()
    digest = dataset_hash(ds)
    export(ds, "csv", tmp_path / "csv")
    meta = json.loads((tmp_path / "csv" / "metadata.json").read_text(encoding="utf-8"))
    assert meta["data_sha256"] == digest and meta["data_version"] == kzcn.DATA_VERSION
    export(ds, "datapackage", tmp_path / "dp")
    package = json.loads((tmp_path / "dp" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["kzcn"]["data_sha256"] == digest
    export(ds, "json", tmp_path / "json")
    document = json.loads((tmp_path / "json" / "kzcn.json").read_text(encoding="utf-8"))
    assert document["data_sha256"] == digest
