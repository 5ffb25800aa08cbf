"""Every released version of the data, kept in the package as one compact JSON file
each (``<data version>.json``), so that a pip-installed kzcn can say what changed since
a release (``kzcn diff 2026.11.23 installed``).

A release file is ``{"version", "data_version", "tables", "redirects"}``: each record
as :func:`kzcn.convert.unstructure` wrote it when the release was made, one record a
line. Files are never edited once released: ``SHA256SUMS`` beside them lists the hash
of each, and a test compares them.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any, Final

__all__ = ["CHECKSUMS", "dumps", "release_hash", "release_names", "release_path"]

CHECKSUMS: Final = "SHA256SUMS"
_NAME: Final = re.compile(r"^\d{4}\.\d{2}\.\d{2}$")


def _folder() -> Path:
    return Path(str(resources.files(__name__)))


def release_names() -> tuple[str, ...]:
    """The data versions released, oldest first."""
    return tuple(sorted(p.stem for p in _folder().glob("*.json") if _NAME.match(p.stem)))


def release_path(name: str) -> Path | None:
    """The file of release ``name`` (a data version such as ``2026.11.23``), or
    ``None`` when there is no such release."""
    if not _NAME.match(name):
        return None
    path = _folder() / f"{name}.json"
    return path if path.is_file() else None


def release_hash(name: str) -> str:
    """The content hash (:func:`kzcn.content.content_hash`) of a release's records."""
    from ..content import content_hash

    path = release_path(name)
    if path is None:
        raise KeyError(f"no release {name!r}")
    document = json.loads(path.read_text(encoding="utf-8"))
    return content_hash({**document["tables"], "redirects": document.get("redirects", [])})


def dumps(document: dict[str, Any]) -> str:
    """A release document as compact text: the header keys one a line, then each
    table's records one a line (diffable, and small)."""
    lines = ["{"]
    header = [k for k in document if k not in ("tables", "redirects")]
    lines += [f"{json.dumps(k)}: {json.dumps(document[k], ensure_ascii=False)}," for k in header]
    lines.append('"tables": {')
    tables = document["tables"]
    for index, (name, rows) in enumerate(tables.items()):
        lines.append(f"{json.dumps(name)}: [")
        lines += [
            json.dumps(row, ensure_ascii=False) + ("," if i < len(rows) - 1 else "")
            for i, row in enumerate(rows)
        ]
        lines.append("]" + ("," if index < len(tables) - 1 else ""))
    redirects = document.get("redirects")
    if redirects is None:
        lines.append("}")
    else:
        lines.append("},")
        lines.append('"redirects": [')
        lines += [
            json.dumps(row, ensure_ascii=False) + ("," if i < len(redirects) - 1 else "")
            for i, row in enumerate(redirects)
        ]
        lines.append("]")
    lines.append("}")
    return "\n".join(lines) + "\n"
