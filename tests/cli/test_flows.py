"""`zonepath flows` on a hand-made plant and on the examples."""
import json

from conftest import example_sites, run, run_json

SITE = {
    "schema": "zonepath/site/v1",
    "zones": [{"id": "ent", "kind": "enterprise"}, {"id": "dmz", "kind": "dmz"}, {"id": "ops", "kind": "operations"}],
    "assets": [
        {"id": "ws", "zone": "ent", "type": "workstation", "services": [{"protocol": "smb"}]},
        {"id": "mirror", "zone": "dmz", "type": "historian", "services": [{"protocol": "https"}, {"protocol": "sql"}]},
        {"id": "hist", "zone": "ops", "type": "historian", "services": [{"protocol": "sql"}]},
    ],
    "conduits": [
        {"id": "fw", "zones": ["ent", "dmz"], "rules": [
            {"priority": 100, "action": "allow", "from": "ent", "to": "dmz", "protocols": ["https"],
             "dst_assets": ["mirror"]},
            {"priority": 4096, "action": "deny", "from": "*", "to": "*"}]},
        {"id": "diode", "zones": ["dmz", "ops"], "kind": "data-diode", "direction": "ops->dmz"},
    ],
}


def test_flows_by_hand(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(SITE))
    flows = run_json("flows", path)["flows"]
    cross = {(f["from"], f["to"], f["protocol"], f["via"]) for f in flows if f["via_kind"] == "conduit"}
    assert cross == {("ent", "mirror", "https", "fw"), ("ops", "mirror", "https", "diode"),
                     ("ops", "mirror", "sql", "diode")}
    rule = next(f["rule"] for f in flows if f["via"] == "fw")
    assert rule == {"index": 0, "priority": 100, "description": ""}
    only_ops = run_json("flows", path, "--from", "ops", "--to", "dmz")["flows"]
    assert {f["to"] for f in only_ops} == {"mirror"} and all(f["from_zone"] == "ops" for f in only_ops)


def test_flows_unknown_zone(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(SITE))
    code, _, err = run("flows", path, "--from", "nowhere")
    assert code == 1 and "unknown zone 'nowhere'" in err


def test_flows_on_examples():
    for site in example_sites():
        doc = run_json("flows", site)
        assert doc["count"] == len(doc["flows"]) > 0
