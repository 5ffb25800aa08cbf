"""Users' own data files: added to the shipped data, validated the same way, with their
own sources (evidence checked against a local text) and explicit overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

import kzcn
from kzcn.cli import main
from userfiles import FIGURE, NOTES, SOURCE

MINE = SOURCE + FIGURE


def _write(folder: Path, text: str, notes: str | None = NOTES) -> Path:
    if notes is not None:
        (folder / "notes.txt").write_text(notes, encoding="utf-8")
    path = folder / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_user_records_join_the_shipped_ones(tmp_path: Path) -> None:
    ds = kzcn.load(extra=[_write(tmp_path, MINE)])
    assert ds.figures["my-trade-2024"].amount.magnitude == 44e9
    assert "zx19-trade-2018" in ds.figures
    assert [f.id for f in ds.figures.series("trade", direction="both")][-1] == "my-trade-2024"
    assert "my-trade-2024" not in kzcn.load().figures  # the cached dataset is untouched


def test_evidence_must_quote_the_local_text(tmp_path: Path) -> None:
    bad = MINE.replace(
        "trade was about 44 billion dollars", "trade was about 44 billion dollars in all"
    )
    with pytest.raises(kzcn.DataError) as info:
        kzcn.load(extra=[_write(tmp_path, bad)])
    (problem,) = info.value.problems
    assert (problem.file, problem.record, problem.field) == (
        str(tmp_path / "notes.txt"),
        "my-trade-2024",
        "citations[0].evidence",
    )


def test_missing_local_text(tmp_path: Path) -> None:
    with pytest.raises(
        kzcn.DataError,
        match=r"mine\.toml: record 'my-notes': field 'path': 'notes\.txt' .* does not exist",
    ):
        kzcn.load(extra=[_write(tmp_path, MINE, notes=None)])


def test_colliding_id_is_an_error(tmp_path: Path) -> None:
    clash = MINE.replace('id = "my-trade-2024"', 'id = "zx19-trade-2018"')
    with pytest.raises(kzcn.DataError, match="duplicate id"):
        kzcn.load(extra=[_write(tmp_path, clash)])


def test_declared_override_replaces_the_shipped_record(tmp_path: Path) -> None:
    clash = '[kzcn]\noverrides = ["zx19-trade-2018"]\n' + MINE.replace(
        'id = "my-trade-2024"', 'id = "zx19-trade-2018"'
    )
    ds = kzcn.load(extra=[_write(tmp_path, clash)])
    assert ds.figures["zx19-trade-2018"].citations[0].source == "my-notes"
    assert len(ds.figures) == len(kzcn.load().figures)
    # the shipped part of the 2018 total now points to the user's record, still consistent
    assert ds.figures["zx19-trade-kz-to-cn-2018"].part_of == "zx19-trade-2018"


def test_override_of_unknown_id_is_an_error(tmp_path: Path) -> None:
    text = '[kzcn]\noverrides = ["no-such-record"]\n' + MINE
    with pytest.raises(kzcn.DataError, match="overrides an id no earlier file has"):
        kzcn.load(extra=[_write(tmp_path, text)])


def test_bad_options_table(tmp_path: Path) -> None:
    with pytest.raises(kzcn.DataError, match=r"takes only overrides"):
        kzcn.load(extra=[_write(tmp_path, "[kzcn]\ncolour = 1\n" + MINE)])


def test_user_data_goes_through_the_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 44 billion dollars of trade in 2018 contradicts the shipped 19.885 billion. (Written
    # as rubles it no longer loads: the evidence says dollars, see test_number_in_evidence.)
    wrong = MINE.replace('period = "2024"', 'period = "2018"')
    path = _write(tmp_path, wrong)
    assert main(["--data", str(path), "check", "--strict"]) == 1
    assert "my-trade-2024" in capsys.readouterr().out


def test_cached_dataset_cannot_be_changed() -> None:
    ds = kzcn.load()
    with pytest.raises(AttributeError):
        ds.figures = ds.visits  # type: ignore[assignment]
    with pytest.raises(AttributeError, match="read-only"):
        ds.figures._records = ()
    with pytest.raises(AttributeError, match="read-only"):
        del ds.figures.name
    with pytest.raises(TypeError):
        ds.figures.ids[0] = "x"  # type: ignore[index]
    assert kzcn.load() is ds
    assert len(ds.figures) == len(list(ds.figures))
