"""The ``kzcn`` command (also ``python -m kzcn``).

Exit codes: 0 success, 1 unacknowledged findings (``check``) or bad data, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from ._version import DATA_VERSION, __version__

if TYPE_CHECKING:
    from .checks import Finding
    from .query import Dataset

EPILOG = """examples:
  kzcn                      summary of the dataset
  kzcn check                run the consistency checks
  kzcn check --json --strict
  kzcn show trade-2018      one record with its links and evidence
  kzcn --data mine.toml check   check your own records with the shipped ones
"""


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
    summary = commands.add_parser("summary", help="tables, counts, sources, date range")
    summary.add_argument("--json", action="store_true", help="print JSON")
    checker = commands.add_parser("check", help="run the consistency checks")
    checker.add_argument("--json", action="store_true", help="print JSON")
    checker.add_argument("--strict", action="store_true", help="warnings fail too")
    checker.add_argument("--all", action="store_true", help="also list acknowledged findings")
    show = commands.add_parser("show", help="one record, its links and its evidence")
    show.add_argument("id")
    show.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _load(paths: Sequence[str]) -> Dataset:
    from .errors import DataError
    from .loader import load

    try:
        return load(extra=paths)
    except DataError as exc:
        print(f"kzcn: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    except FileNotFoundError as exc:
        print(f"kzcn: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def _summary(ds: Dataset, as_json: bool) -> int:
    info = ds.summary()
    info = {"version": __version__, "data_version": DATA_VERSION, **info}
    if as_json:
        print(json.dumps(info, indent=2))
        return 0
    print(f"kzcn {__version__}, data {DATA_VERSION}")
    print(f"dated records span {info['first']} .. {info['last']}")
    print()
    width = max(len(name) for name in info["tables"])
    for name, count in info["tables"].items():
        print(f"  {name:<{width}}  {count:>4}")
    print()
    print("sources:")
    for source in ds.sources:
        cited = sum(len(t.by_source(source.id)) for n, t in ds.tables.items() if n != "sources")
        print(f"  {source.id:<42} {source.published!s:<10} {cited:>4} records")
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


def _check(ds: Dataset, as_json: bool, strict: bool, show_all: bool) -> int:
    from .checks import Severity

    findings = ds.check()
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    open_ = [f for f in findings if not f.acknowledged]
    failed = any(f.severity in failing for f in open_)
    if as_json:
        print(json.dumps([_finding_json(f) for f in findings], indent=2))
        return 1 if failed else 0
    for severity in Severity:
        group = [f for f in findings if f.severity is severity and (show_all or not f.acknowledged)]
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


def _show(ds: Dataset, record_id: str, as_json: bool) -> int:
    import attrs

    from .loader import converter

    record = ds.get(record_id)
    if record is None:
        import difflib

        ids = [i for table in ds.tables.values() for i in table.ids]
        close = difflib.get_close_matches(record_id, ids, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        print(f"kzcn: no record {record_id!r}{hint}", file=sys.stderr)
        return 2
    data = converter().unstructure(record)
    if as_json:
        print(json.dumps(data, indent=2, ensure_ascii=False, default=str))
        return 0
    print(f"{type(record).__name__} {record_id}")
    for field in attrs.fields(type(record)):
        if field.name in ("id", "citations"):
            continue
        value = data.get(field.name)
        if value in (None, "", [], ()):
            continue
        print(f"  {field.name}: {value}")
    for citation in getattr(record, "citations", ()):
        print(f"  cited: {citation.source}")
        print(f"    “{citation.evidence}”")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "summary"
    ds = _load(args.data)
    if command == "summary":
        return _summary(ds, getattr(args, "json", False))
    if command == "check":
        return _check(ds, args.json, args.strict, args.all)
    if command == "show":
        return _show(ds, args.id, args.json)
    raise AssertionError(command)  # pragma: no cover - argparse restricts commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
