"""Shared helpers of the peer benchmark scripts: graph loading, timing with a cap, output."""
import json
import math
import multiprocessing as mp
import signal
import statistics
import time
from pathlib import Path

import numpy as np


def load(base):
    """Reads BASE.bin and BASE.query.json written by gen_graph.py."""
    base = Path(base)
    with open(base.with_suffix(".bin"), "rb") as f:
        assert f.read(4) == b"ZPG1", f"{base}: not a ZPG1 graph"
        n = int(np.frombuffer(f.read(4), "<u4")[0])
        m = int(np.frombuffer(f.read(8), "<u8")[0])
        src = np.frombuffer(f.read(4 * m), "<i4")
        dst = np.frombuffer(f.read(4 * m), "<i4")
        p = np.frombuffer(f.read(8 * m), "<f8")
        ttc = np.frombuffer(f.read(4 * m), "<f4")
        cost = np.frombuffer(f.read(4 * m), "<f4")
    query = json.loads(base.with_suffix(".query.json").read_text())
    return {"name": base.name, "n": n, "m": m, "src": src, "dst": dst, "weight": -np.log(p), "ttc": ttc,
            "cost": cost.astype(np.float64), "query": query}


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def timed(fn, runs, cap_seconds):
    """Median wall time of `runs` calls of fn(); stops at the first call that exceeds the cap
    (pure-Python peers are interrupted by SIGALRM). Returns (seconds, runs_done, capped)."""
    times = []
    signal.signal(signal.SIGALRM, _alarm)
    for _ in range(runs):
        signal.setitimer(signal.ITIMER_REAL, cap_seconds)
        t0 = time.perf_counter()
        try:
            fn()
        except Timeout:
            return cap_seconds, len(times), True
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), len(times), False


def _child(conn, fn, runs, cap_seconds):
    conn.send(timed(fn, runs, cap_seconds))
    conn.close()


def timed_in_child(fn, runs, cap_seconds):
    """Like timed(), for peers that run in C and ignore SIGALRM: the runs happen in a forked
    child that is killed once the cap is over (for all runs together)."""
    ctx = mp.get_context("fork")  # the child shares the loaded graph copy-on-write
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, fn, runs, cap_seconds))
    proc.start()
    child.close()
    if parent.poll(cap_seconds * runs + 5):
        result = parent.recv()
        proc.join()
        return result
    proc.kill()
    proc.join()
    return cap_seconds, 0, True


def report(tool, graph, bench, seconds, runs, capped=False, note=""):
    rec = {"tool": tool, "graph": graph, "bench": bench, "seconds": seconds, "runs": runs, "capped": capped}
    if note:
        rec["note"] = note
    print(json.dumps(rec), flush=True)


def check_close(a, b, what):
    if not math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9):
        raise SystemExit(f"{what}: peer result {a} differs from reference {b}")
