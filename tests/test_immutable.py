"""Family "immutable through and through": datasets, their resolved views and tables
survive pickling and copying, and nothing a caller does changes the cached data."""

from __future__ import annotations

import copy
import pickle

import pytest

import kzcn


def test_pickle_round_trip() -> None:
    ds = kzcn.load()
    again = pickle.loads(pickle.dumps(ds))
    assert again.tables == ds.tables
    assert not again.is_resolved
    assert dict(again.redirects) == dict(ds.redirects)


def test_pickle_round_trip_of_the_resolved_view() -> None:
    ds = kzcn.load()
    again = pickle.loads(pickle.dumps(ds.resolved()))
    assert again.tables == ds.resolved().tables and again.is_resolved
    resolved = pickle.loads(pickle.dumps(ds.resolved()))
    assert resolved.resolution is not None
    assert resolved.resolution.thing_of("zx19-trade-2018") == "zx19-trade-2018"


def test_deepcopy_is_the_same_immutable_object() -> None:
    ds = kzcn.load()
    assert copy.deepcopy(ds) is ds
    assert copy.copy(ds.figures) is ds.figures
    assert copy.deepcopy(ds.resolved()).tables == ds.resolved().tables


def test_tables_cannot_be_changed() -> None:
    ds = kzcn.load()
    before = list(ds.figures)
    with pytest.raises(AttributeError):
        ds.figures.__init__("figures", [])  # type: ignore[misc]
    with pytest.raises(TypeError):
        ds.figures._by_id["x"] = before[0]  # type: ignore[index]
    with pytest.raises(AttributeError):
        ds.__init__({})  # type: ignore[misc]
    with pytest.raises(TypeError):
        ds._tables["figures"] = ds.visits  # type: ignore[index]
    assert list(kzcn.load().figures) == before
    assert kzcn.load() is ds
