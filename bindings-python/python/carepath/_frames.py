"""pandas tables of reports and of the answers of migrate, compare, benchmark and consensus.
pandas is optional: only these functions need it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Tuple

if TYPE_CHECKING:
    import pandas  # type: ignore[import-untyped, unused-ignore]

    from ._carepath import Benchmark, Catalogue, Comparison, Consensus, MigrationReport, Report

#: The tables :meth:`Report.to_pandas` makes, and their columns.
TABLES: Dict[str, Tuple[str, ...]] = {
    "themes": (
        "id", "title", "score", "light", "rated", "not_applicable", "unknown", "unrated", "total",
        "completeness", "target_score",
    ),
    "standards": ("id", "theme", "title", "priority", "rating", "score", "light", "target", "to_target"),
    "cross_cutting": ("id", "title", "score", "light", "rated", "total"),
    "gaps": (
        "id", "theme", "title", "priority", "rating", "shortfall", "weight", "weighted_shortfall",
    ),
    "plan": ("id", "title", "standards", "owner", "due", "status", "overdue", "notes"),
    "groups": ("scope", "id", "title", "group", "score", "light", "rated"),
    "equity_gaps": (
        "id", "theme", "title", "group", "priority", "rating", "group_rating", "difference", "weight",
        "weighted_difference",
    ),
}


#: The tables of the other answers, and their columns (consensus adds one column per rater).
MIGRATION_TABLES: Dict[str, Tuple[str, ...]] = {
    "fates": ("step", "from_version", "to_version", "standard", "rating", "fate", "to", "review", "note"),
    "added": ("step", "to_version", "standard"),
}
_CHANGE = ("old", "new", "old_light", "new_light", "change", "direction")
COMPARISON_TABLES: Dict[str, Tuple[str, ...]] = {
    "themes": ("id", "title") + _CHANGE,
    "cross_cutting": ("id", "title") + _CHANGE,
    "standards": (
        "id", "theme", "title", "priority", "old", "new", "old_score", "new_score", "change", "direction",
    ),
}
_SPREAD = ("count", "withheld", "min", "q1", "median", "q3", "max")
BENCHMARK_TABLES: Dict[str, Tuple[str, ...]] = {
    "themes": ("id", "title") + _SPREAD,
    "cross_cutting": ("id", "title") + _SPREAD,
    "standards": ("id", "theme", "title", "priority") + _SPREAD,
    "positions": (
        "area", "area_code", "area_kind", "assessed_on", "theme", "title", "score", "light", "quarter",
        "overall_score", "overall_light", "overall_quarter",
    ),
}
CONSENSUS_TABLES: Dict[str, Tuple[str, ...]] = {
    "standards": (
        "id", "theme", "title", "priority", "combined", "scored", "spread", "disagreement", "mixed_applicability",
    ),
    "ratings": ("id", "theme", "rater", "rating", "score"),
}


def _pandas_for(table: str, tables: Dict[str, Tuple[str, ...]], what: str) -> Any:
    """Checks the table's name, then imports pandas: a name that is no table is a ValueError
    with or without pandas."""
    if table not in tables:
        raise ValueError(f"unknown table {table!r}: expected one of {', '.join(map(repr, tables))}")
    return require_pandas(what)


def _score(rating: Any) -> Any:
    """The number of a rating, or None for a word or no rating (bool is no number)."""
    return rating if isinstance(rating, int) and not isinstance(rating, bool) else None


def _standard_columns(catalogue: Catalogue) -> Dict[str, Dict[str, Any]]:
    """What the tables of standards add from the catalogue, by standard id: its title and
    priority."""
    return {s["id"]: {"title": s["title"], "priority": s["priority"]} for s in catalogue.standards}


def _as_type(frame: pandas.DataFrame, dtype: str, *columns: str) -> pandas.DataFrame:
    """Gives the columns a dtype (``"float64"``: missing numbers are NaN; ``"Int64"``: whole
    numbers that may be missing)."""
    for column in columns:
        frame[column] = frame[column].astype(dtype)
    return frame


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
    pd = _pandas_for(table, TABLES, "Report.to_pandas")
    rows: List[Dict[str, Any]]
    if table == "themes":
        rows = report.themes
    elif table == "cross_cutting":
        rows = report.cross_cutting
    elif table == "groups":
        # One row per group per scope: the whole pathway, then each theme, then each
        # cross-cutting theme, the groups in the report's order within each.
        overall = [("overall", {"id": None, "title": "Overall", "groups": report.overall["groups"]})]
        scopes = (
            overall
            + [("theme", t) for t in report.themes]
            + [("cross_cutting", x) for x in report.cross_cutting]
        )
        rows = [
            {"scope": scope, "id": item["id"], "title": item["title"], **{k: g[k] for k in ("score", "light", "rated")},
             "group": g["id"]}
            for scope, item in scopes
            for g in item["groups"]
        ]
    else:
        standards = _standard_columns(report.catalogue)
        if table == "standards":
            rows = [dict(s, **standards[s["id"]], score=_score(s["rating"])) for s in report.standards]
        elif table == "gaps":
            rows = [dict(g, title=standards[g["id"]]["title"]) for g in report.gaps]
        elif table == "equity_gaps":
            rows = [dict(g, title=standards[g["id"]]["title"]) for g in report.equity_gaps]
        else:
            overdue = set(report.plan["overdue"]) if report.plan else set()
            rows = [dict(a, standards=", ".join(a["standards"]), overdue=a["id"] in overdue) for a in report.actions]
    frame = pd.DataFrame(rows, columns=list(TABLES[table]))
    if table == "standards":
        _as_type(frame, "float64", "score")
        _as_type(frame, "Int64", "target", "to_target")
    elif table == "themes":
        _as_type(frame, "float64", "target_score")
    elif table == "groups":
        _as_type(frame, "float64", "score")
    elif table == "plan":
        frame["due"] = pd.to_datetime(frame["due"], format="%Y-%m-%d")
        _as_type(frame, "bool", "overdue")
    return frame


def migration_frame(report: MigrationReport, table: str = "fates") -> pandas.DataFrame:
    """One table of a migration report (see :meth:`carepath.MigrationReport.to_pandas`)."""
    pd = _pandas_for(table, MIGRATION_TABLES, "MigrationReport.to_pandas")
    rows: List[Dict[str, Any]] = []
    for number, step in enumerate(report.steps, start=1):
        if table == "fates":
            for fate in step["fates"]:
                rows.append(
                    dict(
                        fate,
                        step=number,
                        from_version=step["from"]["version"],
                        to_version=step["to"]["version"],
                        to=", ".join(fate["to"]) or None,
                    )
                )
        else:
            rows.extend(
                {"step": number, "to_version": step["to"]["version"], "standard": s} for s in step["added"]
            )
    return pd.DataFrame(rows, columns=list(MIGRATION_TABLES[table]))


def comparison_frame(comparison: Comparison, table: str = "themes") -> pandas.DataFrame:
    """One table of a comparison (see :meth:`carepath.Comparison.to_pandas`)."""
    pd = _pandas_for(table, COMPARISON_TABLES, "Comparison.to_pandas")
    numbers: Tuple[str, ...]
    if table == "standards":
        standards = _standard_columns(comparison.catalogue)
        rows = [
            dict(s, **standards[s["id"]], old_score=_score(s["old"]), new_score=_score(s["new"]))
            for s in comparison.standards
        ]
        numbers = ("old_score", "new_score", "change")
    else:
        rows = comparison.themes if table == "themes" else comparison.cross_cutting
        numbers = ("old", "new", "change")
    return _as_type(pd.DataFrame(rows, columns=list(COMPARISON_TABLES[table])), "float64", *numbers)


def benchmark_frame(benchmark: Benchmark, table: str = "themes") -> pandas.DataFrame:
    """One table of a benchmark (see :meth:`carepath.Benchmark.to_pandas`)."""
    pd = _pandas_for(table, BENCHMARK_TABLES, "Benchmark.to_pandas")
    rows: List[Dict[str, Any]]
    if table == "positions":
        titles = {t["id"]: t["title"] for t in benchmark.catalogue.themes}
        rows = []
        for position in benchmark.positions:
            area, overall = position["area"], position["overall"]
            for theme in position["themes"]:
                rows.append(
                    {
                        "area": area["name"],
                        "area_code": area.get("code"),
                        "area_kind": area.get("kind"),
                        "assessed_on": position["assessed_on"],
                        "theme": theme["id"],
                        "title": titles.get(theme["id"]),
                        "score": theme["score"],
                        "light": theme["light"],
                        "quarter": theme["quarter"],
                        "overall_score": overall["score"],
                        "overall_light": overall["light"],
                        "overall_quarter": overall["quarter"],
                    }
                )
        frame = pd.DataFrame(rows, columns=list(BENCHMARK_TABLES[table]))
        frame["assessed_on"] = pd.to_datetime(frame["assessed_on"], format="%Y-%m-%d")
        _as_type(frame, "float64", "score", "overall_score")
        # Quarters are 1 to 4, or missing (no score, or withheld).
        return _as_type(frame, "Int64", "quarter", "overall_quarter")
    if table == "standards":
        standards = _standard_columns(benchmark.catalogue)
        rows = [
            dict(s["distribution"], id=s["id"], theme=s["theme"], **standards[s["id"]])
            for s in benchmark.standards
        ]
    else:
        groups = benchmark.themes if table == "themes" else benchmark.cross_cutting
        rows = [dict(g["distribution"], id=g["id"], title=g["title"]) for g in groups]
    frame = pd.DataFrame(rows, columns=list(BENCHMARK_TABLES[table]))
    return _as_type(frame, "float64", "min", "q1", "median", "q3", "max")


def consensus_frame(consensus: Consensus, table: str = "standards") -> pandas.DataFrame:
    """One table of a consensus (see :meth:`carepath.Consensus.to_pandas`)."""
    pd = _pandas_for(table, CONSENSUS_TABLES, "Consensus.to_pandas")
    standards = _standard_columns(consensus.catalogue)
    raters = consensus.raters
    mixed = set(consensus.mixed_applicability)
    if table == "ratings":
        rows = [
            {"id": s["id"], "theme": s["theme"], "rater": rater, "rating": rating, "score": _score(rating)}
            for s in consensus.standards
            for rater, rating in zip(raters, s["ratings"])
        ]
        return _as_type(pd.DataFrame(rows, columns=list(CONSENSUS_TABLES[table])), "float64", "score")
    # One column per rater, named by its label (labels are unique; one that would clash with a
    # fixed column gets its number added).
    fixed = set(CONSENSUS_TABLES["standards"])
    columns = [label if label not in fixed else f"{label} (rater {i})" for i, label in enumerate(raters, 1)]
    rows = []
    for s in consensus.standards:
        row = {
            "id": s["id"],
            "theme": s["theme"],
            **standards[s["id"]],
            "combined": s["combined"],
            "scored": s["scored"],
            "spread": s["spread"],
            "disagreement": s["disagreement"],
            "mixed_applicability": s["id"] in mixed,
        }
        row.update(zip(columns, s["ratings"]))
        rows.append(row)
    return _as_type(pd.DataFrame(rows, columns=list(CONSENSUS_TABLES[table]) + columns), "Int64", "spread")
