"""How zonepath objects show themselves in Jupyter (``_repr_html_``): a summary table and the
zone diagram; and the tables of a report as pandas DataFrames when pandas is installed (Debian
``python3-pandas``), without making pandas a dependency of the package."""
import html
from typing import Any, Dict, List, Optional

_STYLE = ("<style>.zp-nb table{border-collapse:collapse;margin:.3em 0}.zp-nb th,.zp-nb td{border:1px solid #ccc;"
          "padding:.1em .4em;text-align:left}.zp-nb td.n{text-align:right}.zp-nb .g0{background:#a6d96a}"
          ".zp-nb .g1{background:#fee08b}.zp-nb .g2{background:#fdae61}.zp-nb .g3,.zp-nb .g4{background:#f46d43}"
          ".zp-nb .svg{max-width:100%;overflow:auto}.zp-nb .svg svg{max-width:100%;height:auto}</style>")


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _table(head: List[str], rows: List[List[str]]) -> str:
    """Rows hold HTML already escaped by the caller."""
    return ("<table><tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>"
            + "".join("<tr>" + "".join(rows_cell for rows_cell in row) + "</tr>" for row in rows) + "</table>")


def _td(value: Any, cls: str = "") -> str:
    return f'<td class="{cls}">{_e(value)}</td>' if cls else f"<td>{_e(value)}</td>"


def _pct(p: Optional[float]) -> str:
    return "–" if p is None else f"{100 * p:.1f}%"


def _diagram(svg: Optional[str]) -> str:
    if not svg:
        return ""
    # Graphviz's SVG: drop the XML prolog and DOCTYPE, which HTML does not take inline.
    start = svg.find("<svg")
    return f'<div class="svg">{svg[start:]}</div>' if start >= 0 else ""


def _zone_rows(zones: List[Dict[str, Any]]) -> List[List[str]]:
    rows = []
    for z in zones:
        gap = max(z["gap"]) if z.get("gap") else 0
        risk = z.get("risk") or {}
        rows.append([_td(z["id"]), _td(" ".join(map(str, z["sl_t"]))), _td(" ".join(map(str, z["sl_a"]))),
                     _td(" ".join(map(str, z["gap"])), f"g{min(gap, 4)}"), _td(risk.get("level", 0), "n"),
                     _td("yes" if risk.get("tolerable", True) else "no")])
    return rows


def report_html(report: Any, svg: Optional[str]) -> str:
    d = report.to_dict()
    site = d["site"]
    worst: Dict[str, Dict[str, Any]] = {}
    for t in d["targets"]:
        if t["id"] not in worst or t["reach_probability"] > worst[t["id"]]["reach_probability"]:
            worst[t["id"]] = t
    targets = [[_td(t["id"]), _td(t["threat"]), _td(_pct(t["reach_probability"]), "n")]
               for t in sorted(worst.values(), key=lambda t: -t["reach_probability"])]
    return (f'<div class="zp-nb">{_STYLE}<b>zonepath report</b> {_e(site.get("name") or site.get("id"))}: '
            f'{len(d["zones"])} zones, {len(d["findings"])} findings, {d["samples"]} samples, seed {d["seed"]}'
            + _table(["zone", "SL-T", "SL-A", "gap", "risk", "tolerable"], _zone_rows(d["zones"]))
            + _table(["crown jewel", "worst threat", "reach"], targets) + _diagram(svg) + "</div>")


def site_html(site: Any, svg: Optional[str]) -> str:
    if not site.valid:
        return f'<div class="zp-nb"><b>zonepath site</b> {_e(site.source)}: invalid ({len(site.validate())} errors)</div>'
    return (f'<div class="zp-nb">{_STYLE}<b>zonepath site</b> {_e(site.name or site.id)}'
            + _table(["zones", "assets", "conduits", "threat actors", "crown jewels"],
                     [[_td(len(site.zones), "n"), _td(len(site.assets), "n"), _td(len(site.conduits), "n"),
                       _td(", ".join(site.threat_actors)), _td(", ".join(site.crown_jewels))]])
            + _diagram(svg) + "</div>")


def whatif_html(result: Dict[str, Any]) -> str:
    parts = [f'<div class="zp-nb">{_STYLE}<b>zonepath what-if</b> {_e(result["site"].get("name") or result["site"]["id"])}: '
             f'{len(result["scenarios"])} scenario(s), {result["samples"]} samples, seed {result["seed"]}']
    for s in result["scenarios"]:
        diff = s["diff"]
        summary = diff["summary"]
        rows = [[_td("worst crown-jewel reach"), _td(_pct(summary["max_reach_probability"]["before"]), "n"),
                 _td(_pct(summary["max_reach_probability"]["after"]), "n")],
                [_td("zones with intolerable risk"), _td(summary["intolerable_zones"]["before"], "n"),
                 _td(summary["intolerable_zones"]["after"], "n")],
                [_td("total SL gap"), _td(summary["total_gap"]["before"], "n"), _td(summary["total_gap"]["after"], "n")],
                [_td("paths appeared / vanished"), _td(len(diff["paths_appeared"]), "n"),
                 _td(len(diff["paths_disappeared"]), "n")],
                [_td("findings added / removed"), _td(len(diff["findings_added"]), "n"),
                 _td(len(diff["findings_removed"]), "n")]]
        changed = [[_td(t["id"]), _td(t["threat"]), _td(_pct(t["reach_probability"]["before"]), "n"),
                    _td(_pct(t["reach_probability"]["after"]), "n")]
                   for t in diff["targets"] if t["reach_probability"]["before"] != t["reach_probability"]["after"]]
        parts.append(f"<h4>{_e(s['id'])}{(': ' + _e(s['name'])) if s.get('name') else ''}</h4>"
                     + "<ol>" + "".join(f"<li>{_e(o['summary'])}</li>" for o in s["operations"]) + "</ol>"
                     + _table(["", "baseline", "scenario"], rows)
                     + (_table(["crown jewel", "threat", "baseline", "scenario"], changed) if changed else ""))
    return "".join(parts) + "</div>"


def data_frame(records: List[Dict[str, Any]], what: str):
    """A pandas DataFrame of `records`; ImportError saying how to get pandas when it is missing."""
    try:
        import pandas
    except ImportError as e:
        raise ImportError(f"{what} as a DataFrame needs pandas (Debian: apt-get install python3-pandas; "
                          f"or pip install pandas); the records themselves need nothing") from e
    return pandas.DataFrame.from_records(records)


class WhatifResult(dict):
    """The document of ``zonepath whatif --json`` (a plain dict in every other respect) that
    shows its scenarios' changes as a table in Jupyter."""

    def _repr_html_(self) -> str:
        return whatif_html(self)
