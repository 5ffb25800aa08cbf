"""Checks of claims and their resolution: claims tied by ``same_as`` form one thing,
their differences are explained by corrections, and corrections change something.

These checks read the claims; in the resolved view (:meth:`Dataset.resolved`) the ties
are merged and the corrections applied, so there is nothing left for them to find.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final

import attrs

from ..dates import Period
from ..records import Agreement, Project, Visit
from .base import Finding, Severity, check, finding

if TYPE_CHECKING:
    from ..dataset import Dataset

# Free text says the same thing in each source's words; it never conflicts.
_WORDING: Final = frozenset({"id", "title", "name", "description", "citations", "derived"})


@check("same-as", Severity.ERROR)
def same_as(ds: Dataset) -> Iterator[Finding]:
    """A claim's ``same_as`` names another record of its own table, and following the
    ties never comes back to where it started (a loop has no primary claim)."""
    if ds.is_resolved:
        return
    for table in ds.tables.values():
        index = {r.id: r for r in table}
        # Each record is walked once: a walk stops at a record an earlier walk passed,
        # and a loop is reported once, by the walk that closes it.
        done: set[str] = set()
        for record in table:
            target = getattr(record, "same_as", None)
            if target is not None and target not in index:
                yield finding("same-as", [record.id], f"same_as {target!r} is not in {table.name}")
            path: dict[str, int] = {}
            current = record
            while current.id not in done and current.id not in path:
                path[current.id] = len(path)
                following = getattr(current, "same_as", None)
                if following is None or following not in index:
                    break
                current = index[following]
            else:
                if current.id in path:
                    loop = list(path)[path[current.id] :]
                    yield finding(
                        "same-as", sorted(loop), f"same_as ties loop back to {current.id!r}"
                    )
            done.update(path)


def _differ(a: object, b: object) -> bool:
    if a is None or b is None or a == b:
        return False  # a claim that does not state a value does not contradict one
    if isinstance(a, Period) and isinstance(b, Period):
        return not (a.contains(b) or b.contains(a))  # "2022" and "2022-09" agree
    return not (isinstance(a, tuple) and isinstance(b, tuple))  # lists are merged


def _corrected_fields(ds: Dataset) -> dict[str, set[str]]:
    """The fields the errata correct, by the record they name: one pass over the errata
    for all the groups of claims, not one per group."""
    corrected: dict[str, set[str]] = defaultdict(set)
    for erratum in ds.errata:
        corrected[erratum.record].update(c.field for c in erratum.correct)
    return corrected


@check("claim-conflict", Severity.WARNING)
def claim_conflict(ds: Dataset) -> Iterator[Finding]:
    """Claims of one thing (tied by ``same_as``) that state different values of a field
    (other than their wording) need an erratum whose ``correct`` gives the best value:
    otherwise the resolved view silently takes the primary claim's value."""
    if ds.is_resolved:
        return
    from ..resolve import groups

    things = groups(ds)
    # Links are compared as the resolved view holds them: to a thing, not to one claim.
    primary_of = {c.id: p for p, claims in things.items() for c in claims}
    corrected_of = _corrected_fields(ds)
    for primary, claims in things.items():
        if len(claims) < 2:
            continue
        corrected = {f for c in claims for f in corrected_of.get(c.id, ())}
        for field in attrs.fields(type(claims[0])):
            if field.name in _WORDING or field.name == "same_as" or field.name in corrected:
                continue
            link = bool(field.metadata.get("link"))
            first = _linked(getattr(claims[0], field.name), primary_of, link)
            for other in claims[1:]:
                value = _linked(getattr(other, field.name), primary_of, link)
                if _differ(first, value):
                    yield finding(
                        "claim-conflict",
                        [other.id, primary],
                        f"{field.name}: {other.id} states {_text(value)}, "
                        f"{primary} states {_text(first)}, and no erratum corrects it",
                    )


def _linked(value: Any, primary_of: dict[str, str], link: bool) -> Any:
    return primary_of.get(value, value) if link and isinstance(value, str) else value


def _text(value: object) -> str:
    # an enum by its value ('state'); anything else as written (an Amount's ``value`` is
    # its bare number, "5" for 5 billion USD)
    return str(value.value) if isinstance(value, enum.Enum) else str(value)


@check("correction-conflict", Severity.ERROR)
def correction_conflict(ds: Dataset) -> Iterator[Finding]:
    """Two errata that set one field of one thing to different values: the resolved view
    can take only one of them."""
    if ds.is_resolved:
        return
    from ..resolve import groups

    primary_of = {c.id: p for p, claims in groups(ds).items() for c in claims}
    seen: dict[tuple[str, str], list[tuple[str, Any]]] = defaultdict(list)
    for erratum in ds.errata:
        thing = primary_of.get(erratum.record)
        for correction in erratum.correct:
            seen[(thing or erratum.record, correction.field)].append((erratum.id, correction.value))
    for (thing, field), values in seen.items():
        if len({repr(v) for _, v in values}) > 1:
            yield finding(
                "correction-conflict",
                [thing, *(e for e, _ in values)],
                f"{field} of {thing} is corrected to "
                + " and ".join(f"{_text(v)} ({e})" for e, v in values),
            )


@check("stale-correction", Severity.WARNING)
def stale_correction(ds: Dataset) -> Iterator[Finding]:
    """A correction that sets the value its record already states changes nothing: the
    record or the erratum has changed since, and one of them is wrong."""
    if ds.is_resolved:
        return
    for erratum in ds.errata:
        record = ds.get(erratum.record)
        if record is None:
            continue
        for correction in erratum.correct:
            if getattr(record, correction.field, None) == correction.value:
                yield finding(
                    "stale-correction",
                    [erratum.id, record.id],
                    f"{erratum.id} corrects {correction.field} of {record.id} to "
                    f"{_text(correction.value)}, which it already states",
                )


# Link fields that name each other: each side must name the other back.
_RECIPROCAL: Final = (
    (Visit, "agreements", Agreement, "visit"),
    (Project, "agreements", Agreement, "projects"),
)


@check("reciprocal-link", Severity.WARNING)
def reciprocal_link(ds: Dataset) -> Iterator[Finding]:
    """A visit lists the agreements signed there and each agreement names its visit; a
    project lists its agreements and each agreement lists its projects: a link one way
    only is a record someone forgot to update."""
    for one, many_field, other, back_field in _RECIPROCAL:
        ones = {r.id: r for t in ds.tables.values() for r in t if isinstance(r, one)}
        others = {r.id: r for t in ds.tables.values() for r in t if isinstance(r, other)}
        pairs: set[tuple[str, str]] = set()
        for one_record in ones.values():
            pairs.update((one_record.id, target) for target in getattr(one_record, many_field))
        backs: set[tuple[str, str]] = set()
        for record in others.values():
            value = getattr(record, back_field)
            for target in (value,) if isinstance(value, str) else value or ():
                backs.add((target, record.id))
        for a, b in sorted(pairs ^ backs):
            if a not in ones or b not in others:
                continue  # a dangling link: the dangling-link check reports it
            named = f"{a}.{many_field}" if (a, b) in pairs else f"{b}.{back_field}"
            missing = f"{b}.{back_field}" if (a, b) in pairs else f"{a}.{many_field}"
            yield finding(
                "reciprocal-link", [a, b], f"{named} names the other, but {missing} does not"
            )
