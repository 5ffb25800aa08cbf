"""The commands that write or compare files: ``export``, ``plot``, ``cite``, ``diff``
and ``releases``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .._version import DATA_VERSION
from .arguments import check_output_place
from .errors import OutputError, UsageError, closest
from .output import dump, note, print_table, say

if TYPE_CHECKING:
    from ..dataset import Dataset


def export_command(ds: Dataset, args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..export import export

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {args.out}: is a file, not a folder")
    check_output_place("--out", args.out)
    try:
        written = export(ds, args.format, out)
    except ImportError as exc:
        raise UsageError(str(exc)) from None
    paths = [str(p) for p in (written if isinstance(written, list) else [written])]
    if args.json:
        dump({"format": args.format, "files": paths})
        return 0
    for path in paths:
        say(path, newlines=False)
    return 0


def plot_command(ds: Dataset, args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..plot import chart_format, plot

    out = Path(args.out)
    try:
        chart_format(out)
    except ValueError as exc:
        raise UsageError(f"--out {args.out}: {exc}") from None
    if out.is_dir():
        raise OutputError(f"--out {args.out}: is a folder, not a file")
    check_output_place("--out", args.out)
    try:
        # The view chosen on the command line is the one drawn: `ds` is already that
        # view, and the chart is told so (its default would resolve the claims again).
        written = plot(ds, args.chart, out, resolved=ds.is_resolved)
    except ImportError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        dump({"chart": args.chart, "file": str(written)})
        return 0
    say(written, newlines=False)
    return 0


def cite_command(ds: Dataset, args: argparse.Namespace) -> int:
    from ..cite import DATASET, cite

    if args.dataset or args.id is None:
        if args.id not in (None, DATASET):
            raise UsageError(f"cite --dataset takes no id (got {args.id!r})")
        args.id = DATASET
    elif args.id != DATASET and ds.get(args.id) is None:
        ids = [i for t in ds.tables.values() for i in t.ids]
        raise UsageError(f"no record {args.id!r}{closest(args.id, ids)}")
    if args.id == DATASET and ds.get(DATASET) is not None:
        # The reserved word wins (as the help says); the user learns why their record
        # was not cited.
        note(
            f"{DATASET!r} names the dataset, so this cites the dataset, not the record "
            f"{DATASET!r} of your data (give that record another id to cite it)"
        )
    text = cite(ds, args.id, args.cite_format)
    if args.json:
        dump({"id": args.id, "format": args.cite_format, "citation": text})
    else:
        say(text)
    return 0


def diff_command(ds: Dataset, args: argparse.Namespace) -> int:
    from ..diff import diff, read_ids
    from ..errors import DataError

    if args.json and args.markdown:  # --json printed, --markdown dropped unsaid
        raise UsageError("diff: give --json or --markdown, not both")
    try:
        found = diff(args.old, args.new)
        if args.ids is not None:
            found = found.only(read_ids(args.ids))
    except DataError:
        raise  # a folder the loader refuses: reported as bad data always is (exit 1)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        dump(found.as_dict())
    else:
        say(found.markdown() if args.markdown else found.text())
    # With --ids the command is a test a paper's CI can run: 1 when a cited id changed.
    return 1 if args.ids is not None and not found.empty else 0


def releases_command(ds: Dataset, args: argparse.Namespace) -> int:
    from ..content import dataset_hash
    from ..releases import release_hash, release_names

    rows = [(name, release_hash(name)) for name in release_names()]
    installed = (f"installed ({DATA_VERSION})", dataset_hash(ds))
    if args.json:
        dump(
            {
                "releases": [{"data_version": n, "data_sha256": h} for n, h in rows],
                "installed": {"data_version": DATA_VERSION, "data_sha256": installed[1]},
            }
        )
        return 0
    print_table(("release", "data sha256"), [*rows, installed])
    return 0
