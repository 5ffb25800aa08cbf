"""The resolved view: what happened, from the claims of the sources.

The tables hold *claims*: each record is what one or more sources state, with their
evidence. Two kinds of data tie claims to what happened:

- ``same_as``: a claim that describes the same thing as another record (a visit one
  text calls "official" and another "state") names that record. Claims tied this way,
  directly or through a chain, are one *thing*; the record at the end of the chain is
  its *primary* claim and gives the thing its id.
- an erratum's ``correct``: the best reading of a field, typed like the field.

The rule, the same for every table (as in Wikidata's ranks and AidData's one project
from many sources):

1. A thing's record starts as its primary claim.
2. Link fields that hold several ids (``people``, ``parties``, ``agreements``...) and
   ``citations`` take the union over all its claims, primary first.
3. Each correction of an erratum on any of its claims sets its field. Two errata that
   set one field of one thing to different values are a conflict (the
   ``correction-conflict`` check), and the later one in the data is ignored.
4. Every link to a claim that is not primary is rewritten to its thing's id, and
   ``same_as`` is cleared.
5. ``derived`` keeps, for each field, the rules of the claims that gave its value, and
   no other: the primary claim's for a field it gave; for a corrected field, those of
   the first claim that states the corrected value (none when no claim does: the
   erratum's ``reading`` says how it was read); for a union, those of the claims that
   added to it. A rule that gives another value than the resolved one never stays.

:class:`Resolution` keeps, for every resolved record and field, where the value came
from: the claims that state it, or the erratum that corrected it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from .records import Citation, Erratum

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = ["AppliedCorrection", "ClaimLink", "Origin", "Resolution", "groups", "resolve"]


@attrs.frozen
class Origin:
    """Where one value of a resolved record comes from.

    ``claims`` are the ids of the records that state this value; ``erratum`` is the id
    of the erratum whose correction gave it (then the value may be stated by no claim).
    """

    field: str
    value: Any
    claims: tuple[str, ...]
    erratum: str | None = None

    @property
    def corrected(self) -> bool:
        return self.erratum is not None


@attrs.frozen
class AppliedCorrection:
    """One value an erratum corrected in the resolved view.

    ``record`` is the resolved record (the thing), ``claim`` the claim the erratum
    names; ``stated`` is that claim's value as its source states it and ``corrected``
    the value the resolved record holds. ``stated_evidence`` are the claim's citations
    (the sentences that state the value), ``erratum_evidence`` the erratum's (the
    sentences behind its reading).
    """

    table: str
    record: str
    claim: str
    field: str
    stated: Any
    corrected: Any
    erratum: str
    stated_evidence: tuple[Citation, ...]
    erratum_evidence: tuple[Citation, ...]

    def as_dict(self) -> dict[str, Any]:
        """Plain data: values as the data files write them, citations as tables."""
        from .convert import converter

        plain: dict[str, Any] = converter().unstructure(self)
        return plain


@attrs.frozen
class ClaimLink:
    """One claim of the resolved view and the thing (resolved record) it became part
    of; ``primary`` is true for the claim that gives the thing its id."""

    claim: str
    table: str
    thing: str
    primary: bool


@attrs.frozen
class Thing:
    """One real thing of the resolved view: its id, its claims, and which of its
    fields an erratum corrected (field -> erratum id)."""

    id: str
    table: str
    claims: tuple[str, ...]
    corrections: Mapping[str, str]


class Resolution:
    """How the resolved view came about: each thing's claims and corrections."""

    __slots__ = ("_claims", "_primary_of", "_records", "_things")

    _things: Mapping[str, Thing]
    _claims: Mapping[str, Any]
    _records: Mapping[str, Any]
    _primary_of: Mapping[str, str]

    def __init__(
        self, things: Iterable[Thing], claims: Mapping[str, Any], records: Mapping[str, Any]
    ) -> None:
        object.__setattr__(self, "_things", MappingProxyType({t.id: t for t in things}))
        object.__setattr__(self, "_claims", MappingProxyType(dict(claims)))
        object.__setattr__(self, "_records", MappingProxyType(dict(records)))
        primary_of = {c: t.id for t in self._things.values() for c in t.claims}
        object.__setattr__(self, "_primary_of", MappingProxyType(primary_of))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a resolution is read-only")

    def __reduce__(self) -> tuple[Any, ...]:
        things = tuple(self._things.values())
        return (type(self), (things, dict(self._claims), dict(self._records)))

    def evolved(self, records: Mapping[str, tuple[str, Any]]) -> Resolution:
        """This resolution for the resolved records ``records`` (id -> (table, record)),
        as :meth:`kzcn.Dataset.evolve` leaves them: a record that kept its id keeps its
        thing's claims and corrections; a new one is a thing of its own, its own claim."""
        things = [
            thing
            if (thing := self._things.get(rid)) is not None and thing.table == table
            else Thing(rid, table, (rid,), {})
            for rid, (table, _) in records.items()
        ]
        claims = dict(self._claims)
        for thing in things:
            if thing.claims == (thing.id,) and thing.id not in self._things:
                claims[thing.id] = records[thing.id][1]
        return Resolution(things, claims, {rid: record for rid, (_, record) in records.items()})

    @property
    def things(self) -> Mapping[str, Thing]:
        """Resolved id -> :class:`Thing`."""
        return self._things

    def thing_of(self, claim_id: str) -> str | None:
        """The id of the resolved record a claim became part of, or ``None`` (for an id
        that is no claim). An id that is not a ``str`` raises ``TypeError``."""
        _check_id("resolution.thing_of(claim_id=...)", claim_id)
        return self._primary_of.get(claim_id)

    def claim(self, claim_id: str) -> Any:
        """A claim record as the source stated it (before resolution); ``KeyError``
        with close ids for an id that is no claim."""
        _check_id("resolution.claim(claim_id=...)", claim_id)
        found = self._claims.get(claim_id)
        if found is None:
            raise KeyError(
                f"resolution.claim(claim_id=...): no claim {claim_id!r}"
                f"{_close(claim_id, self._claims)}"
            )
        return found

    def origin(self, record_id: str, field: str) -> Origin:
        """Where the value of ``field`` of the resolved record ``record_id`` comes from.

        ``KeyError`` for an id that is no resolved record (naming the thing of a claim
        merged into another), ``TypeError`` for a field the record does not have."""
        record = self._record("origin", record_id, field)
        thing = self._things[record_id]
        claims = [self._claims[c] for c in thing.claims]
        erratum = thing.corrections.get(field)
        resolved_value = getattr(record, field)
        many = isinstance(resolved_value, tuple)
        stating = tuple(
            c.id for c in claims if _same_value(self._relinked(c, field), resolved_value, many=many)
        )
        return Origin(field, resolved_value, stating, erratum)

    def _record(self, method: str, record_id: object, field: object) -> Any:
        """The resolved record ``record_id`` after checking both arguments of ``method``."""
        _check_id(f"resolution.{method}(record_id=...)", record_id)
        assert isinstance(record_id, str)
        if not isinstance(field, str):
            raise TypeError(
                f"resolution.{method}(field=...): takes a field's name (str), "
                f"not {type(field).__name__}"
            )
        record = self._records.get(record_id)
        if record is None or record_id not in self._things:
            thing = self._primary_of.get(record_id)
            if thing is not None:
                hint = f"; the claim {record_id!r} is part of {thing!r}"
            else:
                hint = _close(record_id, self._things)
            raise KeyError(
                f"resolution.{method}(record_id=...): no resolved record {record_id!r}{hint}"
            )
        names = [f.name for f in attrs.fields(type(record))]
        if field not in names:
            from .suggest import close_matches

            close = close_matches(field, names, n=1)
            guess = f" (did you mean {close[0]}?)" if close else ""
            raise TypeError(
                f"resolution.{method}(field=...): {type(record).__name__} has no field "
                f"{field!r}{guess}"
            )
        return record

    def corrections(self) -> tuple[AppliedCorrection, ...]:
        """Every value an erratum corrected, thing by thing in table order, fields in
        the order of the record class."""
        found = []
        for thing in self._things.values():
            if not thing.corrections:
                continue
            record = self._records[thing.id]
            for field in attrs.fields(type(record)):
                erratum_id = thing.corrections.get(field.name)
                if erratum_id is None:
                    continue
                erratum: Erratum = self._claims[erratum_id]
                claim = self._claims.get(erratum.record, record)
                found.append(
                    AppliedCorrection(
                        thing.table,
                        thing.id,
                        claim.id,
                        field.name,
                        getattr(claim, field.name),
                        getattr(record, field.name),
                        erratum_id,
                        tuple(getattr(claim, "citations", ())),
                        erratum.citations,
                    )
                )
        return tuple(found)

    def claim_links(self) -> tuple[ClaimLink, ...]:
        """Every claim and the thing it became part of (primary claim first)."""
        return tuple(
            ClaimLink(claim, thing.table, thing.id, claim == thing.id)
            for thing in self._things.values()
            for claim in thing.claims
        )

    def _relinked(self, claim: Any, field: str) -> Any:
        return _relinked(claim, field, self._primary_of)

    def evidence(self, record_id: str, field: str) -> tuple[Citation, ...]:
        """The citations behind a resolved value: those of the claims that state it,
        then, for a corrected value, those of the erratum (which may quote the
        sentences it overrules: they come after the ones that state the value). A
        source cites nothing: none for its fields. Errors as :meth:`origin`'s."""
        self._record("evidence", record_id, field)
        origin = self.origin(record_id, field)
        claims = [self._claims[claim] for claim in origin.claims]
        stated = [c for claim in claims for c in getattr(claim, "citations", ())]
        if origin.erratum is not None:
            erratum: Erratum = self._claims[origin.erratum]
            stated.extend(erratum.citations)
        return tuple(dict.fromkeys(stated))


def _check_id(where: str, record_id: object) -> None:
    if not isinstance(record_id, str):
        raise TypeError(f"{where}: takes a record id (str), not {type(record_id).__name__}")


def _close(record_id: str, ids: Iterable[str]) -> str:
    from .suggest import close_ids

    close = close_ids(record_id, ids)
    return f"; did you mean {', '.join(map(repr, close))}?" if close else ""


def _relinked(claim: Any, field: str, primary_of: Mapping[str, str]) -> Any:
    """A claim's value of ``field`` with its links to merged claims leading to their
    things, as the resolved record holds them."""
    value = getattr(claim, field)
    if not attrs.fields_dict(type(claim))[field].metadata.get("link") or field == "same_as":
        return value
    if isinstance(value, str):
        return primary_of.get(value, value)
    if isinstance(value, tuple):
        return tuple(primary_of.get(v, v) for v in value)
    return value


def _same_value(stated: Any, resolved: Any, *, many: bool) -> bool:
    if many and isinstance(stated, tuple):
        return bool(stated) and set(stated) <= set(resolved)
    return bool(stated == resolved)


def groups(ds: Dataset) -> dict[str, list[Any]]:
    """Primary id -> the claims of that thing (primary first, then data order).

    A ``same_as`` chain is followed to its end; a chain that loops or leaves the table
    ends at the last record before the break (the ``same-as`` check reports it).
    """
    found: dict[str, list[Any]] = {}
    for table in ds.tables.values():
        index = {r.id: r for r in table}
        for record in table:
            found.setdefault(_primary(record, index), []).append(record)
    for primary, members in found.items():
        members.sort(key=lambda r: r.id != primary)
    return found


def _primary(record: Any, index: Mapping[str, Any]) -> str:
    seen = {record.id}
    while (target := getattr(record, "same_as", None)) is not None:
        following = index.get(target)
        if following is None or following.id in seen:
            break
        seen.add(following.id)
        record = following
    return str(record.id)


def _union(values: Iterable[tuple[Any, ...]]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(item for value in values for item in value))


def resolve(ds: Dataset) -> Dataset:
    """The resolved view of a dataset of claims (see the module's docstring)."""
    from .dataset import table_of

    thing_groups = groups(ds)
    primary_of = {claim.id: primary for primary, claims in thing_groups.items() for claim in claims}
    corrections: dict[str, dict[str, tuple[str, Any]]] = {}
    # an erratum's rules for the values it derives (derived = { amount = "rule" })
    rules = {e.id: e.derived for e in ds.errata if e.derived}
    for erratum in ds.errata:
        target = primary_of.get(erratum.record)
        if target is None:
            continue
        for correction in erratum.correct:
            # The first erratum in data order wins; a conflicting later one is a finding.
            corrections.setdefault(target, {}).setdefault(
                correction.field, (erratum.id, correction.value)
            )
    tables: dict[str, list[Any]] = {name: [] for name in ds.tables}
    things: list[Thing] = []
    claims: dict[str, Any] = {}
    for primary, members in thing_groups.items():
        record = _merge(members)
        corrected = corrections.get(primary, {})
        if corrected:
            record = attrs.evolve(record, **{f: value for f, (_, value) in corrected.items()})
        record = _relink(record, primary_of)
        if (len(members) > 1 or corrected) and hasattr(record, "derived"):
            derived = _derivations(members, record, corrected, primary_of)
            derived += tuple(
                d for f, (e, _) in corrected.items() for d in rules.get(e, ()) if d.field == f
            )
            if derived != record.derived:
                record = attrs.evolve(record, derived=derived)
        table = table_of(record)
        tables[table].append(record)
        claims.update((m.id, m) for m in members)
        things.append(
            Thing(
                primary,
                table,
                tuple(m.id for m in members),
                {f: e for f, (e, _) in corrected.items()},
            )
        )
    records = {r.id: r for rows in tables.values() for r in rows}
    resolution = Resolution(things, claims, records)
    built = type(ds).from_records(tables, ds.redirects.values())
    return type(ds)(built.tables, resolution, ds.redirects.values())


def _merge(members: list[Any]) -> Any:
    primary = members[0]
    if len(members) == 1:
        return primary
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(primary)):
        if field.name == "citations":
            changes["citations"] = _union(m.citations for m in members)
        elif _is_union(field, primary):
            changes[field.name] = _union(getattr(m, field.name) for m in members)
    return attrs.evolve(primary, **changes)


def _is_union(field: attrs.Attribute[Any], record: Any) -> bool:
    """A field whose resolved value is the union over the claims (rule 2)."""
    return bool(field.metadata.get("link")) and isinstance(getattr(record, field.name), tuple)


def _derivations(
    members: list[Any],
    record: Any,
    corrected: Mapping[str, tuple[str, Any]],
    primary_of: Mapping[str, str],
) -> tuple[Any, ...]:
    """The rules of ``record`` (resolved from ``members``, primary first): for each
    field, those of the claims that gave its value (rule 5 of the module docstring)."""
    fields = attrs.fields_dict(type(record))
    givers: dict[str, set[str]] = {}
    for name in {d.field for m in members for d in m.derived}:
        field = fields.get(name)
        if field is None:
            givers[name] = set()  # not a field (the loader refuses it): no rule applies
        elif name in corrected:
            value = getattr(record, name)
            many = isinstance(value, tuple)
            stating = [
                m.id
                for m in members
                if _same_value(_relinked(m, name, primary_of), value, many=many)
            ]
            givers[name] = set(stating if many else stating[:1])
        elif _is_union(field, record):
            givers[name] = {m.id for m in members if getattr(m, name)}
        else:
            givers[name] = {members[0].id}
    return tuple(dict.fromkeys(d for m in members for d in m.derived if m.id in givers[d.field]))


def _relink(record: Any, primary_of: Mapping[str, str]) -> Any:
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(record)):
        if not field.metadata.get("link"):
            continue
        value = getattr(record, field.name)
        if field.name == "same_as":
            if value is not None:
                changes["same_as"] = None
        elif isinstance(value, str) and primary_of.get(value, value) != value:
            changes[field.name] = primary_of[value]
        elif isinstance(value, tuple) and any(primary_of.get(v, v) != v for v in value):
            changes[field.name] = tuple(dict.fromkeys(primary_of.get(v, v) for v in value))
    return attrs.evolve(record, **changes) if changes else record
