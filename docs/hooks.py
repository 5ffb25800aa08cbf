"""MkDocs hook: pages and charts generated from the data at build time.

The sources and errata pages, the changelog and the charts are written into the docs
folder before the build, so the site always shows the installed data.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parent
GENERATED = ("sources.md", "errata.md", "changelog.md")


def _sources_page() -> str:
    import kzcn

    ds = kzcn.load()
    out = ["# Sources", "", "The texts every record is drawn from (generated from the data).", ""]
    for source in ds.sources:
        cited = ds.citing(source.id)
        out += [
            f"## {source.title}",
            "",
            f"- id: `{source.id}`",
            f"- kind: {source.kind.value}; published: {source.published}",
            f"- author: {source.author or 'not named'}; publisher: {source.publisher or '-'}",
            f"- records citing it: {cited}",
            "",
            source.description,
            "",
        ]
    return "\n".join(out)


def _errata_page() -> str:
    import kzcn

    ds = kzcn.load()
    out = [
        "# Errata",
        "",
        "Where a source is wrong, garbled or at odds with another, the record keeps what the",
        "source says and an erratum explains the problem and the best reading.",
        "",
    ]
    for erratum in ds.errata:
        check = f" (acknowledges `{erratum.check}` findings)" if erratum.check else ""
        out += [
            f"## `{erratum.id}`",
            "",
            f"*{erratum.kind.value}* on `{erratum.record}`, field `{erratum.field}`{check}.",
            "",
            f"> {erratum.citations[0].evidence}",
            f"> — {erratum.citations[0].source}",
            "",
            f"**Problem.** {erratum.problem}",
            "",
            f"**Best reading.** {erratum.reading}",
            "",
        ]
    return "\n".join(out)


def on_pre_build(config: Any, **kwargs: Any) -> None:
    import kzcn
    from kzcn.plot import CHARTS, plot

    (DOCS / "sources.md").write_text(_sources_page(), encoding="utf-8")
    (DOCS / "errata.md").write_text(_errata_page(), encoding="utf-8")
    shutil.copyfile(DOCS.parent / "CHANGELOG.md", DOCS / "changelog.md")
    ds = kzcn.load()
    for chart in CHARTS:
        plot(ds, chart, DOCS / "img" / f"{chart}.png")
