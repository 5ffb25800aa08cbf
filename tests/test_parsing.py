"""The two TOML parsers (rtoml with the ``fast`` extra, tomllib otherwise) give the same
records and the same errors."""

from __future__ import annotations

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
