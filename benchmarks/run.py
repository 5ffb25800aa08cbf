"""Benchmarks: whole-process times of kzcn against reference libraries, as ratios.

Each case runs a small program in a fresh interpreter, alternating kzcn and its
reference in the same run, and compares the medians; timing is never asserted in the
tests, this script reports. Reference libraries that are not installed are skipped
(install them with ``pip install pycountry holidays`` to get every ratio).

Usage: ``python benchmarks/run.py [--quick] [--write docs/performance.md] [CASE ...]``
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

LOAD = "import kzcn; ds = kzcn.load(); ds.places['astana']; ds.places.lookup('Nur-Sultan')"

#: case -> (kzcn program, reference program, goal for the ratio, module the reference needs)
CASES: dict[str, tuple[str, str, float, str]] = {
    "import": ("import kzcn", "import attrs", 0.6, "attrs"),
    "load": (LOAD, "import cattrs", 1.25, "cattrs"),
    "check": ("import kzcn; kzcn.load().check()", "import pint; pint.UnitRegistry()", 0.5, "pint"),
    "pycountry": (
        LOAD,
        "import pycountry; pycountry.countries.get(alpha_2='KZ')",
        1.0,
        "pycountry",
    ),
    "holidays": (LOAD, "import holidays; holidays.KZ()", 1.0, "holidays"),
}

BEGIN, END = "<!-- run.py: begin -->", "<!-- run.py: end -->"


def _time(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def measure(ours: str, reference: str, runs: int) -> tuple[float, float]:
    """Median whole-process seconds of each program over alternating runs."""
    _time(ours), _time(reference)  # warm the file cache and the data cache
    a, b = [], []
    for _ in range(runs):
        a.append(_time(ours))
        b.append(_time(reference))
    return statistics.median(a), statistics.median(b)


def _machine() -> str:
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("cases", nargs="*", metavar="CASE", help=f"any of {', '.join(CASES)}")
    parser.add_argument("--quick", action="store_true", help="5 runs each instead of 15")
    parser.add_argument("--write", metavar="PAGE", help="also write the table into this page")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.cases) - set(CASES))
    if unknown:
        parser.error(f"unknown case {', '.join(unknown)}; choose from {', '.join(CASES)}")
    runs = 5 if args.quick else 15
    header = "| case | kzcn (s) | reference (s) | ratio | goal | reference program |"
    lines = [header, "|---|---|---|---|---|---|"]
    print(f"{'case':<10} {'kzcn s':>8} {'ref s':>8} {'ratio':>6} {'goal':>5}  reference")
    for name in args.cases or CASES:
        ours, reference, goal, module = CASES[name]
        if importlib.util.find_spec(module) is None:
            print(f"{name:<10} skipped: {module} is not installed")
            continue
        t_ours, t_ref = measure(ours, reference, runs)
        ratio = t_ours / t_ref
        mark = "met" if ratio <= goal else "over"
        print(
            f"{name:<10} {t_ours:8.3f} {t_ref:8.3f} {ratio:6.2f} {goal:5.2f}  {reference} [{mark}]"
        )
        lines.append(
            f"| {name} | {t_ours:.3f} | {t_ref:.3f} | {ratio:.2f} | ≤ {goal} ({mark}) "
            f"| `{reference}` |"
        )
    if args.write:
        _write(Path(args.write), lines, runs)
    return 0


def _write(page: Path, lines: list[str], runs: int) -> None:
    block = "\n".join(
        [
            BEGIN,
            f"Whole-process times, median of {runs} alternating runs, on {_machine()}.",
            "",
            *lines,
            END,
        ]
    )
    text = page.read_text(encoding="utf-8") if page.exists() else "# Performance\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip() + "\n\n## Start-up and whole-job ratios\n\n" + block + "\n"
    page.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
