"""Consistency checks: does the data hold together?

Each check is a function registered with :func:`check`, with an id, a severity and a
docstring saying what it catches. :func:`run_checks` runs them all and marks a finding
*acknowledged* when an :class:`~kzcn.records.Erratum` explains one of its records.
Numbers are compared as intervals (:mod:`kzcn.intervals`), so rounding in a source never
raises a false alarm.
"""

from __future__ import annotations

# Importing the modules registers their checks, in the order they are listed.
from . import (  # noqa: F401
    arithmetic,
    claims,
    dates,
    derivations,
    drafts,
    evidence,
    filing,
    history,
    ranks,
    references,
)
from .base import CHECKS, Check, Finding, Severity, check
from .run import run_checks

__all__ = ["CHECKS", "Check", "Finding", "Severity", "check", "run_checks"]
