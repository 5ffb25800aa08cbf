"""Family C: bounds of numbers (NaN, inf, huge, negative, tiny)."""

from __future__ import annotations

from pathlib import Path

from harness import CITE, FIGURE, VISIT, Outcome, case, load, loads, refused

F = "bounds"


def place(extra: str, pid: str = "my-place") -> str:
    return f"""
[[places]]
id = "{pid}"
name = "My place"
kind = "city"
{extra}
{CITE}
"""


def _place(name: str, extra: str, *words: str) -> None:
    @case(F, name, refused(*words) if words else loads)
    def run(folder: Path) -> Outcome:
        return load(folder, place(extra), lambda ds: ds.places.get("my-place"))


_place("lat 1e308", "latitude = 1e308\nlongitude = 1.0", "latitude")
_place("lat nan lon inf", "latitude = nan\nlongitude = inf", "latitude")
_place("lat -inf", "latitude = -inf\nlongitude = 1.0", "latitude")
_place("lon -999", "latitude = 1.0\nlongitude = -999", "longitude")
_place("lat 90.0000001", "latitude = 90.0000001\nlongitude = 1.0", "latitude")
_place("lat -90 lon 180 (edges ok)", "latitude = -90\nlongitude = 180")
_place("lat as string", 'latitude = "45"\nlongitude = 1.0', "latitude")
_place("lat bool", "latitude = true\nlongitude = 1.0", "latitude")
_place("lat -0.0 lon 5e-324 (subnormal ok)", "latitude = -0.0\nlongitude = 5e-324")
_place("geonameid negative", "geonameid = -1", "geonameid")
_place("geonameid zero", "geonameid = 0", "geonameid")
_place("geonameid 2**63", f"geonameid = {2**63 - 1}", "geonameid")
_place("geonameid float", "geonameid = 1.5", "geonameid")
_place("geonameid bool", "geonameid = true", "geonameid")
_place("geonameid huge int", "geonameid = 99999999999999999999", "geonameid")
_place("alias 2020..2010", 'aliases = [{ name = "Old", start = "2020", end = "2010" }]', "alias")
_place("alias equal start end ok", 'aliases = [{ name = "Old", start = "2020", end = "2020" }]')
_place("alias start 2099", 'aliases = [{ name = "Old", start = "2099" }]', "2099")
_place("alias start 0000", 'aliases = [{ name = "Old", start = "0000" }]', "alias")
_place("alias name empty", 'aliases = [{ name = "" }]', "alias")
_place("alias same as name", 'aliases = ["My place"]', "alias")
_place("alias duplicate", 'aliases = ["Other", "Other"]', "alias")
_place("iso_alpha2 lowercase 3 letters", 'iso_alpha2 = "kzz"', "iso_alpha2")
_place("iso_alpha2 CN on a user city", 'iso_alpha2 = "CN"', "iso_alpha2")


def _amount(
    name: str, amount: str, *words: str, evidence: str | None = None, subject: str = "trade"
) -> None:
    @case(F, name, refused(*words) if words else loads)
    def run(folder: Path) -> Outcome:
        text = FIGURE.replace('amount = "44 billion USD"', f'amount = "{amount}"')
        text = text.replace('subject = "trade"', f'subject = "{subject}"')
        if evidence is not None:
            text = text.replace("trade was about 44 billion dollars", evidence)
            if "about" not in evidence:  # the figure's hedge is the one its evidence writes
                text = text.replace('qualifier = "about"', 'qualifier = "exact"')
        notes = "My notes. In 2024 " + (evidence or "trade was about 44 billion dollars") + ".\n"
        return load(
            folder,
            text,
            lambda ds: getattr(ds.figures.get("my-trade-2024"), "amount", None),
            notes=notes,
        )


_amount(
    "trade 0.0000000001 USD",
    "0.0000000001 USD",
    "amount",
    evidence="trade was 0.0000000001 dollars",
)
_amount("trade 0 USD", "0 USD", "amount", evidence="trade was 0 dollars")
_amount("trade -5 billion", "-5 billion USD", "amount", evidence="trade was -5 billion dollars")
_amount("trade 1e20 USD", "1e20 USD", "amount", evidence="trade was 1e20 dollars")
_amount("trade nan", "nan USD", "amount", evidence="trade was nan dollars")
_amount("trade Infinity", "Infinity USD", "amount", evidence="trade was Infinity dollars")
_amount("trade 1e-30", "1e-30 billion USD", "amount", evidence="trade was 1e-30 billion dollars")
_amount(
    "trade 31 digits", "1" * 31 + " USD", "amount", evidence="trade was " + "1" * 31 + " dollars"
)
_amount(
    "trade 999 trillion USD",
    "999 trillion USD",
    "amount",
    evidence="trade was 999 trillion dollars",
)
_amount(
    "trade 1,000,000 billion",
    "1,000,000 billion USD",
    "amount",
    evidence="trade was 1,000,000 billion dollars",
)
_amount("trade +44 billion", "+44 billion USD", "", evidence="trade was +44 billion dollars")
_amount(
    "trade 0x2C billion", "0x2C billion USD", "amount", evidence="trade was 0x2C billion dollars"
)
_amount("trade 4_4 billion", "4_4 billion USD", "amount", evidence="trade was 4_4 billion dollars")
_amount(
    "trade ٤٤ (arabic digits)", "٤٤ billion USD", "amount", evidence="trade was ٤٤ billion dollars"
)
_amount(
    "trade 44 billion with NBSP", "44\u00a0billion USD", "", evidence="trade was 44 billion dollars"
)
_amount(
    "students 1e9",
    "1000000000 student",
    "amount",
    evidence="students numbered 1000000000",
    subject="students",
)
_amount(
    "students 0.5", "0.5 student", "amount", evidence="students numbered 0.5", subject="students"
)
_amount("students -3", "-3 student", "amount", evidence="students numbered -3", subject="students")
_amount(
    "growth 1e6 percent",
    "1000000 percent",
    "amount",
    evidence="trade grew by 1000000%",
    subject="trade",
)


@case(F, "visit ordinal 10**30", refused("ordinal"))
def _(folder: Path) -> Outcome:
    return load(folder, VISIT.replace("host =", f"ordinal = {10**18}\nhost ="))


@case(F, "period 0001", refused("period"))
def _(folder: Path) -> Outcome:
    return load(folder, FIGURE.replace('period = "2024"', 'period = "0001"'))


@case(F, "period 2024-13", refused("period"))
def _(folder: Path) -> Outcome:
    return load(folder, FIGURE.replace('period = "2024"', 'period = "2024-13"'))


@case(F, "period 2024-02-30", refused("period"))
def _(folder: Path) -> Outcome:
    return load(folder, FIGURE.replace('period = "2024"', 'period = "2024-02-30"'))


@case(F, "date 99999", refused("date"))
def _(folder: Path) -> Outcome:
    return load(folder, VISIT.replace('date = "2023"', 'date = "99999"'))


@case(F, "source length negative", refused("length"))
def _(folder: Path) -> Outcome:
    text = (
        '\n[[sources]]\nid = "s2"\ntitle = "S"\nkind = "article"\npublished = "2025"\nlength = -1\n'
    )
    return load(folder, text)


@case(F, "source published 2999", refused("published"))
def _(folder: Path) -> Outcome:
    text = '\n[[sources]]\nid = "s2"\ntitle = "S"\nkind = "article"\npublished = "2999"\n'
    return load(folder, text, lambda ds: getattr(ds.sources.get("s2"), "published", None))


@case(F, "nan figure via json export not broken", lambda o: o.kind == "loaded")
def _(folder: Path) -> Outcome:
    import json

    from harness import cli

    path = folder / "mine.toml"
    from harness import user_file

    user_file(folder, FIGURE)
    o = cli(["--data", str(path), "export", "--format", "json", "--out", str(folder / "out")])
    json.loads((folder / "out" / "kzcn.json").read_text(), parse_constant=lambda c: 1 / 0)
    return type(o)("loaded", o.detail)
