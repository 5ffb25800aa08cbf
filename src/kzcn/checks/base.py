"""The check registry: severities, findings, and the decorator that registers a check."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Final, TypeVar

import attrs

from ..intervals import Interval, interval_of
from ..records import Figure

if TYPE_CHECKING:
    from ..dataset import Dataset

__all__ = ["CHECKS", "Check", "Finding", "Severity", "check"]


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Finding:
    """One problem a check found: which check, how bad, which records, and why."""

    check: str
    severity: Severity
    records: tuple[str, ...]
    message: str
    expected: Interval | None = None
    actual: Interval | None = None
    acknowledged_by: tuple[str, ...] = ()

    @property
    def acknowledged(self) -> bool:
        """True when an erratum explains this finding."""
        return bool(self.acknowledged_by)


CheckFunction = Callable[["Dataset"], Iterable[Finding]]
F = TypeVar("F", bound=Callable[..., Iterable[Finding]])


@attrs.frozen
class Check:
    """A registered check. A *review* check reads the other checks' findings as well
    (``function(ds, findings)``) and runs after them."""

    id: str
    severity: Severity
    function: Callable[..., Iterable[Finding]]
    review: bool = False

    @property
    def doc(self) -> str:
        return (self.function.__doc__ or "").strip()

    def run(self, ds: Dataset, findings: Iterable[Finding] = ()) -> list[Finding]:
        if self.review:
            return list(self.function(ds, list(findings)))
        return list(self.function(ds))


CHECKS: Final[dict[str, Check]] = {}


def check(check_id: str, severity: Severity, *, review: bool = False) -> Callable[[F], F]:
    """Register a check function under ``check_id`` (``review``: it also reads the
    findings of the other checks, after errata acknowledged them)."""

    def register(function: F) -> F:
        CHECKS[check_id] = Check(check_id, severity, function, review)
        return function

    return register


def finding(
    check_id: str,
    records: Iterable[str],
    message: str,
    expected: Interval | None = None,
    actual: Interval | None = None,
) -> Finding:
    return Finding(check_id, CHECKS[check_id].severity, tuple(records), message, expected, actual)


def sources_of(record: object) -> set[str]:
    return {c.source for c in getattr(record, "citations", ())}


def where_stated(a: object, b: object) -> str:
    """Where two disagreeing records come from: "one source", or the sources named."""
    if sources_of(a) == sources_of(b):
        return "one source"
    return "sources " + ", ".join(sorted(sources_of(a) | sources_of(b)))


def value_of(figure: Figure) -> Interval:
    return interval_of(figure.amount, figure.qualifier)


def percent(figure: Figure) -> Interval:
    """A ratio figure's interval in percent, whatever ratio unit it is stated in."""
    value = value_of(figure)
    return value if figure.amount.unit == "percent" else value.scale(100.0)


def comparable(a: Figure, b: Figure) -> bool:
    return a.amount.unit == b.amount.unit
