"""The commands that read records: ``summary``, ``sources``, ``list``, ``show``,
``search``, ``timeline``, ``series`` and ``errata``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .._version import DATA_VERSION, __version__
from ..labels import label
from .arguments import coerce, date_range, linked_id, record_named, renamed_to
from .errors import UsageError, closest
from .output import cell, dump, plain, print_table, print_wrapped, say, wrap
from .parser import LINK_OPTIONS

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..query import Table


def summary_command(ds: Dataset, args: argparse.Namespace) -> int:
    info = {"version": __version__, "data_version": DATA_VERSION, **ds.summary()}
    if args.json:
        dump(info)
        return 0
    say(f"kzcn {__version__}, data {DATA_VERSION}")
    say(f"dated records span {info['first']} .. {info['last']}")
    say()
    print_table(("table", "records"), info["tables"].items())
    say()
    return sources_command(ds, args)


def sources_command(ds: Dataset, args: argparse.Namespace) -> int:
    rows = []
    for source in ds.sources:
        cited = ds.citing(source.id)
        rows.append((source.id, str(source.published), source.kind.value, cited, source.title))
    if args.json:
        dump([plain(s) | {"records": r[3]} for s, r in zip(ds.sources, rows, strict=True)])
        return 0
    print_table(("source", "published", "kind", "records", "title"), rows)
    return 0


def _filtered(ds: Dataset, args: argparse.Namespace) -> Table[Any]:
    import attrs

    from ..dataset import RECORD_TYPES

    if args.table not in RECORD_TYPES:
        raise UsageError(f"unknown table {args.table!r}{closest(args.table, RECORD_TYPES)}")
    start, end = date_range(args)
    table: Table[Any] = ds.tables[args.table]
    cls = RECORD_TYPES[args.table]
    fields = [f.name for f in attrs.fields(cls)]
    for condition in args.where:
        name, sep, value = condition.partition("=")
        if not sep:
            raise UsageError(f"--where needs FIELD=VALUE, got {condition!r}")
        if name not in fields:
            raise UsageError(f"{args.table} has no field {name!r}{closest(name, fields)}")
        try:
            table = table.where(**{name: coerce(cls, name, value)})
        except (KeyError, TypeError, ValueError) as exc:  # the API's one line, on the option
            raise UsageError(f"--where {name}: {exc.args[0]}") from None
    if args.source:
        if args.source not in ds.sources:
            raise UsageError(
                f"unknown source {args.source!r}{closest(args.source, ds.sources.ids)}"
            )
        table = table.by_source(args.source)
    if start is not None or end is not None:
        try:
            table = table.between(start or "0001", end or "9999")
        except TypeError as exc:  # a table whose records have no dates
            raise UsageError(f"--from/--to: {exc.args[0]}") from None
    return table


def list_command(ds: Dataset, args: argparse.Namespace) -> int:
    table = _filtered(ds, args)
    if args.json:
        dump([plain(r) for r in table])
        return 0
    from ..records import when

    rows = []
    for record in table:
        period = when(record)
        amount = getattr(record, "amount", None)
        extra = f"{record.qualifier.value} {amount}" if amount is not None else ""
        rows.append((record.id, period or "", label(record), extra))
    print_table(("id", "date", "what", "amount"), rows)
    say(f"{len(table)} records")
    return 0


def show_command(ds: Dataset, args: argparse.Namespace) -> int:
    """The record as its sources state it beside its resolved reading: each field that
    differs names where the resolved value came from (an erratum, or other claims)."""
    import attrs

    from ..records import links

    renamed = renamed_to(ds, args.id)
    record_id = renamed or args.id
    record = record_named(ds, record_id)
    resolved_ds = ds.resolved()
    resolution = resolved_ds.resolution
    assert resolution is not None
    thing = resolution.thing_of(record_id)
    resolved = resolved_ds.get(thing) if thing is not None else None
    stated = plain(record)
    reading = plain(resolved) if resolved is not None else None
    origins: dict[str, dict[str, Any]] = {}
    if resolved is not None and thing is not None:
        for field in attrs.fields(type(resolved)):
            if field.name in ("id", "citations"):
                continue
            found = resolution.origin(thing, field.name)
            differs = reading is not None and stated.get(field.name) != reading.get(field.name)
            if found.erratum is not None or differs:
                origins[field.name] = {"erratum": found.erratum, "claims": list(found.claims)}
    if args.json:
        shown = {"stated": stated, "resolved": reading, "thing": thing, "origins": origins}
        dump(shown if renamed is None else {"renamed_to": renamed, **shown})
        return 0
    if renamed is not None:
        redirect = ds.redirects[args.id]
        say(f"{args.id} was renamed to {renamed} in data {redirect.since}: {redirect.reason}")
    same = thing == record_id
    say(f"{type(record).__name__} {record_id}" + ("" if same else f" (a claim of {thing})"))
    rows = []
    for field in attrs.fields(type(record)):
        value = stated.get(field.name)
        new = reading.get(field.name) if reading is not None else None
        if field.name in ("id", "citations") or (value in (None, "", [], ()) and new == value):
            continue
        origin = origins.get(field.name)
        where = ""
        if origin is not None:
            where = (
                f"corrected by erratum {origin['erratum']}"
                if origin["erratum"]
                else ("from " + ", ".join(origin["claims"]) if origin["claims"] else "merged")
            )
        rows.append((field.name, cell(value), "=" if new == value else cell(new), where))
    print_wrapped(("field", "as stated", "resolved (= the same)", "from"), rows)
    linked = [(f, t) for f, t, _ in links(record)]
    if linked:
        say("links:")
        for field, target in linked:
            say(wrap(f"{field} -> {target}: {label(ds.get(target))}", indent="  "))
    for citation in getattr(record, "citations", ()):
        say(f"cited by {citation.source}:")
        say(wrap(f"“{citation.evidence}”", indent="  "))
    referring = [r for t in ds.tables.values() for r in t.involving(record_id)]
    if referring:
        say("linked from:")
        for other in referring:
            say(wrap(f"{other.id}: {label(other)}", indent="  "))
    return 0


def search_command(ds: Dataset, args: argparse.Namespace) -> int:
    # Table.search is the one matching rule (names, aliases, titles, codes); the
    # command only lists its hits, table by table.
    if not args.text.strip():
        raise UsageError("search needs a name, an alias or a word of a title")
    found = [
        (name, record.id, label(record))
        for name, table in ds.tables.items()
        for record in table.search(args.text)
    ]
    if args.json:
        dump([{"table": t, "id": i, "label": label} for t, i, label in found])
        return 0
    if not found:
        say(f"nothing matches {args.text!r}")
        return 0
    print_table(("table", "id", "name or title"), found)
    return 0


def timeline_command(ds: Dataset, args: argparse.Namespace) -> int:
    person, place, org = (linked_id(ds, args, option) for option in LINK_OPTIONS)
    start, end = date_range(args)
    entries = ds.timeline(start, end, person=person, place=place, organization=org)
    if args.json:
        dump([{"period": str(e.period), "table": e.table, "id": e.record.id} for e in entries])
        return 0
    print_table(
        ("date", "table", "id", "what"),
        [(e.period, e.table, e.record.id, label(e.record)) for e in entries],
    )
    return 0


def series_command(ds: Dataset, args: argparse.Namespace) -> int:
    from ..vocabulary import Direction, FigureKind, Measure, Subject

    def pick(kind: type[Any], value: str | None, label: str) -> Any:
        if value is None:
            return None
        choices = [m.value for m in kind]
        if value not in choices:
            raise UsageError(f"unknown {label} {value!r}{closest(value, choices)}")
        return kind(value)

    subject = pick(Subject, args.subject, "subject")
    kind = None if args.kind == "all" else pick(FigureKind, args.kind, "kind")
    if args.source is not None and args.source not in ds.sources:
        ids = list(ds.sources.ids)
        raise UsageError(f"--source: no source {args.source!r}{closest(args.source, ids)}")
    figures = ds.figures.series(
        subject,
        direction=pick(Direction, args.direction, "direction"),
        kind=kind,
        measure=pick(Measure, args.measure, "measure"),
        source=args.source,
    )
    if args.json:
        dump([plain(f) for f in figures])
        return 0
    print_table(
        ("period", "direction", "qualifier", "amount", "kind", "source", "id"),
        [
            (
                f.period,
                f.direction.value if f.direction else "",
                f.qualifier.value,
                f.amount,
                f.kind.value,
                ", ".join(dict.fromkeys(c.source for c in f.citations)),
                f.id,
            )
            for f in figures
        ],
    )
    return 0


def _applied(ds: Dataset, args: argparse.Namespace) -> int:
    """``errata --applied``: :meth:`kzcn.resolve.Resolution.corrections`."""
    resolution = ds.resolved().resolution
    assert resolution is not None
    found = resolution.corrections()
    if args.json:
        dump([c.as_dict() for c in found])
        return 0
    for c in found:
        claim = "" if c.claim == c.record else f" (claim {c.claim})"
        say(f"{c.table} {c.record}.{c.field}{claim}, by erratum {c.erratum}")
        say(f"  stated:    {cell(c.as_dict()['stated'])}")
        say(f"  corrected: {cell(c.as_dict()['corrected'])}")
        for citation in c.stated_evidence[:1]:
            say(f"  source says: “{citation.evidence}” ({citation.source})")
        for citation in c.erratum_evidence[:1]:
            say(f"  erratum reads: “{citation.evidence}” ({citation.source})")
    say(f"{len(found)} corrected values")
    return 0


def errata_command(ds: Dataset, args: argparse.Namespace) -> int:
    if args.applied:
        return _applied(ds, args)
    if args.json:
        dump([plain(e) for e in ds.errata])
        return 0
    for erratum in ds.errata:
        check = f" [check {erratum.check}]" if erratum.check else ""
        say(f"{erratum.id} ({erratum.kind.value}) on {erratum.record}.{erratum.field}{check}")
        say(f"  source says: “{erratum.citations[0].evidence}”")
        say(f"  problem: {erratum.problem}")
        say(f"  reading: {erratum.reading}")
        say()
    say(f"{len(ds.errata)} errata")
    return 0
