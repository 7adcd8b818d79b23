"""--as-of on the commands that read a site without analysing it in full (validate, export, drift)
and on serve and batch: a vendor session on 2026-12-08, judged the day before (scheduled, not in
force), on the day (active) and the day after (expired, still configured). The expected values
follow from the window alone: the rule passes RDP from the vendor laptop to the engineering
workstation only when it is in force."""
import json
import sqlite3

import pytest

from conftest import run, run_json
from serve_helper import api, served

BEFORE, ON, AFTER = "2026-12-07", "2026-12-08", "2026-12-09"
SESSION = {"kind": "vendor-session", "valid_from": "2026-12-08", "valid_until": "2026-12-08",
           "owner": "OT lead", "change_record": "CC-2026-412"}
SITE = {
    "schema": "zonepath/site/v1",
    "site": {"id": "s", "as_of": "2026-12-01"},
    "zones": [{"id": "vendor", "kind": "vendor", "x-subnets": ["10.9.0.0/24"]},
              {"id": "sup", "kind": "supervisory", "x-subnets": ["10.1.0.0/24"]}],
    "assets": [{"id": "laptop", "zone": "vendor", "type": "workstation", "x-ip": "10.9.0.5"},
               {"id": "ews", "zone": "sup", "type": "engineering-workstation", "x-ip": "10.1.0.10",
                "services": [{"protocol": "rdp"}], "consequence": {"safety": 4}}],
    "conduits": [{"id": "vpn", "zones": ["vendor", "sup"], "kind": "vpn", "rules": [
        {"priority": 10, "action": "allow", "from": "vendor", "to": "sup", "protocols": ["rdp"],
         "description": "vendor RDP", "temporary": SESSION}]}],
    "threat_actors": [{"id": "t", "sophistication": 2, "starts": ["vendor"]}],
}


@pytest.fixture
def site(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(SITE))
    return path


def test_validate_counts_temporary_elements_by_their_state(site):
    def summary(*extra):
        [entry] = run_json("validate", site, *extra)["files"]
        return entry["summary"]

    assert summary()["as_of"] == "2026-12-01"
    assert summary()["temporary"] == {"scheduled": 1, "active": 0, "expired": 0}
    assert summary("--as-of", ON)["temporary"] == {"scheduled": 0, "active": 1, "expired": 0}
    after = summary("--as-of", AFTER)
    assert after["as_of"] == AFTER and after["temporary"] == {"scheduled": 0, "active": 0, "expired": 1}
    _, out, _ = run("validate", site, "--as-of", AFTER, check=0)
    assert f"temporary elements on {AFTER}: 0 scheduled, 0 active, 1 expired" in out
    code, _, err = run("validate", site, "--as-of", "2026-02-30")
    assert code == 2 and "not a calendar date" in err


def test_export_writes_the_rules_in_force_on_the_day(site, tmp_path):
    def export(day):
        out = tmp_path / f"fw-{day}.rules"
        summary = run_json("export", site, "--rules", "iptables", "--as-of", day, "-o", out)
        return out.read_text(), summary

    text, summary = export(BEFORE)
    assert summary["as_of"] == BEFORE
    assert "zonepath vpn rule 0" not in text and "--dport 3389" not in text
    [conduit] = summary["conduits"]
    assert conduit["rules"] == 0
    assert any("not in force on 2026-12-07: left out" in n and "CC-2026-412" in n for n in conduit["notes"])

    text, summary = export(ON)
    assert "-s 10.9.0.0/24 -d 10.1.0.0/24 -p tcp -m tcp --dport 3389" in text
    assert summary["conduits"][0]["rules"] == 1 and summary["conduits"][0]["notes"] == []

    text, summary = export(AFTER)  # expired: still configured, written with a note to remove it
    assert "--dport 3389" in text
    assert any("has expired on 2026-12-09" in n and "remove it" in n for n in summary["conduits"][0]["notes"])
    assert "# note: rule 0 (vendor-session" in text


def test_export_as_of_does_not_apply_to_raw_graphs(tmp_path):
    graph = tmp_path / "g.json"
    graph.write_text(json.dumps({"schema": "zonepath/graph/v1", "nodes": [{"id": "a"}], "edges": []}))
    code, _, err = run("export", graph, "--graph", "attack", "--format", "json", "--as-of", ON)
    assert code == 2 and "--as-of" in err


def conn_log(path):
    """Ten RDP connections from the laptop to the workstation, as Zeek JSON lines."""
    with open(path, "w") as f:
        for i in range(10):
            f.write(json.dumps({"ts": 1733644800 + 60 * i, "uid": f"C{i}", "id.orig_h": "10.9.0.5",
                                "id.orig_p": 50000 + i, "id.resp_h": "10.1.0.10", "id.resp_p": 3389,
                                "proto": "tcp", "service": None, "conn_state": "SF"}) + "\n")
    return path


def test_drift_judges_the_traffic_by_the_rules_in_force(site, tmp_path):
    log = conn_log(tmp_path / "conn.json")

    def drift(day):
        return run_json("drift", site, "--observed", log, "--as-of", day)

    before = drift(BEFORE)
    assert before["as_of"] == BEFORE
    assert before["summary"]["flows_denied"] == 1 and before["summary"]["connections_denied"] == 10
    [violation] = before["violations"]
    assert violation["denied_by"][0]["reason"] == "default deny"
    assert before["allow_rules"] == []  # a session still to come is neither used nor unused

    for day in (ON, AFTER):
        report = drift(day)
        assert report["summary"]["flows_denied"] == 0 and report["summary"]["connections_allowed"] == 10
        [rule] = report["allow_rules"]
        assert rule["connections"] == 10 and rule["used"]

    _, text, _ = run("drift", site, "--observed", log, "--as-of", ON, check=0)
    assert f"judged by the model as of {ON}" in text


def test_drift_a_temporary_conduit_not_yet_in_force_denies(site, tmp_path):
    doc = json.loads(site.read_text())
    doc["conduits"][0]["temporary"] = doc["conduits"][0]["rules"][0].pop("temporary")
    site.write_text(json.dumps(doc))
    log = conn_log(tmp_path / "conn.json")
    before = run_json("drift", site, "--observed", log, "--as-of", BEFORE)
    [violation] = before["violations"]
    assert violation["denied_by"][0]["reason"] == "temporary conduit not in force"
    assert run_json("drift", site, "--observed", log, "--as-of", ON)["summary"]["flows_denied"] == 0


def test_serve_assesses_on_the_day(site):
    with served(site, "--samples", 50, "--as-of", ON) as info:
        session = api(info, "/api/session")
        assert session["as_of"] == ON
        design = api(info, "/api/evaluate", {"operations": []})
        assert any(t["id"] == "ews" and t["reach_probability"] > 0 for t in design["targets"]), design["targets"]
    with served(site, "--samples", 50) as info:
        assert api(info, "/api/session")["as_of"] == "2026-12-01"


def test_batch_records_the_day_each_job_was_assessed_for(site, tmp_path):
    db = tmp_path / "r.sqlite"

    def reach(day):
        extra = ("--as-of", day) if day else ()
        run("batch", site, "--db", db, "--samples", 50, "--no-progress", *extra, check=0)
        con = sqlite3.connect(db)
        rows = con.execute("SELECT j.as_of, t.reach_probability FROM jobs j JOIN targets t USING (job_id) "
                           "WHERE t.target = 'ews' ORDER BY j.job_id DESC LIMIT 1").fetchall()
        con.close()
        return rows[0]

    assert reach(None) == ("2026-12-01", 0.0)
    day, p = reach(ON)
    assert day == ON and p > 0
    day, p = reach(BEFORE)  # a new job (its input hash names the day), not the one of the run on the day
    assert day == BEFORE and p == 0.0
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 3
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "2"
    con.close()
