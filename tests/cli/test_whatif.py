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
