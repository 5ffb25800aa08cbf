"""The one exception the loader raises, listing every problem it found."""

from __future__ import annotations

import attrs

__all__ = ["DataError", "Problem"]


@attrs.frozen
class Problem:
    """One thing wrong in a data file: where (file, record id, field) and what."""

    file: str
    record: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.record is not None:
            where += f": record {self.record!r}"
        if self.field is not None:
            where += f": field {self.field!r}"
        return f"{where}: {self.message}"


class DataError(ValueError):
    """Data files that do not load; ``problems`` lists all that is wrong, at once."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the data"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))
