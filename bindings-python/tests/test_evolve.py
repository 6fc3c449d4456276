"""migrate, compare, benchmark and consensus on the example areas: each answer checked against
what the package computes another way (scores of single reports, quartiles by NumPy's
method, medians of the raters' scores), and against its published JSON Schema."""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

import carepath
from conftest import EXAMPLES, REPO, diff

SCHEMAS = REPO / "standards" / "schemas"
CONSENSUS = sorted((EXAMPLES / "consensus").glob("*.json"))
PAIRS = sorted(EXAMPLES.glob("*-2016.json"))
AREAS_2024 = sorted(EXAMPLES.glob("*-2024.json"))
LATEST = carepath.Catalogue.bundled(version="2.0.0")
ENTRY_TEXT = ("rating", "evidence", "confidence", "actions")


def test_the_example_sets_are_there() -> None:
    assert len(PAIRS) >= 3 and len(AREAS_2024) >= 5 and len(CONSENSUS) >= 3


# --- migrate ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAIRS, ids=lambda p: p.stem)
def test_migrating_every_2016_example_loses_nothing(path: Path) -> None:
    old = carepath.Assessment.load(path)
    migrated, report = carepath.migrate(path, to="2.0.0")
    assert (migrated, report) == old.migrate(to="2.0.0") == carepath.migrate(old, LATEST)
    # With no edition named, the latest bundled one (3.1.0), by its direct route from 1.0.0.
    assert carepath.migrate(old)[0].catalogue_ref["version"] == "3.1.0"
    assert migrated.catalogue_ref == LATEST.reference
    assert report.from_ref == old.catalogue_ref and report.to_ref == LATEST.reference
    assert report.changed and len(report.steps) == 1
    LATEST.check(migrated)  # the result checks against the new edition
    LATEST.score(migrated)
    # The other fields come through untouched.
    for field in ("area", "assessed_on", "participants", "notes"):
        assert getattr(migrated, field) == getattr(old, field), field

    step = report.steps[0]
    assert [f["standard"] for f in step["fates"]] == list(old.ratings), "one fate per rating, in order"
    new_ratings = migrated.ratings
    archive = {(a["standard"], a["catalogue"]["version"]): a for a in migrated.archive}
    for fate in step["fates"]:
        before = old.ratings[fate["standard"]]
        assert fate["rating"] == before["rating"]
        if fate["fate"] in ("kept", "renamed", "split"):
            for target in fate["to"]:
                after = new_ratings[target]
                assert {k: after.get(k) for k in ENTRY_TEXT} == {k: before.get(k) for k in ENTRY_TEXT}, target
                assert ("review" in after) == (fate["review"] or "review" in before), target
        elif fate["fate"] == "merged":
            (target,) = fate["to"]
            assert new_ratings[target]["rating"] == before["rating"] and new_ratings[target]["review"]
        else:
            kept = archive[(fate["standard"], old.catalogue_ref["version"])]
            assert {k: kept.get(k) for k in ENTRY_TEXT} == {k: before.get(k) for k in ENTRY_TEXT}
            assert kept["reason"] and fate["note"]
    # Every piece of text typed is somewhere in the result.
    typed = {e[k] for e in old.ratings.values() for k in ("evidence", "actions") if e.get(k)}
    kept_text = {e[k] for e in [*new_ratings.values(), *migrated.archive] for k in ("evidence", "actions") if e.get(k)}
    assert typed <= kept_text
    assert report.archived == sum(f["fate"] == "archived" for f in step["fates"]) == len(migrated.archive)
    assert report.added == step["added"] and all(a not in new_ratings for a in report.added)
    assert set(report.to_review) == {k for k, e in new_ratings.items() if "review" in e}
    assert diff(json.loads(report.to_json()), report.to_dict()) is None
    # Migrating again changes nothing.
    again, nothing = carepath.migrate(migrated, LATEST)
    assert again == migrated and not nothing.changed and nothing.steps == []
    assert "nothing to do" in repr(nothing)


def test_migrate_leaves_its_input_alone() -> None:
    old = carepath.Assessment.load(PAIRS[0])
    copy = old.to_dict()
    old.migrate()
    assert old.to_dict() == copy


def test_migrate_across_two_steps_with_the_editions_in_between(tmp_path: Path) -> None:
    tiny = carepath.Catalogue.load(REPO / "tests/vectors/catalogues/tiny.json")
    tiny2 = carepath.Catalogue.load(REPO / "tests/vectors/catalogues/tiny-2.json")
    data = tiny2.to_dict()
    data["version"] = "3.0.0"
    data["changes"] = [
        {
            "from": "2.0.0",
            "summary": "Nothing but a new edition.",
            "standards": [{"change": "kept", "from": s["id"], "to": s["id"]} for s in tiny2.standards],
        }
    ]
    tiny3 = carepath.Catalogue.from_dict(data)
    a = carepath.Assessment.new(tiny, area="Testshire", assessed_on="2020-01-01")
    a.rate(tiny, "A.2", 3)
    a.rate(tiny, "C.1", 1)
    with pytest.raises(carepath.IncompatibleError) as caught:
        carepath.migrate(a, tiny3, via=[])
    assert caught.value.code == "no_migration_path"
    migrated, report = carepath.migrate(a, tiny3, via=[tiny2])
    assert [s["to"]["version"] for s in report.steps] == ["2.0.0", "3.0.0"]
    assert migrated.ratings["A.2r"]["rating"] == 3 and migrated.archive[0]["standard"] == "C.1"
    assert report.to_review == ["A.2r"]


# --- compare ------------------------------------------------------------------------------


def test_compare_northbrook_2016_with_2024() -> None:
    old_path, new_path = EXAMPLES / "northbrook-2016.json", EXAMPLES / "northbrook-2024.json"
    c = carepath.compare(old_path, new_path)
    assert c == carepath.compare(str(old_path), new_path.read_text(), LATEST)
    assert c.catalogue_ref == LATEST.reference and c.catalogue == LATEST
    assert c.old["catalogue"]["version"] == "1.0.0" and c.new["catalogue"]["version"] == "2.0.0"
    # The earlier assessment was migrated, exactly as migrate does it.
    migrated, report = carepath.migrate(old_path, LATEST)
    assert c.migration == report
    before, after = LATEST.score(migrated), LATEST.score(new_path)
    # Theme by theme: the scores of the two reports, and the direction they give.
    assert [t["id"] for t in c.themes] == [t["id"] for t in after.themes]
    for change, b, a in zip(c.themes, before.themes, after.themes):
        assert (change["old"], change["new"], change["old_light"], change["new_light"]) == (
            b["score"], a["score"], b["light"], a["light"])
        if b["score"] is not None and a["score"] is not None:
            assert change["change"] == pytest.approx(a["score"] - b["score"], abs=1e-9)
            expected = "improved" if change["change"] > 1e-9 else "worsened" if change["change"] < -1e-9 else "unchanged"
            assert change["direction"] == expected
    assert c.overall["old"] == before.overall["score"] and c.overall["new"] == after.overall["score"]
    # Standard by standard.
    assert len(c.standards) == len(LATEST.standards)
    both = [s for s in c.standards if isinstance(s["old"], int) and isinstance(s["new"], int)]
    assert c.comparable["standards"] == len(both) and c.comparable["total"] == len(LATEST.standards)
    assert c.comparable["share"] == pytest.approx(len(both) / len(LATEST.standards))
    assert c.improved == [s["id"] for s in both if s["new"] > s["old"]]
    assert c.worsened == [s["id"] for s in both if s["new"] < s["old"]]
    assert all(s["change"] == s["new"] - s["old"] for s in both)
    assert "Northbrook 2016-11-30 -> 2024-11-13" in repr(c)


def test_compare_in_one_edition_has_no_migration(catalogue: carepath.Catalogue) -> None:
    a = carepath.Assessment.new(catalogue, area="A", assessed_on="2016-01-01")
    a.rate(catalogue, "T1.1", 1)
    b = carepath.Assessment.new(catalogue, area="a ", assessed_on="2017-01-01")
    b.rate(catalogue, "T1.1", 3)
    c = carepath.compare(a, b)
    assert c.migration is None and c.catalogue_ref == catalogue.reference
    assert c.standards[0]["direction"] == "improved" and c.improved == ["T1.1"]
    assert c.standards[1]["direction"] == "not_rated"


# --- benchmark ----------------------------------------------------------------------------


def quartiles(scores: List[float]) -> Dict[str, float]:
    """min, q1, median, q3, max by linear interpolation between closest ranks (NumPy's default)."""
    s = sorted(scores)

    def q(p: float) -> float:
        h = (len(s) - 1) * p
        lo = int(h)
        return s[lo] + (h - lo) * (s[lo + 1] - s[lo]) if lo + 1 < len(s) else s[lo]

    return {"min": s[0], "q1": q(0.25), "median": q(0.5), "q3": q(0.75), "max": s[-1]}


def quarter(score: float, scores: List[float]) -> int:
    below = sum(x < score - 1e-9 for x in scores)
    equal = sum(abs(x - score) <= 1e-9 for x in scores)
    return min(4, max(1, -(-2 * (2 * below + equal) // len(scores))))


def test_benchmark_of_the_2024_areas() -> None:
    b = carepath.benchmark(AREAS_2024)
    assert b == carepath.benchmark([p.read_text() for p in AREAS_2024], LATEST, min_group=5)
    assert b.areas == len(AREAS_2024) and b.min_group == carepath.DEFAULT_MIN_GROUP == 5
    reports = {r.area["name"]: r for r in (LATEST.score(p) for p in AREAS_2024)}
    # Areas by name, never by score.
    names = [p["area"]["name"] for p in b.positions]
    assert names == sorted(reports, key=str.lower)
    for t, theme in enumerate(b.themes):
        scores = [r.themes[t]["score"] for r in reports.values() if r.themes[t]["score"] is not None]
        spread = theme["distribution"]
        assert spread["count"] == len(scores) and spread["withheld"] is (len(scores) < 5)
        if not spread["withheld"]:
            for key, value in quartiles(scores).items():
                assert spread[key] == pytest.approx(value, abs=1e-9), (theme["id"], key)
        for position in b.positions:
            mine = position["themes"][t]
            assert mine["score"] == reports[position["area"]["name"]].themes[t]["score"]
            if mine["score"] is not None and not spread["withheld"]:
                assert mine["quarter"] == quarter(mine["score"], scores)
    overall = [r.overall["score"] for r in reports.values()]
    assert b.overall["median"] == pytest.approx(statistics.median(overall), abs=1e-9)
    assert len(b.standards) == len(LATEST.standards)


def test_a_small_group_is_withheld() -> None:
    b = carepath.benchmark(AREAS_2024[:3])
    assert b.overall["withheld"] and b.overall["median"] is None
    assert all(t["distribution"]["withheld"] for t in b.themes)
    assert all(p["overall"]["quarter"] is None for p in b.positions)
    shown = carepath.benchmark(AREAS_2024[:3], min_group=3)
    assert not shown.overall["withheld"] and all(p["overall"]["quarter"] for p in shown.positions)


# --- consensus ----------------------------------------------------------------------------


def lower_median(scores: List[int]) -> Optional[int]:
    return sorted(scores)[(len(scores) - 1) // 2] if scores else None


def test_consensus_of_the_northbrook_raters() -> None:
    raters = [carepath.Assessment.load(p) for p in CONSENSUS]
    combined, c = carepath.consensus(CONSENSUS)
    assert (combined, c) == carepath.consensus(raters, LATEST, threshold=3)
    assert c.threshold == carepath.DEFAULT_DISAGREEMENT == 3 and len(c.raters) == len(raters)
    assert combined.area == raters[0].area and combined.assessed_on == raters[0].assessed_on
    LATEST.check(combined)
    for s in c.standards:
        given = [r.ratings.get(s["id"], {}).get("rating") for r in raters]
        assert s["ratings"] == given
        scores = [g for g in given if isinstance(g, int)]
        assert s["scored"] == len(scores)
        if scores:
            assert s["combined"] == lower_median(scores)
            assert s["spread"] == max(scores) - min(scores)
            assert s["disagreement"] is (s["spread"] >= 3)
        if s["combined"] is None:
            assert s["id"] not in combined.ratings
        else:
            assert combined.ratings[s["id"]]["rating"] == s["combined"]
    assert c.disagreements == [s["id"] for s in c.standards if s["disagreement"]]
    for standard in c.disagreements + c.mixed_applicability:
        assert combined.ratings[standard]["review"]
    # Every rater's evidence is kept in the combined entry.
    for r in raters:
        for standard, entry in r.ratings.items():
            if entry.get("evidence"):
                assert entry["evidence"] in combined.ratings[standard]["evidence"]
    stricter = carepath.consensus(CONSENSUS, threshold=1)[1]
    assert set(c.disagreements) < set(stricter.disagreements)


# --- the answers against their JSON Schemas -----------------------------------------------


def answers() -> Dict[str, Any]:
    migration = carepath.migrate(PAIRS[0])[1]
    comparison = carepath.compare(EXAMPLES / "northbrook-2016.json", EXAMPLES / "northbrook-2024.json")
    return {
        "migration": [migration, carepath.migrate(carepath.migrate(PAIRS[0])[0])[1]],
        "comparison": [comparison],
        "benchmark": [carepath.benchmark(AREAS_2024), carepath.benchmark(AREAS_2024[:2])],
        "consensus": [carepath.consensus(CONSENSUS)[1]],
        "assessment": [carepath.migrate(PAIRS[0])[0], carepath.consensus(CONSENSUS)[0]],
    }


@pytest.mark.parametrize("kind", ["migration", "comparison", "benchmark", "consensus", "assessment"])
def test_answers_match_their_published_schema(kind: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = carepath.json_schema(kind)  # type: ignore[arg-type]
    assert schema == json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for answer in answers()[kind]:
        errors = sorted(validator.iter_errors(answer.to_dict()), key=lambda e: list(e.path))
        assert not errors, f"{kind}: {errors[0].message} at {list(errors[0].path)}"
    # And the schema is a real check: a field too many fails it.
    bad = answers()[kind][0].to_dict()
    bad["surprise"] = 1
    assert list(validator.iter_errors(bad))


def test_json_schema_kinds() -> None:
    for kind in ("catalogue", "assessment", "report", "migration", "comparison", "benchmark", "consensus"):
        assert carepath.json_schema(kind)["type"] == "object"  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="expected one of"):
        carepath.json_schema("league_table")  # type: ignore[arg-type]
