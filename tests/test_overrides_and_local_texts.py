"""Family "overrides must replace; local texts are local": users' files are matched by
full path, each parsed once; a source's path is relative to the file naming it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import kzcn
from kzcn.cli import main

SOURCE = """
[[sources]]
id = "SID"
title = "Notes"
kind = "article"
published = "2025"
path = "notes.txt"

[[figures]]
id = "FID"
subject = "students"
amount = "NUMBER student"
period = "2024"
citations = [{ source = "SID", evidence = "NUMBER students came" }]
"""


def _folder(root: Path, name: str, number: int) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "notes.txt").write_text(f"This year {number} students came.\n", encoding="utf-8")
    text = SOURCE.replace("SID", f"notes-{name}").replace("FID", f"students-{name}")
    path = folder / f"{name}.toml"
    path.write_text(text.replace("NUMBER", str(number)), encoding="utf-8")
    return path


def test_each_path_is_relative_to_its_own_data_file(tmp_path: Path) -> None:
    a, b = _folder(tmp_path, "a", 12), _folder(tmp_path, "b", 34)
    ds = kzcn.load(extra=[a, b])
    assert str(ds.figures["students-b"].amount) == "34 student"
    # b's evidence checked against b's notes, not a's: swap the texts and it fails
    (tmp_path / "b" / "notes.txt").write_text("This year 12 students came.\n", "utf-8")
    with pytest.raises(kzcn.DataError) as info:
        kzcn.load(extra=[a, b])
    (problem,) = info.value.problems
    assert (problem.file, problem.record) == (str(tmp_path / "b" / "notes.txt"), "students-b")


def test_a_missing_text_names_the_data_file(tmp_path: Path) -> None:
    a = _folder(tmp_path, "a", 12)
    (tmp_path / "a" / "notes.txt").unlink()
    (tmp_path / "a" / "notes.txt").mkdir()
    with pytest.raises(kzcn.DataError) as info:
        kzcn.load(extra=[a])
    (problem,) = info.value.problems
    assert (problem.file, problem.record, problem.field) == (str(a), "notes-a", "path")
    assert "folder" in problem.message


def test_an_override_must_replace(tmp_path: Path) -> None:
    a = _folder(tmp_path, "a", 12)
    a.write_text('[kzcn]\noverrides = ["zx19-trade-2018"]\n' + a.read_text("utf-8"), "utf-8")
    with pytest.raises(kzcn.DataError) as info:
        kzcn.load(extra=[a])
    (problem,) = [p for p in info.value.problems if p.file == str(a)]
    assert (problem.file, problem.record, problem.field) == (
        str(a),
        "zx19-trade-2018",
        "kzcn.overrides",
    )
    assert "gives no record" in problem.message


def test_a_folder_given_as_a_data_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(kzcn.DataError, match="is a folder, not a data file"):
        kzcn.load(extra=[tmp_path])
    assert main(["--data", str(tmp_path), "summary"]) == 2
    assert "folder" in capsys.readouterr().err


def test_a_byte_order_mark(tmp_path: Path) -> None:
    a = _folder(tmp_path, "a", 12)
    a.write_bytes(b"\xef\xbb\xbf" + a.read_bytes())
    with pytest.raises(kzcn.DataError, match="byte order mark"):
        kzcn.load(extra=[a])


def test_a_clash_names_both_files_in_full(tmp_path: Path) -> None:
    people = tmp_path / "people.toml"
    shipped = next(p for p in kzcn.loader.data_files() if p.name == "people.toml")
    people.write_text(shipped.read_text("utf-8"), "utf-8")
    with pytest.raises(kzcn.DataError) as info:
        kzcn.load(extra=[people])
    problem = info.value.problems[0]
    assert problem.file == str(people)
    assert str(shipped) in problem.message


def test_user_files_matched_by_full_path(tmp_path: Path) -> None:
    # A user's people.toml may override; the shipped people.toml is another file.
    a = _folder(tmp_path, "a", 12)
    people = tmp_path / "people.toml"
    people.write_text(
        '[kzcn]\noverrides = ["students-a"]\n\n[[figures]]\nid = "students-a"\n'
        'subject = "students"\namount = "14 thousand student"\nqualifier = "more_than"\n'
        'period = "2021"\n'
        'citations = [{ source = "2021-konovalov-new-eastern-outlook", '
        'evidence = "more than 14 thousand Kazakh students study in China" }]\n',
        "utf-8",
    )
    ds = kzcn.load(extra=[a, people])
    assert str(ds.figures["students-a"].amount) == "14 thousand student"
    assert "notes-a" in ds.sources


def test_each_user_file_is_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a = _folder(tmp_path, "a", 12)
    mine = a.read_text("utf-8")
    from kzcn import parsing

    calls: list[str] = []
    real = parsing.loads

    def counting(text: str, **kwargs: Any) -> dict[str, Any]:
        calls.append(text)
        return real(text, **kwargs)

    monkeypatch.setattr(parsing, "loads", counting)
    kzcn.load(extra=[a])
    assert calls.count(mine) == 1
