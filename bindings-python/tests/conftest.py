"""Shared fixtures: the repository's data files and the bundled catalogue."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, List, Optional

import pytest

import carepath

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "standards" / "examples"
VECTORS = REPO / "tests" / "vectors"
TOLERANCE = 1e-9


def example_paths() -> List[Path]:
    paths = sorted(EXAMPLES.glob("*.json"))
    assert paths, f"no example assessments in {EXAMPLES}"
    return paths


def named_catalogue(assessment: carepath.Assessment) -> carepath.Catalogue:
    """The bundled edition for the one an assessment names (the rule every surface follows)."""
    return carepath.Catalogue.bundled_for(assessment)


def theme_count(paths: List[Path]) -> int:
    """How many theme rows score_many gives for these files."""
    return sum(len(named_catalogue(carepath.Assessment.load(p)).themes) for p in paths)


@pytest.fixture(scope="session")
def catalogue() -> carepath.Catalogue:
    return carepath.Catalogue.bundled("perinatal-mental-health", "1.0.0")


@pytest.fixture
def northbrook() -> Path:
    return EXAMPLES / "northbrook-2016.json"


def diff(expected: Any, actual: Any, path: str = "") -> Optional[str]:
    """The first difference between two JSON values as a JSON Pointer and a description:
    objects with the same keys, arrays of the same length and order, numbers within 1e-9
    (``3`` and ``3.0`` are the same number; booleans are not numbers). An expected ``"*"``
    matches any non-empty string: it pins text written for people (review notes, archive
    reasons) by its presence, not its wording."""
    number = (int, float)
    if expected == "*" and isinstance(expected, str):
        ok = isinstance(actual, str) and actual != ""
        return None if ok else f"{path or '/'}: expected some text, got {actual!r}"
    if isinstance(expected, bool) or isinstance(actual, bool):
        same = type(expected) is type(actual) and expected == actual
        return None if same else f"{path or '/'}: expected {expected!r}, got {actual!r}"
    if isinstance(expected, number) and isinstance(actual, number):
        if math.isfinite(expected) and math.isfinite(actual) and abs(expected - actual) <= TOLERANCE:
            return None
        return f"{path or '/'}: expected {expected!r}, got {actual!r}"
    if isinstance(expected, dict) and isinstance(actual, dict):
        if sorted(expected) != sorted(actual):
            return f"{path or '/'}: expected keys {sorted(expected)}, got {sorted(actual)}"
        for key in expected:
            found = diff(expected[key], actual[key], f"{path}/{key}")
            if found:
                return found
        return None
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return f"{path or '/'}: expected {len(expected)} items, got {len(actual)}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            found = diff(e, a, f"{path}/{i}")
            if found:
                return found
        return None
    if type(expected) is type(actual) and expected == actual:
        return None
    return f"{path or '/'}: expected {expected!r}, got {actual!r}"
