"""End-to-end tests of `zonepath change` on a hand-checkable cell (tests/data/change) and the
pharma example. The cell: a vendor zone whose only conduit to the control cell denies all
traffic, a threat actor starting on the vendor's laptop, and an office zone joined to the cell by
a conduit that also denies everything. The change opens one rule (vendor laptop -> PLC,
modbus-tcp) for the window 2026-12-08 .. 2026-12-10, so by hand: before, the actor reaches
nothing beyond its own zone; during the window the PLC (and with it the cell) is reached by the
path vendor-laptop -> plc and no other, the office's reach does not change, and the conduit
fw-vendor-cell, both its zones and the two assets the rule names are touched; the office and
fw-office-cell are not."""
import json
import os

import pytest

from conftest import EXAMPLES, SOURCE_DIR, run, run_json

DATA = SOURCE_DIR / "tests" / "data" / "change"
SITE = DATA / "site.json"
OPEN = DATA / "open-rule.json"
SAMPLES = ("--samples", "400")


def change(*args):
    return run_json("change", SITE, OPEN, *SAMPLES, *args)


def risk_row(impact, zone, threat="ta-vendor"):
    [row] = [r for r in impact["risk"] if r["zone"] == zone and r["threat"] == threat]
    return row


def zone_probability(impact, zone):
    [z] = [z for z in impact["diff"]["zones"] if z["id"] == zone]
    return z["probability"]


def test_the_window_decides_the_date_and_the_opened_rule_makes_one_path_appear():
    impact = change()
    assert impact["as_of"] == "2026-12-08" and impact["as_of_source"] == "window"
    # The one rule added: vendor -> plc. Its path is the only one that appears, none disappears.
    # One step: an unauthenticated industrial protocol service is taken with p 0.95 (the default
    # threat model, docs/threat-model.md), so the path's probability is exactly 0.95.
    appeared = [(p["threat"], p["target"], p["nodes"], p["probability"]) for p in impact["diff"]["paths_appeared"]]
    assert appeared == [("ta-vendor", "plc", ["vendor-laptop", "plc"], pytest.approx(0.95))]
    assert impact["diff"]["paths_disappeared"] == []
    # The cell's likelihood goes from 0 (unreachable) to that one step's 0.95 (400 samples:
    # 4 standard deviations are 0.044); the office's stays 0.
    cell = zone_probability(impact, "cell")
    assert cell["before"] == 0 and abs(cell["after"] - 0.95) < 0.044
    office = zone_probability(impact, "office")
    assert office["before"] == office["after"] == 0
    row = risk_row(impact, "cell")
    assert row["change"] == "raised" and row["level"]["after"] > row["level"]["before"]
    assert row["tolerable"] == {"before": True, "after": False}
    assert risk_row(impact, "office")["change"] == "unchanged"
    assert impact["verdict"]["risk_raised"] is True
    # The window and the change id were filled into the rule's temporary object.
    assert impact["change"]["window_applied"] == ["/operations/0/rule/temporary"]


def test_touched_elements_and_the_evidence_to_reverify():
    impact = change()
    touched = {(t["kind"], t["id"]) for t in impact["touched"]}
    assert touched == {("zone", "vendor"), ("zone", "cell"), ("conduit", "fw-vendor-cell"),
                       ("asset", "vendor-laptop"), ("asset", "plc")}
    records = [(r["where"]["id"], r["kind"], r["id"]) for r in impact["reverify"]]
    # Zones first (vendor, cell in file order), then the conduit, then the PLC's control.
    assert records == [("vendor", "requirement", "SR 1.13"), ("cell", "requirement", "SR 1.1"),
                       ("cell", "requirement", "SR 5.1"), ("fw-vendor-cell", "requirement", "SR 5.2"),
                       ("plc", "compensating", "Weekly offline integrity check of the PLC program")]
    plc = impact["reverify"][-1]
    assert plc["owner"] == "Control engineer" and plc["change_record"] == "CR-2025-010"
    assert plc["evidence"] == ["VAL-PLC-7"] and plc["review_by"] == "2027-06-30"
    assert impact["reverify"][1]["last_verified"] == "2026-06-01"
    # SR 5.1 names no owner: the cell's asset-owner party answers for it.
    assert (impact["reverify"][2]["owner"], impact["reverify"][2]["owner_source"]) == ("Plant operations", "asset-owner")
    assert impact["reverify"][1]["owner_source"] == "record"
    controls = {c["id"]: c for c in impact["iso27001"]}
    # SR 5.2 (zone boundary protection) maps to A.8.20/A.8.22 in the crosswalk; the vendor
    # session makes the supplier controls concern the change.
    assert "SR 5.2" in controls["A.8.22"]["requirements"]
    assert any(a.startswith("suppliers: vendor-session") for a in controls["A.5.19"]["applicability"])
    assert any(a.startswith("zone and conduit design: conduit fw-vendor-cell")
               for c in impact["iso27001"] for a in c["applicability"])


@pytest.mark.parametrize("day,in_force,expired", [
    ("2026-12-07", False, False),  # the day before the window: scheduled, not in force
    ("2026-12-08", True, False),   # valid_from: in force
    ("2026-12-10", True, False),   # valid_until's day: still in force, not expired
    ("2026-12-11", True, True),    # after valid_until: still configured, and a finding
])
def test_as_of_boundaries_of_the_window(day, in_force, expired):
    impact = change("--as-of", day)
    assert impact["as_of"] == day and impact["as_of_source"] == "--as-of"
    assert bool(impact["diff"]["paths_appeared"]) == in_force
    assert risk_row(impact, "cell")["change"] == ("raised" if in_force else "unchanged")
    rules = [f["rule"] for f in impact["diff"]["findings_added"]]
    assert ("temporary-access-expired" in rules) == expired


@pytest.mark.parametrize("level", ["intolerable", "high", "any-increase"])
def test_fail_on_exits_2_when_the_window_raises_the_risk(level):
    code, out, err = run("change", SITE, OPEN, *SAMPLES, "--fail-on", level)
    assert code == 2, err
    assert f"fails --fail-on {level}" in err and "cell / ta-vendor" in err
    assert "Verdict: risk RISES" in out


@pytest.mark.parametrize("level", ["intolerable", "high", "any-increase"])
def test_fail_on_passes_before_the_window(level):
    code, out, err = run("change", SITE, OPEN, *SAMPLES, "--fail-on", level, "--as-of", "2026-12-07")
    assert code == 0, err
    assert "Verdict: no zone/threat risk rating rises" in out


def test_a_change_that_only_closes_exits_0_under_any_increase(tmp_path):
    closing = {"schema": "zonepath/change/v1", "id": "MOC-T-002", "title": "Remove the office conduit",
               "requested_by": "IT", "operations": [{"op": "remove-conduit", "id": "fw-office-cell"}]}
    path = tmp_path / "close.json"
    path.write_text(json.dumps(closing))
    code, out, err = run("change", SITE, path, *SAMPLES, "--fail-on", "any-increase")
    assert code == 0, err
    assert "Assessed as of 2026-12-01 (the site's as_of)" in out


def test_bad_fail_on_level_is_a_usage_error():
    code, _, err = run("change", SITE, OPEN, "--fail-on", "medium")
    assert code == 2 and "intolerable, high or any-increase" in err


BAD_CHANGES = [
    # (text, pointer, line, message)
    ('{"schema": "zonepath/scenario/v1", "id": "x", "title": "t", "requested_by": "r",\n "operations": []}',
     "/schema", 1, "unsupported schema 'zonepath/scenario/v1'"),
    ('{"schema": "zonepath/change/v1", "id": "x", "title": "t",\n "operations": [{"op": "remove-conduit", "id": "fw-office-cell"}]}',
     "", 1, "requested_by"),
    ('{"schema": "zonepath/change/v1", "id": "x", "title": "t", "requested_by": "r",\n'
     ' "window": {"valid_from": "2026-12-08",\n             "valid_until": "2026-12-01"},\n'
     ' "operations": [{"op": "remove-conduit", "id": "fw-office-cell"}]}',
     "/window/valid_until", 3, "valid_until must be after valid_from"),
    ('{"schema": "zonepath/change/v1", "id": "x", "title": "t", "requested_by": "r",\n'
     ' "operations": [\n   {"op": "remove-condiut", "id": "fw-office-cell"}]}',
     "/operations/0/op", 3, "did you mean 'remove-conduit'"),
    ('{"schema": "zonepath/change/v1", "id": "x", "title": "t", "requested_by": "r",\n'
     ' "operations": [\n   {"op": "add-rule", "conduit": "fw-nowhere", "rule": {"priority": 1, "action": "allow"}}]}',
     "/operations/0/conduit", 3, "unknown conduit 'fw-nowhere'"),
    ('{"schema": "zonepath/change/v1", "id": "x", "title": "t", "requested_by": "r",\n'
     ' "window": {"valid_from": "next tuesday", "valid_until": "2026-12-01"},\n'
     ' "operations": [{"op": "remove-conduit", "id": "fw-office-cell"}]}',
     "/window/valid_from", 2, "not an ISO 8601 date"),
]


@pytest.mark.parametrize("text,pointer,line,message", BAD_CHANGES)
def test_bad_change_files_are_located_errors_and_nothing_is_written(tmp_path, text, pointer, line, message):
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    out_dir = tmp_path / "out"
    code, out, err = run("change", SITE, bad, *SAMPLES, "--out", out_dir)
    assert code == 1, err
    assert f"{bad}:{line}:" in err and message in err, err
    if pointer:
        assert f": {pointer}:" in err, err
    assert not out_dir.exists() and out == ""


def test_out_writes_json_markdown_and_html_that_state_the_date(tmp_path):
    out_dir = tmp_path / "moc"
    code, out, err = run("change", SITE, OPEN, *SAMPLES, "--out", out_dir, check=0)
    assert "Assessed as of 2026-12-08 (first day of the change window)" in out
    impact = json.loads((out_dir / "change-impact.json").read_text())
    assert impact["schema"] == "zonepath/change-impact/v1"
    md = (out_dir / "change-impact.md").read_text()
    html = (out_dir / "change-impact.html").read_text()
    for page in (md, html):
        assert "2026-12-08 (first day of the change window)" in page
        assert "MOC-T-001" in page and "Weekly offline integrity check of the PLC program" in page
        assert "A.5.19" in page
    assert "<script" not in html and "http://" not in html.replace("http-equiv", "")


def test_same_bytes_whatever_the_thread_count(tmp_path):
    outputs = []
    for i, (args, env_threads) in enumerate([(("--threads", "1"), None), ((), "2"), (("--threads", "3"), None)]):
        env = dict(os.environ)
        env.pop("ZONEPATH_THREADS", None)
        if env_threads:
            env["ZONEPATH_THREADS"] = env_threads
        out_dir = tmp_path / "out"  # the same path each time: paths appear in the output
        code, stdout, err = run("change", SITE, OPEN, *SAMPLES, "--seed", "7", "--json", "--out", out_dir, *args,
                                check=0, env=env)
        files = {p.name: p.read_bytes() for p in sorted(out_dir.iterdir())}
        outputs.append((stdout, files))
        for p in out_dir.iterdir():
            p.unlink()
        out_dir.rmdir()
    assert outputs[0] == outputs[1] == outputs[2]


def test_pharma_vendor_session_raises_the_risk_during_its_window():
    impact = run_json("change", EXAMPLES / "pharma-batch.json",
                      EXAMPLES / "changes" / "pharma-vendor-session.json", "--samples", "300")
    assert impact["as_of"] == "2026-12-08" and impact["as_of_source"] == "window"
    raised = [(r["zone"], r["threat"]) for r in impact["risk"] if r["change"] == "raised"]
    assert ("batch-sup", "ta-espionage") in raised
    # The vendor channel multiplies the vendor actor's reach to the batch zone; its likelihood of
    # initiation is low, so the overall likelihood (NIST SP 800-30 Table G-5) stays low and the
    # risk level with it.
    vendor = next(r for r in impact["risk"] if (r["zone"], r["threat"]) == ("batch-sup", "ta-vendor-compromise"))
    assert vendor["probability"]["after"] > 5 * vendor["probability"]["before"]
    assert impact["verdict"]["risk_raised"] is True
    assert any(p["threat"] == "ta-vendor-compromise" and p["nodes"][:2] in (["dcs-vendor", "sup-ews-1"],
                                                                           ["dcs-vendor", "sup-batch-1"])
               for p in impact["diff"]["paths_appeared"])
    # The batch supervisory zone's records and its control for the legacy EWS are listed for
    # re-verification; the SIS zone, which the change does not touch, is not.
    where = {r["where"]["id"] for r in impact["reverify"]}
    assert where == {"batch-sup"}
    assert any(r["kind"] == "compensating" and r["change_record"] == "CC-2021-077" for r in impact["reverify"])
    # Outside the window nothing of the change is in force.
    before = run_json("change", EXAMPLES / "pharma-batch.json",
                      EXAMPLES / "changes" / "pharma-vendor-session.json", "--samples", "300",
                      "--as-of", "2026-12-07")
    assert before["verdict"]["risk_raised"] is False and before["diff"]["paths_appeared"] == []


def test_required_flows_the_change_stops_come_right_after_the_heading(tmp_path):
    # The water plant's integrator reaches its VPN portal and jump host only over vpn-vendor:
    # removing the conduit stops those two of the five required flows.
    closing = {"schema": "zonepath/change/v1", "id": "MOC-W-001", "title": "Retire the vendor VPN",
               "requested_by": "OT manager", "operations": [{"op": "remove-conduit", "id": "vpn-vendor"}]}
    path = tmp_path / "retire.json"
    path.write_text(json.dumps(closing))
    site = EXAMPLES / "water-treatment.json"
    code, out, err = run("change", site, path, *SAMPLES, check=0)
    lines = out.splitlines()
    site_line = next(i for i, line in enumerate(lines) if line.startswith("Site "))
    assert lines[site_line + 1].startswith("REQUIRED FLOWS STOPPED: 2 of 5: vendor-remote -> dmz-vpn-1 https"), out
    assert "vendor-remote -> dmz-jump-1 rdp" in lines[site_line + 1]
    impact = run_json("change", site, path, *SAMPLES)
    broken = {(f["from"], f["to"], f["protocol"]) for f in impact["diff"]["required_flows"]["broken"]}
    assert broken == {("vendor-remote", "dmz-vpn-1", "https"), ("vendor-remote", "dmz-jump-1", "rdp")}
