"""pandas tables of reports. pandas is optional: only these functions need it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Tuple

if TYPE_CHECKING:
    import pandas  # type: ignore[import-untyped, unused-ignore]

    from ._carepath import Report

#: The tables :meth:`Report.to_pandas` makes, and their columns.
TABLES: Dict[str, Tuple[str, ...]] = {
    "themes": (
        "id", "title", "score", "light", "rated", "not_applicable", "unknown", "unrated", "total",
        "completeness",
    ),
    "standards": ("id", "theme", "title", "priority", "rating", "score", "light"),
    "cross_cutting": ("id", "title", "score", "light", "rated", "total"),
    "gaps": (
        "id", "theme", "title", "priority", "rating", "shortfall", "weight", "weighted_shortfall",
    ),
}


def require_pandas(what: str) -> Any:
    """Imports pandas, or raises ImportError saying how to install it."""
    try:
        import pandas
    except ImportError as error:
        raise ImportError(
            f"{what} needs pandas, which is not installed: "
            "pip install 'carepath[pandas]' (or pip install pandas)"
        ) from error
    return pandas


def report_frame(report: Report, table: str = "themes") -> pandas.DataFrame:
    """One table of a report as a DataFrame (see :meth:`carepath.Report.to_pandas`)."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}: expected one of {', '.join(map(repr, TABLES))}")
    pd = require_pandas("Report.to_pandas")
    rows: List[Dict[str, Any]]
    if table == "themes":
        rows = report.themes
    elif table == "cross_cutting":
        rows = report.cross_cutting
    else:
        standards = {s["id"]: s for s in report.catalogue.standards}
        if table == "standards":
            rows = [
                dict(
                    s,
                    title=standards[s["id"]]["title"],
                    priority=standards[s["id"]]["priority"],
                    score=s["rating"] if isinstance(s["rating"], int) else None,
                )
                for s in report.standards
            ]
        else:
            rows = [dict(g, title=standards[g["id"]]["title"]) for g in report.gaps]
    frame = pd.DataFrame(rows, columns=list(TABLES[table]))
    if table == "standards":
        frame["score"] = frame["score"].astype("float64")
    return frame
