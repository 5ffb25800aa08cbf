"""Each consistency check as a test against the installed data (and ``KZCN_DATA`` files).

Run with ``python -m pytest --pyargs kzcn.tests``. A check fails its test when it finds
an error (or, for warnings, with ``KZCN_STRICT=1``) that no erratum acknowledges.
"""

from __future__ import annotations

import os

import pytest

import kzcn
from kzcn.checks import CHECKS, Severity, run_checks


def _dataset() -> kzcn.Dataset:
    extra = [p for p in os.environ.get("KZCN_DATA", "").split(os.pathsep) if p]
    return kzcn.load(extra=extra)


@pytest.fixture(scope="module")
def dataset() -> kzcn.Dataset:
    return _dataset()


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_check(dataset: kzcn.Dataset, check_id: str) -> None:
    failing = {Severity.ERROR}
    if os.environ.get("KZCN_STRICT"):
        failing.add(Severity.WARNING)
    found = [
        f
        for f in run_checks(dataset, only=[check_id])
        if f.severity in failing and not f.acknowledged
    ]
    assert not found, "\n".join(f"{', '.join(f.records)}: {f.message}" for f in found)


def test_no_stale_errata(dataset: kzcn.Dataset) -> None:
    stale = [f for f in run_checks(dataset) if f.check == "stale-erratum"]
    assert not stale, "\n".join(f.message for f in stale)
