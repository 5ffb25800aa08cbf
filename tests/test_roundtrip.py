"""Records written back as TOML load to equal records."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import kzcn
from kzcn.loader import converter, parse_file
from kzcn.records import Figure
from kzcn.writer import dumps
from strategies import figures


@given(st.lists(figures(), min_size=1, max_size=5, unique_by=lambda f: f.id))
@settings(max_examples=60)
def test_figures_round_trip_through_toml(records: list[Figure]) -> None:
    tables, problems = parse_file("gen.toml", dumps({"figures": records}))
    assert problems == []
    assert tables["figures"] == records


@given(figures())
def test_unstructure_structure_round_trip(figure: Figure) -> None:
    conv = converter()
    assert conv.structure(conv.unstructure(figure), Figure) == figure


def test_the_shipped_data_round_trips() -> None:
    # All tables in one file: an erratum's corrections are typed by the record they
    # correct, so the errata need their records beside them.
    ds = kzcn.load()
    everything = {name: list(table) for name, table in ds.tables.items()}
    tables, problems = parse_file("all.toml", dumps(everything))
    assert problems == []
    for name, records in everything.items():
        assert tables[name] == records, name
