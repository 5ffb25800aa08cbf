"""Lookups that fail loudly and accept names: moved ids are found from their old table,
suggestions are close ones, ``where()`` on a link field takes a name, a bare string is
one file to ``load``."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

import kzcn
from kzcn.dates import Period
from kzcn.query import Table
from kzcn.records import Alias, Citation, Event, Person, Redirect, Visit
from kzcn.vocabulary import EventKind, VisitKind

RELEASES = Path(kzcn.__file__).parent / "releases"


@pytest.fixture(scope="module")
def ds() -> kzcn.Dataset:
    return kzcn.load()


def _small() -> kzcn.Dataset:
    cite = (Citation("my-notes", "a sentence"),)
    xi = Person("xi-jinping", name="Xi Jinping", aliases=(Alias("Xi"),), citations=cite)
    visit = Visit(
        "state-visit",
        title="A state visit",
        kind=VisitKind.STATE,
        date=Period.parse("2022-09"),
        people=("xi-jinping",),
        citations=cite,
    )
    event = Event(
        "moved-event",
        title="Filed as a visit in an earlier release",
        kind=EventKind.ANNIVERSARY,
        date=Period.parse("2022"),
        citations=cite,
    )
    renamed = Redirect("old-visit", to="state-visit", reason="renamed", since="2026.11.29")
    return kzcn.Dataset.from_records(
        {"people": [xi], "visits": [visit], "events": [event]}, [renamed]
    )


# -- moved ids --------------------------------------------------------------------


def test_a_moved_id_is_found_from_its_old_table_with_a_warning() -> None:
    ds = _small()
    with pytest.warns(DeprecationWarning, match="record of events, not visits"):
        moved: object = ds.visits["moved-event"]  # typed as a visit; an event
    assert moved is ds.events["moved-event"]
    with pytest.warns(DeprecationWarning, match="now 'state-visit'"):
        assert ds.visits["old-visit"] is ds.visits["state-visit"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ds.visits.get("moved-event") is None  # get(): this table's records only
        assert "moved-event" not in ds.visits
        assert ds["moved-event"] is ds.events["moved-event"]


def test_a_query_result_finds_no_record_of_another_table() -> None:
    ds = _small()
    with pytest.raises(KeyError):
        ds.visits.where(kind="state")["moved-event"]
    with pytest.raises(KeyError):
        Table("visits", list(ds.visits))["moved-event"]


def test_the_moved_ids_of_the_shipped_data_are_found(ds: kzcn.Dataset) -> None:
    """docs/ids.md: a record moved to another table keeps its id and is still found
    under it from its old table. Every id of every release that still names a record."""
    moved = 0
    for path in sorted(RELEASES.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        for table, rows in document["tables"].items():
            for row in rows:
                if row["id"] in ds.redirects or row["id"] in ds.tables[table]:
                    continue  # renamed or removed (test_pinning), or where it was
                record = ds[row["id"]]
                moved += 1
                with pytest.warns(DeprecationWarning, match="keep their id"):
                    assert ds.tables[table][row["id"]] is record
    assert moved  # the 2026.11.29 data moved 47 records


def test_a_pickled_dataset_still_finds_moved_ids() -> None:
    import pickle

    again = pickle.loads(pickle.dumps(_small()))
    with pytest.warns(DeprecationWarning, match="keep their id"):
        assert again.visits["moved-event"].id == "moved-event"


# -- suggestions --------------------------------------------------------------------


def test_an_unknown_id_suggests_only_close_ids(ds: kzcn.Dataset) -> None:
    visits = Table("visits", list(ds.visits))
    with pytest.raises(KeyError) as info:
        visits["sco-summit-astana-2024-07"]  # an event: no visit is like it
    assert "did you mean" not in str(info.value)
    target = next(v.id for v in ds.visits if "kazakhstan" in v.id)
    typo = target.replace("kazakhstan", "kazakstan")
    with pytest.raises(KeyError, match=f"did you mean '{target}'"):
        ds.visits[typo]


def test_an_unknown_id_suggests_a_close_id_of_another_table(ds: kzcn.Dataset) -> None:
    event = next(e.id for e in ds.events if e.id[-1].isdigit())
    near = event[:-1] + ("1" if event[-1] != "1" else "2")
    if near in ds.events:
        pytest.skip("no free id next to an event")
    with pytest.raises(KeyError, match=f"'{event}' \\(in events\\)"):
        ds.visits[near]


# -- names of linked records ------------------------------------------------------------


def test_where_on_a_link_field_takes_an_id_a_name_or_an_alias() -> None:
    ds = _small()
    by_id = ds.visits.where(people="xi-jinping")
    assert [v.id for v in by_id] == ["state-visit"]
    assert ds.visits.where(people="Xi Jinping") == by_id
    assert ds.visits.where(people="xi") == by_id
    assert ds.visits.where(kind="state").where(people="XI JINPING") == by_id


def test_where_on_a_link_field_refuses_an_unknown_value() -> None:
    ds = _small()
    with pytest.raises(KeyError, match="did you mean 'Xi Jinping' \\(xi-jinping\\)"):
        ds.visits.where(people="Xi Jinpin")
    # an id, not of a person: it would match nothing (it gave 0 records, without a word)
    with pytest.raises(KeyError, match="'moved-event' is a record of events; the field links"):
        ds.visits.where(people="moved-event")


def test_where_on_the_shipped_data_takes_names(ds: kzcn.Dataset) -> None:
    person = next(p for p in ds.people if ds.visits.where(people=p.id))
    assert ds.visits.where(people=person.name) == ds.visits.where(people=person.id)


def test_where_refuses_unknown_fields_even_on_a_bare_empty_table() -> None:
    with pytest.raises(TypeError, match="no field 'nonsense'"):
        Table("figures", []).where(nonsense=1)
    with pytest.raises(TypeError, match="no record type"):
        Table("mine", []).where(nonsense=1)
    assert len(Table("mine", []).where()) == 0


def test_id_of_names_a_record_or_says_what_is_close() -> None:
    ds = _small()
    assert ds.id_of("Xi", "people") == "xi-jinping"
    assert ds.id_of("xi-jinping") == "xi-jinping"
    with pytest.warns(DeprecationWarning, match="now 'state-visit'"):
        assert ds.id_of("old-visit", "visits") == "state-visit"
    with pytest.raises(KeyError, match="no person 'Xi Jinpin'; did you mean 'Xi Jinping'"):
        ds.id_of("Xi Jinpin", "people")
    with pytest.raises(KeyError, match="unknown table"):
        ds.id_of("Xi", "persons")


def test_id_of_refuses_a_name_of_several_records() -> None:
    ds = _small()
    cite = ds.people[0].citations
    other = Person("xi-other", name="Someone", aliases=(Alias("Xi"),), citations=cite)
    with pytest.raises(KeyError, match="names several records: xi-jinping, xi-other"):
        ds.evolve(other).id_of("Xi", "people")


def test_timeline_takes_a_persons_name(ds: kzcn.Dataset) -> None:
    person = ds.people[0]
    assert ds.timeline(person=person.name) == ds.timeline(person=person.id)


# -- load() of one file -------------------------------------------------------------------

MINE = """
[[sources]]
id = "my-notes"
title = "My notes"
kind = "article"
published = "2025"
path = "notes.txt"

[[events]]
id = "my-event"
title = "My event"
kind = "anniversary"
date = "2025"
citations = [{ source = "my-notes", evidence = "an event of mine" }]
"""


def test_load_takes_a_string_or_a_path_as_one_file(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("Notes: an event of mine.\n", encoding="utf-8")
    path = tmp_path / "mine.toml"
    path.write_text(MINE, encoding="utf-8")
    for given in (str(path), path):
        ds = kzcn.load(given)
        assert ds.events["my-event"].title == "My event"
        assert len(ds.events) == len(kzcn.load([path]).events)
    from kzcn import loader

    assert "my-event" in loader.load(str(path)).events


def test_an_id_in_another_case_names_its_record(ds: kzcn.Dataset) -> None:
    """What `kzcn timeline --person XI-JINPING` reads: ids are slugs, so the folded id
    names one record."""
    assert ds.id_of("XI-JINPING", "people") == "xi-jinping"
    assert ds.id_of("Cn-Npc-Standing-Committee", "organizations") == "cn-npc-standing-committee"
