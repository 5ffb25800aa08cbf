"""The provenance tables of a resolved export: ``claims`` and ``corrections``.

A resolved export merges claims into things and applies errata; these two tables keep
how it got there, in every format that has tables (JSON, CSV, the data package,
Parquet):

- ``claims``: each claim id, its table, the thing (resolved record) it became part of,
  and ``primary`` (true for the claim that gives the thing its id), so a claim id a
  paper cites leads to its row in the resolved tables;
- ``corrections``: each value an erratum corrected
  (:meth:`kzcn.resolve.Resolution.corrections`): table, record, claim, field, the
  stated and the corrected value (as the data files write them), the erratum, and the
  citations behind both (JSON text in CSV, lists in JSON and Parquet).

An export of the claims has neither table: nothing was merged or corrected.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final, NamedTuple

if TYPE_CHECKING:
    from ..dataset import Dataset

__all__ = ["PROVENANCE", "ProvenanceColumn", "provenance_rows", "provenance_schema"]


class ProvenanceColumn(NamedTuple):
    """One column of a provenance table: its name, Table Schema type, whether it is
    required, the resource its values are ids of (or ``None``) and what it holds."""

    name: str
    type: str  # string, boolean or array (a list of citations)
    required: bool
    reference: str | None
    description: str


_CITES: Final = "citations (source, evidence)"

PROVENANCE: Final[dict[str, tuple[ProvenanceColumn, ...]]] = {
    "claims": (
        ProvenanceColumn("claim", "string", True, None, "a claim id (a record as stated)"),
        ProvenanceColumn("table", "string", True, None, "the table of the claim"),
        ProvenanceColumn(
            "thing", "string", True, None, "the id of the resolved record it is part of"
        ),
        ProvenanceColumn(
            "primary", "boolean", True, None, "true for the claim that gives the thing its id"
        ),
    ),
    "corrections": (
        ProvenanceColumn("table", "string", True, None, "the table of the corrected record"),
        ProvenanceColumn("record", "string", True, "ids", "the resolved record corrected"),
        ProvenanceColumn("claim", "string", True, None, "the claim the erratum names"),
        ProvenanceColumn("field", "string", True, None, "the field corrected"),
        ProvenanceColumn("stated", "string", False, None, "the value as the source states it"),
        ProvenanceColumn("corrected", "string", False, None, "the value the resolved view holds"),
        ProvenanceColumn("erratum", "string", True, "errata", "the erratum that corrects it"),
        ProvenanceColumn(
            "stated_evidence", "array", True, None, f"the claim's {_CITES}: what states it"
        ),
        ProvenanceColumn(
            "erratum_evidence", "array", True, None, f"the erratum's {_CITES}: why it is read so"
        ),
    ),
}
"""Provenance table name -> its columns, in order."""


def _value(value: Any) -> str | None:
    """A field's value as text, as the data files write it (lists and tables as JSON)."""
    from ..convert import converter

    plain = converter().unstructure(value)
    if plain is None or isinstance(plain, str):
        return plain
    return json.dumps(plain, ensure_ascii=False)


def provenance_rows(ds: Dataset) -> dict[str, list[dict[str, Any]]]:
    """Provenance table name -> rows (native values: text, booleans, lists of
    citations as tables); empty for a dataset of claims."""
    resolution = ds.resolution
    if resolution is None:
        return {}
    claims = [
        {"claim": c.claim, "table": c.table, "thing": c.thing, "primary": c.primary}
        for c in resolution.claim_links()
    ]
    corrections = []
    for found in resolution.corrections():
        row = found.as_dict()
        row["stated"] = _value(found.stated)
        row["corrected"] = _value(found.corrected)
        corrections.append(row)
    return {"claims": claims, "corrections": corrections}


def _json_type(column: ProvenanceColumn) -> dict[str, Any]:
    if column.type == "array":
        citation = {
            "type": "object",
            "properties": {"source": {"type": "string"}, "evidence": {"type": "string"}},
            "required": ["source", "evidence"],
        }
        return {"type": "array", "items": citation}
    kind = column.type if column.required else [column.type, "null"]
    return {"type": kind}


def provenance_schema() -> dict[str, Any]:
    """JSON Schema properties of ``kzcn.json``'s provenance tables (resolved exports)."""
    return {
        name: {
            "description": f"the resolved view's {name} (kzcn.export.provenance)",
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    c.name: {"description": c.description, **_json_type(c)} for c in cols
                },
                "required": [c.name for c in cols],
                "additionalProperties": False,
            },
        }
        for name, cols in PROVENANCE.items()
    }
