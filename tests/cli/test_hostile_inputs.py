"""Hostile inputs: files that are not files, bombs that grow from a few kilobytes, text that
lies (duplicate keys, NUL bytes, invalid UTF-8, terminal escapes) and options that do not say
what they seem to. Each case ends with a located error and exit code 1 (2 for usage errors),
never a crash, a hang or a silently different result. The static inputs live in
tests/data/hostile (docs/security.md lists the limits these check)."""
import json
import os
import stat
import subprocess
import threading

import pytest

from conftest import SOURCE_DIR, run, zonepath_bin

HOSTILE = SOURCE_DIR / "tests" / "data" / "hostile"
SMALL = SOURCE_DIR / "tests" / "data" / "render" / "small-plant.json"
PLANT = SOURCE_DIR / "tests" / "data" / "import" / "plant-base.json"


def run_bounded(*args, memory_mb=1024, timeout=20, stdin=None):
    """Runs the CLI under an address-space limit: a bomb that escapes its bound ends in
    bad_alloc or a kill, and the test fails fast instead of taking the machine down. Under
    AddressSanitizer (whose shadow memory needs terabytes of address space) only the time
    limit applies."""
    def limit():
        import resource
        if "ASAN_OPTIONS" not in os.environ:
            resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
    proc = subprocess.run([zonepath_bin(), *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          preexec_fn=limit, stdin=stdin)
    return proc.returncode, proc.stdout, proc.stderr


def small_site():
    return json.loads(SMALL.read_text())


# --- what a path names --------------------------------------------------------------------

def test_a_directory_is_named_as_such(tmp_path):
    code, _, err = run("validate", tmp_path)
    assert code == 1
    assert "is a directory" in err and "9223372036854775807" not in err


@pytest.mark.parametrize("command", [["validate"], ["analyze"], ["import", "--into", PLANT, "-o", "/nonexistent/x"]])
def test_devices_are_refused_without_reading(command):
    # /dev/zero never ends: reading it would grow without bound.
    args = [command[0], "/dev/zero", *command[1:]]
    code, _, err = run_bounded(*args, memory_mb=512, timeout=10)
    assert code == 1, err
    assert "/dev/zero" in err and "is a character device" in err


def test_a_batch_list_naming_a_device_does_not_read_it(tmp_path):
    listing = tmp_path / "sites.txt"
    listing.write_text("/dev/zero\n")
    code, _, err = run_bounded("batch", listing, "--db", tmp_path / "r.db", memory_mb=1024, timeout=20)
    # The device is refused as a job input; nothing grows.
    assert code in (0, 1), err
    code, _, err = run_bounded("batch", "/dev/zero", "--db", tmp_path / "r2.db", memory_mb=1024, timeout=20)
    assert code == 1 and "character device" in err


def test_a_fifo_without_writer_does_not_block(tmp_path):
    fifo = tmp_path / "site.json"
    os.mkfifo(fifo)
    code, _, err = run_bounded("validate", fifo, timeout=10)
    assert code == 1
    assert "FIFO" in err and "no writer" in err


def test_pipes_and_process_substitution_are_read(tmp_path):
    proc = subprocess.run(["bash", "-c", f'"{zonepath_bin()}" validate <(cat "{SMALL}")'],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    fifo = tmp_path / "site.json"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(SMALL.read_bytes()))
    writer.start()
    code, out, err = run("validate", fifo)
    writer.join()
    assert code == 0, err


def test_a_pipe_past_the_size_cap_is_refused():
    # The cap is 1 GiB; a stream of zeros is refused at the cap without holding much more in
    # memory than the cap (the address-space limit of 2 GiB would stop an unbounded read).
    cat = subprocess.Popen(["cat", "/dev/zero"], stdout=subprocess.PIPE)
    try:
        code, _, err = run_bounded("validate", "/dev/stdin", stdin=cat.stdout, memory_mb=2048, timeout=60)
    finally:
        cat.kill()
        cat.wait()
    assert code == 1
    assert "exceeds the limit of 1073741824 bytes" in err


# --- text that lies ------------------------------------------------------------------------

def test_duplicate_json_keys_are_located():
    code, _, err = run("validate", HOSTILE / "duplicate-key.json")
    assert code == 1
    assert "duplicate key 'action'" in err
    assert "duplicate-key.json:9:" in err and "/conduits/0/rules/0/action" in err


def test_bytes_after_a_nul_are_not_ignored():
    code, _, err = run("validate", HOSTILE / "nul-byte.json")
    assert code == 1
    assert "NUL byte" in err and "nul-byte.json:4:" in err


def test_invalid_utf8_yaml_is_located_not_an_internal_error(tmp_path):
    out = tmp_path / "out"
    for args in (["validate"], ["analyze", "--out", out], ["analyze", "--json"]):
        code, stdout, err = run(args[0], HOSTILE / "invalid-utf8.yaml", *args[1:])
        assert code == 1, (args, err)
        assert "not UTF-8" in err and "invalid-utf8.yaml:5:" in err and "\\xe9" in err
        assert "internal error" not in err and "\ufffd" not in stdout
    assert not out.exists()


def test_number_overflow_has_line_and_column(tmp_path):
    doc = tmp_path / "big.json"
    doc.write_text('{\n  "schema": "zonepath/site/v1",\n  "x": 1e999\n}\n')
    code, _, err = run("validate", doc)
    assert code == 1
    assert "big.json:3:8:" in err and "1e999" in err


def test_terminal_escapes_in_names_are_printed_escaped():
    code, out, err = run("validate", HOSTILE / "escape-sequences.json")
    text = out + err
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "\\u001b" in text


def test_json_output_with_control_characters_stays_valid_json():
    code, out, err = run("analyze", HOSTILE / "escape-sequences.json", "--json", "--samples", "10")
    assert "\x1b" not in out and "\x9b" not in out
    if code == 0:
        doc = json.loads(out)
        assert any("\x9b" in z.get("name", "") for z in doc["site"].get("zones", [])) or doc


def test_diagram_tooltips_show_backslashes_and_nuls_as_written(tmp_path):
    site = small_site()
    site["zones"][1]["name"] = "Ent\\G\\L\\N x\u0000after"
    path = tmp_path / "tip.json"
    path.write_text(json.dumps(site))
    code, _, err = run("render", path, "-o", tmp_path / "tip.svg", "--samples", "10")
    assert code == 0, err
    svg = (tmp_path / "tip.svg").read_text()
    # Graphviz would put the cluster name for \G and the label for \L; the NUL would end the text.
    import re
    titles = [t for t in re.findall(r'title="([^"]*)"', svg) if t.startswith("Ent")]
    assert titles == ["Ent\\G\\L\\N x\ufffdafter&#10;SL&#45;T 1 1 1 1 1 1 1&#10;SL&#45;A 0 0 0 0 0 0 0&#10;"
                      "gap &#160;1 1 1 1 1 1 1"]


# --- bombs ---------------------------------------------------------------------------------

def test_iptables_chain_bomb_is_refused_naming_the_chain(tmp_path):
    # 30 jumps per chain, 5 chains deep: 24 million inlined rules from 3 KB.
    code, _, err = run_bounded("import", HOSTILE / "chain-bomb.iptables", "--into", PLANT, "-o",
                               tmp_path / "out.json", memory_mb=1024, timeout=20)
    assert code == 1, err
    assert "chain L" in err and "more than 100000 rules" in err
    assert "chain-bomb.iptables:" in err
    assert not (tmp_path / "out.json").exists()


def test_services_per_asset_are_capped_with_a_located_error(tmp_path):
    site = small_site()
    site["assets"][0]["services"] = [{"protocol": "custom", "port": 1 + i % 65535} for i in range(65536)]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(site))
    code, out, err = run_bounded("validate", path, memory_mb=2048, timeout=30)
    assert code == 1
    assert "/assets/0/services" in out + err and "65536 services exceed the limit of 4096 per asset" in out + err


def test_services_at_the_cap_are_analysed(tmp_path):
    site = small_site()
    site["assets"][0]["services"] = [{"protocol": "custom", "port": 1 + i} for i in range(4096)]
    path = tmp_path / "cap.json"
    path.write_text(json.dumps(site))
    code, out, err = run_bounded("flows", path, "--json", memory_mb=2048, timeout=30)
    assert code == 0, err
    flows = json.loads(out)
    # pc-1 sits alone in the flat enterprise zone: its 4096 services are all reachable within it.
    within = [f for f in flows["flows"] if f["to"] == "pc-1" and f["reason"] == "flat zone"]
    assert len(within) == 4096


def test_json_patch_copy_bomb_is_bounded(tmp_path):
    code, _, err = run_bounded("whatif", SMALL, HOSTILE / "copy-bomb.scenario.json", "--samples", "10",
                               memory_mb=1024, timeout=20)
    assert code == 1, err
    assert "copy-bomb.scenario.json:" in err and "/operations/0/patch/" in err
    assert "JSON Patch copies grow the site past the limit" in err


def test_batch_records_a_bombed_job_as_failed(tmp_path):
    db = tmp_path / "r.db"
    code, out, err = run_bounded("batch", SMALL, HOSTILE / "copy-bomb.scenario.json", "--db", db, "--samples", "10",
                                 "--json", memory_mb=1024, timeout=30)
    assert code in (0, 1), err
    import sqlite3
    with sqlite3.connect(db) as con:
        statuses = [s for (s,) in con.execute("SELECT status FROM jobs")]
        kinds = [k for (k,) in con.execute("SELECT error_kind FROM jobs WHERE status = 'failed'")]
    assert "pending" not in statuses
    assert "LimitError" in kinds


# --- importers -----------------------------------------------------------------------------

def test_malformed_vlans_are_not_read_as_another_vlan(tmp_path):
    out = tmp_path / "out.json"
    code, stdout, err = run("import", HOSTILE / "vlans-malformed.csv", "--into", PLANT, "--zone-map",
                            SOURCE_DIR / "tests" / "data" / "import" / "zone-map.csv", "-o", out, "--json")
    assert code == 0, err
    report = json.loads(stdout)
    site = json.loads(out.read_text())
    by_ip = {a.get("x-ip"): a for a in site["assets"]}
    # "110" and "VLAN 110" are ops (VLAN 110 in the zone map); "11.0", "-110", "1,10" are not VLAN 110.
    assert by_ip["10.99.0.1"]["zone"] == "ops" and by_ip["10.99.0.2"]["zone"] == "ops"
    for ip in ("10.99.0.3", "10.99.0.4", "10.99.0.5"):
        assert ip not in by_ip or by_ip[ip]["zone"] != "ops"
    notes = json.dumps(report)
    for cell in ("11.0", "-110", "1,10"):
        assert f'"{cell}"' in notes


def test_generated_id_suffixes_do_not_swallow_another_device(tmp_path):
    out = tmp_path / "out.json"
    code, stdout, err = run("import", HOSTILE / "colliding-names.csv", "--into", PLANT, "--zone-map",
                            SOURCE_DIR / "tests" / "data" / "import" / "zone-map.csv", "-o", out)
    assert code == 0, err
    site = json.loads(out.read_text())
    ips = sorted(a.get("x-ip", "") for a in site["assets"] if a["id"].startswith("plc"))
    assert ips == ["10.20.1.10", "10.20.1.11", "10.20.1.50"]  # three devices, three assets
    ids = [a["id"] for a in site["assets"]]
    assert len(ids) == len(set(ids))


def test_latin1_csv_is_a_located_error(tmp_path):
    code, _, err = run("import", HOSTILE / "latin1.csv", "--into", PLANT, "-o", tmp_path / "out.json")
    assert code == 1
    assert "latin1.csv:3:" in err and "not UTF-8" in err and "internal error" not in err


@pytest.mark.parametrize("name, marker", [("nmap-plant.xml", b'<hostname name="'), ("pfsense-ops-fw.xml", b"<descr>")])
def test_latin1_xml_is_a_located_error(tmp_path, name, marker):
    # The XML readers parse UTF-8 whatever the declaration says: a Latin-1 byte would pass on
    # into asset names and rule descriptions.
    text = (SOURCE_DIR / "tests" / "data" / "import" / name).read_bytes()
    at = text.index(marker) + len(marker)
    bad = tmp_path / name
    bad.write_bytes(text[:at] + b"caf\xe9 " + text[at:])
    line = text[:at].count(b"\n") + 1
    code, _, err = run("import", bad, "--into", PLANT, "-o", tmp_path / "out.json")
    assert code == 1, err
    assert f"{name}:{line}:" in err and "not UTF-8" in err and "\\xe9" in err
    assert not (tmp_path / "out.json").exists()


# --- options -------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["simulate", SMALL, "--threat", "apt", "--seed", "-1"],
    ["simulate", SMALL, "--threat", "apt", "--seed", "18446744073709551616"],
    ["simulate", SMALL, "--threat", "apt", "--seed", "1e23"],
    ["plan", SMALL, "--threat", "apt", "--budget", "nan"],
    ["plan", SMALL, "--threat", "apt", "--budget", "inf"],
    ["render", SMALL, "-o", "/nonexistent/x.svg", "--auto-threshold", "18446744073709551616"],
    ["analyze", SMALL, "--out", "/nonexistent/x", "--format", ""],
    ["paths", SMALL, "--threat", "apt", "-k", "1001"],
])
def test_options_that_do_not_say_a_number_are_usage_errors(args):
    code, out, err = run(*args)
    assert code == 2, (args, out, err)
    assert out == ""


# --- outputs -------------------------------------------------------------------------------

def test_output_targets_that_are_not_files_are_refused(tmp_path):
    fifo = tmp_path / "out.svg"
    os.mkfifo(fifo)
    code, _, err = run("render", SMALL, "-o", fifo, "--samples", "10")
    assert code == 1 and "FIFO" in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    code, _, err = run("export", SMALL, "-o", "/dev/full")
    assert code == 1 and "character device" in err
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    link = tmp_path / "stdout.json"
    link.symlink_to("/proc/self/fd/1")
    code, _, err = run("export", SMALL, "-o", link)
    assert code == 1 and link.is_symlink()


def test_a_symlink_planted_at_the_old_temporary_name_is_not_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    out = tmp_path / "site.graphml"
    # exec keeps the shell's pid, so $$ is the pid the CLI would have used in its temporary name.
    script = f'ln -s "{victim}" "{out}.tmp.$$"; exec "{zonepath_bin()}" export "{SMALL}" -o "{out}"'
    proc = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert victim.read_text() == "keep me\n"
    assert out.read_text().startswith("<?xml")
    leftovers = [p.name for p in tmp_path.iterdir() if ".tmp" in p.name and not p.is_symlink()]
    assert leftovers == []


def test_import_into_keeps_mode_and_writes_through_a_symlink(tmp_path):
    real = tmp_path / "real-site.json"
    real.write_bytes(PLANT.read_bytes())
    os.chmod(real, 0o600)
    link = tmp_path / "site.json"
    link.symlink_to(real)
    code, _, err = run("import", SOURCE_DIR / "tests" / "data" / "import" / "rules-ent-dmz.csv", "--into", link)
    assert code == 0, err
    assert link.is_symlink()
    assert stat.S_IMODE(os.stat(real).st_mode) == 0o600
    assert json.loads(real.read_text()) != json.loads(PLANT.read_text())


def _limited_file_size(limit):
    def apply():
        import resource
        import signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_full_disk_leaves_the_previous_report_set_whole(tmp_path):
    out = tmp_path / "out"
    run("analyze", SMALL, "--out", out, "--samples", "10", "--format", "json,csv,html", check=0)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    sizes = sorted(len(b) for b in before.values())
    # A file-size limit between the smallest and the largest file: some writes succeed, the
    # large HTML fails, as on a disk that fills up in the middle of the set.
    limit = sizes[0] + 1
    proc = subprocess.run([zonepath_bin(), "analyze", str(SMALL), "--out", str(out), "--samples", "11",
                           "--format", "json,csv,html"], capture_output=True, text=True, timeout=60,
                          preexec_fn=_limited_file_size(limit))
    assert proc.returncode == 1, proc.stderr
    assert "File too large" in proc.stderr and "Wrote" not in proc.stdout
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == before  # the old set, untouched; no temporary files left


def test_a_full_disk_on_a_new_directory_leaves_nothing(tmp_path):
    out = tmp_path / "new"
    proc = subprocess.run([zonepath_bin(), "analyze", str(SMALL), "--out", str(out), "--samples", "10"],
                          capture_output=True, text=True, timeout=60, preexec_fn=_limited_file_size(2000))
    assert proc.returncode == 1
    assert not out.exists()


def _runs(db):
    import sqlite3
    with sqlite3.connect(db, timeout=30) as con:
        try:
            return [s for (s,) in con.execute("SELECT status FROM runs ORDER BY run_id")]
        except sqlite3.OperationalError:  # the database exists, its schema not yet
            return []


def test_a_killed_batch_run_is_reclaimed_but_a_live_one_is_not(tmp_path):
    import time
    db = tmp_path / "r.db"
    slow = subprocess.Popen([zonepath_bin(), "batch", SOURCE_DIR / "scenarios" / "examples" / "water-treatment.json",
                             "--db", db, "--samples", "3000000", "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            if db.exists() and _runs(db) == ["running"]:
                break
            time.sleep(0.05)
        assert _runs(db) == ["running"]
        # Another run while the first is alive leaves it alone.
        run("batch", SMALL, "--db", db, "--samples", "10", "--no-progress", check=0)
        assert _runs(db) == ["running", "done"]
    finally:
        slow.kill()
        slow.wait()
    assert _runs(db) == ["running", "done"]  # SIGKILL: nobody could mark it
    run("batch", SMALL, "--db", db, "--samples", "11", "--no-progress", check=0)
    assert _runs(db) == ["interrupted", "done", "done"]


def test_generate_stops_on_ctrl_c_and_writes_nothing(tmp_path):
    import signal
    import time
    out = tmp_path / "big.json"
    proc = subprocess.Popen([zonepath_bin(), "generate", "--assets", "1000000", "-o", out],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert list(tmp_path.iterdir()) == []


def test_simulate_and_reach_print_graph_names_escaped(tmp_path):
    # simulate and reach print their tables with C stdio, not through std::cout: node names,
    # techniques and via labels of a raw graph must be escaped there too.
    esc, osc, csi = "\x1b[2K\rok", "\x1b]0;owned\x07", "\u009b31m"
    graph = {"schema": "zonepath/graph/v1",
             "nodes": [{"id": "start" + esc, "prior": 1.0}, {"id": "plc" + osc}],
             "edges": [{"from": "start" + esc, "to": "plc" + osc, "p": 1.0, "technique": "T0866" + csi,
                        "via": "fw" + esc, "ttc": {"dist": "fixed", "value": 2}}]}
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(graph))
    for command in (["simulate", "--samples", "20"], ["reach"]):
        code, out, err = run(command[0], path, "--from", "start" + esc, "--to", "plc" + osc, *command[1:])
        assert code == 0, err
        for raw in ("\x1b", "\x07", "\u009b", "\r"):
            assert raw not in out + err, (command, raw)
        # The table still names the node, as the escaped text (one line per target).
        assert "plc\\u001b]0;owned\\u0007" in out, out
    code, out, _ = run("simulate", path, "--from", "start" + esc, "--samples", "20")
    assert "start\\u001b[2K\\u000dok -> plc\\u001b]0;owned\\u0007  T0866\\u009b31m  via fw\\u001b[2K\\u000dok" in out, out


@pytest.mark.skipif("ASAN_OPTIONS" in os.environ, reason="an address-space limit cannot apply under ASan")
def test_a_batch_job_that_runs_out_of_memory_is_recorded_as_failed(tmp_path):
    # Under a 300 MB address-space limit the bundled water plant analyses (mimalloc reserves
    # address space in 32 MiB segments and the CLI holds 64 MiB back for unwinding, so it needs
    # about 150), a generated 30,000-asset plant cannot (it needs about 400): its jobs fail with
    # std::bad_alloc, some while a large JSON document is being destroyed. Each must be stored
    # as failed with a clear message, never abort the run or stay pending.
    import sqlite3
    sites = tmp_path / "sites"
    sites.mkdir()
    run("generate", "--assets", 30000, "--seed", 1, "-o", sites / "big.json", check=0)
    (sites / "water.json").write_text((SOURCE_DIR / "scenarios" / "examples" / "water-treatment.json").read_text())
    db = tmp_path / "r.sqlite"
    code, out, err = run_bounded("batch", sites, "--db", db, "--threads", 2, "--samples", 10, "--no-progress",
                                 memory_mb=300, timeout=120)
    assert code == 1, err
    rows = sqlite3.connect(db).execute("SELECT site_file, status, error_kind, error FROM jobs").fetchall()
    assert {r[1] for r in rows} <= {"ok", "failed"}, rows
    big = [r for r in rows if r[0].endswith("big.json")]
    water = [r for r in rows if r[0].endswith("water.json")]
    assert big and all(r[1] == "failed" and r[2] == "OutOfMemory" and r[3].startswith("out of memory") for r in big)
    assert water and all(r[1] == "ok" for r in water), water
    assert "OutOfMemory: out of memory" in out + err
