"""The equity lens from Python (file format 1.2): groups, group ratings, the groups and equity
gaps tables, and the evidence summary."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import carepath

EXAMPLES = Path(__file__).resolve().parents[2] / "standards" / "examples"
LATEST = carepath.Catalogue.bundled(version="3.1.0")


def fresh() -> carepath.Assessment:
    a = carepath.Assessment.new(LATEST, area="Northbrook", assessed_on="2026-11-20")
    a.rate(LATEST, "T3.5", 4)
    a.rate(LATEST, "T3.6", 3)
    a.rate(LATEST, "T1.1", 5)
    return a


def test_group_ratings_move_the_file_to_1_2_and_make_equity_gaps() -> None:
    a = fresh()
    assert a.schema_version == "1.0.0"
    a.set_group_rating(LATEST, "T3.5", "interpreter", 1)
    a.set_group_evidence("T3.5", "interpreter", "No interpreter at booking in 3 of 10 audited notes")
    assert a.schema_version == "1.2.0"
    assert a.ratings["T3.5"]["groups"] == {
        "interpreter": {"rating": 1, "evidence": "No interpreter at booking in 3 of 10 audited notes"}
    }
    report = LATEST.score(a)
    [gap] = report.equity_gaps
    assert (gap["id"], gap["group"], gap["rating"], gap["group_rating"], gap["difference"]) == ("T3.5", "interpreter", 4, 1, 3)
    assert gap["weighted_difference"] == gap["weight"] * 3
    t3 = next(t for t in report.themes if t["id"] == "T3")
    interpreter = next(g for g in t3["groups"] if g["id"] == "interpreter")
    assert interpreter["score"] == pytest.approx((1 + 3) / 2) and interpreter["rated"] == 2
    assert [g["id"] for g in t3["groups"]] == [g["id"] for g in LATEST.to_dict()["groups"]]
    # Equal to the standard's own rating: no gap, the same scores as without it.
    a.set_group_rating(LATEST, "T3.5", "interpreter", 4)
    assert LATEST.score(a).equity_gaps == []
    a.set_group_rating(LATEST, "T3.5", "interpreter", None)
    assert "groups" not in a.ratings["T3.5"]


def test_local_groups_come_after_the_catalogues_and_refuse_a_repeat() -> None:
    a = fresh()
    a.add_group(LATEST, "gypsy_roma_traveller", "Gypsy, Roma and Traveller women")
    assert a.groups == [{"id": "gypsy_roma_traveller", "title": "Gypsy, Roma and Traveller women"}]
    a.set_group_rating(LATEST, "T3.6", "gypsy_roma_traveller", 0)
    report = LATEST.score(a)
    assert report.overall["groups"][-1]["id"] == "gypsy_roma_traveller"
    with pytest.raises(carepath.ValidationError) as caught:
        a.add_group(LATEST, "interpreter", "Again")
    assert [(p["path"], p["code"]) for p in caught.value.problems] == [("/groups/1/id", "duplicate_group")]
    with pytest.raises(carepath.ValidationError) as caught:
        a.set_group_rating(LATEST, "T3.6", "nobody", 2)
    assert [(p["path"], p["code"]) for p in caught.value.problems] == [("/ratings/T3.6/groups/nobody", "unknown_group")]
    with pytest.raises(carepath.ValidationError) as caught:
        a.set_group_rating(LATEST, "T3.6", "interpreter", 9)
    assert caught.value.problems[0]["code"] == "rating_off_scale"
    with pytest.raises(carepath.ValidationError) as caught:
        a.set_group_rating(LATEST, "T2.1", "interpreter", 2)
    assert caught.value.problems[0]["code"] == "not_rated"
    assert a.ratings["T3.6"]["groups"] == {"gypsy_roma_traveller": {"rating": 0}}, "a refused edit changes nothing"


def test_evidence_levels_and_dates_give_unsupported_strengths_and_stale_evidence() -> None:
    a = fresh()
    a.set_evidence_level("T1.1", "self_reported")
    a.set_evidence_date("T1.1", datetime.date(2024, 11, 19))
    a.set_evidence_level("T3.5", "audited")
    a.set_evidence_date("T3.5", "2024-11-20")
    with pytest.raises(carepath.SchemaError) as schema:
        a.set_evidence_level("T3.5", "anecdotal")
    assert schema.value.path == "/ratings/T3.5/evidence_level"
    evidence = LATEST.score(a).evidence
    assert evidence is not None
    assert evidence["by_level"] == {"none": 0, "self_reported": 1, "documented": 0, "audited": 1, "external": 0, "unstated": 1}
    assert evidence["unsupported_strengths"] == ["T1.1"]
    assert evidence["stale"] == ["T1.1"], "24 months before 2026-11-20 is 2024-11-20: that day is not stale"
    assert LATEST.score(a, max_age_months=36).evidence["stale"] == []


def test_the_groups_and_equity_gaps_tables() -> None:
    report = carepath.Catalogue.bundled_for(carepath.Assessment.load(EXAMPLES / "eastmere-2024.json")).score(
        EXAMPLES / "eastmere-2024.json"
    )
    groups = report.to_pandas("groups")
    assert list(groups.columns) == ["scope", "id", "title", "group", "score", "light", "rated"]
    local = [g["id"] for g in report.overall["groups"]]
    assert len(groups) == len(local) * (1 + len(report.themes) + len(report.cross_cutting))
    overall = groups[groups["scope"] == "overall"].set_index("group")
    assert overall.loc["interpreter", "score"] == pytest.approx(report.overall["groups"][0]["score"])
    gaps = report.to_pandas("equity_gaps")
    assert list(gaps["id"]) == [g["id"] for g in report.equity_gaps] and len(gaps) >= 5
    assert gaps["weighted_difference"].is_monotonic_decreasing
    assert gaps["title"].notna().all()


def test_a_file_written_back_keeps_every_new_field() -> None:
    for name in ("northbrook-2024.json", "eastmere-2024.json", "vale-of-ashby-2024.json"):
        text = (EXAMPLES / name).read_text(encoding="utf-8")
        a = carepath.Assessment.from_json(text)
        assert a.schema_version == "1.2.0" and a.groups
        assert a.to_json().rstrip("\n") == text.rstrip("\n")


def test_score_many_has_a_column_per_group() -> None:
    paths = [EXAMPLES / "eastmere-2024.json", EXAMPLES / "vale-of-ashby-2024.json", EXAMPLES / "hollin-vale-2024.json"]
    frame = carepath.score_many(paths)
    groups = [c for c in frame.columns if str(c).startswith("group:")]
    assert list(frame.columns[: len(carepath.SCORE_MANY_COLUMNS)]) == list(carepath.SCORE_MANY_COLUMNS)
    assert groups[:2] == ["group:interpreter", "group:most_deprived"] and "group:gypsy_roma_traveller" in groups
    reports = [carepath.Catalogue.bundled_for(carepath.Assessment.load(p)).score(p) for p in paths]
    for (item, theme), row in frame.set_index(["item", "theme"]).iterrows():
        scores = {g["id"]: g["score"] for g in next(t for t in reports[item].themes if t["id"] == theme)["groups"]}
        for column in groups:
            want = scores.get(column.removeprefix("group:"))
            assert (want is None and row[column] != row[column]) or row[column] == pytest.approx(want), (item, theme, column)
    # Hollin Vale declares no group: every group cell of its rows is empty.
    assert frame[frame["item"] == 2][groups].isna().all().all()
    records = carepath.score_many_records(paths)
    assert records[0]["group:interpreter"] == pytest.approx(frame.iloc[0]["group:interpreter"])
