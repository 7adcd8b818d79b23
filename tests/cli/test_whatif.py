"""End-to-end tests of `zonepath whatif`, `compare` and `plan` on tiny sites with hand-known answers."""
import json

from conftest import EXAMPLES, run, run_json

ONE_RULE = {
    "schema": "zonepath/site/v1", "site": {"id": "one-rule"},
    "zones": [{"id": "internet", "kind": "untrusted"}, {"id": "cell", "kind": "control"}],
    "assets": [{"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}],
                "consequence": {"safety": 5}}],
    "conduits": [{"id": "fw", "zones": ["internet", "cell"],
                  "rules": [{"priority": 100, "action": "allow", "from": "internet", "to": "cell",
                             "protocols": ["modbus-tcp"]}]}],
    "threat_actors": [{"id": "ext", "sophistication": 2, "starts": ["internet"]}],
}

CUT = {"schema": "zonepath/scenario/v1", "id": "cut", "base": "one-rule",
       "operations": [{"op": "remove-rule", "conduit": "fw", "priority": 100}]}


def write(path, doc):
    path.write_text(json.dumps(doc, indent=2))
    return path


def test_removing_the_only_rule_sends_reach_to_zero(tmp_path):
    site = write(tmp_path / "site.json", ONE_RULE)
    sc = write(tmp_path / "cut.json", CUT)
    out = run_json("whatif", site, sc, "--samples", 2000)
    [scenario] = out["scenarios"]
    [target] = scenario["diff"]["targets"]
    # By hand: 1 - (1 - 0.95)(1 - 0.03) = 0.9515 before, nothing enters the cell after.
    assert abs(target["reach_probability"]["before"] - 0.9515) < 0.03
    assert target["reach_probability"]["after"] == 0
    assert scenario["operations"][0]["op"] == "remove-rule"
    assert scenario["diff"]["paths_disappeared"]


def test_invalid_operation_is_reported_and_nothing_is_written(tmp_path):
    site = write(tmp_path / "site.json", ONE_RULE)
    before = site.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "zonepath/scenario/v1", "id": "bad",\n'
                   ' "operations": [\n'
                   '  {"op": "remove-rule", "conduit": "fw", "priority": 7}]}')
    out_dir = tmp_path / "out"
    code, _, err = run("whatif", site, write(tmp_path / "cut.json", CUT), bad, "--out", out_dir)
    assert code == 1
    assert f"{bad}:3:" in err and "/operations/0/priority" in err and "no rule with priority 7" in err
    assert not out_dir.exists()
    assert site.read_bytes() == before


def test_scenarios_with_the_same_id_are_refused_before_anything_runs(tmp_path):
    site = write(tmp_path / "site.json", ONE_RULE)
    first, second = write(tmp_path / "a.json", CUT), write(tmp_path / "b.json", CUT)
    out_dir = tmp_path / "out"
    code, out, err = run("whatif", site, first, second, "--out", out_dir)
    assert code == 1 and out == ""
    assert f"{second}:" in err and "/id" in err and f"scenario id 'cut' is also used by {first}" in err
    assert not out_dir.exists()


def test_out_writes_json_per_scenario(tmp_path):
    site = write(tmp_path / "site.json", ONE_RULE)
    sc = write(tmp_path / "cut.json", CUT)
    code, out, _ = run("whatif", site, sc, "--samples", 200, "--out", tmp_path / "o", check=0)
    assert "Scenario cut" in out
    doc = json.loads((tmp_path / "o" / "cut.json").read_text())
    assert doc["report"]["schema"] == "zonepath/report/v1"
    assert (tmp_path / "o" / "whatif.json").exists()


def test_plan_blocks_the_rule_and_verifies(tmp_path):
    site = write(tmp_path / "site.json", ONE_RULE)
    plan = run_json("plan", site, "--threat", "ext", "--samples", 500, "--no-gaps")
    assert [a["kind"] for a in plan["actions"]] == ["block-flow"]
    assert plan["targets"][0]["achieved"] == 0
    assert plan["verified"] is True
    assert "A.8.22" in plan["actions"][0]["iso27001"]


def test_compare_lists_the_dmz_only_in_b(tmp_path):
    a = dict(ONE_RULE)
    b = json.loads(json.dumps(ONE_RULE))
    b["zones"].insert(1, {"id": "dmz", "kind": "dmz"})
    out = run_json("compare", write(tmp_path / "a.json", a), write(tmp_path / "b.json", b), "--samples", 200)
    assert out["only_in"]["zones"] == {"a": [], "b": ["dmz"]}
    assert out["threats"] == ["ext"]


def test_example_scenarios_apply_to_their_plants():
    pairs = {"water": "water-treatment.json", "pharma": "pharma-batch.json", "oil-gas": "oil-gas-unit.json"}
    for sc in sorted((EXAMPLES / "scenarios").glob("*.json")):
        site = EXAMPLES / pairs[next(k for k in pairs if sc.name.startswith(k))]
        out = run_json("whatif", site, sc, "--samples", 50, "-k", 0)
        assert out["scenarios"][0]["id"] == sc.stem


def test_out_writes_html_pages_from_the_json(tmp_path):
    import html
    import re
    site = write(tmp_path / "site.json", ONE_RULE)
    hostile = dict(CUT, id="index", name='<script>alert(1)</script> cut "fw"')
    sc = write(tmp_path / "cut.json", hostile)
    out_dir = tmp_path / "o"
    run("whatif", site, sc, "--samples", 500, "--out", out_dir, check=0)
    whatif = json.loads((out_dir / "whatif.json").read_text())
    index = (out_dir / "index.html").read_text()
    # A scenario called "index" gets its own page and does not replace the summary.
    assert 'href="scenario-index.html"' in index
    page = (out_dir / "scenario-index.html").read_text()
    for doc in (index, page):
        assert "<script>" not in doc and "&lt;script&gt;alert(1)&lt;/script&gt;" in doc
    # The crown jewel's row shows the JSON's before and after figures (0.95 -> 0 by hand above).
    [target] = whatif["scenarios"][0]["diff"]["targets"]
    rows = [r for r in re.findall(r"<tr>(.*?)</tr>", page) if "<td>plc</td>" in r and r.count("<td>") == 6]
    assert len(rows) == 1  # the crown-jewel table; the path tables have four columns
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td>(.*?)</td>", rows[0])]
    before, after = (float(x) for x in cells[2].split(" \u2192 "))
    assert abs(before - target["reach_probability"]["before"]) < 1e-3 and after == 0
    assert "remove-rule" in page
    assert page.count("<tr>") >= 4


def test_compare_out_writes_both_diagrams_side_by_side(tmp_path):
    a = json.loads(json.dumps(ONE_RULE))
    b = json.loads(json.dumps(ONE_RULE))
    b["zones"].insert(1, {"id": "dmz", "kind": "dmz", "name": "<img src=x onerror=alert(1)>"})
    b["conduits"][0]["countermeasures"] = ["SR 5.1"]
    out_dir = tmp_path / "o"
    run("compare", write(tmp_path / "a.json", a), write(tmp_path / "b.json", b), "--samples", 200,
        "--out", out_dir, check=0)
    cmp = json.loads((out_dir / "compare.json").read_text())
    page = (out_dir / "compare.html").read_text()
    assert page.count("<svg") == 2 and "<img" not in page and "<script" not in page
    assert "<tr><td>zones</td><td><span class=\"muted\">none</span></td><td><code>dmz</code></td></tr>" in page
    # The cost row shows each design's total from the JSON; B pays for the SR 5.1 it declares.
    ta, tb = cmp["cost"]["a"]["total"], cmp["cost"]["b"]["total"]
    assert tb > ta
    assert f"{ta:g} &rarr; {tb:g}" in page


def test_plan_gap_actions_close_most_requirements_per_cost_first(tmp_path):
    # No rule lets the attacker in: every gap action leaves the risk at 0, so the order is the
    # tie-break, requirements closed per unit cost, highest first (gap_actions lists zones before
    # conduits, so an unsorted plan would start with the zones).
    site = {
        "schema": "zonepath/site/v1", "site": {"id": "no-path"},
        "zones": [{"id": "internet", "kind": "untrusted"},
                  {"id": "cell", "kind": "control", "sl_t": [2, 2, 2, 2, 2, 2, 2]},
                  {"id": "ops", "kind": "operations", "sl_t": [1, 1, 1, 1, 1, 1, 1]}],
        "assets": [{"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}],
                    "consequence": {"safety": 5}},
                   {"id": "srv", "zone": "ops", "type": "server", "services": [{"protocol": "https"}]}],
        "conduits": [{"id": "fw", "zones": ["internet", "cell"], "rules": []},
                     {"id": "fw2", "zones": ["ops", "cell"], "rules": []}],
        "threat_actors": [{"id": "ext", "sophistication": 2, "starts": ["internet"]}],
    }
    plan = run_json("plan", write(tmp_path / "site.json", site), "--threat", "ext", "--samples", 200)
    assert plan["risk"] == {"before": 0.0, "after": 0.0}
    actions = plan["actions"]
    assert len(actions) >= 3 and all(a["reduction_per_cost"] == 0 for a in actions)
    density = [len(a["closes"]) / a["cost"] for a in actions]
    assert density == sorted(density, reverse=True)
    assert actions[0]["kind"] == "add-conduit-requirements"
