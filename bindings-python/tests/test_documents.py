"""The documents people read (the report, comparison, benchmark and consensus in HTML, Markdown
and CSV, and the workbook) come from the one report engine: byte for byte what the
command-line tool writes, for every example."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path
from typing import Any, List

import openpyxl  # type: ignore[import-untyped, unused-ignore]
import pytest

import carepath
from conftest import EXAMPLES, example_paths

CLI = os.environ.get("CAREPATH_CLI", "")


def cli(*args: Any) -> str:
    """The command-line tool's standard output (it must be built: scripts/test.sh does)."""
    assert CLI and Path(CLI).is_file(), "CAREPATH_CLI must name the built carepath binary (scripts/test.sh sets it)"
    done = subprocess.run([CLI, *map(str, args)], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


FORMATS = [("to_html", "html"), ("to_markdown", "md"), ("to_csv", "csv")]


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_report_documents_equal_the_cli(path: Path) -> None:
    assessment = carepath.Assessment.load(path)
    report = carepath.Catalogue.bundled_for(assessment).score(assessment)
    for method, fmt in FORMATS:
        assert getattr(report, method)() == cli("report", path, "--format", fmt), (path.name, fmt)


def test_comparison_benchmark_and_consensus_documents_equal_the_cli() -> None:
    old, new = EXAMPLES / "northbrook-2016.json", EXAMPLES / "northbrook-2024.json"
    comparison = carepath.compare(old, new)
    areas = sorted(EXAMPLES.glob("*-2024.json"))
    bench = carepath.benchmark(areas)
    raters = sorted((EXAMPLES / "consensus").glob("*.json"))
    _, agreed = carepath.consensus(raters)
    for method, fmt in FORMATS:
        assert getattr(comparison, method)() == cli("compare", old, new, "--format", fmt), fmt
        assert getattr(bench, method)() == cli("benchmark", *areas, "--format", fmt), fmt
        assert getattr(agreed, method)() == cli("consensus", *raters, "--format", fmt, "-o", os.devnull), fmt


def test_defaults_are_the_cores() -> None:
    # The tool's defaults are the core's constants, so what it reports when not told is the
    # core's value, not a number typed again here; the package takes its own from Rust too.
    areas = sorted(EXAMPLES.glob("*-2024.json"))
    raters = sorted((EXAMPLES / "consensus").glob("*.json"))
    min_group = json.loads(cli("benchmark", *areas, "--format", "json"))["min_group"]
    threshold = json.loads(cli("consensus", *raters, "--format", "json", "-o", os.devnull))["threshold"]
    assert isinstance(min_group, int) and isinstance(threshold, int)
    assert carepath.DEFAULT_MIN_GROUP == min_group
    assert carepath.DEFAULT_DISAGREEMENT == threshold
    assert carepath.benchmark(areas).min_group == min_group
    assert carepath.consensus(raters)[1].threshold == threshold


def test_csv_is_one_layout_guarded_against_formulas(catalogue: carepath.Catalogue) -> None:
    a = carepath.Assessment.new(catalogue, area="Testshire", assessed_on="2016-01-01")
    a.rate(catalogue, "T1.1", 1)
    a.set_evidence("T1.1", '=HYPERLINK("http://x") and "quotes", commas\nnew line')
    rows = list(csv.DictReader(io.StringIO(catalogue.score(a).to_csv(), newline="")))
    kinds = {row["kind"] for row in rows}
    assert kinds == {"overall", "theme", "cross_cutting", "standard", "gap"}
    t11 = next(r for r in rows if r["kind"] == "standard" and r["id"] == "T1.1")
    assert t11["evidence"] == "'=HYPERLINK(\"http://x\") and \"quotes\", commas\nnew line"
    assert t11["rating"] == "1" and t11["light"] == "Red"
    gap = next(r for r in rows if r["kind"] == "gap")
    assert (gap["id"], gap["rank"]) == ("T1.1", "1")


def test_html_pages_carry_no_script() -> None:
    assessment = carepath.Assessment.load(EXAMPLES / "northbrook-2024.json")
    report = carepath.Catalogue.bundled_for(assessment).score(assessment)
    page = report.to_html()
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page.lower()
    assert "default-src 'none'" in page


def cells(path: Path) -> List[List[Any]]:
    """Every value of every sheet, read by openpyxl (formulas as written)."""
    book = openpyxl.load_workbook(path)
    return [[ws.title] + [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets]


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_workbook_cells_equal_the_cli_and_read_back(path: Path, tmp_path: Path) -> None:
    ours, theirs = tmp_path / "python.xlsx", tmp_path / "cli.xlsx"
    carepath.write_workbook(ours, assessment=path)
    cli("workbook", "--from", path, "-o", theirs)
    assert cells(ours) == cells(theirs)
    back = carepath.read_workbook(ours)
    assert back == carepath.Assessment.load(path)


def test_blank_workbook_of_a_catalogue(tmp_path: Path) -> None:
    latest = carepath.Catalogue.bundled()
    carepath.write_workbook(tmp_path / "blank.xlsx", catalogue=latest)
    book = openpyxl.load_workbook(tmp_path / "blank.xlsx")
    assert [t["id"] for t in latest.themes] == [n for n in book.sheetnames if n in {t["id"] for t in latest.themes}]


def test_a_bad_workbook_names_its_problem(tmp_path: Path) -> None:
    bad = tmp_path / "not.xlsx"
    bad.write_bytes(b"this is not a spreadsheet")
    with pytest.raises(carepath.WorkbookError) as caught:
        carepath.read_workbook(bad)
    error = caught.value
    assert error.code == "workbook" and error.file == str(bad)
    assert error.problems and error.problems[0]["sheet"] is None
    assert "not a readable XLSX workbook" in error.problems[0]["message"]
    with pytest.raises(FileNotFoundError):
        carepath.read_workbook(tmp_path / "missing.xlsx")


def test_a_workbook_cell_problem_names_sheet_and_cell(tmp_path: Path) -> None:
    path = tmp_path / "filled.xlsx"
    carepath.write_workbook(path, assessment=EXAMPLES / "northbrook-2016.json")
    book = openpyxl.load_workbook(path)
    book["T1"]["E5"] = "lots"
    book.save(path)
    with pytest.raises(carepath.WorkbookError) as caught:
        carepath.read_workbook(path)
    assert {"sheet": "T1", "cell": "E5"}.items() <= caught.value.problems[0].items()
