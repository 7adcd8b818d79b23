"""`zonepath drift` on a day of generated Zeek conn.log for the water treatment plant (about 120k
lines, tests/cli/gen_conn_log.py): every count of the report equals what the generator worked
out with its own reading of the rules; the JSON-lines log gives the same report; the written
scenario runs in `whatif` and only takes access away; malformed logs are refused with their
line, column and field; memory stays bounded whatever the length of the log."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, SOURCE_DIR, run, zonepath_bin

sys.path.insert(0, str(Path(__file__).parent))
import gen_conn_log  # noqa: E402

SITE = EXAMPLES / "water-treatment.json"
SAMPLES = ("--samples", "50")


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    d = tmp_path_factory.mktemp("drift")
    log = d / "conn.log"
    expected = gen_conn_log.generate(str(SITE), str(log), seed=62443, connections=120000)
    code, out, err = run("drift", SITE, "--observed", log, "--json", "--out", d / "out", check=0)
    return {"dir": d, "log": log, "expected": expected, "report": json.loads(out)}


def test_the_log_is_a_realistic_day(day):
    e = day["expected"]
    assert e["lines"] >= 100000
    assert day["log"].read_text().startswith("#separator \\x09\n#set_separator\t,\n")
    obs = day["report"]["observed"]
    assert obs["format"] == "tsv"
    assert obs["first"].startswith("2024-03-12T00:0") and obs["last"].startswith("2024-03-12T23:5")
    assert 86000 < obs["seconds"] < 86400


def test_counts_match_the_generator(day):
    e, r = day["expected"], day["report"]
    obs, s = r["observed"], r["summary"]
    assert (obs["lines"], obs["connections"], obs["ipv6"], obs["other_transport"], obs["flows"]) == \
        (e["lines"], e["connections"], e["ipv6"], e["other_transport"], e["flows"])
    for key in ("flows_allowed", "flows_denied", "connections_denied", "multicast_connections", "unknown_hosts",
                "external_hosts", "allow_rules", "unexpected_ports"):
        assert s[key] == e[key], key
    assert len(r["violations"]) == e["flows_denied"] and r["violations_omitted"] == 0
    assert s["outside_connections"] == 0  # the Internet zone holds 0.0.0.0/0


def test_unused_and_removed_rules_match_the_generator(day):
    e, r = day["expected"], day["report"]
    unused = [[a["via"], a["index"]] for a in r["allow_rules"] if not a["used"]]
    removed = [[a["via"], a["index"]] for a in r["allow_rules"] if a["removed"]]
    assert unused == e["unused_rules"]
    assert removed == e["removed_rules"]
    # Rules the generator gave no traffic stay unused (others are unused too: rules no flow of the
    # model can use, such as the shadowed one), except the per-VLAN CIP rule into high-service,
    # which the contractor laptop in the SCADA zone uses.
    assert [k for k in e["left_unused"] if k not in unused] in ([], [["rtr-scada-hs", 0]])
    used = {"%s/%d" % (a["via"], a["index"]): a["connections"] for a in r["allow_rules"] if a["used"]}
    assert used["rtr-scada-hs/0"] >= 400
    assert used == e["used_connections"]
    assert r["summary"]["rules_removed"] == len(removed)
    ops = json.loads((day["dir"] / "out" / "tighten.json").read_text())["operations"]
    assert sorted([o["conduit"] if "conduit" in o else o["zone"], o["index"]] for o in ops) == sorted(removed)


def test_injected_drift_is_named(day):
    r = day["report"]
    laptop = next(h for h in r["unknown_hosts"] if h["ip"] == "10.10.50.201")
    assert laptop["zone"] == "scada" and laptop["subnet"] == "10.10.50.0/24" and not laptop["external"]
    assert laptop["connections_out"] == 400 + 36  # CIP to two PLCs, a 6 x 6 port scan of the DMZ
    rogue = next(h for h in r["unknown_hosts"] if h["ip"] == "10.10.80.77")
    assert rogue["zone"] == "chem-feed"
    scan = [v for v in r["violations"] if v["src"] == "10.10.50.201"]
    assert len(scan) == 36 and all(v["dst_zone"] == "idmz" for v in scan)
    assert {d["via"] for v in scan for d in v["denied_by"]} == {"fw-dmz-scada"}
    ports = {(p["dst_asset"], p["zeek_service"], p["port"]) for p in r["unexpected_ports"]}
    assert ports == {("chem-plc-1", "modbus", 5020), ("res1-rtu", "dnp3_tcp", 20001), ("flt-plc-2", "enip", 2223)}


def test_json_lines_give_the_same_report(tmp_path):
    tsv, js = tmp_path / "conn.log", tmp_path / "conn.json"
    gen_conn_log.generate(str(SITE), str(tsv), seed=5, connections=20000)
    gen_conn_log.generate(str(SITE), str(js), seed=5, connections=20000, as_json=True)
    a = json.loads(run("drift", SITE, "--observed", tsv, "--json", check=0)[1])
    b = json.loads(run("drift", SITE, "--observed", js, "--json", check=0)[1])
    assert b["observed"]["format"] == "json"
    for doc in (a, b):
        for key in ("file", "format", "lines"):
            doc["observed"].pop(key)
    assert a == b


def test_tightening_scenario_runs_in_whatif_and_only_takes_access_away(day, tmp_path):
    out = tmp_path / "whatif"
    run("whatif", SITE, day["dir"] / "out" / "tighten.json", *SAMPLES, "--out", out, check=0)
    applied = json.loads((out / "drift-tighten.json").read_text())
    assert len(applied["operations"]) == day["report"]["summary"]["rules_removed"]
    tightened = out / "tightened.json"
    tightened.write_text(json.dumps(applied["site_json"]))
    before = json.loads(run("flows", SITE, "--json", check=0)[1])["flows"]
    after = json.loads(run("flows", tightened, "--json", check=0)[1])["flows"]

    def key(f):
        return (f["from"], f["to"], f["protocol"], f["port"], f["via"])

    assert {key(f) for f in after} < {key(f) for f in before}
    removed = {(a["via"], a["priority"]) for a in day["report"]["allow_rules"] if a["removed"]}
    assert not [f for f in after if f["rule"] and (f["via"], f["rule"]["priority"]) in removed]


def test_text_output_and_help():
    code, out, _ = run("drift", SITE, "--observed", SOURCE_DIR / "tests" / "data" / "zeek" / "conn-plant.log", check=0)
    assert "Flows the model does not allow: 2 flows" in out
    assert "10.10.50.99 in zone scada" in out
    assert "modbus on 5020/tcp (expected 502)" in out
    _, help_text, _ = run("drift", "--help", check=0)
    assert "zonepath drift scenarios/examples/water-treatment.json --observed conn.log --out drift-out" in help_text


def test_malformed_log_is_refused_with_its_place_and_nothing_is_written(tmp_path):
    log = tmp_path / "conn.log"
    text = (SOURCE_DIR / "tests" / "data" / "zeek" / "conn-plant.log").read_text().splitlines(keepends=True)
    fields = text[9].split("\t")
    fields[5] = "5o2"
    text[9] = "\t".join(fields)
    log.write_text("".join(text))
    out = tmp_path / "out"
    code, _, err = run("drift", SITE, "--observed", log, "--out", out)
    assert code == 1
    col = len("\t".join(fields[:5])) + 2
    assert f"conn.log:10:{col}: id.resp_p: not a port number 0..65535 (value: 5o2)" in err
    assert not out.exists()
    code, _, err = run("drift", SITE, "--observed", tmp_path / "missing.log")
    assert code == 1 and "missing.log" in err
    empty = tmp_path / "empty.log"
    empty.write_text("")
    code, _, err = run("drift", SITE, "--observed", empty)
    assert code == 1 and "no IPv4 TCP or UDP connection" in err


# AddressSanitizer's shadow memory and freed-block quarantine (256 MiB by default) make the
# resident size a measure of the sanitizer, not of the reader; the release suite checks the bound.
@pytest.mark.skipif("ASAN_OPTIONS" in os.environ, reason="resident size under ASan measures the sanitizer")
def test_memory_stays_bounded_however_long_the_log(day):
    """Eight copies of the day (about 950k lines, 130 MB) through stdin: the peak resident size
    of the process stays far below the size of the input."""
    data = day["log"].read_bytes()
    probe = (
        "import resource, subprocess, sys\n"
        "p = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE)\n"
        "data = open(%r, 'rb').read()\n"
        "import threading\n"
        "def feed():\n"
        "    for _ in range(8):\n"
        "        p.stdin.write(data)\n"
        "    p.stdin.close()\n"
        "t = threading.Thread(target=feed); t.start()\n"
        "out = p.stdout.read(); t.join(); p.wait()\n"
        "sys.stdout.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) + '\\n')\n"
        "sys.stdout.buffer.write(out)\n" % str(day["log"]))
    proc = subprocess.run([sys.executable, "-c", probe, zonepath_bin(), "drift", str(SITE), "--observed", "-",
                           "--json"], capture_output=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    first, _, rest = proc.stdout.partition(b"\n")
    peak_kib = int(first)
    report = json.loads(rest)
    assert report["observed"]["connections"] == 8 * day["expected"]["connections"]
    assert report["observed"]["flows"] == day["expected"]["flows"]
    assert len(data) * 8 > 120 * 1024 * 1024
    assert peak_kib < 64 * 1024, f"peak RSS {peak_kib} KiB for {8 * len(data)} bytes of log"
