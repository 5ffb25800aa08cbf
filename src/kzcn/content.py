"""The content hash of the data: SHA-256 of the records as canonical JSON.

Unlike ``DATA_SHA256`` (a digest of the data *files*, which moves with a comment or a
reordering), the content hash depends only on the records and redirects: each record
as :func:`kzcn.convert.unstructure` writes it, the rows of each table sorted by id, the
whole as JSON with sorted keys and no spaces. Two exports with one hash hold the same
data; an export, a release file and ``kzcn --version`` carry it beside the data version.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = ["content_hash", "dataset_hash", "stated_rows"]


def content_hash(tables: Mapping[str, Iterable[Mapping[str, Any]]]) -> str:
    """The SHA-256 (hex) of table name -> rows (``"redirects"`` is one of them)."""
    canonical = {
        name: sorted(rows, key=lambda row: str(row.get("id"))) for name, rows in tables.items()
    }
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stated_rows(ds: Dataset) -> dict[str, list[dict[str, Any]]]:
    """The rows of the data as stated (the claims, for a resolved view too), with
    ``"redirects"``: what :func:`content_hash` hashes."""
    from .convert import unstructure

    resolution = ds.resolution
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in ds.tables}
    if resolution is None:
        for name, table in ds.tables.items():
            tables[name] = [unstructure(r) for r in table]
    else:
        for thing in resolution.things.values():
            for claim in thing.claims:
                tables[thing.table].append(unstructure(resolution.claim(claim)))
    tables["redirects"] = [unstructure(r) for r in ds.redirects.values()]
    return tables


def dataset_hash(ds: Dataset) -> str:
    """The content hash of a dataset's claims (the same for both of its views)."""
    return content_hash(stated_rows(ds))
