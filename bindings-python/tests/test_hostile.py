"""The hostile documents of ``tests/hostile/``, each of which once showed a defect, read as the
Rust and JavaScript tests read them (``cases.json``), from bytes, from text and from a file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest

import carepath

HOSTILE = Path(__file__).resolve().parents[2] / "tests" / "hostile"
CASES: List[Dict[str, Any]] = json.loads((HOSTILE / "cases.json").read_text())["cases"]


def reader(case: Dict[str, Any]) -> Callable[[Any], Any]:
    return carepath.Catalogue.from_json if case["read_as"] == "catalogue" else carepath.Assessment.from_json


def check(case: Dict[str, Any], read: Callable[[], Any]) -> None:
    expected = case["expected"]
    if expected.get("ok"):
        value = read()
        if "area" in expected:
            data = value.to_dict()
            assert data["area"]["name"] == expected["area"]
            assert len(data["ratings"]) == expected["ratings"]
        return
    with pytest.raises(carepath.CarepathError) as caught:
        read()
    err = caught.value
    assert err.code == expected["code"], str(err)
    if "path" in expected:
        assert err.path == expected["path"], str(err)
    if "problems" in expected:
        assert [{"path": p["path"], "code": p["code"]} for p in err.problems] == expected["problems"]
    if "line" in expected:
        assert f"line {expected['line']}, column {expected['column']}" in str(err), str(err)


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_from_bytes(case: Dict[str, Any]) -> None:
    data = (HOSTILE / case["file"]).read_bytes()
    check(case, lambda: reader(case)(data))


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_from_a_file(case: Dict[str, Any]) -> None:
    path = HOSTILE / case["file"]
    load = carepath.Catalogue.load if case["read_as"] == "catalogue" else carepath.Assessment.load
    check(case, lambda: load(path))


@pytest.mark.parametrize("case", [c for c in CASES if c["read_as"] == "assessment"], ids=lambda c: c["file"])
def test_scoring_any_form(case: Dict[str, Any]) -> None:
    # Catalogue.score() takes a path, JSON text (a BOM first included) or bytes alike.
    catalogue = carepath.Catalogue.load(HOSTILE.parent / "vectors" / "catalogues" / "tiny.json")
    data = (HOSTILE / case["file"]).read_bytes()
    check({**case, "expected": {k: v for k, v in case["expected"].items() if k not in ("area", "ratings")}},
          lambda: catalogue.score(data))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    check({**case, "expected": {k: v for k, v in case["expected"].items() if k not in ("area", "ratings")}},
          lambda: catalogue.score(text))


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda items: carepath.score_many_records(items, threads=-1), "threads must be an integer from 1"),
        (lambda items: carepath.score_many_records(items, threads=0), "threads must be an integer from 1"),
        (lambda items: carepath.score_many_records(items, threads=2**70), "threads must be an integer from 1"),
        (lambda items: carepath.benchmark(items, min_group=2**70), "min_group must be an integer from 0"),
        (lambda items: carepath.consensus(items * 2, threshold=2**40), "threshold must be an integer from"),
    ],
)
def test_out_of_range_arguments_are_coded(call: Callable[[Any], Any], message: str) -> None:
    items = [str(Path(__file__).resolve().parents[2] / "standards" / "examples" / "northbrook-2024.json")]
    with pytest.raises(carepath.ArgumentError, match=message) as caught:
        call(items)
    assert caught.value.code == "argument"
    assert isinstance(caught.value, ValueError) and not isinstance(caught.value, OverflowError)


def test_wrong_types_are_still_type_errors() -> None:
    with pytest.raises(TypeError, match="bool"):
        carepath.score_many_records([], threads=True)
    with pytest.raises(TypeError, match="JSON text"):
        carepath.Assessment.from_json(3)


def put(doc: Any, pointer: str, value: Any) -> Any:
    if pointer == "":
        return value
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
    at = doc
    for t in tokens[:-1]:
        at = at[int(t)] if isinstance(at, list) else at[t]
    last = tokens[-1]
    if isinstance(at, list):
        at[int(last)] = value
    else:
        at[last] = value
    return doc


def test_the_schemas_negations_are_refused_as_schema_at_their_pointer() -> None:
    negations = json.loads((HOSTILE / "negations.json").read_text())
    assert len(negations["cases"]) > 150
    wrong = []
    for case in negations["cases"]:
        doc = put(json.loads(json.dumps(negations["bases"][case["base"]])), case["pointer"], case["value"])
        read = carepath.Catalogue.from_json if case["read_as"] == "catalogue" else carepath.Assessment.from_json
        try:
            read(json.dumps(doc))
            wrong.append(f"{case['base']} {case['pointer']} = {case['value']!r}: accepted")
        except carepath.CarepathError as err:
            if err.code != "schema" or err.path != case["pointer"]:
                wrong.append(f"{case['base']} {case['pointer']} = {case['value']!r}: {err.code} at {err.path}")
    assert wrong == []
