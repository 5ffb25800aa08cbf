"""The two TOML parsers (rtoml with the ``fast`` extra, tomllib otherwise) give the same
records and the same errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzcn import parsing
from kzcn.loader import data_files, parse_file

PARSERS = ("tomllib", "rtoml")


def test_rtoml_is_used_when_installed() -> None:
    assert parsing.parser() == "rtoml"  # the test extra installs the fast extra


@pytest.mark.parametrize("path", data_files(), ids=lambda p: p.name)
def test_both_parsers_read_the_shipped_files_alike(path: object) -> None:
    text = path.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert parsing.loads(text, using="rtoml") == parsing.loads(text, using="tomllib")


@pytest.mark.parametrize(
    "text",
    [
        "a = ",
        "a = 1\na = 2",
        '[[x]]\nb = "\\q"',
        "[[figures]]\nid = ",
        "x = [1,",
        "x = 1979-05-27T",
    ],
)
def test_both_parsers_report_an_error_in_tomllibs_words(text: str) -> None:
    messages = []
    for using in PARSERS:
        with pytest.raises(parsing.TOMLError) as caught:
            parsing.loads(text, using=using)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]


def _outcome(text: str, using: str) -> tuple[str, object]:
    """What a parser makes of ``text``: its data, or the error's message."""
    try:
        return ("ok", parsing.loads(text, using=using))
    except parsing.TOMLError as exc:
        return ("error", str(exc))


_KEYS = st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True)
_VALUES = st.recursive(
    st.none().map(lambda _: 0)
    | st.integers(-(2**63), 2**63 - 1)
    | st.text(max_size=20)
    | st.booleans(),
    lambda inner: st.lists(inner, max_size=4),
    max_leaves=8,
)


def _toml(document: dict[str, object]) -> str:
    import json

    def value(v: object) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return json.dumps(v) if isinstance(v, str) else str(v)

    return "\n".join(f"{k} = {value(v)}" for k, v in document.items())


@given(st.dictionaries(_KEYS, _VALUES, max_size=6))
@settings(max_examples=150)
def test_both_parsers_agree_on_generated_documents(document: dict[str, object]) -> None:
    text = _toml(document)
    first, second = (_outcome(text, using) for using in PARSERS)
    assert first == second


@given(st.text(max_size=60))
@settings(max_examples=150)
def test_both_parsers_agree_on_any_text(text: str) -> None:
    first, second = (_outcome(text, using) for using in PARSERS)
    assert first == second


def test_a_data_file_gives_the_same_problems_with_either_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = '[[figures]]\nid = "x"\namount = "1 USD"\nsubject = "colour"\n[[bad'
    found = []
    for using in PARSERS:
        monkeypatch.setattr(parsing, "parser", lambda using=using: using)
        found.append(parse_file("f.toml", text)[1])
    assert found[0] == found[1] and found[0]


# TOML 1.1 (which rtoml reads and tomllib refuses) beside TOML 1.0 that looks like it:
# inline tables with a trailing comma or a newline, braces and times inside strings and
# comments, times with and without seconds, offsets, the \e and \x escapes.
_SCALARS = st.sampled_from(
    [
        "1",
        '"}"',
        '"{"',
        "'{ x, }'",
        '"a, }"',
        '"10:30"',
        '"\\e"',
        '"\\x41"',
        '"\\\\e"',
        '"""a\n{\n"""',
        "'''b\n}'''",
        "07:32:00",
        "07:32",
        "1979-05-27T07:32:00+05:30",
        "1979-05-27T07:32Z",
        "1979-05-27 07:32:00.5",
        "[1, 2,]",
        "[\n1,\n]",
    ]
)
_SEPARATORS = st.sampled_from([", ", ",", ",\n", " , ", ", # {\n"])


@st.composite
def _inline_tables(draw: st.DrawFn, depth: int = 0) -> str:
    keys = draw(st.lists(_KEYS, min_size=0, max_size=3, unique=True))
    values = [
        draw(_inline_tables(depth + 1) if depth < 2 and draw(st.booleans()) else _SCALARS)
        for _ in keys
    ]
    pairs = [f"{k} = {v}" for k, v in zip(keys, values, strict=True)]
    body = "".join((draw(_SEPARATORS) if n else "") + pair for n, pair in enumerate(pairs))
    end = draw(st.sampled_from(["", ",", ", ", "\n", ",\n"])) if pairs else ""
    return "{" + draw(st.sampled_from(["", " ", "\n"])) + body + end + " }"


@given(st.lists(st.tuples(_KEYS, _inline_tables() | _SCALARS), min_size=1, max_size=4))
@settings(max_examples=300)
def test_both_parsers_refuse_toml_11_alike(pairs: list[tuple[str, str]]) -> None:
    text = "\n".join(f"{k} = {v}" for k, v in dict(pairs).items()) + "\n"
    first, second = (_outcome(text, using) for using in PARSERS)
    assert first == second


@pytest.mark.parametrize(
    "text",
    [
        "a = {x = 1, }",
        "a = {x = 1,\n y = 2}",
        'a = { y = "}",\n z = "{", w = 1 }',
        'a = "\\e"',
        "a = 07:32",
        "a = 1979-05-27T07:32Z",
        "\ufeffa = 1",
    ],
)
def test_toml_11_is_refused_with_either_parser(text: str) -> None:
    for using in PARSERS:
        with pytest.raises(parsing.TOMLError):
            parsing.loads(text, using=using)


@given(st.lists(st.tuples(_KEYS, _SCALARS), min_size=0, max_size=4))
def test_a_byte_order_mark_is_refused_in_the_same_words_by_both_parsers(
    pairs: list[tuple[str, str]],
) -> None:
    text = parsing.BOM + "\n".join(f"{k} = {v}" for k, v in dict(pairs).items())
    for using in PARSERS:
        with pytest.raises(parsing.TOMLError) as caught:
            parsing.loads(text, using=using)
        assert str(caught.value) == parsing.BOM_MESSAGE


def test_every_reader_of_toml_says_a_byte_order_mark_is_the_problem(tmp_path: Path) -> None:
    from kzcn.draft.review import mark_reviewed
    from kzcn.draft.run import DraftError
    from kzcn.errors import DataError
    from kzcn.loader import load_records

    text = parsing.BOM + '[[sources]]\nid = "a"\nreview = "draft"\n'
    with pytest.raises(DataError) as loaded:
        load_records([("bom.toml", text)])
    assert [p.message for p in loaded.value.problems] == [parsing.BOM_MESSAGE]
    path = tmp_path / "bom.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DraftError, match="byte order mark") as reviewed:
        mark_reviewed(path)
    assert "\n" not in str(reviewed.value)


# ---------------------------------------------------------------- limits, one pass


# Deeper than the few levels toml_11 removes at C speed before its one pass
_DEEP_BRACES = st.integers(5, 12).flatmap(
    lambda n: st.tuples(st.integers(0, n), st.sampled_from(["", "\n", "}", "{", "a=1"])).map(
        lambda cut: "{a=" * n + "1" + "}" * cut[0] + cut[1] + "}" * (n - cut[0])
    )
)


def _removing_innermost_first(bare: str) -> bool:
    """How toml_11 judged braces before it made one pass: inline tables removed from the
    innermost out, one pass over the text per level; a brace left over is an inline table
    that spans lines, or one not closed."""
    import re

    if re.search(r",\s*\}", bare):  # a trailing comma: TOML 1.1 whatever the braces
        return True
    while True:
        bare, count = re.subn(r"\{[^{}\n]*\}", "T", bare)
        if not count:
            return "{" in bare or "}" in bare


@given(st.text(alphabet="{}[]\nab=,", max_size=60) | _DEEP_BRACES)
@settings(max_examples=500)
def test_the_one_pass_brace_scan_judges_as_the_removal_did(bare: str) -> None:
    text = "x = " + bare
    if "{" in text or "}" in text:
        assert parsing.toml_11(text) == _removing_innermost_first(text)  # no strings in it


@pytest.mark.parametrize("using", PARSERS)
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a = " + "{b = " * 20_000 + "1" + "}" * 20_000 + "\n", "nested more than 100 deep"),
        ("a = " + "[" * 101 + "]" * 101 + "\n", "nested more than 100 deep"),
        ("x = 1\n" + ".".join(["a"] * 30_000) + " = 1\n", "more than 100 dotted parts"),
        ('x = """\n\n"""\n[' + ".".join(["a"] * 101) + "]\n", "more than 100 dotted parts"),
    ],
    ids=["inline 20,000 deep", "arrays 101 deep", "key 30,000 parts", "header 101 parts"],
)
def test_a_text_beyond_a_limit_is_refused_before_it_is_parsed(
    text: str, words: str, using: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inline tables 20,000 deep took 26 s in toml_11 (one pass per level) before tomllib
    refused them; a key of 30,000 parts took tomllib 18 s. Neither parser is reached now,
    and the line is named (the header's is 4: the multi-line string's lines count)."""
    import rtoml

    def parsed(_: str) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(parsing, "_tomllib", parsed)
    monkeypatch.setattr(rtoml, "loads", parsed)
    with pytest.raises(parsing.TOMLLimitError, match=words) as caught:
        parsing.loads(text, using=using)
    line = 4 if text.startswith('x = """') else 2 if text.startswith("x = 1") else 1
    assert str(caught.value).endswith(f"at line {line}")


@given(st.integers(95, 105), st.integers(95, 105), st.booleans())
@settings(max_examples=40)
def test_both_parsers_give_the_same_answer_at_the_limits(
    depth: int, parts: int, inline: bool
) -> None:
    value = "{b = " * depth + "1" + "}" * depth if inline else "[" * depth + "]" * depth
    key = ".".join(["k"] * parts)
    for text in (f"a = {value}\n", f"{key} = 1\n", f"[{key}]\nx = 1\n"):
        first, second = (_outcome(text, using) for using in PARSERS)
        assert first == second


def test_a_data_file_beyond_a_limit_is_one_line_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("a = " + "[" * 200 + "]" * 200 + "\n", encoding="utf-8")
    ((name, text),) = [(str(path), path.read_text(encoding="utf-8"))]
    _, (problem,) = parse_file(name, text)
    assert (problem.file, problem.message) == (
        name,
        "nested more than 100 deep (arrays and inline tables) at line 1",
    )
