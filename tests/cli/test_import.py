"""zonepath import and export end to end, on the realistic files of tests/data/import."""
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from conftest import EXAMPLES, SOURCE_DIR, run, run_json

DATA = SOURCE_DIR / "tests" / "data" / "import"
NS = "{http://graphml.graphdrawing.org/xmlns}"
ALL = ["inventory-messy.csv", "icsa-23-348-15.json", "icsa-24-324-01.json", "icsa-24-214-09.json",
       "iptables-ops-fw.txt", "rules-ent-dmz.csv"]


def import_all(tmp_path, out_name="out.json", *extra):
    out = tmp_path / out_name
    report = run_json("import", *[DATA / f for f in ALL], "--into", DATA / "plant-base.json",
                      "--zone-map", DATA / "zone-map.csv", "-o", out, *extra)
    return out, report


def test_import_everything(tmp_path):
    out, report = import_all(tmp_path)
    s = report["summary"]
    # Counted by hand in the files (see docs/import.md for the walk-through).
    assert (s["assets_added"], s["assets_updated"], s["rows_unplaced"]) == (11, 1, 4)
    assert s["vulnerabilities_attached"] == 4
    assert s["near_misses"] == 4
    kinds = [f["kind"] for f in report["files"]]
    assert kinds == ["inventory", "iptables", "rules", "csaf", "csaf", "csaf"]  # applied in this order
    code, text, err = run("validate", out, check=0)
    assert "12 assets" in text
    site = json.loads(out.read_text())
    plc = next(a for a in site["assets"] if a["id"] == "plc-pump-01")
    assert plc["vulnerabilities"][0]["id"] == "CVE-2023-6448"
    assert plc["vulnerabilities"][0]["service"] == "pcom"
    zones = {z["id"]: z for z in site["zones"]}
    assert zones["cell-1"]["x-subnets"] == ["10.20.1.0/24"]  # the zone map is kept in the site
    # The flows command reads the result: the SCADA server is the only way into cell-2.
    flows = run_json("flows", out, "--to", "cell-2")["flows"]
    crossing = [f for f in flows if f["from_zone"] != "cell-2"]
    assert [(f["from"], f["to"], f["protocol"]) for f in crossing] == [("scada-srv", "plc-press-01", "slmp")]


def test_text_report_lists_unplaced_rows_and_near_misses(tmp_path):
    code, text, err = run("import", DATA / "inventory-messy.csv", DATA / "icsa-24-324-01.json",
                          "--into", DATA / "plant-base.json", "--zone-map", DATA / "zone-map.csv",
                          "-o", tmp_path / "o.json", check=0)
    assert "NOT PLACED line 13: invalid IPv4 address [10.20.1.300]" in text
    assert "near miss plc-press-02: vendor and product match, version 1.106 outside >=1.100|<=1.104" in text


def test_yaml_in_and_out(tmp_path):
    out, _ = import_all(tmp_path, "out.yaml")
    assert out.read_text().startswith('"')  # YAML, not JSON
    flows_yaml = run_json("flows", out)
    out_json, _ = import_all(tmp_path, "out.json")
    assert flows_yaml["flows"] == run_json("flows", out_json)["flows"]
    # A YAML site is accepted as --into, and its errors name YAML lines.
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: zonepath/site/v1\nzones:\n  - id: z\n    kind: dmzz\n")
    code, _, err = run("import", DATA / "rules-ent-dmz.csv", "--into", bad, check=1)
    assert "bad.yaml:4:11: /zones/0/kind" in err


def test_dry_run_writes_nothing(tmp_path):
    out = tmp_path / "never.json"
    report = run_json("import", DATA / "inventory-messy.csv", "--into", DATA / "plant-base.json", "-o", out,
                      "--dry-run")
    assert report["written"] is False
    assert not out.exists()


def test_errors_and_usage(tmp_path):
    notcsaf = tmp_path / "x.json"
    notcsaf.write_text('{"a": 1}')
    code, _, err = run("import", notcsaf, "--into", DATA / "plant-base.json", "-o", tmp_path / "o.json", check=1)
    assert "unknown input kind: JSON object with keys a" in err
    run("import", DATA / "inventory-messy.csv", "--into", DATA / "plant-base.json", "--column", "ip", check=2)
    run("import", DATA / "inventory-messy.csv", "--into", DATA / "plant-base.json", "--kind", "excel", check=1)
    code, _, err = run("import", tmp_path / "missing.csv", "--into", DATA / "plant-base.json", check=1)
    assert "cannot open file" in err


UNSUPPORTED = DATA / "unsupported"


@pytest.mark.parametrize("name,signature", [
    ("scan.nessus", "XML document, root element <NessusClientData_v2>"),
    ("nmap-grepable.txt", "text, first line '# Nmap 7.93 scan initiated"),
])
def test_unrecognised_inputs_are_refused_with_their_signature(tmp_path, name, signature):
    out = tmp_path / "o.json"
    code, text, err = run("import", DATA / "inventory-messy.csv", UNSUPPORTED / name, "--into",
                          DATA / "plant-base.json", "--zone-map", DATA / "zone-map.csv", "-o", out, check=1)
    assert "unknown input kind" in err and signature in err
    assert "supported: CSAF 2.0 advisory" in err
    assert "wrote" not in text and not out.exists()  # nothing written, not even the inventory part


def test_forced_kind_must_fit_the_input(tmp_path):
    out = tmp_path / "o.json"
    code, _, err = run("import", UNSUPPORTED / "scan.nessus", "--kind", "inventory", "--into",
                       DATA / "plant-base.json", "-o", out, check=1)
    assert "not inventory input: XML document, root element <NessusClientData_v2>" in err
    # A CSV with no IP, hostname or id column: an error, not "0 rows" and a written site.
    csv = tmp_path / "parts.csv"
    csv.write_text("part,qty\nvalve,3\n")
    code, _, err = run("import", csv, "--kind", "inventory", "--into", DATA / "plant-base.json", "-o", out, check=1)
    assert "inventory has no IP, hostname or asset id column" in err
    code, _, err = run("import", csv, "--kind", "rules", "--into", DATA / "plant-base.json", "-o", out, check=1)
    assert "rule table needs action, source and destination columns" in err
    code, _, err = run("import", csv, "--kind", "iptables", "--into", DATA / "plant-base.json", "-o", out, check=1)
    assert "not iptables input" in err
    # The inventory given as the zone map: refused, not "nothing placed" and a written site.
    code, _, err = run("import", DATA / "inventory-messy.csv", "--into", DATA / "plant-base.json",
                       "--zone-map", DATA / "inventory-messy.csv", "-o", out, check=1)
    assert "zone map needs a 'zone' column" in err
    assert not out.exists()


def test_udp_services_and_rules_keep_their_transport(tmp_path):
    inv = tmp_path / "inv.csv"
    inv.write_text("ip,hostname,vendor,ports\n10.10.0.60,vpn-gw,OpenVPN,\"1194/udp, 443/tcp, 161/udp, 502/udp\"\n")
    rules = tmp_path / "rules.csv"
    rules.write_text("priority,action,source,destination,protocol,ports\n"
                     "10,allow,enterprise,ops,udp,1194\n20,allow,enterprise,ops,tcp,443\n")
    out = tmp_path / "o.json"
    run("import", inv, rules, "--into", DATA / "plant-base.json", "--zone-map", DATA / "zone-map.csv", "-o", out,
        check=0)
    site = json.loads(out.read_text())
    vpn = next(a for a in site["assets"] if a["id"] == "vpn-gw")
    # 1194/udp is no tcp-1194; snmp is udp by the catalog (no field needed); 502/udp is not Modbus/TCP.
    assert vpn["services"] == [{"protocol": "udp-1194", "port": 1194, "transport": "udp"},
                               {"protocol": "https", "port": 443}, {"protocol": "snmp", "port": 161},
                               {"protocol": "udp-502", "port": 502, "transport": "udp"}]
    conduit = next(c for c in site["conduits"] if set(c["zones"]) == {"enterprise", "ops"})
    assert [r.get("protocols") for r in conduit["rules"]] == [["udp"], ["tcp"]]
    flows = run_json("flows", out, "--to", "ops")["flows"]
    into_vpn = sorted((f["protocol"], f["port"], f["transport"]) for f in flows if f["to"] == "vpn-gw"
                      and f["from_zone"] == "enterprise")
    assert into_vpn == [("https", 443, "tcp"), ("udp-1194", 1194, "udp")]
    code, text, _ = run("flows", out, "--to", "ops", check=0)
    assert "enterprise -> vpn-gw udp-1194/1194/udp" in text


def test_subnet_rule_sides_warn_when_narrowed_and_can_stay_zone_level(tmp_path):
    rules = tmp_path / "rules.csv"
    rules.write_text("priority,action,source,destination,protocol,ports,description\n"
                     "10,allow,10.10.0.0/25,cell-1,enip,44818,ops lower half to the cell\n")
    files = [DATA / "inventory-messy.csv", rules]
    common = ["--into", DATA / "plant-base.json", "--zone-map", DATA / "zone-map.csv"]
    report = run_json("import", *files, *common, "-o", tmp_path / "a.json")
    notes = [n for f in report["files"] if f["kind"] == "rules" for n in f["notes"]]
    # 10.10.0.0/25 is half of ops (10.10.0.0/24): the inventory's ops hosts in it, by x-ip.
    assert [(n["level"], n["line"], n["message"]) for n in notes] == [
        ("warning", 2, "source 10.10.0.0/25 (part of zone ops) narrowed to ews-eng-01, scada-srv, hist-01, "
                       "opc-gw; other hosts of the subnet are not covered (--keep-subnets keeps the whole zone)")]
    narrowed = next(r for f in report["files"] if f["kind"] == "rules" for r in f["rules"])
    assert narrowed["from"] == "ops" and narrowed["src_assets"] == ["ews-eng-01", "scada-srv", "hist-01", "opc-gw"]
    report = run_json("import", *files, *common, "--keep-subnets", "-o", tmp_path / "b.json")
    kept = next(r for f in report["files"] if f["kind"] == "rules" for r in f["rules"])
    assert kept["from"] == "ops" and "src_assets" not in kept
    assert not [n for f in report["files"] if f["kind"] == "rules" for n in f["notes"]]


def test_near_misses_list_the_closest_products_only(tmp_path):
    csaf = DATA / "csaf"
    report = run_json("import", csaf / "inventory-field-trial.csv", csaf / "icsa-20-042-05.json", "--into",
                      DATA / "plant-base.json", "--zone-map", DATA / "zone-map.csv", "-o", tmp_path / "o.json")
    f = next(f for f in report["files"] if f["kind"] == "csaf")
    s7_1500 = [m["reason"] for m in f["near_misses"] if m["asset"] == "plc-s7-1500"]
    assert len(s7_1500) == 1 and s7_1500[0].endswith("(and 24 other products)")
    assert s7_1500[0].count("SIMATIC") == 4  # the asset's own name and three products
    code, text, _ = run("import", csaf / "inventory-field-trial.csv", csaf / "icsa-20-042-05.json", "--into",
                        DATA / "plant-base.json", "--zone-map", DATA / "zone-map.csv", "-o", tmp_path / "p.json",
                        check=0)
    assert len(text.splitlines()) < 40


def test_export_site_graphml():
    site = json.loads((EXAMPLES / "water-treatment.json").read_text())
    code, text, _ = run("export", EXAMPLES / "water-treatment.json", check=0)
    g = nx.parse_graphml(text)
    assert g.number_of_nodes() == len(site["zones"]) + len(site["assets"])
    manages = sum(len(a.get("manages", [])) for a in site["assets"])
    relations = [d["relation"] for _, _, d in g.edges(data=True)]
    assert relations.count("conduit") == len(site["conduits"])
    assert relations.count("member") == len(site["assets"])
    assert relations.count("manages") == manages


def test_export_attack_graph_matches_paths(tmp_path):
    out = tmp_path / "a.graphml"
    summary = run_json("export", EXAMPLES / "water-treatment.json", "--graph", "attack", "--threat", "ta-apt",
                       "-o", out)
    g = nx.read_graphml(out)
    assert summary["nodes"] == g.number_of_nodes() == 12 + 69
    assert summary["edges"] == g.number_of_edges()
    # Second method: the best path that `paths` reports is a path of the exported graph with the same p.
    best = run_json("paths", EXAMPLES / "water-treatment.json", "--threat", "ta-apt", "-k", "1")["paths"][0]
    label = {n: d["label"] for n, d in g.nodes(data=True)}
    by_label = {v: k for k, v in label.items()}
    assert all(n in by_label for n in best["nodes"])
    sources = [label[n] for n, d in g.nodes(data=True) if d["source"]]
    assert best["nodes"][0] in sources
    root = ET.parse(out).getroot()
    assert root.tag == NS + "graphml"


def test_export_attack_graph_as_raw_json_reproduces_site_paths(tmp_path):
    # Second method: the exported raw graph, read back with --from the actor's start points,
    # gives the same most likely path and probability to every crown jewel as the site itself.
    site_file = EXAMPLES / "water-treatment.json"
    out = tmp_path / "attack.json"
    summary = run_json("export", site_file, "--graph", "attack", "--threat", "ta-apt", "--format", "json", "-o", out)
    raw = json.loads(out.read_text())
    assert raw["schema"] == "zonepath/graph/v1"
    assert summary["nodes"] == len(raw["nodes"]) and summary["edges"] == len(raw["edges"])
    site = json.loads(site_file.read_text())
    actor = next(t for t in site["threat_actors"] if t["id"] == "ta-apt")
    starts = [s if isinstance(s, str) else s.get("zone", s.get("asset")) for s in actor["starts"]]
    by_site = run_json("paths", site_file, "--threat", "ta-apt", "-k", "1")["paths"]
    targets = [p["target"] for p in by_site]
    by_raw = run_json("paths", out, "--from", *starts, "--to", *targets, "-k", "1")["paths"]
    # Site paths list the start and the assets taken; the raw graph also has the zone-network
    # nodes in between.
    zones = {z["id"] for z in site["zones"]}
    plain = [[n for i, n in enumerate(p["nodes"]) if i == 0 or n not in zones] for p in by_raw]
    assert [(p["target"], nodes) for p, nodes in zip(by_raw, plain)] == [(p["target"], p["nodes"]) for p in by_site]
    for a, b in zip(by_raw, by_site):
        assert abs(a["probability"] - b["probability"]) < 1e-12
    code, _, err = run("export", site_file, "--format", "json", check=2)  # a usage error
    assert "--graph attack" in err
