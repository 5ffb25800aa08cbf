"""Link tables: every list of links as rows, so that a join needs no JSON parsing.

- ``citations``: one row per citation of a record (``record``, ``table``, ``position``
  from 1 in the record's order, ``source``, ``evidence``); the data package declares a
  foreign key from ``source`` to ``sources``, so a citation of an unknown source fails
  ``frictionless validate``. (The texts are web pages: a citation has no page number.)
- ``<table>-<field>``: one row per id a multi-valued link field names (``id``,
  ``target``, ``table``), as :mod:`kzcn.export.datapackage` writes them.

The CSV and Parquet exports write both beside the tables; the data package writes them
with their foreign keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from ..dataset import Dataset

__all__ = ["CITATIONS", "CITATION_COLUMNS", "citation_rows", "link_fields", "link_table_rows"]

CITATIONS: Final = "citations"
CITATION_COLUMNS: Final = (
    ("record", "the id of the record that cites"),
    ("table", "the table of that record"),
    ("position", "the citation's place among the record's citations, from 1"),
    ("source", "the id of the cited source (a row of sources)"),
    ("evidence", "the verbatim snippet of the source"),
)
"""The columns of the ``citations`` table: name and description."""


def citation_rows(ds: Dataset) -> Iterator[dict[str, Any]]:
    """One row per citation of every record, table by table, in order."""
    for name, table in ds.tables.items():
        for record in table:
            for position, citation in enumerate(getattr(record, "citations", ()), start=1):
                yield {
                    "record": record.id,
                    "table": name,
                    "position": position,
                    "source": citation.source,
                    "evidence": citation.evidence,
                }


def link_fields(table: str) -> tuple[str, ...]:
    """The multi-valued link fields of a table (each is a link table)."""
    from ..dataset import RECORD_TYPES
    from .columns import columns

    return tuple(c.name for c in columns(RECORD_TYPES[table]) if c.many and c.link)


def link_table_rows(ds: Dataset) -> dict[str, list[dict[str, Any]]]:
    """``<table>-<field>`` -> rows (``id``, ``target``, ``table``) for every
    multi-valued link field; a dangling id gets no table."""
    from .datapackage import link_resource

    where = {record.id: name for name, table in ds.tables.items() for record in table}
    found: dict[str, list[dict[str, Any]]] = {}
    for name, table in ds.tables.items():
        for field in link_fields(name):
            found[link_resource(name, field)] = [
                {"id": record.id, "target": target, "table": where.get(target)}
                for record in table
                for target in getattr(record, field)
            ]
    return found
