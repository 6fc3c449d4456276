"""pandas tables, and a clear ImportError without pandas."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest

import carepath
from conftest import example_paths, theme_count

pd = pytest.importorskip("pandas")


def test_score_many_frame(catalogue: carepath.Catalogue) -> None:
    paths = example_paths()
    frame = carepath.score_many(paths)
    # The fixed columns, then one per population group the examples declare.
    fixed = len(carepath.SCORE_MANY_COLUMNS)
    assert list(frame.columns[:fixed]) == carepath.SCORE_MANY_COLUMNS
    assert list(frame.columns[fixed:]) and all(str(c).startswith("group:") for c in frame.columns[fixed:])
    assert len(frame) == theme_count(paths)
    assert str(frame["assessed_on"].dtype).startswith("datetime64")
    assert frame["score"].dtype == "float64"
    assert frame["rated"].dtype == "int64"
    records = carepath.score_many_records(paths)
    for (_, row), record in zip(frame.iterrows(), records):
        assert row["area"] == record["area"]
        assert row["assessed_on"].strftime("%Y-%m-%d") == record["assessed_on"]
        assert row["score"] == pytest.approx(record["score"], abs=1e-9, nan_ok=True) or (
            record["score"] is None and pd.isna(row["score"])
        )
    wide = frame.pivot(index=["area", "assessed_on"], columns="theme", values="score")
    assert len(wide) == len(paths)
    assert set(wide.columns) == set(frame["theme"])


def _frame_from_records(records: List[Dict[str, Any]]) -> Any:
    """The DataFrame of these rows made the plain way: pandas reads a list per column."""
    groups = [k for k in (records[0] if records else {}) if k.startswith("group:")]
    columns = [*carepath.SCORE_MANY_COLUMNS, *groups]
    frame = pd.DataFrame({c: [r[c] for r in records] for c in columns}, columns=columns)
    for name in groups:
        frame[name] = frame[name].astype("float64")
    frame["assessed_on"] = pd.to_datetime(frame["assessed_on"], format="%Y-%m-%d")
    return frame


@pytest.mark.parametrize("which", ["examples", "texts", "one", "unscored", "empty"])
def test_score_many_frame_is_the_plain_frame_of_its_rows(catalogue: carepath.Catalogue, which: str) -> None:
    # score_many hands pandas the columns as arrays and distinct values; the frame must be the
    # one pandas makes from the same rows as plain lists: the same dtypes, the same cells.
    unscored = carepath.Assessment.new(catalogue, area="A", assessed_on="2016-01-01")
    items: List[Any] = {
        "examples": example_paths(),
        "texts": [p.read_text(encoding="utf-8") for p in example_paths()],
        "one": example_paths()[:1],
        "unscored": [unscored],
        "empty": [],
    }[which]
    frame = carepath.score_many(items)
    plain = _frame_from_records(carepath.score_many_records(items))
    assert list(frame.columns) == list(plain.columns)
    assert [str(t) for t in frame.dtypes] == [str(t) for t in plain.dtypes]
    pd.testing.assert_frame_equal(frame, plain, check_exact=True)
    frame.loc[0:0, "score"] = 1.0  # the frame's own, writable data


def test_score_many_empty() -> None:
    frame = carepath.score_many([])
    assert list(frame.columns) == carepath.SCORE_MANY_COLUMNS
    assert len(frame) == 0


def test_a_theme_without_a_score_is_nan(catalogue: carepath.Catalogue) -> None:
    a = carepath.Assessment.new(catalogue, area="A", assessed_on="2016-01-01")
    a.rate(catalogue, "T1.1", 2)
    frame = carepath.score_many([a])
    assert frame.loc[0, "score"] == 2.0
    assert frame["score"].iloc[1:].isna().all()
    assert frame["light"].iloc[1:].isna().all()


@pytest.mark.parametrize("table", ["themes", "standards", "cross_cutting", "gaps"])
def test_report_tables(catalogue: carepath.Catalogue, northbrook: Path, table: str) -> None:
    report = catalogue.score(northbrook)
    frame = report.to_pandas(table)
    source = getattr(report, table)
    assert len(frame) == len(source)
    assert list(frame["id"]) == [x["id"] for x in source]
    def plain(x: object) -> object:
        return None if x is None or x is pd.NA or (isinstance(x, float) and x != x) else x

    for column in frame.columns:
        if source and column in source[0] and column not in ("score", "rating"):
            assert [plain(x) for x in frame[column]] == [x[column] for x in source], column


def test_report_table_extras(catalogue: carepath.Catalogue, northbrook: Path) -> None:
    report = catalogue.score(northbrook)
    titles = {s["id"]: s["title"] for s in catalogue.standards}
    standards = report.to_pandas("standards")
    assert list(standards["title"]) == [titles[i] for i in standards["id"]]
    assert standards["score"].dtype == "float64"
    scored = [s["rating"] if isinstance(s["rating"], int) else None for s in report.standards]
    assert [None if pd.isna(x) else int(x) for x in standards["score"]] == scored
    gaps = report.to_pandas("gaps")
    assert list(gaps["weighted_shortfall"]) == sorted(gaps["weighted_shortfall"], reverse=True)
    assert list(report.to_pandas().columns)[:4] == ["id", "title", "score", "light"]
    with pytest.raises(ValueError, match="unknown table"):
        report.to_pandas("nope")  # type: ignore[arg-type]


def test_without_pandas(monkeypatch: pytest.MonkeyPatch, catalogue: carepath.Catalogue, northbrook: Path) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    report = catalogue.score(northbrook)
    for call in (lambda: carepath.score_many([northbrook]), lambda: report.to_pandas()):
        with pytest.raises(ImportError, match=r"pip install 'carepath\[pandas\]'"):
            call()
    # Everything else still works.
    assert carepath.score_many_records([northbrook])
    assert "<table" in report._repr_html_()


# --- the tables of migrate, compare, benchmark and consensus --------------------------------

EXAMPLES = Path(__file__).resolve().parents[2] / "standards" / "examples"
AREAS_2024 = sorted(EXAMPLES.glob("*-2024.json"))
RATERS = sorted((EXAMPLES / "consensus").glob("*.json"))


def plain(x: object) -> object:
    return None if x is None or x is pd.NA or (isinstance(x, float) and x != x) else x


def test_comparison_tables() -> None:
    c = carepath.compare(EXAMPLES / "northbrook-2016.json", EXAMPLES / "northbrook-2024.json")
    for table in ("themes", "cross_cutting"):
        frame = c.to_pandas(table)  # type: ignore[arg-type]
        rows = getattr(c, table)
        assert list(frame.columns) == ["id", "title", "old", "new", "old_light", "new_light", "change", "direction"]
        assert [{k: plain(v) for k, v in rec.items()} for rec in frame.to_dict("records")] == rows
        assert frame["old"].dtype == frame["change"].dtype == "float64"
    assert c.to_pandas().equals(c.to_pandas("themes"))
    standards = c.to_pandas("standards")
    assert len(standards) == len(c.standards) and standards["old_score"].dtype == "float64"
    titles = {s["id"]: s["title"] for s in c.catalogue.standards}
    assert list(standards["title"]) == [titles[i] for i in standards["id"]]
    assert [plain(x) for x in standards["change"]] == [s["change"] for s in c.standards]
    both = standards.dropna(subset=["old_score", "new_score"])
    assert ((both["new_score"] - both["old_score"]) == both["change"]).all()
    assert list(standards["direction"]) == [s["direction"] for s in c.standards]
    with pytest.raises(ValueError, match="unknown table"):
        c.to_pandas("gaps")  # type: ignore[arg-type]


def test_benchmark_tables() -> None:
    b = carepath.benchmark(AREAS_2024)
    themes = b.to_pandas()
    assert list(themes["id"]) == [t["id"] for t in b.themes]
    assert list(themes["median"]) == [t["distribution"]["median"] for t in b.themes]
    assert list(b.to_pandas("cross_cutting")["count"]) == [x["distribution"]["count"] for x in b.cross_cutting]
    standards = b.to_pandas("standards")
    assert list(standards.columns[:4]) == ["id", "theme", "title", "priority"] and len(standards) == len(b.standards)
    positions = b.to_pandas("positions")
    assert len(positions) == b.areas * len(b.themes)
    assert str(positions["assessed_on"].dtype).startswith("datetime64")
    assert str(positions["quarter"].dtype) == "Int64"
    wide = positions.pivot(index="area", columns="theme", values="quarter")
    for p in b.positions:
        assert [plain(wide.loc[p["area"]["name"], t["id"]]) for t in p["themes"]] == [t["quarter"] for t in p["themes"]]
    withheld = carepath.benchmark(AREAS_2024[:2]).to_pandas("positions")
    assert withheld["quarter"].isna().all() and withheld["score"].notna().any()


def test_consensus_tables() -> None:
    _, c = carepath.consensus(RATERS)
    standards = c.to_pandas()
    assert list(standards.columns) == [
        "id", "theme", "title", "priority", "combined", "scored", "spread", "disagreement", "mixed_applicability",
        *c.raters,
    ]
    assert len(standards) == len(c.standards)
    assert list(standards.loc[standards["disagreement"], "id"]) == c.disagreements
    assert list(standards.loc[standards["mixed_applicability"], "id"]) == c.mixed_applicability
    for rater_index, rater in enumerate(c.raters):
        assert [plain(x) for x in standards[rater]] == [s["ratings"][rater_index] for s in c.standards]
    ratings = c.to_pandas("ratings")
    assert len(ratings) == len(c.standards) * len(c.raters)
    assert ratings["score"].dtype == "float64"
    assert ratings.groupby("id", sort=False)["score"].count().tolist() == [s["scored"] for s in c.standards]


def test_a_rater_label_never_hides_a_column() -> None:
    latest = carepath.Catalogue.bundled(version="2")
    raters = []
    for label in ("id", "title"):
        a = carepath.Assessment.new(latest, area="A", assessed_on="2024-01-01").to_dict()
        a["participants"] = [{"role": label}]
        a["ratings"] = {"T1.1": {"rating": 2}}
        raters.append(a)
    _, c = carepath.consensus(raters)
    frame = c.to_pandas()
    assert list(frame.columns[-2:]) == ["id (rater 1)", "title (rater 2)"]
    assert frame.loc[0, "id"] == "T1.1" and frame.loc[0, "id (rater 1)"] == 2


def test_migration_tables() -> None:
    _, report = carepath.migrate(EXAMPLES / "northbrook-2016.json")
    fates = report.to_pandas()
    step = report.steps[0]
    assert len(fates) == len(step["fates"])
    assert list(fates["standard"]) == [f["standard"] for f in step["fates"]]
    assert [plain(x) for x in fates["to"]] == [", ".join(f["to"]) or None for f in step["fates"]]
    assert set(fates["from_version"]) == {"1.0.0"} and set(fates["to_version"]) == {"3.1.0"}
    assert list(report.to_pandas("added")["standard"]) == report.added
    nothing = carepath.migrate(carepath.migrate(EXAMPLES / "northbrook-2016.json")[0])[1]
    assert len(nothing.to_pandas()) == 0 and list(nothing.to_pandas().columns)[0] == "step"


def test_answers_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    c = carepath.compare(EXAMPLES / "northbrook-2016.json", EXAMPLES / "northbrook-2024.json")
    b = carepath.benchmark(AREAS_2024)
    _, k = carepath.consensus(RATERS)
    monkeypatch.setitem(sys.modules, "pandas", None)
    for answer in (c, b, k, c.migration):
        assert answer is not None
        with pytest.raises(ImportError, match=r"pip install 'carepath\[pandas\]'"):
            answer.to_pandas()
        assert "<table" in answer._repr_html_() or "<p>" in answer._repr_html_()
