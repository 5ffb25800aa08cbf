"""Family H: BibTeX and CSL escaping, and keys."""

from __future__ import annotations

import json
from pathlib import Path

from harness import Outcome, case, cli, user_file

F = "citations"

SRC = """
[[sources]]
id = "{sid}"
title = {title}
kind = "{kind}"
author = {author}
publisher = {publisher}
published = "2025"
path = "notes.txt"
"""

VISIT = """
[[visits]]
id = "{vid}"
title = "A visit"
kind = "state"
date = "2023"
people = ["tokayev", "xi-jinping"]
place = "astana"
host = "kazakhstan"
citations = [{{ source = "{sid}", evidence = "The visit took place in Astana in 2023." }}]
"""


def _bib_balanced(text: str) -> bool:
    depth = 0
    escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _entry(name: str, title: str, author: str, publisher: str, kind: str = "article") -> None:
    @case(F, f"bibtex and csl: {name}", lambda o: o.kind == "loaded")
    def run(folder: Path) -> Outcome:
        text = SRC.format(sid="s1", title=title, kind=kind, author=author, publisher=publisher)
        path = user_file(folder, "", name="c.toml")
        path.write_text(text + VISIT.format(vid="v1", sid="s1"))
        bib = cli(["--data", str(path), "cite", "v1", "--format", "bibtex"])
        csl = cli(["--data", str(path), "cite", "v1", "--format", "csl-json"])
        if bib.code or csl.code:
            return Outcome("exit", bib.err + csl.err)
        fields = [ln for ln in bib.out.splitlines() if " = " in ln]
        ok = _bib_balanced(bib.out) and all(_bib_balanced(ln.split(" = ", 1)[1]) for ln in fields)
        names = [ln.split(" = ")[0].strip() for ln in fields]
        data = json.loads(csl.out)
        ok = ok and len(names) == len(set(names)) and "howpublished" not in names
        return Outcome("loaded" if ok else "bad", bib.out[:600], data)


_entry("injected field", '"T}, howpublished = {Injected"', '"A"', '"P"')
_entry("backslashes and TeX specials", '"\\\\ % # & _ ^ ~ $ @"', '"A } B"', '"P {"')
_entry("author with 'and'", '"T"', '"Procter and Gamble"', '"P"')
_entry("author in braces", '"T"', '"{Anonymous}"', '"P"')
_entry("unbalanced braces everywhere", '"}}}{{{"', '"}{"', '"{"', kind="analysis")
_entry("title with @ and comma", '"@misc{x, title = {y}}"', '"A"', '"P"', kind="news")
_entry("non-Latin", '"Қазақстан 中国"', '"Тоқаев"', '"新华社"')


@case(F, "keys of ev.one and ev-one differ", lambda o: o.kind == "loaded")
def _(folder: Path) -> Outcome:
    text = SRC.format(sid="s1", title='"T"', kind="article", author='"A"', publisher='"P"')
    path = user_file(folder, "", name="c.toml")
    path.write_text(
        text + VISIT.format(vid="ev.one", sid="s1") + VISIT.format(vid="ev-one", sid="s1")
    )
    keys = []
    for vid in ("ev.one", "ev-one"):
        o = cli(["--data", str(path), "cite", vid, "--format", "bibtex"])
        keys.append(o.out.splitlines()[0] if o.out else o.err)
    return Outcome("loaded" if keys[0] != keys[1] else "same", repr(keys))
