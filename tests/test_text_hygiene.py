"""Family "text hygiene": text is NFC; controls, bidi controls and zero-width characters
are refused with a precise error; words are visible words; the CLI prints nothing raw."""

from __future__ import annotations

import unicodedata

import attrs
import pytest

import kzcn
from kzcn import cli
from kzcn.errors import DataError
from kzcn.loader import load_records
from kzcn.text import count_words, printable
from test_loader_errors import BASE


def _problems(text: str) -> list[tuple[str | None, str | None, str]]:
    with pytest.raises(DataError) as info:
        load_records([("bad.toml", text)])
    return [(p.record, p.field, p.message) for p in info.value.problems]


def test_text_is_read_as_nfc() -> None:
    decomposed = "Almaty e\u0301"
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    tables = load_records([("ok.toml", BASE.replace('"A visit"', f'"{decomposed}"'))])
    assert tables["visits"][0].title == "Almaty \u00e9"


@pytest.mark.parametrize(
    ("old", "new", "record", "field", "words"),
    [
        ('"A visit"', '"A \\u001b[31mvisit"', "visit-1", "title", "U+001B"),
        ('"A visit"', '"A visit\\u202e"', "visit-1", "title", "bidi"),
        ('"A visit"', '"A\\u200bvisit"', "visit-1", "title", "zero-width"),
        ('"A visit"', '"A\\nvisit"', "visit-1", "title", "newline"),
        ('"A visit"', '"A\\tvisit"', "visit-1", "title", "control"),
        ('"A visit"', '"\\u200b"', "visit-1", "title", "non-empty"),
        ('"Kazakhstan" }', '"Kaza\\u2066khstan" }', "kz", "citations[0].evidence", "bidi"),
        ('name = "Kazakhstan"', 'name = "Kazakhstan\\u0085"', "kz", "name", "control"),
        ('problem = "a problem"', 'problem = "a \\u007f"', "err-1", "problem", "U+007F"),
    ],
)
def test_refused_characters(old: str, new: str, record: str, field: str, words: str) -> None:
    assert old in BASE
    found = _problems(BASE.replace(old, new, 1))
    assert any(r == record and f == field and words in m for r, f, m in found), found


def test_newlines_where_a_field_allows_them() -> None:
    text = BASE.replace('problem = "a problem"', 'problem = "a\\nproblem"')
    text = text.replace('kind = "state"', 'kind = "state"\ndescription = "one\\ntwo"')
    load_records([("ok.toml", text)])


def test_words_are_visible_words() -> None:
    joined = "\u200b".join(["word"] * 60)
    assert count_words(joined) == 60
    assert count_words("a\u2060b c") == 3
    found = _problems(BASE.replace('evidence = "Kazakhstan"', f'evidence = "{joined}"'))
    assert any(f == "citations[0].evidence" for _, f, _ in found)
    with pytest.raises(ValueError, match="zero-width"):
        kzcn.Citation("src-a", " ".join(["w\u200bx"] * 13))


def test_printable_escapes_what_a_terminal_acts_on() -> None:
    assert printable("red \x1b[31m\u202eevil\u200b") == "red \\u001b[31m\\u202eevil\\u200b"
    assert printable("a\nb", newlines=True) == "a\nb"
    assert printable("a\nb") == "a\\nb"


def test_cli_prints_no_control_character(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ds = kzcn.load()
    with attrs.validators.disabled():
        evil = attrs.evolve(
            ds.figures["zx19-trade-2018"], description="\x1b[2J\x1b[31mgotcha\u202e\x07"
        )
        source = attrs.evolve(ds.sources[0], title="\x1b]0;pwned\x07")
    changed = ds.evolve(evil, source)
    monkeypatch.setattr(cli, "_load", lambda paths, texts: changed)
    for argv in (
        ["show", "zx19-trade-2018"],
        ["show", "zx19-trade-2018", "--json"],
        ["list", "figures", "--json"],
        ["sources"],
        ["summary"],
    ):
        assert cli.main(argv) == 0
        out = capsys.readouterr().out
        assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in out if c != "\n"), argv
