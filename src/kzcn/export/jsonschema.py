"""JSON Schemas (draft 2020-12), generated from the model: one per record type
(``<table>.schema.json``) and one for the whole ``kzcn.json`` document
(``kzcn.schema.json``, the wrapper with its versions, view and tables).

Record schemas describe what :func:`kzcn.export.to_json` writes, derived keys included
(``<period>_start``/``_end`` as ``format: date``, ``<period>_precision``, ``quantity``);
patterns are the grammars of :mod:`kzcn.records` (ids), :mod:`kzcn.dates` (periods) and
:mod:`kzcn.units` (amounts).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final, assert_never

import attrs

from ..dataset import RECORD_TYPES
from ..dates import Period
from ..kinds import QUANTITY_KEY, Kind, derived_columns, json_keys
from ..records import MAX_EVIDENCE_WORDS, Citation, Redirect, is_nonempty, is_slug, is_text
from ..units import Amount
from ..vocabulary import Qualifier
from ._files import dump_json, publish
from .columns import (
    AMOUNT_PATTERN,
    PERIOD_NOTE,
    PERIOD_PATTERN,
    SLUG_PATTERN,
    class_doc,
    columns,
)
from .provenance import provenance_schema

__all__ = ["JSON_SCHEMA_DIALECT", "document_schema", "json_schema", "write_jsonschema"]

JSON_SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_WORDS_PATTERN: Final = rf"^\s*\S+(\s+\S+){{0,{MAX_EVIDENCE_WORDS - 1}}}\s*$"

# What a record validator means in JSON Schema (looked up by identity); ``is_nonempty``,
# the one check of a whole tuple, becomes ``minItems``.
_JSON_KEYWORDS: Final[dict[Any, dict[str, Any]]] = {
    is_slug: {"pattern": f"^{SLUG_PATTERN}$"},
    is_text: {"pattern": r"\S"},
    Citation.check_words: {"pattern": _WORDS_PATTERN},
}


def _merge(schema: dict[str, Any], keywords: Mapping[str, Any]) -> None:
    for key, value in keywords.items():
        if key in schema and schema[key] != value:
            schema.setdefault("allOf", []).append({key: value})  # two patterns: both hold
        else:
            schema[key] = value


def _json_type(kind: Kind, base: Any, defs: dict[str, Any]) -> dict[str, Any]:
    """The schema of one value of ``kind`` (of a list's item, for a list kind)."""
    match kind:
        case Kind.SLUG | Kind.LINK | Kind.LINKS:
            return {"type": "string", "pattern": f"^{SLUG_PATTERN}$"}
        case Kind.TEXT | Kind.TEXTS:
            return {"type": "string"}
        case Kind.DATE:
            return {"type": "string", "format": "date"}
        case Kind.ENUM:
            return {"type": "string", "enum": [m.value for m in base]}
        case Kind.INTEGER:
            return {"type": "integer"}
        case Kind.REAL:
            return {"type": "number"}
        case Kind.PERIOD | Kind.AMOUNT | Kind.CITATIONS | Kind.ALIASES:
            return _ref(base, defs)
        case Kind.DERIVED | Kind.CONFIDENCES | Kind.CORRECTIONS:
            return _ref(base, defs)
        case Kind.VALUE:
            # Typed like the field it sets: any value a correctable field holds.
            return {"type": ["string", "number", "array", "null"]}
        case _:
            assert_never(kind)


def _ref(base: type[Any], defs: dict[str, Any]) -> dict[str, Any]:
    if base.__name__ not in defs:
        defs[base.__name__] = {}  # placeholder first: a class may refer to itself
        defs[base.__name__] = _json_def(base, defs)
    return {"$ref": f"#/$defs/{base.__name__}"}


def _json_def(cls: type[Any], defs: dict[str, Any]) -> dict[str, Any]:
    if cls is Period:
        return {"type": "string", "pattern": f"^{PERIOD_PATTERN}$", "description": PERIOD_NOTE}
    if cls is Amount:
        return {
            "type": "string",
            "pattern": f"^{AMOUNT_PATTERN}$",
            "description": "a number, an optional scale word and a unit: 19.885 billion USD",
        }
    return _json_object(cls, defs)


def _nullable(schema: dict[str, Any], nullable: bool) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]} if nullable else schema


def _json_object(cls: type[Any], defs: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    added: dict[str, Any] = {}  # derived keys, after the fields
    for column in columns(cls, derived=False):  # JSON derives its own keys, below
        item = _json_type(column.kind, column.base, defs)
        for check in column.checks:
            _merge(item, _JSON_KEYWORDS.get(check, {}))
        schema: dict[str, Any] = {"type": "array", "items": item} if column.many else item
        if column.many and is_nonempty in column.checks:
            schema["minItems"] = 1
        nullable = not column.required and not column.many
        properties[column.name] = {"description": column.description, **_nullable(schema, nullable)}
        nullable = _default(cls, column) is None
        keys = json_keys(column.name, column.kind)
        if column.kind is not Kind.AMOUNT:  # an amount's derived key is one object
            for key, derived in zip(keys, derived_columns(column.kind), strict=True):
                added[key] = {
                    "description": f"{derived.description}, of {column.name} "
                    "(added on export, ignored on import)",
                    "readOnly": True,
                    **_nullable(_json_type(derived.kind, derived.base, defs), nullable),
                }
        else:
            added[QUANTITY_KEY] = _quantity_schema()
    return {
        "type": "object",
        "description": class_doc(cls),
        "properties": {**properties, **added},
        # A key may be left out when its field has a default (from_json fills it in).
        "required": [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING],
        "additionalProperties": False,
    }


def _default(cls: type[Any], column: Any) -> Any:
    return getattr(attrs.fields(cls), column.name).default


def _quantity_schema() -> dict[str, Any]:
    return {
        "description": "derived on export (ignored on import): the amount's value in plain "
        "units, its unit and qualifier, the bounds the source states (lower, upper: null "
        "where it states none) and the checks' tolerance interval",
        "readOnly": True,
        "type": "object",
        "properties": {
            "text": {"type": "string"},
            "value": {"type": "number"},
            "unit": {"type": "string"},
            "qualifier": {"type": "string", "enum": [q.value for q in Qualifier]},
            "lower": {
                "description": "the lower bound the source states (more than, at least, exact)",
                "type": ["number", "null"],
            },
            "upper": {
                "description": "the upper bound the source states (up to, almost, less than, "
                "exact)",
                "type": ["number", "null"],
            },
            "tolerance": {
                "description": "the interval the consistency checks allow (kzcn.intervals), "
                "not a bound the source states",
                "type": "object",
                "properties": {"low": {"type": "number"}, "high": {"type": "number"}},
                "required": ["low", "high"],
                "additionalProperties": False,
            },
        },
        "required": ["text", "value", "unit", "qualifier", "lower", "upper", "tolerance"],
        "additionalProperties": False,
    }


def json_schema(cls: type[Any]) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for one record class's exported JSON, built from
    its attrs fields, types and validators."""
    defs: dict[str, Any] = {}
    body = _json_object(cls, defs)
    schema = {"$schema": JSON_SCHEMA_DIALECT, "title": cls.__name__, **body}
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def document_schema() -> dict[str, Any]:
    """A JSON Schema for the whole ``kzcn.json`` document: versions, view and tables."""
    defs: dict[str, Any] = {}
    tables = {}
    for name, cls in RECORD_TYPES.items():
        tables[name] = {"type": "array", "items": _ref(cls, defs)}
    text = {"type": "string", "pattern": r"\S"}
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": "kzcn.json",
        "description": "The kzcn dataset exported as one JSON document.",
        "type": "object",
        "properties": {
            "version": {"description": "the kzcn version that wrote the export", **text},
            "data_version": {"description": "the version of the data", **text},
            "view": {
                "description": "claims: what each source states; resolved: claims of one "
                "thing merged and corrections applied",
                "enum": ["claims", "resolved"],
            },
            "tables": {
                "type": "object",
                "properties": tables,
                "required": list(RECORD_TYPES),
                "additionalProperties": False,
            },
            "redirects": {
                "description": "ids that were released and no longer name a record",
                "type": "array",
                "items": _ref(Redirect, defs),
            },
            "data_sha256": {
                "description": "SHA-256 of the records as canonical JSON (kzcn.content)",
                "type": "string",
                "pattern": "^[0-9a-f]{64}$",
            },
            **provenance_schema(),
        },
        "required": ["version", "data_version", "data_sha256", "view", "tables"],
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def write_jsonschema_files(folder: Path) -> list[Path]:
    """Write the schemas into ``folder`` (not staged; see :func:`write_jsonschema`)."""
    return [
        *(
            dump_json(json_schema(cls), folder / f"{name}.schema.json")
            for name, cls in RECORD_TYPES.items()
        ),
        dump_json(document_schema(), folder / "kzcn.schema.json"),
    ]


def write_jsonschema(out_dir: str | Path) -> list[Path]:
    """Write ``<table>.schema.json`` for every record type and ``kzcn.schema.json`` for
    the whole document (all or nothing); returns their paths."""
    return publish(out_dir, "jsonschema", write_jsonschema_files)
