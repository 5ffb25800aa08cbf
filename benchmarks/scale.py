"""Scale benchmark: load and check times, and load memory, on synthetic datasets.

For each size, :mod:`generate` writes a synthetic dataset into a temporary directory
and a fresh interpreter measures it, so no size inherits the heap of another:

- load: ``load_records(read_files(paths))`` then ``Dataset.from_records``;
- check: ``run_checks`` on that dataset;

both timed with ``time.perf_counter`` (the median of 5 runs up to 10k records, of 3 up
to 100k). Peak memory is measured with ``tracemalloc`` in a separate load, so tracing
never slows the timed runs, and first, as a program that loads the data once sees it; it
covers everything the load allocates, the text of the files included, and is given per
record and per figure. The number of Python function
calls of one load and one check (counted with ``cProfile``) is the machine-independent
measure of the work done: its ratio shows whether a step grows faster than the data.
A figures-only dataset of the largest size gives the memory of one figure record.

Goals: t(100k) / t(10k) <= 11 for load and for check (nothing quadratic), and at most
1.5 KB of peak load memory per figure record.

The checks' worst case is measured apart: ``--concentrated N`` (20,000 by default)
figures of one measure, period and source, half of them contradicting the other half,
must check in at most twice the time of N figures spread as ``generate``'s
``mix="figures"`` spreads them (checks that compared all pairs took 66 s for 2,000).

Usage: ``python benchmarks/scale.py [--sizes 1000 10000 100000] [--seed 0]
[--write docs/performance.md]``; ``--profile N`` prints a cProfile of the load and of
the checks at size ``N`` instead.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import itertools
import json
import os
import platform
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from generate import generate  # benchmarks/generate.py, next to this script

import kzcn
from kzcn import parsing
from kzcn.checks import run_checks
from kzcn.dataset import Dataset
from kzcn.loader import data_files, load_records, read_files, stream_files

T = TypeVar("T")

#: Goals of the benchmark: time ratio for a tenfold size, and peak bytes per figure.
RATIO_GOAL = 11.0
#: The time goal applies from this size up (below it, fixed costs still weigh).
GOAL_FROM = 10_000
BYTES_PER_FIGURE_GOAL = 1536
#: Goal of the concentrated case: check time at most this times that of spread figures.
CONCENTRATED_GOAL = 2.0


def load(paths: Sequence[Path]) -> Dataset:
    """What ``kzcn.load`` does, on the given files."""
    return Dataset.from_records(load_records(stream_files(paths)))


def runs_for(size: int) -> int:
    """Timed runs per size: the median of 5 up to 10k records, of 3 up to 100k, else 1."""
    return 5 if size <= 10_000 else 3 if size <= 100_000 else 1


def timed(function: Callable[[], T], runs: int) -> tuple[float, T]:
    """Median seconds of ``runs`` calls, and the last result."""
    times = []
    result: Any = None
    for _ in range(runs):
        result = None
        gc.collect()
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def counted(function: Callable[[], T]) -> tuple[int, T]:
    """Python function calls made by one call of ``function``, and its result."""
    profiler = cProfile.Profile()
    result = profiler.runcall(function)
    calls: int = pstats.Stats(profiler).total_calls  # type: ignore[attr-defined]
    return calls, result


def peak_memory(paths: Sequence[Path]) -> tuple[int, int]:
    """(peak, retained) bytes that ``tracemalloc`` sees during one load, reading the
    files included: their text is held until the load ends."""
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        ds = load(paths)
        retained, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del ds
    return peak, retained


def measure_directory(
    directory: Path, runs: int, *, timing: bool, checks_only: bool = False
) -> dict[str, Any]:
    """Everything measured on one dataset, in this interpreter (``checks_only``: the
    time of the checks and their findings, nothing else)."""
    # Import everything and build the converter once, untimed; the package's own files
    # are loaded through the loader (kzcn.load() may answer from its cache instead).
    load(data_files()).check()
    paths = sorted(directory.glob("*.toml"))
    row: dict[str, Any] = {"files": len(paths), "runs": runs}
    if checks_only:
        ds = load(paths)
        row["check"], findings = timed(lambda: run_checks(ds), runs)
        row["findings"] = len(findings)
        row["records"] = sum(len(table) for table in ds.tables.values())
        row["figures"] = len(ds.figures)
        return row
    # Memory first, as a program that loads the dataset once sees it (repeated loads
    # leave the interpreter's tables of interned strings bigger, with holes).
    row["peak"], row["retained"] = peak_memory(paths)
    if timing:
        # The yardstick: what the standard library alone takes to read and parse
        # the same files (the load must not take longer, with every check it makes).
        row["tomllib"], _ = timed(
            lambda: [tomllib.loads(p.read_text("utf-8")) for p in paths], runs
        )
        row["parser"] = parsing.parser()
        row["load"], ds = timed(lambda: load(paths), runs)
        row["check"], findings = timed(lambda: run_checks(ds), runs)
        row["findings"] = len(findings)
        del ds, findings  # free them before counting calls and measuring memory
        row["load_calls"], ds = counted(lambda: load(paths))
        row["check_calls"], _ = counted(lambda: run_checks(ds))
        del ds, _
    else:
        row["findings"] = None
    counts = {name: len(table) for name, table in load(paths).tables.items()}
    row["records"] = sum(counts.values())
    row["figures"] = counts["figures"]
    row["text"] = sum(sys.getsizeof(text) for _, text in read_files(paths))
    return row


def measure(
    size: int, seed: int, mix: str = "real", *, timing: bool = True, checks_only: bool = False
) -> dict[str, Any]:
    """Generate ``size`` records, then measure them in a fresh interpreter."""
    with tempfile.TemporaryDirectory(prefix=f"kzcn-scale-{size}-") as tmp:
        generate(size, Path(tmp), seed, mix=mix)
        command = [sys.executable, __file__, "--measure", tmp, "--runs", str(runs_for(size))]
        if not timing:
            command.append("--no-timing")
        if checks_only:
            command.append("--checks-only")
        done = subprocess.run(command, check=True, capture_output=True, text=True)
    row: dict[str, Any] = json.loads(done.stdout)
    row["size"] = size
    return row


def concentrated(size: int, seed: int) -> list[str]:
    """Check time of ``size`` concentrated figures against as many spread ones; prints
    the comparison and returns it as Markdown lines."""
    spread = measure(size, seed, mix="figures", checks_only=True)
    worst = measure(size, seed, mix="concentrated", checks_only=True)
    ratio = worst["check"] / spread["check"]
    met = ratio <= CONCENTRATED_GOAL
    md = [
        "",
        "| figures | spread: check s | findings | concentrated: check s | findings "
        "| ratio | goal |",
        "|---:|---:|---:|---:|---:|---:|---|",
        f"| {worst['figures']} | {spread['check']:.3f} | {spread['findings']} "
        f"| {worst['check']:.3f} | {worst['findings']} | {ratio:.2f} "
        f"| ≤ {CONCENTRATED_GOAL:.0f} ({'met' if met else 'over'}) |",
    ]
    print(
        f"concentrated: {worst['figures']} figures of one measure check in {worst['check']:.3f} s "
        f"({worst['findings']} findings), spread in {spread['check']:.3f} s "
        f"({spread['findings']} findings): ratio {ratio:.2f} "
        f"(goal <= {CONCENTRATED_GOAL:.0f}) [{'ok' if met else 'OVER'}]"
    )
    return md


def report(rows: list[dict[str, Any]], figures_only: dict[str, Any] | None) -> list[str]:
    """Print the results; return them as Markdown lines for ``--write``."""
    print(
        f"{'records':>8} {'figures':>7} {'files':>5} {'runs':>4} {'load s':>7} {'check s':>7} "
        f"{'findings':>8} {'load calls':>10} {'check calls':>11} {'peak MB':>7} "
        f"{'B/record':>8} {'B/figure':>8} {'tomllib s':>9} {'load/toml':>9} {'chk/load':>8}"
    )
    md = [
        "| records | figures | files | runs | load s | check s | findings | load calls "
        "| check calls | peak MB | peak B/record | peak B/figure | tomllib s | load / tomllib "
        "| check / load |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        cells = (
            f"{row['records']}",
            f"{row['figures']}",
            f"{row['files']}",
            f"{row['runs']}",
            f"{row['load']:.3f}",
            f"{row['check']:.3f}",
            f"{row['findings']}",
            f"{row['load_calls']}",
            f"{row['check_calls']}",
            f"{row['peak'] / 2**20:.1f}",
            f"{row['peak'] / row['records']:.0f}",
            f"{row['peak'] / max(row['figures'], 1):.0f}",
            f"{row['tomllib']:.3f}",
            f"{row['load'] / row['tomllib']:.2f}",
            f"{row['check'] / row['load']:.2f}",
        )
        widths = (8, 7, 5, 4, 7, 7, 8, 10, 11, 7, 8, 8, 9, 9, 8)
        print(" ".join(cell.rjust(width) for cell, width in zip(cells, widths, strict=True)))
        md.append("| " + " | ".join(cells) + " |")
    by_size = {row["size"]: row for row in rows}
    print()
    md += ["", "| ratio | time | function calls | goal |", "|---|---:|---:|---|"]
    for small, big in itertools.pairwise(sorted(by_size)):
        for key in ("load", "check"):
            ratio = by_size[big][key] / by_size[small][key]
            calls = by_size[big][f"{key}_calls"] / by_size[small][f"{key}_calls"]
            line = f"t({big})/t({small}) {key:<5} = {ratio:5.1f}   calls ratio {calls:5.2f}"
            verdict = "-"
            if small >= GOAL_FROM:
                goal = RATIO_GOAL * big / small / 10
                mark = "ok" if ratio <= goal else "OVER"
                line += f"   (goal <= {goal:.0f}) [{mark}]"
                verdict = f"≤ {goal:.0f} ({'met' if ratio <= goal else 'over'})"
            print(line)
            md.append(f"| {key} {big} / {small} | {ratio:.1f} | {calls:.2f} | {verdict} |")
    if figures_only is not None:
        per_figure = figures_only["peak"] / figures_only["figures"]
        met = per_figure <= BYTES_PER_FIGURE_GOAL
        text = figures_only["text"] / figures_only["figures"]
        kept = figures_only["retained"] / figures_only["figures"]
        print(
            f"figures-only dataset of {figures_only['records']} records: peak "
            f"{figures_only['peak'] / 2**20:.1f} MB = {per_figure:.0f} B per figure "
            f"(goal <= {BYTES_PER_FIGURE_GOAL}) [{'ok' if met else 'OVER'}]; of which "
            f"{text:.0f} B of file text; {kept:.0f} B kept after the load"
        )
        md += [
            "",
            f"Figures only ({figures_only['records']} records, {figures_only['figures']} "
            f"figures): peak {per_figure:.0f} B per figure, goal ≤ {BYTES_PER_FIGURE_GOAL} "
            f"({'met' if met else 'over'}); of that, {text:.0f} B is the text of the files "
            f"and {kept:.0f} B stays allocated after the load.",
        ]
    return md


BEGIN, END = "<!-- scale.py: begin -->", "<!-- scale.py: end -->"


def write(page: Path, lines: list[str], seed: int) -> None:
    """Put the results between this script's markers in ``page`` (or append them)."""
    machine = (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    block = "\n".join([BEGIN, f"Synthetic data (seed {seed}) on {machine}.", "", *lines, END])
    text = page.read_text(encoding="utf-8") if page.exists() else "# Performance\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip() + "\n\n## Scale\n\n" + block + "\n"
    page.write_text(text, encoding="utf-8")


def profile(size: int, seed: int, top: int) -> None:
    with tempfile.TemporaryDirectory(prefix=f"kzcn-profile-{size}-") as tmp:
        directory = Path(tmp)
        generate(size, directory, seed)
        paths = sorted(directory.glob("*.toml"))
        ds = load(paths)  # warm up; the checks run on this dataset
        runs: tuple[tuple[str, Callable[[], object]], ...] = (
            ("load", lambda: load(paths)),
            ("check", lambda: run_checks(ds)),
        )
        for label, run in runs:
            profiler = cProfile.Profile()
            profiler.enable()
            run()
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
            print(f"=== {label}, {size} records ===")
            print(out.getvalue())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--no-figures-only", action="store_true", help="skip the figures-only memory run"
    )
    parser.add_argument(
        "--concentrated",
        type=int,
        default=20_000,
        metavar="N",
        help="figures of the checks' worst case, against as many spread ones (0: skip)",
    )
    parser.add_argument("--profile", type=int, metavar="N", help="profile size N and exit")
    parser.add_argument("--top", type=int, default=30, help="rows of the profile")
    parser.add_argument("--write", metavar="PAGE", help="also write the table into this page")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the child's job
    parser.add_argument("--runs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--no-timing", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--checks-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        row = measure_directory(
            args.measure, args.runs, timing=not args.no_timing, checks_only=args.checks_only
        )
        print(json.dumps(row))
        return 0
    if args.profile:
        profile(args.profile, args.seed, args.top)
        return 0
    print(f"kzcn {kzcn.__version__}, Python {sys.version.split()[0]}, seed {args.seed}")
    rows = []
    for size in sorted(args.sizes):
        rows.append(measure(size, args.seed))
        print(f"  measured {size} records", file=sys.stderr)
    figures_only = None
    if not args.no_figures_only:
        figures_only = measure(max(args.sizes), args.seed, mix="figures", timing=False)
    lines = report(rows, figures_only)
    if args.concentrated:
        lines += concentrated(args.concentrated, args.seed)
    if args.write:
        write(Path(args.write), lines, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
