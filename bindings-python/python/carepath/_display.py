"""Notebook display of reports: a compact HTML table. Every piece of text is escaped."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, Dict, Optional

if TYPE_CHECKING:
    from ._carepath import Report

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


def report_html(report: Report) -> str:
    """The report as a compact HTML fragment (see ``Report._repr_html_``)."""
    catalogue = report.catalogue
    labels = {band["id"]: band["label"] for band in catalogue.scale["bands"]}
    titles = {s["id"]: s["title"] for s in catalogue.standards}
    overall: Dict[str, Any] = report.overall
    area = report.area
    ref = report.catalogue_ref
    cell = 'style="padding:2px 8px;text-align:{}"'
    parts = [
        '<div class="carepath-report">',
        f"<p><strong>{escape(area['name'])}</strong>"
        + (f" ({escape(area['code'])})" if area.get("code") else "")
        + f" · {escape(report.assessed_on)} · {escape(ref['id'])}@{escape(ref['version'])}</p>",
        f"<p>Overall: <strong>{_score(overall['score'])}</strong> "
        f"{_light(overall['light'], labels)} · {overall['rated']} of {overall['total']} standards rated</p>",
        '<table style="border-collapse:collapse">',
        "<thead><tr>"
        + "".join(
            f"<th {cell.format(align)}>{name}</th>"
            for name, align in [
                ("Theme", "left"), ("Title", "left"), ("Score", "right"), ("Light", "left"), ("Complete", "right"),
            ]
        )
        + "</tr></thead><tbody>",
    ]
    for theme in report.themes:
        parts.append(
            "<tr>"
            f"<td {cell.format('left')}>{escape(theme['id'])}</td>"
            f"<td {cell.format('left')}>{escape(theme['title'])}</td>"
            f"<td {cell.format('right')}>{_score(theme['score'])}</td>"
            f"<td {cell.format('left')}>{_light(theme['light'], labels)}</td>"
            f"<td {cell.format('right')}>{theme['completeness']:.0%}</td>"
            "</tr>"
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
    parts.append("</div>")
    return "\n".join(parts)
