"""zonepath generate and zonepath batch end to end: generated sites validate, batches give the
same database for --jobs 1 and 2, failures are recorded, reruns resume."""
import json
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch_dbdump import db_content, scalar  # noqa: E402
from conftest import EXAMPLES, run, run_json  # noqa: E402


def make_sites(tmp_path, seeds, assets=100):
    d = tmp_path / "sites"
    d.mkdir(exist_ok=True)
    for s in seeds:
        run("generate", "--assets", assets, "--seed", s, "-o", d / f"site{s}.json", check=0)
    return d


def test_generate_validates_and_is_deterministic(tmp_path):
    for shape in ("segmented", "flat"):
        for seed in (1, 2):
            out = tmp_path / f"{shape}{seed}.json"
            summary = run_json("generate", "--assets", 300, "--shape", shape, "--seed", seed, "-o", out)
            assert summary["assets"] == 300
            run("validate", out, check=0)
            site = json.loads(out.read_text())
            assert len(site["assets"]) == 300 and len(site["threat_actors"]) == 5
    again = tmp_path / "again.json"
    run("generate", "--assets", 300, "--shape", "flat", "--seed", 2, "-o", again, check=0)
    assert again.read_bytes() == (tmp_path / "flat2.json").read_bytes()


def test_generate_usage_errors(tmp_path):
    assert run("generate", "--assets", 50, "-o", tmp_path / "x.json")[0] == 2
    assert run("generate", "--assets", 500, "--shape", "flat", "--zones", 10, "-o", tmp_path / "x.json")[0] == 2
    assert not (tmp_path / "x.json").exists()


def test_same_database_for_one_and_two_threads(tmp_path):
    sites = make_sites(tmp_path, [1, 2, 3])
    # --threads, its alias --jobs, and the top-level --threads before the command name
    a = run_json("batch", sites, "--db", tmp_path / "a.sqlite", "--threads", 1, "--samples", 200, "--seed", 5)
    b = run_json("batch", sites, "--db", tmp_path / "b.sqlite", "--jobs", 2, "--samples", 200, "--seed", 5)
    c = run_json("--threads", 2, "batch", sites, "--db", tmp_path / "c.sqlite", "--samples", 200, "--seed", 5)
    assert (a["threads"], b["threads"], c["threads"]) == (1, 2, 2)
    assert a["jobs"] == b["jobs"] == c["jobs"] == 15 and a["ok"] == b["ok"] == c["ok"] == 15
    assert db_content(tmp_path / "a.sqlite") == db_content(tmp_path / "c.sqlite")
    assert db_content(tmp_path / "a.sqlite") == db_content(tmp_path / "b.sqlite")
    assert scalar(tmp_path / "a.sqlite", "PRAGMA journal_mode") == "wal"


def test_failing_job_is_recorded_and_batch_goes_on(tmp_path):
    sites = make_sites(tmp_path, [1])
    shutil.copy(EXAMPLES / "bad" / "04-asset-unknown-zone.json", sites / "bad.json")
    code, out, err = run("batch", sites, "--db", tmp_path / "f.sqlite", "--samples", 100, "--json")
    assert code == 1
    summary = json.loads(out)
    assert summary["ok"] == 5 and summary["failed"] >= 1
    failed = summary["failed_jobs"][0]
    assert failed["site_file"].endswith("bad.json") and failed["error_kind"] == "ValidationError"
    db = tmp_path / "f.sqlite"
    assert scalar(db, "SELECT count(*) FROM jobs WHERE status = 'failed' AND error LIKE '%/assets/%'") >= 1
    assert scalar(db, "SELECT count(*) FROM jobs WHERE status = 'ok'") == 5


def test_rerun_skips_done_jobs_and_resumes(tmp_path):
    sites = make_sites(tmp_path, [1, 2])
    db = tmp_path / "r.sqlite"
    first = run_json("batch", sites, "--db", db, "--samples", 100)
    assert first["ok"] == 10
    full = db_content(db)
    again = run_json("batch", sites, "--db", db, "--samples", 100)
    assert again["skipped"] == 10 and again["ok"] == 0
    # A new site adds only its own jobs.
    run("generate", "--assets", 100, "--seed", 3, "-o", sites / "site3.json", check=0)
    more = run_json("batch", sites, "--db", db, "--samples", 100)
    assert more["skipped"] == 10 and more["ok"] == 5
    # Other options are other inputs: nothing is skipped.
    other = run_json("batch", sites, "--db", tmp_path / "o.sqlite", "--samples", 100, "--seed", 9)
    assert other["skipped"] == 0
    assert db_content(db)[0][:10] == full[0]


def test_list_file_input(tmp_path):
    sites = make_sites(tmp_path, [4])
    lst = tmp_path / "sites.txt"
    lst.write_text("# one site\nsites/site4.json\n\n")
    summary = run_json("batch", lst, "--db", tmp_path / "l.sqlite", "--samples", 50)
    assert summary["jobs"] == 5 and summary["ok"] == 5
