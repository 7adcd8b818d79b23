"""Jupyter display and pandas tables: Report, Site and what-if results render themselves as HTML
(summary tables and the zone diagram, the same SVG as zonepath render); the risk register and
the gap table become DataFrames with pandas, and without pandas say how to get it."""
import builtins
import html
import re
import sys

import pytest

import zonepath
from conftest import EXAMPLES

SITE = EXAMPLES / "water-treatment.json"
SCENARIO = EXAMPLES / "scenarios" / "water-remove-port-forward.json"


@pytest.fixture(scope="module")
def site():
    return zonepath.load(SITE)


@pytest.fixture(scope="module")
def report(site):
    return site.analyze(samples=100, seed=2)


def cells(text):
    return [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", text)]


def test_report_html_has_every_zone_and_the_diagram(site, report):
    text = report._repr_html_()
    values = cells(text)
    for z in report.zones:
        i = values.index(z["id"])
        assert values[i + 1:i + 4] == [" ".join(map(str, z[k])) for k in ("sl_t", "sl_a", "gap")]
    # The diagram is zonepath render's for the first threat actor, with the report's options.
    svg = site.render(report.threats[0]["id"], format="svg", samples=100, seed=2)
    assert svg[svg.index("<svg"):] in text
    worst = max(t["reach_probability"] for t in report.targets)
    assert f"{100 * worst:.1f}%" in values


def test_site_and_whatif_html(site):
    text = site._repr_html_()
    assert [str(len(site.zones)), str(len(site.assets)), str(len(site.conduits))] == cells(text)[:3]
    assert "<svg" in text and "<?xml" not in text
    result = site.whatif([SCENARIO], samples=100, seed=2)
    assert isinstance(result, dict) and result["schema"] == "zonepath/whatif/v1"
    text = result._repr_html_()
    scenario = result["scenarios"][0]
    for op in scenario["operations"]:
        assert html.escape(op["summary"]) in text
    gap = scenario["diff"]["summary"]["total_gap"]
    values = cells(text)
    i = values.index("total SL gap")
    assert values[i + 1:i + 3] == [str(gap["before"]), str(gap["after"])]


def test_hostile_names_stay_text():
    doc = {"schema": "zonepath/site/v1", "site": {"id": "s", "name": "<script>alert(1)</script>"},
           "zones": [{"id": "z", "kind": "control"}], "assets": [], "conduits": [], "threat_actors": []}
    text = zonepath.load(doc)._repr_html_()
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_data_frames(report):
    pandas = pytest.importorskip("pandas")
    register = report.risk_register_frame()
    assert isinstance(register, pandas.DataFrame)
    assert list(register.columns) == list(report.risk_register_records()[0].keys())
    assert len(register) == len(report.risk_register)
    gaps = report.gap_frame()
    assert list(gaps.columns) == ["zone", *zonepath.FR_NAMES]
    assert gaps["zone"].tolist() == report.zone_ids
    assert gaps.drop(columns="zone").to_numpy().tolist() == report.gap_matrix.tolist()


def test_without_pandas_the_message_says_how_to_get_it(report, monkeypatch):
    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "pandas", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError, match="python3-pandas"):
        report.gap_frame()
    assert len(report.risk_register_records()) == len(report.risk_register)  # records need nothing
