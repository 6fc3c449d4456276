"""The shared scoring vectors of tests/vectors/score/ (format: tests/vectors/README.md): every
vector gives the same report (numbers within 1e-9) or the same error as in Rust and JS."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

import carepath
from conftest import VECTORS, diff

ERROR_CLASSES = {
    "syntax": carepath.SchemaError,
    "schema": carepath.SchemaError,
    "version": carepath.VersionError,
    "invalid": carepath.ValidationError,
    "not_found": carepath.NotFoundError,
}


def vector_files(folder: Path) -> List[Path]:
    """The vectors of a folder; a folder without any is an error, never a silent pass."""
    files = sorted(folder.glob("*.json"))
    if not files:
        raise AssertionError(f"no vectors in {folder}")
    return files


def load_catalogue(vector: Dict[str, Any], root: Path) -> carepath.Catalogue:
    ways = [k for k in ("catalogue", "catalogue_ref", "catalogue_file") if k in vector]
    assert len(ways) == 1, f"a vector gives its catalogue in exactly one way, got {ways}"
    if "catalogue" in vector:
        return carepath.Catalogue.from_dict(vector["catalogue"])
    if "catalogue_ref" in vector:
        ref = vector["catalogue_ref"]
        return carepath.Catalogue.bundled(ref["id"], ref["version"])
    return carepath.Catalogue.load(root / "catalogues" / vector["catalogue_file"])


def assessment_forms(vector: Dict[str, Any]) -> List[Tuple[str, Any]]:
    """The assessment in every form the package reads: a dict, JSON text, and a parsed
    Assessment (each must give the same answer)."""
    ways = [k for k in ("assessment", "assessment_text") if k in vector]
    assert len(ways) == 1, f"a vector gives its assessment in exactly one way, got {ways}"
    if "assessment" in vector:
        return [("dict", vector["assessment"]), ("json", json.dumps(vector["assessment"]))]
    return [("text", vector["assessment_text"])]


def run_vector(path: Path, root: Path) -> None:
    vector = json.loads(path.read_text(encoding="utf-8"))
    outcomes = [k for k in ("expected", "expected_error") if k in vector]
    assert len(outcomes) == 1, f"{path.name}: needs exactly one of expected and expected_error, got {outcomes}"
    catalogue = load_catalogue(vector, root)
    for form, value in assessment_forms(vector):
        if form == "dict":
            read = lambda: carepath.Assessment.from_dict(value)  # noqa: E731
        else:
            read = lambda: carepath.Assessment.from_json(value)  # noqa: E731
        if "expected" in vector:
            report = catalogue.score(read())
            found = diff(vector["expected"], report.to_dict())
            assert found is None, f"{path.name} ({form}): {found}"
            assert diff(vector["expected"], json.loads(report.to_json())) is None
            # The batch path gives the same theme numbers.
            rows = carepath.score_many_records([value], catalogue)
            expected_rows = [
                {k: t[k] for k in ("score", "light", "rated", "not_applicable", "unknown", "unrated", "total", "completeness")}
                | {"theme": t["id"], "title": t["title"]}
                for t in vector["expected"]["themes"]
            ]
            actual_rows = [{k: r[k] for k in expected_rows[0]} for r in rows] if expected_rows else rows
            found = diff(expected_rows, actual_rows)
            assert found is None, f"{path.name} ({form}, score_many): {found}"
        else:
            expected = vector["expected_error"]
            with pytest.raises(carepath.CarepathError) as caught:
                catalogue.score(read())
            error = caught.value
            assert error.code == expected["code"], f"{path.name} ({form}): {error}"
            assert isinstance(error, ERROR_CLASSES.get(expected["code"], carepath.CarepathError)), type(error)
            if "problems" in expected:
                got = [(p["path"], p["code"]) for p in error.problems]
                want = [(p["path"], p["code"]) for p in expected["problems"]]
                assert got == want, f"{path.name} ({form}): {error}"
            # The batch path raises the same error, naming the item.
            with pytest.raises(carepath.CarepathError) as batch:
                carepath.score_many_records([value], catalogue)
            assert batch.value.code == expected["code"]
            assert "items[0]" in str(batch.value)


@pytest.mark.parametrize("path", vector_files(VECTORS / "score"), ids=lambda p: p.stem)
def test_scoring_vector(path: Path) -> None:
    run_vector(path, VECTORS)


def test_an_empty_vector_folder_fails(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="no vectors"):
        vector_files(tmp_path)


def test_the_runner_catches_a_wrong_expectation(tmp_path: Path) -> None:
    vector = json.loads(sorted((VECTORS / "score").glob("tiny-basic.json"))[0].read_text())
    vector["expected"]["themes"][0]["score"] += 1e-6
    (tmp_path / "bad.json").write_text(json.dumps(vector))
    (tmp_path / "catalogues").mkdir()
    for f in (VECTORS / "catalogues").glob("*.json"):
        (tmp_path / "catalogues" / f.name).write_text(f.read_text())
    with pytest.raises(AssertionError, match="/themes/0/score"):
        run_vector(tmp_path / "bad.json", tmp_path)


def test_the_runner_rejects_a_vector_with_both_outcomes(tmp_path: Path) -> None:
    vector = json.loads((VECTORS / "score" / "tiny-basic.json").read_text())
    vector["expected_error"] = {"code": "invalid"}
    (tmp_path / "both.json").write_text(json.dumps(vector))
    with pytest.raises(AssertionError, match="exactly one of expected"):
        run_vector(tmp_path / "both.json", VECTORS)


def test_the_comparison_is_strict() -> None:
    a = {"x": [1, 2.0, None, "s"], "y": {"z": True}}
    assert diff(a, {"x": [1.0, 2, None, "s"], "y": {"z": True}}) is None
    assert diff(a, {"x": [1, 2.000001, None, "s"], "y": {"z": True}}) is not None
    assert diff(a, {"x": [1, 2, None], "y": {"z": True}}) is not None
    assert diff(a, {"x": [1, 2, None, "s"], "y": {"z": True}, "w": 1}) is not None
    assert diff(a, {"x": [1, 2, 0, "s"], "y": {"z": True}}) is not None
    assert diff(a, {"x": [1, 2, None, "s"], "y": {"z": 1}}) is not None
