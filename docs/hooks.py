"""MkDocs hooks: the pages that let a reader check any fact, generated at build time.

- ``records/<table>.md``: every record of a table under an anchor named by its id
  (``records/figures/#zx19-trade-2018``), with its fields, the evidence of each source,
  the errata that explain it and, where the resolved view differs, how and why.
- ``sources/<id>.md``: every record that cites a source, with the quoted evidence.
- ``records/index.md``, ``sources/index.md``, ``changelog.md`` and the Pygments
  stylesheet (code is highlighted at build time: the site loads nothing from outside).

The pages are added to the build as generated files (nothing is written into ``docs/``)
and the navigation lists them. The charts are drawn into ``docs/img`` before the build.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
RECORDS = "records"
SOURCES = "sources"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|#])")
_ROLE = re.compile(r":(?:class|func|meth|attr|mod|data|exc|obj):<code>~?([\w.]+)</code>")


def esc(text: object) -> str:
    """Text shown as it is in Markdown (also inside a table cell)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False)).replace("\n", " ")


class Site:
    """The data and the indexes the generated pages share."""

    def __init__(self, ds: Any = None) -> None:
        import kzcn
        from kzcn.dataset import TABLES

        self.ds = kzcn.load() if ds is None else ds
        self.resolved = self.ds.resolved()
        resolution = self.resolved.resolution
        assert resolution is not None
        self.resolution = resolution
        self.specs = TABLES
        self.table_of = {r.id: name for name, t in self.ds.tables.items() for r in t}
        self.thing_of = {c: t for t in resolution.things.values() for c in t.claims}
        self.errata_on: dict[str, list[Any]] = defaultdict(list)
        for erratum in self.ds.errata:
            self.errata_on[erratum.record].append(erratum)

    def link(self, record_id: str, here: str) -> str:
        """A link to a record's anchor from the page ``here`` ("records" or "sources")."""
        table = self.table_of.get(record_id)
        if table is None:
            return f"`{record_id}`"
        if table == "sources":
            return self.source_link(record_id, here)
        path = f"{table}.md" if here == RECORDS else f"../{RECORDS}/{table}.md"
        return f"[`{record_id}`]({path}#{record_id})"

    def source_link(self, source_id: str, here: str) -> str:
        path = f"{source_id}.md" if here == SOURCES else f"../{SOURCES}/{source_id}.md"
        source = self.ds.sources.get(source_id)
        title = esc(source.title) if source is not None else f"`{source_id}`"
        return f"[{title}]({path})"

    def value(self, record: Any, field: Any, value: Any) -> str:
        """A field's value in Markdown: links to records, enums as values."""
        import enum

        if field.metadata.get("link"):
            items = (value,) if isinstance(value, str) else value
            return ", ".join(self.link(item, RECORDS) for item in items)
        if isinstance(value, tuple):
            return "; ".join(self.item(v) for v in value)
        if isinstance(value, enum.Enum):
            return f"`{value.value}`"
        return esc(value)

    def item(self, value: Any) -> str:
        name = type(value).__name__
        if name == "Alias":
            dates = "–".join(str(d) if d else "" for d in (value.start, value.end))
            return esc(value.name) + (f" ({dates})" if value.start or value.end else "")
        if name == "Derivation":
            return f"`{value.field}`: {esc(value.rule)}"
        if name == "Correction":
            return f"`{value.field}` = {esc(_plain(value.value))}"
        return esc(value)


def _fields_table(site: Site, record: Any) -> list[str]:
    import attrs

    rows = ["| field | value |", "|---|---|"]
    for field in attrs.fields(type(record)):
        if field.name in ("id", "citations"):
            continue
        value = getattr(record, field.name)
        if value is None or value == () or value == "":
            continue
        rows.append(f"| {field.name} | {site.value(record, field, value)} |")
    return [*rows, ""]


def _evidence(site: Site, record: Any, here: str) -> list[str]:
    out = ["**Sources**", ""]
    for citation in getattr(record, "citations", ()):
        out += [
            f"> “{esc(citation.evidence)}”",
            ">",
            f"> — {site.source_link(citation.source, here)}",
            "",
        ]
    return out


def _plain(value: Any) -> Any:
    import enum

    return value.value if isinstance(value, enum.Enum) else value


def _resolved(site: Site, record: Any) -> list[str]:
    """How this claim reads in the resolved view (``ds.resolved()``)."""
    thing = site.thing_of.get(record.id)
    if thing is None or (len(thing.claims) == 1 and not thing.corrections):
        return []
    out = ["**Resolved view**", ""]
    if len(thing.claims) > 1:
        others = [c for c in thing.claims if c not in (record.id, thing.id)]
        listed = ", ".join(site.link(c, RECORDS) for c in others)
        if thing.id == record.id:
            out.append(f"- The primary claim of one thing; the other claims: {listed}.")
        else:
            also = f" (with {listed})" if others else ""
            out.append(
                f"- The same thing as {site.link(thing.id, RECORDS)}{also}, under whose id "
                "it is resolved."
            )
    for field, erratum_id in thing.corrections.items():
        origin = site.resolution.origin(thing.id, field)
        stated = getattr(record, field, None)
        erratum = site.link(erratum_id, RECORDS)
        if stated == origin.value:
            out.append(
                f"- `{field}`: **{esc(_plain(stated))}**, as this source states (erratum "
                f"{erratum} corrects another claim to it)."
            )
        else:
            out.append(
                f"- `{field}`: this source states {esc(_plain(stated))}; the resolved view "
                f"reads **{esc(_plain(origin.value))}**, by erratum {erratum}."
            )
    return [*out, ""]


def _errata(site: Site, record: Any) -> list[str]:
    errata = site.errata_on.get(record.id, [])
    if not errata:
        return []
    out = ["**Errata**", ""]
    for erratum in errata:
        out.append(
            f"- {site.link(erratum.id, RECORDS)} ({erratum.kind.value}, field "
            f"`{erratum.field}`): {esc(erratum.problem)} *Best reading:* {esc(erratum.reading)}"
        )
    return [*out, ""]


def table_page(site: Site, spec: Any) -> str:
    from kzcn.labels import label

    table = site.ds.tables[spec.name]
    doc = (spec.record.__doc__ or "").strip().split("\n\n")[0]
    out = [
        f"# {spec.name.capitalize()}",
        "",
        f"{len(table)} records of the `{spec.name}` table as their sources state them (the",
        "claims). Each has an anchor named by its id: search the site for an id, or link to",
        f"`{RECORDS}/{spec.name}/#<id>`. Generated from the data at build time.",
        "",
    ]
    if doc:
        out += [esc(" ".join(doc.split())), ""]
    for record in table:
        out += [f"## {record.id} {{#{record.id}}}", ""]
        text = label(record, amount=True)
        if text and text not in (getattr(record, "title", None), getattr(record, "name", None)):
            out += [f"**{esc(text)}**", ""]
        out += _fields_table(site, record)
        if spec.name == "sources":
            out += [f"Records citing it: {site.source_link(record.id, RECORDS)}.", ""]
            continue
        out += _evidence(site, record, RECORDS)
        out += _errata(site, record)
        out += _resolved(site, record)
    return "\n".join(out)


def source_page(site: Site, source: Any) -> str:
    from kzcn.labels import label

    out = [f"# {esc(source.title)}", ""]
    facts = [
        ("id", f"`{source.id}`"),
        ("kind", source.kind.value),
        ("published", str(source.published)),
        ("author", esc(source.author or "not named")),
        ("publisher", esc(source.publisher or "not named")),
        ("language", source.language),
    ]
    if source.url:
        facts.append(("address", esc(source.url)))
    if source.sha256:  # what a reader needs to check a copy of the text is this one
        facts.append(("SHA-256 of the text", f"`{source.sha256}`"))
    if source.length is not None:
        facts.append(("length", f"{source.length} bytes"))
    out += [f"- {name}: {value}" for name, value in facts]
    out += ["", esc(source.description), ""] if source.description else [""]
    out += [
        f"{site.ds.citing(source.id)} records cite this text. Each row is one citation: the",
        "record (linked to its entry) and the words of this text it rests on.",
        "",
    ]
    for spec in site.specs:
        if spec.name == "sources":
            continue
        rows = []
        for record in site.ds.tables[spec.name].by_source(source.id):
            for citation in record.citations:
                if citation.source == source.id:
                    rows.append(
                        f"| {site.link(record.id, SOURCES)} | {esc(label(record, amount=True))} "
                        f"| “{esc(citation.evidence)}” |"
                    )
        if rows:
            out += [f"## {spec.name.capitalize()}", "", "| record | what | evidence |"]
            out += ["|---|---|---|", *rows, ""]
    return "\n".join(out)


def records_index(site: Site) -> str:
    out = [
        "# Records",
        "",
        "Every record of the data, one page per table, each under an anchor named by its id.",
        "The pages show the claims (what each source states); where sources disagree or a",
        "source is wrong, an entry says how the",
        "[resolved view](../guide.md#two-views-claims-and-what-happened) reads it and which",
        "erratum corrects it.",
        "",
        "| table | records |",
        "|---|---|",
    ]
    out += [f"| [{s.name}]({s.name}.md) | {len(site.ds.tables[s.name])} |" for s in site.specs]
    return "\n".join([*out, ""])


def sources_index(site: Site) -> str:
    out = [
        "# Sources",
        "",
        "The texts every record is drawn from, each with the records that cite it and the",
        "words they quote.",
        "",
        "| source | published | records citing it |",
        "|---|---|---|",
    ]
    for source in site.ds.sources:
        out.append(
            f"| {site.source_link(source.id, SOURCES)} | {source.published} "
            f"| {site.ds.citing(source.id)} |"
        )
    return "\n".join([*out, ""])


def generated_pages() -> dict[str, str]:
    """Path in the site's docs -> Markdown of every generated page."""
    site = Site()
    pages = {f"{RECORDS}/index.md": records_index(site), f"{SOURCES}/index.md": sources_index(site)}
    for spec in site.specs:
        pages[f"{RECORDS}/{spec.name}.md"] = table_page(site, spec)
    for source in site.ds.sources:
        pages[f"{SOURCES}/{source.id}.md"] = source_page(site, source)
    pages["changelog.md"] = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    return pages


def _pygments_css() -> str:
    try:
        from pygments.formatters import HtmlFormatter
    except ImportError:  # pymdownx.highlight then leaves code plain
        return "/* Pygments is not installed: code is not highlighted */\n"
    css: str = HtmlFormatter(style="default").get_style_defs(".highlight")
    return css


_PAGES: dict[str, str] = {}


def on_config(config: Any, **kwargs: Any) -> Any:
    """Expand the ``Records`` and ``Sources`` entries of the navigation into their pages."""
    import kzcn
    from kzcn.dataset import TABLES

    _PAGES.clear()
    _PAGES.update(generated_pages())
    sources = [s.id for s in kzcn.load().sources]
    for entry in config["nav"]:
        if not isinstance(entry, dict):
            continue
        for title, target in entry.items():
            if target == f"{RECORDS}/index.md":
                entry[title] = [
                    {"All tables": target},
                    *({s.name.capitalize(): f"{RECORDS}/{s.name}.md"} for s in TABLES),
                ]
            elif target == f"{SOURCES}/index.md":
                entry[title] = [
                    {"All sources": target},
                    *(f"{SOURCES}/{s}.md" for s in sources),
                ]
    return config


def on_files(files: Any, config: Any, **kwargs: Any) -> Any:
    from mkdocs.structure.files import File

    for path, text in _PAGES.items():
        files.append(File.generated(config, path, content=text))
    files.append(File.generated(config, "css/pygments.css", content=_pygments_css()))
    return files


def on_pre_build(config: Any, **kwargs: Any) -> None:
    import kzcn
    from kzcn.plot import CHARTS, plot

    ds = kzcn.load()
    for chart in CHARTS:
        plot(ds, chart, DOCS / "img" / f"{chart}.png")


def on_page_content(html_text: str, page: Any, **kwargs: Any) -> str:
    """Sphinx roles in docstrings (:class:`~kzcn.units.Amount`) become cross-references."""
    return _ROLE.sub(
        lambda m: (
            f'<autoref identifier="{m.group(1)}" optional>'
            f"<code>{m.group(1).rsplit('.', 1)[-1]}</code></autoref>"
        ),
        html_text,
    )
