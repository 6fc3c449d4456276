"""Targets, the improvement plan and the next round, from Python (file format 1.1)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import carepath

EXAMPLES = Path(__file__).resolve().parents[2] / "standards" / "examples"
NEWEST = carepath.Catalogue.bundled(version="3.0.0")


def fresh() -> carepath.Assessment:
    a = carepath.Assessment.new(NEWEST, area="Northbrook", assessed_on="2025-11-20")
    a.rate(NEWEST, "T1.1", 2)
    a.rate(NEWEST, "T1.2", 4)
    a.rate(NEWEST, "T1.3", "unknown")
    return a


def test_targets_show_in_the_report_and_move_the_file_to_format_1_1() -> None:
    a = fresh()
    assert a.schema_version == "1.0.0"
    a.set_target(NEWEST, "T1.1", 4, by=datetime.date(2026, 3, 31))
    a.set_target(NEWEST, "T1.3", 3)
    assert a.schema_version == "1.1.0"
    assert a.ratings["T1.1"]["target"] == {"rating": 4, "by": "2026-03-31"}
    report = NEWEST.score(a)
    by_id = {s["id"]: s for s in report.standards}
    assert (by_id["T1.1"]["target"], by_id["T1.1"]["to_target"]) == (4, 2)
    assert (by_id["T1.3"]["target"], by_id["T1.3"]["to_target"]) == (3, None)
    t1 = next(t for t in report.themes if t["id"] == "T1")
    assert t1["target_score"] == pytest.approx((4 + 4) / 2)
    table = report.to_pandas("standards").set_index("id")
    assert table.loc["T1.1", "to_target"] == 2
    assert table["to_target"].dtype.name == "Int64"
    a.set_target(NEWEST, "T1.1", None)
    assert "target" not in a.ratings["T1.1"]


def test_bad_targets_are_typed_errors_with_their_pointer() -> None:
    a = fresh()
    with pytest.raises(carepath.ValidationError) as caught:
        a.set_target(NEWEST, "T1.1", 9)
    assert [(p["path"], p["code"]) for p in caught.value.problems] == [("/ratings/T1.1/target/rating", "target_off_scale")]
    with pytest.raises(carepath.ValidationError) as caught:
        a.set_target(NEWEST, "T2.1", 3)
    assert caught.value.problems[0]["code"] == "not_rated"
    with pytest.raises(TypeError):
        a.set_target(NEWEST, "T1.1", "four")  # type: ignore[arg-type]
    with pytest.raises(carepath.SchemaError) as schema:
        a.set_target(NEWEST, "T1.1", 3, by="31/03/2026")
    assert schema.value.path == "/ratings/T1.1/target/by"
    assert "target" not in a.ratings["T1.1"], "a refused edit changes nothing"


def test_actions_are_added_edited_and_listed_with_overdue_as_of_a_day() -> None:
    a = fresh()
    first = a.add_action(NEWEST, "Agree the referral pathway", ["T1.1"], owner="ICB lead", due="2025-11-01")
    second = a.add_action(NEWEST, "Audit the records", ["T1.2"], status="in_progress", due="2025-12-01")
    assert (first, second) == ("A1", "A2")
    with pytest.raises(carepath.ValidationError) as caught:
        a.add_action(NEWEST, "again", ["T1.1"], id="A1")
    assert caught.value.problems[0]["code"] == "duplicate_action"
    with pytest.raises(carepath.ValidationError) as caught:
        a.add_action(NEWEST, "nowhere", ["Z9.9"])
    assert caught.value.problems[0]["path"] == "/plan/2/standards/0"
    with pytest.raises(carepath.SchemaError) as schema:
        a.add_action(NEWEST, "bad", [], status="started")
    assert schema.value.path == "/plan/2/status"
    assert len(a.plan) == 2

    report = NEWEST.score(a)
    assert report.plan["overdue"] == ["A1"]
    assert report.plan["by_status"] == {"planned": 1, "in_progress": 1, "done": 0, "dropped": 0}
    later = NEWEST.score(a, as_of="2026-01-01")
    assert later.plan["as_of"] == "2026-01-01" and later.plan["overdue"] == ["A1", "A2"]
    frame = later.to_pandas("plan")
    assert list(frame["id"]) == ["A1", "A2"] and list(frame["overdue"]) == [True, True]

    a.update_action(NEWEST, "A1", status="done", notes="signed off", standards=["T1.1", "T1.2"])
    assert a.plan[0]["status"] == "done" and a.plan[0]["notes"] == "signed off"
    a.update_action(NEWEST, "A1", notes=None)
    assert "notes" not in a.plan[0]
    with pytest.raises(carepath.ValidationError):
        a.update_action(NEWEST, "A9", status="done")
    with pytest.raises(TypeError):
        a.update_action(NEWEST, "A1", colour="red")
    a.set_action_status("A2", "dropped")
    assert NEWEST.score(a).plan["unplanned_gaps"] == [g["id"] for g in NEWEST.score(a).gaps if g["id"] not in ("T1.1", "T1.2")]
    removed = a.remove_action("A2")
    assert removed is not None and removed["id"] == "A2"
    assert a.remove_action("A2") is None
    assert carepath.Assessment.from_json(a.to_json()) == a


def test_the_next_round_carries_the_open_plan_and_brings_targets_back() -> None:
    last = carepath.Assessment.load(EXAMPLES / "northbrook-2025.json")
    nxt = last.next_round(assessed_on="2026-11-10")
    assert nxt.ratings == {}
    assert nxt.assessed_on == "2026-11-10" and nxt.area == last.area
    assert [a["id"] for a in nxt.plan] == [a["id"] for a in last.plan if a["status"] in ("planned", "in_progress")]
    previous = nxt.previous
    assert previous is not None and previous["assessed_on"] == last.assessed_on
    assert previous["ratings"]["T3.11"] == {"rating": last.ratings["T3.11"]["rating"], "target": {"rating": 4, "by": "2026-06-30"}}
    nxt.rate(NEWEST, "T3.11", 3)
    assert nxt.ratings["T3.11"]["target"] == {"rating": 4, "by": "2026-06-30"}
    with pytest.raises(carepath.IncompatibleError):
        last.next_round(assessed_on="2020-01-01")


def test_progress_of_the_northbrook_examples() -> None:
    old = carepath.Assessment.load(EXAMPLES / "northbrook-2024.json")
    new = carepath.Assessment.load(EXAMPLES / "northbrook-2025.json")
    progress = carepath.compare(old, new).to_dict()["progress"]
    assert progress["action_counts"] == {"done": 2, "carried": 3, "dropped": 1, "missing": 0}
    assert progress["target_counts"] == {"met": 2, "not_met": 4, "not_scored": 0}
    met = {t["id"] for t in progress["targets"] if t["outcome"] == "met"}
    assert met == {"T1.11", "T1.4"}


def test_score_many_has_the_target_scores() -> None:
    rows = carepath.score_many_records([EXAMPLES / "northbrook-2025.json", EXAMPLES / "eastmere-2024.json"])
    assert "target_score" in carepath.SCORE_MANY_COLUMNS and "overall_target_score" in carepath.SCORE_MANY_COLUMNS
    northbrook = [r for r in rows if r["item"] == 0]
    report = NEWEST.score(EXAMPLES / "northbrook-2025.json")
    assert [r["target_score"] for r in northbrook] == [t["target_score"] for t in report.themes]
    assert {r["overall_target_score"] for r in northbrook} == {report.overall["target_score"]}
    assert all(r["target_score"] is None for r in rows if r["item"] == 1)
