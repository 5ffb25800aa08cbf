"""Family "plausible values": per subject and measure, the loader refuses values no
source could mean, and every value it accepts survives the checks, exports and charts."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzcn.dataset import Dataset
from kzcn.errors import DataError
from kzcn.loader import load_records
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
