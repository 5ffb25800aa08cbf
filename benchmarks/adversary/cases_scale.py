"""Family A: the checks' worst-case time and output on concentrated inputs. Each
scenario builds N records that all fall in one group of one check; time and the size of
`check --json` must grow near-linearly (ratio near 2 from N to 2N, not 4)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from harness import ROOT, SOURCE, Outcome, case

F = "check scale"
PY = sys.executable

EV = 'citations = [{{ source = "my-notes", evidence = "Value {i} billion dollars" }}]'
VEV = 'citations = [{ source = "my-notes", evidence = "The visit took place in Astana in 2023." }]'


def _notes(n: int) -> str:
    return "The visit took place in Astana in 2023. " + " ".join(
        f"Value {i} billion dollars." for i in range(1, n + 2)
    )


def fig(
    i: int,
    extra: str = "",
    period: str = "2024",
    subject: str = "trade",
    measure: str = "",
    amount: str | None = None,
    qual: str = "exact",
) -> str:
    return f"""
[[figures]]
id = "f{i}"
subject = "{subject}"
amount = "{amount or f"{i} billion USD"}"
qualifier = "{qual}"
period = "{period}"
direction = "both"
parties = ["kazakhstan", "china"]
{measure}{extra}{EV.format(i=i)}
"""


def visit(
    i: int,
    extra: str = "",
    kind: str = "state",
    people: str = '"tokayev", "xi-jinping"',
    date: str = "2023",
) -> str:
    return f"""
[[visits]]
id = "v{i}"
title = "Visit {i}"
kind = "{kind}"
date = "{date}"
people = [{people}]
place = "astana"
host = "kazakhstan"
{extra}{VEV}
"""


SCENARIOS = {
    "parts-sum: N parts of one total": lambda n: (
        fig(0, amount="1 billion USD").replace("Value 0 billion", "Value 1 billion")
        + "".join(fig(i, extra='part_of = "f0"\n', amount=f"{i} billion USD") for i in range(1, n))
    ),
    "visit-kind-conflict: N visits, same people/host/date": lambda n: "".join(
        visit(i, kind="state" if i % 2 else "official") for i in range(n)
    ),
    "meeting-ordinal: N visits with ordinals": lambda n: "".join(
        visit(i, extra=f"ordinal = {i % 1000 + 1}\n", date="2023") for i in range(n)
    ),
    "claim-conflict: N claims of one primary": lambda n: (
        visit(0)
        + "".join(
            visit(
                i,
                extra='same_as = "v0"\n',
                kind="official" if i % 2 else "working",
                date=f"20{10 + i % 13}",
            )
            for i in range(1, n)
        )
    ),
    "correction-conflict: N errata on one amount": lambda n: (
        fig(1)
        + "".join(
            f"""
[[errata]]
id = "e{i}"
kind = "inconsistent"
record = "f1"
field = "amount"
problem = "Wrong."
reading = "Right."
correct = {{ amount = "{i} billion USD" }}
{EV.format(i=i)}
"""
            for i in range(2, n + 2)
        )
    ),
    "rank-conflict: N ranks of one measure": lambda n: "".join(
        fig(
            i, subject="investment", measure='measure = "rank"\n', amount=f"{i % 900 + 1} rank"
        ).replace(f"Value {i} billion dollars", f"Value {i % 900 + 1} billion dollars")
        for i in range(1, n + 1)
    ),
    "growth-rate: N rates of one base": lambda n: (
        fig(1)
        + fig(2, period="2023")
        + "".join(
            fig(
                i,
                subject="trade",
                measure='measure = "growth"\n',
                extra='rate_of = "f1"\nbase = "f2"\n',
                amount=f"{i} percent",
            ).replace(f"Value {i} billion dollars", f"Value {i} percent")
            for i in range(3, n + 3)
        )
    ),
}


def _run(name: str, n: int, folder: Path) -> tuple[float, int, int, str]:
    text = SOURCE + SCENARIOS[name](n)
    notes = _notes(n + 5) + " " + " ".join(f"Value {i} percent." for i in range(n + 5))
    (folder / "notes.txt").write_text(notes, encoding="utf-8")
    path = folder / f"s{n}.toml"
    path.write_text(text, encoding="utf-8")
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    start = time.monotonic()
    done = subprocess.run(
        [
            "bash",
            "-c",
            f"ulimit -v 3000000; exec timeout -s KILL 300 {PY} -m kzcn --data {path} check --json",
        ],
        capture_output=True,
        env=env,
        check=False,
    )
    took = time.monotonic() - start
    return took, len(done.stdout), done.returncode, done.stderr.decode()[-300:]


for _name in SCENARIOS:

    def _make(name: str) -> None:
        def run(folder: Path) -> Outcome:
            rows = [(n, *_run(name, n, folder)) for n in (1000, 2000, 4000)]
            detail = "; ".join(
                f"N={n}: {t:.1f}s {b / 1e6:.2f}MB rc={rc} {e!r}" for n, t, b, rc, e in rows
            )
            return Outcome("loaded", detail, rows)

        def linear(o: Outcome) -> bool:
            rows: list[tuple[int, float, int, int, str]] = o.value
            (_, t1, b1, *_), (_, _t2, _b2, *_), (_, t4, b4, *_) = rows
            # time beyond the fixed start-up (about 1 s) and output, 1000 -> 4000: near 4x
            return (t4 - 1) <= 6 * max(t1 - 1, 0.5) and b4 <= 6 * max(b1, 1000)

        case(F, name, linear)(run)

    _make(_name)


@case(
    F,
    "4,000 citations not in a 20 MB text: checked within 20 s",
    lambda o: o.kind == "exit" and o.code == 1 and "Traceback" not in o.err,
)
def _quotes(folder: Path) -> Outcome:
    import random

    rng = random.Random(1)
    words = ["alpha", "beta", "gamma", "delta", "trade", "visit", "Astana", "China", "year"]
    text = " ".join(rng.choice(words) for _ in range(3_300_000))  # about 20 MB
    (folder / "notes.txt").write_text("The visit took place in Astana in 2023. " + text)
    visits = "".join(visit(i).replace("in 2023.", f"in {i} zeta.") for i in range(4000))
    (folder / "q.toml").write_text(SOURCE + visits)
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        ["bash", "-c", f"exec timeout -s KILL 20 {PY} -m kzcn --data q.toml check"],
        cwd=folder,
        capture_output=True,
        env=env,
        check=False,
        text=True,
    )
    kind = "timeout" if done.returncode in (137, -9) else "exit"
    return Outcome(
        kind, f"rc={done.returncode} {done.stderr[-200:]!r}", code=done.returncode, err=done.stderr
    )


@case(
    "corrections and links",
    "erratum sets a shipped amount, its number in no evidence",
    lambda o: o.kind == "refused",
)
def _unquoted(folder: Path) -> Outcome:
    from harness import load

    text = """
[[errata]]
id = "my-err"
kind = "inconsistent"
record = "zx19-trade-2018"
field = "amount"
problem = "Wrong."
reading = "Right."
correct = { amount = "99 billion USD" }
citations = [{ source = "my-notes", evidence = "The visit took place in Astana in 2023." }]
"""
    return load(
        folder, text, lambda ds: getattr(ds.resolved().get("zx19-trade-2018"), "amount", None)
    )


@case(
    "corrections and links",
    "a refused correction is reported once",
    lambda o: o.kind == "refused" and len(o.value) == 1,
)
def _twice(folder: Path) -> Outcome:
    from harness import load

    text = """
[[places]]
id = "my-place"
name = "My place"
kind = "city"
citations = [{ source = "my-notes", evidence = "The visit took place in Astana in 2023." }]

[[errata]]
id = "my-err"
kind = "inconsistent"
record = "my-place"
field = "geonameid"
problem = "Wrong."
reading = "Right."
correct = { geonameid = -5 }
citations = [{ source = "my-notes", evidence = "The visit took place in Astana in 2023." }]
"""
    return load(folder, text)
