"""Family "plausible values": per subject and measure, the loader refuses values no
source could mean, and every value it accepts survives the checks, exports and charts."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kzcn.dataset import Dataset
from kzcn.dates import Period
from kzcn.errors import DataError, Problem
from kzcn.loader import load_records
from kzcn.records import Source, is_done
from kzcn.validate import validate
from kzcn.vocabulary import EARLIEST_YEAR, SourceKind
from strategies import data_years, early_years, periods
from test_loader_errors import BASE

FIGURE = """
[[figures]]
id = "fig-2"
subject = "SUBJECT"
measure = "MEASURE"
amount = "AMOUNT"
period = "2020"
citations = [{ source = "src-a", evidence = "it was AMOUNT" }]
"""


def _figure(subject: str, measure: str, amount: str) -> str:
    text = FIGURE.replace("SUBJECT", subject).replace("MEASURE", measure)
    return BASE + text.replace("AMOUNT", amount)


@pytest.mark.parametrize(
    ("subject", "measure", "amount", "words"),
    [
        ("trade", "level", "-5 billion USD", "not plausible"),
        ("containers", "level", "-1 container", "not plausible"),
        ("trade", "share", "150 percent", "0 to 100"),
        ("trade", "share", "1.5 fraction", "0 to 1"),
        ("trade", "growth", "-120 percent", "not plausible"),
        ("trade", "level", "9" * 400 + " USD", "digits"),
        ("trade", "level", "5 trillion trillion USD", "not an amount"),
        ("freight_trains", "level", f"{2**70} train", "beyond"),
        ("freight_trains", "level", f"{2**50} train", "not plausible"),
        ("students", "level", "14.5 student", "whole number"),
        ("trade", "rank", "0 rank", "not plausible"),
        ("trade", "rank", "2.5 rank", "whole number"),
        ("trade", "multiple", "-2 times", "not plausible"),
        ("trade", "level", "0." + "0" * 40 + "1 USD", "decimals"),
    ],
)
def test_implausible_values_are_refused(
    subject: str, measure: str, amount: str, words: str
) -> None:
    with pytest.raises(DataError) as info:
        load_records([("bad.toml", _figure(subject, measure, amount))])
    found = [(p.record, p.field, p.message) for p in info.value.problems]
    assert any(r == "fig-2" and f == "amount" and words in m for r, f, m in found), found


def test_an_implausible_correction_is_refused() -> None:
    text = BASE.replace(
        'field = "amount"', 'field = "amount"\ncorrect = { amount = "-1.5 billion USD" }'
    )
    with pytest.raises(DataError) as info:
        load_records([("bad.toml", text)])
    (problem,) = info.value.problems
    assert (problem.record, problem.field) == ("err-1", "correct.amount")
    assert "not plausible" in problem.message


@pytest.mark.parametrize("ordinal", [0, -1, 2**70, 1001])
def test_insane_ordinals_are_refused(ordinal: int) -> None:
    with pytest.raises(DataError) as info:
        load_records([("bad.toml", BASE.replace("ordinal = 2", f"ordinal = {ordinal}"))])
    assert [(p.record, p.field) for p in info.value.problems] == [("visit-1", "ordinal")]


SUBJECTS = {
    "trade": ["USD", "KZT"],
    "cargo": ["tonne", "kilogram"],
    "containers": ["container"],
    "students": ["student"],
    "power_capacity": ["megawatt"],
    "anniversary": ["year"],
    "gdp_growth": ["percent"],
    "economy_size": ["rank"],
    "other": ["USD", "item", "percent"],
}
MEASURE_UNITS = {
    "growth": ["percent", "times"],
    "share": ["percent", "fraction"],
    "multiple": ["times"],
    "rank": ["rank"],
}


@st.composite
def figures(draw: st.DrawFn) -> tuple[str, str, str]:
    subject = draw(st.sampled_from(sorted(SUBJECTS)))
    measure = draw(st.sampled_from(["level", *MEASURE_UNITS]))
    unit = draw(
        st.sampled_from(SUBJECTS[subject] if measure == "level" else MEASURE_UNITS[measure])
    )
    sign = draw(st.sampled_from(["", "-"]))
    whole = draw(st.from_regex(r"[0-9]{1,40}", fullmatch=True))
    part = draw(st.none() | st.from_regex(r"[0-9]{1,40}", fullmatch=True))
    scale = draw(st.sampled_from(["", " thousand", " million", " billion", " trillion"]))
    number = sign + whole + (f".{part}" if part else "")
    return subject, measure, f"{number}{scale} {unit}"


@given(figures())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_accepted_values_survive_checks_exports_and_charts(figure: tuple[str, str, str]) -> None:
    pytest.importorskip("matplotlib")
    from kzcn.export import FORMATS, export
    from kzcn.plot import CHARTS, plot

    try:
        tables = load_records([("gen.toml", _figure(*figure))])
    except DataError:
        return
    ds = Dataset.from_records(tables)
    for view in (ds, ds.resolved()):
        view.check()
    with tempfile.TemporaryDirectory() as out:
        for fmt in FORMATS:
            if fmt == "parquet":
                pytest.importorskip("pyarrow")
            export(ds, fmt, Path(out) / fmt)
        for chart in CHARTS:
            plot(ds, chart, Path(out) / f"{chart}.png")


# ---------------------------------------------------------------- plausible dates

# One record of every kind with a date, each date field written as DATE_<field>.
DATED = """
[[sources]]
id = "src-a"
title = "A source"
kind = "article"
published = "DATE_published"

[[places]]
id = "kz"
name = "Kazakhstan"
kind = "country"
aliases = [{ name = "Old name", start = "DATE_alias_start", end = "2100" }]
citations = [{ source = "src-a", evidence = "Kazakhstan" }]

[[visits]]
id = "visit-1"
title = "A visit"
kind = "state"
date = "DATE_visit"
citations = [{ source = "src-a", evidence = "a visit" }]

[[agreements]]
id = "agreement-1"
title = "An agreement"
kind = "agreement"
date = "DATE_agreement"
citations = [{ source = "src-a", evidence = "an agreement" }]

[[events]]
id = "event-1"
title = "An event"
kind = "anniversary"
date = "DATE_event"
citations = [{ source = "src-a", evidence = "an event" }]

[[projects]]
id = "project-1"
name = "A project"
sector = "rail"
status = "operating"
date = "DATE_project"
citations = [{ source = "src-a", evidence = "a project" }]

[[figures]]
id = "fig-1"
subject = "trade"
amount = "1.5 billion USD"
period = "DATE_figure"
citations = [{ source = "src-a", evidence = "trade was 1.5 billion" }]

[[errata]]
id = "err-1"
kind = "inconsistent"
record = "fig-1"
field = "period"
problem = "a problem"
reading = "a reading"
correct = { period = "DATE_correction" }
citations = [{ source = "src-a", evidence = "trade was 1.5 billion" }]
"""
#: Where each date goes: (record, field) of the problem a wrong one gives.
DATE_FIELDS = {
    "published": ("src-a", "published"),
    "alias_start": ("kz", "aliases"),
    "visit": ("visit-1", "date"),
    "agreement": ("agreement-1", "date"),
    "event": ("event-1", "date"),
    "project": ("project-1", "date"),
    "figure": ("fig-1", "period"),
    "correction": ("err-1", "correct.period"),
}


def _dated(**dates: Period) -> str:
    """:data:`DATED` with the dates given, the rest 2019 (a correction: the earliest
    year, so it is never after the source's publication)."""
    text = DATED
    for name in DATE_FIELDS:
        default = EARLIEST_YEAR if name == "correction" else 2019
        text = text.replace(f"DATE_{name}", str(dates.get(name, default)))
    return text


def _record(text: str, record: str, **values: str) -> str:
    """``text`` with fields of ``record`` set (TOML values, written as they are)."""
    start = text.index(f'id = "{record}"\n')
    end = text.index("citations", start)
    block = text[start:end]
    for key, value in values.items():
        line = f"{key} = {value}\n"
        found = re.search(rf"^{key} = .*\n", block, re.MULTILINE)
        block = block.replace(found.group(), line) if found else block + line
    return text[:start] + block + text[end:]


def test_every_date_of_the_data_may_be_set_from_the_earliest_year() -> None:
    first = Period.parse(str(EARLIEST_YEAR))
    tables = load_records([("dated.toml", _dated(**dict.fromkeys(DATE_FIELDS, first)))])
    assert tables["figures"][0].period == first


@given(st.sampled_from(sorted(DATE_FIELDS)), periods(within=early_years))
@settings(max_examples=60, deadline=None)
def test_a_date_before_the_earliest_year_is_refused_in_every_date_field(
    name: str, period: Period
) -> None:
    with pytest.raises(DataError) as info:
        load_records([("dated.toml", _dated(**{name: period}))])
    (problem,) = info.value.problems
    assert (problem.file, problem.record, problem.field) == ("dated.toml", *DATE_FIELDS[name])
    assert f"before {EARLIEST_YEAR}" in problem.message
    assert "\n" not in problem.message


@given(st.sampled_from(sorted(DATE_FIELDS)), periods(within=data_years))
@settings(max_examples=60, deadline=None)
def test_a_date_from_the_earliest_year_on_loads(name: str, period: Period) -> None:
    # a text is published, and a name in force, by today
    assume(name not in ("published", "alias_start") or period.start <= date.today())
    assume(name != "correction" or period.start.year <= 2019)  # not after its source
    load_records([("dated.toml", _dated(**{name: period}))])


@given(periods(within=data_years), st.dates(date(EARLIEST_YEAR, 1, 1), date(2100, 12, 31)))
def test_a_source_is_published_by_today(published: Period, today: date) -> None:
    source = Source("src-a", title="A source", kind=SourceKind.ARTICLE, published=published)
    problems = validate([("sources", source, "f.toml")], today=today)
    if published.start <= today:
        assert problems == []
    else:
        (problem,) = problems
        assert (problem.file, problem.record, problem.field) == ("f.toml", "src-a", "published")
        assert problem.message == (
            f"{published} is after today ({today.isoformat()}): "
            "a text is published before it is read"
        )


def test_a_source_published_in_the_future_is_refused_at_load() -> None:
    problems = _refused(_dated(published=Period.parse("2099")))
    assert [(p.record, p.field) for p in problems] == [("src-a", "published")]


def _refused(text: str) -> tuple[Problem, ...]:
    with pytest.raises(DataError) as info:
        load_records([("dated.toml", text)])
    return info.value.problems


# A record's own date after its sources is the source's statement: the check
# reported-before-it-happened reports it (an erratum may explain it); a correction that
# makes a record so is the dataset's own reading, and refused. Both judge by one rule.


@pytest.mark.parametrize(
    ("table", "record", "field", "done", "not_done"),
    [
        ("visits", "visit-1", "date", ("status", "held"), ("status", "planned")),
        ("agreements", "agreement-1", "date", ("status", "signed"), ("status", "planned")),
        ("events", "event-1", "date", ("status", "held"), ("status", "planned")),
        ("projects", "project-1", "date", ("status", "operating"), ("status", "planned")),
        ("figures", "fig-1", "period", ("kind", "actual"), ("kind", "plan")),
    ],
)
def test_a_record_dated_after_its_sources_is_a_finding_and_its_correction_refused(
    table: str, record: str, field: str, done: tuple[str, str], not_done: tuple[str, str]
) -> None:
    base = _dated(published=Period.parse("2020"))
    for (key, value), expected in ((done, True), (not_done, False)):
        text = _record(base, record, **{key: f'"{value}"', field: '"2030"'})
        ds = Dataset.from_records(load_records([("dated.toml", text)]))
        assert is_done(ds.tables[table][0]) is expected
        found = [f.records for f in ds.check() if f.check == "reported-before-it-happened"]
        assert found == ([(record,)] if expected else []), found
    # the same date set by an erratum: refused for a fact done, taken for a plan
    erratum = f"""
[[errata]]
id = "err-2"
kind = "inconsistent"
record = "{record}"
field = "{field}"
problem = "a problem"
reading = "a reading"
correct = {{ {field} = "2030" }}
citations = [{{ source = "src-a", evidence = "a reading" }}]
"""
    key, value = done
    (problem,) = _refused(_record(base, record, **{key: f'"{value}"'}) + erratum)
    assert (problem.record, problem.field) == ("err-2", f"correct.{field}")
    assert "after the newest of its sources was published (2020)" in problem.message
    key, value = not_done
    load_records([("dated.toml", _record(base, record, **{key: f'"{value}"'}) + erratum)])


def test_a_correction_that_makes_a_plan_done_after_its_sources_is_refused() -> None:
    base = _dated(published=Period.parse("2020"))
    late_plan = _record(base, "fig-1", period='"2030"', kind='"plan"')
    text = _record(late_plan, "err-1", field='"kind"', correct='{ kind = "actual" }')
    (problem,) = _refused(text)
    assert (problem.record, problem.field) == ("err-1", "correct.kind")
    # correcting another field of a record late as its source states it is not refused:
    # the check reports the record, and an erratum may explain it
    late = _record(base, "fig-1", period='"2030"')
    text = _record(
        late,
        "err-1",
        field='"amount"',
        correct='{ amount = "1.6 billion USD" }',
        derived='{ amount = "a rule" }',
    )
    load_records([("dated.toml", text)])
