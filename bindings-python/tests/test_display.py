"""The notebook display: the report engine's page body (the same page every surface writes),
its stylesheet scoped to it, lights shown by colour and word, all text escaped, no script."""

from __future__ import annotations

import html
from pathlib import Path

import carepath


def test_html_shows_lights_as_colour_and_word(catalogue: carepath.Catalogue, northbrook: Path) -> None:
    report = catalogue.score(northbrook)
    page = report._repr_html_()
    assert page.startswith('<div class="carepath-doc">') and "<html" not in page and "<script" not in page
    # The page's body, exactly: the notebook shows what the HTML report shows.
    body = report.to_html().split("<body>\n", 1)[1].rsplit("</body>", 1)[0]
    assert body in page
    labels = {b["id"]: b["label"] for b in catalogue.scale["bands"]}
    for theme in report.themes:
        assert html.escape(theme["title"], quote=True) in page
        if theme["light"]:
            assert f">{labels[theme['light']]}</span>" in page
    assert ".carepath-doc .light-red{background:var(--red)" in page
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
    assert "&lt;script&gt;" in page


def test_html_without_scores(catalogue: carepath.Catalogue) -> None:
    a = carepath.Assessment.new(catalogue, area="Nowhere", assessed_on="2016-01-01")
    page = catalogue.score(a)._repr_html_()
    assert "no score" in page


# --- the answers of compare, benchmark, consensus and migrate --------------------------------

EXAMPLES = Path(__file__).resolve().parents[2] / "standards" / "examples"
EVIL = '<script>alert("x")</script>&'


def hostile_edition() -> carepath.Catalogue:
    """The 2.0.0 edition with hostile text in every title and label."""
    data = carepath.Catalogue.bundled(version="2").to_dict()
    for theme in data["themes"]:
        theme["title"] = EVIL + theme["id"]
        for standard in theme["standards"]:
            standard["title"] = EVIL
    for band in data["scale"]["bands"]:
        band["label"] = EVIL
    return carepath.Catalogue.from_dict(data)


def rated(catalogue: carepath.Catalogue, name: str, score: int, date: str = "2024-01-01", **extra: object) -> carepath.Assessment:
    a = carepath.Assessment.new(catalogue, area={"name": name, "code": name}, assessed_on=date)
    for standard in catalogue.standards[:8]:
        a.rate(catalogue, standard["id"], score)
    for key, value in extra.items():
        data = a.to_dict()
        data[key] = value
        a = carepath.Assessment.from_dict(data)
    return a


def test_benchmark_comparison_and_consensus_show_their_pages() -> None:
    b = carepath.benchmark(sorted(EXAMPLES.glob("*-2024.json")))
    c = carepath.compare(EXAMPLES / "northbrook-2016.json", EXAMPLES / "northbrook-2024.json")
    _, agreed = carepath.consensus(sorted((EXAMPLES / "consensus").glob("*.json")))
    for answer in (b, c, agreed):
        fragment = answer._repr_html_()
        body = answer.to_html().split("<body>\n", 1)[1].rsplit("</body>", 1)[0]
        assert fragment.startswith('<div class="carepath-doc">') and body in fragment
        assert "<script" not in fragment
    page = b._repr_html_()
    for position in b.positions:
        assert html.escape(position["area"]["name"]) in page
    assert "league table" in page or "not a ranking" in page or "not ranked" in page.lower()
    for rater in agreed.raters:
        assert f"<li>{html.escape(rater)}</li>" in agreed._repr_html_()
    for standard in set(agreed.disagreements) | set(agreed.mixed_applicability):
        assert f'data-standard="{standard}"' in agreed._repr_html_()


def test_migration_html() -> None:
    _, report = carepath.migrate(EXAMPLES / "northbrook-2016.json")
    page = report._repr_html_()
    assert "1.0.0" in page and "3.1.0" in page and "To review: " + report.to_review[0] in page
    nothing = carepath.migrate(carepath.migrate(EXAMPLES / "northbrook-2016.json")[0])[1]
    assert "Nothing to do" in nothing._repr_html_()


def test_every_answer_escapes_every_text() -> None:
    hostile = hostile_edition()
    people = [{"role": EVIL, "organisation": EVIL}]
    areas = [rated(hostile, EVIL + str(i), i % 6, participants=people) for i in range(5)]
    pages = [
        carepath.benchmark(areas, hostile)._repr_html_(),
        carepath.compare(rated(hostile, EVIL, 1, "2023-01-01"), rated(hostile, EVIL, 4), hostile)._repr_html_(),
        carepath.consensus([rated(hostile, EVIL, 0, participants=people), rated(hostile, EVIL, 5)], hostile)[1]._repr_html_(),
    ]
    for page in pages:
        assert "<script>" not in page
        assert html.escape(EVIL) in page


def test_reprs() -> None:
    c = carepath.compare(EXAMPLES / "northbrook-2016.json", EXAMPLES / "northbrook-2024.json")
    assert repr(c).startswith("<Comparison Northbrook 2016-11-30 -> 2024-11-13: overall 2.8 -> 3.0 (improved), ")
    assert repr(c.migration).startswith("<MigrationReport perinatal-mental-health@1.0.0 -> 2.0.0: 1 step, ")
    b = carepath.benchmark(sorted(EXAMPLES.glob("*-2024.json")))
    assert repr(b) == (f"<Benchmark of {b.areas} areas against perinatal-mental-health@2.0.0: overall median "
                       f"{b.overall['median']:.1f}, 0 of 7 themes withheld (min_group 5)>")
    _, k = carepath.consensus(sorted((EXAMPLES / "consensus").glob("*.json")))
    assert repr(k) == (f"<Consensus Northbrook 2024-11-06: 3 raters, {len(k.disagreements)} disagreements, "
                       f"{len(k.mixed_applicability)} of mixed applicability (threshold 3)>")
