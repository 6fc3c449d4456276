"""Notebook display of reports, comparisons, benchmarks, consensus and migration reports:
compact HTML. Every piece of text is escaped, and every light shows its word, not only its
colour."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

if TYPE_CHECKING:
    from ._carepath import Benchmark, Comparison, Consensus, MigrationReport, Report

# Background and text colours with enough contrast; the light's word is always shown too, so
# the colour is never the only signal.
_COLOURS: Dict[str, str] = {
    "red": "background:#c62828;color:#fff",
    "amber": "background:#ffb300;color:#000",
    "green": "background:#2e7d32;color:#fff",
}
_NONE = "background:#e0e0e0;color:#000"
_GAPS_SHOWN = 5


def _light(light: Optional[str], labels: Dict[str, str]) -> str:
    if light is None:
        return f'<span style="{_NONE};padding:0 .4em;border-radius:3px">no score</span>'
    style = _COLOURS.get(light, _NONE)
    word = labels.get(light, light)
    return f'<span style="{style};padding:0 .4em;border-radius:3px">{escape(word)}</span>'


def _score(score: Optional[float]) -> str:
    return "–" if score is None else f"{score:.1f}"


_CELL = 'style="padding:2px 8px;text-align:{}"'
_TABLE = '<table style="border-collapse:collapse">'


def _labels(catalogue: Any) -> Dict[str, str]:
    return {band["id"]: band["label"] for band in catalogue.scale["bands"]}


def _edition(ref: Dict[str, str]) -> str:
    return f"{escape(ref['id'])}@{escape(ref['version'])}"


def _area(area: Dict[str, str]) -> str:
    return f"<strong>{escape(area['name'])}</strong>" + (f" ({escape(area['code'])})" if area.get("code") else "")


def _head(*columns: Tuple[str, str]) -> str:
    cells = "".join(f"<th {_CELL.format(align)}>{name}</th>" for name, align in columns)
    return f"<thead><tr>{cells}</tr></thead>"


def _td(content: str, align: str = "left", title: Optional[str] = None) -> str:
    tip = f' title="{escape(title)}"' if title else ""
    return f"<td {_CELL.format(align)}{tip}>{content}</td>"


def _tr(*cells: str) -> str:
    return "<tr>" + "".join(cells) + "</tr>"


def _titles(catalogue: Any) -> Dict[str, str]:
    return {s["id"]: s["title"] for s in catalogue.standards}


def _fragment(kind: str, parts: List[str]) -> str:
    """The parts as one HTML fragment, in a ``div`` of class ``carepath-<kind>``."""
    return "\n".join([f'<div class="carepath-{kind}">', *parts, "</div>"])


def report_html(report: Report) -> str:
    """The report as a compact HTML fragment (see ``Report._repr_html_``)."""
    labels = _labels(report.catalogue)
    titles = _titles(report.catalogue)
    overall: Dict[str, Any] = report.overall
    parts = [
        f"<p>{_area(report.area)} · {escape(report.assessed_on)} · {_edition(report.catalogue_ref)}</p>",
        f"<p>Overall: <strong>{_score(overall['score'])}</strong> "
        f"{_light(overall['light'], labels)} · {overall['rated']} of {overall['total']} standards rated</p>",
        _TABLE,
        _head(("Theme", "left"), ("Title", "left"), ("Score", "right"), ("Light", "left"), ("Complete", "right"))
        + "<tbody>",
    ]
    for theme in report.themes:
        parts.append(
            _tr(
                _td(escape(theme["id"])),
                _td(escape(theme["title"])),
                _td(_score(theme["score"]), "right"),
                _td(_light(theme["light"], labels)),
                _td(f"{theme['completeness']:.0%}", "right"),
            )
        )
    parts.append("</tbody></table>")
    gaps = report.gaps
    if gaps:
        items = "".join(
            f"<li>{escape(g['id'])} {escape(titles.get(g['id'], ''))}: rated {g['rating']}, "
            f"{escape(g['priority'])} (weighted shortfall {g['weighted_shortfall']})</li>"
            for g in gaps[:_GAPS_SHOWN]
        )
        more = f" (of {len(gaps)})" if len(gaps) > _GAPS_SHOWN else ""
        parts.append(f"<p>Top gaps{more}:</p><ol>{items}</ol>")
    unknowns = report.unknowns
    if unknowns:
        parts.append(f"<p>Unknown: {escape(', '.join(unknowns))}</p>")
    return _fragment("report", parts)


# --- the answers of compare, benchmark, consensus and migrate --------------------------------

_ARROWS = {
    "improved": "▲ improved",
    "worsened": "▼ worsened",
    "unchanged": "= unchanged",
    "newly_rated": "newly rated",
    "no_longer_rated": "no longer rated",
    "not_rated": "not rated",
}


def _then_now(score: Optional[float], light: Optional[str], labels: Dict[str, str]) -> str:
    return f"{_score(score)} {_light(light, labels)}" if score is not None else _light(None, labels)


def _change(change: Optional[float]) -> str:
    return "–" if change is None else f"{change:+.1f}"


def comparison_html(comparison: Comparison) -> str:
    """The comparison as a compact HTML fragment (see ``Comparison._repr_html_``): overall and
    each theme then and now."""
    labels = _labels(comparison.catalogue)
    old, new, comparable = comparison.old, comparison.new, comparison.comparable
    parts = [
        f"<p>{_area(comparison.area)} · {escape(old['assessed_on'])} ({_edition(old['catalogue'])}) → "
        f"{escape(new['assessed_on'])} ({_edition(new['catalogue'])})</p>",
        f"<p>Compared in {_edition(comparison.catalogue_ref)}: {comparable['standards']} of "
        f"{comparable['total']} standards scored both times ({comparable['share']:.0%}).</p>",
    ]
    migration = comparison.migration
    if migration is not None:
        parts.append(
            f"<p>The earlier assessment was migrated from {_edition(migration.from_ref)}: "
            f"{len(migration.to_review)} carried ratings flagged for review, {migration.archived} archived.</p>"
        )
    overall = comparison.overall
    parts += [
        _TABLE,
        _head(("Theme", "left"), ("Title", "left"), ("Then", "left"), ("Now", "left"), ("Change", "right"),
              ("", "left")),
        "<tbody>",
        _tr(
            _td("<strong>Overall</strong>"),
            _td(""),
            _td(_then_now(overall["old"], overall["old_light"], labels)),
            _td(_then_now(overall["new"], overall["new_light"], labels)),
            _td(_change(overall["change"]), "right"),
            _td(escape(_ARROWS.get(overall["direction"], overall["direction"]))),
        ),
    ]
    for theme in comparison.themes:
        parts.append(
            _tr(
                _td(escape(theme["id"])),
                _td(escape(theme["title"])),
                _td(_then_now(theme["old"], theme["old_light"], labels)),
                _td(_then_now(theme["new"], theme["new_light"], labels)),
                _td(_change(theme["change"]), "right"),
                _td(escape(_ARROWS.get(theme["direction"], theme["direction"]))),
            )
        )
    parts.append("</tbody></table>")
    improved, worsened = comparison.improved, comparison.worsened
    parts.append(f"<p>Standards: {len(improved)} improved, {len(worsened)} worsened"
                 + (f" ({escape(', '.join(worsened))})" if worsened else "") + ".</p>")
    return _fragment("comparison", parts)


def _position(score: Optional[float], light: Optional[str], quarter: Optional[int], labels: Dict[str, str]) -> str:
    if score is None:
        return _light(None, labels)
    q = f" <small>Q{quarter}</small>" if quarter is not None else ""
    return f"{_score(score)} {_light(light, labels)}{q}"


def _median(distribution: Dict[str, Any]) -> str:
    if distribution["withheld"]:
        return f"<em>withheld ({distribution['count']} scored)</em>"
    return _score(distribution["median"])


def benchmark_html(benchmark: Benchmark) -> str:
    """The benchmark as a compact HTML fragment (see ``Benchmark._repr_html_``): areas (by name)
    by themes, each cell the score, light and quarter, then the median of each column."""
    labels = _labels(benchmark.catalogue)
    themes = benchmark.themes
    head = "".join(
        f'<th {_CELL.format("left")} title="{escape(t["title"])}">{escape(t["id"])}</th>' for t in themes
    )
    parts = [
        f"<p>{benchmark.areas} areas · {_edition(benchmark.catalogue_ref)} · "
        f"figures withheld where fewer than {benchmark.min_group} areas scored</p>",
        _TABLE,
        f'<thead><tr><th {_CELL.format("left")}>Area</th><th {_CELL.format("left")}>Overall</th>{head}</tr></thead>',
        "<tbody>",
    ]
    for position in benchmark.positions:
        overall = position["overall"]
        parts.append(
            _tr(
                _td(_area(position["area"])),
                _td(_position(overall["score"], overall["light"], overall["quarter"], labels)),
                *(_td(_position(t["score"], t["light"], t["quarter"], labels)) for t in position["themes"]),
            )
        )
    medians = (_td(_median(t["distribution"])) for t in themes)
    parts.append(_tr(_td("<em>Median</em>"), _td(_median(benchmark.overall)), *medians))
    parts.append("</tbody></table>")
    parts.append(
        "<p><small>Areas are listed by name, not ranked. Q1 to Q4: the area's quarter among the areas "
        "(1 lowest, 4 highest; tied areas share a quarter).</small></p>"
    )
    return _fragment("benchmark", parts)


def _rating(rating: Any) -> str:
    if rating is None:
        return "–"
    return escape(str(rating).replace("_", " "))


def consensus_html(consensus: Consensus) -> str:
    """The consensus as a compact HTML fragment (see ``Consensus._repr_html_``): the raters and
    the standards to discuss, with each rater's rating and the combined one."""
    titles = _titles(consensus.catalogue)
    raters = consensus.raters
    disagreements, mixed = set(consensus.disagreements), set(consensus.mixed_applicability)
    items = "".join(f"<li>{escape(r)}</li>" for r in raters)
    parts = [
        f"<p>{_area(consensus.area)} · {escape(consensus.assessed_on)} · {_edition(consensus.catalogue_ref)}</p>",
        f"<p>{len(raters)} raters:</p><ol>{items}</ol>",
    ]
    discuss = [s for s in consensus.standards if s["id"] in disagreements or s["id"] in mixed]
    if not discuss:
        parts.append(
            f"<p>Nothing to discuss: no scores {consensus.threshold} or more points apart, "
            "and no standard both scored and called not applicable.</p>"
        )
    else:
        columns = [("Standard", "left"), ("Title", "left")]
        columns += [(f"Rater {i}", "right") for i in range(1, len(raters) + 1)]
        columns += [("Combined", "right"), ("Why", "left")]
        parts += [
            f"<p>To discuss ({len(discuss)}):</p>",
            _TABLE,
            _head(*columns),
            "<tbody>",
        ]
        for s in discuss:
            why = []
            if s["id"] in disagreements:
                why.append(f"scores {s['spread']} points apart")
            if s["id"] in mixed:
                why.append("mixed applicability")
            parts.append(
                _tr(
                    _td(escape(s["id"])),
                    _td(escape(titles.get(s["id"], ""))),
                    *(_td(_rating(r), "right", raters[i]) for i, r in enumerate(s["ratings"])),
                    _td(f"<strong>{_rating(s['combined'])}</strong>", "right"),
                    _td(escape("; ".join(why))),
                )
            )
        parts.append("</tbody></table>")
    return _fragment("consensus", parts)


def migration_html(report: MigrationReport) -> str:
    """The migration report as a short HTML summary (see ``MigrationReport._repr_html_``)."""
    parts = [
        f"<p>Migration {_edition(report.from_ref)} → {_edition(report.to_ref)}</p>",
    ]
    if not report.changed:
        parts.append("<p>Nothing to do: the assessment is already of a compatible edition.</p>")
    for step in report.steps:
        counts = {kind: 0 for kind in ("kept", "renamed", "split", "merged", "archived")}
        for fate in step["fates"]:
            counts[fate["fate"]] = counts.get(fate["fate"], 0) + 1
        shown = ", ".join(f"{n} {escape(fate)}" for fate, n in counts.items() if n) or "no ratings"
        parts.append(
            f"<p>{_edition(step['from'])} → {_edition(step['to'])}: {shown}; "
            f"{len(step['added'])} new standards start unrated.</p>"
        )
    if report.to_review:
        parts.append(f"<p>To review: {escape(', '.join(report.to_review))}</p>")
    if report.archived:
        parts.append(f"<p>Archived (kept whole in the assessment's archive): {report.archived}</p>")
    return _fragment("migration", parts)
