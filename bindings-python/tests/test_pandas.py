"""pandas tables, and a clear ImportError without pandas."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import carepath
from conftest import example_paths, theme_count

pd = pytest.importorskip("pandas")


def test_score_many_frame(catalogue: carepath.Catalogue) -> None:
    paths = example_paths()
    frame = carepath.score_many(paths)
    assert list(frame.columns) == carepath.SCORE_MANY_COLUMNS
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
        return None if x is None or (isinstance(x, float) and x != x) else x

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
