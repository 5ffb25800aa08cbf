"""`kzcn draft`: candidate figures read from prose by the number-in-evidence reader."""

from __future__ import annotations

import functools
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import kzcn
from kzcn.draft import draft, sentences
from kzcn.evidence import states
from kzcn.units import Amount, Scale
from kzcn.vocabulary import Measure, Subject, value_problem

TEXTS = Path(__file__).resolve().parents[2] / "shared" / "sources"


@functools.cache
def _dataset() -> kzcn.Dataset:
    return kzcn.load()


def _texts() -> list[Path]:
    return sorted(TEXTS.glob("*.txt"))


@pytest.mark.parametrize("path", _texts(), ids=lambda p: p.stem[:12])
def test_every_drafted_amount_is_stated_by_its_own_evidence(path: Path) -> None:
    """One reader: what the drafter proposes passes the loader's number-in-evidence rule."""
    result = draft(path.read_text(encoding="utf-8"), published=int(path.stem[:4]))
    assert result.figures
    for figure in result.figures:
        evidence = result.evidence(figure)
        assert len(evidence.split()) <= 25, evidence
        stated = states(evidence, Amount.parse(figure.amount), qualifier=figure.qualifier)
        assert stated, (figure.amount, figure.qualifier, evidence)


@pytest.mark.parametrize(
    ("sentence", "amount", "qualifier", "period"),
    [
        ("In 2018, trade reached $ 19.885 billion.", "19.885 billion USD", "exact", "2018"),
        (
            "In 2020 about 900 thousand containers were carried.",
            "900 thousand container",
            "about",
            "2020",
        ),
        ("From January to June 2019, exports rose by 9.2%.", "9.2 percent", "exact", "2019-H1"),
        (
            "From January to April 2021 trade exceeded $ 5 billion.",
            "5 billion USD",
            "more_than",
            "2021-01/2021-04",
        ),
        ("Last year, more than 1,400 students came.", "1400 student", "more_than", "2023"),
        ("The plan is to invest up to 20 billion yuan by 2030.", "20 billion CNY", "up_to", "2030"),
        (
            "Almost 13.98 million tons of cargo were moved in 2018.",
            "13.98 million tonne",
            "almost",
            "2018",
        ),
    ],
)
def test_usual_sentences(sentence: str, amount: str, qualifier: str, period: str) -> None:
    (figure,) = draft(sentence, published=2024).figures
    assert (figure.amount, figure.qualifier, figure.period) == (amount, qualifier, period)


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2020, trade reached 44 billion Hong Kong dollars.",
        "In 2020, trade reached HK$ 44 billion.",
        "In 2020, exports reached 3.5 million barrels.",
    ],
)
def test_units_the_library_cannot_hold_are_not_drafted(sentence: str) -> None:
    """A currency or unit the library does not know is no US dollar, tonne or count."""
    assert draft(sentence, published=2021).figures == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "The two countries signed an agreement in 1992.",
        "On June 11, 2021, the 33rd plenary meeting was held.",
        "20.07.2021 Author: a writer",
        "See the release at t20220205_10639196.shtml for details.",
        "The Shanghai Five was formed.",
        "Number of shows: 1257",
    ],
)
def test_years_dates_names_and_counters_are_not_figures(sentence: str) -> None:
    assert draft(sentence, published=2021).figures == ()


def test_relative_years_are_declared_derived() -> None:
    (figure,) = draft("Last year trade grew by 32%.", published=2024).figures
    assert figure.period == "2023"
    assert dict(figure.derived)["period"].startswith("'last year'")


@given(
    st.decimals(min_value=Decimal("1.01"), max_value=Decimal("999.99"), places=2),
    st.sampled_from([None, *Scale]),
    st.sampled_from(
        [("$ {n}", "USD"), ("{n} dollars", "USD"), ("{n} yuan", "CNY"), ("{n} tons", "tonne")]
    ),
    st.sampled_from(["", "about ", "more than ", "up to ", "almost "]),
    st.integers(min_value=1995, max_value=2030),
)
def test_generated_sentences(
    value: Decimal, scale: Scale | None, form: tuple[str, str], qualifier: str, year: int
) -> None:
    stated = Amount(value, form[1], scale)
    assume(value_problem(Subject.OTHER, Measure.LEVEL, stated) is None)  # else not drafted
    number = f"{value:f}" + (f" {scale.value}" if scale else "")
    text = f"In {year}, the volume reached {qualifier}{form[0].format(n=number)}."
    (figure,) = draft(text, published=2031).figures
    assert Amount.parse(figure.amount) == Amount(value, form[1], scale)
    assert figure.period == str(year)
    assert figure.qualifier == (qualifier.strip().replace(" ", "_") or "exact")


def test_sentences_keep_initials_and_abbreviations() -> None:
    text = "The university named after D. Serikbaeva opened. It has No. 4 rank. Next one."
    spans = sentences(text)
    assert [text[a:b] for a, b in spans][-1] == "Next one."
    assert len(spans) == 3


def test_a_signed_list_gives_one_document_per_item() -> None:
    text = (
        "The delegates signed a set of documents as follows:\n\n"
        "  • Memorandum of Understanding on cooperation in the field of economic development;\n"
        "  • Protocol on phytosanitary requirements for the export of rapeseed.\n"
    )
    result = draft(text, published=2023)
    assert [(a.kind, a.status) for a in result.agreements] == [
        ("memorandum", "signed"),
        ("protocol", "signed"),
    ]
    assert result.agreements[1].title.startswith("Protocol on phytosanitary requirements")


def test_a_visit_links_the_people_it_names() -> None:
    import kzcn
    from kzcn.draft import Names

    text = "In September 2022, Xi Jinping paid a state visit to Kazakhstan."
    (visit,) = draft(text, published=2022, names=Names.of(kzcn.load())).visits
    assert (visit.kind, visit.date, visit.people, visit.status) == (
        "state",
        "2022-09",
        ("xi-jinping",),
        "held",
    )


# -- drafting a file: whole records that load, and one line for bad input ------------


@pytest.mark.parametrize("path", _texts(), ids=lambda p: p.stem[:12])
def test_a_draft_of_each_shipped_text_loads_beside_the_data(path: Path, tmp_path: Path) -> None:
    import kzcn
    from kzcn.draft.run import draft_file, write

    ds = kzcn.load()
    published = str(ds.sources[path.stem].published)
    out = tmp_path / "draft.toml"
    result, text = draft_file(
        path, ds, source_id="new-" + path.stem[:40], published=published, out=out
    )
    write(out, text)
    loaded = kzcn.load([out])
    drafted = {r.id for t in loaded.tables.values() for r in t} - {
        r.id for t in ds.tables.values() for r in t
    }
    assert len(drafted) == 1 + len(result.figures) + len(result.visits) + len(result.agreements)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01binary", "binary"),
        (b"caf\xe9 2019", "not UTF-8"),
        (b"no date anywhere", "states no date"),
    ],
)
def test_bad_texts_get_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    import kzcn
    from kzcn.draft.run import DraftError, draft_file

    path = tmp_path / "text.txt"
    path.write_bytes(content)
    with pytest.raises(DraftError, match=message) as info:
        draft_file(path, kzcn.load())
    assert "\n" not in str(info.value)


@given(
    st.dates(date(2000, 1, 1), date(2099, 12, 31)),  # the years a text's first lines write
    st.sampled_from(["{y}", "{y}-{m:02d}", "{y}-{m:02d}-{d:02d}"]),
    st.booleans(),
)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_publication_date_after_today_is_refused_in_one_line(
    day: date, form: str, given_as_option: bool
) -> None:
    """``--published`` (or the date the text's first lines write) may not be after the
    ``today`` the caller gives; a date of today or earlier is drafted."""
    from kzcn.dates import Period
    from kzcn.draft.run import DraftError, draft_file

    written = form.format(y=day.year, m=day.month, d=day.day)
    head = "2001"  # the text's own date line, which --published overrides
    if not given_as_option:  # the first lines date the text: a year, or "20.07.2021"
        head = f"{day.day:02d}.{day.month:02d}.{day.year}" if "{d" in form else str(day.year)
        written = day.isoformat() if "{d" in form else str(day.year)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "text.txt"
        path.write_text(f"{head}\n\nTrade reached $ 5 billion.", encoding="utf-8")
        today = date(2050, 6, 15)
        published = written if given_as_option else None
        if Period.parse(written).start <= today:
            draft_file(path, _dataset(), source_id="new-text", published=published, today=today)
            return
        with pytest.raises(DraftError) as info:
            draft_file(path, _dataset(), source_id="new-text", published=published, today=today)
    message = str(info.value)
    where = "--published" if given_as_option else "the date in the text's first lines"
    assert message.startswith(f"{where} {written!r}: {written} is after today (2050-06-15)")
    assert "\n" not in message


@pytest.mark.parametrize("published", ["1800", "1948-12"])
def test_a_publication_date_before_the_earliest_year_is_refused(
    tmp_path: Path, published: str
) -> None:
    from kzcn.draft.run import DraftError, draft_file

    path = tmp_path / "text.txt"
    path.write_text("Trade reached $ 5 billion.", encoding="utf-8")
    with pytest.raises(DraftError, match=f"^--published '{published}': {published} is before"):
        draft_file(path, _dataset(), source_id="new-text", published=published)


def test_a_text_without_numbers_gives_an_empty_draft(tmp_path: Path) -> None:
    import kzcn
    from kzcn.draft.run import draft_file

    path = tmp_path / "calm.txt"
    path.write_text("2020\n\nThe talks were friendly and long.", encoding="utf-8")
    result, text = draft_file(path, kzcn.load())
    assert result.figures == () and "[[sources]]" in text


def test_taken_ids_and_existing_outputs_are_refused(tmp_path: Path) -> None:
    import kzcn
    from kzcn.draft.run import DraftError, draft_file, write

    path = tmp_path / "text.txt"
    path.write_text("2020\n\nTrade reached $ 5 billion in 2020.", encoding="utf-8")
    with pytest.raises(DraftError, match="taken"):
        draft_file(path, kzcn.load(), source_id="2019-zhang-xiao-bulletin-of-diplomacy")
    out = tmp_path / "out.toml"
    out.write_text("keep", encoding="utf-8")
    with pytest.raises(DraftError, match="--force"):
        write(out, "new")
    assert out.read_text(encoding="utf-8") == "keep"
    write(out, "new", force=True)
    assert out.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_review_marks_drafts_and_the_check_stops_listing_them(tmp_path: Path) -> None:
    import kzcn
    from kzcn.draft.review import drafts_in, mark_reviewed
    from kzcn.draft.run import DraftError, draft_file, write

    text = tmp_path / "news.txt"
    text.write_text(
        "2020\n\nIn 2020 trade reached $ 21 billion. Exports grew by 10%.", encoding="utf-8"
    )
    out = tmp_path / "draft.toml"
    write(out, draft_file(text, kzcn.load(), out=out)[1])
    drafted = {row["id"] for _, row in drafts_in(out)}
    listed = {f.records[0] for f in kzcn.load([out]).check() if f.check == "unreviewed-draft"}
    assert listed == drafted and len(drafted) == 3  # the source and two figures
    with pytest.raises(DraftError, match="no draft"):
        mark_reviewed(out, ["no-such-id"])
    first = sorted(drafted)[0]
    assert mark_reviewed(out, [first]) == [first]
    assert {row["id"] for _, row in drafts_in(out)} == drafted - {first}
    mark_reviewed(out)
    loaded = kzcn.load([out])
    assert not [f for f in loaded.check() if f.check == "unreviewed-draft"]
    assert all(not r.confidence for r in loaded.figures if r.id in drafted)


def test_the_shipped_data_holds_no_draft() -> None:
    """The build hook refuses unreviewed drafts; the installed data has none."""
    import kzcn
    from kzcn.checks.drafts import drafts

    assert drafts(kzcn.load()) == []  # test_build_hook: a wheel with a draft is refused


def test_parts_and_rates_are_linked_and_twins_are_flagged(tmp_path: Path) -> None:
    import kzcn
    from kzcn.draft.run import draft_file

    text = tmp_path / "trade.txt"
    text.write_text(
        "2019\n\nIn 2018, the volume of trade reached $ 19.885 billion, of which "
        "Kazakhstan's exports to China amounted to $ 8.535 billion, an increase of 9%.",
        encoding="utf-8",
    )
    result, toml = draft_file(text, kzcn.load(), source_id="my-trade-note")
    _, part, rate = result.figures
    assert (part.part_of, rate.rate_of) == (0, 1)
    assert 'part_of = "my-trade-note-trade-2018"' in toml
    # The shipped 2018 total states the same value: the reviewer is asked, nothing is tied.
    assert "Possibly the same as zx19-trade-2018" in toml and "same_as =" not in toml
