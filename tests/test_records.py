"""The records are immutable, slotted and validated."""

from __future__ import annotations

import attrs
import pytest

import kzcn
from kzcn.dataset import RECORD_TYPES
from kzcn.dates import Period
from kzcn.records import Citation, Figure
from kzcn.units import Amount


@pytest.mark.parametrize("table", list(RECORD_TYPES))
def test_every_record_type_is_frozen_and_slotted(table: str) -> None:
    ds = kzcn.load()
    record = next(iter(ds.tables[table]))
    first_field = attrs.fields(type(record))[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(record, first_field, "changed")
    assert not hasattr(record, "__dict__")
    with pytest.raises((AttributeError, TypeError)):
        record.extra = 1


def test_collections_are_tuples() -> None:
    ds = kzcn.load()
    for table in ds.tables.values():
        for record in table:
            for field in attrs.fields(type(record)):
                value = getattr(record, field.name)
                assert not isinstance(value, (list, dict, set)), (record.id, field.name)


def test_lists_become_tuples() -> None:
    figure = Figure(
        "x",
        subject=kzcn.Subject.TRADE,
        amount=Amount.parse("1 USD"),
        period=Period.parse("2019"),
        parties=["kazakhstan"],  # type: ignore[arg-type]
        citations=[Citation("s", "e")],  # type: ignore[arg-type]
    )
    assert figure.parties == ("kazakhstan",)
    assert isinstance(figure.citations, tuple)


def test_evidence_limit() -> None:
    with pytest.raises(ValueError, match="at most 25"):
        Citation("s", " ".join(["w"] * 26))
    assert Citation("s", " ".join(["w"] * 25))


def test_contract_fields() -> None:
    ds = kzcn.load()
    for name, table in ds.tables.items():
        for record in table:
            assert isinstance(record.id, str)
            if name != "sources":
                assert record.citations
                assert all(isinstance(c.source, str) and c.evidence for c in record.citations)
