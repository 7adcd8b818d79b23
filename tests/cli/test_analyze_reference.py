"""`zonepath analyze` keeps its statistical answers: on the example plants and two generated sites,
every reach probability (crown jewels per threat actor, zones with and without the site's
mitigations) lies inside the 95% interval that a reference build reported (tests/data/reach/
analyze_reference.json, written by make_analyze_reference.py next to it). With the same seed the
draws are the same, so an exact implementation lands on the reference values; an independent
resampling would put about 5% of them outside, and fails (checked with another seed)."""

import json

import pytest

from conftest import SOURCE_DIR, run

REFERENCE = json.loads((SOURCE_DIR / "tests" / "data" / "reach" / "analyze_reference.json").read_text())


def analyze(site):
    code, out, err = run("analyze", site, "--samples", REFERENCE["samples"], "--seed", REFERENCE["seed"], "--json",
                         "--no-progress")
    assert code == 0, err
    return json.loads(out)


def site_path(name, ref, tmp_path):
    if "file" in ref:
        return SOURCE_DIR / ref["file"]
    path = tmp_path / f"{name}.json"
    run("generate", *ref["generate"], "-o", path, check=0)
    return path


def inside(p, interval):
    lo, hi = interval
    return lo - 1e-12 <= p <= hi + 1e-12


@pytest.mark.parametrize("name", sorted(REFERENCE["sites"]))
def test_reach_probabilities_inside_the_reference_intervals(name, tmp_path):
    ref = REFERENCE["sites"][name]
    report = analyze(site_path(name, ref, tmp_path))
    threats = [t["id"] for t in report["threats"]]

    got = {(t["threat"], t["id"]): t["reach_probability"] for t in report["targets"]}
    assert set(got) == {(threat, target) for threat, target, _, _ in ref["targets"]}
    outside = [(threat, target, got[(threat, target)], ci) for threat, target, _, ci in ref["targets"]
               if not inside(got[(threat, target)], ci)]
    assert not outside, outside

    zones = {}
    for z in report["zones"]:
        for threat, rating, bare in zip(threats, z["risk_by_threat"], z["unmitigated_probability"]):
            zones[(threat, z["id"])] = (rating["probability"], bare)
    assert len(zones) == len(ref["zones"])
    outside = []
    for threat, zone, _, ci, _, bare_ci in ref["zones"]:
        mitigated, bare = zones[(threat, zone)]
        if not inside(mitigated, ci) or not inside(bare, bare_ci):
            outside.append((threat, zone, mitigated, ci, bare, bare_ci))
    assert not outside, outside
    # The check has teeth: the sites reach some targets and zones with probabilities strictly
    # between 0 and 1, where the intervals are narrow.
    assert any(0 < p < 1 for _, _, p, _ in ref["targets"]) or any(0 < p < 1 for _, _, p, _, _, _ in ref["zones"])
