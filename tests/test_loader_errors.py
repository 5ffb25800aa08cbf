"""Every kind of bad input gives a DataError naming the file, the record and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzcn.errors import DataError, Problem
from kzcn.loader import load_records, read_files

BASE = """
[[sources]]
id = "src-a"
title = "A source"
kind = "article"
published = "2020"

[[places]]
id = "kz"
name = "Kazakhstan"
kind = "country"
citations = [{ source = "src-a", evidence = "Kazakhstan" }]

[[visits]]
id = "visit-1"
title = "A visit"
kind = "state"
date = "2019-09"
people = []
ordinal = 2
citations = [{ source = "src-a", evidence = "a visit" }]

[[figures]]
id = "fig-1"
subject = "trade"
amount = "1.5 billion USD"
period = "2019"
direction = "both"
parties = ["kz"]
citations = [{ source = "src-a", evidence = "trade was 1.5 billion" }]

[[errata]]
id = "err-1"
kind = "inconsistent"
record = "fig-1"
field = "amount"
problem = "a problem"
reading = "a reading"
citations = [{ source = "src-a", evidence = "trade was 1.5 billion" }]
"""

LONG = " ".join(["word"] * 26)


def problems(text: str, name: str = "bad.toml") -> tuple[Problem, ...]:
    with pytest.raises(DataError) as info:
        load_records([(name, text)])
    return info.value.problems


def test_base_is_valid() -> None:
    tables = load_records([("base.toml", BASE)])
    assert [f.id for f in tables["figures"]] == ["fig-1"]


# (case id, old text, new text, record, field, words in the message)
CASES = [
    ("missing-field", 'subject = "trade"\n', "", "fig-1", "subject", "required field missing"),
    (
        "unknown-field",
        'direction = "both"',
        'direction = "both"\ncolour = "red"',
        "fig-1",
        "colour",
        "unknown field",
    ),
    (
        "unknown-field-hint",
        'period = "2019"',
        'perod = "2019"',
        "fig-1",
        "perod",
        "did you mean period",
    ),
    ("int-as-text", "ordinal = 2", 'ordinal = "2"', "visit-1", "ordinal", "whole number"),
    ("bool-as-int", "ordinal = 2", "ordinal = true", "visit-1", "ordinal", "whole number"),
    ("text-as-int", 'name = "Kazakhstan"', "name = 5", "kz", "name", "expected text"),
    ("text-for-list", 'parties = ["kz"]', 'parties = "kz"', "fig-1", "parties", "expected a list"),
    ("bad-month", 'period = "2019"', 'period = "2019-13"', "fig-1", "period", "month"),
    ("bad-date-form", 'period = "2019"', 'period = "June 2019"', "fig-1", "period", "YYYY"),
    ("impossible-day", 'date = "2019-09"', 'date = "2019-02-30"', "visit-1", "date", "day"),
    ("reversed-range", 'period = "2019"', 'period = "2020/2019"', "fig-1", "period", "ends before"),
    (
        "mixed-range",
        'period = "2019"',
        'period = "2019/2020-01"',
        "fig-1",
        "period",
        "same precision",
    ),
    ("date-as-number", 'period = "2019"', "period = 2019", "fig-1", "period", "text"),
    ("unknown-unit", '"1.5 billion USD"', '"1.5 billion bucks"', "fig-1", "amount", "unknown unit"),
    ("short-ton", '"1.5 billion USD"', '"5 ton"', "fig-1", "amount", "did you mean tonne"),
    (
        "amount-without-number",
        '"1.5 billion USD"',
        '"lots USD"',
        "fig-1",
        "amount",
        "not an amount",
    ),
    ("amount-as-number", 'amount = "1.5 billion USD"', "amount = 1.5", "fig-1", "amount", "text"),
    (
        "wrong-dimension",
        '"1.5 billion USD"',
        '"13 million tonne"',
        "fig-1",
        "amount",
        "dimension currency",
    ),
    (
        "growth-in-money",
        'subject = "trade"',
        'subject = "trade"\nmeasure = "growth"',
        "fig-1",
        "amount",
        "percent",
    ),
    (
        "bad-enum",
        'direction = "both"',
        'direction = "both"\nqualifier = "roughly"',
        "fig-1",
        "qualifier",
        "not a valid Qualifier",
    ),
    ("enum-typo-hint", 'kind = "state"', 'kind = "stat"', "visit-1", "kind", "did you mean state"),
    ("enum-not-text", 'direction = "both"', "direction = 3", "fig-1", "direction", "one of"),
    ("bad-subject", 'subject = "trade"', 'subject = "commerce"', "fig-1", "subject", "Subject"),
    (
        "dangling-link",
        'parties = ["kz"]',
        'parties = ["nowhere"]',
        "fig-1",
        "parties",
        "unknown id 'nowhere'",
    ),
    (
        "link-to-wrong-table",
        'parties = ["kz"]',
        'parties = ["kz"]\npart_of = "kz"',
        "fig-1",
        "part_of",
        "expected a record of figures",
    ),
    (
        "unknown-source",
        '{ source = "src-a", evidence = "Kazakhstan" }',
        '{ source = "src-b", evidence = "Kazakhstan" }',
        "kz",
        "citations[0].source",
        "unknown source",
    ),
    (
        "empty-evidence",
        'evidence = "Kazakhstan"',
        'evidence = "  "',
        "kz",
        "citations[0].evidence",
        "non-empty",
    ),
    (
        "evidence-too-long",
        'evidence = "Kazakhstan"',
        f'evidence = "{LONG}"',
        "kz",
        "citations[0].evidence",
        "at most 25",
    ),
    (
        "no-citations",
        'citations = [{ source = "src-a", evidence = "Kazakhstan" }]',
        "citations = []",
        "kz",
        "citations",
        "at least one",
    ),
    (
        "missing-citations",
        'citations = [{ source = "src-a", evidence = "Kazakhstan" }]',
        "",
        "kz",
        "citations",
        "required field missing",
    ),
    (
        "citation-not-table",
        '[{ source = "src-a", evidence = "Kazakhstan" }]',
        '["src-a"]',
        "kz",
        "citations[0]",
        "",
    ),
    (
        "citation-extra-key",
        'evidence = "Kazakhstan" }',
        'evidence = "Kazakhstan", page = 3 }',
        "kz",
        "citations[0].page",
        "unknown field for Citation",
    ),
    ("bad-slug", 'id = "fig-1"', 'id = "Fig 1"', "Fig 1", "id", "slug"),
    (
        "bad-alias-date",
        'kind = "country"',
        'kind = "country"\naliases = [{ name = "KZ", start = "2019-14" }]',
        "kz",
        "aliases[0].start",
        "month",
    ),
    (
        "alias-unknown-key",
        'kind = "country"',
        'kind = "country"\naliases = [{ name = "KZ", since = "2019" }]',
        "kz",
        "aliases[0].since",
        "unknown field for Alias",
    ),
    (
        "erratum-bad-field",
        'field = "amount"',
        'field = "colour"',
        "err-1",
        "field",
        "has no field 'colour'",
    ),
    (
        "erratum-dangling",
        'record = "fig-1"',
        'record = "fig-9"',
        "err-1",
        "record",
        "did you mean fig-1",
    ),
    ("negative-ordinal-type", "ordinal = 2", "ordinal = 2.5", "visit-1", "ordinal", "whole number"),
]


@pytest.mark.parametrize(
    ("old", "new", "record", "field", "words"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_bad_record(old: str, new: str, record: str, field: str, words: str) -> None:
    assert old in BASE
    found = problems(BASE.replace(old, new, 1))
    matching = [p for p in found if p.record == record and p.field == field]
    assert matching, f"no problem for {record}/{field}; got {[str(p) for p in found]}"
    assert any(words.lower() in p.message.lower() for p in matching), [str(p) for p in found]
    assert all(p.file == "bad.toml" for p in found)


def test_at_least_thirty_cases() -> None:
    assert len(CASES) + len(FILE_CASES) >= 30


FILE_CASES = [
    ("malformed-toml", "[[figures]\nid = ", "not valid TOML"),
    ("unknown-table", '[[figurez]]\nid = "x"\n', "unknown table 'figurez' (did you mean figures?)"),
    ("table-not-array", "figures = 3\n", "array of tables"),
]


@pytest.mark.parametrize(("text", "words"), [pytest.param(*c[1:], id=c[0]) for c in FILE_CASES])
def test_bad_file(text: str, words: str) -> None:
    found = problems(BASE + "\n" + text if "figurez" in text else text)
    assert any(words in p.message and p.record is None for p in found), [str(p) for p in found]


def test_record_not_a_table() -> None:
    found = problems("figures = [1, 2]\n")
    assert [(p.record, p.message) for p in found] == [
        ("figures[0]", "not a table"),
        ("figures[1]", "not a table"),
    ]


def test_duplicate_id_names_both_files() -> None:
    with pytest.raises(DataError) as info:
        load_records([("a.toml", BASE), ("b.toml", BASE.split("[[places]]")[0] + "\n")])
    messages = [str(p) for p in info.value.problems]
    assert any("duplicate id" in m and "src-a" in m for m in messages), messages


def test_duplicate_id_across_tables() -> None:
    text = BASE.replace('id = "fig-1"', 'id = "kz"').replace('record = "fig-1"', 'record = "kz"')
    found = problems(text)
    assert any(p.field == "id" and "duplicate id" in p.message for p in found)


def test_all_problems_reported_at_once_across_files() -> None:
    with pytest.raises(DataError) as info:
        load_records(
            [
                ("one.toml", BASE.replace('kind = "state"', 'kind = "stat"')),
                ("two.toml", "[[figures]\n"),
            ]
        )
    files = {p.file for p in info.value.problems}
    assert files == {"one.toml", "two.toml"}
    assert "2 problems" in str(info.value)


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'[[places]]\nname = "Almaty \xe9"\n')
    with pytest.raises(DataError) as info:
        read_files([path])
    assert info.value.problems[0].file == str(path)
    assert "cannot read" in info.value.problems[0].message


def test_nothing_half_loaded(tmp_path: Path) -> None:
    import kzcn

    bad = tmp_path / "extra.toml"
    bad.write_text(BASE.replace('id = "src-a"', 'id = "src-z"'), encoding="utf-8")
    with pytest.raises(DataError):
        kzcn.load(extra=[bad])
    # the cached package data is untouched by the failed load
    assert "src-z" not in kzcn.load().sources


def test_problem_text_names_file_record_field() -> None:
    found = problems(BASE.replace('kind = "state"', 'kind = "stat"'))
    assert str(found[0]).startswith("bad.toml: record 'visit-1': field 'kind': ")


def test_a_refused_correction_is_one_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A correction refused by a field check was reported twice: once when its file was
    parsed, and again by the checks over all the tables."""
    import kzcn
    from kzcn.cli import main

    path = tmp_path / "e.toml"
    path.write_text(
        """
[[sources]]
id = "my-notes"
title = "My notes"
kind = "article"
published = "2025"

[[places]]
id = "my-town"
name = "My town"
kind = "city"
country = "kazakhstan"
citations = [{ source = "my-notes", evidence = "My town is a town" }]

[[errata]]
id = "my-geo-fix"
kind = "garbled"
record = "my-town"
field = "geonameid"
problem = "A test of a correction."
reading = "A test of a correction."
correct = { geonameid = -5 }
citations = [{ source = "my-notes", evidence = "My town is a town" }]
""",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        kzcn.load(extra=[path])
    (problem,) = info.value.problems
    assert (problem.record, problem.field) == ("my-geo-fix", "correct.geonameid")
    assert main(["--data", str(path), "check"]) == 1
    err = capsys.readouterr().err
    assert err.count("correct.geonameid") == 1, err


@pytest.mark.parametrize(
    ("field", "multiline"),
    [("title", False), ("description", True)],
)
@pytest.mark.parametrize("over", [0, 1, 10_000_000])
def test_text_longer_than_its_limit_is_refused(field: str, multiline: bool, over: int) -> None:
    """A 10 MB title loaded, and `kzcn cite` printed it whole."""
    from kzcn.text import MAX_LINE_CHARS, MAX_TEXT_CHARS

    limit = MAX_TEXT_CHARS if multiline else MAX_LINE_CHARS
    value = "a" * (limit + over)
    text = BASE.replace('title = "A visit"', f'title = "A visit"\n{field} = "{value}"', 1)
    if field == "title":
        text = text.replace('title = "A visit"\n', "", 1)
    if over == 0:
        load_records([("bad.toml", text)])
        return
    with pytest.raises(DataError) as info:
        load_records([("bad.toml", text)])
    (problem,) = info.value.problems
    assert (problem.file, problem.record, problem.field) == ("bad.toml", "visit-1", field)
    assert problem.message == (f"{field} is {limit + over:,} characters long; at most {limit:,}")
