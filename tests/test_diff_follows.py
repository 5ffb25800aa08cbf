"""diff that follows things (issue 20): renames and redirects followed with their field
changes, merged claims reported as merged, and ``--ids`` for the ids a paper cites."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kzcn
from kzcn.cite import cite
from kzcn.cli import main
from kzcn.diff import diff, read_ids
from kzcn.export import write_json
from kzcn.loader import data_files

OLD_ID, NEW_ID = "zx19-trade-2018", "zx19-trade-total-2018"


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data with one figure renamed (a redirect from its old id) and its amount
    changed in the same release."""
    folder = tmp_path_factory.mktemp("renamed")
    for path in data_files():
        text = path.read_text(encoding="utf-8").replace(f'"{OLD_ID}"', f'"{NEW_ID}"')
        # the amount and the evidence that states it, or the loader refuses the folder
        text = text.replace('"19.885 billion USD"', '"19.9 billion USD"')
        text = text.replace('reached $ 19.885 billion" }', 'reached $ 19.9 billion" }')
        if path.name.startswith("2019-"):
            text += (
                f'\n[[redirects]]\nid = "{OLD_ID}"\nto = "{NEW_ID}"\n'
                'reason = "renamed for the test"\nsince = "2099.01.01"\n'
            )
        (folder / path.name).write_text(text, encoding="utf-8")
    return folder


def test_a_rename_is_followed_with_its_field_changes(renamed: Path) -> None:
    found = diff(data_files()[0].parent, renamed)
    assert found.renamed == (("figures", OLD_ID, NEW_ID),)
    assert not found.added and not found.removed
    amount = [c for c in found.changed if c.field == "amount"]
    assert [(c.was, c.id, c.old, c.new) for c in amount] == [
        (OLD_ID, NEW_ID, "19.885 billion USD", "19.9 billion USD")
    ]
    assert f"{OLD_ID} renamed to {NEW_ID}" in found.text()
    assert f"`{OLD_ID}` is now `{NEW_ID}`" in found.markdown()


def test_merged_claims_are_merged_not_removed(tmp_path: Path) -> None:
    ds = kzcn.load()
    claims = write_json(ds, tmp_path / "claims")
    resolved = write_json(ds.resolved(), tmp_path / "resolved")
    found = diff(claims, resolved)
    resolution = ds.resolved().resolution
    assert resolution is not None
    expected = {(c.table, c.claim, c.thing) for c in resolution.claim_links() if not c.primary}
    assert set(found.merged) == expected and expected
    assert not found.removed


def test_ids_of_a_paper(renamed: Path, tmp_path: Path) -> None:
    ds = kzcn.load()
    bib = tmp_path / "paper.bib"
    bib.write_text(cite(ds, OLD_ID, "bibtex") + "\n\n" + cite(ds, "xh24-trade-2023", "bibtex"))
    assert read_ids(bib) == (OLD_ID, "xh24-trade-2023")
    listed = tmp_path / "ids.txt"
    listed.write_text("# cited in the paper\nxh24-trade-2023\n\n", encoding="utf-8")
    assert read_ids(listed) == ("xh24-trade-2023",)
    found = diff(data_files()[0].parent, renamed)
    assert found.only(["xh24-trade-2023"]).empty
    only = found.only([OLD_ID])
    assert only.renamed and only.changed and not only.unknown
    assert found.only(["no-such-id"]).unknown == ("no-such-id",)
    with pytest.raises(ValueError, match=r"^--ids .*: no ids"):
        read_ids(_empty(tmp_path))


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.txt"
    path.write_text("\n# nothing\n", encoding="utf-8")
    return path


def test_cli_diff_ids_exits_1_when_a_cited_id_changed(
    renamed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = str(data_files()[0].parent)
    changed, same = tmp_path / "changed.txt", tmp_path / "same.txt"
    changed.write_text(f"{OLD_ID}\n", encoding="utf-8")
    same.write_text("xh24-trade-2023\n", encoding="utf-8")
    assert main(["diff", old, str(renamed), "--ids", str(changed), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["renamed"] == [{"table": "figures", "from": OLD_ID, "to": NEW_ID}]
    assert main(["diff", old, str(renamed), "--ids", str(same)]) == 0
    capsys.readouterr()
    assert main(["diff", old, str(renamed), "--ids", str(tmp_path / "none.txt")]) == 2
    assert "--ids" in capsys.readouterr().err


def test_installed_is_compared_in_the_view_of_the_export(tmp_path: Path) -> None:
    """A kept export of the resolved view against the same data installed: no change
    (the installed side is resolved too), not its merged claims added and its
    corrections undone."""
    ds = kzcn.load()
    resolved = write_json(ds.resolved(), tmp_path / "resolved")
    assert diff(resolved, "installed").empty
    assert diff("installed", resolved).empty
    assert diff(write_json(ds, tmp_path / "claims"), "installed").empty
