"""Ctrl-C stops a long run cleanly (exit 130, no report files), and limits give clear errors."""
import json
import signal
import subprocess
import time

from conftest import EXAMPLES, run, zonepath_bin


def test_sigint_stops_analyze_without_partial_files(tmp_path):
    out = tmp_path / "out"
    proc = subprocess.Popen([zonepath_bin(), "analyze", str(EXAMPLES / "water-treatment.json"),
                             "--samples", "2000000", "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    assert not out.exists() or not any(out.iterdir())


def test_sigterm_is_handled_like_sigint(tmp_path):
    proc = subprocess.Popen([zonepath_bin(), "simulate", str(EXAMPLES / "pharma-batch.json"),
                             "--threat", "ta-espionage", "--to", "ops-mes-1", "--samples", "50000000"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert out == ""  # no partial result printed as if complete


def test_too_many_samples_is_a_usage_error():
    code, _, err = run("analyze", EXAMPLES / "water-treatment.json", "--samples", "1000000000000")
    assert code == 2
    assert "samples" in err


def test_samples_times_targets_limit_names_the_way_out(tmp_path):
    code, _, err = run("simulate", EXAMPLES / "water-treatment.json", "--threat", "ta-apt",
                       "--samples", "90000000")
    assert code == 1
    assert "fewer samples" in err


def test_deep_nesting_is_refused_with_position(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"schema": "zonepath/site/v1", "x-deep": ' + "[" * 200 + "]" * 200 + "}")
    code, _, err = run("validate", path)
    assert code == 1
    assert "deep.json:1:" in err and "nesting deeper than the limit of 64" in err


def test_overlong_id_is_refused(tmp_path):
    site = json.loads((EXAMPLES / "water-treatment.json").read_text())
    site["zones"][0]["id"] = "z" * 300
    path = tmp_path / "long.json"
    path.write_text(json.dumps(site))
    code, _, err = run("validate", path)
    assert code == 1
    assert "/zones/0/id" in err
