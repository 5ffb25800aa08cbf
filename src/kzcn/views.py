"""The one default view policy, for every command and function that takes a view.

**Outputs for analysis show the resolved view** (what happened: the claims of one thing
merged, errata's corrections applied) unless asked for the claims (``--as-stated`` on
the command line, ``resolved=False`` in Python): ``list``, ``timeline``, ``series``,
``plot`` and ``export``, and :func:`kzcn.plot.plot` and the charts.

Two commands are about the records *as the sources write them*, and show the claims
unless given ``--resolved``: ``check`` (the consistency checks judge what each source
states; an erratum acknowledges a finding on a claim) and ``search`` (finds any id, a
merged claim's too).
"""

from __future__ import annotations

from typing import Final

__all__ = ["AS_WRITTEN", "DEFAULT_RESOLVED", "POLICY", "default_view", "view_help"]

DEFAULT_RESOLVED: Final = True
"""The default of every ``resolved`` argument: the resolved view."""
AS_WRITTEN: Final = frozenset({"check", "search"})
"""The commands about the records as the sources write them: the claims by default."""
POLICY: Final = (
    "Views: analysis outputs (list, timeline, series, plot, export) show the resolved "
    "view (claims merged, corrections applied) unless given --as-stated; check and "
    "search show the records as the sources state them unless given --resolved."
)
"""The policy in one sentence, as each command's ``--help`` says it."""


def default_view(command: str) -> str:
    """``"resolved"`` or ``"stated"``: the view a command shows unless told."""
    return "stated" if command in AS_WRITTEN else "resolved"


def view_help(command: str) -> tuple[str, str]:
    """The help texts of ``--resolved`` and ``--as-stated`` for ``command``."""
    resolved = default_view(command) == "resolved"
    return (
        "what happened: claims merged, corrections applied"
        + (" (the default)" if resolved else ""),
        "each record as its sources state it" + ("" if resolved else " (the default)"),
    )
