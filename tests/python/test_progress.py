"""progress= of the long calls: the callable receives the events of --progress=json on the
calling thread, monotone and complete, and the result is the same with or without it."""
import sys
import threading

import pytest

import zonepath
from conftest import EXAMPLES

SITE_PATH = EXAMPLES / "water-treatment.json"
SCENARIO = EXAMPLES / "scenarios" / "water-remove-port-forward.json"


class Recorder:
    def __init__(self):
        self.events = []
        self.threads = set()

    def __call__(self, event):
        self.events.append(event)
        self.threads.add(threading.get_ident())


def assert_monotone_and_complete(events):
    stack = []
    for e in events:
        assert set(e) == {"event", "phase", "depth", "done", "total", "elapsed", "eta"}
        if e["event"] == "begin":
            assert e["depth"] == len(stack)
            stack.append([e["phase"], e["done"], e["elapsed"]])
            continue
        phase, done, elapsed = stack[-1]
        assert e["phase"] == phase
        assert e["done"] >= done and e["elapsed"] >= elapsed
        stack[-1][1:] = [e["done"], e["elapsed"]]
        if e["event"] == "end":
            assert e["done"] == e["total"]
            stack.pop()
    assert not stack


def test_analyze_callback_receives_monotone_events_on_the_calling_thread():
    site = zonepath.load(SITE_PATH)
    rec = Recorder()
    with_progress = site.analyze(samples=20000, progress=rec)
    assert rec.events
    assert rec.threads == {threading.get_ident()}
    assert_monotone_and_complete(rec.events)
    top = [e["phase"] for e in rec.events if e["depth"] == 0 and e["event"] == "begin"]
    assert top[:2] == ["access map", "unmitigated reach"]
    assert top[-1] == "gaps and findings"
    assert any(p.startswith("Monte Carlo ") for p in top)
    assert with_progress.to_dict() == site.analyze(samples=20000).to_dict()


def test_whatif_and_plan_report_progress():
    site = zonepath.load(SITE_PATH)
    rec = Recorder()
    site.whatif([SCENARIO], samples=200, progress=rec)
    assert_monotone_and_complete(rec.events)
    assert rec.events[-1]["phase"] == "scenarios" and rec.events[-1]["done"] == 2
    rec = Recorder()
    zonepath.plan(site, samples=200, progress=rec)
    assert_monotone_and_complete(rec.events)
    assert rec.events[-1]["phase"] == "plan verify"


def test_an_error_in_the_callback_stops_the_run():
    def boom(event):
        raise ValueError("stop here")

    with pytest.raises(ValueError, match="stop here"):
        zonepath.load(SITE_PATH).analyze(samples=200000, progress=boom)


def test_progress_true_draws_a_bar_without_needing_tqdm(capsys):
    report = zonepath.load(SITE_PATH).analyze(samples=200, progress=True)
    assert report.to_dict()
    assert "\n" not in capsys.readouterr().out  # never on stdout


def test_progress_rejects_other_values():
    with pytest.raises(TypeError, match="progress"):
        zonepath.load(SITE_PATH).analyze(samples=10, progress="yes")


def test_progress_true_uses_tqdm_when_installed(monkeypatch):
    bars = []

    class FakeTqdm:
        def __init__(self, total=None, desc="", leave=True):
            self.total, self.desc, self.n, self.closed = total, desc, 0, False
            bars.append(self)

        def update(self, n):
            self.n += n

        def close(self):
            self.closed = True

    fake = type(sys)("tqdm")
    fake.tqdm = FakeTqdm
    monkeypatch.setitem(sys.modules, "tqdm", fake)
    zonepath.load(SITE_PATH).analyze(samples=500, progress=True)
    assert bars and all(b.closed for b in bars)
    simulations = [b for b in bars if b.desc.startswith("Monte Carlo ")]
    assert simulations and all(b.n == b.total == 500 for b in simulations)
