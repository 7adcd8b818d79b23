"""What-ifs from Python: Site.apply (a scenario document or a dict edit) gives a new site whose
analysis matches loading the edited document directly; the base site is left alone."""
import json
import pickle

import pytest

import zonepath
from conftest import EXAMPLES, cli, cli_json

SITE_PATH = EXAMPLES / "water-treatment.json"
NO_VENDOR_VPN = {
    "schema": "zonepath/scenario/v1", "id": "no-vendor-vpn",
    "operations": [{"op": "disable-conduit", "id": "vpn-vendor"}],
}


def rules(site_dict, conduit):
    (c,) = [c for c in site_dict["conduits"] if c["id"] == conduit]
    return [r["priority"] for r in c.get("rules", [])]


def test_apply_disables_conduit_and_keeps_base():
    base = zonepath.load(SITE_PATH)
    after = base.apply(NO_VENDOR_VPN)
    assert rules(base.to_dict(), "vpn-vendor") == [100, 110, 4096]
    # disable-conduit puts a deny-all rule of priority 0 first (docs/scenarios.md)
    assert rules(after.to_dict(), "vpn-vendor") == [0, 100, 110, 4096]
    assert [h["op"] for h in after.history] == ["disable-conduit"]
    assert after.history[0]["scenario"] == "no-vendor-vpn"
    assert base.history == []
    # The same edit made by hand on the dict gives the same site and the same analysis.
    d = base.to_dict()
    (vpn,) = [c for c in d["conduits"] if c["id"] == "vpn-vendor"]
    vpn["rules"].insert(0, {"priority": 0, "action": "deny", "from": "*", "to": "*",
                            "description": "scenario no-vendor-vpn: conduit disabled"})
    assert after.to_dict() == d
    by_hand = zonepath.load(d)
    assert after.analyze("ta-apt", samples=200, seed=3) == by_hand.analyze("ta-apt", samples=200, seed=3)
    # No vendor access left: the flows through the VPN are gone.
    assert [f for f in after.flows() if f["via"] == "vpn-vendor"] == []
    assert [f for f in base.flows() if f["via"] == "vpn-vendor"] != []


def test_change_equals_cli():
    site_path = EXAMPLES / "pharma-batch.json"
    change = EXAMPLES / "changes" / "pharma-vendor-session.json"
    out = zonepath.load(site_path).change(change, "ta-vendor-compromise", samples=200, seed=3)
    assert out == cli_json("change", site_path, change, "--threat", "ta-vendor-compromise", "--samples", 200,
                           "--seed", 3)
    assert out["as_of"] == "2026-12-08" and out["as_of_source"] == "window"
    # The same request as a dict, assessed the day before its window: nothing of it in force yet.
    before = zonepath.load(site_path).change(json.loads(change.read_text()), "ta-vendor-compromise",
                                             samples=200, as_of="2026-12-07")
    assert before["verdict"]["risk_raised"] is False and before["change"]["file"] == "<dict>"


def test_invalid_operation_names_it():
    bad = dict(NO_VENDOR_VPN, operations=[{"op": "disable-conduit", "id": "no-such-conduit"}])
    with pytest.raises(zonepath.Error) as e:
        zonepath.load(SITE_PATH).apply(bad)
    assert "/operations/0" in str(e.value)


def test_whatif_equals_cli(tmp_path):
    scenario = tmp_path / "no-vendor-vpn.json"
    scenario.write_text(json.dumps(NO_VENDOR_VPN))
    base = zonepath.load(SITE_PATH)
    out = base.whatif([scenario], "ta-apt", samples=200, seed=3)
    assert out == cli_json("whatif", SITE_PATH, scenario, "--threat", "ta-apt", "--samples", 200, "--seed", 3)
    assert out["schema"] == "zonepath/whatif/v1"
    assert [s["id"] for s in out["scenarios"]] == ["no-vendor-vpn"]
    with pytest.raises(zonepath.ValidationError, match="also used by"):
        base.whatif([NO_VENDOR_VPN, NO_VENDOR_VPN])


def test_compare_equals_cli(tmp_path):
    base = zonepath.load(SITE_PATH)
    after_path = tmp_path / "no-vendor-vpn.json"
    after_path.write_text(base.apply(NO_VENDOR_VPN).to_json())
    cmp = zonepath.compare(SITE_PATH, after_path, "ta-apt", samples=200, seed=3)
    expected = cli_json("compare", SITE_PATH, after_path, "--threat", "ta-apt", "--samples", 200, "--seed", 3)
    assert cmp.to_dict() == expected
    assert cmp.threats == ["ta-apt"] and cmp.diff == expected["diff"]
    # the full reports ride along, equal to analysing each design alone
    assert cmp.a == base.analyze("ta-apt", samples=200, seed=3)
    assert cmp.b == zonepath.load(after_path).analyze("ta-apt", samples=200, seed=3)
    assert pickle.loads(pickle.dumps(cmp)).to_dict() == expected


def test_plan_equals_cli_and_applies():
    args = ("plan", SITE_PATH, "--threat", "ta-hacktivist", "--budget", 30, "--samples", 200, "--seed", 2)
    code, out, err = cli(*args, "--json", check=None)
    try:
        plan = zonepath.plan(SITE_PATH, "ta-hacktivist", budget=30, samples=200, seed=2)
    except zonepath.Error as e:
        # Whatever the planner cannot do, Python and the CLI fail alike, with one message.
        assert code == 1 and err.strip() == f"zonepath: error: {e}"
        return
    assert plan == json.loads(out)
    assert plan["schema"] == "zonepath/plan/v1" and plan["total_cost"] <= 30
    planned = zonepath.load(SITE_PATH).apply(plan["scenario"])
    assert [h["op"] for h in planned.history] == [o["op"] for o in plan["scenario"]["operations"]]


def test_render_of_a_whatif_site():
    # A scenario's site renders like any other (test_render.py checks equality with the CLI).
    site = zonepath.load(SITE_PATH)
    no_vpn = site.apply({"schema": "zonepath/scenario/v1", "id": "no-vpn",
                         "operations": [{"op": "disable-conduit", "id": "vpn-vendor"}]})
    assert "digraph" in no_vpn.render(format="dot", samples=50)

