"""paths / reach / simulate / gaps / analyze on a site, against values worked out by hand.

Tiny plant: internet -> ws (enterprise workstation with RDP) -> plc (Modbus/TCP, safety 5).
Tier-2 step probabilities from models/data/threat-model.json with every SL-A 0:
  internet->ws: T0822 external remote service 0.3, T0866 generic exploit 0.03
  ent->plc:     T0855 unauthenticated protocol 0.95, T0866 generic exploit 0.03
Most likely path 0.3 x 0.95 = 0.285, mean time 10 + 1 = 11 days.
Exact reach (1 - 0.7 x 0.97) x (1 - 0.05 x 0.97) = 0.321 x 0.9515 = 0.3054315.
"""
import copy
import json
import math

import pytest

from conftest import EXAMPLES, run, run_json

TINY = {
    "schema": "zonepath/site/v1",
    "site": {"id": "tiny"},
    "zones": [{"id": "internet", "kind": "untrusted"}, {"id": "ent", "kind": "enterprise"},
              {"id": "cell", "kind": "control"}],
    "assets": [
        {"id": "ws", "zone": "ent", "type": "workstation", "services": [{"protocol": "rdp"}]},
        {"id": "plc", "zone": "cell", "type": "plc", "services": [{"protocol": "modbus-tcp"}],
         "consequence": {"safety": 5}},
    ],
    "conduits": [
        {"id": "inet-ent", "zones": ["internet", "ent"],
         "rules": [{"priority": 1, "action": "allow", "from": "internet", "to": "ent"}]},
        {"id": "ent-cell", "zones": ["ent", "cell"],
         "rules": [{"priority": 1, "action": "allow", "from": "ent", "to": "cell"}]},
    ],
    "threat_actors": [{"id": "t2", "sophistication": 2, "starts": ["internet"]}],
}

EXACT = 0.321 * 0.9515


def write(tmp_path, site, name="site.json"):
    path = tmp_path / name
    path.write_text(json.dumps(site))
    return path


def test_most_likely_path_hand_worked(tmp_path):
    out = run_json("paths", write(tmp_path, TINY), "--threat", "t2", "--to", "plc")
    best = out["paths"][0]
    assert best["nodes"] == ["internet", "ws", "plc"]
    assert best["probability"] == pytest.approx(0.285, abs=1e-12)
    assert best["cost"] == pytest.approx(-math.log(0.3) - math.log(0.95), abs=1e-12)
    assert best["ttc_mean_days"] == pytest.approx(11.0)
    steps = [(s["from"], s["to"], s["via"], s["technique"], s["p"]) for s in best["steps"]]
    assert steps == [("internet", "ws", "inet-ent", "T0822", pytest.approx(0.3)),
                     ("ws", "plc", "ent-cell", "T0855", pytest.approx(0.95))]


def test_k_paths_are_distinct_routes_best_first(tmp_path):
    # Paths are distinct routes (node sequences); a second technique on the same hop is not a
    # second path. One route only:
    out = run_json("paths", write(tmp_path, TINY), "--threat", "t2", "--to", "plc", "-k", "4")
    assert [p["nodes"] for p in out["paths"]] == [["internet", "ws", "plc"]]
    # A file server with SMB (valid accounts, T0859, 0.2) opens a second route: 0.2 x 0.95.
    site = copy.deepcopy(TINY)
    site["assets"].append({"id": "fs", "zone": "ent", "type": "server", "services": [{"protocol": "smb"}]})
    out = run_json("paths", write(tmp_path, site), "--threat", "t2", "--to", "plc", "-k", "4")
    assert [p["nodes"] for p in out["paths"]] == [["internet", "ws", "plc"], ["internet", "fs", "plc"]]
    assert [p["probability"] for p in out["paths"]] == pytest.approx([0.285, 0.19], abs=1e-12)
    assert out["paths"][1]["steps"][0]["technique"] == "T0859"


def test_exact_reach_on_a_small_site_says_so(tmp_path):
    out = run_json("reach", write(tmp_path, TINY), "--threat", "t2", "--to", "plc")
    assert out["method"] == "exact"
    (target,) = out["targets"]
    assert target["id"] == "plc"
    assert target["probability"] == pytest.approx(EXACT, abs=1e-12)
    assert target["ci95"] == [target["probability"]] * 2


def test_monte_carlo_reach_and_simulate_agree_with_exact(tmp_path):
    site = write(tmp_path, TINY)
    mc = run_json("reach", site, "--threat", "t2", "--to", "plc", "--samples", "20000", "--seed", "3")
    assert mc["method"] == "monte-carlo"
    lo, hi = mc["targets"][0]["ci95"]
    assert lo <= EXACT <= hi
    sim = run_json("simulate", site, "--threat", "t2", "--to", "plc", "--samples", "20000", "--seed", "3")
    t = sim["targets"][0]
    assert t["ci95"][0] <= EXACT <= t["ci95"][1]
    ttc = t["ttc_days"]
    assert ttc["p10"] <= ttc["p50"] <= ttc["p90"]
    # Every successful run takes at least the Modbus step; the RDP route dominates (mean 10 + 1).
    assert 5 < ttc["mean"] < 30


def test_data_diode_blocks_the_path(tmp_path):
    site = copy.deepcopy(TINY)
    site["conduits"][1] = {"id": "ent-cell", "zones": ["ent", "cell"], "kind": "data-diode",
                           "direction": "cell->ent"}
    out = run_json("paths", write(tmp_path, site), "--threat", "t2", "--to", "plc")
    assert out["paths"] == []
    assert out["unreachable"] == ["plc"]
    reach = run_json("reach", write(tmp_path, site), "--threat", "t2", "--to", "plc")
    assert reach["targets"][0]["probability"] == 0


def test_stateful_rule_never_lets_the_reverse_initiate(tmp_path):
    site = copy.deepcopy(TINY)
    site["conduits"][1]["rules"] = [{"priority": 1, "action": "allow", "from": "cell", "to": "ent"}]
    out = run_json("paths", write(tmp_path, site), "--threat", "t2", "--to", "plc")
    assert out["paths"] == []


def test_rule_change_moves_the_most_likely_path(tmp_path):
    site = copy.deepcopy(TINY)
    site["assets"].insert(1, {
        "id": "web", "zone": "ent", "type": "server", "services": [{"protocol": "https"}],
        "vulnerabilities": [{"id": "CVE-2021-44228", "service": "https",
                             "cvss": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"}]})
    # Only RDP to the workstation is published: the path goes through ws.
    site["conduits"][0]["rules"] = [
        {"priority": 10, "action": "allow", "from": "internet", "to": "ent", "protocols": ["rdp"]}]
    before = run_json("paths", write(tmp_path, site), "--threat", "t2", "--to", "plc")
    assert before["paths"][0]["nodes"] == ["internet", "ws", "plc"]
    # Publishing HTTPS exposes the vulnerable server (exploitability 3.887 / 3.887 = 1, T0819).
    site["conduits"][0]["rules"].insert(0, {"priority": 5, "action": "allow", "from": "internet",
                                            "to": "ent", "protocols": ["https"], "dst_assets": ["web"]})
    after = run_json("paths", write(tmp_path, site), "--threat", "t2", "--to", "plc")
    best = after["paths"][0]
    assert best["nodes"] == ["internet", "web", "plc"]
    assert best["steps"][0]["technique"] == "T0819"
    assert best["probability"] == pytest.approx(0.95, abs=1e-3)


def test_gaps_json_fields(tmp_path):
    site = copy.deepcopy(TINY)
    site["zones"][2]["sl_t"] = 2
    out = run_json("gaps", write(tmp_path, site), "--threat", "t2")
    cell = next(z for z in out["zones"] if z["id"] == "cell")
    assert cell["sl_t"] == [2] * 7
    assert cell["sl_a"] == [0] * 7
    assert cell["gap"] == [2] * 7
    assert len(cell["missing"]) == 60


def test_analyze_writes_report_and_register_deterministically(tmp_path):
    example = EXAMPLES / "water-treatment.json"
    a, b = tmp_path / "a", tmp_path / "b"
    run("analyze", example, "--samples", "300", "--seed", "5", "--out", a, check=0)
    run("analyze", example, "--samples", "300", "--seed", "5", "--out", b, check=0)
    ra, rb = (a / "report.json").read_bytes(), (b / "report.json").read_bytes()
    assert ra == rb
    assert (a / "risk-register.csv").read_bytes() == (b / "risk-register.csv").read_bytes()
    report = json.loads(ra)
    assert report["schema"] == "zonepath/report/v1"
    for key in ("site", "threats", "zones", "conduits", "paths", "targets", "recommendations"):
        assert key in report
    for z in report["zones"]:
        assert len(z["sl_t"]) == len(z["sl_a"]) == len(z["gap"]) == 7
        assert z["gap"] == [max(0, t - a) for t, a in zip(z["sl_t"], z["sl_a"])]
        assert set(z["risk"]) >= {"likelihood", "severity", "level", "tolerable"}
    header = (a / "risk-register.csv").read_text().splitlines()[0]
    for col in ("zone", "threat", "likelihood", "severity", "risk", "missing", "iso27001", "compensating"):
        assert col in header


def test_analyze_same_bytes_whatever_the_thread_count(tmp_path):
    import os
    example = EXAMPLES / "water-treatment.json"
    outs = []
    for threads in ("1", "2"):
        env = dict(os.environ, ZONEPATH_THREADS=threads)
        code, out, err = run("analyze", example, "--samples", "300", "--seed", "9", "--json", env=env)
        assert code == 0, err
        outs.append(out)
    assert outs[0] == outs[1]


def test_unknown_threat_is_an_error_naming_it(tmp_path):
    code, out, err = run("paths", write(tmp_path, TINY), "--threat", "nobody")
    assert code == 1
    assert "nobody" in err


def test_risk_register_neutralises_spreadsheet_formulas(tmp_path):
    import csv
    # Ids may start with "-", which spreadsheets evaluate as a formula ("-cell" -> #NAME?).
    text = json.dumps(TINY).replace('"cell"', '"-cell"')
    path = tmp_path / "site.json"
    path.write_text(text)
    out = tmp_path / "out"
    run("analyze", path, "--samples", "200", "--out", out, check=0)
    rows = list(csv.DictReader((out / "risk-register.csv").open()))
    zones = [r["zone"] for r in rows]
    assert "'-cell" in zones
    for r in rows:
        for v in r.values():
            assert not v.startswith(("=", "+", "-", "@")), v
