"""Every output names what each attack step uses: the vulnerability, the service and port, the means.
The water plant's booster 3 PLC is port-forwarded to the Internet with CVE-2023-6448 on PCOM
(port 20256), so the first step of every Internet actor to it is that exploit."""
import html
import json

from conftest import EXAMPLES, run, run_json

WATER = EXAMPLES / "water-treatment.json"
EXPLOIT = {"vulnerability": "CVE-2023-6448", "service": "pcom", "port": 20256, "means": "known-vulnerability"}


def first_step(path):
    return path["steps"][0]


def test_paths_json_and_text_name_the_vulnerability_service_and_means():
    paths = run_json("paths", WATER, "--threat", "ta-apt", "--to", "ps3-plc")["paths"]
    step = first_step(paths[0])
    assert {k: step[k] for k in EXPLOIT} == EXPLOIT
    assert step["technique"] == "T0819" and step["via"] == "rtr-inet-ps3"  # from the Internet: public-facing
    _, text, _ = run("paths", WATER, "--threat", "ta-apt", "--to", "ps3-plc", check=0)
    assert "T0819 (CVE-2023-6448 on pcom/20256, known-vulnerability), via rtr-inet-ps3" in text


def test_reports_and_diagrams_show_what_each_step_uses(tmp_path):
    out = tmp_path / "out"
    run("analyze", WATER, "--samples", "100", "--threat", "ta-apt", "--out", out, "--format",
        "json,html,md", check=0)
    report = json.loads((out / "report.json").read_text())
    steps = [s for p in report["paths"] for s in p["steps"]]
    assert any({k: s.get(k) for k in EXPLOIT} == EXPLOIT for s in steps)
    # Every step of a site graph names its means; service steps name their service and port.
    assert all("means" in s for s in steps)
    assert all("port" in s for s in steps if "service" in s)
    assert "CVE-2023-6448 on pcom/20256, known-vulnerability" in (out / "report.html").read_text()
    assert "CVE-2023-6448 on pcom/20256, known-vulnerability" in (out / "report.md").read_text()
    svg = tmp_path / "water.svg"
    run("render", WATER, "--threat", "ta-apt", "--view", "assets", "-o", svg, check=0)
    # Graphviz writes '-' as &#45; in tooltips.
    assert "CVE-2023-6448 on pcom/20256, known-vulnerability" in html.unescape(svg.read_text())


def test_exported_graph_keeps_the_details_and_reads_them_back(tmp_path):
    graph = tmp_path / "g.json"
    run("export", WATER, "--graph", "attack", "--format", "json", "--threat", "ta-apt", "-o", graph, check=0)
    edges = json.loads(graph.read_text())["edges"]
    assert any({k: e.get(k) for k in EXPLOIT} == EXPLOIT for e in edges)
    paths = run_json("paths", graph, "--from", "internet", "--to", "ps3-plc")["paths"]
    assert {k: first_step(paths[0])[k] for k in EXPLOIT} == EXPLOIT
