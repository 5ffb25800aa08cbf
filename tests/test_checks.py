"""Mutation tests: break exactly what a check guards, and see it fire on the right records."""

from __future__ import annotations

import pytest

import kzcn
from kzcn.checks import CHECKS, Finding, Severity, run_checks
from kzcn.tests.mutations import MUTATIONS


@pytest.fixture(scope="module")
def ds() -> kzcn.Dataset:
    return kzcn.load()


def _key(finding: Finding) -> tuple[str, tuple[str, ...]]:
    return (finding.check, finding.records)


def test_every_check_has_a_mutation() -> None:
    assert set(MUTATIONS) == set(CHECKS)


def test_every_check_is_documented() -> None:
    for check in CHECKS.values():
        assert check.doc, check.id
        assert isinstance(check.severity, Severity)


def test_shipped_data_has_no_open_error_or_warning(ds: kzcn.Dataset) -> None:
    open_ = [f for f in run_checks(ds) if not f.acknowledged and f.severity is not Severity.INFO]
    assert open_ == []


@pytest.mark.parametrize("check_id", sorted(MUTATIONS))
def test_mutation_is_killed(ds: kzcn.Dataset, check_id: str) -> None:
    before = {_key(f) for f in run_checks(ds)}
    broken, expected = MUTATIONS[check_id](ds)
    new = [f for f in run_checks(broken) if _key(f) not in before and f.check == check_id]
    assert new, f"{check_id} did not fire"
    assert any(expected <= set(f.records) for f in new), [f.records for f in new]
    assert not any(f.acknowledged for f in new)
    assert len(broken.figures) >= len(ds.figures)


def test_mutations_leave_the_original_untouched(ds: kzcn.Dataset) -> None:
    before = [f.amount for f in ds.figures]
    for mutate in MUTATIONS.values():
        mutate(ds)
    assert [f.amount for f in ds.figures] == before
    assert kzcn.load() is ds


def test_acknowledged_findings_point_to_errata(ds: kzcn.Dataset) -> None:
    acknowledged = [f for f in run_checks(ds) if f.acknowledged]
    assert {f.check for f in acknowledged} >= {
        "currency-context",
        "visit-kind-conflict",
        "same-measure-conflict",
        "name-in-force",
    }
    for finding in acknowledged:
        for erratum_id in finding.acknowledged_by:
            assert erratum_id in ds.errata


def test_removing_an_erratum_reopens_its_finding(ds: kzcn.Dataset) -> None:
    broken = ds.evolve(remove=["zx19-h1-2019-exports-currency"])
    open_ = [f for f in run_checks(broken) if not f.acknowledged]
    assert [f.check for f in open_ if f.severity is Severity.ERROR] == ["currency-context"]


def test_parts_add_up_when_the_erratum_reading_is_applied(ds: kzcn.Dataset) -> None:
    from kzcn.tests.mutations import _amount

    fixed = _amount(ds, "zx19-trade-cn-to-kz-2019-h1", "5.08 billion USD")
    assert not list(run_checks(fixed, only=["parts-sum"]))


def test_growth_rate_within_rounding_is_not_flagged(ds: kzcn.Dataset) -> None:
    import attrs

    from kzcn.tests.mutations import _new_figure

    base = _new_figure(
        ds,
        "ok-base-2017",
        "zx19-trade-kz-to-cn-2018",
        "6.6 billion USD",
        period=kzcn.Period.parse("2017"),
        part_of=None,
    )
    rate = attrs.evolve(ds.figures["zx19-trade-kz-to-cn-2018-growth"], base=base.id)
    assert not run_checks(ds.evolve(base, rate), only=["growth-rate"])


def test_findings_carry_intervals(ds: kzcn.Dataset) -> None:
    broken, _ = MUTATIONS["parts-sum"](ds)
    finding = next(f for f in run_checks(broken, only=["parts-sum"]))
    assert finding.expected is not None and finding.actual is not None
    assert not finding.expected.overlaps(finding.actual)


def test_pyargs_entry_point_runs_the_checks() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--pyargs", "kzcn.tests"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "passed" in result.stdout
