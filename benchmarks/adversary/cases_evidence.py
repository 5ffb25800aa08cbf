"""Family D: evidence whose number differs in scale, unit or qualifier."""

from __future__ import annotations

from pathlib import Path

from harness import FIGURE, Outcome, case, load, loads, refused

F = "evidence"


def _fig(
    name: str,
    amount: str,
    evidence: str,
    ok: bool,
    subject: str = "trade",
    qualifier: str | None = None,
    extra: str = "",
    field: str = "amount",
) -> None:
    # the hedge the evidence writes is the figure's, unless a case says otherwise
    if qualifier is None:
        qualifier = "about" if "about" in evidence.lower() else "exact"

    @case(F, name, loads if ok else refused(field))
    def run(folder: Path) -> Outcome:
        text = (
            FIGURE.replace('amount = "44 billion USD"', f'amount = "{amount}"')
            .replace('subject = "trade"', f'subject = "{subject}"')
            .replace('qualifier = "about"', f'qualifier = "{qualifier}"')
            .replace("trade was about 44 billion dollars", evidence.replace('"', '\\"'))
        )
        text = text.replace("citations", extra + "citations")
        notes = "My notes. In 2024 " + evidence + ".\n"
        return load(
            folder,
            text,
            lambda ds: getattr(ds.figures.get("my-trade-2024"), "amount", None),
            notes=notes,
        )


# scale
_fig("44 bn USD vs '44 billion dollars'", "44 billion USD", "44 billion dollars", True)
_fig("44 bn USD vs '$44 billion'", "44 billion USD", "$44 billion", True)
_fig("44 bn USD vs '$44bn'", "44 billion USD", "trade was $44bn", True)
_fig("44 bn USD vs 'USD 44 bln'", "44 billion USD", "trade was USD 44 bln", True)
_fig("44 bn USD vs '44 000 million dollars'", "44 billion USD", "44 000 million dollars", True)
_fig("44 million USD vs '44 billion dollars'", "44 million USD", "44 billion dollars", False)
_fig("44 billion USD vs '44 thousand dollars'", "44 billion USD", "44 thousand dollars", False)
_fig("44 billion USD vs '44 trillion dollars'", "44 billion USD", "44 trillion dollars", False)
_fig("44 billion USD vs '44 mln dollars'", "44 billion USD", "trade was 44 mln dollars", False)
_fig("44 billion USD vs '44m dollars'", "44 billion USD", "trade was $44m", False)
_fig("44 billion USD vs '44k dollars'", "44 billion USD", "trade was $44k", False)
_fig(
    "44 billion USD vs 'trade 44, billion... unrelated'",
    "44 billion USD",
    "trade rose 44 percent to a billion dollars",
    False,
)
_fig("44 billion USD vs '44 billion tenge'", "44 billion USD", "44 billion tenge", False)
_fig("44 billion USD vs '44 billion yuan'", "44 billion USD", "44 billion yuan", False)
_fig("44 billion USD vs '44 billion euros'", "44 billion USD", "44 billion euros", False)
_fig("44 billion USD vs '€44 billion'", "44 billion USD", "trade was €44 billion", False)
_fig("44 billion USD vs '¥44 billion'", "44 billion USD", "trade was ¥44 billion", False)
_fig(
    "44 billion USD vs '44 billion Hong Kong dollars'",
    "44 billion USD",
    "44 billion Hong Kong dollars",
    False,
)
_fig(
    "44 billion USD vs '44 billion Canadian dollars'",
    "44 billion USD",
    "44 billion Canadian dollars",
    False,
)
_fig("44 billion USD vs 'HK$44 billion'", "44 billion USD", "trade was HK$44 billion", False)
_fig("44 billion USD vs '44 billion'", "44 billion USD", "trade was 44 billion", True)
_fig("44 billion RUB vs '44 billion dollars'", "44 billion RUB", "44 billion dollars", False)
_fig("44 billion CNY vs '44 billion yuan'", "44 billion CNY", "44 billion yuan", True)
_fig("44 billion CNY vs '44 billion RMB'", "44 billion CNY", "44 billion RMB", True)
_fig("44 billion KZT vs '44 billion tenge'", "44 billion KZT", "44 billion tenge", True)
_fig("44 billion USD vs '44.0 billion dollars'", "44 billion USD", "44.0 billion dollars", True)
_fig("44 billion USD vs '4.4 billion dollars'", "44 billion USD", "4.4 billion dollars", False)
_fig("44 billion USD vs '144 billion dollars'", "44 billion USD", "144 billion dollars", False)
_fig("44 billion USD vs '44.5 billion dollars'", "44 billion USD", "44.5 billion dollars", False)
_fig("44 billion USD vs '2044 billion'", "44 billion USD", "trade was 2044 billion dollars", False)
_fig("44 billion USD vs '44-billion-dollar'", "44 billion USD", "a 44-billion-dollar trade", True)
_fig(
    "44 billion USD vs 'forty-four billion dollars'",
    "44 billion USD",
    "forty-four billion dollars",
    False,
)
_fig(
    "44 billion USD vs '44 billion dollars' in percent context '44% of 1 billion dollars'",
    "44 billion USD",
    "44% of 1 billion dollars",
    False,
)
# qualifier
_fig(
    "exact 44 bn vs 'about 44 billion'",
    "44 billion USD",
    "about 44 billion dollars",
    False,
    qualifier="exact",
    field="qualifier",
)
_fig(
    "exact 44 bn vs 'over 44 billion'",
    "44 billion USD",
    "over 44 billion dollars",
    False,
    qualifier="exact",
    field="qualifier",
)
_fig(
    "at_least 44 bn vs 'less than 44 billion'",
    "44 billion USD",
    "less than 44 billion dollars",
    False,
    qualifier="at_least",
    field="qualifier",
)
_fig(
    "about 44 bn vs 'exactly 44 billion'",
    "44 billion USD",
    "exactly 44 billion dollars",
    False,
    qualifier="about",
    field="qualifier",
)
# other units
_fig(
    "3.5 million tonne vs '3.5 million tonnes'",
    "3.5 million tonne",
    "exports reached 3.5 million tonnes",
    True,
    subject="cargo",
    qualifier="exact",
)
_fig(
    "3.5 million tonne vs '3.5 million barrels'",
    "3.5 million tonne",
    "exports reached 3.5 million barrels",
    False,
    subject="cargo",
    qualifier="exact",
)
_fig(
    "3.5 million tonne vs '3.5 million kilograms'",
    "3.5 million tonne",
    "exports reached 3.5 million kilograms",
    False,
    subject="cargo",
    qualifier="exact",
)
_fig(
    "3.5 million tonne vs '3.5 thousand tonnes'",
    "3.5 million tonne",
    "exports reached 3.5 thousand tonnes",
    False,
    subject="cargo",
    qualifier="exact",
)
_fig(
    "12000 student vs '12,000 students'",
    "12000 student",
    "students numbered 12,000",
    True,
    subject="students",
    qualifier="exact",
)
_fig(
    "12000 student vs '12 thousand students'",
    "12000 student",
    "students numbered 12 thousand",
    True,
    subject="students",
    qualifier="exact",
)
_fig(
    "12000 student vs '12,000 teachers'",
    "12000 student",
    "12,000 teachers came",
    False,
    subject="students",
    qualifier="exact",
)
_fig(
    "12000 student vs '12.000 students' (European)",
    "12000 student",
    "students numbered 12.000",
    False,
    subject="students",
    qualifier="exact",
)
_fig(
    "12 student vs '12,000 students'",
    "12 student",
    "students numbered 12,000",
    False,
    subject="students",
    qualifier="exact",
)
_fig(
    "44 percent growth vs '44 billion'",
    "44 percent",
    "trade grew by 44 billion dollars",
    False,
    extra='measure = "growth"\n',
)
_fig(
    "derived amount skips evidence",
    "45 billion USD",
    "trade was 44 billion dollars",
    True,
    extra='derived = { amount = "sum of the two halves" }\n',
)
_fig(
    "derived amount empty rule",
    "45 billion USD",
    "trade was 44 billion dollars",
    False,
    extra='derived = { amount = "" }\n',
)
_fig(
    "12 student vs '12 000 students'",
    "12 student",
    "students numbered 12 000",
    False,
    subject="students",
    qualifier="exact",
)
_fig(
    "44 billion USD vs '44,000 billion dollars'", "44 billion USD", "44,000 billion dollars", False
)
_fig(
    "1 billion USD vs '1,5 billion dollars'",
    "1 billion USD",
    "trade was 1,5 billion dollars",
    False,
)
_fig(
    "12 student vs '12,000' and no other 12",
    "12 student",
    "numbered 12,000 students",
    False,
    subject="students",
    qualifier="exact",
)
_fig(
    "120 student vs '120 000 students'",
    "120 student",
    "numbered 120 000 students",
    False,
    subject="students",
    qualifier="exact",
)
_fig(
    "2 billion USD vs '2.000 billion dollars'",
    "2 billion USD",
    "trade was 2.000 billion dollars",
    True,
)
