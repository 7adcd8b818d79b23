"""End-to-end tests of `zonepath catalog`; expected counts come from the tables of docs/sources.md."""

import json
import os
import subprocess

import pytest

BIN = os.environ.get("ZONEPATH_BIN", "zonepath")


def run(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True, timeout=60)


def catalog_json(name):
    result = run("catalog", name, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_requirements_json_has_all_100_srs_and_res():
    entries = catalog_json("requirements")
    assert len(entries) == 100
    ids = {e["id"] for e in entries}
    assert "SR 5.2 RE 1" in ids
    by_id = {e["id"]: e for e in entries}
    assert by_id["SR 3.4"]["min_sl"] == 2
    assert by_id["SR 1.1 RE 3"]["min_sl"] == 4
    assert by_id["SR 5.2 RE 1"]["parent"] == "SR 5.2"
    assert by_id["SR 5.2"]["parent"] is None
    assert by_id["SR 5.2"]["fr_abbrev"] == "RDF"
    assert sum(1 for e in entries if e["min_sl"] <= 1) == 37


def test_other_catalogs_as_json():
    protocols = {p["name"]: p for p in catalog_json("protocols")}
    assert protocols["modbus-tcp"]["ports"] == [502]
    assert protocols["modbus-tcp"]["auth"] == "none"
    assert protocols["rdp"]["remote_service"] is True
    techniques = {t["id"] for t in catalog_json("techniques")}
    assert {"T0866", "T0886", "T0843"} <= techniques
    assert "T0808" not in techniques
    assets = {a["name"]: a for a in catalog_json("asset-types")}
    assert assets["plc"]["attack_asset_id"] == "A0003"
    assert assets["workstation"]["attack_asset_id"] is None
    crosswalk = {row["requirement"]: row for row in catalog_json("iso27001")}
    assert [c["id"] for c in crosswalk["SR 5.2"]["controls"]] == ["A.8.20", "A.8.22"]
    assert [c["id"] for c in crosswalk["patch"]["controls"]] == ["A.8.8"]


def test_tables_are_printed_without_json():
    result = run("catalog", "requirements")
    assert result.returncode == 0, result.stderr
    assert "SR 5.2 RE 1" in result.stdout
    assert "Deny by default, allow by exception" in result.stdout
    result = run("catalog")
    assert result.returncode == 0, result.stderr
    assert "requirements" in result.stdout and "protocols" in result.stdout


@pytest.mark.parametrize("args", [["catalog", "nonsense"], ["catalog", "requirements", "--bogus"]])
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.returncode == 2, (result.stdout, result.stderr)
