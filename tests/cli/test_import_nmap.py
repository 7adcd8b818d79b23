"""zonepath import of Nmap XML scans: hosts completed or added, placed by the zone map, reachable
through the imported firewall rules."""
import json

from conftest import SOURCE_DIR, run, run_json

DATA = SOURCE_DIR / "tests" / "data" / "import"


def test_scanned_plc_is_reached_through_the_firewall_rules(tmp_path):
    out = tmp_path / "plant.json"
    report = run_json("import", DATA / "iptables-ops-fw.txt", DATA / "nmap-plant.xml", DATA / "inventory-messy.csv",
                      "--into", DATA / "plant-base.json", "--zone-map", DATA / "zone-map.csv", "-o", out)
    assert [f["kind"] for f in report["files"]] == ["inventory", "nmap", "iptables"]  # scans before rules
    assert report["summary"]["assets_added"] == 11 + 3
    site = json.loads(out.read_text())
    plc = next(a for a in site["assets"] if a["id"] == "ip-10-20-1-50")
    assert plc["type"] == "plc" and "type" in plc["x-guess"]
    # The iptables OT_CELL1 chain lets the engineering workstation reach EtherNet/IP in cell 1.
    flows = run_json("flows", out, "--to", "cell-1")["flows"]
    into = {(f["from"], f["protocol"], f["port"]) for f in flows if f["to"] == "ip-10-20-1-50" and f["via_kind"] == "conduit"}
    assert into == {("ews-eng-01", "enip", 44818)}
    code, text, err = run("validate", out, check=0)


def test_text_report_and_wrong_kind(tmp_path):
    code, text, err = run("import", DATA / "nmap-plant.xml", "--into", DATA / "plant-base.json",
                          "--zone-map", DATA / "zone-map.csv", "-o", tmp_path / "o.json", check=0)
    assert "line 82: 10.10.0.77 -> sw-ops-core (added, zone ops by subnet of 10.10.0.77), type switch" in text
    assert "NOT PLACED line 136: no IPv4 address (zonepath models IPv4 only)" in text
    code, text, err = run("import", DATA / "inventory-messy.csv", "--kind", "nmap", "--into", DATA / "plant-base.json",
                          "-o", tmp_path / "o2.json", check=1)
    assert "not nmap input" in err
    assert not (tmp_path / "o2.json").exists()
