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
    """The entry of a record on a generated page: from its heading to the next."""
    found = re.search(
        rf"\n## [^\n]* \({re.escape(record_id)}\) {{#{re.escape(record_id)}}}\n", page
    )
    assert found is not None, record_id
    start = found.start()
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


def _anchors(page: str) -> list[str]:
    """The ids of the entries of a generated page, in order."""
    return re.findall(r"^## [^\n]* \(([\w.-]+)\) \{#\1\}$", page, re.M)


def test_record_headings_give_the_name_then_the_id(pages: dict[str, str]) -> None:
    """Each entry is headed "Name (id)": what the record is called, then its id."""
    hooks = _hooks()
    ds = kzcn.load()
    for spec in TABLES:
        page = pages[f"records/{spec.name}.md"]
        assert _anchors(page) == [r.id for r in ds.tables[spec.name]], spec.name
        for record in ds.tables[spec.name]:
            name = hooks.name_of(record)
            assert name and name != record.id, record.id
            assert f"\n## {hooks.esc(name)} ({record.id}) {{#" in page
            if spec.record is Figure:
                assert name.endswith(f", {record.period}: {record.amount}")
            else:
                assert name == label(record)
    figure = ds.figures["zx19-trade-2018"]
    assert hooks.heading(figure) == (
        "Trade, both ways, 2018: 19.885 billion USD (zx19-trade-2018) {#zx19-trade-2018}"
    )


def test_records_index_lists_every_record_with_table_date_and_summary(
    pages: dict[str, str],
) -> None:
    hooks = _hooks()
    ds = kzcn.load()
    page = pages["records/index.md"]
    rows = re.findall(
        r"^\| \[.*?\]\((\w+)\.md#([\w.-]+)\) `\2` \| (\w+) \| ([^|]*) \| (.*) \|$", page, re.M
    )
    expected = [(name, r.id) for name, table in ds.tables.items() for r in table]
    assert [(page_, rid) for page_, rid, *_ in rows] == expected
    for page_, record_id, table, date, text in rows:
        record = ds[record_id]
        assert table == page_ == table_of(record)
        assert date.strip() == hooks.when(record)
        assert text and "\n" not in text and len(text) <= 160, record_id
    visit = ds.visits["tokayev-belt-and-road-forum-2023-10"]
    assert f"| visits | {visit.date} | {hooks.esc(hooks.summary(visit))} |" in page


def test_resolved_pages_list_every_thing_with_its_claims_and_corrections(
    pages: dict[str, str],
) -> None:
    """One page per table of ``ds.resolved()``: exactly its things, in order, each with
    links to exactly the claims it merges and the errata of its corrections."""
    hooks = _hooks()
    ds = kzcn.load()
    resolved = ds.resolved()
    resolution = resolved.resolution
    assert resolution is not None
    for spec in TABLES:
        if spec.name == "sources":
            assert f"resolved/{spec.name}.md" not in pages
            continue
        page = pages[f"resolved/{spec.name}.md"]
        assert _anchors(page) == [r.id for r in resolved.tables[spec.name]], spec.name
        for record in resolved.tables[spec.name]:
            thing = resolution.things[record.id]
            section = _section(page, record.id)
            claims_line = next(
                x for x in section.splitlines() if x.startswith(("**Merges", "**One claim"))
            )
            linked = re.findall(r"\(\.\./records/(\w+)\.md#([\w.-]+)\)", claims_line)
            assert linked == [(spec.name, c) for c in thing.claims], record.id
            for field, erratum in thing.corrections.items():
                assert f"- `{field}`: " in section and f"errata.md#{erratum}" in section
                assert f"(corrected by erratum [`{erratum}`]" in section
            for citation in record.citations:
                assert hooks.esc(citation.evidence) in section
    index = pages["resolved/index.md"]
    for spec in TABLES[1:]:
        things = len(resolved.tables[spec.name])
        assert (
            f"| [{spec.name}]({spec.name}.md) | {things} | {len(ds.tables[spec.name])} |" in index
        )
    # The visits: 15 claims, 13 things.
    assert len(_anchors(pages["resolved/visits.md"])) == len(resolved.visits) < len(ds.visits)


def test_navigation_titles_do_not_repeat() -> None:
    config = {
        "nav": [
            {"Records": "records/index.md"},
            {"Resolved view": "resolved/index.md"},
            {"Sources": "sources/index.md"},
        ]
    }
    _hooks().on_config(config)
    titles: list[str] = []

    def walk(entries: list[Any]) -> None:
        for entry in entries:
            if isinstance(entry, dict):
                for title, target in entry.items():
                    titles.append(title)
                    if isinstance(target, list):
                        walk(target)

    walk(config["nav"])
    assert len(titles) == len(set(titles)) > 20, titles
    assert "resolved/visits.md" in json.dumps(config["nav"])


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
    listed = text.split("kzcn.TABLES`", 1)[1].split(";", 1)[0]
    assert re.findall(r"`(\w+)`", listed) == [spec.name for spec in TABLES]


def test_every_id_is_long_enough_to_search() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    shortest = int(re.findall(r"min_search_length: (\d+)", config)[0])
    ds = kzcn.load()
    assert all(len(record.id) >= shortest for table in ds.tables.values() for record in table)


def test_api_signatures_show_the_type_a_typevar_stands_for() -> None:
    """``Dataset.evolve(self: D) -> D`` reads ``-> Dataset`` in the API reference."""
    griffe = pytest.importorskip("griffe")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- docs/hooks.py:TypeVarBounds" in config
    module = griffe.load(
        "kzcn.dataset",
        search_paths=[str(ROOT / "src")],
        extensions=griffe.load_extensions(_hooks().TypeVarBounds),
    )
    dataset = module["Dataset"]
    for name in ("evolve", "from_records", "lazy"):
        assert str(dataset[name].returns) == "Dataset", (name, dataset[name].returns)
        assert dataset[name].returns.canonical_path == "kzcn.dataset.Dataset"


def test_api_sidebar_does_not_repeat_its_sections() -> None:
    """Objects sit under the page's ## sections (level 3), so the sidebar (levels 1-2)
    does not list "Records" and then "records"."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"\n {12}heading_level: 3\n", config)
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    headings = [h.lower() for h in re.findall(r"^#+ (.*)$", text, re.M)]
    assert len(headings) == len(set(headings))


def _sh_blocks(path: Path) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", path.read_text(encoding="utf-8"), re.DOTALL)


def test_home_page_installs_as_the_readme_does() -> None:
    """The home page gives the README's install commands (from a checkout), not an
    install from an index the README does not use."""
    readme = _sh_blocks(ROOT / "README.md")[0]
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert readme in _sh_blocks(ROOT / "docs" / "index.md")
    assert not re.search(r"pip install (-q )?[\"']?kzcn", home)


@pytest.mark.parametrize("chart", ["trade", "timeline"])
def test_a_charts_data_table_lists_exactly_the_records_it_draws(chart: str) -> None:
    """The table under a chart links exactly the records whose marks the chart draws
    (the gids of its artists), each to its entry; its CSV holds the same ids."""
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    from kzcn.plot import figure

    hooks = _hooks()
    ds = kzcn.load()
    fig = figure(ds, chart)
    drawn = {str(gid).split(":")[0] for a in fig.findobj() if (gid := a.get_gid())}
    plt.close(fig)
    drawn &= {r.id for table in ds.resolved().tables.values() for r in table}
    site = hooks.Site(ds)
    rows = hooks.chart_rows(site, chart)
    markdown = hooks.chart_table(site, chart, rows)
    linked = re.findall(r"^\| \[[^|]*\]\(records/(\w+)\.md#([\w.-]+)\) `\2`", markdown, re.M)
    assert {record_id for _, record_id in linked} == drawn and len(linked) == len(drawn)
    assert all(table == table_of(ds.resolved()[rid]) for table, rid in linked)
    csv_ids = [line.split(",")[0] for line in hooks.chart_csv(rows).splitlines()[1:]]
    assert csv_ids == [rid for _, rid in linked]
    assert f"[download them as CSV](csv/{chart}.csv)" in markdown
    page = hooks.with_chart_data(
        (ROOT / "docs" / "charts.md").read_text(encoding="utf-8"), {chart: (markdown, "")}
    )
    image = re.search(rf"^!\[.*\]\(img/{chart}\.png\)$", page, re.M)
    assert image is not None and page[image.end() :].startswith("\n\n" + markdown)
