"""The commands that check: ``check`` (the consistency checks) and ``verify`` (the
source texts and every citation)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .output import dump, say

if TYPE_CHECKING:
    from ..checks import Finding
    from ..dataset import Dataset


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


def check_command(ds: Dataset, args: argparse.Namespace) -> int:
    from ..checks import Severity

    findings = ds.check()
    failing = {Severity.ERROR, Severity.WARNING} if args.strict else {Severity.ERROR}
    open_ = [f for f in findings if not f.acknowledged]
    failed = any(f.severity in failing for f in open_)
    if args.json:
        dump([_finding_json(f) for f in findings])
        return 1 if failed else 0
    for severity in Severity:
        group = [f for f in findings if f.severity is severity and (args.all or not f.acknowledged)]
        if not group:
            continue
        say(f"{severity.value.upper()} ({len(group)})")
        for finding in group:
            mark = f"  [acknowledged: {', '.join(finding.acknowledged_by)}]"
            say(f"  {finding.check}: {some(finding.records)}")
            say(f"    {finding.message}" + (mark if finding.acknowledged else ""))
    acknowledged = len(findings) - len(open_)
    say(
        f"{len(findings)} findings: {len(open_)} open, {acknowledged} acknowledged by errata; "
        + ("FAILED" if failed else "OK")
    )
    return 1 if failed else 0


#: Records of one finding named in the terminal; --json lists them all.
RECORDS_SHOWN = 20


def some(records: tuple[str, ...]) -> str:
    """A finding's records, the first few of a long group (20,000 figures in conflict
    made one line of 169 KB) and how many more."""
    shown = ", ".join(records[:RECORDS_SHOWN])
    more = len(records) - RECORDS_SHOWN
    return shown + (f" and {more:,} more; --json lists all" if more > 0 else "")


def verify_command(ds: Dataset, args: argparse.Namespace) -> int:
    import os

    from ..verify import verify_texts

    folder = args.verify_texts or args.texts
    if folder is None:
        raise UsageError("verify needs --texts DIR, the folder of the source texts")
    if not os.path.isdir(folder):  # as for kzcn --texts: a usage error, not a failed check
        raise UsageError(f"--texts {folder}: is not a folder of source texts")
    problems = verify_texts(folder, ds)
    cited = sum(len(getattr(r, "citations", ())) for t in ds.tables.values() for r in t)
    if args.json:
        dump({"ok": not problems, "citations": cited, "problems": [str(p) for p in problems]})
        return 1 if problems else 0
    for problem in problems:
        say(f"FAIL {problem}")
    hashed = sum(1 for s in ds.sources if s.sha256)
    verdict = f"{len(problems)} problems" if problems else "OK"
    say(f"{hashed} source texts, {cited} citations: {verdict}")
    return 1 if problems else 0
