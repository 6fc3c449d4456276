"""Editing an assessment: every change is checked by the core, and nothing typed is lost."""

from __future__ import annotations

import copy
import datetime
from pathlib import Path

import pytest

import carepath


@pytest.fixture
def fresh(catalogue: carepath.Catalogue) -> carepath.Assessment:
    return carepath.Assessment.new(catalogue, area="Northbrook", assessed_on="2016-11-30")


def test_new(catalogue: carepath.Catalogue) -> None:
    a = carepath.Assessment.new(
        catalogue, area={"name": "Eastmere", "code": "E1", "kind": "locality"}, assessed_on=datetime.date(2017, 1, 31)
    )
    assert a.area == {"name": "Eastmere", "code": "E1", "kind": "locality"}
    assert a.assessed_on == "2017-01-31"
    assert a.catalogue_ref == {"id": "perinatal-mental-health", "version": "1.0.0"}
    assert a.ratings == {} and a.participants == [] and a.notes is None
    assert a.to_dict()["schema_version"] == "1.0.0"
    b = carepath.Assessment.new(catalogue, area="Eastmere", assessed_on=datetime.datetime(2017, 1, 31, 9, 30))
    assert b.assessed_on == "2017-01-31"


def test_new_checks_area_and_date(catalogue: carepath.Catalogue) -> None:
    with pytest.raises(carepath.SchemaError) as caught:
        carepath.Assessment.new(catalogue, area={"name": "A", "postcode": "X"}, assessed_on="2016-01-01")
    assert caught.value.path == "/area/postcode"
    with pytest.raises(carepath.SchemaError) as caught:
        carepath.Assessment.new(catalogue, area="A", assessed_on="2016-02-30")
    assert caught.value.path == "/assessed_on"
    with pytest.raises(TypeError):
        carepath.Assessment.new(catalogue, "A", "2016-01-01")  # type: ignore[misc]


def test_rate_and_annotate(catalogue: carepath.Catalogue, fresh: carepath.Assessment) -> None:
    a = fresh
    a.rate(catalogue, "T1.1", 3)
    a.rate(catalogue, "T1.2", "not_applicable")
    a.rate(catalogue, "T1.3", "unknown")
    a.rate(catalogue, "T1.4", "4")  # digit text, as on a command line
    a.set_evidence("T1.1", "Steering group minutes")
    a.set_actions("T1.1", "Invite GPs")
    a.set_confidence("T1.1", "high")
    assert list(a.ratings) == ["T1.1", "T1.2", "T1.3", "T1.4"]
    assert a.ratings["T1.1"] == {
        "rating": 3, "evidence": "Steering group minutes", "confidence": "high", "actions": "Invite GPs",
    }
    assert a.ratings["T1.2"] == {"rating": "not_applicable"}
    assert a.ratings["T1.4"] == {"rating": 4}
    # Re-rating keeps what supports the rating.
    a.rate(catalogue, "T1.1", 5)
    assert a.ratings["T1.1"]["evidence"] == "Steering group minutes"
    assert a.ratings["T1.1"]["rating"] == 5
    # Clearing.
    a.set_evidence("T1.1", None)
    a.set_actions("T1.1", "  ")
    a.set_confidence("T1.1", None)
    assert a.ratings["T1.1"] == {"rating": 5}
    report = catalogue.score(a)
    assert report.themes[0]["score"] == pytest.approx(4.5, abs=1e-9)
    assert report.unknowns == ["T1.3"]


def test_ratings_is_a_copy(catalogue: carepath.Catalogue, fresh: carepath.Assessment) -> None:
    fresh.rate(catalogue, "T1.1", 3)
    view = fresh.ratings
    view["T1.1"]["rating"] = 0
    view["T9.9"] = {"rating": 1}
    assert fresh.ratings == {"T1.1": {"rating": 3}}


def test_text_needs_a_rating_first(fresh: carepath.Assessment) -> None:
    for call in (
        lambda: fresh.set_evidence("T1.1", "x"),
        lambda: fresh.set_actions("T1.1", "x"),
        lambda: fresh.set_confidence("T1.1", "low"),
    ):
        with pytest.raises(carepath.ValidationError) as caught:
            call()
        assert caught.value.problems[0]["code"] == "not_rated"
        assert caught.value.path == "/ratings/T1.1"


def test_bad_confidence(catalogue: carepath.Catalogue, fresh: carepath.Assessment) -> None:
    fresh.rate(catalogue, "T1.1", 3)
    with pytest.raises(carepath.SchemaError) as caught:
        fresh.set_confidence("T1.1", "sure")  # type: ignore[arg-type]
    assert caught.value.path == "/ratings/T1.1/confidence"


def test_unknown_standard(catalogue: carepath.Catalogue, fresh: carepath.Assessment) -> None:
    with pytest.raises(carepath.ValidationError) as caught:
        fresh.rate(catalogue, "T9.9", 3)
    assert caught.value.problems[0]["code"] == "unknown_standard"


def test_unrate_returns_the_entry(catalogue: carepath.Catalogue, fresh: carepath.Assessment) -> None:
    fresh.rate(catalogue, "T1.1", 2)
    fresh.set_evidence("T1.1", "why")
    assert fresh.unrate("T1.1") == {"rating": 2, "evidence": "why"}
    assert fresh.unrate("T1.1") is None
    assert fresh.ratings == {}


def test_save_and_load(tmp_path: Path, catalogue: carepath.Catalogue, fresh: carepath.Assessment) -> None:
    fresh.rate(catalogue, "T2.1", 1)
    fresh.set_evidence("T2.1", "Ünïcode — kept “exactly”")
    path = tmp_path / "a.json"
    fresh.save(path)
    assert path.read_text(encoding="utf-8") == fresh.to_json()
    assert carepath.Assessment.load(path) == fresh
    fresh.save(str(tmp_path / "b.json"))
    assert carepath.Assessment.load(tmp_path / "b.json") == fresh


def test_copies_are_independent(catalogue: carepath.Catalogue, fresh: carepath.Assessment) -> None:
    fresh.rate(catalogue, "T1.1", 1)
    for other in (copy.copy(fresh), copy.deepcopy(fresh)):
        assert other == fresh
        other.rate(catalogue, "T1.1", 5)
        assert fresh.ratings["T1.1"]["rating"] == 1
        assert other != fresh


def test_an_assessment_of_a_catalogue_from_a_file(tmp_path: Path, catalogue: carepath.Catalogue) -> None:
    path = tmp_path / "catalogue.json"
    path.write_text(catalogue.to_json())
    loaded = carepath.Catalogue.load(path)
    a = carepath.Assessment.new(loaded, area="A", assessed_on="2016-01-01")
    a.rate(loaded, "T1.1", 4)
    assert loaded.score(a) == catalogue.score(a)
