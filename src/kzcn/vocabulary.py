"""Closed vocabularies of the model, kept as enums so that typos fail at load time.

Each enum's values are what the data files write. :class:`Subject` also says which
unit dimension a figure of that subject must have (for its ``level`` measure).
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Final, NamedTuple

if TYPE_CHECKING:
    from .dates import Period
    from .units import Amount

__all__ = [
    "EARLIEST_YEAR",
    "MAX_ORDINAL",
    "AgreementKind",
    "AgreementStatus",
    "Bounds",
    "Direction",
    "ErratumKind",
    "EventKind",
    "EventStatus",
    "FigureKind",
    "Measure",
    "OrganizationKind",
    "PlaceKind",
    "ProjectStatus",
    "Qualifier",
    "Review",
    "Sector",
    "SourceKind",
    "Subject",
    "VisitKind",
    "VisitStatus",
    "bounds",
    "date_problem",
    "published_problem",
    "value_problem",
]


class Qualifier(enum.Enum):
    """How the source hedges a number ("about 9.5 billion", "more than 20")."""

    EXACT = "exact"
    ABOUT = "about"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    UP_TO = "up_to"
    ALMOST = "almost"
    LESS_THAN = "less_than"


class FigureKind(enum.Enum):
    """Whether a figure reports what happened or what someone wants or expects."""

    ACTUAL = "actual"
    TARGET = "target"
    PLAN = "plan"
    FORECAST = "forecast"


class Measure(enum.Enum):
    """What a figure's number is: the quantity itself, or a ratio derived from it."""

    LEVEL = "level"  # the amount itself, in the subject's dimension
    GROWTH = "growth"  # relative change against an earlier period, in percent
    SHARE = "share"  # part of a whole, in percent or as a fraction
    MULTIPLE = "multiple"  # "increased 100 times": later / earlier, in times
    RANK = "rank"  # a place in a ranking ("second largest trading partner")


class Direction(enum.Enum):
    """Which way a flow goes between Kazakhstan and China."""

    KZ_TO_CN = "kz_to_cn"
    CN_TO_KZ = "cn_to_kz"
    BOTH = "both"  # bilateral total, e.g. trade turnover
    TRANSIT = "transit"  # through Kazakhstan, between third parties


class SourceKind(enum.Enum):
    ARTICLE = "article"
    ANALYSIS = "analysis"
    NEWS = "news"
    INTERVIEW = "interview"


class PlaceKind(enum.Enum):
    COUNTRY = "country"
    CITY = "city"
    REGION = "region"
    PORT = "port"
    CHECKPOINT = "checkpoint"
    ECONOMIC_ZONE = "economic_zone"
    ROUTE = "route"
    OTHER = "other"


class OrganizationKind(enum.Enum):
    GOVERNMENT = "government"
    MINISTRY = "ministry"
    AGENCY = "agency"
    LEGISLATURE = "legislature"
    COMPANY = "company"
    BANK = "bank"
    FUND = "fund"
    EXCHANGE = "exchange"
    FINANCIAL_CENTRE = "financial_centre"
    INTERNATIONAL = "international"
    UNIVERSITY = "university"
    MEDIA = "media"
    THINK_TANK = "think_tank"
    PARTY = "party"
    OTHER = "other"


class VisitKind(enum.Enum):
    """The format of a visit or meeting, by one rule for every record: (1) the format
    the source gives the trip itself, ``state``, ``official`` or ``working`` ("his first
    state visit", "a working trip"); (2) else, for a trip made to take part in a
    gathering (its ``occasion``), the gathering's own word, ``summit``, ``forum`` or
    ``meeting`` (the "Meeting of Speakers"), whatever talks were held on its sidelines
    (they go in the description), and where texts call one gathering by different
    words, the word of its full name (the Belt and Road "Forum of International
    Cooperation" or "High-Level Forum", a "summit" in the 2023 news: ``forum``);
    (3) else ``talks`` for talks of the two sides alone, and ``other`` when the text
    names no format.
    """

    STATE = "state"
    OFFICIAL = "official"
    WORKING = "working"
    TALKS = "talks"
    SUMMIT = "summit"
    FORUM = "forum"
    MEETING = "meeting"
    OTHER = "other"


class VisitStatus(enum.Enum):
    HELD = "held"
    PLANNED = "planned"
    INVITED = "invited"  # an invitation was made; no date agreed


class AgreementKind(enum.Enum):
    TREATY = "treaty"
    AGREEMENT = "agreement"
    MEMORANDUM = "memorandum"
    PROTOCOL = "protocol"
    JOINT_STATEMENT = "joint_statement"
    DECLARATION = "declaration"
    PROGRAMME = "programme"
    LOAN = "loan"
    PLAN = "plan"  # an action plan or roadmap both sides agreed
    OTHER = "other"


class EventKind(enum.Enum):
    """What an event is: anything dated that is neither a visit, an agreed document
    nor a project."""

    ANNIVERSARY = "anniversary"
    ANNOUNCEMENT = "announcement"
    INITIATIVE = "initiative"  # one side's proposal to others (the Belt and Road)
    POLICY = "policy"  # one side's own programme or strategy (Nurly Zhol)
    STATEMENT = "statement"  # a position stated by one side or both
    FORUM = "forum"  # a forum, round table, conference or session
    EXCHANGE = "exchange"  # a people-to-people programme, internship, youth trip
    MILESTONE = "milestone"  # a change of status of the relationship
    DOMESTIC = "domestic"  # a domestic milestone of one country
    THEMATIC_YEAR = "thematic_year"  # a "Year of ..." and its opening
    ORGANIZATION = "organization"  # a step in the life of an organisation (founding, membership)
    OTHER = "other"


class EventStatus(enum.Enum):
    HELD = "held"  # it happened
    PLANNED = "planned"  # dated in the future by the source
    EXPECTED = "expected"  # the source's forecast or speculation


class AgreementStatus(enum.Enum):
    SIGNED = "signed"
    REACHED = "reached"  # agreed, without a signed text named
    PLANNED = "planned"
    ANNOUNCED = "announced"


class ProjectStatus(enum.Enum):
    PROPOSED = "proposed"
    PLANNED = "planned"
    UNDER_CONSTRUCTION = "under_construction"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    OPERATING = "operating"


class Review(enum.Enum):
    """Where a record stands in review. Shipped data holds no draft."""

    DRAFT = "draft"  # proposed by ``kzcn draft``; a person has not checked it
    REVIEWED = "reviewed"  # checked by a person against its sentence


class Sector(enum.Enum):
    OIL_GAS = "oil_gas"
    ENERGY = "energy"
    RENEWABLE_ENERGY = "renewable_energy"
    AGRICULTURE = "agriculture"
    FOOD = "food"
    INDUSTRY = "industry"
    TRANSPORT = "transport"
    RAIL = "rail"
    ROAD = "road"
    LOGISTICS = "logistics"
    FINANCE = "finance"
    EDUCATION = "education"
    CULTURE = "culture"
    TOURISM = "tourism"
    HEALTH = "health"
    MIXED = "mixed"
    OTHER = "other"


class ErratumKind(enum.Enum):
    """What is wrong with a passage of a source."""

    WRONG_UNIT = "wrong_unit"
    INCONSISTENT = "inconsistent"  # numbers of one text that do not agree
    GARBLED = "garbled"
    CONTRADICTION = "contradiction"  # two texts disagree
    WRONG_DESCRIPTION = "wrong_description"
    OUTDATED_NAME = "outdated_name"
    AMBIGUOUS = "ambiguous"
    SUPERSEDED = "superseded"  # a plan or expectation a later source reports as done


class Subject(enum.Enum):
    """What a figure measures. :attr:`dimension` names the base dimension (or None for a
    pure number) that the figure's unit must have when its measure is ``level``."""

    TRADE = "trade"
    AGRICULTURAL_TRADE = "agricultural_trade"
    INVESTMENT = "investment"
    INVESTMENT_STOCK = "investment_stock"
    TRANSPORT_INVESTMENT = "transport_investment"
    JOINT_PROJECTS = "joint_projects"
    JOINT_PROJECTS_VALUE = "joint_projects_value"
    CARGO = "cargo"
    CONTAINERS = "containers"
    FREIGHT_TRAINS = "freight_trains"
    CONTAINER_TRAINS = "container_trains"
    TRANSIT_JOBS = "transit_jobs"
    TRANSIT_BENEFIT = "transit_benefit"
    STUDENTS = "students"
    CULTURAL_CENTRES = "cultural_centres"
    CONFUCIUS_INSTITUTES = "confucius_institutes"
    ENTERPRISES = "enterprises"
    AIFC_COMPANIES = "aifc_companies"
    AIFC_COUNTRIES = "aifc_countries"
    VACCINE_DOSES = "vaccine_doses"
    EVENTS = "events"
    POWER_CAPACITY = "power_capacity"
    PRODUCTION_CAPACITY = "production_capacity"
    EXPORT_PRODUCT_TYPES = "export_product_types"
    VISITS = "visits"
    POPULATION = "population"
    GDP_GROWTH = "gdp_growth"
    ECONOMY_SIZE = "economy_size"
    ORGANIZATION_MEMBERS = "organization_members"
    ANNIVERSARY = "anniversary"
    DURATION = "duration"
    OTHER = "other"

    @property
    def dimension(self) -> str | None:
        """Base dimension of the unit a ``level`` figure must use (see ``kzcn.units``)."""
        return _SUBJECT_DIMENSION[self]

    @property
    def description(self) -> str:
        return _SUBJECT_DESCRIPTION[self]

    def accepts(self, dimension: tuple[tuple[str, int], ...]) -> bool:
        """True if a ``level`` figure of this subject may have a unit of ``dimension``."""
        expected = self.dimension
        if expected == "any":
            return True
        if expected is None:
            return dimension == ()
        if expected == "currency":
            return len(dimension) == 1 and dimension[0][0].startswith("currency_")
        if expected == "mass/time":
            return dimension == (("mass", 1), ("time", -1))
        return dimension == ((expected, 1),)


_SUBJECT_DIMENSION: dict[Subject, str | None] = {
    Subject.TRADE: "currency",
    Subject.AGRICULTURAL_TRADE: "currency",
    Subject.INVESTMENT: "currency",
    Subject.INVESTMENT_STOCK: "currency",
    Subject.TRANSPORT_INVESTMENT: "currency",
    Subject.JOINT_PROJECTS: "project",
    Subject.JOINT_PROJECTS_VALUE: "currency",
    Subject.CARGO: "mass",
    Subject.CONTAINERS: "container",
    Subject.FREIGHT_TRAINS: "train",
    Subject.CONTAINER_TRAINS: "train",
    Subject.TRANSIT_JOBS: "job",
    Subject.TRANSIT_BENEFIT: "currency",
    Subject.STUDENTS: "student",
    Subject.CULTURAL_CENTRES: "centre",
    Subject.CONFUCIUS_INSTITUTES: "institute",
    Subject.ENTERPRISES: "enterprise",
    Subject.AIFC_COMPANIES: "company",
    Subject.AIFC_COUNTRIES: "country",
    Subject.VACCINE_DOSES: "dose",
    Subject.EVENTS: "event",
    Subject.POWER_CAPACITY: "power",
    Subject.PRODUCTION_CAPACITY: "mass/time",
    Subject.EXPORT_PRODUCT_TYPES: "product_type",
    Subject.VISITS: "visit",
    Subject.POPULATION: "person",
    Subject.GDP_GROWTH: None,
    Subject.ECONOMY_SIZE: "rank",
    Subject.ORGANIZATION_MEMBERS: "member",
    Subject.ANNIVERSARY: "time",
    Subject.DURATION: "time",
    Subject.OTHER: "any",
}

_SUBJECT_DESCRIPTION: dict[Subject, str] = {
    Subject.TRADE: "value of goods traded; direction both = turnover, otherwise one way",
    Subject.AGRICULTURAL_TRADE: "value of agricultural goods traded",
    Subject.INVESTMENT: "investment flows over a period (direct or total)",
    Subject.INVESTMENT_STOCK: "accumulated investment as of a date",
    Subject.TRANSPORT_INVESTMENT: "money put into transport and transit infrastructure",
    Subject.JOINT_PROJECTS: "number of joint industrial or investment projects",
    Subject.JOINT_PROJECTS_VALUE: "total value of those joint projects",
    Subject.CARGO: "mass of cargo carried",
    Subject.CONTAINERS: "number of containers carried",
    Subject.FREIGHT_TRAINS: "number of freight trains",
    Subject.CONTAINER_TRAINS: "number of container trains",
    Subject.TRANSIT_JOBS: "jobs created by transit transport",
    Subject.TRANSIT_BENEFIT: "direct economic benefit of transit transport",
    Subject.STUDENTS: "students of one country studying in the other",
    Subject.CULTURAL_CENTRES: "cultural, language or research centres opened",
    Subject.CONFUCIUS_INSTITUTES: "Confucius institutes",
    Subject.ENTERPRISES: "enterprises with capital or participation of the other country",
    Subject.AIFC_COMPANIES: "companies registered at the Astana International Financial Centre",
    Subject.AIFC_COUNTRIES: "countries those AIFC companies come from",
    Subject.VACCINE_DOSES: "vaccine doses delivered",
    Subject.EVENTS: "events held or planned",
    Subject.POWER_CAPACITY: "installed electric power of a plant",
    Subject.PRODUCTION_CAPACITY: "output a plant can produce per unit of time",
    Subject.EXPORT_PRODUCT_TYPES: "kinds of products admitted for export",
    Subject.VISITS: "number of visits or trips",
    Subject.POPULATION: "number of inhabitants",
    Subject.GDP_GROWTH: "growth of gross domestic product, in percent",
    Subject.ECONOMY_SIZE: "rank of an economy by size",
    Subject.ORGANIZATION_MEMBERS: "member states of an international organisation",
    Subject.ANNIVERSARY: "years since a founding event, as an anniversary names them",
    Subject.DURATION: "a length of time the text states",
    Subject.OTHER: "anything else; the figure's description says what",
}


# -- plausible values ----------------------------------------------------------------


class Bounds(NamedTuple):
    """The values a figure of one subject, measure and unit may state: ``low`` to
    ``high`` (inclusive; in the stated unit, scale words applied), whole numbers only
    when ``whole``; ``what`` names them in messages."""

    low: Decimal
    high: Decimal
    whole: bool
    what: str
    step: Decimal | None = None  # the finest step a value may state (money: a cent)


MAX_ORDINAL: Final = 1000
"""The largest ordinal a visit may have ("their 1000th meeting")."""

_E = Decimal(10)
_MONEY: Final = Bounds(Decimal(0), _E**16, False, "an amount of money", Decimal("0.01"))
_COUNT: Final = Bounds(Decimal(0), _E**12, True, "a count")
_RANK: Final = Bounds(Decimal(1), _E**4, True, "a rank")
_MEASURE_BOUNDS: Final = {
    (Measure.GROWTH, "percent"): Bounds(Decimal(-100), _E**6, False, "a growth in percent"),
    (Measure.GROWTH, "times"): Bounds(Decimal(0), _E**6, False, "a growth in times"),
    (Measure.SHARE, "percent"): Bounds(Decimal(0), Decimal(100), False, "a share in percent"),
    (Measure.SHARE, "fraction"): Bounds(Decimal(0), Decimal(1), False, "a share as a fraction"),
    (Measure.MULTIPLE, "times"): Bounds(Decimal(0), _E**6, False, "a multiple"),
    (Measure.RANK, "rank"): _RANK,
}
_DIMENSION_BOUNDS: Final = {
    "mass": Bounds(Decimal(0), _E**13, False, "a mass"),
    "power": Bounds(Decimal(0), _E**9, False, "a power"),
    "time": Bounds(Decimal(0), _E**7, False, "a length of time"),
    "rank": _RANK,
}
_ANY: Final = Bounds(-(_E**16), _E**16, False, "a number")


def bounds(subject: Subject, measure: Measure, unit: str) -> Bounds:
    """The plausible values of a figure of ``subject`` and ``measure`` in ``unit``: levels
    of money and counts are not negative, shares lie within 0-100 percent, ranks and
    counts are whole, and every magnitude is small enough that every check, export and
    chart stays finite."""
    from .units import dimension_of

    if measure is not Measure.LEVEL:
        return _MEASURE_BOUNDS.get((measure, unit), _ANY)
    if subject is Subject.GDP_GROWTH:
        return _MEASURE_BOUNDS[(Measure.GROWTH, "percent")]
    try:
        dimension = dimension_of(unit)
    except ValueError:
        return _ANY
    if len(dimension) != 1 or dimension[0][1] != 1:
        return Bounds(Decimal(0), _E**16, False, "a rate") if dimension else _ANY
    base = dimension[0][0]
    if base.startswith("currency_"):
        return _MONEY
    if base in _DIMENSION_BOUNDS:
        return _DIMENSION_BOUNDS[base]
    return _COUNT  # every other base is a counted thing (containers, trains, students)


def value_problem(subject: Subject, measure: Measure, amount: Amount) -> str | None:
    """Why ``amount`` is not a plausible value of a figure of ``subject`` and
    ``measure`` (see :func:`bounds`), or ``None``."""
    limit = bounds(subject, measure, amount.unit)
    magnitude = amount.magnitude
    if not limit.low <= magnitude <= limit.high:
        return (
            f"{amount} is not plausible for {limit.what} ({subject.value}, {measure.value}): "
            f"expected {limit.low:g} to {limit.high:g} {amount.unit}"
        )
    if limit.whole and magnitude != magnitude.to_integral_value():
        return f"{amount} is not a whole number, as {limit.what} must be"
    if limit.step is not None and magnitude % limit.step:
        return f"{amount} states a fraction finer than {limit.step} {amount.unit}"
    return None


# -- plausible dates -------------------------------------------------------------------

EARLIEST_YEAR: Final = 1949
"""The earliest year any date in the data may fall in (a record's date or period, an
alias's start or end, a source's publication, and a correction that sets one).

The data holds the relations of the present-day People's Republic of China and Republic
of Kazakhstan, and the older of the two, the People's Republic, was proclaimed in 1949;
nothing the two did together can be dated before it. The earliest date in the shipped
data is 1992 (the establishment of diplomatic relations, the oldest year the five texts
write), so the bound leaves room for users' texts on the Soviet-era years (the railway
and border agreements of the 1950s), and refuses a year no such text can mean: 1800, or
1018 for 2018. Periods themselves stay unbounded (a query may ask "since 1900")."""


def date_problem(period: Period) -> str | None:
    """Why ``period`` is not a plausible date of the data (it starts before
    :data:`EARLIEST_YEAR`), or ``None``."""
    if period.start.year >= EARLIEST_YEAR:
        return None
    return (
        f"{period} is before {EARLIEST_YEAR}, the earliest year a date in the data may have "
        "(the People's Republic of China, the older of the two states, dates from 1949)"
    )


def published_problem(period: Period, today: date | None = None) -> str | None:
    """Why ``period`` cannot be when a text was published: before :data:`EARLIEST_YEAR`,
    or starting after ``today`` (default: the local date) since a text is read once it
    is published. ``None`` when it can be."""
    early = date_problem(period)
    if early is not None:
        return early
    today = today or date.today()
    if period.start > today:
        return (
            f"{period} is after today ({today.isoformat()}): a text is published before it is read"
        )
    return None
