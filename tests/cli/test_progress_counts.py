"""What the progress phases count, from the --progress=json lines: bytes and records for import,
bytes and model objects for loading, targets for paths and reach, the steps of a cut, what
generate writes, the analyses of plan verification, the Monte Carlo samples of what-if, compare
and change, the jobs of batch; and `--progress json` written with a space. Outputs stay the
same with and without progress."""
import json

import pytest

from conftest import EXAMPLES, SOURCE_DIR, run
from test_progress import check_phases_complete, events, run_raw, top_level

DATA = SOURCE_DIR / "tests" / "data" / "import"
IMPORTS = ["inventory-messy.csv", "icsa-23-348-15.json", "iptables-ops-fw.txt", "rules-ent-dmz.csv",
           "nmap-plant.xml"]
WATER = EXAMPLES / "water-treatment.json"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    path = tmp_path_factory.mktemp("counts") / "site.json"
    run("generate", "--assets", 600, "--seed", 11, "-o", path, check=0)
    return path


def end_of(evs, phase):
    ends = [e for e in evs if e["event"] == "end" and e["phase"] == phase]
    assert len(ends) == 1, (phase, [e["phase"] for e in evs if e["event"] == "end"])
    return ends[0]


def progress_run(*args, check=0):
    """The command's stdout with and without --progress=json (equal), and its events, checked."""
    _, quiet, _ = run(*args, check=check)
    _, out, err = run(*args, "--progress=json", check=check)
    assert out == quiet
    evs = events(err)
    check_phases_complete(evs)
    return out, evs


def site_objects(path):
    doc = json.loads(path.read_text())
    return sum(len(doc.get(key, [])) for key in ("zones", "assets", "conduits", "threat_actors"))


def test_import_counts_bytes_then_records(tmp_path):
    files = [DATA / f for f in IMPORTS]
    out_file = tmp_path / "out.json"
    args = ("import", *files, "--into", DATA / "plant-base.json", "--zone-map", DATA / "zone-map.csv",
            "-o", out_file, "--json")
    run(*args, check=0)
    quiet_site = out_file.read_bytes()
    out, evs = progress_run(*args)
    assert out_file.read_bytes() == quiet_site
    assert end_of(evs, "read files")["total"] == sum(f.stat().st_size for f in files)  # bytes
    per_file = {e["phase"]: e for e in evs if e["event"] == "end" and e["depth"] == 1}
    assert set(per_file) == {"import " + f for f in IMPORTS}
    report = {f["file"].rsplit("/", 1)[-1]: f for f in json.loads(out)["files"]}
    assert per_file["import inventory-messy.csv"]["total"] == report["inventory-messy.csv"]["rows"]
    assert per_file["import nmap-plant.xml"]["total"] >= report["nmap-plant.xml"]["hosts"] > 0
    assert per_file["import iptables-ops-fw.txt"]["total"] > 1  # rules, not one file
    assert per_file["import icsa-23-348-15.json"]["total"] > 1  # the site's assets matched
    assert end_of(evs, "import files")["total"] == len(IMPORTS)


def test_loading_counts_the_bytes_parsed(site):
    size = site.stat().st_size
    _, evs = progress_run("analyze", site, "--samples", 100, "--json")
    assert end_of(evs, "load site")["total"] == size
    _, evs = progress_run("validate", site)
    assert end_of(evs, f"validate {site}")["total"] == size
    _, evs = progress_run("compare", site, site, "--samples", 100, "--json")
    assert end_of(evs, "load sites")["total"] == 2 * size


def test_generate_counts_what_it_writes(tmp_path):
    out = tmp_path / "g.json"
    _, err = run("generate", "--assets", 2000, "--seed", 4, "-o", out, "--json", "--progress=json", check=0)[1:]
    evs = events(err)
    check_phases_complete(evs)
    assert top_level(evs) == ["generate site"]
    assert end_of(evs, "write site")["total"] == site_objects(out) - len(json.loads(out.read_text())["threat_actors"])


def test_paths_reach_and_cut_count_targets_and_steps(site):
    actor = json.loads(site.read_text())["threat_actors"][0]["id"]
    out, evs = progress_run("paths", site, "--threat", actor, "-k", 2, "--json")
    assert end_of(evs, "paths")["total"] > 1  # the crown jewels, one by one
    assert end_of(evs, "load and build graph")["total"] == site.stat().st_size
    graph = SOURCE_DIR / "tests" / "data" / "graphs" / "dbca.json"
    _, evs = progress_run("reach", graph, "--from", "D", "--to", "A", "--to", "B", "--json")
    assert end_of(evs, "exact reach")["total"] == 2
    _, evs = progress_run("reach", graph, "--from", "D", "--to", "A", "--samples", 5000, "--json")
    assert end_of(evs, "Monte Carlo reach")["total"] == 5000
    _, evs = progress_run("cut", graph, "--from", "D", "--to", "A", "--json")
    assert end_of(evs, "min cut")["total"] == 3


def test_plan_verification_counts_its_analyses():
    _, evs = progress_run("plan", WATER, "--samples", 100)
    assert end_of(evs, "plan verify")["total"] == 3


@pytest.mark.parametrize("command", ["whatif", "compare", "change"])
def test_parallel_analyses_count_their_samples(command):
    change = SOURCE_DIR / "tests" / "data" / "change"
    args, analyses, outer = {
        "whatif": (["whatif", WATER, EXAMPLES / "scenarios" / "water-remove-port-forward.json"], 2, "scenarios"),
        "compare": (["compare", WATER, WATER], 2, "designs"),
        "change": (["change", change / "site.json", change / "open-rule.json"], 2, "before and after"),
    }[command]
    _, evs = progress_run(*args, "--samples", 300, check=None)
    base = args[1]
    actors = len(json.loads(base.read_text())["threat_actors"])
    # Each analysis draws the samples of every actor twice: without countermeasures (SL-T), then with.
    assert end_of(evs, "Monte Carlo")["total"] == analyses * 300 * 2 * actors
    nested = next(e for e in evs if e["phase"] == "Monte Carlo")
    assert nested["depth"] == 1
    assert outer in top_level(evs)


def test_batch_writes_json_progress_of_its_jobs(tmp_path):
    sites = tmp_path / "sites"
    sites.mkdir()
    for seed in (1, 2):
        run("generate", "--assets", 200, "--seed", seed, "-o", sites / f"s{seed}.json", check=0)
    _, out, err = run("batch", sites, "--db", tmp_path / "a.sqlite", "--samples", 20, "--json", "--progress=json",
                      check=0)
    evs = events(err)
    check_phases_complete(evs)
    jobs = json.loads(out)["jobs"]
    assert jobs > 1
    assert end_of(evs, "jobs")["total"] == jobs
    assert "\r" not in err  # JSON lines, not the bar
    # The same with a space, and the terminal bar is unchanged.
    _, _, err = run("batch", sites, "--db", tmp_path / "b.sqlite", "--samples", 20, "--progress", "json", check=0)
    assert end_of(events(err), "jobs")["total"] == jobs
    forced = run_raw("batch", sites, "--db", tmp_path / "c.sqlite", "--samples", 20, "--progress")
    assert "\r[" in forced and "jobs" in forced and "{" not in forced


def test_progress_value_may_follow_with_a_space(tmp_path):
    spaced = run("analyze", WATER, "--samples", 100, "--progress", "json", check=0)
    joined = run("analyze", WATER, "--samples", 100, "--progress=json", check=0)
    assert spaced[1] == joined[1]
    # The same phases in the same order; updates come at 5 Hz, so their number follows the clock.
    def phases(err):
        return [(e["event"], e["phase"]) for e in events(err) if e["event"] != "update"]
    assert phases(spaced[2]) == phases(joined[2])
    # Before the command name too.
    assert top_level(events(run("--progress", "json", "gaps", WATER, "--samples", 100, check=0)[2]))[0] == "load site"
    # `--progress SITE`: SITE stays the command's positional argument (text progress).
    forced = run_raw("analyze", "--progress", WATER, "--samples", 100)
    assert "\r" in forced and "load site" in forced and "{" not in forced
    assert "\r" in run_raw("analyze", "--progress", "text", WATER, "--samples", 100)
    assert run("analyze", WATER, "--progress", "xml", "--samples", 100)[0] != 0
