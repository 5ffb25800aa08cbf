"""MkDocs hooks: the pages that let a reader check any fact, generated at build time.

- ``records/<table>.md``: every record of a table under its heading "Name (id)" and an
  anchor named by its id (``records/figures/#zx19-trade-2018``), with its fields, the
  evidence of each source, the errata that explain it and, where the resolved view
  differs, how and why; ``records/index.md`` lists every record with its table, date and
  a one-line summary.
- ``resolved/<table>.md``: every thing of ``ds.resolved()`` with the claims it merges,
  the corrections applied (and by which erratum), its fields and evidence.
- the charts page: each chart followed by its data table (the records whose marks it
  draws, linked to their entries) and ``csv/<chart>.csv``.
- ``sources/<id>.md``: every record that cites a source, with the quoted evidence.
- ``sources/index.md``, ``changelog.md`` and the Pygments
  stylesheet (code is highlighted at build time: the site loads nothing from outside).

The pages are added to the build as generated files (nothing is written into ``docs/``)
and the navigation lists them. The charts are drawn into ``docs/img`` before the build.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
RECORDS = "records"
SOURCES = "sources"
RESOLVED = "resolved"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|#])")
_ROLE = re.compile(r":(?:class|func|meth|attr|mod|data|exc|obj):<code>~?([\w.]+)</code>")


def esc(text: object) -> str:
    """Text shown as it is in Markdown (also inside a table cell)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False)).replace("\n", " ")


_DIRECTIONS = {
    "kz_to_cn": "Kazakhstan → China",
    "cn_to_kz": "China → Kazakhstan",
    "both": "both ways",
    "transit": "transit",
}


def name_of(record: Any) -> str:
    """What a record is called, for headings and links: its title or name
    (:func:`kzcn.labels.label`); a figure, which has none, in words: what it measures,
    the direction, the period and the amount ("Trade, both ways, 2018: 19.885 billion
    USD"), so that figures of one series differ."""
    from kzcn.labels import label

    if hasattr(record, "amount") and hasattr(record, "period"):
        what = record.subject.value.replace("_", " ").capitalize()
        if record.measure.value != "level":
            what += f" {record.measure.value.replace('_', ' ')}"
        direction = getattr(record, "direction", None)
        if direction is not None:
            what += f", {_DIRECTIONS.get(direction.value, direction.value)}"
        return f"{what}, {record.period}: {record.amount}"
    return label(record) or str(record.id)


def heading(record: Any) -> str:
    """A record's heading: "Name (id)", anchored by its id."""
    return f"{esc(name_of(record))} ({record.id}) {{#{record.id}}}"


def when(record: Any) -> str:
    """A record's date, period or publication date as written, or empty."""
    for attr in ("date", "period", "published"):
        value = getattr(record, attr, None)
        if value is not None:
            return str(value)
    return ""


_SUMMARY_CHARS = 140


def summary(record: Any) -> str:
    """One line on a record: the first sentence of its description (of an erratum, of
    its problem), else its label with the amount; cut to a line's length."""
    from kzcn.labels import label

    text = getattr(record, "description", None) or getattr(record, "problem", None) or ""
    text = " ".join(str(text).split())
    sentence = re.match(r"(.+?[.!?])(\s|$)", text)
    text = sentence.group(1) if sentence else text
    text = text or label(record, amount=True)
    if len(text) > _SUMMARY_CHARS:
        text = text[: _SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return text


TOP = ""  # a page at the top of the docs (charts.md)


def _path(here: str, folder: str, name: str) -> str:
    """The relative path to ``folder/name`` from a page in the folder ``here``."""
    if here == folder:
        return name
    return f"{folder}/{name}" if here == TOP else f"../{folder}/{name}"


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
        path = _path(here, RECORDS, f"{table}.md")
        return f"[`{record_id}`]({path}#{record_id})"

    def name_link(self, record_id: str, here: str = RECORDS) -> str:
        """A link by name alone to a record's entry (the id is in the address)."""
        table = self.table_of.get(record_id)
        if table is None or table == "sources":
            return self.link(record_id, here)
        path = _path(here, RECORDS, f"{table}.md")
        return f"[{esc(name_of(self.ds[record_id]))}]({path}#{record_id})"

    def named_link(self, record_id: str, here: str) -> str:
        """A link to a record's entry on its table's page, by name: "[Name](…) `id`"."""
        table = self.table_of[record_id]
        path = _path(here, RECORDS, f"{table}.md")
        record = self.ds[record_id]
        return f"[{esc(name_of(record))}]({path}#{record_id}) `{record_id}`"

    def source_link(self, source_id: str, here: str) -> str:
        path = _path(here, SOURCES, f"{source_id}.md")
        source = self.ds.sources.get(source_id)
        title = esc(source.title) if source is not None else f"`{source_id}`"
        return f"[{title}]({path})"

    def value(self, record: Any, field: Any, value: Any, here: str = RECORDS) -> str:
        """A field's value in Markdown: links to records, enums as values."""
        import enum

        if field.metadata.get("link"):
            items = (value,) if isinstance(value, str) else value
            return ", ".join(self.name_link(item, here) for item in items)
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


def _fields_table(
    site: Site, record: Any, here: str = RECORDS, notes: dict[str, str] | None = None
) -> list[str]:
    """The fields of a record with a value; ``notes`` adds a remark to a field's value."""
    import attrs

    notes = notes or {}
    rows = ["| field | value |", "|---|---|"]
    for field in attrs.fields(type(record)):
        if field.name in ("id", "citations"):
            continue
        value = getattr(record, field.name)
        if value is None or value == () or value == "":
            continue
        note = f" {notes[field.name]}" if field.name in notes else ""
        rows.append(f"| {field.name} | {site.value(record, field, value, here)}{note} |")
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
    table = site.ds.tables[spec.name]
    doc = (spec.record.__doc__ or "").strip().split("\n\n")[0]
    out = [
        f"# {spec.name.capitalize()}",
        "",
        f"{len(table)} records of the `{spec.name}` table as their sources state them (the",
        "claims), each under its name and id. Each has an anchor named by its id: search the",
        "site for an id, or link to",
        f"`{RECORDS}/{spec.name}/#<id>`. Generated from the data at build time.",
        "",
    ]
    if doc:
        out += [esc(" ".join(doc.split())), ""]
    for record in table:
        out += [f"## {heading(record)}", ""]
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
        "Every record of the data, one page per table, each under its name and an anchor",
        "named by its id. The pages show the claims (what each source states); where sources",
        "disagree or a source is wrong, an entry says how the",
        "[resolved view](../guide.md#two-views-claims-and-what-happened) reads it and which",
        "erratum corrects it.",
        "",
        "| table | records |",
        "|---|---|",
    ]
    out += [f"| [{s.name}]({s.name}.md) | {len(site.ds.tables[s.name])} |" for s in site.specs]
    out += [
        "",
        "## Every record",
        "",
        "Table by table, in the order of the data: the record (its name and id), its date",
        "and what it is in one line.",
        "",
        "| record | table | date | summary |",
        "|---|---|---|---|",
    ]
    for spec in site.specs:
        for record in site.ds.tables[spec.name]:
            out.append(
                f"| {site.named_link(record.id, RECORDS)} | {spec.name} | {when(record)} "
                f"| {esc(summary(record))} |"
            )
    return "\n".join([*out, ""])


def resolved_tables(site: Site) -> list[Any]:
    """The tables with a page in the resolved view (all but the sources)."""
    return [s for s in site.specs if s.name != "sources"]


def resolved_page(site: Site, spec: Any) -> str:
    """The things of one table in the resolved view: each with the claims it merges, the
    corrections applied, its fields as resolved and the evidence of all its claims."""
    table = site.resolved.tables[spec.name]
    claims = len(site.ds.tables[spec.name])
    out = [
        f"# Resolved {spec.name}",
        "",
        f"The {len(table)} {spec.name} of the resolved view (`ds.resolved()`), from {claims}",
        "claims: the claims of one thing merged, the errata's corrections applied. Each",
        f"thing is headed by its name and id (the id of its primary claim); the [claims]"
        f"(../{RECORDS}/{spec.name}.md) are each on their own entry.",
        "",
    ]
    for record in table:
        thing = site.resolution.things[record.id]
        out += [f"## {heading(record)}", ""]
        if len(thing.claims) > 1:
            listed = ", ".join(site.named_link(c, RESOLVED) for c in thing.claims)
            out += [f"**Merges {len(thing.claims)} claims:** {listed}.", ""]
        else:
            out += [f"**One claim:** {site.named_link(thing.claims[0], RESOLVED)}.", ""]
        notes: dict[str, str] = {}
        if thing.corrections:
            out += ["**Corrections applied**", ""]
            for field, erratum_id in thing.corrections.items():
                stated = sorted(
                    {
                        esc(_plain(getattr(site.resolution.claim(c), field)))
                        for c in thing.claims
                        if getattr(site.resolution.claim(c), field) != getattr(record, field)
                    }
                )
                was = f"the claims state {', '.join(stated)}; " if stated else ""
                erratum = site.link(erratum_id, RESOLVED)
                out.append(
                    f"- `{field}`: {was}the resolved view reads "
                    f"**{esc(_plain(getattr(record, field)))}**, by erratum {erratum}."
                )
                notes[field] = f"(corrected by erratum {erratum})"
            out.append("")
        out += _fields_table(site, record, RESOLVED, notes)
        out += _evidence(site, record, RESOLVED)
    return "\n".join(out)


def resolved_index(site: Site) -> str:
    out = [
        "# Resolved view",
        "",
        "What happened, as `ds.resolved()` gives it: the claims of one thing (tied by",
        "`same_as`) merged into one record, and each erratum's correction applied. One page",
        "per table lists every thing with the claims it merges and the corrections applied;",
        "the [records pages](../records/index.md) show the claims as the sources state them.",
        "",
        "| table | things | claims | things merging several claims | things corrected |",
        "|---|---|---|---|---|",
    ]
    for spec in resolved_tables(site):
        things = [site.resolution.things[r.id] for r in site.resolved.tables[spec.name]]
        merged = sum(1 for t in things if len(t.claims) > 1)
        corrected = sum(1 for t in things if t.corrections)
        out.append(
            f"| [{spec.name}]({spec.name}.md) | {len(things)} "
            f"| {len(site.ds.tables[spec.name])} | {merged} | {corrected} |"
        )
    out += ["", "## Merged or corrected", ""]
    for spec in resolved_tables(site):
        for record in site.resolved.tables[spec.name]:
            thing = site.resolution.things[record.id]
            if len(thing.claims) > 1 or thing.corrections:
                what = []
                if len(thing.claims) > 1:
                    what.append(f"{len(thing.claims)} claims")
                if thing.corrections:
                    what.append("corrected " + ", ".join(f"`{f}`" for f in thing.corrections))
                out.append(
                    f"- [{esc(name_of(record))}]({spec.name}.md#{record.id}) "
                    f"`{record.id}` ({spec.name}): {'; '.join(what)}"
                )
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


# -- the charts' data -------------------------------------------------------------------

CSV = "csv"


def draw_charts(ds: Any) -> dict[str, tuple[Any, ...]]:
    """Draw every chart once, into ``docs/img``, and return the records each draws
    (:func:`kzcn.plot.records_of` the figure drawn for the image: its data table then
    lists what the image shows without drawing the chart a second time)."""
    import matplotlib.pyplot as plt

    from kzcn.plot import CHARTS, figure, records_of, save

    view = ds.resolved()
    drawn = {}
    for chart in CHARTS:
        fig = figure(ds, chart)
        try:
            save(fig, DOCS / "img" / f"{chart}.png")
            drawn[chart] = records_of(fig, view)
        finally:
            plt.close(fig)
    return drawn


def _short_source(site: Site, source_id: str) -> str:
    source = site.ds.sources.get(source_id)
    if source is None:
        return source_id
    who = source.author or source.publisher or source.title
    return f"{who} {source.published.start.year}"


def _chart_value(site: Site, chart: str, record: Any, counts: Any) -> str:
    """What the chart draws of a record, as plain text."""
    if chart == "map":
        n = counts[record.id]
        return f"named by {n} record{'' if n == 1 else 's'}"
    if hasattr(record, "amount"):
        return f"{record.amount} ({record.qualifier.value}, {record.kind.value})"
    parts = [getattr(record, attr, None) for attr in ("kind", "status", "sector")]
    return ", ".join(str(_plain(p)) for p in parts if p is not None)


def chart_rows(site: Site, chart: str, drawn: Sequence[Any] | None = None) -> list[dict[str, str]]:
    """One row per record the chart draws, in data order: what the data table and the
    CSV hold. ``drawn``: the records the chart draws (:func:`draw_charts`); without it
    the chart is drawn here to read them."""
    from kzcn.plot import drawn_records
    from kzcn.plot.places import naming_counts

    if drawn is None:
        drawn = drawn_records(site.ds, chart)
    ids = {record.id for record in drawn}
    counts = naming_counts(site.resolved) if chart == "map" else None
    rows = []
    for record in (r for table in site.resolved.tables.values() for r in table if r.id in ids):
        record_id = record.id
        thing = site.resolution.things[record_id]
        table = site.table_of[record_id]
        rows.append(
            {
                "id": record_id,
                "table": table,
                "name": name_of(record),
                "date": when(record),
                "value": _chart_value(site, chart, record, counts),
                "corrected": "; ".join(f"{f} by {e}" for f, e in thing.corrections.items()),
                "claims": "; ".join(thing.claims),
                "sources": "; ".join(dict.fromkeys(c.source for c in record.citations)),
                "record": f"{RECORDS}/{table}/#{record_id}",
            }
        )
    return rows


def chart_csv(rows: list[dict[str, str]]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["id"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def chart_table(site: Site, chart: str, rows: list[dict[str, str]]) -> str:
    """The data table shown under a chart on the charts page (a page at the top)."""
    out = [
        f"### Data of the {chart} chart {{#{chart}-data}}",
        "",
        f"The {len(rows)} records this chart draws (resolved view), each linked to its entry;",
        f"[download them as CSV]({CSV}/{chart}.csv) (with their claims and sources).",
        "",
        "| record | table | date | drawn | sources |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        record = site.named_link(row["id"], TOP)
        value = esc(row["value"])
        thing = site.resolution.things[row["id"]]
        if thing.corrections or len(thing.claims) > 1:
            what = "corrected" if thing.corrections else f"{len(thing.claims)} claims merged"
            value += f" ([{what}]({_path(TOP, RESOLVED, row['table'] + '.md')}#{row['id']}))"
        sources = ", ".join(
            f"[{esc(_short_source(site, s))}]({_path(TOP, SOURCES, s + '.md')})"
            for s in row["sources"].split("; ")
            if s
        )
        out.append(f"| {record} | {row['table']} | {row['date']} | {value} | {sources} |")
    return "\n".join([*out, ""])


def chart_data(site: Site, drawn: Mapping[str, Sequence[Any]]) -> dict[str, tuple[str, str]]:
    """Chart name -> (its data table in Markdown, its CSV), for every chart ``drawn``
    (chart name -> the records it draws)."""
    data = {}
    for chart, records in drawn.items():
        rows = chart_rows(site, chart, records)
        data[chart] = (chart_table(site, chart, rows), chart_csv(rows))
    return data


_IMAGE = re.compile(r"^!\[[^\]]*\]\(img/([\w-]+)\.png\)$", re.M)


def with_chart_data(markdown: str, data: dict[str, tuple[str, str]]) -> str:
    """The charts page with each chart's data table after its image."""
    return _IMAGE.sub(
        lambda m: m.group(0) + "\n\n" + data[m.group(1)][0] if m.group(1) in data else m.group(0),
        markdown,
    )


def generated_pages() -> dict[str, str]:
    """Path in the site's docs -> Markdown of every generated page."""
    site = Site()
    pages = {f"{RECORDS}/index.md": records_index(site), f"{SOURCES}/index.md": sources_index(site)}
    for spec in site.specs:
        pages[f"{RECORDS}/{spec.name}.md"] = table_page(site, spec)
    pages[f"{RESOLVED}/index.md"] = resolved_index(site)
    for spec in resolved_tables(site):
        pages[f"{RESOLVED}/{spec.name}.md"] = resolved_page(site, spec)
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
_CHART_DATA: dict[str, tuple[str, str]] = {}


def _table_title(name: str) -> str:
    return "Sources table" if name == SOURCES else name.capitalize()


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
            # Titles differ across menus: "Sources" is the menu of texts, "Sources
            # table" their records; "Visits" the claims, "Visits, resolved" the things.
            if target == f"{RECORDS}/index.md":
                entry[title] = [
                    {"All records": target},
                    *({_table_title(s.name): f"{RECORDS}/{s.name}.md"} for s in TABLES),
                ]
            elif target == f"{RESOLVED}/index.md":
                entry[title] = [
                    {"All things": target},
                    *(
                        {f"{s.name.capitalize()}, resolved": f"{RESOLVED}/{s.name}.md"}
                        for s in TABLES
                        if s.name != "sources"
                    ),
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
    for chart, (_, csv_text) in _CHART_DATA.items():
        files.append(File.generated(config, f"{CSV}/{chart}.csv", content=csv_text))
    return files


def on_pre_build(config: Any, **kwargs: Any) -> None:
    """Draw the charts into ``docs/img``, and from the same drawings their data tables."""
    site = Site()
    _CHART_DATA.clear()
    _CHART_DATA.update(chart_data(site, draw_charts(site.ds)))


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    """Each chart on the charts page is followed by its data table."""
    if page.file.src_uri == "charts.md":
        return with_chart_data(markdown, _CHART_DATA)
    return markdown


def on_page_content(html_text: str, page: Any, **kwargs: Any) -> str:
    """Sphinx roles in docstrings (:class:`~kzcn.units.Amount`) become cross-references."""
    return _ROLE.sub(
        lambda m: (
            f'<autoref identifier="{m.group(1)}" optional>'
            f"<code>{m.group(1).rsplit('.', 1)[-1]}</code></autoref>"
        ),
        html_text,
    )


# -- API reference: a TypeVar in a signature is shown as the type it stands for ---------

try:
    import griffe as _griffe
except ImportError:  # the docs extra is not installed: nothing to extend
    _griffe = None  # type: ignore[assignment]


def typevar_bound(module: str, name: str) -> str | None:
    """The name of the bound of ``module.name`` when that is a TypeVar (``D`` ->
    ``Dataset``), else ``None``."""
    import importlib
    import typing

    try:
        value = getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None
    if not isinstance(value, typing.TypeVar) or value.__bound__ is None:
        return None
    bound = value.__bound__
    if isinstance(bound, typing.ForwardRef):
        return bound.__forward_arg__
    return getattr(bound, "__name__", None)


if _griffe is not None:

    class TypeVarBounds(_griffe.Extension):
        """Griffe extension (``mkdocs.yml``): a return annotation that is a bound TypeVar
        (``def evolve(self: D) -> D``) is shown as its bound (``-> Dataset``), the type a
        reader gets, instead of the TypeVar's letter."""

        def on_function(self, *, func: Any, **kwargs: Any) -> None:
            returns = func.returns
            if not isinstance(returns, _griffe.ExprName):
                return
            bound = typevar_bound(func.module.path, returns.name)
            if bound is not None:
                func.returns = _griffe.ExprName(bound, parent=func.module)
