"""Snippets looked for in a text: ``found_in`` says what ``in`` says, without a scan of
the whole text per snippet (the loader's local texts and ``kzcn verify``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kzcn
from kzcn import quotes
from kzcn.quotes import squash

_WORDS = st.sampled_from(
    ["a", "b", "ab", "ba", "aab", "a\n", " ", "  ", "\t", "é", "b ", "\U0010ffff", "b\U0010ffff"]
)
_TEXTS = st.lists(_WORDS, max_size=40).map("".join)
# A long word at the end, so that the text's words are rarer than a scan would cost, and
# snippets are compared where they stand rather than looked for by a scan
_LONG = " " + "q" * 10_000


@given(_TEXTS, st.lists(_TEXTS, min_size=0, max_size=30), st.data())
@settings(max_examples=400)
def test_found_in_says_what_in_says(text: str, snippets: list[str], data: st.DataObject) -> None:
    # Some snippets cut from the text itself, so that many are found
    for _ in range(data.draw(st.integers(0, 10))):
        start = data.draw(st.integers(0, len(text)))
        snippets.append(text[start : data.draw(st.integers(start, len(text)))])
    snippets += ["a b"] * 9  # more than a few: through the words, not by scans
    squashed = squash(text + _LONG)
    assert quotes.found_in(squashed, snippets) == [squash(s) in squashed for s in snippets]


@pytest.mark.parametrize(
    ("text", "snippet"),
    [
        ("ab a b", "xab a b"),  # the first word ends a word of the text, or not
        ("ab a b", "b a b"),
        ("ab a bc", "a b"),  # the last starts one
        ("ab a bc", "a bcd"),
        ("ab a bc", "ab a"),
        ("ab a bc", "b a bc d"),
        ("ab a bc", "bc"),  # within one word
        ("ab a bc", "ba"),
        ("a\U0010ffffb c", "\U0010ffffb c"),
        ("a \U0010ffff\U0010ffff", "a \U0010ffff\U0010ffff"),
        ("a \U0010ffff\U0010ffff", "a \U0010ffff"),
        ("", ""),
        ("a", ""),
    ],
)
def test_found_in_at_the_edges_of_words(text: str, snippet: str) -> None:
    snippets = [snippet] * 10  # more than a few: through the words, not by scans
    text += _LONG
    assert quotes.found_in(text, snippets) == [snippet in text] * 10


@given(st.text(max_size=60))
def test_squash_is_whitespace_runs_as_one_space(text: str) -> None:
    assert squash(text) == re.sub(r"\s+", " ", text).strip()


class _Counted(str):
    """A text that counts the snippets looked for in it by a scan."""

    scans = 0

    def __contains__(self, snippet: object) -> bool:
        _Counted.scans += 1
        return super().__contains__(snippet)  # type: ignore[operator]


NOTES = "My notes. In 2024 trade was about 44 billion dollars, a record.\n" * 50

FIGURE = """
[[figures]]
id = "my-trade-{i}"
subject = "trade"
amount = "44 billion USD"
qualifier = "about"
period = "2024"
direction = "both"
parties = ["kazakhstan", "china"]
citations = [{{ source = "my-notes", evidence = "trade was about 44 billion dollars {i} zeta" }}]
"""


def test_the_loader_does_not_scan_a_local_text_per_citation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each citation of a local text was looked for by a scan of the whole text: 2,000
    citations not in a 25 MB text took 38 s. Now a few are; the rest through the words."""
    (tmp_path / "notes.txt").write_text(NOTES, encoding="utf-8")
    source = '[[sources]]\nid = "my-notes"\ntitle = "My notes"\nkind = "article"\n'
    source += 'published = "2025"\npath = "notes.txt"\n'
    path = tmp_path / "mine.toml"
    path.write_text(source + "".join(FIGURE.format(i=i) for i in range(200)), encoding="utf-8")
    plain = quotes.squash
    monkeypatch.setattr(quotes, "squash", lambda text: _Counted(plain(text)))
    _Counted.scans = 0
    with pytest.raises(kzcn.DataError) as info:
        kzcn.load(extra=[path])
    assert len(info.value.problems) == 200
    assert {p.message for p in info.value.problems} == {
        f"not found verbatim in {tmp_path / 'notes.txt'} (figures)"
    }
    assert _Counted.scans <= 8


def test_kzcn_verify_does_not_scan_a_text_per_citation(monkeypatch: pytest.MonkeyPatch) -> None:
    """kzcn verify looked for each citation by a scan of its whole text, as the loader did."""
    from kzcn import verify

    texts = Path("/work/shared/sources")
    if not texts.is_dir():
        pytest.skip("no source texts")
    plain = quotes.squash
    for module in (quotes, verify):  # verify squashes the texts with its own name
        monkeypatch.setattr(module, "squash", lambda text: _Counted(plain(text)))
    _Counted.scans = 0
    assert verify.verify_texts(texts) == []
    cited = sum(len(getattr(r, "citations", ())) for t in kzcn.load().tables.values() for r in t)
    assert _Counted.scans < cited / 10, (_Counted.scans, cited)
