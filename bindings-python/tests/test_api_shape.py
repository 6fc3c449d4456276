"""The package's shape: it exports its API and nothing else, every error code of the core raises
its class, and the README's table of names across surfaces holds for Python."""

from __future__ import annotations

import re
from pathlib import Path

import carepath
from carepath import _carepath

REPO = Path(__file__).resolve().parents[2]


def test_namespace_is_the_api() -> None:
    public = {name for name in dir(carepath) if not name.startswith("_")}
    assert public == set(carepath.__all__) - {"__version__"}, public ^ (set(carepath.__all__) - {"__version__"})


def schema_codes() -> dict[str, str]:
    """Every code of the core, from the published error schema, with its description."""
    schema = carepath.json_schema("error")
    variants = schema["$defs"]["ErrorCode"]["oneOf"]
    return {v["const"]: v.get("description", "") for v in variants}


def test_every_error_code_maps_to_its_class() -> None:
    codes = schema_codes()
    # The codes an exception can carry: every code but those only a problem in a list carries
    # (documented "Problem: ...") and the command-line tool's `io`.
    errors = {c for c, doc in codes.items() if not doc.startswith("Problem:") and c != "io"}
    mapping = dict(_carepath.ERROR_CLASSES)
    assert set(mapping) == errors, set(mapping) ^ errors
    for code, name in mapping.items():
        cls = getattr(carepath, name)
        assert issubclass(cls, carepath.CarepathError) and cls is not carepath.CarepathError, (code, name)
        # Each code is documented on its class or in the module's overview.
        assert f'"{code}"' in (cls.__doc__ or "") + (carepath._errors.__doc__ or ""), (code, name)


def test_review_notes_can_be_set_and_cleared(catalogue: carepath.Catalogue) -> None:
    a = carepath.Assessment.new(catalogue, area="Testshire", assessed_on="2016-01-01")
    a.rate(catalogue, "T1.1", 3)
    a.set_review("T1.1", "carried from 2016: check")
    assert a.ratings["T1.1"]["review"] == "carried from 2016: check"
    a.clear_review("T1.1")
    assert "review" not in a.ratings["T1.1"]
    try:
        a.clear_review("T1.2")
    except carepath.ValidationError as e:
        assert e.problems[0]["code"] == "not_rated"
    else:
        raise AssertionError("clearing the note of an unrated standard must fail")


def test_readme_parity_table_names_exist_in_python() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    table = text.split("<!-- parity -->", 2)[1]
    lines = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    column = [c.strip() for c in lines[0].split("|")].index("Python")
    rows = lines[1:]
    assert len(rows) >= 15
    for row in rows:
        python = re.split(r"(?<!\\)\|", row)[column]
        for name in re.findall(r"`([^`]+)`", python):
            target: object = carepath
            for part in name.split("."):
                assert hasattr(target, part), f"{name} (row {row.strip()})"
                target = getattr(target, part)
