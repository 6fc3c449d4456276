"""Bad input raises the right exception class, with the core's code, the JSON Pointer and the
file; never a bare Exception or a Rust panic."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any, Dict

import pytest

import carepath


def minimal(**ratings: Any) -> Dict[str, Any]:
    return {
        "schema_version": "1.0.0",
        "catalogue": {"id": "perinatal-mental-health", "version": "1.0.0"},
        "area": {"name": "Testshire"},
        "assessed_on": "2016-11-30",
        "ratings": {k.replace("_", "."): {"rating": v} for k, v in ratings.items()},
    }


def test_the_hierarchy() -> None:
    assert issubclass(carepath.SchemaError, carepath.CarepathError)
    assert issubclass(carepath.SchemaError, ValueError)
    assert issubclass(carepath.ValidationError, ValueError)
    assert issubclass(carepath.VersionError, ValueError)
    assert issubclass(carepath.NotFoundError, LookupError)
    assert issubclass(carepath.CarepathError, Exception)
    assert not issubclass(carepath.NotFoundError, ValueError)


def test_syntax_errors_are_schema_errors(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"schema_version": "1.0.0",\n  "ratings": {,}}')
    with pytest.raises(carepath.SchemaError) as caught:
        carepath.Assessment.load(path)
    e = caught.value
    assert e.code == "syntax"
    assert e.file == str(path)
    assert str(e).startswith(f"{path}: malformed JSON at line 2")
    assert e.path is None
    assert e.problems == [{"path": "", "code": "syntax", "message": e.problems[0]["message"]}]


def test_unknown_fields_name_field_path_and_file(tmp_path: Path) -> None:
    data = minimal(T1_1=3)
    data["ratings"]["T1.1"]["evidnce"] = "typo"
    path = tmp_path / "typo.json"
    path.write_text(json.dumps(data))
    with pytest.raises(carepath.SchemaError) as caught:
        carepath.Assessment.load(path)
    e = caught.value
    assert (e.code, e.path, e.file) == ("schema", "/ratings/T1.1/evidnce", str(path))
    assert "unknown field `evidnce`" in str(e)
    # From a dict: the same error, no file.
    with pytest.raises(carepath.SchemaError) as caught:
        carepath.Assessment.from_dict(data)
    assert (caught.value.path, caught.value.file) == ("/ratings/T1.1/evidnce", None)


def test_a_repeated_key_is_an_error() -> None:
    text = json.dumps(minimal(T1_1=3)).replace('"ratings": {', '"ratings": {"T1.1": {"rating": 1}, ')
    with pytest.raises(carepath.SchemaError) as caught:
        carepath.Assessment.from_json(text)
    assert caught.value.path == "/ratings/T1.1"
    assert "repeated key" in str(caught.value)


def test_another_major_version() -> None:
    data = minimal()
    data["schema_version"] = "2.0.0"
    with pytest.raises(carepath.VersionError) as caught:
        carepath.Assessment.from_dict(data)
    assert (caught.value.code, caught.value.path) == ("version", "/schema_version")
    assert "2.0.0" in str(caught.value) and "1.x" in str(caught.value)


def test_validation_lists_every_problem(catalogue: carepath.Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(minimal(T9_9=3, T1_1=7, T1_2=-1)))
    with pytest.raises(carepath.ValidationError) as caught:
        catalogue.score(path)
    e = caught.value
    assert e.code == "invalid"
    assert e.file == str(path)
    assert e.path is None, "several problems have no single path"
    assert [(p["path"], p["code"]) for p in e.problems] == [
        ("/ratings/T9.9", "unknown_standard"),
        ("/ratings/T1.1/rating", "rating_off_scale"),
        ("/ratings/T1.2/rating", "rating_off_scale"),
    ]
    assert all(p["message"] for p in e.problems)
    with pytest.raises(carepath.ValidationError):
        catalogue.check(carepath.Assessment.load(path))


def test_one_problem_has_a_path(catalogue: carepath.Catalogue) -> None:
    with pytest.raises(carepath.ValidationError) as caught:
        catalogue.score(minimal(T1_1=6))
    assert caught.value.path == "/ratings/T1.1/rating"


def test_not_found() -> None:
    with pytest.raises(carepath.NotFoundError) as caught:
        carepath.Catalogue.bundled(version="9.0.0")
    assert caught.value.code == "not_found"
    assert "perinatal-mental-health@1.0.0" in str(caught.value), "says what is bundled"
    with pytest.raises(LookupError):
        carepath.Catalogue.bundled("no-such-catalogue")


def test_score_many_without_catalogue_needs_a_bundled_edition() -> None:
    data = minimal(T1_1=3)
    data["catalogue"]["version"] = "1.7.0"
    with pytest.raises(carepath.NotFoundError) as caught:
        carepath.score_many_records([data])
    assert "items[0]" in str(caught.value)


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as caught:
        carepath.Assessment.load(tmp_path / "nope.json")
    assert caught.value.filename == str(tmp_path / "nope.json")
    with pytest.raises(IsADirectoryError):
        carepath.Catalogue.load(tmp_path)
    with pytest.raises(FileNotFoundError) as caught:
        carepath.score_many_records([tmp_path / "nope.json"])
    assert "items[0]" in str(caught.value)
    with pytest.raises(FileNotFoundError):
        carepath.Assessment.new(carepath.Catalogue.bundled(), area="A", assessed_on="2016-01-01").save(
            tmp_path / "no" / "dir.json"
        )


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"schema_version": "1.0.0",\n "area": {"name": "Sa\xefd"}}')
    with pytest.raises(carepath.SchemaError) as caught:
        carepath.Assessment.load(path)
    assert caught.value.code == "syntax"
    assert "not UTF-8" in str(caught.value) and "line 2" in str(caught.value)


def test_the_first_failing_item_raises_and_counts_the_others(tmp_path: Path) -> None:
    good = minimal(T1_1=3)
    with pytest.raises(carepath.ValidationError) as caught:
        carepath.score_many_records([good, minimal(T1_1=9), good, minimal(T9_9=1)])
    message = str(caught.value)
    assert message.startswith("items[1] (first of 2 failing items: items[1], items[3])")
    assert caught.value.path == "/ratings/T1.1/rating"


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda c, a: a.rate(c, "T1.1", 3.0), "not float"),
        (lambda c, a: a.rate(c, "T1.1", True), "not bool"),
        (lambda c, a: a.rate(c, "T1.1", None), "not NoneType"),
        (lambda c, a: a.rate({"id": "x"}, "T1.1", 3), "Catalogue"),
        (lambda c, a: carepath.Assessment.from_dict([1, 2]), "expects a dict, got list"),
        (lambda c, a: carepath.Catalogue.from_dict("{}"), "expects a dict, got str"),
        (lambda c, a: carepath.Assessment.from_dict({"ratings": {1: 2}}), "dict keys must be str"),
        (lambda c, a: carepath.Assessment.from_dict({"x": {1, 2}}), "at `/x`: a set has no JSON form"),
        (lambda c, a: carepath.Assessment.from_json(b"{}"), "bytes"),
        (lambda c, a: carepath.Assessment.new(c, area=3, assessed_on="2016-01-01"), "area must be"),
        (lambda c, a: carepath.Assessment.new(c, area="A", assessed_on=20160101), "assessed_on must be"),
        (lambda c, a: c.score(42), "expected an Assessment, a dict, JSON text or a path, got int"),
        (lambda c, a: carepath.score_many_records("x.json"), "wrap it in a list"),
        (lambda c, a: carepath.score_many_records([a, 3]), r"items\[1\]: expected an Assessment"),
        (lambda c, a: carepath.score_many_records(5), "must be an iterable"),
        (lambda c, a: carepath.score_many_records([a], catalogue="perinatal-mental-health"), "catalogue must be"),
    ],
)
def test_wrong_python_types_are_type_errors(catalogue: carepath.Catalogue, call: Any, message: str) -> None:
    a = carepath.Assessment.new(catalogue, area="A", assessed_on="2016-01-01")
    with pytest.raises(TypeError, match=message):
        call(catalogue, a)


@pytest.mark.parametrize(
    "rating, code, path",
    [
        ("three", "schema", "/ratings/T1.1/rating"),
        (2**40, "schema", "/ratings/T1.1/rating"),
        (-1, "invalid", "/ratings/T1.1/rating"),
        (6, "invalid", "/ratings/T1.1/rating"),
    ],
)
def test_bad_ratings(catalogue: carepath.Catalogue, rating: Any, code: str, path: str) -> None:
    a = carepath.Assessment.new(catalogue, area="A", assessed_on="2016-01-01")
    with pytest.raises(carepath.CarepathError) as caught:
        a.rate(catalogue, "T1.1", rating)
    assert (caught.value.code, caught.value.path) == (code, path)
    assert isinstance(caught.value, ValueError)
    assert a.ratings == {}, "a refused rating changes nothing"


def test_values_json_cannot_hold() -> None:
    with pytest.raises(carepath.SchemaError) as caught:
        carepath.Assessment.from_dict({"schema_version": float("nan")})
    assert caught.value.path == "/schema_version"


def test_errors_pickle() -> None:
    try:
        carepath.Catalogue.bundled(version="9")
    except carepath.NotFoundError as e:
        copy = pickle.loads(pickle.dumps(e))
        assert type(copy) is carepath.NotFoundError
        assert (copy.code, copy.path, copy.file, copy.problems, str(copy)) == (e.code, e.path, e.file, e.problems, str(e))


def test_deeply_nested_input_is_refused_not_crashed() -> None:
    deep: Any = 1
    for _ in range(10_000):
        deep = [deep]
    with pytest.raises(TypeError, match="nested more than"):
        carepath.Assessment.from_dict({"notes": deep})
    with pytest.raises(carepath.SchemaError):
        carepath.Assessment.from_json("[" * 10_000 + "]" * 10_000)
