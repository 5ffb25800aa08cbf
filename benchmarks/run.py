"""Benchmarks: whole-process times of kzcn against reference libraries, as ratios.

Each case runs a small program in a fresh interpreter, alternating kzcn and its
reference, and compares the medians. Timing is never asserted in tests; this script
reports. Usage: ``python benchmarks/run.py [--quick] [CASE ...]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence

#: case -> (kzcn program, reference program, goal for the ratio)
CASES: dict[str, tuple[str, str, float]] = {
    "import": ("import kzcn", "import attrs", 1.1),
    "load": (
        "import kzcn; ds = kzcn.load(); ds.places['astana']; ds.places.lookup('Nur-Sultan')",
        "import cattrs",
        1.25,
    ),
    "check": ("import kzcn; kzcn.load().check()", "import pint; pint.UnitRegistry()", 1.0),
}


def _time(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def measure(ours: str, reference: str, runs: int) -> tuple[float, float]:
    """Median whole-process seconds of each program, alternating runs."""
    _time(ours), _time(reference)  # warm the file cache
    a, b = [], []
    for _ in range(runs):
        a.append(_time(ours))
        b.append(_time(reference))
    return statistics.median(a), statistics.median(b)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("cases", nargs="*", metavar="CASE", help=f"any of {', '.join(CASES)}")
    parser.add_argument("--quick", action="store_true", help="5 runs instead of 15")
    args = parser.parse_args(argv)
    runs = 5 if args.quick else 15
    unknown = sorted(set(args.cases) - set(CASES))
    if unknown:
        parser.error(f"unknown case {', '.join(unknown)}; choose from {', '.join(CASES)}")
    print(f"{'case':<8} {'kzcn s':>8} {'ref s':>8} {'ratio':>6} {'goal':>5}  reference")
    for name in args.cases or CASES:
        ours, reference, goal = CASES[name]
        t_ours, t_ref = measure(ours, reference, runs)
        ratio = t_ours / t_ref
        mark = "ok" if ratio <= goal else "over"
        print(
            f"{name:<8} {t_ours:8.3f} {t_ref:8.3f} {ratio:6.2f} {goal:5.2f}  {reference} [{mark}]"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
