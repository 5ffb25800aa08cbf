"""The ``kzcn`` command (also ``python -m kzcn``).

Exit codes: 0 success, 1 open findings (``check``) or bad data files, 2 usage errors
(bad arguments, unknown ids, fields or tables), never a traceback for those.
Heavy modules (pint, pandas, matplotlib) load only in the subcommands that need them.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from ._version import DATA_VERSION, __version__

if TYPE_CHECKING:
    from .checks import Finding
    from .dataset import Dataset
    from .query import Table


EPILOG = """examples:
  kzcn                                  summary of the dataset
  kzcn list figures --where subject=trade --where direction=both
  kzcn list visits --from 2022 --to 2023 --source 2023-beijing-belt-and-road-meeting
  kzcn show zx19-trade-2018             one record, its links and its evidence
  kzcn search "Nur-Sultan"              names, aliases and titles
  kzcn timeline --person xi-jinping
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


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kzcn",
        description="Facts of Kazakhstan-China relations as typed, cited records.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"kzcn {__version__} (data {DATA_VERSION})"
    )
    parser.add_argument(
        "--data", action="append", default=[], metavar="PATH", help="extra data file (repeat)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text)
        sub.add_argument("--json", action="store_true", help="print JSON")
        return sub

    command("summary", "tables, counts, sources, date range (the default)")
    listing = command("list", "records of one table, filtered")
    listing.add_argument("table", help=f"one of {', '.join(_tables())}")
    listing.add_argument(
        "--where", action="append", default=[], metavar="FIELD=VALUE", help="filter (repeat)"
    )
    listing.add_argument("--source", metavar="ID", help="records citing this source")
    listing.add_argument("--from", dest="start", metavar="DATE", help="on or after (2019, 2019-06)")
    listing.add_argument("--to", dest="end", metavar="DATE", help="on or before")
    show = command("show", "one record, its links and its evidence")
    show.add_argument("id")
    search = command("search", "find records by name, alias or title")
    search.add_argument("text")
    timeline = command("timeline", "visits, agreements and projects in date order")
    timeline.add_argument("--from", dest="start", metavar="DATE")
    timeline.add_argument("--to", dest="end", metavar="DATE")
    timeline.add_argument("--person", metavar="ID", help="only records involving this person")
    series = command("series", "a subject's figures in period order")
    series.add_argument("subject")
    series.add_argument("--direction", help="kz_to_cn, cn_to_kz, both, transit")
    series.add_argument("--kind", default="actual", help="actual, target, plan, forecast, all")
    series.add_argument("--measure", default="level", help="level, growth, share, multiple, rank")
    command("sources", "the sources and how many records cite each")
    command("errata", "what is wrong in the sources, and the best reading")
    checker = command("check", "run the consistency checks")
    checker.add_argument("--strict", action="store_true", help="warnings fail too")
    checker.add_argument("--all", action="store_true", help="also list acknowledged findings")
    exporter = commands.add_parser("export", help="write the data as files")
    exporter.add_argument(
        "--format", required=True, choices=["json", "csv", "datapackage", "jsonschema", "parquet"]
    )
    exporter.add_argument("--out", required=True, metavar="DIR")
    plot = commands.add_parser("plot", help="draw a chart (needs matplotlib)")
    plot.add_argument("chart", choices=["trade", "investment", "transport", "timeline"])
    plot.add_argument("--out", required=True, metavar="FILE.png|svg")
    return parser


# --- output -------------------------------------------------------------------------


def _print_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    cells = [[str(c) for c in row] for row in rows]
    widths = [len(h) for h in header]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    line = "  ".join(f"{h:<{w}}" for h, w in zip(header, widths, strict=True))
    print(line.rstrip())
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(f"{c:<{w}}" for c, w in zip(row, widths, strict=True)).rstrip())


def _dump(value: Any) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False, default=str))


def _plain(record: Any) -> dict[str, Any]:
    from .convert import converter
    from .dataset import table_of

    data: dict[str, Any] = converter().unstructure(record)
    return {"table": table_of(record), **data}


def _tables() -> tuple[str, ...]:
    from .dataset import RECORD_TYPES

    return tuple(RECORD_TYPES)


def _label(record: Any) -> str:
    for attr in ("title", "name"):
        value = getattr(record, attr, None)
        if isinstance(value, str):
            return value
    if hasattr(record, "amount"):
        direction = f" {record.direction.value}" if record.direction else ""
        return f"{record.subject.value}{direction} {record.measure.value}"
    if hasattr(record, "problem"):
        return f"{record.kind.value}: {record.record}.{record.field}"
    return ""


def _closest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=3)
    return f"; did you mean {', '.join(close)}?" if close else ""


# --- commands -----------------------------------------------------------------------


def _summary(ds: Dataset, args: argparse.Namespace) -> int:
    info = {"version": __version__, "data_version": DATA_VERSION, **ds.summary()}
    if args.json:
        _dump(info)
        return 0
    print(f"kzcn {__version__}, data {DATA_VERSION}")
    print(f"dated records span {info['first']} .. {info['last']}")
    print()
    _print_table(("table", "records"), info["tables"].items())
    print()
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


def _filtered(ds: Dataset, args: argparse.Namespace) -> Table[Any]:
    from .dataset import RECORD_TYPES

    if args.table not in RECORD_TYPES:
        raise UsageError(f"unknown table {args.table!r}{_closest(args.table, RECORD_TYPES)}")
    table: Table[Any] = ds.tables[args.table]
    import attrs

    fields = [f.name for f in attrs.fields(RECORD_TYPES[args.table])]
    for condition in args.where:
        name, sep, value = condition.partition("=")
        if not sep:
            raise UsageError(f"--where needs FIELD=VALUE, got {condition!r}")
        if name not in fields:
            raise UsageError(f"{args.table} has no field {name!r}{_closest(name, fields)}")
        table = table.where(**{name: _coerce(value)})
    if args.source:
        if args.source not in ds.sources:
            raise UsageError(
                f"unknown source {args.source!r}{_closest(args.source, ds.sources.ids)}"
            )
        table = table.by_source(args.source)
    if args.start or args.end:
        table = table.between(args.start or "0001", args.end or "9999")
    return table


def _coerce(value: str) -> object:
    return int(value) if value.isdigit() and len(value) < 4 else value


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
        rows.append((record.id, period or "", _label(record), extra))
    _print_table(("id", "date", "what", "amount"), rows)
    print(f"{len(table)} records")
    return 0


def _show(ds: Dataset, args: argparse.Namespace) -> int:
    import attrs

    from .records import links

    record = ds.get(args.id)
    if record is None:
        ids = [i for table in ds.tables.values() for i in table.ids]
        raise UsageError(f"no record {args.id!r}{_closest(args.id, ids)}")
    data = _plain(record)
    if args.json:
        _dump(data)
        return 0
    print(f"{type(record).__name__} {args.id}")
    for field in attrs.fields(type(record)):
        value = data.get(field.name)
        if field.name in ("id", "citations") or value in (None, "", [], ()):
            continue
        print(f"  {field.name}: {value}")
    linked = [(f, t) for f, t, _ in links(record)]
    if linked:
        print("links:")
        for field, target in linked:
            print(f"  {field} -> {target}: {_label(ds.get(target))}")
    for citation in getattr(record, "citations", ()):
        print(f"cited by {citation.source}:")
        print(f"  “{citation.evidence}”")
    referring = [r for t in ds.tables.values() for r in t.involving(args.id)]
    if referring:
        print("linked from:")
        for other in referring:
            print(f"  {other.id}: {_label(other)}")
    return 0


def _search(ds: Dataset, args: argparse.Namespace) -> int:
    from .query import fold

    needle = fold(args.text)
    found = []
    for name, table in ds.tables.items():
        for record in table:
            names = [_label(record), *getattr(record, "names", lambda: ())()]
            if any(needle in fold(n) for n in names if n):
                found.append((name, record.id, _label(record)))
    if args.json:
        _dump([{"table": t, "id": i, "label": label} for t, i, label in found])
        return 0
    if not found:
        print(f"nothing matches {args.text!r}")
        return 0
    _print_table(("table", "id", "name or title"), found)
    return 0


def _timeline(ds: Dataset, args: argparse.Namespace) -> int:
    if args.person and args.person not in ds.people:
        raise UsageError(f"unknown person {args.person!r}{_closest(args.person, ds.people.ids)}")
    entries = ds.timeline(args.start, args.end, person=args.person)
    if args.json:
        _dump([{"period": str(e.period), "table": e.table, "id": e.record.id} for e in entries])
        return 0
    _print_table(
        ("date", "table", "id", "what"),
        [(e.period, e.table, e.record.id, _label(e.record)) for e in entries],
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
    figures = ds.figures.series(
        subject,
        direction=pick(Direction, args.direction, "direction"),
        kind=kind,
        measure=pick(Measure, args.measure, "measure"),
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
                ", ".join(c.source for c in f.citations),
                f.id,
            )
            for f in figures
        ],
    )
    return 0


def _errata(ds: Dataset, args: argparse.Namespace) -> int:
    if args.json:
        _dump([_plain(e) for e in ds.errata])
        return 0
    for erratum in ds.errata:
        check = f" [check {erratum.check}]" if erratum.check else ""
        print(f"{erratum.id} ({erratum.kind.value}) on {erratum.record}.{erratum.field}{check}")
        print(f"  source says: “{erratum.citations[0].evidence}”")
        print(f"  problem: {erratum.problem}")
        print(f"  reading: {erratum.reading}")
        print()
    print(f"{len(ds.errata)} errata")
    return 0


def _finding_json(finding: Finding) -> dict[str, Any]:
    def interval(value: Any) -> list[float] | None:
        return None if value is None else [value.lo, value.hi]

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
        print(f"{severity.value.upper()} ({len(group)})")
        for finding in group:
            mark = f"  [acknowledged: {', '.join(finding.acknowledged_by)}]"
            print(f"  {finding.check}: {', '.join(finding.records)}")
            print(f"    {finding.message}" + (mark if finding.acknowledged else ""))
    acknowledged = len(findings) - len(open_)
    print(
        f"{len(findings)} findings: {len(open_)} open, {acknowledged} acknowledged by errata; "
        + ("FAILED" if failed else "OK")
    )
    return 1 if failed else 0


def _export(ds: Dataset, args: argparse.Namespace) -> int:
    try:
        from .export import export
    except ImportError as exc:  # pragma: no cover - export ships with the package
        raise UsageError(str(exc)) from None
    try:
        written = export(ds, args.format, args.out)
    except ImportError as exc:
        raise UsageError(str(exc)) from None
    for path in written if isinstance(written, list) else [written]:
        print(path)
    return 0


def _plot(ds: Dataset, args: argparse.Namespace) -> int:
    try:
        from .plot import plot
    except ImportError as exc:
        raise UsageError(str(exc)) from None
    try:
        print(plot(ds, args.chart, args.out))
    except ImportError as exc:
        raise UsageError(str(exc)) from None
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
    "export": _export,
    "plot": _plot,
}


def _load(paths: Sequence[str]) -> Dataset:
    from .errors import DataError
    from .loader import load

    try:
        return load(extra=paths)
    except DataError as exc:
        print(f"kzcn: {exc}", file=sys.stderr)
        raise SystemExit(1) from None


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        args.command, args.json = "summary", False
    missing = [p for p in args.data if not os.path.exists(p)]
    if missing:
        print(f"kzcn: error: no such data file: {', '.join(missing)}", file=sys.stderr)
        return 2
    ds = _load(args.data)
    try:
        return COMMANDS[args.command](ds, args)
    except UsageError as exc:
        print(f"kzcn: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `kzcn list figures | head`: the reader left, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
