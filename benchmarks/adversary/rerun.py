"""Run the adversary's cases and print each outcome (see harness.py)."""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import harness

MODULES = [
    "cases_links",
    "cases_bounds",
    "cases_evidence",
    "cases_toml",
    "cases_exports",
    "cases_files",
    "cases_cite",
    "cases_scale",
]


def main(argv: list[str]) -> int:
    wanted = argv or MODULES
    for name in wanted:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
    from judged import JUDGED

    counts: dict[tuple[str, str], int] = {}
    bad = 0
    for c in harness.CASES:
        folder = harness.tmpdir()
        start = time.monotonic()
        try:
            c.result = c.run(folder)
        except Exception as error:
            c.result = harness.Outcome("crash", f"harness: {type(error).__name__}: {error}")
        took = time.monotonic() - start
        ok = c.expect(c.result)
        judged = "right" if ok else JUDGED.get(c.name, ("unjudged", ""))[0]
        counts[c.family, judged] = counts.get((c.family, judged), 0) + 1
        bad += judged != "right"
        mark = "ok  " if ok else "FAIL"
        print(f"{mark} [{c.family}] {c.name} ({took:.1f}s): {c.result.kind} -> {judged}")
        if not ok or "-v" in sys.argv:
            print("      " + c.result.detail.replace("\n", "\n      ")[:1500])
    print(f"{len(harness.CASES)} cases, {bad} not right")
    for family in dict.fromkeys(c.family for c in harness.CASES):
        row = {k: n for (f, k), n in counts.items() if f == family}
        print(f"  {family}: " + ", ".join(f"{k} {n}" for k, n in sorted(row.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main([a for a in sys.argv[1:] if a != "-v"]))
