"""Family B: corrections (errata) and links (same_as, lists of links)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from harness import CITE, FIGURE, VISIT, Outcome, case, load, loads, refused

if TYPE_CHECKING:
    from kzcn import Dataset

F = "corrections and links"
# a corrected amount not in the erratum's evidence declares its rule (issue 24, item 2)
DERIVED = 'derived = { amount = "a rule" }\n'


def erratum(
    record: str,
    field: str,
    correct: str,
    eid: str = "my-err",
    kind: str = "inconsistent",
    extra: str = "",
) -> str:
    body = f"correct = {{ {correct} }}\n" if correct else ""
    return f"""
[[errata]]
id = "{eid}"
kind = "{kind}"
record = "{record}"
field = "{field}"
problem = "Wrong."
reading = "Right."
{body}{extra}{CITE}
"""


def _resolved_value(record: str, field: str) -> Callable[[Dataset], object]:
    return lambda ds: getattr(ds.resolved().get(record), field)


def _bad_correction(
    name: str, record: str, field: str, correct: str, *words: str, base: str = FIGURE + VISIT
) -> None:
    @case(F, name, refused(*words))
    def run(folder: Path) -> Outcome:
        return load(folder, base + erratum(record, field, correct), _resolved_value(record, field))


_bad_correction("erratum place -> unknown", "my-visit", "place", 'place = "atlantis"', "atlantis")
_bad_correction("erratum place -> a person id", "my-visit", "place", 'place = "tokayev"', "tokayev")
_bad_correction(
    "erratum place -> a figure id", "my-visit", "place", 'place = "my-trade-2024"', "my-trade-2024"
)
_bad_correction(
    "erratum place -> redirect id",
    "my-visit",
    "place",
    'place = "zx19-page-views"',
    "zx19-page-views",
)
_bad_correction(
    "erratum people -> unknown person",
    "my-visit",
    "people",
    'people = ["tokayev", "nobody"]',
    "nobody",
)
_bad_correction(
    "erratum people -> duplicates",
    "my-visit",
    "people",
    'people = ["tokayev", "tokayev"]',
    "tokayev",
)
_bad_correction(
    "erratum people -> empty string", "my-visit", "people", 'people = ["tokayev", ""]', "people"
)
_bad_correction(
    "erratum people -> not a list", "my-visit", "people", 'people = "tokayev"', "people"
)
_bad_correction("erratum host -> a city", "my-visit", "host", 'host = "astana"', "host")
_bad_correction(
    "erratum kind -> not an enum member", "my-visit", "kind", 'kind = "holiday"', "holiday"
)
_bad_correction("erratum date -> garbage", "my-visit", "date", 'date = "someday"', "someday")
_bad_correction(
    "erratum date -> after source published", "my-visit", "date", 'date = "2099"', "2099"
)
_bad_correction("erratum date -> integer", "my-visit", "date", "date = 2023", "date")
_bad_correction("erratum ordinal -> negative", "my-visit", "ordinal", "ordinal = -3", "ordinal")
_bad_correction("erratum ordinal -> zero", "my-visit", "ordinal", "ordinal = 0", "ordinal")
_bad_correction("erratum ordinal -> float", "my-visit", "ordinal", "ordinal = 1.5", "ordinal")
_bad_correction("erratum ordinal -> bool", "my-visit", "ordinal", "ordinal = true", "ordinal")
_bad_correction(
    "erratum amount -> tonnes for trade", "my-trade-2024", "amount", 'amount = "5 tonne"', "amount"
)
_bad_correction("erratum amount -> nan", "my-trade-2024", "amount", 'amount = "nan USD"', "amount")
_bad_correction("erratum amount -> inf", "my-trade-2024", "amount", 'amount = "inf USD"', "amount")
_bad_correction(
    "erratum amount -> negative trade",
    "my-trade-2024",
    "amount",
    'amount = "-44 billion USD"',
    "amount",
)
_bad_correction(
    "erratum amount -> 1e300 USD", "my-trade-2024", "amount", 'amount = "1e300 USD"', "amount"
)
_bad_correction(
    "erratum amount -> number not string", "my-trade-2024", "amount", "amount = 44", "amount"
)
_bad_correction("erratum period -> 2099", "my-trade-2024", "period", 'period = "2099"', "2099")
_bad_correction(
    "erratum period -> reversed range", "my-trade-2024", "period", 'period = "2024/2020"', "period"
)
_bad_correction(
    "erratum direction -> bogus", "my-trade-2024", "direction", 'direction = "up"', "up"
)
_bad_correction(
    "erratum qualifier -> bogus", "my-trade-2024", "qualifier", 'qualifier = "maybe"', "maybe"
)
_bad_correction(
    "erratum parties -> 100k duplicates",
    "my-trade-2024",
    "parties",
    "parties = [" + ", ".join(['"kazakhstan"'] * 1000) + "]",
    "parties",
)
_bad_correction(
    "erratum parties -> a person",
    "my-trade-2024",
    "parties",
    'parties = ["tokayev", "china"]',
    "tokayev",
)
_bad_correction(
    "erratum subject -> bogus", "my-trade-2024", "subject", 'subject = "tradee"', "tradee"
)
_bad_correction(
    "erratum subject -> other dimension subject",
    "my-trade-2024",
    "subject",
    'subject = "students"',
    "subject",
)
_bad_correction("erratum id -> another id", "my-trade-2024", "id", 'id = "zx19-trade-2018"', "id")
_bad_correction(
    "erratum citations -> empty list", "my-trade-2024", "citations", "citations = []", "citations"
)
_bad_correction(
    "erratum same_as -> itself", "my-trade-2024", "same_as", 'same_as = "my-trade-2024"', "same_as"
)
_bad_correction(
    "erratum same_as -> unknown",
    "my-trade-2024",
    "same_as",
    'same_as = "nothing-here"',
    "nothing-here",
)
_bad_correction(
    "erratum part_of -> itself", "my-trade-2024", "part_of", 'part_of = "my-trade-2024"', "part_of"
)
_bad_correction(
    "erratum rate_of -> a visit", "my-trade-2024", "rate_of", 'rate_of = "my-visit"', "rate_of"
)
_bad_correction("erratum review -> draft", "my-trade-2024", "review", 'review = "draft"', "review")
_bad_correction(
    "erratum description -> empty",
    "my-trade-2024",
    "description",
    'description = ""',
    "description",
)
_bad_correction("erratum title -> empty", "my-visit", "title", 'title = ""', "title")
_bad_correction(
    "erratum title -> newline injection", "my-visit", "title", 'title = "A\\n[[figures]]"', "title"
)
_bad_correction(
    "erratum agreements -> unknown", "my-visit", "agreements", 'agreements = ["nope"]', "nope"
)
_bad_correction(
    "erratum derived -> bogus", "my-trade-2024", "derived", 'derived = { colour = "x" }', "derived"
)


PLACE = (
    """
[[places]]
id = "my-place"
name = "My place"
kind = "city"
country = "kazakhstan"
latitude = 45.0
longitude = 70.0
"""
    + CITE
    + "\n"
)

_bad_correction(
    "erratum latitude -> 1e308",
    "my-place",
    "latitude",
    "latitude = 1e308, longitude = 70.0",
    "latitude",
    base=PLACE,
)
_bad_correction(
    "erratum latitude -> nan",
    "my-place",
    "latitude",
    "latitude = nan, longitude = 70.0",
    "latitude",
    base=PLACE,
)
_bad_correction(
    "erratum geonameid -> negative",
    "my-place",
    "geonameid",
    "geonameid = -5",
    "geonameid",
    base=PLACE,
)
_bad_correction(
    "erratum country -> a city", "my-place", "country", 'country = "astana"', "country", base=PLACE
)
_bad_correction(
    "erratum country -> itself",
    "my-place",
    "country",
    'country = "my-place"',
    "country",
    base=PLACE,
)
_bad_correction(
    "erratum capital_of -> a person",
    "my-place",
    "capital_of",
    'capital_of = "tokayev"',
    "capital_of",
    base=PLACE,
)
_bad_correction(
    "erratum aliases -> reversed period",
    "my-place",
    "aliases",
    'aliases = [{ name = "Old", start = "2020", end = "2010" }]',
    "aliases",
    base=PLACE,
)
_bad_correction(
    "erratum iso_alpha2 -> lowercase 3 letters",
    "my-place",
    "iso_alpha2",
    'iso_alpha2 = "kzz"',
    "iso_alpha2",
    base=PLACE,
)


@case(F, "erratum on shipped record sets unknown place", refused("atlantis"))
def _(folder: Path) -> Outcome:
    return load(
        folder,
        erratum("xi-state-visit-kazakhstan-2022-09", "place", 'place = "atlantis"'),
        _resolved_value("xi-state-visit-kazakhstan-2022-09", "place"),
    )


@case(F, "erratum on an unknown record", refused("nothing"))
def _(folder: Path) -> Outcome:
    return load(folder, erratum("nothing", "place", 'place = "astana"'))


@case(F, "erratum on a redirected id", refused("zx19-page-views"))
def _(folder: Path) -> Outcome:
    return load(folder, erratum("zx19-page-views", "amount", 'amount = "5 billion USD"'))


@case(F, "erratum on an erratum", refused())
def _(folder: Path) -> Outcome:
    return load(
        folder,
        FIGURE
        + erratum("my-trade-2024", "amount", 'amount = "45 billion USD"')
        + erratum("my-err", "reading", 'reading = "x"', eid="my-err2"),
    )


@case(F, "erratum on a source: published 2099", refused("2099"))
def _(folder: Path) -> Outcome:
    return load(
        folder,
        erratum("my-notes", "published", 'published = "2099"'),
        _resolved_value("my-notes", "published"),
    )


@case(F, "erratum on a source: published -> before figure period", refused("published"))
def _(folder: Path) -> Outcome:
    return load(
        folder,
        FIGURE + erratum("my-notes", "published", 'published = "2000"'),
        _resolved_value("my-notes", "published"),
    )


@case(F, "erratum on a source: sha256 -> garbage", refused("sha256"))
def _(folder: Path) -> Outcome:
    return load(folder, erratum("my-notes", "sha256", 'sha256 = "xyz"'))


@case(F, "erratum on a source: url javascript:", refused("url"))
def _(folder: Path) -> Outcome:
    return load(
        folder,
        erratum("my-notes", "url", 'url = "javascript:alert(1)"'),
        _resolved_value("my-notes", "url"),
    )


@case(F, "erratum on a source: path -> /etc/passwd", refused("path"))
def _(folder: Path) -> Outcome:
    return load(
        folder,
        erratum("my-notes", "path", 'path = "/etc/passwd"'),
        _resolved_value("my-notes", "path"),
    )


@case(F, "erratum on a person: country -> a person", refused("country"))
def _(folder: Path) -> Outcome:
    return load(
        folder,
        erratum("tokayev", "country", 'country = "xi-jinping"'),
        _resolved_value("tokayev", "country"),
    )


@case(F, "erratum on an org: parent -> itself", refused("parent"))
def _(folder: Path) -> Outcome:
    return load(
        folder,
        erratum("xinhua", "parent", 'parent = "xinhua"'),
        _resolved_value("xinhua", "parent"),
    )


@case(
    F,
    "two errata set same field, contradicting: check finds",
    lambda o: o.kind == "loaded" and "correction-conflict" in o.detail,
)
def _(folder: Path) -> Outcome:
    text = (
        FIGURE
        + erratum("my-trade-2024", "amount", 'amount = "45 billion USD"', extra=DERIVED)
        + erratum(
            "my-trade-2024", "amount", 'amount = "46 billion USD"', eid="my-err2", extra=DERIVED
        )
    )
    return load(folder, text, lambda ds: sorted({f.check for f in ds.check()}))


@case(F, "erratum kind bogus", refused("kind"))
def _(folder: Path) -> Outcome:
    return load(
        folder,
        FIGURE + erratum("my-trade-2024", "amount", 'amount = "45 billion USD"', kind="whatever"),
    )


@case(F, "erratum correct {} empty table", refused("correct"))
def _(folder: Path) -> Outcome:
    return load(folder, FIGURE + erratum("my-trade-2024", "amount", " ", extra=""))


@case(F, "erratum related -> unknown", refused("ghost"))
def _(folder: Path) -> Outcome:
    return load(
        folder,
        FIGURE
        + erratum(
            "my-trade-2024", "amount", 'amount = "45 billion USD"', extra='related = ["ghost"]\n'
        ),
    )


@case(F, "erratum related -> duplicates", refused("related"))
def _(folder: Path) -> Outcome:
    return load(
        folder,
        FIGURE
        + erratum(
            "my-trade-2024",
            "amount",
            'amount = "45 billion USD"',
            extra='related = ["astana", "astana"]\n',
        ),
    )


@case(F, "erratum check -> unknown check name", refused("check"))
def _(folder: Path) -> Outcome:
    return load(
        folder,
        FIGURE
        + erratum(
            "my-trade-2024",
            "amount",
            'amount = "45 billion USD"',
            extra='check = "no-such-check"\n',
        ),
    )


# ---- same_as graphs ----------------------------------------------------------------


def visit(vid: str, same: str | None = None, extra: str = "") -> str:
    text = VISIT.replace('id = "my-visit"', f'id = "{vid}"')
    if same:
        text = text.replace("host =", f'same_as = "{same}"\nhost =')
    return text + extra


@case(F, "same_as loop of two", refused("va", "vb"))
def _(folder: Path) -> Outcome:
    return load(folder, visit("va", "vb") + visit("vb", "va"))


@case(F, "same_as loop of three", refused("va"))
def _(folder: Path) -> Outcome:
    return load(folder, visit("va", "vb") + visit("vb", "vc") + visit("vc", "va"))


@case(F, "same_as self", refused("va"))
def _(folder: Path) -> Outcome:
    return load(folder, visit("va", "va"))


@case(F, "same_as chain a->b->c", refused("va"))
def _(folder: Path) -> Outcome:
    return load(folder, visit("va", "vb") + visit("vb", "vc") + visit("vc"))


@case(F, "same_as across tables (visit -> figure)", refused("same_as"))
def _(folder: Path) -> Outcome:
    return load(folder, FIGURE + visit("va", "my-trade-2024"))


@case(F, "same_as to unknown", refused("ghost"))
def _(folder: Path) -> Outcome:
    return load(folder, visit("va", "ghost"))


@case(F, "same_as to redirect id", refused("zx19-page-views"))
def _(folder: Path) -> Outcome:
    return load(folder, visit("va", "zx19-page-views"))


@case(F, "same_as to a shipped claim (chain into shipped)", refused("same_as"))
def _(folder: Path) -> Outcome:
    return load(folder, visit("va", "br23-xi-official-visit-kazakhstan-2022-09"))


@case(
    F,
    "same_as into shipped primary; show keeps provenance",
    lambda o: o.kind == "loaded" and "my-notes" not in o.detail,
)
def _(folder: Path) -> Outcome:
    def then(ds: Dataset) -> object:
        primary = ds.resolved().get("xi-state-visit-kazakhstan-2022-09")
        return [c.source for c in getattr(primary, "citations", ())][:3]

    return load(folder, visit("va", "xi-state-visit-kazakhstan-2022-09"), then)


@case(F, "many claims same_as one primary (1000) loads fast", loads)
def _(folder: Path) -> Outcome:
    text = visit("vp") + "".join(visit(f"v{i}", "vp") for i in range(1000))
    return load(folder, text, lambda ds: len(ds.resolved().visits))


@case(F, "figure same_as long chain 500", refused("same_as"))
def _(folder: Path) -> Outcome:
    text = "".join(
        FIGURE.replace("my-trade-2024", f"f{i}").replace(
            "citations", f'same_as = "f{i + 1}"\ncitations'
        )
        for i in range(500)
    ) + FIGURE.replace("my-trade-2024", "f500")
    return load(folder, text)


@case(F, "same_as to a record with a different date", lambda o: o.kind != "crash")
def _(folder: Path) -> Outcome:
    return load(
        folder,
        visit("va") + visit("vb", "va").replace('date = "2023"', 'date = "2019"'),
        lambda ds: sorted({f.check for f in ds.check()}),
    )


@case(F, "parties 100k kazakhstan", refused("parties"))
def _(folder: Path) -> Outcome:
    text = FIGURE.replace(
        'parties = ["kazakhstan", "china"]',
        "parties = [" + ", ".join(['"kazakhstan"'] * 100_000) + "]",
    )
    return load(folder, text)


@case(F, "visit people duplicates", refused("people"))
def _(folder: Path) -> Outcome:
    return load(folder, VISIT.replace('["tokayev", "xi-jinping"]', '["tokayev", "tokayev"]'))


@case(F, "agreement projects duplicates", refused("projects"))
def _(folder: Path) -> Outcome:
    return load(
        folder,
        f"""
[[agreements]]
id = "my-agr"
title = "An agreement"
kind = "memorandum"
date = "2023"
parties = ["kazakhstan", "china"]
projects = ["{"x"}", "{"x"}"]
{CITE}
""",
    )


@case(F, "event related -> itself", refused("related"))
def _(folder: Path) -> Outcome:
    return load(
        folder,
        f"""
[[events]]
id = "my-ev"
title = "An event"
kind = "statement"
date = "2023"
parties = ["kazakhstan", "china"]
related = ["my-ev"]
{CITE}
""",
    )


@case(F, "org parent loop a->b->a", refused("parent"))
def _(folder: Path) -> Outcome:
    def org(oid: str, parent: str) -> str:
        return f"""
[[organizations]]
id = "{oid}"
name = "Org {oid}"
kind = "media"
parent = "{parent}"
{CITE}
"""

    return load(folder, org("oa", "ob") + org("ob", "oa"))


@case(F, "place country loop a->b->a", refused("country"))
def _(folder: Path) -> Outcome:
    def place(pid: str, country: str) -> str:
        return f"""
[[places]]
id = "{pid}"
name = "Place {pid}"
kind = "region"
country = "{country}"
{CITE}
"""

    return load(folder, place("pa", "pb") + place("pb", "pa"))


@case(F, "figure part_of loop", refused("part_of"))
def _(folder: Path) -> Outcome:
    a = FIGURE.replace("my-trade-2024", "fa").replace("citations", 'part_of = "fb"\ncitations')
    b = FIGURE.replace("my-trade-2024", "fb").replace("citations", 'part_of = "fa"\ncitations')
    return load(folder, a + b)


@case(F, "redirect loop r1->r2->r1", refused("r1"))
def _(folder: Path) -> Outcome:
    return load(
        folder,
        """
[[redirects]]
id = "r1"
to = "r2"
reason = "x"
since = "2026.12.01"

[[redirects]]
id = "r2"
to = "r1"
reason = "x"
since = "2026.12.01"
""",
    )


@case(F, "redirect to itself", refused("r1"))
def _(folder: Path) -> Outcome:
    return load(
        folder,
        """
[[redirects]]
id = "r1"
to = "r1"
reason = "x"
since = "2026.12.01"
""",
    )


@case(F, "redirect shadows a live record id", refused("my-trade-2024"))
def _(folder: Path) -> Outcome:
    return load(
        folder,
        FIGURE
        + """
[[redirects]]
id = "my-trade-2024"
to = "zx19-trade-2018"
reason = "x"
since = "2026.12.01"
""",
    )


@case(F, "redirect to unknown", refused("ghost"))
def _(folder: Path) -> Outcome:
    return load(
        folder,
        """
[[redirects]]
id = "r1"
to = "ghost"
reason = "x"
since = "2026.12.01"
""",
    )
