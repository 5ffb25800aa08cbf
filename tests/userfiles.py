"""A user's own data file, as the tests that load one write it: a source whose text is
a local file (``notes.txt``) and a figure quoting it, to which a test adds or breaks
records. One copy, so that a rule the loader learns is met here once."""

from __future__ import annotations

from pathlib import Path

import pytest

import kzcn

NOTES = "My notes. In 2024 trade was about 44 billion dollars, a record.\n"

SOURCE = """
[[sources]]
id = "my-notes"
title = "My notes"
kind = "article"
published = "2025"
path = "notes.txt"
"""

FIGURE = """
[[figures]]
id = "my-trade-2024"
subject = "trade"
amount = "44 billion USD"
qualifier = "about"
period = "2024"
direction = "both"
parties = ["kazakhstan", "china"]
citations = [{ source = "my-notes", evidence = "trade was about 44 billion dollars" }]
"""


def user_file(folder: Path, text: str) -> Path:
    """``mine.toml`` in ``folder``: :data:`SOURCE` and ``text``, beside its notes."""
    (folder / "notes.txt").write_text(NOTES, encoding="utf-8")
    path = folder / "mine.toml"
    path.write_text(SOURCE + text, encoding="utf-8")
    return path


def problems(folder: Path, text: str) -> list[kzcn.Problem]:
    """The problems the loader finds in :func:`user_file` of ``text`` (it must refuse)."""
    with pytest.raises(kzcn.DataError) as info:
        kzcn.load(extra=[user_file(folder, text)])
    return list(info.value.problems)
