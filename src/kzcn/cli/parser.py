"""The ``kzcn`` command's arguments: one argparse parser, its subcommands and options,
and ``--version``."""

from __future__ import annotations

import argparse
from typing import Any, NoReturn

from .._version import DATA_VERSION, __version__

EPILOG = """examples:
  kzcn                                  summary of the dataset
  kzcn list figures --where subject=trade --where direction=both
  kzcn list visits --from 2022 --to 2023 --source 2023-beijing-belt-and-road-meeting
  kzcn show zx19-trade-2018             one record, its links and its evidence
  kzcn search "Nur-Sultan"              names, aliases and titles
  kzcn timeline --person xi --place astana   ids, names or aliases
  kzcn series students --direction kz_to_cn
  kzcn check --strict                   consistency checks (exit 1 on open findings)
  kzcn --data mine.toml check           your own records with the shipped ones
  kzcn export --format csv --out out/
"""


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # before argparse's own __init__, which adds --help
        self.labels: dict[str, str] = {}
        """Each argument's destination -> how the user writes it (``--out``, ``TEXT``)."""
        self.subcommands: dict[str, _Parser] = {}
        super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        if action.option_strings:
            self.labels[action.dest] = action.option_strings[0]
        else:  # a positional argument, as --help shows it
            self.labels[action.dest] = str(action.metavar or action.dest.upper())
        return action

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def empty_value(parser: argparse.ArgumentParser, args: argparse.Namespace) -> str | None:
    """The first argument given as an empty or blank string (``--out ""``, ``--source
    "$UNSET"``), as the user wrote it, or ``None``. No option takes an empty value: it
    would be read as absent, or as the working folder, and so accepted silently."""
    if not isinstance(parser, _Parser):
        return None
    labels = dict(parser.labels)
    sub = parser.subcommands.get(getattr(args, "command", None) or "")
    if sub is not None:
        labels.update(sub.labels)
    for dest, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and not v.strip() for v in values):
            return labels.get(dest, dest)
    return None


class _Version(argparse.Action):
    """``--version``: the versions, and the content hash of the data (computed only
    when asked: it loads the data)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        print(version_line())
        parser.exit(0)


def version_line() -> str:
    """``kzcn 0.2.0 (data 2026.11.29, sha256 ...)``: what ``kzcn --version`` prints."""
    from ..content import dataset_hash
    from ..package import load

    return f"kzcn {__version__} (data {DATA_VERSION}, sha256 {dataset_hash(load())})"


LINK_OPTIONS = {
    "person": ("people", "person"),
    "place": ("places", "place"),
    "org": ("organizations", "organisation"),
}
"""``timeline`` options naming a linked record: option -> (table, what it names)."""
VIEWS = frozenset({"list", "search", "timeline", "series", "export", "plot", "check"})
"""The subcommands that take ``--resolved`` / ``--as-stated`` (defaults: kzcn.views)."""


def build_parser() -> argparse.ArgumentParser:
    from ..cite import FORMATS as CITE_FORMATS
    from ..dataset import RECORD_TYPES
    from ..export import FORMATS
    from ..plot import CHARTS
    from ..plot import FORMATS as CHART_FORMATS
    from ..vocabulary import Direction, FigureKind, Measure, Subject

    def _values(kind: type[Any]) -> str:
        return ", ".join(str(m.value) for m in kind)

    parser = _Parser(
        prog="kzcn",
        description="Facts of Kazakhstan-China relations as typed, cited records.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action=_Version,
        nargs=0,
        help="the package and data versions and the data's content hash, then exit",
    )
    parser.add_argument(
        "--data", action="append", default=[], metavar="PATH", help="extra data file (repeat)"
    )
    parser.add_argument(
        "--texts",
        metavar="DIR",
        help="folder of the source texts: verify them and every citation while loading",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, text: str) -> argparse.ArgumentParser:
        from ..views import POLICY, view_help

        viewed = name in VIEWS
        sub = commands.add_parser(
            name, help=text, description=text, epilog=POLICY if viewed else None
        )
        assert isinstance(sub, _Parser) and isinstance(parser, _Parser)
        parser.subcommands[name] = sub
        sub.add_argument("--json", action="store_true", help="print JSON")
        if viewed:
            view = sub.add_mutually_exclusive_group()
            resolved_help, stated_help = view_help(name)
            view.add_argument(
                "--resolved",
                dest="view",
                action="store_const",
                const="resolved",
                help=resolved_help,
            )
            view.add_argument(
                "--as-stated",
                dest="view",
                action="store_const",
                const="stated",
                help=stated_help,
            )
        return sub

    command("summary", "tables, counts, sources, date range (the default)")
    listing = command("list", "records of one table, filtered")
    listing.add_argument("table", help=f"one of {', '.join(RECORD_TYPES)}")
    listing.add_argument(
        "--where", action="append", default=[], metavar="FIELD=VALUE", help="filter (repeat)"
    )
    listing.add_argument("--source", metavar="ID", help="records citing this source")
    listing.add_argument("--from", dest="start", metavar="DATE", help="on or after (2019, 2019-06)")
    listing.add_argument("--to", dest="end", metavar="DATE", help="on or before")
    show = command("show", "one record as stated, beside its resolved reading, with evidence")
    show.add_argument("id")
    search = command("search", "find records by name, alias or title")
    search.add_argument("text")
    timeline = command("timeline", "events, visits, agreements and projects in date order")
    timeline.add_argument("--from", dest="start", metavar="DATE")
    timeline.add_argument("--to", dest="end", metavar="DATE")
    for option, what in LINK_OPTIONS.items():
        timeline.add_argument(
            f"--{option}",
            metavar="NAME",
            help=f"only records linked to this {what[1]} (an id, a name or an alias)",
        )
    series = command("series", "a subject's figures in period order")
    series.add_argument("subject", help=_values(Subject))
    series.add_argument("--direction", help=_values(Direction))
    series.add_argument("--kind", default="actual", help=_values(FigureKind) + ", all")
    series.add_argument("--measure", default="level", help=_values(Measure))
    series.add_argument("--source", metavar="ID", help="figures citing this source")
    command("sources", "the sources and how many records cite each")
    errata = command("errata", "what is wrong in the sources, and the best reading")
    errata.add_argument(
        "--applied",
        action="store_true",
        help="every value an erratum corrects in the resolved view: stated, corrected, evidence",
    )
    checker = command("check", "run the consistency checks")
    checker.add_argument("--strict", action="store_true", help="warnings fail too")
    checker.add_argument("--all", action="store_true", help="also list acknowledged findings")
    verifier = command("verify", "check the source texts against their hashes, then every citation")
    verifier.add_argument("--texts", dest="verify_texts", metavar="DIR", help="folder of texts")
    exporter = command("export", "write the data as files")
    exporter.add_argument("--format", required=True, choices=FORMATS)
    exporter.add_argument("--out", required=True, metavar="DIR")
    citer = command(
        "cite", "a ready citation of a record, a source, or the dataset (kzcn cite kzcn)"
    )
    citer.add_argument(
        "id",
        nargs="?",
        help="a record or source id, or kzcn for the dataset (kzcn always names the "
        "dataset, even when a file of --data has a record with that id)",
    )
    citer.add_argument(
        "--dataset",
        action="store_true",
        help="cite the dataset: its version and the content hash of the data loaded "
        "(with --data: said to be not a released version)",
    )
    citer.add_argument("--format", dest="cite_format", default="text", choices=CITE_FORMATS)
    differ = command("diff", "what changed between two versions of the data, record by record")
    differ.add_argument(
        "old",
        help="a JSON export (kzcn export --format json), a folder, a release "
        "(kzcn releases), or installed",
    )
    differ.add_argument("new", help="the same, or 'installed' (this package's data)")
    differ.add_argument("--markdown", action="store_true", help="a changelog summary")
    differ.add_argument(
        "--ids",
        metavar="FILE",
        help="only these records: ids one a line, or a BibTeX file of kzcn cite; "
        "exit 1 when any of them changed",
    )
    command("releases", "the data versions kept in the package, for kzcn diff")
    plot = command("plot", "draw a chart (needs matplotlib)")
    plot.add_argument("chart", choices=CHARTS)
    plot.add_argument(
        "--out", required=True, metavar="FILE", help=f"a {', '.join(CHART_FORMATS)} file"
    )
    drafter = command("draft", "read a new text into candidate records to review (a data file)")
    drafter.add_argument("text", metavar="TEXT", help="a UTF-8 text file")
    drafter.add_argument(
        "--source-id", metavar="ID", help="the new source's id (default: from TEXT)"
    )
    drafter.add_argument("--published", metavar="DATE", help="the text's date (2024, 2024-07)")
    drafter.add_argument("--title", help="the text's title (default: its first line, bracketed)")
    drafter.add_argument("--out", metavar="FILE", help="write the data file here (default: stdout)")
    drafter.add_argument("--force", action="store_true", help="replace an existing --out file")
    reviewer = command("review", "mark the drafts of a data file as reviewed")
    reviewer.add_argument("file", metavar="FILE", help="a data file written by kzcn draft")
    reviewer.add_argument(
        "--id", dest="ids", action="append", metavar="ID", help="a draft to mark (repeat)"
    )
    reviewer.add_argument("--all", action="store_true", help="mark every draft of the file")
    return parser
