"""progress= of simulate, reach, change and render: the same event dicts as analyze, monotone and
complete, with the counts of the CLI's phases, and the same result with or without progress."""
import zonepath
from conftest import EXAMPLES, SOURCE_DIR
from test_progress import Recorder, assert_monotone_and_complete

SITE_PATH = EXAMPLES / "water-treatment.json"
CHANGE = SOURCE_DIR / "tests" / "data" / "change"


def ends(rec, phase):
    return [e for e in rec.events if e["event"] == "end" and e["phase"] == phase]


def test_simulate_counts_samples():
    site = zonepath.load(SITE_PATH)
    threat = site.threat_actors[0]
    rec = Recorder()
    with_progress = site.simulate(threat, samples=3000, seed=3, progress=rec)
    assert_monotone_and_complete(rec.events)
    (end,) = ends(rec, "Monte Carlo")
    assert end["done"] == end["total"] == 3000
    assert with_progress == site.simulate(threat, samples=3000, seed=3)


def test_reach_counts_targets_or_samples():
    g = zonepath.Graph.load(SOURCE_DIR / "tests" / "data" / "reach" / "design_example.json")
    src = g.nodes[0]
    rec = Recorder()
    exact = g.reach(src, method="exact", progress=rec)
    assert_monotone_and_complete(rec.events)
    (end,) = ends(rec, "exact reach")
    assert end["total"] == len(exact["targets"])
    rec = Recorder()
    sampled = g.reach(src, method="monte-carlo", samples=4000, seed=2, progress=rec)
    assert_monotone_and_complete(rec.events)
    (end,) = ends(rec, "Monte Carlo reach")
    assert end["done"] == end["total"] == 4000
    assert sampled == g.reach(src, method="monte-carlo", samples=4000, seed=2)


def test_change_counts_the_samples_of_both_analyses():
    site = zonepath.load(CHANGE / "site.json")
    rec = Recorder()
    with_progress = site.change(CHANGE / "open-rule.json", samples=200, progress=rec)
    assert_monotone_and_complete(rec.events)
    assert rec.events[-1]["phase"] == "before and after"
    (end,) = ends(rec, "Monte Carlo")
    assert end["total"] == 2 * 200 * 2 * len(site.threat_actors)
    assert with_progress == site.change(CHANGE / "open-rule.json", samples=200)


def test_render_reports_the_analysis_then_the_layout():
    site = zonepath.load(SITE_PATH)
    rec = Recorder()
    svg = zonepath.render(site, samples=200, format="svg", progress=rec)
    assert_monotone_and_complete(rec.events)
    top = [e["phase"] for e in rec.events if e["event"] == "begin" and e["depth"] == 0]
    assert top[0] == "access map" and top[-1] == "layout"
    assert svg == zonepath.render(site, samples=200, format="svg")
    rec = Recorder()
    assert site.render(samples=200, format="dot", progress=rec) == site.render(samples=200, format="dot")
    assert rec.events
