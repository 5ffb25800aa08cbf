"""Synthetic kzcn datasets for the scale benchmarks, written as data files.

``generate(n, directory, seed)`` writes about ``n`` records (every table, sources
included) as TOML files in the package's own form: ``sources.toml``, ``people.toml``,
``places.toml``, ``organizations.toml`` and one file per synthetic source holding the
visits, agreements, projects, figures and errata that source reports. Records are built
with the attrs classes and written with :func:`kzcn.writer.dumps`, so the files load
with :func:`kzcn.loader.load_records` (ids unique, links valid, units fit, citations
name generated sources).

The mix of tables follows the real data (about a third figures). The records exercise
every check: trade totals with their parts, growth rates with a base, shares, multiples,
targets, anniversaries, numbered meetings, renamed places, capitals ranked by size; a
small share is broken on purpose (a currency slip, parts that do not add up, rival
reports, a wrong ordinal, ...) and most of those carry an erratum, so the checks find
something to report and to acknowledge, as on the real data.

The output depends only on ``n``, ``seed`` and ``mix``: ``random.Random(seed)`` drives
every choice. Usage: ``python benchmarks/generate.py N DIRECTORY [--seed S]``.
"""

from __future__ import annotations

import argparse
import bisect
import random
import sys
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from kzcn.dataset import table_of
from kzcn.dates import Period
from kzcn.records import (
    Agreement,
    Alias,
    Citation,
    Erratum,
    Figure,
    Organization,
    Person,
    Place,
    Project,
    Source,
    Visit,
)
from kzcn.units import Amount
from kzcn.vocabulary import (
    AgreementKind,
    AgreementStatus,
    Direction,
    ErratumKind,
    FigureKind,
    Measure,
    OrganizationKind,
    PlaceKind,
    ProjectStatus,
    Qualifier,
    Sector,
    SourceKind,
    Subject,
    VisitKind,
    VisitStatus,
)
from kzcn.writer import dumps

__all__ = ["MIX", "MIXES", "generate"]

#: The kinds of dataset :func:`generate` writes.
MIXES = ("real", "figures", "concentrated")

#: Share of each table in a mixed dataset (the rest are sources), after the real data.
MIX: dict[str, float] = {
    "figures": 0.32,
    "agreements": 0.15,
    "organizations": 0.14,
    "projects": 0.11,
    "visits": 0.09,
    "places": 0.08,
    "errata": 0.06,
    "people": 0.03,
}

#: How often a generated record is broken on purpose (per family or per visit).
FAULT_RATE = 0.01
#: How often a broken record gets an erratum that explains it.
ERRATUM_RATE = 0.8

_WORDS_TEXT = (
    "the two sides agreed to expand cooperation in trade transport energy and agriculture "
    "with new routes through the border crossing while investment in joint plants grew "
    "steadily as both governments signed documents on logistics finance education culture "
    "tourism health rail road transit hubs and industrial parks over the past decade "
    "president minister delegation visit talks summit forum meeting memorandum programme "
    "volume increased reached amounted exports imports turnover year period compared same "
    "last record level strategic partnership friendship neighbours people exchange students"
)
_WORDS = _WORDS_TEXT.split()
_SYLLABLES_TEXT = (
    "ak bai tau zhan kul shen lin yu ta ra su mar ken dos tyk ala khor gos bek nur "
    "qing hai lan zhou xin jiang ur um chi kar aga ser ik bol at mu rat"
)
_SYLLABLES = _SYLLABLES_TEXT.split()
_CITIES_KZ = "kazakhstan"
_CN = "china"


def _name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


def _text(rng: random.Random, lo: int, hi: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize()


def _year(year: int) -> Period:
    return Period.parse(f"{year:04d}")


def _period(rng: random.Random, year: int) -> Period:
    """A period inside ``year``: mostly the year, else a month or a day."""
    roll = rng.random()
    if roll < 0.6:
        return _year(year)
    month = rng.randint(1, 12)
    if roll < 0.85:
        return Period.parse(f"{year:04d}-{month:02d}")
    return Period.parse(f"{year:04d}-{month:02d}-{rng.randint(1, 28):02d}")


def _dec(value: float, places: int) -> Decimal:
    return Decimal(f"{value:.{places}f}")


def _amount(value: Decimal, unit: str, scale: str = "") -> Amount:
    return Amount.parse(f"{value:f} {scale} {unit}" if scale else f"{value:f} {unit}")


def _counts(n: int, mix: str) -> dict[str, int]:
    if mix in ("figures", "concentrated"):
        sources = max(2, n // 50)
        return {"sources": sources, "places": 2, "figures": max(0, n - sources - 2)}
    counts = {table: round(n * share) for table, share in MIX.items()}
    counts["places"] = max(counts["places"], 4)
    counts["people"] = max(counts["people"], 3)
    counts["sources"] = max(2, n - sum(counts.values()))
    return counts


_VOLUMES: tuple[tuple[Subject, str, str, int], ...] = (
    (Subject.CARGO, "tonne", "million", 2),
    (Subject.CONTAINERS, "container", "thousand", 1),
    (Subject.FREIGHT_TRAINS, "train", "", 0),
    (Subject.CONTAINER_TRAINS, "train", "", 0),
    (Subject.STUDENTS, "student", "", 0),
    (Subject.ENTERPRISES, "enterprise", "", 0),
    (Subject.INVESTMENT, "USD", "billion", 2),
    (Subject.AGRICULTURAL_TRADE, "USD", "million", 0),
    (Subject.VACCINE_DOSES, "dose", "million", 1),
    (Subject.POWER_CAPACITY, "megawatt", "", 0),
)


_COUNTS: tuple[tuple[Subject, str], ...] = (
    (Subject.JOINT_PROJECTS, "project"),
    (Subject.EVENTS, "event"),
    (Subject.CULTURAL_CENTRES, "centre"),
    (Subject.CONFUCIUS_INSTITUTES, "institute"),
    (Subject.AIFC_COMPANIES, "company"),
    (Subject.TRANSIT_JOBS, "job"),
    (Subject.PRODUCTION_CAPACITY, "tonne/year"),
)


#: The words a text writes before a number, by the qualifier they mean.
_HEDGES: dict[Qualifier, str] = {
    Qualifier.EXACT: "",
    Qualifier.ABOUT: "about ",
    Qualifier.MORE_THAN: "more than ",
    Qualifier.AT_LEAST: "at least ",
    Qualifier.UP_TO: "up to ",
    Qualifier.ALMOST: "almost ",
    Qualifier.LESS_THAN: "less than ",
}


@attrs.define
class _Generator:
    n: int
    rng: random.Random
    mix: str
    counts: dict[str, int] = attrs.field(init=False)
    sources: list[Source] = attrs.field(factory=list)
    source_starts: list[Any] = attrs.field(factory=list)  # published.start, sorted
    shared: dict[str, list[Any]] = attrs.field(factory=lambda: defaultdict(list))
    files: dict[str, dict[str, list[Any]]] = attrs.field(
        factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    cities: list[Place] = attrs.field(factory=list)
    renamed: list[tuple[Place, str, int]] = attrs.field(factory=list)  # place, old name, year
    capitals: list[Place] = attrs.field(factory=list)
    people: list[Person] = attrs.field(factory=list)
    pairs: list[tuple[str, str]] = attrs.field(factory=list)
    organizations: list[str] = attrs.field(factory=list)
    projects: list[str] = attrs.field(factory=list)
    dated_agreements: list[tuple[str, int]] = attrs.field(factory=list)
    visits: list[Visit] = attrs.field(factory=list)
    visit_source: dict[str, str] = attrs.field(factory=dict)
    trade: dict[int, Decimal] = attrs.field(factory=dict)
    kz_share: dict[int, Decimal] = attrs.field(factory=dict)
    last_year: int = 2023  # the last year a source reports on (set by make_sources)
    truth: dict[tuple[object, ...], Decimal] = attrs.field(factory=dict)
    trade_totals: dict[tuple[int, str], list[str]] = attrs.field(factory=lambda: defaultdict(list))
    series: list[tuple[tuple[str, ...], Decimal]] = attrs.field(factory=list)
    errata: list[Erratum] = attrs.field(factory=list)
    note_targets: list[tuple[str, str]] = attrs.field(factory=list)  # (record id, field)
    serial: int = 0

    def __attrs_post_init__(self) -> None:
        self.counts = _counts(self.n, self.mix)
        level = Decimal("1.2")
        for year in range(1992, 2031):
            self.trade[year] = level.quantize(Decimal("0.001"))
            self.kz_share[year] = Decimal(str(round(self.rng.uniform(0.35, 0.55), 3)))
            level = level * Decimal(str(1 + self.rng.uniform(-0.05, 0.18)))

    # --- helpers -------------------------------------------------------------------

    def next_id(self, prefix: str) -> str:
        self.serial += 1
        return f"{prefix}-{self.serial}"

    def cite(self, primary: str, *, mention: str | None = None) -> tuple[Citation, ...]:
        rng = self.rng
        evidence = _text(rng, 5, 16)
        if mention:
            evidence = f"{evidence} in {mention}"
        citations = [Citation(primary, evidence)]
        roll = rng.random()
        if roll < 0.25:
            citations.append(Citation(primary, _text(rng, 4, 14)))
        if roll < 0.05:
            citations.append(Citation(primary, _text(rng, 4, 14)))
        return tuple(citations)

    def source_after(self, period: Period) -> Source:
        """A source published after ``period`` (the latest one if none is)."""
        lo = bisect.bisect_right(self.source_starts, period.end)
        if lo == len(self.sources):
            return self.sources[-1]
        return self.sources[self.rng.randrange(lo, len(self.sources))]

    def add(self, source: str, record: Any) -> None:
        self.files[source][table_of(record)].append(record)

    def erratum(
        self,
        source: str,
        kind: ErratumKind,
        record: str,
        field: str,
        check: str | None,
        related: Sequence[str] = (),
    ) -> None:
        self.errata.append(
            Erratum(
                id=self.next_id(f"{source[:8]}-erratum"),
                kind=kind,
                record=record,
                field=field,
                problem=_text(self.rng, 8, 24),
                reading=_text(self.rng, 8, 24),
                check=check,
                related=tuple(related),
                citations=self.cite(source),
            )
        )

    def value(self, key: tuple[object, ...], fresh: float, places: int) -> Decimal:
        """The value of a series at ``key``: the first report's, repeated by later ones."""
        found = self.truth.get(key)
        if found is None:
            found = self.truth[key] = _dec(fresh, places)
        return found

    def faulty(self) -> bool:
        return self.rng.random() < FAULT_RATE

    def explained(self) -> bool:
        return self.rng.random() < ERRATUM_RATE

    # --- shared tables -------------------------------------------------------------

    def make_sources(self) -> None:
        rng = self.rng
        made = []
        for i in range(self.counts["sources"]):
            year = rng.randint(2005, 2024)
            published = _period(rng, year)
            author = _name(rng, 2) + " " + _name(rng, 3)
            made.append(
                Source(
                    id=f"s{i:05d}-{_slug(_name(rng, 2))}",
                    title=_text(rng, 4, 10),
                    kind=rng.choice(list(SourceKind)),
                    author=author if rng.random() < 0.6 else None,
                    publisher=_text(rng, 2, 5),
                    published=published,
                    description=_text(rng, 12, 30),
                )
            )
        made.sort(key=lambda s: (s.published.start, s.id))
        self.sources = made
        self.source_starts = [s.published.start for s in made]
        self.last_year = made[-1].published.start.year - 1
        self.shared["sources"] = list(made)

    def any_source(self) -> str:
        return self.rng.choice(self.sources).id

    def make_places(self) -> None:
        rng = self.rng
        for pid, name in (("kazakhstan", "Kazakhstan"), ("china", "China")):
            self.shared["places"].append(
                Place(
                    id=pid,
                    name=name,
                    kind=PlaceKind.COUNTRY,
                    aliases=(Alias(f"Republic of {name}"),),
                    description=_text(rng, 6, 14),
                    citations=self.cite(self.any_source()),
                )
            )
        kinds = [PlaceKind.CITY] * 6 + [PlaceKind.REGION, PlaceKind.PORT, PlaceKind.CHECKPOINT]
        for _ in range(self.counts["places"] - 2):
            name = _name(rng, rng.choice((2, 3)))
            pid = self.next_id(_slug(name))
            aliases: tuple[Alias, ...] = ()
            renamed_from = None
            capital = None
            roll = rng.random()
            if roll < 0.1:
                renamed_from, year = _name(rng, 3) + "sk", rng.randint(1995, 2020)
                aliases = (
                    Alias(renamed_from, end=_year(year - 1)),
                    Alias(name, start=_year(year)),
                )
            elif roll < 0.4:
                aliases = (Alias(name.upper()),)
            if rng.random() < 0.01:
                capital = rng.choice((_CITIES_KZ, _CN))
            place = Place(
                id=pid,
                name=name,
                kind=rng.choice(kinds),
                aliases=aliases,
                country=rng.choice((_CITIES_KZ, _CN)),
                capital_of=capital,
                description=_text(rng, 6, 20),
                citations=self.cite(self.any_source(), mention=name),
            )
            self.shared["places"].append(place)
            self.cities.append(place)
            if renamed_from:
                self.renamed.append((place, renamed_from, year))
            if capital:
                self.capitals.append(place)
            self.note_targets.append((pid, "aliases"))

    def make_people(self) -> None:
        rng = self.rng
        for _ in range(self.counts.get("people", 0)):
            name = f"{_name(rng, 2)} {_name(rng, 3)}"
            roles: Any = (rng.choice(("President", "Minister", "Ambassador", "Chairman")),)
            person = Person(
                id=self.next_id(_slug(name)),
                name=name,
                aliases=(Alias(name.split()[1]),) if rng.random() < 0.3 else (),
                country=rng.choice((_CITIES_KZ, _CN)),
                roles=roles,
                description=_text(rng, 6, 16),
                citations=self.cite(self.any_source(), mention=name),
            )
            self.shared["people"].append(person)
            self.people.append(person)
        if len(self.people) >= 2:
            # Each pair meets a handful of times: the pool grows with the data.
            for _ in range(max(1, self.counts.get("visits", 0) // 6)):
                a, b = rng.sample(self.people, 2)
                self.pairs.append((a.id, b.id))

    def make_organizations(self) -> None:
        rng = self.rng
        for _ in range(self.counts.get("organizations", 0)):
            name = f"{_name(rng, 2)} {rng.choice(('Bank', 'Company', 'University', 'Fund'))}"
            parent = (
                rng.choice(self.organizations)
                if self.organizations and rng.random() < 0.2
                else None
            )
            oid = self.next_id(_slug(name))
            self.shared["organizations"].append(
                Organization(
                    id=oid,
                    name=name,
                    kind=rng.choice(list(OrganizationKind)),
                    aliases=(Alias(name.split()[0]),) if rng.random() < 0.3 else (),
                    country=rng.choice((_CITIES_KZ, _CN)),
                    parent=parent,
                    description=_text(rng, 6, 20),
                    citations=self.cite(self.any_source(), mention=name),
                )
            )
            self.organizations.append(oid)

    def parties(self) -> tuple[str, ...]:
        parties = [_CITIES_KZ, _CN]
        if self.rng.random() < 0.5:
            self.rng.shuffle(parties)
        if self.organizations and self.rng.random() < 0.2:
            parties.append(self.rng.choice(self.organizations))
        return tuple(parties)

    # --- dated records -------------------------------------------------------------

    def make_agreements(self) -> None:
        rng = self.rng
        for _ in range(self.counts.get("agreements", 0)):
            kind = rng.choice(list(AgreementKind))
            done = rng.random() < 0.85
            date = (
                _period(rng, rng.randint(1992, self.last_year))
                if done or rng.random() < 0.5
                else None
            )
            source = self.source_after(date) if done and date else rng.choice(self.sources)
            if not done and date is not None and source.published.start <= date.end:
                date = None
            status = (
                rng.choice((AgreementStatus.SIGNED, AgreementStatus.REACHED))
                if done
                else rng.choice((AgreementStatus.PLANNED, AgreementStatus.ANNOUNCED))
            )
            aid = self.next_id(f"{kind.value.replace('_', '-')}")
            agreement = Agreement(
                id=aid,
                title=_text(rng, 4, 12),
                kind=kind,
                status=status,
                date=date,
                parties=self.parties(),
                description=_text(rng, 10, 30),
                citations=self.cite(source.id),
            )
            self.add(source.id, agreement)
            if date is not None and done:
                self.dated_agreements.append((aid, date.year))
            self.note_targets.append((aid, "title"))

    def make_visits(self) -> None:
        rng = self.rng
        count = self.counts.get("visits", 0)
        if not self.pairs or not self.cities:
            return
        agreements = [a for a, _ in self.dated_agreements]
        made: list[Visit] = []
        while len(made) < count:
            people = list(rng.choice(self.pairs))
            if rng.random() < 0.1:
                extra = rng.choice(self.people).id
                if extra not in people:
                    people.append(extra)
            place = rng.choice(self.cities)
            date = _period(rng, rng.randint(1995, self.last_year))
            status = VisitStatus.HELD
            if rng.random() < 0.12:
                status = rng.choice((VisitStatus.PLANNED, VisitStatus.INVITED))
                date = _period(rng, rng.randint(2006, 2025))
                early = bisect.bisect_left(self.source_starts, date.start)
                source = self.sources[rng.randrange(early)] if early else None
                if source is None:
                    status, date = VisitStatus.HELD, _period(rng, rng.randint(1995, self.last_year))
            if status is VisitStatus.HELD:
                source = self.source_after(date)
            assert source is not None
            mention = place.name_at(date.start)
            if self.renamed and self.faulty():
                # Quote a renamed place by the name it no longer had then.
                place, old, year = rng.choice(self.renamed)
                date = _period(rng, min(self.last_year, year + rng.randint(0, 3)))
                source = self.source_after(date)
                mention = old
            visit = Visit(
                id=self.next_id(f"visit-{date.year}"),
                title=_text(rng, 4, 10),
                kind=rng.choice(list(VisitKind)),
                status=status,
                date=date,
                people=tuple(people),
                place=place.id,
                host=place.country,
                occasion=_text(rng, 2, 6) if rng.random() < 0.2 else None,
                agreements=tuple(rng.sample(agreements, rng.randint(1, 3)))
                if agreements and rng.random() < 0.2
                else (),
                description=_text(rng, 10, 30),
                citations=self.cite(source.id, mention=mention),
            )
            if mention != place.name_at(date.start) and self.explained():
                self.erratum(
                    source.id, ErratumKind.OUTDATED_NAME, visit.id, "citations", "name-in-force"
                )
            made.append(visit)
            self.visit_source[visit.id] = source.id
            if status is VisitStatus.HELD and len(made) < count and self.faulty():
                # Another source calls the same visit by another diplomatic format.
                other = self.source_after(date)
                kinds = [k for k in VisitKind if k is not visit.kind]
                rival = attrs.evolve(
                    visit,
                    id=self.next_id(f"visit-{date.year}"),
                    kind=rng.choice(kinds),
                    citations=self.cite(other.id),
                )
                made.append(rival)
                self.visit_source[rival.id] = other.id
                if self.explained():
                    self.erratum(
                        other.id,
                        ErratumKind.CONTRADICTION,
                        rival.id,
                        "kind",
                        "visit-kind-conflict",
                    )
        self.visits = self.number_meetings(made)
        for visit in self.visits:
            self.add(self.visit_source[visit.id], visit)
            self.note_targets.append((visit.id, "date"))

    def number_meetings(self, visits: list[Visit]) -> list[Visit]:
        """Give a third of the held two-person meetings their ordinal, as sources do."""
        rng = self.rng
        containing: dict[frozenset[str], list[Visit]] = defaultdict(list)
        for visit in visits:
            if visit.status is VisitStatus.HELD and len(visit.people) >= 2:
                people = visit.people
                for i, a in enumerate(people):
                    for b in people[i + 1 :]:
                        containing[frozenset((a, b))].append(visit)
        result = []
        for visit in visits:
            if (
                visit.status is not VisitStatus.HELD
                or len(visit.people) != 2
                or rng.random() >= 0.3
            ):
                result.append(visit)
                continue
            earlier = {
                (v.date.start, v.date.end)
                for v in containing[frozenset(visit.people)]
                if v.date.end < visit.date.start
            }
            ordinal = len(earlier) + 1
            if self.faulty():
                ordinal += 1
                if self.explained():
                    self.erratum(
                        self.visit_source[visit.id],
                        ErratumKind.INCONSISTENT,
                        visit.id,
                        "ordinal",
                        "meeting-ordinal",
                    )
            result.append(attrs.evolve(visit, ordinal=ordinal))
        return result

    def make_projects(self) -> None:
        rng = self.rng
        for _ in range(self.counts.get("projects", 0)):
            sector = rng.choice(list(Sector))
            date = _period(rng, rng.randint(1995, self.last_year)) if rng.random() < 0.7 else None
            source = self.source_after(date) if date else rng.choice(self.sources)
            location = rng.choice(self.cities) if self.cities and rng.random() < 0.8 else None
            mention = location.name_at(date.start) if location and date else None
            pid = self.next_id(f"project-{sector.value.replace('_', '-')}")
            self.add(
                source.id,
                Project(
                    id=pid,
                    name=f"{_name(rng, 2)} {sector.value.replace('_', ' ')} project",
                    sector=sector,
                    status=rng.choice(list(ProjectStatus)),
                    date=date,
                    location=location.id if location else None,
                    parties=self.parties(),
                    description=_text(rng, 10, 30),
                    citations=self.cite(source.id, mention=mention),
                ),
            )
            self.projects.append(pid)
            self.note_targets.append((pid, "status"))

    # --- figures -------------------------------------------------------------------

    def make_series(self) -> None:
        """The trade series: the national one, and one more per 5,000 records between a
        Kazakh and a Chinese place (a bigger dataset covers more of them, as a bigger
        corpus would), each a fixed fraction of the national trade."""
        rng = self.rng
        self.series = [((_CITIES_KZ, _CN), Decimal(1))]
        kz = [p.id for p in self.cities if p.country == _CITIES_KZ]
        cn = [p.id for p in self.cities if p.country == _CN]
        if kz and cn:
            for _ in range(self.n // 5000 - 1):
                scale = Decimal(str(round(rng.uniform(0.01, 0.2), 3)))
                self.series.append(((rng.choice(kz), rng.choice(cn)), scale))

    def make_figures(self) -> None:
        if self.mix == "concentrated":
            self.concentrated_figures()
            return
        rng = self.rng
        self.make_series()
        target = self.counts.get("figures", 0)
        made = 0
        families = [
            (self.trade_family, 0.45),
            (self.volume_family, 0.35),
            (self.count_figure, 0.12),
            (self.anniversary_figure, 0.06),
            (self.capital_figure, 0.02),
        ]
        funcs = [f for f, _ in families]
        weights = [w for _, w in families]
        while made < target:
            source = rng.choice(self.sources)
            family = rng.choices(funcs, weights)[0]
            # A family is written whole (its records link to each other), so the last
            # one may overshoot the count by a few figures.
            figures = family(source)
            for figure in figures:
                self.add(source.id, figure)
                self.note_targets.append((figure.id, "amount"))
            made += len(figures)

    def concentrated_figures(self) -> None:
        """The worst case of the checks that compare figures: every figure of one
        measure, period and source, half of them stating one value and half another, so
        that each half contradicts the whole other half."""
        source = self.sources[-1]
        period = Period.parse(str(source.published.start.year - 1))
        for index in range(self.counts.get("figures", 0)):
            value = Decimal("10.000") if index % 2 else Decimal("20.000")
            figure = self.figure(
                source,
                "trade",
                subject=Subject.TRADE,
                amount=_amount(value, "USD", "billion"),
                qualifier=Qualifier.EXACT,
                period=period,
                direction=Direction.BOTH,
            )
            self.add(source.id, figure)

    def figure(self, source: Source, name: str, **fields: Any) -> Figure:
        fields.setdefault("parties", (_CITIES_KZ, _CN))
        citations = self.cite(source.id)
        # The loader wants a figure's number written in its evidence, as a source does.
        # ... with the hedge its qualifier means, after a word that hedges nothing.
        hedge = _HEDGES[fields.get("qualifier", Qualifier.EXACT)]
        stated = Citation(source.id, f"{_text(self.rng, 3, 10)} reached {hedge}{fields['amount']}")
        return Figure(
            id=self.next_id(f"{source.id[:6]}-{name}"),
            description=_text(self.rng, 8, 25),
            citations=(stated, *citations[1:]),
            **fields,
        )

    def trade_family(self, source: Source) -> list[Figure]:
        """Turnover of a year (or half-year) with its two directions, growth, share,
        multiple and a target: the parts-sum, growth-rate, share, multiple,
        same-measure-conflict, currency-context and target-vs-actual checks' material."""
        rng = self.rng
        pub = source.published.start.year
        year = rng.randint(max(1994, pub - 6), pub - 1)
        half = rng.random() < 0.2
        label = f"{year}-H1" if half else f"{year}"
        period = Period.parse(label)
        series = rng.randrange(len(self.series))
        parties, scale = self.series[series]
        factor = (Decimal("0.47") if half else Decimal(1)) * scale
        total_value = (self.trade[year] * factor).quantize(Decimal("0.001"))
        qualifier = Qualifier.ABOUT if rng.random() < 0.1 else Qualifier.EXACT
        rival = self.faulty()
        if rival:
            total_value = (total_value * Decimal("1.25")).quantize(Decimal("0.001"))
        total = self.figure(
            source,
            f"trade-{label.lower()}",
            subject=Subject.TRADE,
            parties=parties,
            amount=_amount(total_value, "USD", "billion"),
            qualifier=qualifier,
            period=period,
            direction=Direction.BOTH,
        )
        out = [total]
        if rival and self.explained():
            others = self.trade_totals[(series, label)][:3]
            self.erratum(
                source.id,
                ErratumKind.CONTRADICTION,
                total.id,
                "amount",
                "same-measure-conflict",
                others,
            )
        if not rival:
            self.trade_totals[(series, label)].append(total.id)
        if rng.random() < 0.7:
            kz_value = (total_value * self.kz_share[year]).quantize(Decimal("0.001"))
            cn_value = total_value - kz_value
            kz_unit, cn_unit = "USD", "USD"
            kz_period = period
            fault = rng.choice(("currency", "sum", "period")) if self.faulty() else None
            if fault == "currency":
                cn_unit = "RUB"
            elif fault == "sum":
                kz_value = (kz_value * Decimal("1.1")).quantize(Decimal("0.001"))
            elif fault == "period" and half:
                kz_period = _year(year)
            kz = self.figure(
                source,
                f"trade-kz-to-cn-{label.lower()}",
                subject=Subject.TRADE,
                parties=parties,
                amount=_amount(kz_value, kz_unit, "billion"),
                period=kz_period,
                direction=Direction.KZ_TO_CN,
                part_of=total.id,
            )
            cn = self.figure(
                source,
                f"trade-cn-to-kz-{label.lower()}",
                subject=Subject.TRADE,
                parties=parties,
                amount=_amount(cn_value, cn_unit, "billion"),
                period=period,
                direction=Direction.CN_TO_KZ,
                part_of=total.id,
            )
            out += [kz, cn]
            if fault and self.explained():
                check = {
                    "currency": "currency-context",
                    "sum": "parts-sum",
                    "period": "period-containment",
                }[fault]
                record, field = {
                    "currency": (cn.id, "amount"),
                    "sum": (kz.id, "amount"),
                    "period": (kz.id, "period"),
                }[fault]
                if fault != "period" or half:
                    self.erratum(
                        source.id, ErratumKind.INCONSISTENT, record, field, check, [total.id]
                    )
            if rng.random() < 0.5 and kz_unit == "USD":
                share = kz_value / total_value * 100
                out.append(
                    self.figure(
                        source,
                        f"trade-kz-share-{label.lower()}",
                        subject=Subject.TRADE,
                        parties=parties,
                        measure=Measure.SHARE,
                        amount=_amount(share.quantize(Decimal("0.1")), "percent"),
                        period=period,
                        direction=Direction.KZ_TO_CN,
                        rate_of=kz.id,
                        base=total.id,
                    )
                )
        previous_label = f"{year - 1}-H1" if half else f"{year - 1}"
        bases = self.trade_totals.get((series, previous_label))
        if bases and rng.random() < 0.8 and not rival:
            base_id = rng.choice(bases)
            old = (self.trade[year - 1] * factor).quantize(Decimal("0.001"))
            rate = (total_value / old - 1) * 100
            wrong = self.faulty()
            if wrong:
                rate += 5
            growth = self.figure(
                source,
                f"trade-growth-{label.lower()}",
                subject=Subject.TRADE,
                parties=parties,
                measure=Measure.GROWTH,
                amount=_amount(rate.quantize(Decimal("0.1")), "percent"),
                qualifier=Qualifier.ABOUT if qualifier is Qualifier.ABOUT else Qualifier.EXACT,
                period=period,
                direction=Direction.BOTH,
                rate_of=total.id,
                base=base_id,
            )
            out.append(growth)
            if wrong and self.explained():
                self.erratum(
                    source.id, ErratumKind.INCONSISTENT, growth.id, "amount", "growth-rate"
                )
        ten_label = f"{year - 10}"
        if (
            not half
            and not rival
            and self.trade_totals.get((series, ten_label))
            and rng.random() < 0.2
        ):
            times = total_value / (self.trade[year - 10] * scale).quantize(Decimal("0.001"))
            out.append(
                self.figure(
                    source,
                    f"trade-multiple-{label.lower()}",
                    subject=Subject.TRADE,
                    parties=parties,
                    measure=Measure.MULTIPLE,
                    amount=_amount(times.quantize(Decimal("0.01")), "times"),
                    period=period,
                    direction=Direction.BOTH,
                    rate_of=total.id,
                    base=rng.choice(self.trade_totals[(series, ten_label)]),
                )
            )
        if rng.random() < 0.15:
            goal = (self.trade[min(year + 6, 2030)] * scale * Decimal("1.2")).quantize(
                Decimal("0.01")
            )
            out.append(
                self.figure(
                    source,
                    f"trade-target-{year + 6}",
                    subject=Subject.TRADE,
                    parties=parties,
                    kind=FigureKind.TARGET,
                    amount=_amount(goal, "USD", "billion"),
                    qualifier=rng.choice((Qualifier.EXACT, Qualifier.UP_TO)),
                    period=_year(year + 6),
                    direction=Direction.BOTH,
                )
            )
        return out

    def volume_family(self, source: Source) -> list[Figure]:
        """A level for two years of one source with the growth between them, and now
        and then a target: about a project when there are projects."""
        rng = self.rng
        subject, unit, scale, places = rng.choice(_VOLUMES)
        pub = source.published.start.year
        year = rng.randint(max(1994, pub - 6), pub - 1)
        refers = rng.choice(self.projects) if self.projects and rng.random() < 0.6 else None
        direction = rng.choice((Direction.KZ_TO_CN, Direction.CN_TO_KZ, Direction.TRANSIT))
        # Sources that report the same series agree on its values (or the
        # same-measure-conflict check would find every pair of them).
        old_value = self.value((subject, direction, refers, year - 1), rng.uniform(5, 900), places)
        new_value = self.value(
            (subject, direction, refers, year), float(old_value) * rng.uniform(0.8, 1.6), places
        )
        if new_value == 0 or old_value == 0:
            return []
        common: dict[str, Any] = {"subject": subject, "direction": direction}
        if refers:
            common["refers_to"] = refers
        name = subject.value.replace("_", "-")
        old = self.figure(
            source,
            f"{name}-{year - 1}",
            amount=_amount(old_value, unit, scale),
            period=_year(year - 1),
            **common,
        )
        new = self.figure(
            source,
            f"{name}-{year}",
            amount=_amount(new_value, unit, scale),
            period=_year(year),
            **common,
        )
        out = [old, new]
        if rng.random() < 0.6:
            rate = (new_value / old_value - 1) * 100
            measure, stated = Measure.GROWTH, _amount(rate.quantize(Decimal("0.1")), "percent")
            if rng.random() < 0.2:
                ratio = new_value / old_value
                measure, stated = (
                    Measure.MULTIPLE,
                    _amount(ratio.quantize(Decimal("0.01")), "times"),
                )
            out.append(
                self.figure(
                    source,
                    f"{name}-{measure.value}-{year}",
                    measure=measure,
                    amount=stated,
                    period=_year(year),
                    rate_of=new.id,
                    base=old.id,
                    **common,
                )
            )
        if rng.random() < 0.1:
            goal = _dec(float(new_value) * 2, places)
            out.append(
                self.figure(
                    source,
                    f"{name}-target-{year + 5}",
                    kind=FigureKind.TARGET,
                    amount=_amount(goal, unit, scale),
                    qualifier=Qualifier.UP_TO,
                    period=_year(year + 5),
                    **common,
                )
            )
        return out

    def count_figure(self, source: Source) -> list[Figure]:
        rng = self.rng
        subject, unit = rng.choice(_COUNTS)
        pub = source.published.start.year
        refers = rng.choice(self.projects) if self.projects and rng.random() < 0.3 else None
        period = _period(rng, rng.randint(max(1994, pub - 5), pub - 1))
        parties = self.parties()
        value = self.value((subject, period, frozenset(parties), refers), rng.randint(2, 3000), 0)
        return [
            self.figure(
                source,
                subject.value.replace("_", "-"),
                subject=subject,
                amount=_amount(value, unit),
                qualifier=rng.choice(list(Qualifier)),
                period=period,
                parties=parties,
                refers_to=refers,
            )
        ]

    def anniversary_figure(self, source: Source) -> list[Figure]:
        rng = self.rng
        pub = source.published.start.year
        if not self.dated_agreements:
            return []
        agreement, start = rng.choice(self.dated_agreements)
        if start >= pub - 1:
            return []
        year = rng.randint(start + 1, pub - 1)
        years = year - start
        wrong = self.faulty()
        figure = self.figure(
            source,
            "anniversary",
            subject=rng.choice((Subject.ANNIVERSARY, Subject.DURATION)),
            amount=_amount(Decimal(years + (3 if wrong else 0)), "year"),
            period=_year(year),
            refers_to=agreement,
        )
        if wrong and self.explained():
            self.erratum(source.id, ErratumKind.INCONSISTENT, figure.id, "amount", "anniversary")
        return [figure]

    def capital_figure(self, source: Source) -> list[Figure]:
        """A capital ranked first by population: the capital-largest-city warning."""
        if not self.capitals:
            return []
        place = self.rng.choice(self.capitals)
        pub = source.published.start.year
        figure = self.figure(
            source,
            "largest-city",
            subject=Subject.POPULATION,
            measure=Measure.RANK,
            amount=_amount(Decimal(1), "rank"),
            period=_year(pub - 1),
            refers_to=place.id,
        )
        if self.explained():
            self.erratum(
                source.id,
                ErratumKind.WRONG_DESCRIPTION,
                figure.id,
                "refers_to",
                "capital-largest-city",
            )
        return [figure]

    # --- errata ----------------------------------------------------------------------

    def make_errata(self) -> None:
        """Place the errata the faults made; fill up with notes (no check), a few of
        them naming a check that finds nothing there (reported as stale)."""
        rng = self.rng
        wanted = self.counts.get("errata", 0)
        while len(self.errata) < wanted and self.note_targets:
            record, field = rng.choice(self.note_targets)
            stale = rng.random() < 0.05
            self.erratum(
                self.any_source(),
                rng.choice(list(ErratumKind)),
                record,
                field,
                rng.choice(("parts-sum", "growth-rate", "anniversary")) if stale else None,
            )
        for erratum in self.errata:
            self.add(erratum.citations[0].source, erratum)

    def build(self) -> None:
        self.make_sources()
        self.make_places()
        if self.mix == "real":
            self.make_people()
            self.make_organizations()
            self.make_agreements()
            self.make_projects()
            self.make_visits()
        self.make_figures()
        if self.mix == "real":
            self.make_errata()

    def write(self, directory: Path, *, replace: bool) -> dict[str, int]:
        directory.mkdir(parents=True, exist_ok=True)
        stale = sorted(directory.glob("*.toml"))
        if stale and not replace:
            raise FileExistsError(f"{directory} already holds data files ({stale[0].name}, ...)")
        for path in stale:
            path.unlink()
        counts: dict[str, int] = defaultdict(int)
        for table in ("sources", "people", "places", "organizations"):
            records = self.shared.get(table, [])
            counts[table] += len(records)
            (directory / f"{table}.toml").write_text(
                dumps({table: records}) if records else "", encoding="utf-8"
            )
        for source, tables in self.files.items():
            for table, records in tables.items():
                counts[table] += len(records)
            (directory / f"{source}.toml").write_text(dumps(tables), encoding="utf-8")
        return dict(counts)


def generate(
    n: int, directory: Path, seed: int = 0, *, mix: str = "real", replace: bool = False
) -> dict[str, int]:
    """Write about ``n`` synthetic records as data files into ``directory``.

    ``mix="real"`` follows the tables of the real data; ``mix="figures"`` writes only
    figures (with the sources they cite and the two countries); ``mix="concentrated"``
    writes figures as ``"figures"`` does, all of one measure, period and source, half of
    them contradicting the other half (the checks' worst case). Returns the number of
    records written per table. A directory that already holds ``*.toml`` files is
    refused unless ``replace`` is true, which deletes them first.
    """
    if mix not in MIXES:
        raise ValueError(f"mix must be one of {', '.join(MIXES)}, not {mix!r}")
    generator = _Generator(n, random.Random(seed), mix)
    generator.build()
    return generator.write(directory, replace=replace)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("n", type=int, help="number of records")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--mix", choices=MIXES, default="real")
    parser.add_argument(
        "--replace", action="store_true", help="delete *.toml files already in DIRECTORY"
    )
    args = parser.parse_args(argv)
    counts = generate(args.n, args.directory, args.seed, mix=args.mix, replace=args.replace)
    total = sum(counts.values())
    print(
        f"{total} records in {args.directory}: " + ", ".join(f"{t}={c}" for t, c in counts.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
