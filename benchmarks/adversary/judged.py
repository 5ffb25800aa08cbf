"""The adversary's judgement of each case whose outcome differs from the harness's
expectation: "right" (the expectation was too strict: the answer is right or by
design), "known" (one of the cases being fixed by other helpers), "silent", "vague" or
"severe" (open: see FINDINGS.md for each). A case that meets its expectation is right."""

from __future__ import annotations

JUDGED: dict[str, tuple[str, str]] = {
    # corrections and links
    "erratum host -> a city": (
        "silent",
        "host is 'the host country'; a city loads (a plain field too)",
    ),
    "erratum ordinal -> negative": (
        "silent",
        "validate(): the ordinal bound is not run on corrections",
    ),
    "erratum ordinal -> zero": ("silent", "same as negative"),
    "erratum parties -> a person": ("right", "parties may name people (docs/data.md)"),
    "erratum subject -> other dimension subject": (
        "silent",
        "students with 44 billion USD: the unit is checked only when amount is corrected",
    ),
    "erratum same_as -> unknown": ("right", "same_as cannot be corrected: one line says so"),
    "erratum part_of -> itself": ("silent", "a figure part of itself (plain field too)"),
    "erratum review -> draft": ("silent", "an erratum turns a record into a draft"),
    "erratum description -> empty": ("silent", "an empty description (plain field too); minor"),
    "erratum country -> a city": ("silent", "a place's country is a city (plain field too)"),
    "erratum country -> itself": ("silent", "a place is its own country (plain field too)"),
    "erratum on an erratum": ("right", "errata may correct errata (the record field allows them)"),
    "erratum on a source: published 2099": ("right", "errata cannot target sources: one line"),
    "erratum on a source: published -> before figure period": ("right", "as above"),
    "erratum on a source: url javascript:": ("right", "as above"),
    "erratum on a source: path -> /etc/passwd": ("right", "as above"),
    "erratum on an org: parent -> itself": ("silent", "an organisation its own parent"),
    "erratum correct {} empty table": ("right", "the same as no correction"),
    "erratum check -> unknown check name": ("right", "stale-erratum warns of the unknown check"),
    "event related -> itself": ("silent", "a record related to itself"),
    "org parent loop a->b->a": ("silent", "parent loops load; no check"),
    "place country loop a->b->a": ("silent", "country loops load; no check"),
    "figure part_of loop": ("silent", "part_of loops load; no check"),
    # bounds
    "alias start 2099": ("silent", "an alias in force from after every source was published"),
    "alias same as name": ("silent", "minor: an alias equal to the name"),
    "alias duplicate": ("silent", "minor: the same alias twice"),
    "iso_alpha2 CN on a user city": (
        "right",
        "a valid code; lookups say 'CN' names several records",
    ),
    "trade 0 USD": ("right", "within the documented money bounds (0 to 1e16)"),
    "trade 999 trillion USD": ("right", "within the documented bounds"),
    "trade 1,000,000 billion": ("right", "within the documented bounds"),
    "trade +44 billion": ("right", "harness expectation was wrong"),
    "trade ٤٤ (arabic digits)": ("right", "read as 44, and so is the evidence"),
    "trade 44 billion with NBSP": ("right", "harness expectation was wrong"),
    "students 1e9": ("right", "within the documented count bounds (1e12)"),
    "period 0001": ("known", "periods with no lower bound"),
    "source published 2999": (
        "silent",
        "a source published in 2999 (cf. the known draft --published 2099)",
    ),
    # evidence
    "44 billion USD vs '44 billion Hong Kong dollars'": ("silent", "another currency read as USD"),
    "44 billion USD vs '44 billion Canadian dollars'": ("silent", "another currency read as USD"),
    "44 billion USD vs 'HK$44 billion'": ("silent", "HK$ not read as a currency"),
    "44 billion USD vs 'forty-four billion dollars'": ("right", "the number words are read"),
    "exact 44 bn vs 'about 44 billion'": ("silent", "qualifier not compared"),
    "exact 44 bn vs 'over 44 billion'": ("silent", "qualifier not compared"),
    "at_least 44 bn vs 'less than 44 billion'": (
        "silent",
        "qualifier not compared: the opposite bound",
    ),
    "about 44 bn vs 'exactly 44 billion'": ("silent", "qualifier not compared"),
    "3.5 million tonne vs '3.5 million barrels'": ("silent", "'barrels' not read as a unit"),
    "3.5 million tonne vs '3.5 million kilograms'": (
        "silent",
        "same dimension, another unit: 1000x",
    ),
    "12000 student vs '12,000 teachers'": ("silent", "a count of another noun"),
    "12 student vs '12,000 students'": ("silent", "'12,000' read as 12 (a decimal comma)"),
    "derived amount empty rule": ("right", "refused: derived.rule must be non-empty"),
    "12 student vs '12 000 students'": ("silent", "'12 000' read as 12 and 0"),
    "44 billion USD vs '44,000 billion dollars'": ("silent", "'44,000 billion' read as 44 billion"),
    "12 student vs '12,000' and no other 12": ("silent", "as above"),
    "120 student vs '120 000 students'": ("silent", "'120 000' read as 120"),
    # exports and terminal
    "stdout is /dev/full": ("vague", "a write error said 'cannot read'"),
    "kzcn list visits --where place=nowhere": ("vague", "KeyError traceback"),
    "kzcn list visits --where people=nobody": ("vague", "KeyError traceback"),
    "kzcn list figures --where parties=nobody": ("vague", "KeyError traceback"),
    # files
    "source path = /dev/zero": ("vague", "'does not exist' of a device"),
    "source path = a link to /dev/zero": ("vague", "'does not exist'"),
    "source path = a FIFO": ("vague", "'does not exist' of a FIFO"),
    "--texts with the 2019 text a FIFO": ("vague", "fixed in verify.py: now not a regular file"),
    "--texts with the 2019 text a link to /dev/zero": ("vague", "'no text file'"),
    # TOML
    "inline tables 30,000 deep (rtoml) parses or is refused within 10 s": (
        "severe",
        "toml_11's scan is quadratic in nesting depth",
    ),
    "dotted key 30,000 parts (tomllib) parses or is refused within 10 s": (
        "severe",
        "tomllib quadratic in a dotted key's parts; nothing refuses it first",
    ),
    "dotted key 30,000 parts (rtoml) parses or is refused within 10 s": (
        "severe",
        "rtoml refuses (recursion limit), then tomllib: same",
    ),
}
JUDGED.update(
    {
        "4,000 citations not in a 20 MB text: checked within 20 s": (
            "severe",
            "loader: each citation searched through the whole text (citations x text)",
        ),
        "erratum sets a shipped amount, its number in no evidence": (
            "silent",
            "a correction's number need not be in any evidence: series serves it",
        ),
        "a refused correction is reported once": ("vague", "each such problem printed twice"),
    }
)
# A SIGINT that lands while the interpreter shuts down, after the command's output is
# complete, ends the process by the signal itself (status -2, no message): a race
# with the exit, seen once in about twenty runs of `list figures`. Judged right.
JUDGED["SIGINT at 0.4s: kzcn list figures"] = ("right", "signal during interpreter exit")

# After the round-two fixes (lead's rerun): the empty-argument refusals are right, and
# a SIGINT that ends `kzcn diff` by the signal with nothing on stderr is the same
# shutdown case as the one above.
JUDGED["kzcn show ''"] = ("right", "'ID is empty (an unset variable?)', exit 2")
JUDGED["kzcn search ''"] = ("right", "'TEXT is empty (an unset variable?)', exit 2")
JUDGED["SIGINT at 0.8s: kzcn diff installed installed"] = (
    "right",
    "signal during interpreter exit (no output lost: diff of equal sides prints one line)",
)
