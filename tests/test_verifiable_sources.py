"""Family "sources anyone can verify": each shipped source records the SHA-256 and
length of its text; a folder of texts is checked against them, then every citation."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

import kzcn
from kzcn.checks import run_checks
from kzcn.cli import main
from kzcn.verify import verify_texts

SHARED = Path(__file__).resolve().parents[2] / "shared" / "sources"
ZHANG = "2019-zhang-xiao-bulletin-of-diplomacy"


def test_every_shipped_source_records_its_text() -> None:
    for source in kzcn.load().sources:
        assert source.sha256 is not None and len(source.sha256) == 64, source.id
        assert source.length is not None and source.length > 0, source.id


def _fake_texts(tmp_path: Path, ds: kzcn.Dataset) -> tuple[Path, kzcn.Dataset]:
    """A folder of texts made from the evidence, and the dataset with their hashes."""
    import attrs

    folder = tmp_path / "texts"
    folder.mkdir()
    sources = []
    for source in ds.sources:
        quotes = [
            c.evidence
            for t in ds.tables.values()
            for r in t
            for c in getattr(r, "citations", ())
            if c.source == source.id
        ]
        data = "\n".join(quotes).encode("utf-8")
        (folder / f"{source.id}.txt").write_bytes(data)
        sources.append(
            attrs.evolve(source, sha256=hashlib.sha256(data).hexdigest(), length=len(data))
        )
    return folder, ds.evolve(*sources)


def test_verified_texts_and_citations(tmp_path: Path) -> None:
    folder, ds = _fake_texts(tmp_path, kzcn.load())
    assert verify_texts(folder, ds) == []


def test_a_changed_text_is_named(tmp_path: Path) -> None:
    folder, ds = _fake_texts(tmp_path, kzcn.load())
    path = folder / f"{ZHANG}.txt"
    path.write_bytes(path.read_bytes() + b"!")
    problems = verify_texts(folder, ds)
    assert {(p.file, p.record, p.field) for p in problems} == {
        (str(path), ZHANG, "length"),
        (str(path), ZHANG, "sha256"),
    }


def test_a_missing_text_and_a_missing_folder(tmp_path: Path) -> None:
    folder, ds = _fake_texts(tmp_path, kzcn.load())
    (folder / f"{ZHANG}.txt").unlink()
    assert [p.record for p in verify_texts(folder, ds)] == [ZHANG]
    assert "not a folder" in verify_texts(tmp_path / "nowhere", ds)[0].message


def test_a_citation_not_in_its_text_is_named(tmp_path: Path) -> None:
    import attrs

    folder, ds = _fake_texts(tmp_path, kzcn.load())
    figure = ds.figures["zx19-trade-2018"]
    wrong = attrs.evolve(figure, citations=(kzcn.Citation(ZHANG, "trade was 19.885 billion"),))
    (problem,) = verify_texts(folder, ds.evolve(wrong))
    assert (problem.record, problem.field) == ("zx19-trade-2018", "citations[0].evidence")


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared source texts are not here")
def test_the_shipped_texts_verify() -> None:
    assert verify_texts(SHARED) == []


MINE = """
[[figures]]
id = "my-trade-2018"
subject = "trade"
amount = "19.885 billion USD"
period = "2018"
direction = "both"
parties = ["kazakhstan", "china"]
citations = [{ source = "2019-zhang-xiao-bulletin-of-diplomacy", evidence = "EVIDENCE" }]
"""


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared source texts are not here")
def test_user_records_citing_shipped_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = tmp_path / "texts"
    shutil.copytree(SHARED, texts)
    good = tmp_path / "good.toml"
    good.write_text(MINE.replace("EVIDENCE", "reached $ 19.885 billion, of which"), "utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(MINE.replace("EVIDENCE", "trade stood at 19.885 billion"), "utf-8")
    # unverified until a folder of texts is given
    unchecked = kzcn.load(extra=[bad])
    found = run_checks(unchecked, only=["unverified-evidence"])
    assert [f.records for f in found] == [("my-trade-2018",)]
    with pytest.raises(kzcn.DataError) as info:
        kzcn.load(extra=[bad], texts=texts)
    assert [(p.record, p.field) for p in info.value.problems] == [
        ("my-trade-2018", "citations[0].evidence")
    ]
    verified = kzcn.load(extra=[good], texts=texts)
    assert run_checks(verified, only=["unverified-evidence"]) == []
    # the command line
    assert main(["--data", str(bad), "verify", "--texts", str(texts)]) == 1
    assert "my-trade-2018" in capsys.readouterr().out
    assert main(["--data", str(good), "--texts", str(texts), "verify", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True
    assert main(["--data", str(bad), "--texts", str(texts), "summary"]) == 1
    assert "my-trade-2018" in capsys.readouterr().err


def test_verify_needs_texts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify"]) == 2
    assert "--texts" in capsys.readouterr().err
