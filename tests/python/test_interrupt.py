"""Ctrl-C (SIGINT) stops a long computation with KeyboardInterrupt: the engine runs on a worker
thread with the GIL released while the caller polls for signals and cancels the engine."""
import signal
import threading

import pytest

import zonepath


@pytest.fixture(scope="module")
def ladder():
    # 200 rungs: 10^8 Monte Carlo samples (the limit) (or 10^7 TTC samples) take minutes, far beyond the
    # half second after which the test presses Ctrl-C.
    edges = []
    for i in range(200):
        edges += [(f"a{i}", f"a{i + 1}", 0.9), (f"b{i}", f"b{i + 1}", 0.9), (f"a{i}", f"b{i + 1}", 0.5)]
    return zonepath.Graph.from_edges(edges)


def interrupted(call):
    main = threading.main_thread().ident
    timer = threading.Timer(0.5, lambda: signal.pthread_kill(main, signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            call()
    finally:
        timer.cancel()


def test_ctrl_c_interrupts_monte_carlo_reach(ladder):
    interrupted(lambda: ladder.reach("a0", "b200", method="monte-carlo", samples=100_000_000))
    # The engine is usable afterwards.
    assert ladder.reach("a0", "a3", method="exact")["targets"][0]["probability"] == pytest.approx(0.9 ** 3)


def test_ctrl_c_interrupts_simulation(ladder):
    interrupted(lambda: ladder.simulate("a0", "b200", samples=10_000_000))
