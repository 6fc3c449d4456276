"""The notebook display: a compact table with the light's colour and word; all text escaped."""

from __future__ import annotations

import html
from pathlib import Path

import carepath


def test_html_shows_lights_as_colour_and_word(catalogue: carepath.Catalogue, northbrook: Path) -> None:
    report = catalogue.score(northbrook)
    page = report._repr_html_()
    assert page.count("<tr>") == 1 + len(catalogue.themes)
    labels = {b["id"]: b["label"] for b in catalogue.scale["bands"]}
    for theme in report.themes:
        assert html.escape(theme["title"]) in page
        if theme["light"]:
            assert f">{labels[theme['light']]}</span>" in page
    assert "background:#" in page
    assert f"{report.overall['score']:.1f}" in page
    assert report.gaps[0]["id"] in page


def test_html_escapes_every_text(catalogue: carepath.Catalogue) -> None:
    evil = '<script>alert("x")</script>&'
    data = catalogue.to_dict()
    data["themes"][0]["title"] = evil
    data["themes"][0]["standards"][0]["title"] = evil
    data["scale"]["bands"][0]["label"] = evil
    hostile = carepath.Catalogue.from_dict(data)
    a = carepath.Assessment.new(hostile, area={"name": evil, "code": evil}, assessed_on="2016-01-01")
    a.rate(hostile, data["themes"][0]["standards"][0]["id"], 0)
    page = hostile.score(a)._repr_html_()
    assert "<script>" not in page
    assert html.escape(evil) in page


def test_html_without_scores(catalogue: carepath.Catalogue) -> None:
    a = carepath.Assessment.new(catalogue, area="Nowhere", assessed_on="2016-01-01")
    page = catalogue.score(a)._repr_html_()
    assert "no score" in page
    assert "gaps" not in page.lower()
