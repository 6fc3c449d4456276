"""The shared vectors of tests/vectors/ (format: tests/vectors/README.md): scoring, migration,
comparison, benchmark and consensus. Every vector gives the same answer (numbers within 1e-9,
``"*"`` for text written for people) or the same error as in Rust and JS."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import pytest

import carepath
from conftest import VECTORS, diff

ERROR_CLASSES = {
    "syntax": carepath.SchemaError,
    "schema": carepath.SchemaError,
    "version": carepath.VersionError,
    "invalid": carepath.ValidationError,
    "not_found": carepath.NotFoundError,
    "mixed_areas": carepath.IncompatibleError,
    "mixed_dates": carepath.IncompatibleError,
    "mixed_editions": carepath.IncompatibleError,
    "mixed_catalogues": carepath.IncompatibleError,
    "repeated_area": carepath.IncompatibleError,
    "dates_reversed": carepath.IncompatibleError,
    "migration_backwards": carepath.IncompatibleError,
    "no_migration_path": carepath.IncompatibleError,
    "no_assessments": carepath.TooFewError,
    "too_few_raters": carepath.TooFewError,
    "fhir_resource": carepath.FhirError,
    "fhir_questionnaire": carepath.FhirError,
    "fhir_link_id": carepath.FhirError,
    "fhir_off_scale": carepath.FhirError,
    "fhir_repeated": carepath.FhirError,
    "fhir_shape": carepath.FhirError,
}
OPERATIONS = ("migrate", "compare", "benchmark", "consensus")


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
        as_of = vector.get("as_of")
        max_age = vector.get("max_age_months")
        if "expected" in vector:
            report = catalogue.score(read(), as_of=as_of, max_age_months=max_age)
            found = diff(vector["expected"], report.to_dict())
            assert found is None, f"{path.name} ({form}): {found}"
            assert diff(vector["expected"], json.loads(report.to_json())) is None
            # The batch path gives the same theme numbers.
            rows = carepath.score_many_records([value], catalogue)
            expected_rows = [
                {k: t[k] for k in ("score", "light", "rated", "not_applicable", "unknown", "unrated", "total", "completeness", "target_score")}
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


# --- migrate, compare, benchmark, consensus ---------------------------------------------------

#: The ways the package reads an assessment: each must give the same answer.
FORMS: Dict[str, Callable[[Dict[str, Any]], Any]] = {
    "dict": lambda data: data,
    "json": lambda data: json.dumps(data),
    "Assessment": lambda data: carepath.Assessment.from_dict(data),
}


def operation(folder: str, vector: Dict[str, Any], catalogue: carepath.Catalogue, form: str, root: Path) -> Any:
    """Runs one vector's operation through the Python API; returns the answer as JSON values,
    checking on the way that ``to_json`` gives the same as ``to_dict``."""
    read = FORMS[form]

    def both(answer: Any) -> Any:
        as_dict = answer.to_dict()
        assert diff(as_dict, json.loads(answer.to_json())) is None, "to_json and to_dict differ"
        return as_dict

    if folder == "migrate":
        via = [carepath.Catalogue.load(root / "catalogues" / name) for name in vector.get("via_files", [])]
        migrated, report = carepath.migrate(read(vector["assessment"]), to=catalogue, via=via)
        if form == "Assessment":
            assert (migrated, report) == read(vector["assessment"]).migrate(to=catalogue, via=via)
        return {"assessment": both(migrated), "report": both(report)}
    if folder == "compare":
        return both(carepath.compare(read(vector["old"]), read(vector["new"]), catalogue))
    items = [read(a) for a in vector["assessments"]]
    if folder == "benchmark":
        min_group = vector.get("min_group", carepath.DEFAULT_MIN_GROUP)
        return both(carepath.benchmark(items, catalogue, min_group=min_group))
    threshold = vector.get("threshold", carepath.DEFAULT_DISAGREEMENT)
    combined, result = carepath.consensus(items, catalogue, threshold=threshold)
    return {"assessment": both(combined), "consensus": both(result)}


def run_operation_vector(folder: str, path: Path, root: Path) -> None:
    vector = json.loads(path.read_text(encoding="utf-8"))
    outcomes = [k for k in ("expected", "expected_error") if k in vector]
    assert len(outcomes) == 1, f"{path.name}: needs exactly one of expected and expected_error, got {outcomes}"
    catalogue = load_catalogue(vector, root)
    for form in FORMS:
        if "expected" in vector:
            found = diff(vector["expected"], operation(folder, vector, catalogue, form, root))
            assert found is None, f"{folder}/{path.name} ({form}): {found}"
        else:
            expected = vector["expected_error"]
            with pytest.raises(carepath.CarepathError) as caught:
                operation(folder, vector, catalogue, form, root)
            error = caught.value
            assert error.code == expected["code"], f"{folder}/{path.name} ({form}): {error}"
            wanted = ERROR_CLASSES.get(expected["code"], carepath.CarepathError)
            assert isinstance(error, wanted), f"{folder}/{path.name}: {type(error).__name__} is not a {wanted.__name__}"
            if "problems" in expected:
                got = [(p["path"], p["code"]) for p in error.problems]
                want = [(p["path"], p["code"]) for p in expected["problems"]]
                assert got == want, f"{folder}/{path.name} ({form}): {error}"


@pytest.mark.parametrize(
    "folder, path",
    [(folder, path) for folder in OPERATIONS for path in vector_files(VECTORS / folder)],
    ids=lambda x: x if isinstance(x, str) else x.stem,
)
def test_operation_vector(folder: str, path: Path) -> None:
    run_operation_vector(folder, path, VECTORS)


def copy_vectors(tmp_path: Path) -> Path:
    """A copy of the shared catalogues, to run edited vectors against."""
    (tmp_path / "catalogues").mkdir()
    for f in (VECTORS / "catalogues").glob("*.json"):
        (tmp_path / "catalogues" / f.name).write_text(f.read_text())
    return tmp_path


@pytest.mark.parametrize("folder", OPERATIONS)
def test_the_runner_catches_a_wrong_answer(tmp_path: Path, folder: str) -> None:
    """Every operation's runner fails when the expected answer is off in one place."""
    source = next(p for p in vector_files(VECTORS / folder) if "expected" in json.loads(p.read_text()))
    vector = json.loads(source.read_text())
    expected = vector["expected"]
    if folder == "migrate":
        expected["report"]["to"]["version"] += ".1"
    elif folder == "compare":
        expected["comparable"]["standards"] += 1
    elif folder == "benchmark":
        expected["themes"][0]["distribution"]["count"] += 1
    else:
        expected["consensus"]["threshold"] += 1
    root = copy_vectors(tmp_path)
    (root / "bad.json").write_text(json.dumps(vector))
    with pytest.raises(AssertionError, match="expected"):
        run_operation_vector(folder, root / "bad.json", root)


def test_the_runner_catches_a_wrong_error_code(tmp_path: Path) -> None:
    vector = json.loads((VECTORS / "consensus" / "error-mixed-dates.json").read_text())
    vector["expected_error"]["code"] = "mixed_areas"
    root = copy_vectors(tmp_path)
    (root / "bad.json").write_text(json.dumps(vector))
    with pytest.raises(AssertionError, match="mixed_dates"):
        run_operation_vector("consensus", root / "bad.json", root)


@pytest.mark.parametrize("folder", OPERATIONS)
def test_every_operation_has_vectors_of_answers_and_errors(folder: str) -> None:
    kinds = {next(k for k in ("expected", "expected_error") if k in json.loads(p.read_text()))
             for p in vector_files(VECTORS / folder)}
    assert kinds == {"expected", "expected_error"}, f"{folder}: {kinds}"


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


def test_a_star_matches_any_text_and_only_text() -> None:
    assert diff({"review": "*"}, {"review": "any note"}) is None
    assert diff({"review": "*"}, {"review": ""}) is not None
    assert diff({"review": "*"}, {"review": None}) is not None
    assert diff({"review": "*"}, {}) is not None
    assert diff(["*"], [3]) is not None


def test_the_comparison_is_strict() -> None:
    a = {"x": [1, 2.0, None, "s"], "y": {"z": True}}
    assert diff(a, {"x": [1.0, 2, None, "s"], "y": {"z": True}}) is None
    assert diff(a, {"x": [1, 2.000001, None, "s"], "y": {"z": True}}) is not None
    assert diff(a, {"x": [1, 2, None], "y": {"z": True}}) is not None
    assert diff(a, {"x": [1, 2, None, "s"], "y": {"z": True}, "w": 1}) is not None
    assert diff(a, {"x": [1, 2, 0, "s"], "y": {"z": True}}) is not None
    assert diff(a, {"x": [1, 2, None, "s"], "y": {"z": 1}}) is not None
