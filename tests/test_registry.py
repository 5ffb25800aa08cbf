"""The table registry: every table declared once (a ``Spec`` line in ``Dataset``) is
wired everywhere, as holidays tests that every country is registered everywhere."""

from __future__ import annotations

import attrs
import pytest

import kzcn
from kzcn.convert import structure_rows, unstructure
from kzcn.dataset import RECORD_TYPES, TABLES, Dataset, Spec, link_targets, table_of
from kzcn.loader import parse_file
from kzcn.query import Table
from kzcn.records import ANY_TABLE, doc
from kzcn.writer import dumps


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return kzcn.load()


def test_the_registry_is_the_dataset_body() -> None:
    specs = [v for v in vars(Dataset).values() if isinstance(v, Spec)]
    assert tuple(specs) == TABLES
    assert [s.name for s in TABLES] == list(RECORD_TYPES)
    assert len({s.record for s in TABLES}) == len(TABLES)


@pytest.mark.parametrize("spec", TABLES, ids=lambda s: s.name)
def test_every_table_is_wired_everywhere(ds: Dataset, spec: Spec[Table[object]]) -> None:
    table = getattr(ds, spec.name)
    assert isinstance(table, spec.table) and table.name == spec.name
    assert table.record_type is spec.record
    assert ds.tables[spec.name] is table
    assert all(table_of(record) == spec.name for record in table)
    # Every field is documented where the data dictionary and the exports read it.
    for field in attrs.fields(spec.record):
        assert doc(field), f"{spec.record.__name__}.{field.name} has no description"
        for target in link_targets(field.metadata.get("link", ())):
            assert target in RECORD_TYPES, (spec.name, field.name, target)
    # The loader reads the table, the writer writes it back, the converter round-trips it.
    records = list(table)[:3]
    if records:
        tables, problems = structure_rows(
            {spec.name: [unstructure(r) for r in records]}, RECORD_TYPES, "t"
        )
        # Alone, an erratum's corrections stay plain until their record is loaded.
        assert problems == []
        assert [unstructure(r) for r in tables[spec.name]] == [unstructure(r) for r in records]
        parsed, problems = parse_file("t.toml", dumps({spec.name: records}))
        assert problems == []
        assert [unstructure(r) for r in parsed[spec.name]] == [unstructure(r) for r in records]


def test_link_to_any_table_means_every_table_of_records() -> None:
    assert "sources" not in link_targets((ANY_TABLE,))
    assert set(link_targets((ANY_TABLE,))) == set(RECORD_TYPES) - {"sources"}


def test_the_cli_and_the_docs_read_the_registry() -> None:
    import contextlib
    import io

    from kzcn import cli, datadoc

    help_text = io.StringIO()
    with contextlib.redirect_stdout(help_text), contextlib.suppress(SystemExit):
        cli.main(["list", "--help"])
    assert all(name in help_text.getvalue() for name in RECORD_TYPES)
    page = datadoc.render(kzcn.load())
    for spec in TABLES:
        assert f"`{spec.name}`" in page or f"## {spec.name}" in page, spec.name


def test_where_checks_field_names_on_an_empty_table(ds: Dataset) -> None:
    empty = ds.visits.where(kind="state").where(kind="forum")  # one kind each: none
    assert len(empty) == 0
    with pytest.raises(TypeError, match="no field 'colour'"):
        empty.where(colour="red")
    with pytest.raises(TypeError, match="no field 'colour'"):
        ds.visits.where(colour="red")


def test_evolve_refuses_two_records_of_one_id_and_keeps_the_class(ds: Dataset) -> None:
    figure = ds.figures[0]
    with pytest.raises(ValueError, match="two records with id"):
        ds.evolve(figure, attrs.evolve(figure, description="x"))

    class MyDataset(Dataset):
        __slots__ = ()

    mine = MyDataset.from_records({n: list(t) for n, t in ds.tables.items()})
    assert type(mine.evolve(figure)) is MyDataset


def test_from_records_refuses_an_unknown_table() -> None:
    with pytest.raises(KeyError, match="colours"):
        Dataset.from_records({"colours": []})
