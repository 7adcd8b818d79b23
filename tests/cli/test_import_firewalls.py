"""zonepath import of firewall configurations: pfSense / OPNsense config.xml and nftables JSON, the
ICS lab topologies checked with `zonepath flows`, and what each importer reports instead of translating."""
import json

import pytest

from conftest import SOURCE_DIR, run, run_json

DATA = SOURCE_DIR / "tests" / "data" / "import"


def lab_topology():
    """The flows an ICS LAN allowed to any and a DMZ allowed only into itself imply, read off the site:
    the LAN reaches every service of every other zone; nothing else crosses a zone boundary."""
    site = json.loads((DATA / "ics-lab-site.json").read_text())
    default_port = {"https": 443, "ssh": 22}
    return {("ics", a["id"], s["protocol"], s.get("port", default_port.get(s["protocol"])))
            for a in site["assets"] if a["zone"] != "ics" for s in a["services"]}


@pytest.mark.parametrize("config", ["pfsense-ics-lab.xml", "opnsense-ics-lab.xml"])
def test_ics_lab_flows(tmp_path, config):
    out = tmp_path / "lab.json"
    report = run_json("import", DATA / config, "--into", DATA / "ics-lab-site.json", "-o", out)
    assert report["files"][0]["kind"] == "pfsense"
    flows = run_json("flows", out)["flows"]
    crossing = {(f["from"], f["to"], f["protocol"], f["port"]) for f in flows if f["via_kind"] == "conduit"}
    assert crossing == lab_topology()
    assert run_json("flows", out, "--from", "dmz")["count"] == 3  # its own three services, no more
    assert all(f["via_kind"] == "zone" for f in run_json("flows", out, "--from", "dmz")["flows"])


def test_kinds_are_detected_and_reports_name_positions(tmp_path):
    out = tmp_path / "o.json"
    report = run_json("import", DATA / "nftables-ops-fw.json", DATA / "inventory-messy.csv",
                      DATA / "pfsense-ops-fw.xml", DATA / "iptables-ops-fw.txt",
                      "--into", DATA / "plant-base.json", "--zone-map", DATA / "zone-map.csv", "-o", out)
    assert [f["kind"] for f in report["files"]] == ["inventory", "nftables", "pfsense", "iptables"]
    notes = {f["kind"]: f["notes"] for f in report["files"]}
    # NAT is reported by every importer, with the line of the rule.
    nat = {k: [(n["line"], n["level"]) for n in v if "NAT" in n["message"] or "nat table" in n["message"]]
           for k, v in notes.items()}
    assert nat["iptables"] == [(7, "warning")]  # -A POSTROUTING -o eth0 -j MASQUERADE
    assert nat["nftables"] == [(61, "warning")]
    assert sorted(nat["pfsense"]) == [(369, "warning"), (382, "warning")]
    assert all(n["line"] > 0 for v in notes.values() for n in v if n["level"] in ("error", "warning")
               and "interface" not in n["message"] and "forward base chains" not in n["message"])


def test_text_report_shows_interfaces_and_skips(tmp_path):
    code, text, err = run("import", DATA / "inventory-messy.csv", DATA / "pfsense-ops-fw.xml",
                          "--into", DATA / "plant-base.json", "--zone-map", DATA / "zone-map.csv",
                          "-o", tmp_path / "o.json", check=0)
    assert "interface opt2 (CELL1) -> zone cell-1 by VLAN 201" in text
    assert "interface wan (UPLINK) -> no zone" in text
    assert "pfsense-ops-fw.xml:274: negated destination cannot be expressed as a conduit rule; rule skipped" in text


def test_bad_firewall_files(tmp_path):
    bad = tmp_path / "config.xml"
    bad.write_text("<?xml version=\"1.0\"?>\n<pfsense>\n<filter><rule>\n</pfsense>\n")
    code, out, err = run("import", bad, "--into", DATA / "ics-lab-site.json", "-o", tmp_path / "o.json", check=1)
    assert "config.xml:4:" in err and "malformed XML" in err
    assert not (tmp_path / "o.json").exists()
    nft = tmp_path / "ruleset.json"
    nft.write_text('{"nftables": [{"rule": ')
    code, out, err = run("import", nft, "--into", DATA / "ics-lab-site.json", "-o", tmp_path / "o.json", check=1)
    assert "ruleset.json:1:" in err
