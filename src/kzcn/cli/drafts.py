"""The commands for new texts: ``draft`` reads one into candidate records, ``review``
marks them checked."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .arguments import check_output_place
from .errors import OutputError, UsageError
from .output import dump, say

if TYPE_CHECKING:
    from ..dataset import Dataset


def draft_command(ds: Dataset, args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..draft.run import DraftError, draft_file, write

    out = Path(args.out) if args.out is not None else None
    if out is not None:
        if out.is_dir():  # --force would not make a folder a file
            raise OutputError(f"--out {args.out}: is a folder, not a file")
        check_output_place("--out", args.out)
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
        dump({"out": None if out is None else str(out), "drafted": counts})
    elif out is None:
        sys.stdout.write(text)
    else:
        drafted = ", ".join(f"{n} {t}" for t, n in counts.items())
        say(f"{out}: {drafted}, all to review (kzcn --data {out} check)")
    return 0


def review_command(ds: Dataset, args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..draft.review import drafts_in, mark_reviewed
    from ..draft.run import DraftError

    path = Path(args.file)
    if args.all and args.ids:  # which did the user mean? --all marked every draft
        raise UsageError("review: give --id ID (repeat) or --all, not both")
    try:
        if args.all or args.ids:
            marked = mark_reviewed(path, None if args.all else args.ids)
        elif sys.stdin is not None and sys.stdin.isatty():  # None: stdin closed (<&-)
            marked = mark_reviewed(path, _ask(drafts_in(path)))
        else:
            raise UsageError("review: give --id ID (repeat) or --all, or run it in a terminal")
    except DraftError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        dump({"file": str(path), "reviewed": marked})
    else:
        say(f"{path}: {len(marked)} marked reviewed")
    return 0


def _ask(drafted: Sequence[tuple[str, dict[str, Any]]]) -> list[str]:
    """Show each draft with its sentence and ask whether it was checked."""
    chosen: list[str] = []
    for table, row in drafted:
        say(f"\n{table} {row['id']}")
        for key, value in row.items():
            if key not in ("id", "citations", "confidence", "review"):
                say(f"  {key}: {value}")
        for citation in row.get("citations", ()):
            say(f"  evidence: {citation.get('evidence')}")
        try:
            answer = input("checked against its sentence? [y/N/q] ").strip().casefold()
        except EOFError:  # Ctrl-D: as q, the drafts chosen so far are marked
            say()
            break
        if answer == "q":
            break
        if answer == "y":
            chosen.append(str(row["id"]))
    return chosen
