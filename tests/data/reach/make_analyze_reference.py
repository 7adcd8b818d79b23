"""Writes analyze_reference.json: the reach probabilities and 95% intervals that a reference build of
`zonepath analyze` reports for the example plants and two generated sites (1,000 samples, seed 1).
tests/cli/test_analyze_reference.py checks that the current build's reach probabilities stay inside
these intervals, whatever changes in how the Monte Carlo simulation is computed.

    /usr/bin/python3 tests/data/reach/make_analyze_reference.py REFERENCE_ZONEPATH_BINARY
"""

import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SAMPLES = 1000
# The generated sites: name -> `zonepath generate` arguments.
GENERATED = {
    "generated-segmented-1000": ["--assets", "1000", "--shape", "segmented", "--seed", "1"],
    "generated-flat-1000": ["--assets", "1000", "--shape", "flat", "--seed", "2"],
}


def wilson(p, n, z=1.959963984540054):
    """95% Wilson score interval of a proportion p observed in n samples."""
    denom = 1 + z * z / n
    center = (p + z * z / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return [0.0 if p == 0 else max(0.0, center - half), 1.0 if p == 1 else min(1.0, center + half)]


def reference(binary, site):
    out = subprocess.run([binary, "analyze", str(site), "--samples", str(SAMPLES), "--json", "--no-progress"],
                         capture_output=True, text=True, check=True).stdout
    report = json.loads(out)
    threats = [t["id"] for t in report["threats"]]
    targets = [[t["threat"], t["id"], t["reach_probability"], t["ci95"]] for t in report["targets"]]
    zones = []
    for z in report["zones"]:
        for threat, rating, bare in zip(threats, z["risk_by_threat"], z["unmitigated_probability"]):
            zones.append([threat, z["id"], rating["probability"], wilson(rating["probability"], SAMPLES),
                          bare, wilson(bare, SAMPLES)])
    return {"targets": targets, "zones": zones}


def main():
    binary = sys.argv[1]
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    sites = {}
    for path in sorted((ROOT / "scenarios" / "examples").glob("*.json")):
        sites[path.stem] = {"file": f"scenarios/examples/{path.name}", **reference(binary, path)}
    with tempfile.TemporaryDirectory() as tmp:
        for name, args in GENERATED.items():
            site = Path(tmp) / f"{name}.json"
            subprocess.run([binary, "generate", *args, "-o", str(site)], capture_output=True, check=True)
            sites[name] = {"generate": args, **reference(binary, site)}
    doc = {"samples": SAMPLES, "seed": 1, "reference_build": commit, "sites": sites}
    (HERE / "analyze_reference.json").write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
