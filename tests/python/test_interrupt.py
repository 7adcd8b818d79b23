"""Ctrl-C (SIGINT) stops a long computation with KeyboardInterrupt: the engine runs on a worker
thread with the GIL released while the caller polls for signals and cancels the engine."""
import signal
import threading

import pytest

import zonepath


def big_graph():
    # A ladder of 200 rungs: long enough that 10^8 samples cannot finish within the test.
    edges = []
    for i in range(200):
        edges += [(f"a{i}", f"a{i + 1}", 0.9), (f"b{i}", f"b{i + 1}", 0.9), (f"a{i}", f"b{i + 1}", 0.5)]
    return zonepath.Graph.from_edges(edges)


def test_ctrl_c_interrupts_simulation():
    g = big_graph()
    main = threading.main_thread().ident
    timer = threading.Timer(0.5, lambda: signal.pthread_kill(main, signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            g.simulate("a0", "b200", samples=100_000_000, seed=1)
    finally:
        timer.cancel()
    # The engine is usable afterwards.
    assert g.reach("a0", "a3", method="exact")["targets"][0]["probability"] == pytest.approx(0.9 ** 3)

