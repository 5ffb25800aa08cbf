"""Pinning: stable ids against the last release, record-level diffs, citations, and a
data version that moves with the data."""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from pathlib import Path

import attrs
import bibtexparser
import pytest

import kzcn
from kzcn import _version
from kzcn.cite import FORMATS, cite
from kzcn.diff import diff
from kzcn.loader import data_files
from kzcn.records import Redirect

ROOT = Path(__file__).parent.parent
RELEASES = ROOT / "src" / "kzcn" / "releases"


def _release_ids(name: str) -> dict[str, str]:
    document = json.loads((RELEASES / f"{name}.json").read_text(encoding="utf-8"))
    return {row["id"]: table for table, rows in document["tables"].items() for row in rows}


@pytest.fixture(scope="module")
def ds() -> kzcn.Dataset:
    return kzcn.load()


@pytest.mark.parametrize("release", sorted(p.stem for p in RELEASES.glob("*.json")))
def test_every_released_id_still_resolves(ds: kzcn.Dataset, release: str) -> None:
    """An id once released names a record, or has a redirect saying where it went."""
    live = {r.id for table in ds.tables.values() for r in table}
    missing = [rid for rid in _release_ids(release) if rid not in live | set(ds.redirects)]
    assert missing == [], f"ids of data {release} gone without a redirect: {missing}"


def test_a_renamed_id_resolves_with_a_warning_and_a_removed_one_says_why(
    ds: kzcn.Dataset,
) -> None:
    figure = ds.figures["zx19-trade-2018"]
    moved = Redirect("old-trade-id", reason="renamed", to=figure.id, since="2026.11.29")
    gone = Redirect("old-gone-id", reason="not a fact of the texts", since="2026.11.29")
    pinned = kzcn.Dataset.from_records(
        {name: list(table) for name, table in ds.tables.items()}, [moved, gone]
    )
    with pytest.warns(DeprecationWarning, match="now 'zx19-trade-2018'"):
        assert pinned.figures["old-trade-id"] is figure
    with pytest.warns(DeprecationWarning, match="old-trade-id"):
        assert pinned["old-trade-id"] is figure
    with pytest.raises(KeyError, match="not a fact of the texts"):
        pinned.figures["old-gone-id"]
    with pytest.raises(KeyError, match="not a fact of the texts"):
        pinned["old-gone-id"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert pinned.figures.get("old-gone-id") is None


def test_redirected_ids_are_never_reused(ds: kzcn.Dataset) -> None:
    live = {r.id for table in ds.tables.values() for r in table}
    for redirect in ds.redirects.values():
        assert redirect.id not in live
        assert redirect.to is None or redirect.to in live


def test_diff_against_the_last_release_lists_every_removed_id_with_its_redirect() -> None:
    found = diff(RELEASES / "2026.11.23.json", "installed")
    for _table, rid, redirect in found.removed:
        assert redirect is not None, f"{rid} removed without a redirect"
    moved = {rid for rid, _, _ in found.moved}
    assert "diplomatic-relations-1992" in moved  # an agreement that became an event
    assert found.as_dict()["old"].endswith("2026.11.23.json")
    assert found.text().splitlines()[1].endswith("changed")


def test_diff_of_a_folder_with_itself_is_empty() -> None:
    folder = data_files()[0].parent
    assert diff(folder, folder).empty
    assert not diff(folder, RELEASES / "2026.11.23.json").empty


def test_diff_names_a_field_change(tmp_path: Path) -> None:
    for path in data_files():
        text = path.read_text(encoding="utf-8")
        # the amount and the evidence that states it, or the loader refuses the folder
        text = text.replace('"19.885 billion USD"', '"19.9 billion USD"')
        text = text.replace('reached $ 19.885 billion" }', 'reached $ 19.9 billion" }')
        (tmp_path / path.name).write_text(text, encoding="utf-8")
    found = diff(data_files()[0].parent, tmp_path)
    assert [(c.id, c.field) for c in found.changed] == [
        ("zx19-trade-2018", "amount"),
        ("zx19-trade-2018", "citations"),
    ]
    amount = found.changed[0]
    assert (amount.old, amount.new) == ("19.885 billion USD", "19.9 billion USD")


@pytest.mark.parametrize("side", ["nowhere.json", "/dev/null"])
def test_diff_of_a_bad_side_is_one_line(side: str) -> None:
    with pytest.raises(ValueError, match=r"^[^\n]+$"):
        diff(side, "installed")


def test_cite_gives_every_format(ds: kzcn.Dataset) -> None:
    for fmt in FORMATS:
        text = cite(ds, "zx19-trade-2018", fmt)
        assert "Zhang Xiao" in text and kzcn.DATA_VERSION in text
        assert "19.885 billion" in text  # the quoted evidence


def test_bibtex_citation_parses(ds: kzcn.Dataset) -> None:
    for rid in ("zx19-trade-2018", "2021-konovalov-new-eastern-outlook", *ds.figures.ids[:20]):
        library = bibtexparser.parse_string(cite(ds, rid, "bibtex"))  # type: ignore[attr-defined]
        assert not library.failed_blocks, rid
        assert library.entries, rid
        for entry in library.entries:
            assert entry.fields_dict["title"].value


def test_csl_json_citation(ds: kzcn.Dataset) -> None:
    items = json.loads(cite(ds, "xh24-trade-2023", "csl-json"))
    assert items[0]["author"] == [{"family": "Tokayev", "given": "K.K."}]
    assert items[0]["issued"]["date-parts"][0][0] == 2024


def test_cite_refuses_unknown_ids_and_formats(ds: kzcn.Dataset) -> None:
    with pytest.raises(KeyError):
        cite(ds, "no-such-record")
    with pytest.raises(ValueError, match="bibtex"):
        cite(ds, "zx19-trade-2018", "mla")


def test_citation_cff_matches_the_package() -> None:
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert f'version: "{kzcn.__version__}"' in text


def _data_digest() -> str:
    digest = hashlib.sha256()
    for path in data_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def test_data_version_moves_with_the_data() -> None:
    """Any change to the data files needs a new DATA_VERSION (and DATA_SHA256)."""
    assert _data_digest() == _version.DATA_SHA256, (
        "the data changed: set DATA_VERSION to today's date and DATA_SHA256 to "
        f"{_data_digest()!r} in src/kzcn/_version.py, and describe the change in CHANGELOG.md"
    )
    assert attrs.has(kzcn.Figure)


def test_changelog_data_sections_are_generated_from_the_diff() -> None:
    """Each data section holds ``<!-- diff OLD NEW: begin -->`` ... ``<!-- diff: end -->``,
    the output of ``python -m kzcn.diff OLD NEW --markdown`` (OLD a release, NEW a
    release or ``installed``)."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    blocks = re.findall(r"<!-- diff (\S+) (\S+): begin -->\n(.*?)\n<!-- diff: end -->", text, re.S)
    assert [new for _, new, _ in blocks][:1] == ["installed"], "the newest section diffs installed"
    for old, new, block in blocks:
        assert block == diff(old, new).markdown(), (
            f"CHANGELOG.md's data section {old} -> {new} is stale: paste the output of "
            f"python -m kzcn.diff {old} {new} --markdown"
        )


def test_cli_cite_and_diff(capsys: pytest.CaptureFixture[str]) -> None:
    from kzcn.cli import main

    assert main(["cite", "zx19-trade-2018", "--format", "bibtex"]) == 0
    library = bibtexparser.parse_string(capsys.readouterr().out)  # type: ignore[attr-defined]
    assert library.entries and not library.failed_blocks
    assert main(["diff", str(RELEASES / "2026.11.23.json"), "installed", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert "diplomatic-relations-1992" in {m["id"] for m in found["moved"]}
    assert main(["diff", "nowhere.json", "installed"]) == 2
    assert main(["cite", "no-such-id"]) == 2
