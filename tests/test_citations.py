"""Citations a bibliography accepts (issue 20): names split as the text writes them,
journal and number, month and day, no doubled quotes, the dataset itself citable."""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts

import kzcn
from kzcn.cite import DATASET, SOFTWARE, cite
from kzcn.cli import main
from kzcn.content import dataset_hash

ROOT = Path(__file__).parent.parent
ZHANG = "2019-zhang-xiao-bulletin-of-diplomacy"
KONOVALOV = "2021-konovalov-new-eastern-outlook"


@pytest.fixture(scope="module")
def ds() -> kzcn.Dataset:
    return kzcn.load()


def _entries(text: str) -> list[object]:
    middleware = [SeparateCoAuthors(), SplitNameParts()]
    library = bibtexparser.parse_string(text, append_middleware=middleware)  # type: ignore[attr-defined]
    assert not library.failed_blocks
    return list(library.entries)


def _family(entry: object) -> list[str]:
    return [" ".join(name.last) for name in entry.fields_dict["author"].value]  # type: ignore[attr-defined]


def test_bibtex_family_names_as_the_texts_write_them(ds: kzcn.Dataset) -> None:
    assert _family(_entries(cite(ds, ZHANG, "bibtex"))[0]) == ["Zhang"]  # family first
    assert _family(_entries(cite(ds, KONOVALOV, "bibtex"))[0]) == ["Konovalov"]
    assert _family(_entries(cite(ds, "2024-tokayev-xinhua-interview", "bibtex"))[0]) == ["Tokayev"]


def test_every_citation_parses_with_a_family_name(ds: kzcn.Dataset) -> None:
    people = {p.name: p for p in ds.people}
    for rid in [*ds.sources.ids, *(r.id for t in ds.tables.values() for r in t)][::7]:
        for entry in _entries(cite(ds, rid, "bibtex")):
            fields = entry.fields_dict  # type: ignore[attr-defined]
            assert fields["title"].value
            if "author" in fields:
                (family,) = _family(entry)
                assert family and family in {n for p in people for n in p.split()} | {"Tokayev"}


def test_journal_number_and_day(ds: kzcn.Dataset) -> None:
    (zhang,) = _entries(cite(ds, ZHANG, "bibtex"))
    fields = zhang.fields_dict  # type: ignore[attr-defined]
    assert fields["journal"].value == "Bulletin of Diplomacy"
    assert fields["number"].value == "4"
    (konovalov,) = _entries(cite(ds, KONOVALOV, "bibtex"))
    fields = konovalov.fields_dict  # type: ignore[attr-defined]
    assert (fields["year"].value, fields["month"].value, fields["date"].value) == (
        "2021",
        "7",
        "2021-07-20",
    )
    (item,) = json.loads(cite(ds, KONOVALOV, "csl-json"))
    assert item["issued"] == {"date-parts": [[2021, 7, 20]]}
    (item,) = json.loads(cite(ds, ZHANG, "csl-json"))
    assert (item["container-title"], item["issue"]) == ("Bulletin of Diplomacy", "4")
    assert item["author"] == [{"family": "Zhang", "given": "Xiao", "static-ordering": True}]


def test_no_doubled_quotes(ds: kzcn.Dataset) -> None:
    for source in ds.sources:
        text = cite(ds, source.id)
        assert not re.search(r"[“\"]{2}|[”\"]{2}", text), text


# The CSL-JSON schema (csl-data.json) is not available offline: these are its rules
# for the fields kzcn writes (types, name parts, date parts).
_CSL_TYPES = {"article-journal", "report", "article-newspaper", "interview", "document"}
_CSL_TYPES |= {"software"}
_NAME_KEYS = {"family", "given", "literal", "static-ordering"}


def test_csl_json_has_the_csl_data_structure(ds: kzcn.Dataset) -> None:
    for rid in [*ds.sources.ids, DATASET, "zx19-trade-2018"]:
        for item in json.loads(cite(ds, rid, "csl-json")):
            assert isinstance(item["id"], str) and item["type"] in _CSL_TYPES
            parts = item["issued"]["date-parts"]
            assert len(parts) == 1 and 1 <= len(parts[0]) <= 3
            assert all(isinstance(p, int) for p in parts[0])
            for name in item.get("author", ()):
                assert set(name) <= _NAME_KEYS
                assert ("literal" in name) != ("family" in name)
            for key in ("title", "note", "publisher", "container-title", "issue", "URL"):
                assert key not in item or isinstance(item[key], str)


def test_cite_the_dataset(ds: kzcn.Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    digest = dataset_hash(ds)
    (entry,) = _entries(cite(ds, DATASET, "bibtex"))
    fields = entry.fields_dict  # type: ignore[attr-defined]
    assert fields["version"].value == kzcn.__version__
    assert digest in fields["note"].value and kzcn.DATA_VERSION in fields["note"].value
    for argv in (["cite", "kzcn"], ["cite", "--dataset"], ["cite"]):
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert digest in out and kzcn.__version__ in out
    assert main(["cite", "--dataset", "zx19-trade-2018"]) == 2


def test_dataset_citation_matches_citation_cff() -> None:
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert f'title: "{SOFTWARE.title}"' in text
    assert f'name: "{SOFTWARE.author}"' in text
    assert f'date-released: "{SOFTWARE.released}"' in text
    assert f"license: {SOFTWARE.license}" in text
    assert f'version: "{kzcn.__version__}"' in text


def test_source_pages_show_the_hash_and_length(ds: kzcn.Dataset) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("kzcn_docs_hooks", ROOT / "docs" / "hooks.py")
    assert spec is not None and spec.loader is not None
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    pages = hooks.generated_pages()
    for source in ds.sources:
        page = pages[f"sources/{source.id}.md"]
        assert f"`{source.sha256}`" in page and f"{source.length} bytes" in page
