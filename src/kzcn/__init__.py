"""kzcn: the facts of Kazakhstan-China relations as typed, cited records.

>>> import kzcn
>>> ds = kzcn.load()
>>> ds.places.lookup("Nur-Sultan").name
'Astana'

``import kzcn`` is cheap: the model, pint and cattrs load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import DATA_VERSION, __version__

TABLES: tuple[str, ...] = (
    "sources",
    "people",
    "places",
    "organizations",
    "events",
    "visits",
    "agreements",
    "projects",
    "figures",
    "errata",
)
"""Every table's name, in order (usable before :func:`load`; a test ties it to
:data:`kzcn.dataset.TABLES`, the tables' declarations)."""

if TYPE_CHECKING:  # what type checkers see; _LAZY below is what runs (a test compares them)
    from .cite import cite
    from .dataset import Dataset
    from .dates import Period, Precision
    from .diff import diff
    from .errors import DataError, Problem
    from .package import load
    from .query import FigureTable, Table
    from .records import (
        Agreement,
        Alias,
        Citation,
        Erratum,
        Event,
        Figure,
        Organization,
        Person,
        Place,
        Project,
        Redirect,
        Source,
        Visit,
    )
    from .units import Amount
    from .vocabulary import Direction, FigureKind, Measure, Qualifier, Subject

# Every public name and the module it lives in, imported on first attribute access
# (PEP 562) so that `import kzcn` stays as fast as `import attrs`.
_LAZY: dict[str, str] = {
    "cite": "cite",
    "Dataset": "dataset",
    "Period": "dates",
    "Precision": "dates",
    "diff": "diff",
    "DataError": "errors",
    "Problem": "errors",
    "load": "package",
    "FigureTable": "query",
    "Table": "query",
    "Amount": "units",
    **dict.fromkeys(("Direction", "FigureKind", "Measure", "Qualifier", "Subject"), "vocabulary"),
    **dict.fromkeys(
        (
            "Agreement",
            "Alias",
            "Citation",
            "Erratum",
            "Event",
            "Figure",
            "Organization",
            "Person",
            "Place",
            "Project",
            "Redirect",
            "Source",
            "Visit",
        ),
        "records",
    ),
}

__all__ = [
    "DATA_VERSION",
    "TABLES",
    "Agreement",
    "Alias",
    "Amount",
    "Citation",
    "DataError",
    "Dataset",
    "Direction",
    "Erratum",
    "Event",
    "Figure",
    "FigureKind",
    "FigureTable",
    "Measure",
    "Organization",
    "Period",
    "Person",
    "Place",
    "Precision",
    "Problem",
    "Project",
    "Qualifier",
    "Redirect",
    "Source",
    "Subject",
    "Table",
    "Visit",
    "__version__",
    "cite",
    "diff",
    "load",
]  # a literal for type checkers; a test compares it with _LAZY


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kzcn' has no attribute {name!r}")
    from importlib import import_module

    found = import_module(f"kzcn.{module}")
    # ``cite`` and ``diff`` are also their modules' names, and importing a submodule sets
    # it on the package whatever ran first: the name is the module, callable as the
    # function, so ``kzcn.cite(...)`` and ``import kzcn.cite as c`` both always work.
    value = found if module == name else getattr(found, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
