"""Site and Report pickle (Site as its JSON text, Report as its document), so that
multiprocessing can fan out what-ifs; the NumPy views of a report equal its zone results."""
import copy
import multiprocessing
import pickle

import numpy as np
import pytest

import zonepath
from conftest import EXAMPLES

SITE_PATH = EXAMPLES / "water-treatment.json"


@pytest.fixture(scope="module")
def site():
    return zonepath.load(SITE_PATH)


@pytest.fixture(scope="module")
def report(site):
    return site.analyze(["ta-apt", "ta-insider"], samples=200, seed=5)


def test_site_round_trip(site):
    clone = pickle.loads(pickle.dumps(site))
    assert clone.to_dict() == site.to_dict()
    assert clone.to_json() == SITE_PATH.read_text()
    assert clone.source == site.source and clone.id == site.id
    assert clone.analyze("ta-apt", samples=100, seed=2) == site.analyze("ta-apt", samples=100, seed=2)


def test_dict_site_round_trip(site):
    d = site.to_dict()
    from_dict = zonepath.load(d)
    assert from_dict.source == "<dict>"
    assert pickle.loads(pickle.dumps(from_dict)).to_dict() == d


def test_report_round_trip(report):
    clone = pickle.loads(pickle.dumps(report))
    assert clone == report and clone.to_dict() == report.to_dict()
    assert np.array_equal(clone.gap_matrix, report.gap_matrix)
    assert copy.deepcopy(report) == report


def _analyze(args):
    site, threat = args
    return site.analyze(threat, samples=100, seed=8)


def test_multiprocessing_fan_out(site):
    threats = site.threat_actors[:2]
    ctx = multiprocessing.get_context("spawn")  # everything crosses by pickle
    with ctx.Pool(2) as pool:
        remote = pool.map(_analyze, [(site, t) for t in threats])
    assert remote == [_analyze((site, t)) for t in threats]


def test_gap_matrix(report):
    m = report.gap_matrix
    assert m.shape == (len(report.zones), 7) and m.dtype == np.int64
    assert report.zone_ids == [z["id"] for z in report.zones]
    for row, zone in zip(m, report.zones):
        assert row.tolist() == zone["gap"]
    # gap = max(0, SL-T - SL-A), recomputed from the other two matrices
    assert np.array_equal(m, np.maximum(0, report.sl_t_matrix - report.sl_a_matrix))
    assert report.to_dict()["zones"][0]["gap"] == m[0].tolist()


def test_report_attributes(report):
    d = report.to_dict()
    for key in ("samples", "seed", "threats", "crown_jewels", "zones", "conduits", "paths", "targets",
                "findings", "recommendations", "risk_register"):
        assert getattr(report, key) == d[key], key
    assert report.seed == 5 and report.samples == 200
    assert report.reach == {(t["threat"], t["id"]): t["reach_probability"] for t in d["targets"]}
    assert report.zone(report.zone_ids[0]) == d["zones"][0]
    with pytest.raises(KeyError):
        report.zone("no-such-zone")
    # to_dict() is a copy: editing it leaves the report alone
    d["zones"].clear()
    assert report.zones
