"""Code in the README and docs runs, and the docs agree with the code."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest

import kzcn
from kzcn.datadoc import render, type_text, vocabularies
from kzcn.dataset import TABLES, table_of
from kzcn.labels import label
from kzcn.records import Correction, Figure, doc
from kzcn.units import Amount
from kzcn.vocabulary import VisitKind

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _python_blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.DOTALL)


@pytest.mark.parametrize("path", [p for p in DOCS if _python_blocks(p)], ids=lambda p: p.name)
def test_python_examples_run(path: Path) -> None:
    namespace: dict[str, object] = {}
    for block in _python_blocks(path):
        exec(compile(block, str(path), "exec"), namespace)


def test_readme_gives_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install -q ." in text and "python -m kzcn" in text
    assert "python -m pytest" in text


# -- the generated site -----------------------------------------------------------------


def _hooks() -> Any:
    spec = importlib.util.spec_from_file_location("kzcn_docs_hooks", ROOT / "docs" / "hooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    generated: dict[str, str] = _hooks().generated_pages()
    return generated


def _section(page: str, record_id: str) -> str:
    start = page.index(f"\n## {record_id} {{#{record_id}}}\n")
    end = page.find("\n## ", start + 1)
    return page[start : end if end >= 0 else None]


def test_every_record_has_its_anchor_fields_and_evidence(pages: dict[str, str]) -> None:
    hooks = _hooks()
    ds = kzcn.load()
    for spec in TABLES:
        page = pages[f"records/{spec.name}.md"]
        for record in ds.tables[spec.name]:
            section = _section(page, record.id)
            for citation in getattr(record, "citations", ()):
                assert hooks.esc(citation.evidence) in section, (record.id, citation.evidence)
            for erratum in ds.errata.where(record=record.id):
                assert f"errata.md#{erratum.id}" in section, (record.id, erratum.id)
            if spec.record is Figure:
                assert f"| qualifier | `{record.qualifier.value}` |" in section
                assert f"| period | {record.period} |" in section


def test_every_source_page_lists_every_citing_record(pages: dict[str, str]) -> None:
    ds = kzcn.load()
    for source in ds.sources:
        page = pages[f"sources/{source.id}.md"]
        for name, table in ds.tables.items():
            for record in table.by_source(source.id):
                assert f"../records/{name}.md#{record.id}" in page, (source.id, record.id)


def test_the_resolved_reading_and_its_erratum_are_shown(pages: dict[str, str]) -> None:
    """Wherever the resolved view corrects a claim, its entry names the erratum."""
    ds = kzcn.load()
    resolution = ds.resolved().resolution
    assert resolution is not None
    for thing in resolution.things.values():
        for field, erratum in thing.corrections.items():
            for claim in thing.claims:
                table = table_of(ds[claim])
                section = _section(pages[f"records/{table}.md"], claim)
                assert f"`{field}`: " in section and f"errata.md#{erratum}" in section


def test_navigation_lists_the_generated_pages() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - Records: records/index.md\n" in text and "  - Sources: sources/index.md\n" in text
    config = {"nav": [{"Records": "records/index.md"}, {"Sources": "sources/index.md"}]}
    _hooks().on_config(config)
    nav = json.dumps(config["nav"])
    for spec in TABLES:
        assert f"records/{spec.name}.md" in nav
    for source in kzcn.load().sources:
        assert f"sources/{source.id}.md" in nav


def test_the_site_loads_nothing_from_outside() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  highlightjs: false\n" in config  # the theme's highlight.js is on a CDN
    assets = re.findall(r"^extra_(?:css|javascript):\n((?:  - .*\n|  #.*\n)+)", config, re.M)
    assert assets and not any("//" in line for block in assets for line in block.splitlines())
    for path in (ROOT / "docs").rglob("*"):
        if path.suffix in (".md", ".js", ".css", ".html"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"<(script|link|img)\b[^>]*(src|href)=\"https?:", text), path


def test_docstring_roles_become_cross_references() -> None:
    html = ":class:<code>~kzcn.units.Amount</code> and :func:<code>kzcn.load</code>"
    out = _hooks().on_page_content(html, page=None)
    assert ":class:" not in out and ":func:" not in out
    assert '<autoref identifier="kzcn.units.Amount" optional><code>Amount</code>' in out


def test_api_reference_covers_the_public_api() -> None:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    for name in (
        "kzcn.loader.load",
        "kzcn.dataset.Dataset",
        "kzcn.query.Table",
        "kzcn.query.FigureTable",
        "kzcn.records",
        "kzcn.resolve",
        "kzcn.export",
        "kzcn.plot",
    ):
        assert f"\n::: {name}\n" in text, name


# -- the data dictionary ----------------------------------------------------------------


def test_data_dictionary_describes_every_field_in_words() -> None:
    page = render()
    for spec in TABLES:
        assert f"\n### {spec.name}\n" in page
        for field in attrs.fields(spec.record):
            assert doc(field), f"{spec.name}.{field.name} has no description"
            assert f"| `{field.name}` | {type_text(spec.record, field)} |" in page
    assert "None" not in "".join(
        type_text(s.record, f) for s in TABLES for f in attrs.fields(s.record)
    )
    assert "\\|" not in page.split("## Export columns")[0]


def test_data_dictionary_lists_every_vocabulary() -> None:
    page = render()
    for kind in vocabularies():
        assert f"\n### {kind.__name__}\n" in page
        for member in kind:
            assert f"`{member.value}`" in page, (kind.__name__, member.value)
    assert {k.__name__ for k in vocabularies()} >= {"EventKind", "ErratumKind", "Sector"}


def test_data_dictionary_lists_the_derived_export_columns() -> None:
    page = render()
    assert "## Export columns" in page and "TODO" not in page
    for column in (
        "amount_value",
        "amount_unit",
        "amount_lower",
        "amount_upper",
        "amount_tolerance_low",
        "amount_tolerance_high",
    ):
        assert f"| `figures` | `{column}` |" in page
    assert "the bounds **the source states**" in page
    assert "the interval **the consistency checks allow**" in page


def test_record_labels() -> None:
    ds = kzcn.load()
    figure = ds.figures["zx19-trade-2018"]
    assert label(figure) == "trade both level"
    assert label(figure, amount=True) == "trade both level: 19.885 billion USD (exact)"
    assert label(ds.people["xi-jinping"]) == "Xi Jinping"
    erratum = next(iter(ds.errata))
    assert label(erratum) == f"{erratum.kind.value}: {erratum.record}.{erratum.field}"


def test_a_corrected_claim_shows_its_resolved_reading() -> None:
    """A claim tied by ``same_as`` and corrected by an erratum (built here, so the
    rendering is tested whatever the package data holds)."""
    hooks = _hooks()
    ds = kzcn.load()
    figure = ds.figures["zx19-trade-cn-to-kz-2019-h1"]
    (currency,) = ds.errata.where(record=figure.id, field="amount")
    fixed = attrs.evolve(
        currency, correct=(Correction("amount", Amount.parse("5.08 billion USD")),)
    )
    official = ds.visits["br23-xi-official-visit-kazakhstan-2022-09"]
    (kind,) = ds.errata.where(record=official.id, field="kind")
    tied = attrs.evolve(official, same_as="xi-state-visit-kazakhstan-2022-09")
    kind_fixed = attrs.evolve(kind, correct=(Correction("kind", VisitKind.STATE),))
    site = hooks.Site(ds.evolve(fixed, tied, kind_fixed))
    spec = {s.name: s for s in TABLES}
    figures = _section(hooks.table_page(site, spec["figures"]), figure.id)
    assert "this source states 5.08 billion RUB; the resolved view reads **5.08 billion USD**" in (
        figures
    )
    assert f"errata.md#{currency.id}" in figures
    visits = hooks.table_page(site, spec["visits"])
    claim = _section(visits, official.id)
    assert "The same thing as [`xi-state-visit-kazakhstan-2022-09`]" in claim
    assert "this source states official; the resolved view reads **state**" in claim
    primary = _section(visits, "xi-state-visit-kazakhstan-2022-09")
    assert f"visits.md#{official.id}" in primary
    assert "`kind`: **state**, as this source states (erratum" in primary


def test_guide_lists_the_tables_of_the_registry() -> None:
    text = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    listed = text.split("kzcn.dataset.TABLES` (", 1)[1].split(";", 1)[0]
    assert re.findall(r"`(\w+)`", listed) == [spec.name for spec in TABLES]


def test_every_id_is_long_enough_to_search() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    shortest = int(re.findall(r"min_search_length: (\d+)", config)[0])
    ds = kzcn.load()
    assert all(len(record.id) >= shortest for table in ds.tables.values() for record in table)
