"""The ``kzcn`` command (also ``python -m kzcn``).

Exit codes: 0 success, 1 open findings (``check``), failed verification, a cited
record that changed (``diff --ids``), bad data files
or I/O errors (an unwritable output, a full disk), 2 usage errors (bad arguments,
dates, values, unknown ids, fields or tables). Every error is one line on stderr, never
a traceback. Text output escapes control, bidi and invisible characters.

Views: one policy, :mod:`kzcn.views` (analysis outputs, ``export`` included, show the
resolved view unless given ``--as-stated``; ``check`` and ``search`` the records as the
sources state them unless given ``--resolved``), said in each command's ``--help``.
Heavy modules (pint, pandas, matplotlib) load only in the subcommands that need them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from ._version import DATA_VERSION, __version__
from .labels import label
from .suggest import close_matches

if TYPE_CHECKING:
    from .checks import Finding
    from .dataset import Dataset
    from .dates import Period
    from .query import Table


EPILOG = """examples:
  kzcn                                  summary of the dataset
  kzcn list figures --where subject=trade --where direction=both
  kzcn list visits --from 2022 --to 2023 --source 2023-beijing-belt-and-road-meeting
  kzcn show zx19-trade-2018             one record, its links and its evidence
  kzcn search "Nur-Sultan"              names, aliases and titles
  kzcn timeline --person xi --place astana   ids, names or aliases
  kzcn series students --direction kz_to_cn
  kzcn check --strict                   consistency checks (exit 1 on open findings)
  kzcn --data mine.toml check           your own records with the shipped ones
  kzcn export --format csv --out out/
"""


class UsageError(Exception):
    """A bad argument: reported in one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


class _Version(argparse.Action):
    """``--version``: the versions, and the content hash of the data (computed only
    when asked: it loads the data)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        print(version_line())
        parser.exit(0)


def version_line() -> str:
    """``kzcn 0.2.0 (data 2026.11.29, sha256 ...)``: what ``kzcn --version`` prints."""
    from .content import dataset_hash
    from .package import load

    return f"kzcn {__version__} (data {DATA_VERSION}, sha256 {dataset_hash(load())})"


LINK_OPTIONS = {
    "person": ("people", "person"),
    "place": ("places", "place"),
    "org": ("organizations", "organisation"),
}
"""``timeline`` options naming a linked record: option -> (table, what it names)."""
VIEWS = frozenset({"list", "search", "timeline", "series", "export", "plot", "check"})
"""The subcommands that take ``--resolved`` / ``--as-stated`` (defaults: kzcn.views)."""


def _parser() -> argparse.ArgumentParser:
    from .cite import FORMATS as CITE_FORMATS
    from .dataset import RECORD_TYPES
    from .export import FORMATS
    from .plot import CHARTS
    from .plot import FORMATS as CHART_FORMATS
    from .vocabulary import Direction, FigureKind, Measure, Subject

    def _values(kind: type[Any]) -> str:
        return ", ".join(str(m.value) for m in kind)

    parser = _Parser(
        prog="kzcn",
        description="Facts of Kazakhstan-China relations as typed, cited records.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action=_Version,
        nargs=0,
        help="the package and data versions and the data's content hash, then exit",
    )
    parser.add_argument(
        "--data", action="append", default=[], metavar="PATH", help="extra data file (repeat)"
    )
    parser.add_argument(
        "--texts",
        metavar="DIR",
        help="folder of the source texts: verify them and every citation while loading",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, text: str) -> argparse.ArgumentParser:
        from .views import POLICY, view_help

        viewed = name in VIEWS
        sub = commands.add_parser(
            name, help=text, description=text, epilog=POLICY if viewed else None
        )
        sub.add_argument("--json", action="store_true", help="print JSON")
        if viewed:
            view = sub.add_mutually_exclusive_group()
            resolved_help, stated_help = view_help(name)
            view.add_argument(
                "--resolved",
                dest="view",
                action="store_const",
                const="resolved",
                help=resolved_help,
            )
            view.add_argument(
                "--as-stated",
                dest="view",
                action="store_const",
                const="stated",
                help=stated_help,
            )
        return sub

    command("summary", "tables, counts, sources, date range (the default)")
    listing = command("list", "records of one table, filtered")
    listing.add_argument("table", help=f"one of {', '.join(RECORD_TYPES)}")
    listing.add_argument(
        "--where", action="append", default=[], metavar="FIELD=VALUE", help="filter (repeat)"
    )
    listing.add_argument("--source", metavar="ID", help="records citing this source")
    listing.add_argument("--from", dest="start", metavar="DATE", help="on or after (2019, 2019-06)")
    listing.add_argument("--to", dest="end", metavar="DATE", help="on or before")
    show = command("show", "one record as stated, beside its resolved reading, with evidence")
    show.add_argument("id")
    search = command("search", "find records by name, alias or title")
    search.add_argument("text")
    timeline = command("timeline", "events, visits, agreements and projects in date order")
    timeline.add_argument("--from", dest="start", metavar="DATE")
    timeline.add_argument("--to", dest="end", metavar="DATE")
    for option, what in LINK_OPTIONS.items():
        timeline.add_argument(
            f"--{option}",
            metavar="NAME",
            help=f"only records linked to this {what[1]} (an id, a name or an alias)",
        )
    series = command("series", "a subject's figures in period order")
    series.add_argument("subject", help=_values(Subject))
    series.add_argument("--direction", help=_values(Direction))
    series.add_argument("--kind", default="actual", help=_values(FigureKind) + ", all")
    series.add_argument("--measure", default="level", help=_values(Measure))
    series.add_argument("--source", metavar="ID", help="figures citing this source")
    command("sources", "the sources and how many records cite each")
    errata = command("errata", "what is wrong in the sources, and the best reading")
    errata.add_argument(
        "--applied",
        action="store_true",
        help="every value an erratum corrects in the resolved view: stated, corrected, evidence",
    )
    checker = command("check", "run the consistency checks")
    checker.add_argument("--strict", action="store_true", help="warnings fail too")
    checker.add_argument("--all", action="store_true", help="also list acknowledged findings")
    verifier = command("verify", "check the source texts against their hashes, then every citation")
    verifier.add_argument("--texts", dest="verify_texts", metavar="DIR", help="folder of texts")
    exporter = command("export", "write the data as files")
    exporter.add_argument("--format", required=True, choices=FORMATS)
    exporter.add_argument("--out", required=True, metavar="DIR")
    citer = command(
        "cite", "a ready citation of a record, a source, or the dataset (kzcn cite kzcn)"
    )
    citer.add_argument("id", nargs="?", help="a record or source id, or kzcn for the dataset")
    citer.add_argument(
        "--dataset", action="store_true", help="cite the dataset: version and content hash"
    )
    citer.add_argument("--format", dest="cite_format", default="text", choices=CITE_FORMATS)
    differ = command("diff", "what changed between two versions of the data, record by record")
    differ.add_argument(
        "old",
        help="a JSON export (kzcn export --format json), a folder, a release "
        "(kzcn releases), or installed",
    )
    differ.add_argument("new", help="the same, or 'installed' (this package's data)")
    differ.add_argument("--markdown", action="store_true", help="a changelog summary")
    differ.add_argument(
        "--ids",
        metavar="FILE",
        help="only these records: ids one a line, or a BibTeX file of kzcn cite; "
        "exit 1 when any of them changed",
    )
    command("releases", "the data versions kept in the package, for kzcn diff")
    plot = command("plot", "draw a chart (needs matplotlib)")
    plot.add_argument("chart", choices=CHARTS)
    plot.add_argument(
        "--out", required=True, metavar="FILE", help=f"a {', '.join(CHART_FORMATS)} file"
    )
    drafter = command("draft", "read a new text into candidate records to review (a data file)")
    drafter.add_argument("text", metavar="TEXT", help="a UTF-8 text file")
    drafter.add_argument(
        "--source-id", metavar="ID", help="the new source's id (default: from TEXT)"
    )
    drafter.add_argument("--published", metavar="DATE", help="the text's date (2024, 2024-07)")
    drafter.add_argument("--title", help="the text's title (default: its first line, bracketed)")
    drafter.add_argument("--out", metavar="FILE", help="write the data file here (default: stdout)")
    drafter.add_argument("--force", action="store_true", help="replace an existing --out file")
    reviewer = command("review", "mark the drafts of a data file as reviewed")
    reviewer.add_argument("file", metavar="FILE", help="a data file written by kzcn draft")
    reviewer.add_argument(
        "--id", dest="ids", action="append", metavar="ID", help="a draft to mark (repeat)"
    )
    reviewer.add_argument("--all", action="store_true", help="mark every draft of the file")
    return parser


# --- output -------------------------------------------------------------------------


def _say(text: object = "") -> None:
    """Print one line of text output, control and invisible characters escaped."""
    from .text import printable

    print(printable(str(text), newlines=True))


def _print_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    from .text import printable

    cells = [[printable(str(c)) for c in row] for row in rows]
    widths = [len(h) for h in header]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    line = "  ".join(f"{h:<{w}}" for h, w in zip(header, widths, strict=True))
    print(line.rstrip())
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(f"{c:<{w}}" for c, w in zip(row, widths, strict=True)).rstrip())


def _dump(value: Any) -> None:
    from .text import printable

    # JSON escapes C0 controls itself; the rest (DEL, C1, bidi, zero-width) as \uXXXX.
    print(printable(json.dumps(value, indent=2, ensure_ascii=False, default=str), newlines=True))


def _plain(record: Any) -> dict[str, Any]:
    from .convert import converter
    from .dataset import table_of

    data: dict[str, Any] = converter().unstructure(record)
    return {"table": table_of(record), **data}


def _closest(word: str, choices: Iterable[str]) -> str:
    close = close_matches(word, choices)
    return f"; did you mean {', '.join(close)}?" if close else ""


# --- commands -----------------------------------------------------------------------


def _summary(ds: Dataset, args: argparse.Namespace) -> int:
    info = {"version": __version__, "data_version": DATA_VERSION, **ds.summary()}
    if args.json:
        _dump(info)
        return 0
    _say(f"kzcn {__version__}, data {DATA_VERSION}")
    _say(f"dated records span {info['first']} .. {info['last']}")
    _say()
    _print_table(("table", "records"), info["tables"].items())
    _say()
    return _sources(ds, args)


def _sources(ds: Dataset, args: argparse.Namespace) -> int:
    rows = []
    for source in ds.sources:
        cited = ds.citing(source.id)
        rows.append((source.id, str(source.published), source.kind.value, cited, source.title))
    if args.json:
        _dump([_plain(s) | {"records": r[3]} for s, r in zip(ds.sources, rows, strict=True)])
        return 0
    _print_table(("source", "published", "kind", "records", "title"), rows)
    return 0


def _period(text: str | None, option: str) -> Period | None:
    from .dates import Period

    if text is None:
        return None
    try:
        return Period.parse(text)
    except ValueError as exc:
        raise UsageError(f"{option} {text!r}: {exc}") from None


def _date_range(args: argparse.Namespace) -> tuple[Period | None, Period | None]:
    start, end = _period(args.start, "--from"), _period(args.end, "--to")
    if start is not None and end is not None and start.start > end.end:
        raise UsageError(f"empty date range: --from {args.start} is after --to {args.end}")
    return start, end


def _filtered(ds: Dataset, args: argparse.Namespace) -> Table[Any]:
    import attrs

    from .dataset import RECORD_TYPES

    if args.table not in RECORD_TYPES:
        raise UsageError(f"unknown table {args.table!r}{_closest(args.table, RECORD_TYPES)}")
    start, end = _date_range(args)
    table: Table[Any] = ds.tables[args.table]
    cls = RECORD_TYPES[args.table]
    fields = [f.name for f in attrs.fields(cls)]
    for condition in args.where:
        name, sep, value = condition.partition("=")
        if not sep:
            raise UsageError(f"--where needs FIELD=VALUE, got {condition!r}")
        if name not in fields:
            raise UsageError(f"{args.table} has no field {name!r}{_closest(name, fields)}")
        table = table.where(**{name: _coerce(cls, name, value)})
    if args.source:
        if args.source not in ds.sources:
            raise UsageError(
                f"unknown source {args.source!r}{_closest(args.source, ds.sources.ids)}"
            )
        table = table.by_source(args.source)
    if start is not None or end is not None:
        table = table.between(start or "0001", end or "9999")
    return table


def _coerce(cls: type[Any], name: str, value: str) -> object:
    """``--where`` text as the field's own type (:func:`kzcn.convert.from_text`): a
    number for a number field (``abc`` for one is a usage error), the text itself for
    text, ids, enums and dates."""
    from .convert import from_text

    try:
        return from_text(cls, name, value)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _list(ds: Dataset, args: argparse.Namespace) -> int:
    table = _filtered(ds, args)
    if args.json:
        _dump([_plain(r) for r in table])
        return 0
    from .records import when

    rows = []
    for record in table:
        period = when(record)
        amount = getattr(record, "amount", None)
        extra = f"{record.qualifier.value} {amount}" if amount is not None else ""
        rows.append((record.id, period or "", label(record), extra))
    _print_table(("id", "date", "what", "amount"), rows)
    _say(f"{len(table)} records")
    return 0


def _show(ds: Dataset, args: argparse.Namespace) -> int:
    """The record as its sources state it beside its resolved reading: each field that
    differs names where the resolved value came from (an erratum, or other claims)."""
    import attrs

    from .records import links

    renamed = _renamed(ds, args.id)
    record_id = renamed or args.id
    record = _record(ds, record_id)
    resolved_ds = ds.resolved()
    resolution = resolved_ds.resolution
    assert resolution is not None
    thing = resolution.thing_of(record_id)
    resolved = resolved_ds.get(thing) if thing is not None else None
    stated = _plain(record)
    reading = _plain(resolved) if resolved is not None else None
    origins: dict[str, dict[str, Any]] = {}
    if resolved is not None and thing is not None:
        for field in attrs.fields(type(resolved)):
            if field.name in ("id", "citations"):
                continue
            found = resolution.origin(thing, field.name)
            differs = reading is not None and stated.get(field.name) != reading.get(field.name)
            if found.erratum is not None or differs:
                origins[field.name] = {"erratum": found.erratum, "claims": list(found.claims)}
    if args.json:
        shown = {"stated": stated, "resolved": reading, "thing": thing, "origins": origins}
        _dump(shown if renamed is None else {"renamed_to": renamed, **shown})
        return 0
    if renamed is not None:
        redirect = ds.redirects[args.id]
        _say(f"{args.id} was renamed to {renamed} in data {redirect.since}: {redirect.reason}")
    same = thing == record_id
    _say(f"{type(record).__name__} {record_id}" + ("" if same else f" (a claim of {thing})"))
    rows = []
    for field in attrs.fields(type(record)):
        value = stated.get(field.name)
        new = reading.get(field.name) if reading is not None else None
        if field.name in ("id", "citations") or (value in (None, "", [], ()) and new == value):
            continue
        origin = origins.get(field.name)
        where = ""
        if origin is not None:
            where = (
                f"corrected by erratum {origin['erratum']}"
                if origin["erratum"]
                else ("from " + ", ".join(origin["claims"]) if origin["claims"] else "merged")
            )
        rows.append((field.name, _cell(value), "=" if new == value else _cell(new), where))
    _print_wrapped(("field", "as stated", "resolved (= the same)", "from"), rows)
    linked = [(f, t) for f, t, _ in links(record)]
    if linked:
        _say("links:")
        for field, target in linked:
            _say(_wrap(f"{field} -> {target}: {label(ds.get(target))}", indent="  "))
    for citation in getattr(record, "citations", ()):
        _say(f"cited by {citation.source}:")
        _say(_wrap(f"“{citation.evidence}”", indent="  "))
    referring = [r for t in ds.tables.values() for r in t.involving(record_id)]
    if referring:
        _say("linked from:")
        for other in referring:
            _say(_wrap(f"{other.id}: {label(other)}", indent="  "))
    return 0


def _renamed(ds: Dataset, record_id: str) -> str | None:
    """The id a renamed id now has (``None`` for a live, removed or unknown id)."""
    redirect = ds.redirects.get(record_id)
    if redirect is None or redirect.to is None or ds.get(redirect.to) is None:
        return None
    return redirect.to


def _record(ds: Dataset, record_id: str) -> Any:
    """The record with this id, or a usage error saying what the library says: why a
    removed id was removed, which ids are close to an unknown one."""
    try:
        return ds[record_id]
    except KeyError as exc:
        if record_id in ds.redirects:
            raise UsageError(str(exc.args[0])) from None
    ids = [i for table in ds.tables.values() for i in table.ids]
    raise UsageError(f"no record {record_id!r}{_closest(record_id, ids)}")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        if set(value) <= {"name", "start", "end"} and "name" in value:
            # An alias as people write a name in force: "Nur-Sultan (2019–2022-09)".
            start, end = _cell(value.get("start")), _cell(value.get("end"))
            return f"{value['name']} ({start}–{end})" if start or end else str(value["name"])
        return ", ".join(f"{k}={_cell(v)}" for k, v in value.items() if v not in (None, ""))
    return str(value)


def _width() -> int:
    """The terminal's width; 120 when output goes to a file or pipe and COLUMNS is unset
    (a file has no width, and 80 would wrap ids and amounts in every row)."""
    import shutil

    return max(40, shutil.get_terminal_size((120, 24)).columns)


def _wrap(text: str, *, indent: str = "") -> str:
    """``text`` wrapped to the terminal's width, every line indented by ``indent``."""
    import textwrap

    return (
        textwrap.fill(text, _width(), initial_indent=indent, subsequent_indent=indent + "  ")
        or indent.rstrip()
    )


def _print_wrapped(header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A table that fits the terminal: the widest columns narrowed, their cells
    wrapped onto more lines (a 500-character description no longer pads every row)."""
    import textwrap

    from .text import printable

    cells = [[printable(str(c)) for c in row] for row in rows]
    widths = [len(h) for h in header]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    room = _width() - 2 * (len(header) - 1)
    # A column narrows no further than its short cells (an amount, an id, "="): only
    # long text (a description) wraps.
    floors = [
        max([len(h), *(len(row[i]) for row in cells if len(row[i]) <= 44)])
        for i, h in enumerate(header)
    ]
    while sum(widths) > room:
        narrowable = [i for i in range(len(widths)) if widths[i] > floors[i]]
        if not narrowable:
            break
        widest = max(narrowable, key=lambda i: widths[i])
        widths[widest] = max(floors[widest], widths[widest] - (sum(widths) - room))
    print("  ".join(f"{h:<{w}}" for h, w in zip(header, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in cells:
        wrapped = [
            textwrap.wrap(c, w, break_on_hyphens=False, break_long_words=False) or [""]
            for c, w in zip(row, widths, strict=True)
        ]
        for i in range(max(len(lines) for lines in wrapped)):
            parts = [lines[i] if i < len(lines) else "" for lines in wrapped]
            print("  ".join(f"{c:<{w}}" for c, w in zip(parts, widths, strict=True)).rstrip())


def _search(ds: Dataset, args: argparse.Namespace) -> int:
    # Table.search is the one matching rule (names, aliases, titles, codes); the
    # command only lists its hits, table by table.
    if not args.text.strip():
        raise UsageError("search needs a name, an alias or a word of a title")
    found = [
        (name, record.id, label(record))
        for name, table in ds.tables.items()
        for record in table.search(args.text)
    ]
    if args.json:
        _dump([{"table": t, "id": i, "label": label} for t, i, label in found])
        return 0
    if not found:
        _say(f"nothing matches {args.text!r}")
        return 0
    _print_table(("table", "id", "name or title"), found)
    return 0


def _linked(ds: Dataset, args: argparse.Namespace, option: str) -> str | None:
    """The id an option such as ``--person xi`` names (an id, a name or an alias)."""
    import warnings

    text = getattr(args, option)
    if text is None:
        return None
    table = LINK_OPTIONS[option][0]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return ds.id_of(text, table)
    except KeyError as exc:
        raise UsageError(f"--{option}: {exc.args[0]}") from None


def _timeline(ds: Dataset, args: argparse.Namespace) -> int:
    person, place, org = (_linked(ds, args, option) for option in LINK_OPTIONS)
    start, end = _date_range(args)
    entries = ds.timeline(start, end, person=person, place=place, organization=org)
    if args.json:
        _dump([{"period": str(e.period), "table": e.table, "id": e.record.id} for e in entries])
        return 0
    _print_table(
        ("date", "table", "id", "what"),
        [(e.period, e.table, e.record.id, label(e.record)) for e in entries],
    )
    return 0


def _series(ds: Dataset, args: argparse.Namespace) -> int:
    from .vocabulary import Direction, FigureKind, Measure, Subject

    def pick(kind: type[Any], value: str | None, label: str) -> Any:
        if value is None:
            return None
        choices = [m.value for m in kind]
        if value not in choices:
            raise UsageError(f"unknown {label} {value!r}{_closest(value, choices)}")
        return kind(value)

    subject = pick(Subject, args.subject, "subject")
    kind = None if args.kind == "all" else pick(FigureKind, args.kind, "kind")
    if args.source is not None and args.source not in ds.sources:
        ids = list(ds.sources.ids)
        raise UsageError(f"--source: no source {args.source!r}{_closest(args.source, ids)}")
    figures = ds.figures.series(
        subject,
        direction=pick(Direction, args.direction, "direction"),
        kind=kind,
        measure=pick(Measure, args.measure, "measure"),
        source=args.source,
    )
    if args.json:
        _dump([_plain(f) for f in figures])
        return 0
    _print_table(
        ("period", "direction", "qualifier", "amount", "kind", "source", "id"),
        [
            (
                f.period,
                f.direction.value if f.direction else "",
                f.qualifier.value,
                f.amount,
                f.kind.value,
                ", ".join(dict.fromkeys(c.source for c in f.citations)),
                f.id,
            )
            for f in figures
        ],
    )
    return 0


def _applied(ds: Dataset, args: argparse.Namespace) -> int:
    """``errata --applied``: :meth:`kzcn.resolve.Resolution.corrections`."""
    resolution = ds.resolved().resolution
    assert resolution is not None
    found = resolution.corrections()
    if args.json:
        _dump([c.as_dict() for c in found])
        return 0
    for c in found:
        claim = "" if c.claim == c.record else f" (claim {c.claim})"
        _say(f"{c.table} {c.record}.{c.field}{claim}, by erratum {c.erratum}")
        _say(f"  stated:    {_cell(c.as_dict()['stated'])}")
        _say(f"  corrected: {_cell(c.as_dict()['corrected'])}")
        for citation in c.stated_evidence[:1]:
            _say(f"  source says: “{citation.evidence}” ({citation.source})")
        for citation in c.erratum_evidence[:1]:
            _say(f"  erratum reads: “{citation.evidence}” ({citation.source})")
    _say(f"{len(found)} corrected values")
    return 0


def _errata(ds: Dataset, args: argparse.Namespace) -> int:
    if args.applied:
        return _applied(ds, args)
    if args.json:
        _dump([_plain(e) for e in ds.errata])
        return 0
    for erratum in ds.errata:
        check = f" [check {erratum.check}]" if erratum.check else ""
        _say(f"{erratum.id} ({erratum.kind.value}) on {erratum.record}.{erratum.field}{check}")
        _say(f"  source says: “{erratum.citations[0].evidence}”")
        _say(f"  problem: {erratum.problem}")
        _say(f"  reading: {erratum.reading}")
        _say()
    _say(f"{len(ds.errata)} errata")
    return 0


def _finding_json(finding: Finding) -> dict[str, Any]:
    def interval(value: Any) -> list[float] | None:
        # Twelve significant digits: the stated numbers have at most a few, and binary
        # noise (1.9499999999999997 for 1.95) sits in the sixteenth.
        # (An end nudged outward past zero, -5e-324, is zero.)
        return (
            None
            if value is None
            else [float(f"{round(v, 10) + 0.0:.12g}") for v in (value.lo, value.hi)]
        )

    return {
        "check": finding.check,
        "severity": finding.severity.value,
        "records": list(finding.records),
        "message": finding.message,
        "expected": interval(finding.expected),
        "actual": interval(finding.actual),
        "acknowledged_by": list(finding.acknowledged_by),
    }


def _check(ds: Dataset, args: argparse.Namespace) -> int:
    from .checks import Severity

    findings = ds.check()
    failing = {Severity.ERROR, Severity.WARNING} if args.strict else {Severity.ERROR}
    open_ = [f for f in findings if not f.acknowledged]
    failed = any(f.severity in failing for f in open_)
    if args.json:
        _dump([_finding_json(f) for f in findings])
        return 1 if failed else 0
    for severity in Severity:
        group = [f for f in findings if f.severity is severity and (args.all or not f.acknowledged)]
        if not group:
            continue
        _say(f"{severity.value.upper()} ({len(group)})")
        for finding in group:
            mark = f"  [acknowledged: {', '.join(finding.acknowledged_by)}]"
            _say(f"  {finding.check}: {_some(finding.records)}")
            _say(f"    {finding.message}" + (mark if finding.acknowledged else ""))
    acknowledged = len(findings) - len(open_)
    _say(
        f"{len(findings)} findings: {len(open_)} open, {acknowledged} acknowledged by errata; "
        + ("FAILED" if failed else "OK")
    )
    return 1 if failed else 0


#: Records of one finding named in the terminal; --json lists them all.
_RECORDS_SHOWN = 20


def _some(records: tuple[str, ...]) -> str:
    """A finding's records, the first few of a long group (20,000 figures in conflict
    made one line of 169 KB) and how many more."""
    shown = ", ".join(records[:_RECORDS_SHOWN])
    more = len(records) - _RECORDS_SHOWN
    return shown + (f" and {more:,} more; --json lists all" if more > 0 else "")


def _verify(ds: Dataset, args: argparse.Namespace) -> int:
    from .verify import verify_texts

    folder = args.verify_texts or args.texts
    if folder is None:
        raise UsageError("verify needs --texts DIR, the folder of the source texts")
    problems = verify_texts(folder, ds)
    cited = sum(len(getattr(r, "citations", ())) for t in ds.tables.values() for r in t)
    if args.json:
        _dump({"ok": not problems, "citations": cited, "problems": [str(p) for p in problems]})
        return 1 if problems else 0
    for problem in problems:
        _say(f"FAIL {problem}")
    hashed = sum(1 for s in ds.sources if s.sha256)
    verdict = f"{len(problems)} problems" if problems else "OK"
    _say(f"{hashed} source texts, {cited} citations: {verdict}")
    return 1 if problems else 0


def _cite(ds: Dataset, args: argparse.Namespace) -> int:
    from .cite import DATASET, cite

    if args.dataset or args.id is None:
        if args.id not in (None, DATASET):
            raise UsageError(f"cite --dataset takes no id (got {args.id!r})")
        args.id = DATASET
    elif args.id != DATASET and ds.get(args.id) is None:
        ids = [i for t in ds.tables.values() for i in t.ids]
        raise UsageError(f"no record {args.id!r}{_closest(args.id, ids)}")
    text = cite(ds, args.id, args.cite_format)
    if args.json:
        _dump({"id": args.id, "format": args.cite_format, "citation": text})
    else:
        _say(text)
    return 0


def _diff(ds: Dataset, args: argparse.Namespace) -> int:
    from .diff import diff, read_ids

    try:
        found = diff(args.old, args.new)
        if args.ids is not None:
            found = found.only(read_ids(args.ids))
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        _dump(found.as_dict())
    else:
        _say(found.markdown() if args.markdown else found.text())
    # With --ids the command is a test a paper's CI can run: 1 when a cited id changed.
    return 1 if args.ids is not None and not found.empty else 0


def _releases(ds: Dataset, args: argparse.Namespace) -> int:
    from .content import dataset_hash
    from .releases import release_hash, release_names

    rows = [(name, release_hash(name)) for name in release_names()]
    installed = (f"installed ({DATA_VERSION})", dataset_hash(ds))
    if args.json:
        _dump(
            {
                "releases": [{"data_version": n, "data_sha256": h} for n, h in rows],
                "installed": {"data_version": DATA_VERSION, "data_sha256": installed[1]},
            }
        )
        return 0
    _print_table(("release", "data sha256"), [*rows, installed])
    return 0


def _export(ds: Dataset, args: argparse.Namespace) -> int:
    from pathlib import Path

    from .export import export

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {args.out}: is a file, not a folder")
    try:
        written = export(ds, args.format, out)
    except ImportError as exc:
        raise UsageError(str(exc)) from None
    paths = [str(p) for p in (written if isinstance(written, list) else [written])]
    if args.json:
        _dump({"format": args.format, "files": paths})
        return 0
    for path in paths:
        _say(path)
    return 0


def _draft(ds: Dataset, args: argparse.Namespace) -> int:
    from pathlib import Path

    from .draft.run import DraftError, draft_file, write

    out = Path(args.out) if args.out is not None else None
    try:
        if out is not None and out.exists() and not args.force:
            raise DraftError(f"--out {out}: exists; use --force to replace it")
        result, text = draft_file(
            Path(args.text),
            ds,
            source_id=args.source_id,
            published=args.published,
            title=args.title,
            out=out,
        )
        if out is not None:
            write(out, text, force=args.force)
    except DraftError as exc:
        raise UsageError(str(exc)) from None
    counts = {
        "figures": len(result.figures),
        "visits": len(result.visits),
        "agreements": len(result.agreements),
    }
    if args.json:
        _dump({"out": None if out is None else str(out), "drafted": counts})
    elif out is None:
        sys.stdout.write(text)
    else:
        drafted = ", ".join(f"{n} {t}" for t, n in counts.items())
        _say(f"{out}: {drafted}, all to review (kzcn --data {out} check)")
    return 0


def _review(ds: Dataset, args: argparse.Namespace) -> int:
    from pathlib import Path

    from .draft.review import drafts_in, mark_reviewed
    from .draft.run import DraftError

    path = Path(args.file)
    try:
        if args.all or args.ids:
            marked = mark_reviewed(path, None if args.all else args.ids)
        elif sys.stdin.isatty():
            marked = mark_reviewed(path, _ask(drafts_in(path)))
        else:
            raise UsageError("review: give --id ID (repeat) or --all, or run it in a terminal")
    except DraftError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        _dump({"file": str(path), "reviewed": marked})
    else:
        _say(f"{path}: {len(marked)} marked reviewed")
    return 0


def _ask(drafted: Sequence[tuple[str, dict[str, Any]]]) -> list[str]:
    """Show each draft with its sentence and ask whether it was checked."""
    chosen: list[str] = []
    for table, row in drafted:
        _say(f"\n{table} {row['id']}")
        for key, value in row.items():
            if key not in ("id", "citations", "confidence", "review"):
                _say(f"  {key}: {value}")
        for citation in row.get("citations", ()):
            _say(f"  evidence: {citation.get('evidence')}")
        answer = input("checked against its sentence? [y/N/q] ").strip().casefold()
        if answer == "q":
            break
        if answer == "y":
            chosen.append(str(row["id"]))
    return chosen


def _plot(ds: Dataset, args: argparse.Namespace) -> int:
    from pathlib import Path

    from .plot import chart_format, plot

    out = Path(args.out)
    try:
        chart_format(out)
    except ValueError as exc:
        raise UsageError(f"--out {args.out}: {exc}") from None
    if out.is_dir():
        raise OutputError(f"--out {args.out}: is a folder, not a file")
    try:
        # The view chosen on the command line is the one drawn: `ds` is already that
        # view, and the chart is told so (its default would resolve the claims again).
        written = plot(ds, args.chart, out, resolved=ds.is_resolved)
    except ImportError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        _dump({"chart": args.chart, "file": str(written)})
        return 0
    _say(written)
    return 0


COMMANDS: dict[str, Callable[[Dataset, argparse.Namespace], int]] = {
    "summary": _summary,
    "list": _list,
    "show": _show,
    "search": _search,
    "timeline": _timeline,
    "series": _series,
    "sources": _sources,
    "errata": _errata,
    "check": _check,
    "verify": _verify,
    "cite": _cite,
    "diff": _diff,
    "releases": _releases,
    "export": _export,
    "plot": _plot,
    "draft": _draft,
    "review": _review,
}


class OutputError(Exception):
    """Output that cannot be written: reported in one line, exit code 1."""


def _load(paths: Sequence[str], texts: str | None) -> Dataset:
    from .loader import load

    return load(extra=paths, texts=texts if texts is not None else None)


def _view(ds: Dataset, args: argparse.Namespace) -> Dataset:
    from .views import default_view

    if args.command not in VIEWS:
        return ds  # each command without a view option reads what it needs itself
    view = getattr(args, "view", None)
    if view is None:
        view = default_view(args.command)
    return ds.resolved() if view == "resolved" else ds


def _fail(message: str, code: int) -> int:
    from .text import printable

    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    _silence_stdout()
    print(f"kzcn: error: {printable(message)}", file=sys.stderr)
    return code


def _silence_stdout() -> None:
    # Whatever is still buffered for a closed pipe or a full disk is dropped, so Python
    # does not report it again at exit.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    _open_closed_streams()
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C: one line, the shell's status for SIGINT
        _silence_stdout()
        with contextlib.suppress(OSError, ValueError):
            print("kzcn: interrupted", file=sys.stderr)
        return 130


def _open_closed_streams() -> None:
    # A stream closed before the start (`kzcn list figures >&-`) is None in Python: the
    # output goes nowhere, quietly, as the shell asked.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def _main(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        args.command, args.json = "summary", False
    if getattr(args, "out", None) is not None and not args.out.strip():
        return _fail("--out is empty (an unset variable?): give where to write", 2)
    for path in args.data:
        if not os.path.exists(path):
            return _fail(f"no such data file: {path}", 2)
        if os.path.isdir(path):
            return _fail(f"--data {path}: is a folder, not a data file", 2)
    if args.texts is not None and not os.path.isdir(args.texts):
        return _fail(f"--texts {args.texts}: is not a folder of source texts", 2)
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    from .errors import DataError

    try:
        ds = _load(args.data, args.texts)
        code = COMMANDS[args.command](_view(ds, args), args)
        sys.stdout.flush()
        return code
    except UsageError as exc:
        return _fail(str(exc), 2)
    except DataError as exc:
        from .limits import PROBLEMS_SHOWN

        count = len(exc.problems)
        if getattr(args, "json", False):  # every problem, for a program to read
            _dump({"ok": False, "problems": [str(p) for p in exc.problems]})
        # The terminal gets the first few: 10,000 problems would be megabytes of one line.
        found = "; ".join(str(p) for p in exc.problems[:PROBLEMS_SHOWN])
        if count > PROBLEMS_SHOWN:
            found += f"; and {count - PROBLEMS_SHOWN:,} more; --json lists all"
        return _fail(f"{count:,} problem{'s' if count != 1 else ''} in the data: {found}", 1)
    except OutputError as exc:
        return _fail(str(exc), 1)
    except BrokenPipeError:  # `kzcn list figures | head`: the reader left, not an error
        _silence_stdout()
        return 0
    except UnicodeEncodeError as exc:
        encoding = getattr(sys.stdout, "encoding", "?")
        return _fail(
            f"the output's encoding ({encoding}) cannot show {exc.object[exc.start : exc.end]!r}; "
            "set PYTHONIOENCODING=utf-8",
            1,
        )
    except OSError as exc:
        from .export import ExportError

        if isinstance(exc, ExportError):  # a whole sentence already
            return _fail(str(exc), 1)
        where = f" {exc.filename}" if exc.filename else ""
        verb = "write" if _is_output(exc.filename, args) else "read"
        return _fail(f"cannot {verb}{where}: {exc.strerror or exc}", 1)


def _is_output(filename: object, args: argparse.Namespace) -> bool:
    """True when ``filename`` is what the command writes (``--out`` or inside it)."""
    out = getattr(args, "out", None)
    if out is None or filename is None:
        return False
    try:
        target, name = os.path.abspath(out), os.path.abspath(os.fsdecode(filename))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return name == target or name.startswith(target.rstrip(os.sep) + os.sep)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
