"""Record-level differences between two versions of the data.

Each side is a JSON export (``kzcn export json``), a folder of data files (read as the
loader reads data, through the whole validation pipeline: a folder it would refuse is
refused with :class:`~kzcn.errors.DataError`), a release
kept in the package (its data version, such as ``"2026.11.23"``; see
:mod:`kzcn.releases`), or the installed package's data (``"installed"``). The sides
are compared as rows (what the files write), not as records, so a release whose model
differed (a table that did not exist yet, a vocabulary that changed) still compares: a
record is *added*, *removed* (with its redirect, when the newer side has one), *moved*
to another table (its id kept), or *changed*, field by field.

Things are followed across ids: an id the newer side redirects to a record that is new
is *renamed* (and the record's fields are compared across the rename); one redirected
to a record that was already there, or a claim a resolved export lists under its thing
(its ``claims`` table), is *merged* into it, not removed. :meth:`Diff.only` keeps what
concerns some ids (those a paper cites: :func:`read_ids` reads them from a list or a
BibTeX file of ``kzcn cite``).
"""

from __future__ import annotations

import json
import re
import sys
import types
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from .limits import read_text

__all__ = ["Change", "Diff", "diff", "read_ids", "read_side"]

INSTALLED: Final = "installed"
_NOT_TABLES: Final = frozenset({"redirects"})

Rows = dict[str, tuple[str, dict[str, Any]]]  # id -> (table, row)


@attrs.frozen
class Change:
    """One field of one record that differs between the two sides."""

    id: str
    table: str
    field: str
    old: Any
    new: Any
    was: str | None = None  # the id on the old side, when the record was renamed


@attrs.frozen
class Diff:
    """What changed between ``old`` and ``new``."""

    old: str
    new: str
    added: tuple[tuple[str, str], ...]  # (table, id)
    removed: tuple[tuple[str, str, dict[str, Any] | None], ...]  # (table, id, redirect)
    moved: tuple[tuple[str, str, str], ...]  # (id, old table, new table)
    changed: tuple[Change, ...]
    renamed: tuple[tuple[str, str, str], ...] = ()  # (table, old id, new id)
    merged: tuple[tuple[str, str, str], ...] = ()  # (table, old id, the thing's id)
    unknown: tuple[str, ...] = ()  # ids asked about (:meth:`only`) on neither side
    unchanged: frozenset[str] = attrs.field(default=frozenset(), eq=False, repr=False)

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.moved
            or self.changed
            or self.renamed
            or self.merged
            or self.unknown
        )

    def only(self, ids: Iterable[str]) -> Diff:
        """This diff restricted to the records ``ids`` name (on the old side: followed
        across renames and merges, their changes are kept); an id on neither side is
        listed in ``unknown``."""
        wanted = set(ids)
        known = {i for _, i in self.added} | {i for _, i, _ in self.removed}
        known |= {i for _, i, _ in self.renamed} | {i for _, i, _ in self.merged}
        known |= {i for i, _, _ in self.moved} | {c.id for c in self.changed}
        known |= {c.was for c in self.changed if c.was}
        return Diff(
            self.old,
            self.new,
            tuple(a for a in self.added if a[1] in wanted),
            tuple(r for r in self.removed if r[1] in wanted),
            tuple(m for m in self.moved if m[0] in wanted),
            tuple(c for c in self.changed if c.id in wanted or c.was in wanted),
            tuple(r for r in self.renamed if r[1] in wanted),
            tuple(m for m in self.merged if m[1] in wanted),
            tuple(sorted(wanted - known - self.unchanged)),
        )

    def as_dict(self) -> dict[str, Any]:
        """The diff as plain data (for ``--json``)."""
        return {
            "old": self.old,
            "new": self.new,
            "added": [{"table": t, "id": i} for t, i in self.added],
            "removed": [{"table": t, "id": i, "redirect": r} for t, i, r in self.removed],
            "moved": [{"id": i, "from": a, "to": b} for i, a, b in self.moved],
            "changed": [attrs.asdict(c) for c in self.changed],
            "renamed": [{"table": t, "from": a, "to": b} for t, a, b in self.renamed],
            "merged": [{"table": t, "id": i, "into": b} for t, i, b in self.merged],
            "unknown": list(self.unknown),
        }

    def markdown(self) -> str:
        """A summary for the data section of the changelog: ids added, removed (with
        their redirects) and moved, and per table the fields that changed."""
        out = [
            f"- {len(self.added)} records added, {len(self.removed)} removed, "
            f"{len(self.renamed)} renamed, {len(self.merged)} merged, "
            f"{len(self.moved)} moved to another table, "
            f"{len({c.id for c in self.changed})} changed."
        ]
        if self.added:
            by_table: dict[str, list[str]] = {}
            for table, rid in self.added:
                by_table.setdefault(table, []).append(f"`{rid}`")
            for table, ids in by_table.items():
                out.append(f"- Added to {table} ({len(ids)}): {', '.join(ids)}.")
        for table, rid, redirect in self.removed:
            target = (redirect or {}).get("to")
            reason = (redirect or {}).get("reason", "no redirect")
            into = f", now `{target}`" if target else ""
            out.append(f"- Removed from {table}: `{rid}`{into} ({reason}).")
        for table, before, after in self.renamed:
            out.append(f"- Renamed in {table}: `{before}` is now `{after}`.")
        for table, rid, thing in self.merged:
            out.append(f"- Merged in {table}: `{rid}` is now part of `{thing}`.")
        moves: dict[tuple[str, str], list[str]] = {}
        for rid, before, after in self.moved:
            moves.setdefault((before, after), []).append(f"`{rid}`")
        for (before, after), ids in moves.items():
            out.append(
                f"- Moved from {before} to {after} ({len(ids)}, ids kept): {', '.join(ids)}."
            )
        fields: dict[str, dict[str, set[str]]] = {}
        for change in self.changed:
            fields.setdefault(change.table, {}).setdefault(change.field, set()).add(change.id)
        for table, per_field in fields.items():
            parts = ", ".join(f"`{f}` ({len(ids)})" for f, ids in sorted(per_field.items()))
            out.append(f"- Changed in {table}, by field (records): {parts}.")
        return "\n".join(out)

    def text(self) -> str:
        """The diff as readable lines (``kzcn diff``)."""
        out = [f"{self.old} -> {self.new}"]
        counts = (
            f"{len(self.added)} added, {len(self.removed)} removed, "
            f"{len(self.renamed)} renamed, {len(self.merged)} merged, {len(self.moved)} moved, "
            f"{len({c.id for c in self.changed})} changed"
        )
        out.append(counts)
        for table, rid in self.added:
            out.append(f"+ {table} {rid}")
        for table, rid, redirect in self.removed:
            if redirect is None:
                out.append(f"- {table} {rid} (no redirect)")
            elif redirect.get("to"):
                out.append(f"- {table} {rid} -> {redirect['to']}: {redirect.get('reason', '')}")
            else:
                out.append(f"- {table} {rid} removed: {redirect.get('reason', '')}")
        for table, before, after in self.renamed:
            out.append(f"= {table} {before} renamed to {after}")
        for table, rid, thing in self.merged:
            out.append(f"& {table} {rid} merged into {thing}")
        for rid, before, after in self.moved:
            out.append(f"> {rid} moved from {before} to {after}")
        for change in self.changed:
            was = f" (was {change.was})" if change.was else ""
            out.append(
                f"~ {change.table} {change.id}.{change.field}{was}: "
                f"{_short(change.old)} -> {_short(change.new)}"
            )
        for rid in self.unknown:
            out.append(f"? {rid}: on neither side")
        return "\n".join(out)


def _short(value: Any, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _rows_of_tables(
    tables: Mapping[str, Any], origin: str, *, canonical: bool = True
) -> tuple[Rows, dict[str, Any]]:
    rows: Rows = {}
    redirects: dict[str, Any] = {}
    for table, records in tables.items():
        if not isinstance(records, list):
            raise ValueError(f"{origin}: table {table!r} is not a list of records")
        for row in records:
            if not isinstance(row, dict) or not isinstance(row.get("id"), str):
                raise ValueError(f"{origin}: a record of {table!r} has no id")
            if table in _NOT_TABLES:
                redirects[row["id"]] = row
                continue
            rows[row["id"]] = (table, _canonical(table, row) if canonical else row)
    return rows, redirects


def _canonical(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A row as the current model writes it: the keys an export derives dropped
    (:func:`kzcn.kinds.derived_keys`), text NFC-normalised, and the rest read into a
    record and written back, so that every form of the same data (a data file's inline
    tables and defaults, an export's lists and nulls) gives the same row. A row the
    model cannot read (an older release's) is compared as it is."""
    from .convert import unstructure
    from .dataset import RECORD_TYPES
    from .kinds import derived_keys
    from .text import normalize_tree
    from .validate import read_document

    cls = RECORD_TYPES.get(table)
    if cls is None:
        return row
    drop = derived_keys(cls)
    stated = {k: v for k, v in row.items() if k not in drop}
    # the first step of the one validation pipeline: NFC, then the converter
    records, problems = read_document({table: [stated]}, {table: cls}, table)
    if problems or not records[table]:
        as_stated: dict[str, Any] = normalize_tree(stated)
        return as_stated
    record = records[table][0]
    written: dict[str, Any] = unstructure(record)
    return written


def _installed(*, resolved: bool = False) -> tuple[Rows, dict[str, Any]]:
    from .convert import unstructure
    from .package import shipped

    ds = shipped().resolved() if resolved else shipped()
    tables = {name: [unstructure(r) for r in table] for name, table in ds.tables.items()}
    tables["redirects"] = [unstructure(r) for r in ds.redirects.values()]
    return _rows_of_tables(tables, INSTALLED)


def _folder(path: Path) -> tuple[Rows, dict[str, Any]]:
    """The data files of a folder, read as the loader reads data: the whole validation
    pipeline runs, and data it would refuse is refused with its problems (file, record,
    field) as :class:`~kzcn.errors.DataError`, never compared as if it had loaded."""
    from .convert import unstructure
    from .loader import load_records, read_files

    files = sorted(path.glob("*.toml"))
    if not files:
        raise ValueError(f"{path}: no data files (*.toml) in this folder")
    loaded = load_records(read_files(files))
    tables = {name: [unstructure(r) for r in records] for name, records in loaded.items()}
    # The records are the loader's: already the rows _canonical would give.
    return _rows_of_tables(tables, str(path), canonical=False)


def _text_of(path: Path) -> str:
    """The text of a file given on the command line: a pipe would block the read and a
    device never end it, so only a regular file is read, within the size limit of any
    file kzcn reads (:mod:`kzcn.limits`)."""
    if path.exists() and not path.is_file():
        raise OSError("not a regular file")
    return read_text(path)


def _export(path: Path) -> tuple[Rows, dict[str, Any]]:
    try:
        document = json.loads(_text_of(path))
    except RecursionError:
        raise ValueError(f"{path}: not a JSON export: nested too deeply") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"{path}: not a JSON export: {exc}") from None
    tables = document.get("tables") if isinstance(document, dict) else None
    if not isinstance(tables, dict):
        raise ValueError(f"{path}: not a JSON export (no 'tables' object)")
    redirects = document.get("redirects", [])
    rows, found = _rows_of_tables({**tables, "redirects": redirects}, str(path))
    # A resolved export lists each claim's thing: a claim merged into another record
    # is a redirect to it, as far as a diff goes.
    for link in document.get("claims") or ():
        if isinstance(link, dict) and not link.get("primary", True) and link.get("claim"):
            found.setdefault(
                link["claim"],
                {
                    "id": link["claim"],
                    "to": link.get("thing"),
                    "reason": "a claim of the same thing (same_as)",
                    "same_as": True,
                },
            )
    return rows, found


def _view(side: str | Path) -> str:
    """``"resolved"`` for a JSON export of the resolved view, else ``"claims"``."""
    path = Path(side)
    if str(side) == INSTALLED or not path.is_file():
        return "claims"
    try:
        document = json.loads(_text_of(path))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return "claims"  # read_side reports it
    return (
        "resolved"
        if isinstance(document, dict) and document.get("view") == "resolved"
        else ("claims")
    )


def read_side(side: str | Path, *, resolved: bool = False) -> tuple[Rows, dict[str, Any]]:
    """The rows and redirects of one side: a JSON export, a data folder, a release
    name, or ``"installed"`` (its resolved view when ``resolved``). Raises
    ``ValueError`` with one line naming the side, or for a folder the loader would
    refuse :class:`~kzcn.errors.DataError` (a ``ValueError``) with its problems."""
    from .releases import release_path

    if not str(side).strip():  # Path("") is the working folder: an unset variable
        raise ValueError("a side is empty (an unset variable?): give what to compare")
    if str(side) == INSTALLED:
        return _installed(resolved=resolved)
    release = release_path(str(side))
    if release is not None and not Path(side).exists():
        return _export(release)
    path = Path(side)
    if path.is_dir():
        return _folder(path)
    if path.is_file():
        return _export(path)
    raise ValueError(
        f"{side}: no such file, folder or release "
        "(give a JSON export, a folder, a release such as 2026.11.23, or installed)"
    )


def _normal(value: Any) -> Any:
    # An empty list and an absent field say the same thing; so do None and absent.
    return None if value in ((), [], "", None) else value


def _follow(rid: str, redirects: Mapping[str, Any], rows: Rows) -> str | None:
    """The live id a redirect chain from ``rid`` ends at, or ``None``."""
    seen = {rid}
    while (redirect := redirects.get(rid)) is not None:
        target = redirect.get("to") if isinstance(redirect, dict) else None
        if not isinstance(target, str) or target in seen:
            return None
        if target in rows:
            return target
        seen.add(target)
        rid = target
    return None


def diff(old: str | Path, new: str | Path) -> Diff:
    """The record-level difference between two sides (see the module's docstring).

    The installed data is compared in the view of the other side: against an export of
    the resolved view, its resolved view."""
    resolved = "resolved" in (_view(old), _view(new))
    old_rows, _ = read_side(old, resolved=resolved)
    new_rows, new_redirects = read_side(new, resolved=resolved)
    renamed: list[tuple[str, str, str]] = []
    merged: list[tuple[str, str, str]] = []
    removed: list[tuple[str, str, dict[str, Any] | None]] = []
    pairs: list[tuple[str, str]] = []  # (old id, new id) whose fields are compared
    targets: set[str] = set()
    for rid, (table, _) in old_rows.items():
        if rid in new_rows:
            pairs.append((rid, rid))
            continue
        target = _follow(rid, new_redirects, new_rows)
        redirect = new_redirects.get(rid)
        if target is None:
            removed.append((table, rid, redirect))
        elif target in old_rows or target in targets or (redirect or {}).get("same_as"):
            merged.append((table, rid, target))
        else:
            renamed.append((table, rid, target))
            targets.add(target)
            pairs.append((rid, target))
    added = tuple(
        sorted((t, i) for i, (t, _) in new_rows.items() if i not in old_rows and i not in targets)
    )
    moved, changed = [], []
    for rid, now in pairs:
        table, row = old_rows[rid]
        new_table, new_row = new_rows[now]
        if new_table != table:
            moved.append((rid, table, new_table))
        for field in _fields(row, new_row):
            if field == "id":
                continue
            before, after = _normal(row.get(field)), _normal(new_row.get(field))
            if before != after:
                changed.append(
                    Change(now, new_table, field, before, after, None if now == rid else rid)
                )
    unchanged = (
        frozenset(i for i, _ in pairs) - {c.id for c in changed} - {c.was for c in changed if c.was}
    )
    unchanged -= {i for i, _, _ in moved}
    return Diff(
        str(old),
        str(new),
        added,
        tuple(sorted(removed, key=lambda item: (item[0], item[1]))),
        tuple(sorted(moved)),
        tuple(changed),
        tuple(sorted(renamed)),
        tuple(sorted(merged)),
        (),
        unchanged,
    )


_BIBTEX_KEY: Final = re.compile(r"@\w+\s*\{\s*([^,\s]+)\s*,")


def read_ids(path: str | Path) -> tuple[str, ...]:
    """The record ids a paper cites: a file of ids (one a line; blank lines and ``#``
    comments skipped), or a BibTeX file written by ``kzcn cite`` (each entry's key,
    ``kzcn:<record>:<source>`` or ``kzcn:<source>``, names the record). Raises
    ``ValueError`` with one line."""
    path = Path(path)
    try:
        text = _text_of(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"--ids {path}: cannot read: {exc}") from None
    from .records import SLUG_PATTERN

    # A record id as written, in any case: ids are read case-insensitively elsewhere,
    # so capitals are no reason to refuse one.
    record_id = re.compile(SLUG_PATTERN, re.IGNORECASE)
    ids: list[str] = []
    if "@" in text:
        for key in _BIBTEX_KEY.findall(text):
            parts = key.split(":")
            if parts[0] == "kzcn" and len(parts) in (2, 3):
                ids.append(parts[1])
            elif key != "kzcn":
                raise ValueError(f"--ids {path}: {key!r} is not a key kzcn cite writes")
    else:
        for number, line in enumerate(text.splitlines(), 1):
            rid = line.split("#", 1)[0].strip()
            if rid and not record_id.fullmatch(rid):  # a file of something else, read as ids
                raise ValueError(f"--ids {path}: line {number}: {rid[:60]!r} is not a record id")
            if rid:
                ids.append(rid.lower())  # ids are lower case: ZX19-TRADE-2018 is zx19-trade-2018
    if not ids:
        raise ValueError(f"--ids {path}: no ids in this file")
    return tuple(dict.fromkeys(ids))


def _fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterable[str]:
    return list(dict.fromkeys([*old, *new]))


def main(argv: list[str] | None = None) -> int:
    """``python -m kzcn.diff OLD NEW [--json | --markdown]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m kzcn.diff", description=diff.__doc__)
    sides = "a JSON export, a folder of data files, a release (kzcn releases) or 'installed'"
    parser.add_argument("old", help=sides)
    parser.add_argument("new", help=sides)
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="the diff as JSON")
    form.add_argument("--markdown", action="store_true", help="a changelog summary")
    args = parser.parse_args(argv)
    from .errors import DataError

    try:
        found = diff(args.old, args.new)
    except DataError as exc:  # a folder the loader refuses: its problems, on one line
        count = len(exc.problems)
        shown = "; ".join(str(p) for p in exc.problems[:10])
        more = f"; and {count - 10} more" if count > 10 else ""
        print(f"kzcn diff: {count} problem(s) in the data: {shown}{more}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"kzcn diff: {exc}", file=sys.stderr)
        return 2
    if args.json:
        text = json.dumps(found.as_dict(), ensure_ascii=False, indent=2, default=str)
    else:
        text = found.markdown() if args.markdown else found.text()
    return _print(text)


def _print(text: str) -> int:
    """Print ``text``; 1, quietly, when it cannot be delivered (a closed stdout, a
    reader that left: ``| head -1``), as the ``kzcn`` command does."""
    import os

    if sys.stdout is None:  # closed before the start (>&-)
        return 1
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # what is still buffered is dropped, so Python does not report it again at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


class _CallableModule(types.ModuleType):
    """This module, callable as :func:`diff`: importing ``kzcn.diff`` makes the package
    attribute ``kzcn.diff`` this module (Python sets a submodule on its package), so
    ``kzcn.diff(old, new)`` works whatever the process imported first."""

    def __call__(self, old: str | Path, new: str | Path) -> Diff:
        return diff(old, new)


sys.modules[__name__].__class__ = _CallableModule


if __name__ == "__main__":  # pragma: no cover
    try:
        raise SystemExit(main())
    except KeyboardInterrupt:  # Ctrl-C: one line, the shell's status for SIGINT
        if sys.stderr is not None:
            print("kzcn diff: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
