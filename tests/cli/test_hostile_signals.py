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


def start(*args):
    return subprocess.Popen([zonepath_bin(), *map(str, args), "--no-progress"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, preexec_fn=limit_memory(3072))


def duration(*args):
    """The shorter of two uninterrupted runs, in seconds (the first may read a cold cache)."""
    best = None
    for _ in range(2):
        t0 = time.monotonic()
        proc = start(*args)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        best = min(best or 1e9, time.monotonic() - t0)
    return best


def interrupt_at(fraction, whole, *args):
    """Sends SIGINT at `fraction` of the uninterrupted duration; returns (exit code, seconds to
    exit), or None when the run had already ended."""
    proc = start(*args)
    time.sleep(fraction * whole)
    if proc.poll() is not None:
        proc.communicate()
        return None
    t0 = time.monotonic()
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=120)
    return proc.returncode, time.monotonic() - t0


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    path = tmp_path_factory.mktemp("site") / "site.json"
    subprocess.run([zonepath_bin(), "generate", "--assets", "100000", "--seed", "3", "-o", str(path),
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
    args = ["validate", big_site] if kind == "site" else ["paths", big_graph, "--from", "n0", "--to", "n1", "-k", "1"]
    whole = duration(*args)
    # The parse takes about the first half; these points fall in reading the elements and
    # building the graph, where Ctrl-C used to be ignored until the run ended with exit 0.
    results = [interrupt_at(fraction, whole, *args) for fraction in (0.55, 0.7, 0.85)]
    results = [r for r in results if r is not None]
    assert results, "every run ended before the signal"
    for code, seconds in results:
        assert code == 130, results
        assert seconds < 0.1 * whole + 0.5, results


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
