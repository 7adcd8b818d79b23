"""Governance from the command line: temporary states and --as-of, risk acceptance, findings."""
import json

from conftest import EXAMPLES, run, run_json

SESSION = {"kind": "vendor-session", "valid_from": "2026-12-08T06:00:00Z", "valid_until": "2026-12-08T18:00:00Z",
           "owner": "OT lead", "change_record": "CC-2026-412"}
SITE = {
    "schema": "zonepath/site/v1",
    "site": {"id": "s", "as_of": "2026-12-01"},
    "zones": [{"id": "vendor", "kind": "vendor"}, {"id": "sup", "kind": "supervisory"}],
    "assets": [{"id": "ews", "zone": "sup", "type": "engineering-workstation", "services": [{"protocol": "rdp"}]}],
    "conduits": [{"id": "vpn", "zones": ["vendor", "sup"], "kind": "vpn", "rules": [
        {"priority": 10, "action": "allow", "from": "vendor", "to": "sup", "protocols": ["rdp"],
         "temporary": SESSION}]}],
    "threat_actors": [{"id": "t", "sophistication": 2, "starts": ["vendor"]}],
}


def write(tmp_path, site, name="s.json"):
    path = tmp_path / name
    path.write_text(json.dumps(site))
    return path


def cross(path, *extra):
    return [f["to"] for f in run_json("flows", path, *extra)["flows"] if f["via_kind"] == "conduit"]


def test_as_of_the_day_before_on_and_after_a_window(tmp_path):
    path = write(tmp_path, SITE)
    assert cross(path) == []  # site.as_of 2026-12-01: the session has not started
    assert cross(path, "--as-of", "2026-12-07") == []
    assert cross(path, "--as-of", "2026-12-08") == ["ews"]
    assert cross(path, "--as-of", "2026-12-09") == ["ews"]  # expired but still configured
    # The attack graph follows the same date.
    reach = run_json("reach", path, "--threat", "t", "--to", "ews", "--as-of", "2026-12-07", "--exact")
    assert reach["targets"][0]["probability"] == 0
    reach = run_json("reach", path, "--threat", "t", "--to", "ews", "--as-of", "2026-12-08", "--exact")
    assert reach["targets"][0]["probability"] > 0
    after = run_json("analyze", path, "--samples", 50, "--as-of", "2026-12-09")
    assert after["as_of"] == "2026-12-09" and after["as_of_source"] == "--as-of"
    [entry] = after["temporary"]
    assert (entry["element"], entry["id"], entry["state"]) == ("rule", "vpn", "expired")
    [finding] = [f for f in after["findings"] if f["rule"] == "temporary-access-expired"]
    assert finding["conduit"] == "vpn" and "CC-2026-412" in finding["message"] and "OT lead" in finding["message"]
    during = run_json("analyze", path, "--samples", 50, "--as-of", "2026-12-08")
    assert during["temporary"][0]["state"] == "active"
    assert not [f for f in during["findings"] if f["rule"] == "temporary-access-expired"]


def test_bad_temporary_and_acceptance_are_located(tmp_path):
    bad = json.loads(json.dumps(SITE))
    bad["conduits"][0]["rules"][0]["temporary"]["valid_until"] = "soon"
    bad["risk_acceptances"] = [{"zone": "sup", "threat": "t", "accepted_by": "x", "date": "2026-01-01",
                                "justification": "y"}]
    code, out, err = run("analyze", write(tmp_path, bad), "--samples", 10)
    assert code == 1
    assert "/conduits/0/rules/0/temporary/valid_until" in err and "soon" in err
    assert "/risk_acceptances/0: missing required key 'review_by'" in err


def test_as_of_on_a_raw_graph_is_an_error(tmp_path):
    graph = {"schema": "zonepath/graph/v1", "nodes": [{"id": "a"}, {"id": "b"}],
             "edges": [{"from": "a", "to": "b", "p": 0.5}]}
    code, _, err = run("reach", write(tmp_path, graph, "g.json"), "--from", "a", "--to", "b", "--as-of", "2026-01-01")
    assert code == 1 and "--as-of applies to site files" in err


def test_pharma_plant_governance():
    report = run_json("analyze", EXAMPLES / "pharma-batch.json", "--samples", 100, "-k", 0)
    assert report["scope"]["id"] == "SUC-NGB-B4"
    expired = [f for f in report["findings"] if f["rule"] == "temporary-access-expired"]
    assert [(f["conduit"], f["severity"]) for f in expired] == [("vpn-vendor", "high")]
    assert "CC-2026-398" in expired[0]["message"]
    rows = {(r["zone"], r["threat"]): r for r in report["risk_register"]}
    sis = rows[("sis", "ta-espionage")]
    # An accepted risk stays in the register, shown as accepted. The espionage actor's likelihood
    # of initiation is low: the simulated moderate likelihood (0.25) combines to low (NIST SP 800-30
    # Table G-5), and low x severity 5 is moderate (3), the level the acceptance records.
    assert sis["treatment"] == "accept" and sis["acceptance"]["accepted_by"].startswith("Site Head of Quality")
    assert sis["risk"]["level"] == 3 and sis["acceptance"]["overdue"] is False
    assert rows[("utilities", "ta-insider")]["acceptance"]["overdue"] is True
    overdue = [f for f in report["findings"] if f["rule"] == "risk-acceptance-overdue"]
    assert [f["zone"] for f in overdue] == ["utilities"]
    assert rows[("batch-sup", "ta-insider")]["risk_owner"] == "Northgate Automation Engineering"
