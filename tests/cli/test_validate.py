"""`zonepath validate`: every example plant is valid; every bad model fails with its stated error."""
import json

import pytest

from conftest import EXAMPLES, example_sites, run, run_json

BAD = EXAMPLES / "bad"
EXPECTED = json.loads((BAD / "expected.json").read_text())


def test_there_are_three_or_more_example_plants():
    assert len(example_sites()) >= 3


@pytest.mark.parametrize("site", example_sites(), ids=lambda p: p.name)
def test_examples_are_valid(site):
    code, out, err = run("validate", site)
    assert code == 0, err
    assert ": ok (" in out


def test_every_bad_model_has_an_expectation():
    files = sorted(p.name for p in BAD.glob("*.json") if p.name != "expected.json")
    assert files == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_model_fails_with_stated_error(name):
    expect = EXPECTED[name]
    code, out, err = run("validate", BAD / name)
    assert code == 1, f"{name}: exit {code}\n{out}{err}"
    assert "internal error" not in err
    code, out, _ = run("validate", BAD / name, "--json")
    assert code == 1
    errors = json.loads(out)["files"][0]["errors"]
    assert errors, name
    matching = [e for e in errors if e["pointer"] == expect["pointer"]]
    assert matching, f"{name}: no error at {expect['pointer']!r}: {errors}"
    text = " ".join(f"{e['message']} {e['suggestion']} {e['value']}" for e in matching)
    for fragment in expect["contains"]:
        assert fragment in text, f"{name}: {fragment!r} not in {text!r}"
    for e in errors:
        assert e["file"].endswith(name)
        if e["pointer"] and "nesting" not in e["message"]:
            assert e["line"] > 0, e


def test_all_errors_are_listed_at_once(tmp_path):
    site = {"schema": "zonepath/site/v1", "zones": [{"id": "a", "kind": "dmzz"}, {"id": "a"}],
            "assets": [{"id": "x", "zone": "q", "type": "plc"}]}
    path = tmp_path / "multi.json"
    path.write_text(json.dumps(site, indent=1))
    code, out, _ = run("validate", path, "--json")
    assert code == 1
    pointers = {e["pointer"] for e in json.loads(out)["files"][0]["errors"]}
    assert {"/zones/0/kind", "/zones/1/id", "/assets/0/zone"} <= pointers


def test_missing_file_is_an_error_not_a_crash(tmp_path):
    code, _, err = run("validate", tmp_path / "nope.json")
    assert code == 1
    assert "cannot open" in err


def test_usage_error_exit_code_2():
    code, _, _ = run("validate")
    assert code == 2
    code, _, _ = run("validate", "x.json", "--no-such-flag")
    assert code == 2


TYPO_SITE = {
    "schema": "zonepath/site/v1", "site": {"id": "typos"},
    "zones": [{"id": "ent", "kind": "enterprise"}, {"id": "cell", "kind": "control"}],
    "assets": [
        {"id": "plc", "zone": "cell", "type": "plc", "services": [
            {"protocol": "ethernet-ip", "port": 44818},   # enip under another name
            {"protocol": "modbus", "port": 5020},         # alias, on a port of its own
            {"protocol": "plant-api", "port": 502},       # custom name on Modbus/TCP's port
            {"protocol": "vendor-diag", "port": 7777}]}],  # custom, nothing near: no warning
    "conduits": [{"id": "c", "zones": ["ent", "cell"], "rules": [{"priority": 1, "action": "allow", "from": "ent",
                                                                  "to": "cell"}]}],
    "threat_actors": [{"id": "ta", "kind": "external", "sophistication": 2, "starts": ["ent"]}]}


def test_protocol_typos_are_warnings_and_strict_makes_them_errors(tmp_path):
    site = tmp_path / "typos.json"
    site.write_text(json.dumps(TYPO_SITE, indent=1))
    code, out, err = run("validate", site)
    assert code == 0, err
    assert ": ok (" in out and "3 warnings" in out
    report = run_json("validate", site)
    warnings = report["files"][0]["warnings"]
    assert report["valid"] is True and report["files"][0]["errors"] == []
    assert [(w["pointer"], w["suggestion"]) for w in warnings] == [
        ("/assets/0/services/0/protocol", "did you mean 'enip'?"),
        ("/assets/0/services/1/protocol", "did you mean 'modbus-tcp'?"),
        ("/assets/0/services/2/protocol", "did you mean 'modbus-tcp'?")]
    assert "well-known port of modbus-tcp" in warnings[2]["message"]
    assert all(w["line"] > 0 and w["column"] > 0 for w in warnings)
    # --strict: the same warnings fail the check (exit 1), in text and JSON.
    code, out, err = run("validate", "--strict", site)
    assert code == 1 and "3 warnings" in err and "did you mean 'enip'?" in err
    code, out, _ = run("validate", "--strict", "--json", site)
    assert code == 1 and json.loads(out)["files"][0]["valid"] is False
    # Other commands load the site and say so on stderr, once per warning.
    code, out, err = run("flows", site, check=0)
    assert err.count("zonepath: warning:") == 3 and "typos.json:" in err


def test_unknown_protocol_without_port_suggests_the_catalog_name(tmp_path):
    site = json.loads(json.dumps(TYPO_SITE))
    site["assets"][0]["services"] = [{"protocol": "modbus"}, {"protocol": "ethernet-ip"}]
    path = tmp_path / "noport.json"
    path.write_text(json.dumps(site))
    code, out, _ = run("validate", "--json", path)
    assert code == 1
    errors = json.loads(out)["files"][0]["errors"]
    assert [(e["pointer"], e["suggestion"]) for e in errors] == [
        ("/assets/0/services/0/protocol", "did you mean 'modbus-tcp'? (or give a port)"),
        ("/assets/0/services/1/protocol", "did you mean 'enip'? (or give a port)")]
