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
        (lambda c, a: carepath.Assessment.from_json(3), "int"),
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


# --- migrate, compare, benchmark, consensus -------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[2] / "standards" / "examples"


def test_the_new_classes() -> None:
    for cls in (carepath.IncompatibleError, carepath.TooFewError, carepath.FhirError):
        assert issubclass(cls, carepath.CarepathError) and issubclass(cls, ValueError)
    assert not issubclass(carepath.IncompatibleError, carepath.ValidationError)


def area(name: str, date: str = "2016-11-30", code: Any = None, **ratings: Any) -> Dict[str, Any]:
    data = minimal(**ratings)
    data["area"] = {"name": name} if code is None else {"name": name, "code": code}
    data["assessed_on"] = date
    return data


@pytest.mark.parametrize(
    "call, cls, code",
    [
        (lambda: carepath.compare(area("A", "2017-01-01"), area("A", "2016-01-01")), carepath.IncompatibleError, "dates_reversed"),
        (lambda: carepath.compare(area("A"), area("B")), carepath.IncompatibleError, "mixed_areas"),
        (lambda: carepath.compare(area("A", code="E1"), area("A", code="E2")), carepath.IncompatibleError, "mixed_areas"),
        (lambda: carepath.benchmark([]), carepath.TooFewError, "no_assessments"),
        (lambda: carepath.benchmark([area("A"), area(" a ")]), carepath.IncompatibleError, "repeated_area"),
        (
            lambda: carepath.benchmark([EXAMPLES / "northbrook-2016.json", EXAMPLES / "eastmere-2024.json"]),
            carepath.IncompatibleError,
            "mixed_editions",
        ),
        (lambda: carepath.consensus([area("A")]), carepath.TooFewError, "too_few_raters"),
        (lambda: carepath.consensus([]), carepath.TooFewError, "too_few_raters"),
        (lambda: carepath.consensus([area("A"), area("B")]), carepath.IncompatibleError, "mixed_areas"),
        (lambda: carepath.consensus([area("A"), area("A", "2016-12-01")]), carepath.IncompatibleError, "mixed_dates"),
        (
            lambda: carepath.consensus([EXAMPLES / "northbrook-2016.json", EXAMPLES / "northbrook-2016.json"],
                                       carepath.Catalogue.bundled(version="2")),
            carepath.ValidationError,
            "invalid",
        ),
        (lambda: carepath.migrate(EXAMPLES / "northbrook-2024.json", to="1.0.0"), carepath.IncompatibleError, "migration_backwards"),
        (lambda: carepath.migrate(area("A"), to="9"), carepath.NotFoundError, "not_found"),
    ],
)
def test_operations_raise_the_right_class(call: Any, cls: type, code: str) -> None:
    with pytest.raises(cls) as caught:
        call()
    assert caught.value.code == code
    assert str(caught.value)
    if code != "invalid":
        (problem,) = caught.value.problems
        assert problem["code"] == code and problem["message"] and str(caught.value).endswith(problem["message"])


def test_migrating_into_another_catalogue() -> None:
    data = carepath.Catalogue.bundled(version="2").to_dict()
    data["id"] = "another-catalogue"
    other = carepath.Catalogue.from_dict(data)
    with pytest.raises(carepath.IncompatibleError) as caught:
        carepath.migrate(area("A"), to=other)
    assert caught.value.code == "mixed_catalogues"
    later = area("A", "2017-01-01")
    later["catalogue"] = other.reference
    with pytest.raises(carepath.IncompatibleError) as caught:
        carepath.compare(area("A"), later, other)
    assert caught.value.code == "mixed_catalogues"


def test_a_bad_item_in_a_set_names_its_index_and_file(tmp_path: Path) -> None:
    paths = []
    for i, (name, ratings) in enumerate([("A", {"T1_1": 3}), ("B", {"T1_1": 9, "T9_9": 1}), ("C", {})]):
        path = tmp_path / f"{i}.json"
        path.write_text(json.dumps(area(name, **ratings)))
        paths.append(path)
    with pytest.raises(carepath.ValidationError) as caught:
        carepath.benchmark(paths)
    e = caught.value
    assert e.file == str(paths[1]) and str(e).startswith(f"items[1]: {paths[1]}: ")
    assert [(p["path"], p["code"]) for p in e.problems] == [
        ("/1/ratings/T1.1/rating", "rating_off_scale"),
        ("/1/ratings/T9.9", "unknown_standard"),
    ]
    # Problems in several items: each is listed, no single file.
    paths[2].write_text(json.dumps(area("C", T1_2=-1)))
    with pytest.raises(carepath.ValidationError) as caught:
        carepath.benchmark(paths)
    assert caught.value.file is None and str(caught.value).startswith("items[1], items[2]: ")
    # A file that cannot be read, or is not an assessment, stops at once.
    with pytest.raises(FileNotFoundError):
        carepath.consensus([paths[0], tmp_path / "nope.json"])
    (tmp_path / "broken.json").write_text("{")
    with pytest.raises(carepath.SchemaError) as caught:
        carepath.consensus([paths[0], tmp_path / "broken.json"])
    assert "items[1]" in str(caught.value) and caught.value.file == str(tmp_path / "broken.json")


def test_compare_says_which_file_breaks_the_rules(tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(area("A", "2016-01-01", T1_1=3)))
    new.write_text(json.dumps(area("A", "2017-01-01", T1_1=7)))
    with pytest.raises(carepath.ValidationError) as caught:
        carepath.compare(old, new)
    assert (caught.value.file, caught.value.path) == (str(new), "/ratings/T1.1/rating")
    assert str(caught.value).startswith("new: ")
    old.write_text(json.dumps(area("A", "2016-01-01", T9_9=3)))
    new.write_text(json.dumps(area("A", "2017-01-01", T1_1=3)))
    with pytest.raises(carepath.ValidationError) as caught:
        carepath.compare(old, new)
    assert caught.value.file == str(old) and str(caught.value).startswith("old: ")


def test_no_bundled_edition_for_the_set() -> None:
    data = area("A")
    data["catalogue"]["version"] = "7.0.0"
    for call in (lambda: carepath.benchmark([data]), lambda: carepath.consensus([data, data]),
                 lambda: carepath.compare(area("A"), data)):
        with pytest.raises(carepath.NotFoundError) as caught:
            call()
        assert "7.0.0" in str(caught.value)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda a: carepath.migrate(a, to=3), TypeError, "to must be a carepath.Catalogue"),
        (lambda a: carepath.migrate(a, via=carepath.Catalogue.bundled()), TypeError, "wrap it in a list"),
        (lambda a: carepath.migrate(a, via=[3]), TypeError, r"via\[0\]: expected a carepath.Catalogue"),
        (lambda a: carepath.migrate(a, via=5), TypeError, "via must be an iterable"),
        (lambda a: carepath.migrate(42), TypeError, "expected an Assessment"),
        (lambda a: carepath.compare(a, 42), TypeError, "new: expected an Assessment"),
        (lambda a: carepath.compare(a, a, "2.0.0"), TypeError, "catalogue must be"),
        (lambda a: carepath.benchmark(a), TypeError, "wrap it in a list"),
        (lambda a: carepath.benchmark([a], min_group=-1), ValueError, "min_group must be"),
        (lambda a: carepath.benchmark([a], min_group=2.5), TypeError, "float"),
        (lambda a: carepath.consensus([a, 3]), TypeError, r"items\[1\]"),
        (lambda a: carepath.consensus([a, a], threshold="3"), TypeError, "str"),
        (lambda a: carepath.Catalogue.bundled_for("perinatal-mental-health"), TypeError, "bundled_for expects"),
        (lambda a: carepath.Catalogue.bundled_for({"id": "x"}), carepath.SchemaError, "catalogue reference"),
    ],
)
def test_wrong_arguments(catalogue: carepath.Catalogue, call: Any, error: type, message: str) -> None:
    a = carepath.Assessment.new(catalogue, area="A", assessed_on="2016-01-01")
    with pytest.raises(error, match=message):
        call(a)


def test_new_errors_pickle() -> None:
    try:
        carepath.benchmark([])
    except carepath.TooFewError as e:
        copy = pickle.loads(pickle.dumps(e))
        assert type(copy) is carepath.TooFewError and copy.code == "no_assessments"
