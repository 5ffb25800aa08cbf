"""No state outside the dataset: what a dataset says does not depend on what else the
process did before (loaded, verified, checked, built in threads)."""

from __future__ import annotations

import functools
import importlib
import json
import os
import pkgutil
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kzcn
from kzcn import compiled, loader, package
from kzcn.checks import run_checks
from kzcn.dataset import RECORD_TYPES
from kzcn.dates import Period
from kzcn.intervals import exact_bounds, interval_of
from kzcn.records import Citation, Figure
from kzcn.units import Amount
from kzcn.verify import verify_texts, with_texts
from kzcn.vocabulary import Qualifier, Subject
from strategies import amounts

# -- amounts: equal only when their intervals are ----------------------------------


def test_amounts_that_state_different_precisions_differ() -> None:
    five, five_point_oh = Amount.parse("5 USD"), Amount.parse("5.0 USD")
    assert interval_of(five) != interval_of(five_point_oh)
    assert five != five_point_oh
    assert len({five, five_point_oh}) == 2
    assert Amount.parse("1,000 USD") == Amount.parse("1000 USD")
    assert Amount(Decimal("1E+3"), "USD") == Amount.parse("1000 USD")


@given(amounts, amounts, st.sampled_from(Qualifier))
def test_equal_amounts_have_equal_intervals(a: Amount, b: Amount, qualifier: Qualifier) -> None:
    widened = Amount(b.value.quantize(Decimal("0.001")), b.unit, b.scale)
    for other in (b, widened, Amount(a.value.quantize(Decimal("0.01")), a.unit, a.scale)):
        if a == other:
            assert hash(a) == hash(other)
            # exact_bounds is not cached: it tells what each amount states
            assert exact_bounds(a, qualifier) == exact_bounds(other, qualifier)
            assert interval_of(a, qualifier) == interval_of(other, qualifier)


def _trade(fid: str, amount: str) -> Figure:
    return Figure(
        fid,
        subject=Subject.TRADE,
        amount=Amount.parse(amount),
        period=Period.parse("2030"),
        citations=(Citation("my-source", f"trade reached {amount}"),),
    )


def test_a_conflict_does_not_depend_on_amounts_seen_before() -> None:
    """ "20 billion" overlaps "19.6 billion"; "20.0 billion" does not. Seeing the latter
    first must not make the cached interval of the former the narrow one."""
    ds = kzcn.Dataset.from_records(
        {"figures": [_trade("my-a", "20 billion USD"), _trade("my-b", "19.6 billion USD")]}
    )
    interval_of(Amount.parse("20.0 billion USD"), Qualifier.EXACT)
    assert run_checks(ds, only=["same-measure-conflict"]) == []
    narrow = ds.evolve(_trade("my-a", "20.0 billion USD"))
    assert len(run_checks(narrow, only=["same-measure-conflict"])) == 1


TRADE_TEXTS = st.sampled_from(["19", "19.6", "19.9", "20", "20.4", "21"])


@settings(max_examples=60, deadline=None)
@given(st.lists(TRADE_TEXTS, min_size=2, max_size=5), st.sampled_from(Qualifier))
def test_findings_do_not_depend_on_amounts_seen_before(
    values: list[str], qualifier: Qualifier
) -> None:
    """A dataset's findings in a process that has seen nothing, and after the same
    numbers were seen stated to more decimals ("20.00 billion USD")."""
    figures = [
        attrs.evolve(_trade(f"my-{i}", f"{v} billion USD"), qualifier=qualifier)
        for i, v in enumerate(values)
    ]
    ds = kzcn.Dataset.from_records({"figures": figures})

    def findings() -> list[tuple[str, tuple[str, ...], str]]:
        return [(f.check, f.records, f.message) for f in run_checks(ds)]

    interval_of.cache_clear()  # a process that has seen no amount
    fresh = findings()
    interval_of.cache_clear()
    for figure in figures:
        amount = figure.amount
        interval_of(
            Amount(amount.value.quantize(Decimal("0.01")), amount.unit, amount.scale), qualifier
        )
    assert findings() == fresh


def test_every_public_module_star_imports() -> None:
    """Every name of every module's ``__all__`` exists (``from m import *`` works)."""
    for info in pkgutil.walk_packages(kzcn.__path__, "kzcn."):
        if ".tests" in info.name or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        missing = [n for n in getattr(module, "__all__", ()) if not hasattr(module, n)]
        assert missing == [], (info.name, missing)


# -- tables built from many threads -------------------------------------------------


@pytest.fixture(scope="module")
def compiled_rows() -> dict[str, list[Any]]:
    """The rows the wheel's compiled file holds, for the shipped data."""
    tables = loader.load_records(loader.read_files(loader.data_files()))
    text = compiled.dumps(tables, package.data_dir(), package.data_names())
    rows: dict[str, list[Any]] = json.loads(text.partition("\n")[2])
    return rows


def _lazy(rows: dict[str, list[Any]]) -> kzcn.Dataset:
    factories = {name: functools.partial(compiled.build_table, rows, name) for name in rows}
    return kzcn.Dataset.lazy(factories)


def _read(ds: kzcn.Dataset, start: threading.Barrier, seen: list[list[int]]) -> None:
    start.wait()
    seen.append([id(ds.tables[name]) for name in RECORD_TYPES])


def test_tables_built_from_many_threads_leave_validation_on(
    compiled_rows: dict[str, list[Any]],
) -> None:
    """The bug report's recipe: threads reading tables with a tiny switch interval left
    attrs' validators switched off for the whole process (9 runs in 10)."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for _ in range(10):
            ds = _lazy(compiled_rows)
            start = threading.Barrier(4)
            seen: list[list[int]] = []

            threads = [threading.Thread(target=_read, args=(ds, start, seen)) for _ in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert attrs.validators.get_disabled() is False
            # each table was built once: every thread got the same objects
            assert len({tuple(ids) for ids in seen}) == 1
    finally:
        sys.setswitchinterval(interval)
    with pytest.raises(ValueError):
        kzcn.Citation("NOT A SLUG", "")


def test_compiled_records_equal_the_loaded_ones(compiled_rows: dict[str, list[Any]]) -> None:
    """The trusted builder (no validators) gives the records the validating loader gives."""
    loaded = loader.load_records(loader.read_files(loader.data_files()))
    for name in RECORD_TYPES:
        assert compiled.build_table(compiled_rows, name) == list(loaded[name]), name


# -- verified evidence lives on the dataset ------------------------------------------

SHARED = Path(__file__).resolve().parents[2] / "shared" / "sources"
ZHANG = "2019-zhang-xiao-bulletin-of-diplomacy"
SNIPPET = "reached $ 19.885 billion, of which"


def _mine(ds: kzcn.Dataset, fid: str = "my-trade-2018") -> Figure:
    """A user's figure citing a shipped source by a snippet the shipped data does not
    quote (but the text holds)."""
    return attrs.evolve(
        ds.figures["zx19-trade-2018"], id=fid, citations=(Citation(ZHANG, SNIPPET),)
    )


def _unverified(ds: kzcn.Dataset) -> list[tuple[str, ...]]:
    return [f.records for f in run_checks(ds, only=["unverified-evidence"])]


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared source texts are not here")
def test_verifying_one_dataset_verifies_no_other() -> None:
    shipped = kzcn.load()
    mine = shipped.evolve(_mine(shipped))
    assert _unverified(mine) == [("my-trade-2018",)]
    other = shipped.evolve(_mine(shipped, "their-trade-2018"))
    assert verify_texts(SHARED, other) == []
    assert _unverified(mine) == [("my-trade-2018",)]  # the other's verification is its own
    verified = with_texts(SHARED, mine)
    assert _unverified(verified) == []
    assert _unverified(mine) == [("my-trade-2018",)]
    assert _unverified(verified.evolve()) == []  # a copy keeps what was verified
    assert _unverified(verified.resolved()) == []


def test_unverified_evidence_reads_the_dataset_not_the_installed_data() -> None:
    """A dataset built from records (not the package's data) has verified nothing, even
    when its records are copies of shipped ones."""
    shipped = kzcn.load()
    figure = shipped.figures["zx19-trade-2018"]
    ds = kzcn.Dataset.from_records({"sources": list(shipped.sources), "figures": [figure]})
    assert _unverified(ds) == [(figure.id,)]
    assert _unverified(ds.with_verified(shipped.verified)) == []
    assert _unverified(shipped) == []


# -- check results do not depend on the history of the process -----------------------

HISTORY = r"""
import json, sys
from pathlib import Path

import attrs

import kzcn
from kzcn.intervals import interval_of
from kzcn.records import Citation
from kzcn.units import Amount
from kzcn.vocabulary import Qualifier
from kzcn.verify import verify_texts

SHARED, ZHANG = Path(sys.argv[2]), "2019-zhang-xiao-bulletin-of-diplomacy"
shipped = kzcn.load()


def figure(fid, amount, evidence):
    base = shipped.figures["zx19-trade-2018"]
    return attrs.evolve(
        base, id=fid, amount=Amount.parse(amount), citations=(Citation(ZHANG, evidence),)
    )


def target():
    return shipped.evolve(
        figure("my-a", "20 billion USD", "trade reached 20 billion"),
        figure("my-b", "19.6 billion USD", "trade reached 19.6 billion"),
        figure("my-c", "19.885 billion USD", "reached $ 19.885 billion, of which"),
    )


def results():
    ds = target()
    return [
        [f.check, list(f.records), f.message, f.acknowledged]
        for view in (ds, ds.resolved())
        for f in view.check()
    ]


def history():
    interval_of(Amount.parse("20.0 billion USD"), Qualifier.EXACT)
    if SHARED.is_dir():
        stated = "reached $ 19.885 billion, of which"
        other = shipped.evolve(figure("their-c", "19.885 billion USD", stated))
        verify_texts(SHARED, other)
    kzcn.load().check()
    kzcn.load().resolved().evolve().check()


if sys.argv[1] == "first":
    before = results()
    history()
    print(json.dumps([before, results()]))
else:
    history()
    print(json.dumps([results()]))
"""


def _run_history(order: str) -> list[Any]:
    env = {**os.environ, "PYTHONPATH": str(Path(kzcn.__file__).parents[1])}
    done = subprocess.run(
        [sys.executable, "-c", HISTORY, order, str(SHARED)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found: list[Any] = json.loads(done.stdout)
    return found


def test_check_results_do_not_depend_on_what_the_process_did_before() -> None:
    """One dataset checked in a fresh process, and after other datasets were loaded,
    verified and checked and other amounts seen: the same findings, in both orders."""
    fresh, after = _run_history("first")
    (later,) = _run_history("last")
    assert fresh == after
    assert fresh == later
    assert any(f[0] == "unverified-evidence" and f[1] == ["my-c"] for f in fresh)


# -- evolve keeps the view it came from ----------------------------------------------


def _open(ds: kzcn.Dataset) -> list[tuple[str, tuple[str, ...]]]:
    return sorted((f.check, f.records) for f in ds.check() if not f.acknowledged)


def test_a_no_op_evolve_of_the_resolved_view_changes_no_finding() -> None:
    """Before, evolve() of the resolved view gave a dataset of claims holding resolved
    records: every applied correction became an open stale-correction warning."""
    rds = kzcn.load().resolved()
    again = rds.evolve()
    assert again.is_resolved
    assert _open(again) == _open(rds)
    assert list(again.figures) == list(rds.figures)


def test_an_evolved_resolved_view_traces_its_values() -> None:
    rds = kzcn.load().resolved()
    resolution = rds.resolution
    assert resolution is not None
    thing = next(t for t in resolution.things.values() if len(t.claims) > 1)
    mine = _mine(kzcn.load())
    evolved = rds.evolve(mine)
    assert evolved.resolution is not None
    assert evolved.resolution.things[thing.id] == thing
    assert evolved.resolution.origin(mine.id, "amount").claims == (mine.id,)
    assert evolved.resolution.origin(thing.id, "id").claims
    gone = rds.evolve(remove=[thing.id])
    assert gone.resolution is not None and thing.id not in gone.resolution.things
