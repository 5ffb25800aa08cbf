"""Citations from hostile sources: every field escaped for BibTeX and CSL JSON, and one
key per record."""

from __future__ import annotations

import json
import string
from typing import Any

import attrs
import bibtexparser
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import kzcn
from kzcn.cite import cite
from kzcn.records import SLUG_PATTERN, FieldError, Source

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
INJECTION = "}, howpublished = {Injected"
#: Printable text with everything BibTeX and LaTeX give a meaning to.
hostile = st.text(
    st.sampled_from(string.ascii_letters + string.digits + " {}\\%&#_^~$@,=\"'()[]<>.:;/–қ中"),
    min_size=1,
    max_size=40,
) | st.just(INJECTION)


@pytest.fixture(scope="module")
def ds() -> kzcn.Dataset:
    return kzcn.load()


def _parse(text: str) -> Any:
    return bibtexparser.parse_string(text)  # type: ignore[attr-defined]


def _balanced(value: str) -> bool:
    """BibTeX's rule: every brace counts, escaped or not."""
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _source(ds: kzcn.Dataset, **fields: str) -> Source:
    try:
        return attrs.evolve(ds.sources["2019-zhang-xiao-bulletin-of-diplomacy"], **fields)  # type: ignore[arg-type]
    except (FieldError, ValueError):
        assume(False)
        raise


@SETTINGS
@given(hostile, hostile, hostile, hostile)
def test_bibtex_fields_cannot_be_injected(
    ds: kzcn.Dataset, title: str, author: str, publisher: str, path: str
) -> None:
    source = _source(
        ds, title=title, author=author, publisher=publisher, url=f"https://example.org/{path}"
    )
    text = cite(ds.evolve(source), "zx19-trade-2018", "bibtex")
    library = _parse(text)
    assert not library.failed_blocks
    (entry,) = library.entries
    assert [f.key for f in entry.fields] == ["author", "title", "journal", "year", "url", "note"]
    for field in entry.fields:
        assert _balanced(field.value), (field.key, field.value)


def test_the_injection_of_the_issue_stays_in_its_field(ds: kzcn.Dataset) -> None:
    source = _source(
        ds, title=INJECTION, author=INJECTION, publisher=INJECTION, url="https://x.org/" + INJECTION
    )
    text = cite(ds.evolve(source), source.id, "bibtex")
    (entry,) = _parse(text).entries
    assert "howpublished" not in entry.fields_dict
    assert all(_balanced(f.value) for f in entry.fields)


@SETTINGS
@given(hostile, hostile, hostile)
def test_csl_json_keeps_every_field_as_it_is(
    ds: kzcn.Dataset, title: str, author: str, publisher: str
) -> None:
    source = _source(ds, title=title, author=author, publisher=publisher)
    (item,) = json.loads(cite(ds.evolve(source), source.id, "csl-json"))
    assert (item["title"], item["author"], item["publisher"]) == (
        title,
        [{"literal": author}],
        publisher,
    )


slugs = st.from_regex(SLUG_PATTERN, fullmatch=True).filter(lambda s: len(s) <= 30)


@SETTINGS
@given(slugs, st.data())
def test_keys_are_one_per_record(ds: kzcn.Dataset, first: str, data: st.DataObject) -> None:
    # The other id: any slug, or this one with its separators swapped ("ev.one", "ev-one").
    swapped = first.translate(str.maketrans("-.", ".-"))
    second = data.draw(slugs | st.just(swapped))
    assume(first != second)
    figure = ds.figures["zx19-trade-2018"]
    records = [attrs.evolve(figure, id=rid) for rid in (first, second)]
    assume(all(ds.get(r) is None for r in (first, second)))
    both = ds.evolve(*records)
    keys = {json.loads(cite(both, rid, "csl-json"))[0]["id"] for rid in (first, second)}
    assert len(keys) == 2
    bib = _parse(cite(both, first, "bibtex") + "\n\n" + cite(both, second, "bibtex"))
    assert len({e.key for e in bib.entries}) == 2 and not bib.failed_blocks


def test_ids_differing_only_by_a_dot_get_different_keys(ds: kzcn.Dataset) -> None:
    figure = ds.figures["zx19-trade-2018"]
    both = ds.evolve(attrs.evolve(figure, id="ev.one"), attrs.evolve(figure, id="ev-one"))
    assert (
        cite(both, "ev.one", "bibtex").splitlines()[0]
        != cite(both, "ev-one", "bibtex").splitlines()[0]
    )
