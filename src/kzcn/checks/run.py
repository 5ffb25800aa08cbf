"""Running the checks, and errata acknowledging their findings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import attrs

from ..records import Erratum
from .base import CHECKS, Finding, Severity, check

if TYPE_CHECKING:
    from ..dataset import Dataset

__all__ = ["run_checks"]


def _explains(erratum: Erratum, finding: Finding) -> bool:
    """An erratum explains a finding of the check it names when the finding involves its
    record, or starts with one of its ``related`` records (the same slip quoted in several
    records). Errata that name no check are notes on the text and acknowledge nothing."""
    if erratum.check != finding.check:
        return False
    return erratum.record in finding.records or finding.records[0] in erratum.related


def _acknowledge(findings: list[Finding], errata: Iterable[Erratum]) -> list[Finding]:
    errata = list(errata)
    # What _explains tests, as look-ups: errata by (check, record) and by (check, related
    # id), so each finding meets only the errata that can explain it.
    checks = {e.check for e in errata}
    by_record: dict[tuple[str | None, str], list[int]] = defaultdict(list)
    by_related: dict[tuple[str | None, str], list[int]] = defaultdict(list)
    for index, erratum in enumerate(errata):
        by_record[(erratum.check, erratum.record)].append(index)
        for related in erratum.related:
            by_related[(erratum.check, related)].append(index)
    result = []
    for finding in findings:
        if finding.check not in checks:
            result.append(finding)
            continue
        if not finding.records:  # no record to look up: test every erratum, as defined
            found = tuple(sorted(e.id for e in errata if _explains(e, finding)))
        else:
            matched = {
                i for record in finding.records for i in by_record.get((finding.check, record), ())
            }
            matched.update(by_related.get((finding.check, finding.records[0]), ()))
            found = tuple(sorted(errata[i].id for i in matched))
        result.append(attrs.evolve(finding, acknowledged_by=found) if found else finding)
    return result


def run_checks(ds: Dataset, only: Iterable[str] | None = None) -> list[Finding]:
    """Run the checks (all, or those named in ``only``) and let errata acknowledge
    findings; review checks (``stale-erratum``) then read the acknowledged findings."""
    selected = [CHECKS[c] for c in only] if only is not None else list(CHECKS.values())
    reviewing = [c for c in selected if c.review]
    # A review reads every other check's findings, selected or not.
    inputs = list(CHECKS.values()) if reviewing else selected
    findings = _acknowledge([f for c in inputs if not c.review for f in c.run(ds)], ds.errata)
    reviews = [f for c in reviewing for f in c.run(ds, findings)]
    chosen = {c.id for c in selected}
    return [f for f in findings if f.check in chosen] + reviews


@check("stale-erratum", Severity.WARNING, review=True)
def stale_erratum(ds: Dataset, findings: list[Finding]) -> Iterator[Finding]:
    """An erratum bound to a check whose finding no longer occurs: the data it excused
    has changed, so the erratum should go or be rewritten. (In the resolved view an
    erratum whose correction was applied is not stale: its finding is gone because the
    correction fixed it.)"""
    explained = {e for f in findings for e in f.acknowledged_by}
    for erratum in ds.errata:
        if erratum.check is None or erratum.id in explained:
            continue
        if ds.is_resolved and erratum.correct:
            continue
        known = erratum.check in CHECKS
        yield Finding(
            "stale-erratum",
            Severity.WARNING,
            (erratum.id, erratum.record),
            f"erratum {erratum.id} expects a {erratum.check} finding on "
            f"{erratum.record}, and there is none"
            if known
            else f"erratum {erratum.id} names an unknown check {erratum.check!r}",
        )
