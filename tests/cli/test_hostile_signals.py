"""Signals in the long phases that are not the analysis itself: Ctrl-C while a large site or
graph is read (after the parse, which has its own check) ends the run promptly with exit code
130, and SIGKILL while an output is written leaves no temporary file behind (temporaries are
anonymous until renamed into place)."""
import os
import signal
import subprocess
import time

import pytest

from conftest import zonepath_bin

ASAN = "ASAN_OPTIONS" in os.environ


def limit_memory(mb):
    def apply():
        import resource
        if not ASAN:
            resource.setrlimit(resource.RLIMIT_AS, (mb << 20, mb << 20))
    return apply


def interrupt_after_the_parse(*args, env=None):
    """Runs the command with JSON progress events on stderr and sends SIGINT at the first event
    after the parse has stopped counting bytes (the file is parsed, its elements are being
    read). Returns (exit code, seconds from the signal to the exit)."""
    import json
    proc = subprocess.Popen([zonepath_bin(), *map(str, args), "--progress", "json"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, preexec_fn=limit_memory(3072),
                            env=None if env is None else {**os.environ, **env})
    previous = -1
    for line in proc.stderr:
        event = json.loads(line)
        done, total = event.get("done", 0), event.get("total", 0)
        if total and done >= 0.9 * total and done == previous:
            t0 = time.monotonic()
            proc.send_signal(signal.SIGINT)
            proc.communicate(timeout=120)
            return proc.returncode, time.monotonic() - t0
        previous = done
    proc.wait(timeout=120)
    pytest.fail(f"the run ended (exit {proc.returncode}) before its parse was seen to finish")


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    path = tmp_path_factory.mktemp("site") / "site.json"
    subprocess.run([zonepath_bin(), "generate", "--assets", "200000", "--seed", "3", "-o", str(path),
                    "--no-progress"], check=True, capture_output=True, timeout=120, preexec_fn=limit_memory(3072))
    return path


@pytest.fixture(scope="module")
def big_graph(tmp_path_factory):
    # A chain-like random graph of 150,000 nodes and 450,000 edges (about 35 MB).
    import random
    rng = random.Random(1)
    path = tmp_path_factory.mktemp("graph") / "graph.json"
    n = 150_000
    with open(path, "w") as f:
        f.write('{"schema":"zonepath/graph/v1","nodes":[{"id":"n0","prior":1.0}')
        f.write("".join(f',{{"id":"n{i}"}}' for i in range(1, n)))
        f.write('],"edges":[')
        f.write(",".join(f'{{"from":"n{rng.randrange(i)}","to":"n{i}","p":0.5,"ttc":{{"dist":"fixed","value":1}}}}'
                         for i in range(1, n) for _ in range(3)))
        f.write("]}")
    return path


@pytest.mark.skipif(ASAN, reason="timing: ASan slows the phases unevenly")
@pytest.mark.parametrize("kind", ["site", "graph"])
def test_ctrl_c_after_the_parse_of_a_large_input_exits_promptly(kind, big_site, big_graph):
    # Reading the elements of a parsed 200,000-asset site or 150,000-node graph takes about a
    # second; Ctrl-C there used to be ignored until the run ended with exit code 0.
    # A valid graph file is read by the fast reader (simdjson) in a fraction of a second, too
    # short a window for this test: the graph case runs the checking reader, which reads every
    # file the fast one declines (any file with an error) and must stop as promptly.
    args = ["validate", big_site] if kind == "site" else ["paths", big_graph, "--from", "n0", "--to", "n1", "-k", "1"]
    env = None if kind == "site" else {"ZONEPATH_GRAPH_READER": "checking"}
    code, seconds = interrupt_after_the_parse(*args, env=env)
    assert code == 130
    # Most of what remains is freeing the parsed document (about 0.5 s here, more on a busy
    # machine); the bound catches a run that goes on to the end instead.
    assert seconds < 3.0


@pytest.mark.skipif(ASAN, reason="timing: ASan slows the writer unevenly")
def test_sigkill_while_writing_leaves_no_temporary_file(tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    t0 = time.monotonic()
    subprocess.run([zonepath_bin(), "generate", "--assets", "200000", "-o", str(out_dir / "site.json"),
                    "--no-progress"], check=True, capture_output=True, timeout=120, preexec_fn=limit_memory(3072))
    whole = time.monotonic() - t0
    for fraction in (0.2, 0.4, 0.6, 0.8):
        for p in out_dir.iterdir():
            p.unlink()
        proc = subprocess.Popen([zonepath_bin(), "generate", "--assets", "200000", "-o", str(out_dir / "site.json"),
                                 "--no-progress"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                preexec_fn=limit_memory(3072))
        time.sleep(fraction * whole)
        proc.kill()
        proc.wait(timeout=60)
        names = sorted(p.name for p in out_dir.iterdir())
        assert names in ([], ["site.json"]), (fraction, names)
        if names:
            assert (out_dir / "site.json").read_bytes().rstrip().endswith(b"}")  # whole, not cut off
