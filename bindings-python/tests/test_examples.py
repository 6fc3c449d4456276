"""Every example assessment in standards/examples/ reads, scores, and round-trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import carepath
from conftest import diff, example_paths, named_catalogue


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_example_scores_and_round_trips(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    a = carepath.Assessment.load(path)
    # Every way in gives the same assessment, and every way out gives the file's content.
    assert a == carepath.Assessment.load(str(path))
    assert a == carepath.Assessment.from_json(text)
    assert a == carepath.Assessment.from_dict(data)
    assert diff(data, a.to_dict()) is None
    assert carepath.Assessment.from_json(a.to_json()) == a
    assert list(a.ratings) == list(data["ratings"]), "ratings keep their file order"

    catalogue = named_catalogue(a)
    assert catalogue.reference == data["catalogue"]
    report = catalogue.score(a)
    assert report == catalogue.score(path) == catalogue.score(data) == catalogue.score(text)
    d = report.to_dict()
    assert list(d) == [
        "catalogue", "area", "assessed_on", "overall", "themes", "cross_cutting", "standards", "gaps",
        "strengths", "unknowns", "plan", "equity_gaps", "evidence",
    ]
    assert diff(d, json.loads(report.to_json())) is None
    assert d["area"] == data["area"] and d["assessed_on"] == data["assessed_on"]
    assert len(d["standards"]) == len(catalogue.standards)
    # The properties are the report's parts.
    for part in ("overall", "themes", "cross_cutting", "standards", "gaps", "strengths", "unknowns", "equity_gaps", "evidence"):
        assert getattr(report, part) == d[part]
    # Cross-check a few rules on real data (the vectors pin them exactly).
    scores = [t["score"] for t in d["themes"] if t["score"] is not None]
    assert d["overall"]["score"] == pytest.approx(sum(scores) / len(scores), abs=1e-9)
    weighted = [g["weighted_shortfall"] for g in d["gaps"]]
    assert weighted == sorted(weighted, reverse=True)
    assert d["unknowns"] == [s for s, e in data["ratings"].items() if e["rating"] == "unknown" and s in d["unknowns"]]


def test_examples_score_many_matches_one_by_one() -> None:
    paths = example_paths()
    rows = carepath.score_many_records(paths)
    assert len({r["catalogue_version"] for r in rows}) > 1 or len(paths) < 4, "the examples span editions"
    seen = 0
    for i, path in enumerate(paths):
        report = named_catalogue(carepath.Assessment.load(path)).score(path)
        mine = [r for r in rows if r["item"] == i]
        seen += len(mine)
        assert mine[0]["catalogue_version"] == report.catalogue_ref["version"]
        assert [r["theme"] for r in mine] == [t["id"] for t in report.themes]
        for row, theme in zip(mine, report.themes):
            assert row["source"] == str(path)
            assert row["area"] == report.area["name"]
            assert row["area_code"] == report.area.get("code")
            assert row["assessed_on"] == report.assessed_on
            assert row["overall_score"] == report.overall["score"]
            for key in ("title", "score", "light", "rated", "not_applicable", "unknown", "unrated", "total", "completeness"):
                assert row[key] == theme[key], key
    assert seen == len(rows)
