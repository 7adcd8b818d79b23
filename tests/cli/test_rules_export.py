"""zonepath export --rules: the model's conduit rules as iptables / nftables rule sets, and the round
trip export -> import -> the same access map, on the example plants and on generated sites."""
import json
import re

import pytest

from conftest import EXAMPLES, run, run_json


def strip_rules(site_path, out_path):
    """The site without any conduit rule, so that everything the round trip finds comes from the export."""
    site = json.loads(site_path.read_text())
    for c in site.get("conduits", []):
        c["rules"] = []
    out_path.write_text(json.dumps(site, indent=1))
    return site


def flow_keys(site_path):
    """Flows as (from, to, protocol, port, via) -> the conduit rule index that allowed it (None: no rule)."""
    out = {}
    for f in run_json("flows", site_path)["flows"]:
        key = (f["from"], f["to"], f["protocol"], f["port"], f["via"])
        out[key] = f["rule"] if f["via_kind"] == "conduit" else "zone"
    return out


def round_trip(tmp_path, site_path, fmt):
    site = json.loads(site_path.read_text())
    current = tmp_path / "stripped.json"
    strip_rules(site_path, current)
    for c in site["conduits"]:
        if not c.get("rules") and "direction" not in c:
            continue  # allows nothing; written as a bare default deny, nothing to import
        rules = tmp_path / f"{c['id']}.{fmt}"
        run("export", site_path, "--rules", fmt, "--conduit", c["id"], "-o", rules, check=0)
        run("import", rules, "--kind", fmt, "--conduit", c["id"], "--into", current, "-o", current, check=0)
    return current


@pytest.mark.parametrize("fmt", ["iptables", "nftables"])
@pytest.mark.parametrize("plant", ["water-treatment", "oil-gas-unit", "pharma-batch"])
def test_round_trip_on_example_plants(tmp_path, plant, fmt):
    site_path = EXAMPLES / f"{plant}.json"
    before = flow_keys(site_path)
    after_path = round_trip(tmp_path, site_path, fmt)
    after = flow_keys(after_path)
    assert set(after) == set(before)
    # The rule that allows each flow is the same model rule: its comment carries the rule index.
    for key, rule in before.items():
        got = after[key]
        if rule == "zone":  # inside a zone: intra_rules are not firewall rules, left as they were
            assert got == "zone"
            continue
        if rule is None:  # a flat zone or a bare diode: now the diode's exported allow rule
            assert got is None or "data diode direction" in got["description"], key
            continue
        m = re.match(r"zonepath (\S+) rule (\d+)", got["description"])
        assert m and m.group(1) == key[4] and int(m.group(2)) == rule["index"], (key, rule, got)


@pytest.mark.parametrize("fmt", ["iptables", "nftables"])
@pytest.mark.parametrize("shape,seed", [("segmented", 3), ("segmented", 11), ("flat", 5)])
def test_round_trip_on_generated_sites(tmp_path, shape, seed, fmt):
    site_path = tmp_path / "gen.json"
    run("generate", "--assets", 300, "--shape", shape, "--seed", seed, "-o", site_path, check=0)
    before = flow_keys(site_path)
    after = flow_keys(round_trip(tmp_path, site_path, fmt))
    assert set(after) == set(before)
    assert sum(1 for r in before.values() if isinstance(r, dict)) > 20  # conduit flows were compared
