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
    "measure",
    "derived",
    "same_as",
    "correct",
    "overrides",
    "path",
    "sha256",
    "length",
    "description",
    "related",
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
    "events",
    "redirects",
    "kzcn",
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
        "\x1b[31mred",
        "A\u202evisit",
        "e\u0301",
        "\ufeffkz",
        "a\u200bb",
        "line\nbreak",
        "9" * 400 + " USD",
        f"{2**70} train",
        "-5 billion USD",
        "150 percent",
        "1.5 fraction",
        "0 rank",
        "doubled",
        "a tenth",
        "30th",
        "notes.txt",
        "../../etc/passwd",
    ]
)
scalars = st.one_of(
    st.text(max_size=30),
    tricky_text,
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.integers(min_value=10**20, max_value=10**30),
    st.sampled_from([2**70, -(2**63), 0, -1]),
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
    # success means every record is whole, typed, clean and plausible
    assert all(isinstance(records, tuple) for records in tables.values())
    _assert_trustworthy(tables)


def _assert_trustworthy(tables: dict[str, tuple[Any, ...]]) -> None:
    import unicodedata

    import attrs

    from kzcn.evidence import states
    from kzcn.text import problem
    from kzcn.vocabulary import value_problem

    def texts(value: Any) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, tuple):
            return [t for v in value for t in texts(v)]
        if attrs.has(type(value)):
            return [t for f in attrs.fields(type(value)) for t in texts(getattr(value, f.name))]
        return []

    for records in tables.values():
        for record in records:
            for text in texts(record):
                assert unicodedata.is_normalized("NFC", text)
                assert problem(text, lines=True) is None
    for figure in tables.get("figures", ()):
        assert value_problem(figure.subject, figure.measure, figure.amount) is None
        assert any(d.field == "amount" for d in figure.derived) or any(
            states(c.evidence, figure.amount) for c in figure.citations
        )
    for visit in tables.get("visits", ()):
        assert visit.ordinal is None or 1 <= visit.ordinal <= 1000


@given(documents)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_structures(doc: dict[str, list[dict[str, Any]]]) -> None:
    _load_or_data_error(_document(doc))


@given(st.text(max_size=300))
@settings(deadline=None)
def test_random_text(text: str) -> None:
    _load_or_data_error(text)


@given(st.integers(min_value=0, max_value=len(BASE)))
def test_truncated_files(cut: int) -> None:
    _load_or_data_error(BASE[:cut])


@given(st.data())
@settings(max_examples=200, deadline=None)
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


@given(st.binary(max_size=200) | st.sampled_from([b"\xef\xbb\xbf" + BASE.encode(), b"\xff\xfe"]))
@settings(max_examples=60, deadline=None)
def test_random_user_files(data: bytes) -> None:
    """A user's file of any bytes, through ``kzcn.load``: it loads or raises DataError
    naming that file by its full path."""
    import tempfile
    from pathlib import Path

    import kzcn

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mine.toml"
        path.write_bytes(data)
        problems: tuple[Any, ...] = ()
        try:
            kzcn.load(extra=[path])
        except DataError as exc:
            problems = exc.problems
        assert all(p.message for p in problems)
        assert not problems or any(p.file == str(path) for p in problems)
