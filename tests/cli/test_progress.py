"""Progress on stderr: every phase of analyze in order and complete (--progress=json), outputs
byte-identical with and without it at any thread count, nothing off a terminal unless forced,
the line redrawn and cleared on a pseudo-terminal, and the --timings summary."""
import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, SOURCE_DIR, run, zonepath_bin

sys.path.insert(0, str(Path(__file__).parent))
import gen_conn_log  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    path = tmp_path_factory.mktemp("progress") / "site.json"
    run("generate", "--assets", 600, "--seed", 11, "-o", path, check=0)
    return path


def run_raw(*args):
    """Runs the CLI; returns stderr as it was written (no newline translation: the \\r count)."""
    proc = subprocess.run([zonepath_bin(), *map(str, args)], capture_output=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return proc.stderr.decode("utf-8")


def without_warnings(text):
    """Generated sites draw a loader warning or two; the terminal shows them on their own lines."""
    return re.sub(r"zonepath: warning: [^\n]*\n", "", text.replace("\r\n", "\n"))


def events(stderr):
    """Every progress line of stderr as a dict; any other line must be a zonepath message."""
    out = []
    for line in stderr.splitlines():
        if line.startswith("{"):
            out.append(json.loads(line))
        else:
            assert line.startswith("zonepath: "), line
    return out


def check_phases_complete(evs):
    """Begin/end pair up like brackets; done never decreases within a phase and a phase ends at
    done == total."""
    stack = []
    for e in evs:
        assert set(e) == {"event", "phase", "depth", "done", "total", "elapsed", "eta"}
        if e["event"] == "begin":
            assert e["depth"] == len(stack)
            stack.append([e["phase"], e["done"]])
            continue
        assert stack and stack[-1][0] == e["phase"], (stack, e)
        assert e["done"] >= stack[-1][1], e
        stack[-1][1] = e["done"]
        if e["total"]:
            assert e["done"] <= e["total"]
        if e["event"] == "end":
            assert e["done"] == e["total"], e
            assert e["eta"] == 0
            stack.pop()
    assert not stack


def top_level(evs, kind="begin"):
    return [e["phase"] for e in evs if e["depth"] == 0 and e["event"] == kind]


def test_json_progress_shows_every_analyze_phase_in_order(site, tmp_path):
    code, out, err = run("analyze", site, "--samples", 3000, "--out", tmp_path / "out", "--progress=json",
                         check=0)
    evs = events(err)
    check_phases_complete(evs)
    actors = [t["id"] for t in json.loads(site.read_text())["threat_actors"]]
    expected = ["load site", "access map", "unmitigated reach"]
    for actor in actors:
        expected += [f"attack graph {actor}", f"Monte Carlo {actor}", f"paths {actor}"]
    expected += ["gaps and findings", "write reports"]
    assert top_level(evs) == expected
    assert top_level(evs, "end") == expected
    # The Monte Carlo phases count samples and end at 100 %.
    for e in evs:
        if e["phase"].startswith("Monte Carlo") and e["event"] == "end":
            assert e["done"] == e["total"] == 3000
    # Nested phases: the unmitigated reach runs each actor's graph and simulation.
    inner = [e["phase"] for e in evs if e["depth"] == 1 and e["event"] == "begin"]
    assert inner[0] == "access map" and f"Monte Carlo {actors[0]}" in inner
    assert "report files" in inner
    assert "Reports written" in out


def test_outputs_identical_with_and_without_progress_at_any_thread_count(site, tmp_path):
    def analyze(name, *extra):
        d = tmp_path / name
        code, out, err = run("analyze", site, "--samples", 800, "--json", "--out", d, *extra, check=0)
        files = {p.relative_to(d): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}
        return out, files

    quiet = analyze("quiet", "--threads", 1)
    for name, extra in [("json2", ("--progress=json", "--threads", 2)), ("text1", ("--progress", "--threads", 1)),
                        ("text2", ("--progress", "--threads", 2, "--timings"))]:
        assert analyze(name, *extra) == quiet, name


def test_nothing_off_a_terminal_unless_forced():
    site = EXAMPLES / "water-treatment.json"
    assert run("analyze", site, "--samples", 200, check=0)[2] == ""
    forced = run_raw("analyze", site, "--samples", 200, "--progress")
    assert "\r" in forced and "load site" in forced and "\n" not in forced
    assert forced.endswith("\r\x1b[K")  # cleared at the end
    for off in ("--no-progress", "--quiet"):
        assert run("analyze", site, "--samples", 200, "--progress", off, check=0)[2] == ""
        assert run("--progress=json", "analyze", site, "--samples", 200, off, check=0)[2] == ""


def test_progress_mode_is_checked():
    code, _, err = run("analyze", EXAMPLES / "water-treatment.json", "--progress=xml")
    assert code == 2
    assert "xml" in err


def test_timings_lists_the_phases():
    _, _, err = run("analyze", EXAMPLES / "water-treatment.json", "--samples", 200, "--timings", check=0)
    last = err.strip().splitlines()[-1]
    assert last.startswith("zonepath: phases: load site ")
    assert "Monte Carlo" in last and "gaps and findings" in last and last.endswith(" s")
    assert "\r" not in err  # off a terminal: the summary only


def read_pty(args):
    """Runs the CLI with stderr on a pseudo-terminal; returns what the terminal received."""
    master, slave = pty.openpty()
    env = dict(os.environ, TERM="xterm")
    proc = subprocess.Popen([zonepath_bin(), *map(str, args)], stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    received = b""
    while True:
        ready, _, _ = select.select([master], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        received += chunk
    proc.stdout.read()
    proc.wait(timeout=120)
    os.close(master)
    assert proc.returncode == 0
    return received.decode("utf-8")


def test_pseudo_terminal_line_is_redrawn_and_cleared(site):
    # Enough samples that a Monte Carlo phase outlasts the 0.2 s between two updates and is
    # redrawn while it runs.
    screen = without_warnings(read_pty(["analyze", site, "--samples", 50000]))
    draws = screen.split("\r")
    assert len(draws) > 5, screen  # redrawn in place, not scrolled
    assert "\n" not in screen  # never a new line
    assert any("Monte Carlo" in d and "ETA" in d and "%" in d for d in draws)
    assert screen.endswith("\r\x1b[K")  # cleared at the end: the terminal is left as it was


def test_pseudo_terminal_quiet_draws_nothing(site):
    assert without_warnings(read_pty(["analyze", site, "--samples", 2000, "--quiet"])) == ""


@pytest.mark.parametrize("command", ["whatif", "plan", "compare", "drift", "render"])
def test_other_commands_report_complete_phases(command, tmp_path):
    water = EXAMPLES / "water-treatment.json"
    args = {
        "whatif": ["whatif", water, EXAMPLES / "scenarios" / "water-remove-port-forward.json", "--samples", 100],
        "plan": ["plan", water, "--samples", 100],
        "compare": ["compare", water, water, "--samples", 100],
        "drift": ["drift", water, "--observed", tmp_path / "conn.log"],
        "render": ["render", water, "-o", tmp_path / "site.svg", "--samples", 100],
    }[command]
    if command == "drift":
        gen_conn_log.generate(str(water), str(tmp_path / "conn.log"), seed=1, connections=20000)
    _, quiet, _ = run(*args, check=0)
    _, out, err = run(*args, "--progress=json", check=0)
    assert out == quiet
    evs = events(err)
    check_phases_complete(evs)
    first = {"whatif": "load site", "plan": "load site", "compare": "load sites", "drift": "load site",
             "render": "load site"}[command]
    assert top_level(evs)[0] == first
    assert len(top_level(evs)) >= 2


def test_batch_keeps_its_bar_and_obeys_the_switches(tmp_path):
    sites = tmp_path / "sites"
    sites.mkdir()
    run("generate", "--assets", 300, "--seed", 1, "-o", sites / "a.json", check=0)
    forced = run_raw("batch", sites, "--db", tmp_path / "a.sqlite", "--samples", 20, "--progress")
    assert "jobs" in forced and "\r[" in forced
    off = run_raw("batch", sites, "--db", tmp_path / "b.sqlite", "--samples", 20, "--progress", "--quiet")
    assert "\r" not in off and "jobs" not in off


def test_help_lists_the_progress_options():
    _, text, _ = run("analyze", "--help", check=0)
    for option in ("--progress", "--no-progress", "--quiet", "--timings"):
        assert option in text


@pytest.mark.parametrize("args,first,last", [
    (["simulate", EXAMPLES / "water-treatment.json", "--threat", "ta-apt", "--samples", 3000],
     "load and build graph", "Monte Carlo"),
    (["paths", EXAMPLES / "water-treatment.json", "--threat", "ta-apt", "-k", 2], "load and build graph", "paths"),
    (["gaps", EXAMPLES / "water-treatment.json", "--samples", 100], "load site", "gaps and findings"),
    (["change", SOURCE_DIR / "tests" / "data" / "change" / "site.json",
      SOURCE_DIR / "tests" / "data" / "change" / "open-rule.json", "--samples", 100], "load site", "before and after"),
    (["validate", EXAMPLES / "water-treatment.json"], "validate", "validate"),
])
def test_engine_commands_report_their_phases(args, first, last):
    _, quiet, _ = run(*args, check=None)
    _, out, err = run(*args, "--progress=json", check=None)
    assert out == quiet
    evs = events(err)
    check_phases_complete(evs)
    top = top_level(evs)
    assert top[0].startswith(first) and top[-1].startswith(last), top
    if args[0] == "simulate":
        assert evs[-1]["done"] == evs[-1]["total"] == 3000
