"""Fuzzing the loader: whatever the input, it loads or raises DataError, never anything
else, and never returns part of a dataset."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzcn.errors import DataError
from kzcn.loader import load_records
from test_loader_errors import BASE

FIELDS = [
    "id",
    "title",
    "name",
    "kind",
    "subject",
    "amount",
    "qualifier",
    "period",
    "date",
    "direction",
    "parties",
    "people",
    "part_of",
    "rate_of",
    "base",
    "citations",
    "source",
    "evidence",
    "aliases",
    "ordinal",
    "record",
    "field",
    "problem",
    "reading",
    "check",
]
TABLES = [
    "sources",
    "people",
    "places",
    "organizations",
    "visits",
    "agreements",
    "projects",
    "figures",
    "errata",
    "figurez",
]

tricky_text = st.sampled_from(
    [
        "",
        " ",
        "\u200b",
        "Astana\u202e",
        "é" * 300,
        "1e400 USD",
        "-0 USD",
        "99999999999999999999 USD",
        "2019-02-29",
        "0000",
        "9999-12-31/0001",
        "nan USD",
        "\x00",
        "kz",
        "src-a",
        "fig-1",
    ]
)
scalars = st.one_of(
    st.text(max_size=30),
    tricky_text,
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.integers(min_value=10**20, max_value=10**30),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS), inner, max_size=4)
    ),
    max_leaves=20,
)
records = st.dictionaries(st.sampled_from(FIELDS), values, max_size=10)
documents = st.dictionaries(st.sampled_from(TABLES), st.lists(records, max_size=3), max_size=4)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if value == value and abs(value) != float("inf") else "0"
    if isinstance(value, str):
        return json.dumps(value).replace("\\u0000", "")
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"


def _document(doc: dict[str, list[dict[str, Any]]]) -> str:
    lines = []
    for table, rows in doc.items():
        for row in rows:
            lines.append(f"[[{table}]]")
            lines.extend(f"{k} = {_toml(v)}" for k, v in row.items())
    return "\n".join(lines) + "\n"


def _load_or_data_error(text: str) -> None:
    try:
        tables = load_records([("fuzz.toml", text)])
    except DataError as exc:
        problems = exc.problems
    else:
        problems = ()
    if problems:
        assert all(p.file == "fuzz.toml" and p.message for p in problems)
        return
    # success means every record is whole and typed
    assert all(isinstance(records, tuple) for records in tables.values())


@given(documents)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_structures(doc: dict[str, list[dict[str, Any]]]) -> None:
    _load_or_data_error(_document(doc))


@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    _load_or_data_error(text)


@given(st.integers(min_value=0, max_value=len(BASE)))
def test_truncated_files(cut: int) -> None:
    _load_or_data_error(BASE[:cut])


@given(st.data())
@settings(max_examples=200)
def test_valid_structure_with_wrong_values(data: st.DataObject) -> None:
    lines = BASE.splitlines()
    index = data.draw(st.sampled_from([i for i, line in enumerate(lines) if " = " in line]))
    key = lines[index].split(" = ")[0]
    lines[index] = f"{key} = {_toml(data.draw(values))}"
    _load_or_data_error("\n".join(lines))


def test_deep_nesting() -> None:
    deep = "[" * 200 + "]" * 200
    _load_or_data_error(BASE.replace('parties = ["kz"]', f"parties = {deep}"))
    _load_or_data_error(BASE.replace('parties = ["kz"]', f"parties = [{deep}]"))
