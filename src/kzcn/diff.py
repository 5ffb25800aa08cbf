"""Record-level differences between two versions of the data.

Each side is a JSON export (``kzcn export json``), a folder of data files, or the
installed package (``"installed"``). The sides are compared as rows (what the files
write), not as records, so a release whose model differed (a table that did not exist
yet, a vocabulary that changed) still compares: a record is *added*, *removed* (with
its redirect, when the newer side has one), *moved* to another table (its id kept), or
*changed*, field by field.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final

import attrs

__all__ = ["Change", "Diff", "diff", "read_side"]

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


@attrs.frozen
class Diff:
    """What changed between ``old`` and ``new``."""

    old: str
    new: str
    added: tuple[tuple[str, str], ...]  # (table, id)
    removed: tuple[tuple[str, str, dict[str, Any] | None], ...]  # (table, id, redirect)
    moved: tuple[tuple[str, str, str], ...]  # (id, old table, new table)
    changed: tuple[Change, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.moved or self.changed)

    def as_dict(self) -> dict[str, Any]:
        """The diff as plain data (for ``--json``)."""
        return {
            "old": self.old,
            "new": self.new,
            "added": [{"table": t, "id": i} for t, i in self.added],
            "removed": [{"table": t, "id": i, "redirect": r} for t, i, r in self.removed],
            "moved": [{"id": i, "from": a, "to": b} for i, a, b in self.moved],
            "changed": [attrs.asdict(c) for c in self.changed],
        }

    def markdown(self) -> str:
        """A summary for the data section of the changelog: ids added, removed (with
        their redirects) and moved, and per table the fields that changed."""
        out = [
            f"- {len(self.added)} records added, {len(self.removed)} removed, "
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
            f"{len(self.added)} added, {len(self.removed)} removed, {len(self.moved)} moved, "
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
        for rid, before, after in self.moved:
            out.append(f"> {rid} moved from {before} to {after}")
        for change in self.changed:
            out.append(
                f"~ {change.table} {change.id}.{change.field}: "
                f"{_short(change.old)} -> {_short(change.new)}"
            )
        return "\n".join(out)


def _short(value: Any, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _rows_of_tables(tables: Mapping[str, Any], origin: str) -> tuple[Rows, dict[str, Any]]:
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
            rows[row["id"]] = (table, _canonical(table, row))
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


def _installed() -> tuple[Rows, dict[str, Any]]:
    from .convert import unstructure
    from .package import shipped

    ds = shipped()
    tables = {name: [unstructure(r) for r in table] for name, table in ds.tables.items()}
    tables["redirects"] = [unstructure(r) for r in ds.redirects.values()]
    return _rows_of_tables(tables, INSTALLED)


def _folder(path: Path) -> tuple[Rows, dict[str, Any]]:
    from .parsing import TOMLError, loads

    tables: dict[str, list[Any]] = {}
    files = sorted(path.glob("*.toml"))
    if not files:
        raise ValueError(f"{path}: no data files (*.toml) in this folder")
    for file in files:
        try:
            document = loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, TOMLError) as exc:
            raise ValueError(f"{file}: cannot read: {exc}") from None
        for table, rows in document.items():
            if table == "kzcn":
                continue
            tables.setdefault(table, []).extend(rows if isinstance(rows, list) else [rows])
    return _rows_of_tables(tables, str(path))


def _export(path: Path) -> tuple[Rows, dict[str, Any]]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ValueError(f"{path}: not a JSON export: {exc}") from None
    tables = document.get("tables") if isinstance(document, dict) else None
    if not isinstance(tables, dict):
        raise ValueError(f"{path}: not a JSON export (no 'tables' object)")
    redirects = document.get("redirects", [])
    return _rows_of_tables({**tables, "redirects": redirects}, str(path))


def read_side(side: str | Path) -> tuple[Rows, dict[str, Any]]:
    """The rows and redirects of one side: a JSON export, a data folder, or
    ``"installed"``. Raises ``ValueError`` with one line naming the side."""
    if str(side) == INSTALLED:
        return _installed()
    path = Path(side)
    if path.is_dir():
        return _folder(path)
    if path.is_file():
        return _export(path)
    raise ValueError(f"{side}: no such file or folder (give a JSON export, a folder, or installed)")


def _normal(value: Any) -> Any:
    # An empty list and an absent field say the same thing; so do None and absent.
    return None if value in ((), [], "", None) else value


def diff(old: str | Path, new: str | Path) -> Diff:
    """The record-level difference between two sides (see the module's docstring)."""
    old_rows, _ = read_side(old)
    new_rows, new_redirects = read_side(new)
    added = tuple(sorted((t, i) for i, (t, _) in new_rows.items() if i not in old_rows))
    removed = tuple(
        sorted(
            ((t, i, new_redirects.get(i)) for i, (t, _) in old_rows.items() if i not in new_rows),
            key=lambda item: (item[0], item[1]),
        )
    )
    moved, changed = [], []
    for rid, (table, row) in old_rows.items():
        if rid not in new_rows:
            continue
        new_table, new_row = new_rows[rid]
        if new_table != table:
            moved.append((rid, table, new_table))
        for field in _fields(row, new_row):
            before, after = _normal(row.get(field)), _normal(new_row.get(field))
            if before != after:
                changed.append(Change(rid, new_table, field, before, after))
    return Diff(str(old), str(new), added, removed, tuple(sorted(moved)), tuple(changed))


def _fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterable[str]:
    return list(dict.fromkeys([*old, *new]))


def main(argv: list[str] | None = None) -> int:
    """``python -m kzcn.diff OLD NEW [--json | --markdown]``."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m kzcn.diff", description=diff.__doc__)
    parser.add_argument("old", help="a JSON export, a folder of data files, or 'installed'")
    parser.add_argument("new", help="a JSON export, a folder of data files, or 'installed'")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="the diff as JSON")
    form.add_argument("--markdown", action="store_true", help="a changelog summary")
    args = parser.parse_args(argv)
    try:
        found = diff(args.old, args.new)
    except ValueError as exc:
        print(f"kzcn diff: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(found.as_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        print(found.markdown() if args.markdown else found.text())
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
