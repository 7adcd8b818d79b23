"""Messages about hostile or broken inputs name the place that is wrong: the file and row or
line and column, the JSON pointer and the value, once, in words that say what was expected.
Never the name of an output not yet written, a bare "/", a parser's internal wording ("bad
file") or "expected number, got number"."""
import json
import os
import sqlite3
import subprocess

from conftest import SOURCE_DIR, run, zonepath_bin

SMALL = SOURCE_DIR / "tests" / "data" / "render" / "small-plant.json"
PLANT = SOURCE_DIR / "tests" / "data" / "import" / "plant-base.json"


def run_bounded(*args, memory_mb=1024, timeout=30):
    """The CLI under an address-space limit (none under ASan, whose shadow memory needs more)."""
    def limit():
        import resource
        if "ASAN_OPTIONS" not in os.environ:
            resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
    proc = subprocess.run([zonepath_bin(), *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          preexec_fn=limit)
    return proc.returncode, proc.stdout, proc.stderr


def validate_errors(site, tmp_path):
    path = tmp_path / "site.json"
    path.write_text(json.dumps(site))
    code, out, err = run("validate", path, "--json")
    assert code == 1, err
    doc = json.loads(out)
    return [(e["pointer"], e["message"]) for f in doc.get("files", [doc]) for e in f.get("errors", [])]


def test_a_bad_conduit_id_in_a_rule_table_is_located_at_its_row(tmp_path):
    table = tmp_path / "rules.csv"
    table.write_text("priority,action,source,destination,protocol,ports,conduit,description\n"
                     "100,allow,enterprise,dmz,https,443,bad id!,x\n"
                     "110,allow,enterprise,dmz,https,443,fw-new,y\n")
    out = tmp_path / "out.json"
    code, stdout, err = run_bounded("import", table, "--into", PLANT, "-o", out)
    text = stdout + err
    assert "rules.csv:2: conduit must be an id" in text and "bad id!" in text, text
    assert "out.json:" not in text  # not the output, which the bad row must not reach
    if code == 0:
        conduits = [c["id"] for c in json.loads(out.read_text())["conduits"]]
        assert "bad id!" not in conduits and "fw-new" in conduits


def test_yaml_nested_past_the_parser_recursion_names_the_nesting_limit(tmp_path):
    deep = tmp_path / "deep.yaml"
    deep.write_text("schema: zonepath/site/v1\nx-deep: " + "[" * 100_000 + "]" * 100_000 + "\n")
    code, out, err = run_bounded("validate", deep)
    assert code == 1
    assert "deep.yaml:2:" in out + err and "nesting deeper than the limit of 64 levels" in out + err
    assert "bad file" not in out + err


def test_a_yaml_file_past_the_size_limit_states_its_size_once(tmp_path):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as f:
        f.truncate((1 << 30) + 1)  # sparse: the size alone is refused, nothing is read
    code, out, err = run_bounded("validate", big)
    assert code == 1
    assert "file of 1073741825 bytes exceeds the limit of 1073741824 bytes" in out + err


def test_a_type_error_is_listed_once(tmp_path):
    site = json.loads(SMALL.read_text())
    for section in ("zones", "assets", "conduits", "threat_actors"):
        broken = json.loads(json.dumps(site))
        broken[section][0]["id"] = True
        errors = validate_errors(broken, tmp_path)
        pointer = f"/{section}/0/id"
        assert errors.count((pointer, "expected string, got boolean")) == 1, errors
        assert len(errors) == len(set(errors)), errors


def test_a_fraction_where_an_integer_belongs_says_so(tmp_path):
    site = json.loads(SMALL.read_text())
    site["zones"][1]["sl_t"] = 1.5
    site["zones"][4]["sl_t"][3] = 2.5
    site["conduits"][0]["rules"][0]["ports"] = [443.5]
    errors = validate_errors(site, tmp_path)
    fractional = "expected integer, got a fractional number"
    for pointer in ("/zones/1/sl_t", "/zones/4/sl_t/3", "/conduits/0/rules/0/ports/0"):
        assert (pointer, fractional) in errors, errors
    assert not any("got number" in message for _, message in errors), errors


def test_a_bad_raw_graph_ttc_points_at_the_field(tmp_path):
    graph = tmp_path / "g.json"
    graph.write_text(json.dumps({"schema": "zonepath/graph/v1", "nodes": [{"id": "a", "prior": 1.0}, {"id": "b"}],
                                 "edges": [{"from": "a", "to": "b", "p": 0.5,
                                            "ttc": {"dist": "gamma", "shape": -1, "scale": 2}}]}))
    code, _, err = run("paths", graph, "--from", "a")
    assert code == 1
    assert "g.json:1:" in err and "/edges/0/ttc/shape" in err and "-1" in err


def test_a_corrupt_results_database_is_named(tmp_path):
    db = tmp_path / "r.db"
    run("batch", SMALL, "--db", db, "--samples", "10", "--no-progress", check=0)
    with sqlite3.connect(db) as con:
        pages = con.execute("PRAGMA page_count").fetchone()[0]
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
    assert pages > 2
    with open(db, "r+b") as f:
        f.seek(2 * page_size)
        f.write(b"\xff" * page_size)
    code, _, err = run("batch", SMALL, "--db", db, "--samples", "11", "--no-progress")
    assert code == 1
    assert "r.db" in err and "malformed" in err and "internal error" not in err
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database\n" * 1000)
    code, _, err = run("batch", SMALL, "--db", junk, "--samples", "11", "--no-progress")
    assert code == 1 and "junk.db" in err and "not a database" in err


def test_a_results_database_that_is_not_a_file_is_named(tmp_path):
    import stat
    fifo = tmp_path / "r.db"
    os.mkfifo(fifo)
    for db, what in ((fifo, "a FIFO (named pipe)"), (tmp_path, "a directory"), ("/dev/null", "a character device")):
        code, _, err = run_bounded("batch", SMALL, "--db", db, "--samples", "10", "--no-progress", timeout=30)
        assert code == 1, err
        assert f"results database '{db}': it is {what}, not a regular file" in err, err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and stat.S_ISCHR(os.stat("/dev/null").st_mode)
