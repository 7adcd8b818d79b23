"""The examples of docs/threat-model.md run as written: the tiny plant, and the same plant with
the per-site override, whose results the page works out by hand."""
import json
import math
import re

import pytest

from conftest import SOURCE_DIR, run, run_json

PAGE = (SOURCE_DIR / "docs" / "threat-model.md").read_text()


def json_blocks():
    return re.findall(r"```json\n(.*?)```", PAGE, re.S)


def tiny(tmp_path, models=None):
    site = json.loads(json_blocks()[0])
    if models is not None:
        site["models"] = models
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(site))
    return path


def best_path(path):
    return run_json("paths", path, "--threat", "t2", "--to", "plc")["paths"][0]


def test_tiny_plant_most_likely_path(tmp_path):
    p = best_path(tiny(tmp_path))
    assert p["nodes"] == ["internet", "ws", "plc"]
    assert p["probability"] == pytest.approx(0.3 * 0.95)
    assert p["ttc_mean_days"] == pytest.approx(10 + 1)


def test_the_override_example_runs_and_gives_the_numbers_of_the_page(tmp_path):
    override = json.loads("{" + json_blocks()[1] + "}")["models"]
    p = best_path(tiny(tmp_path, override))
    assert p["probability"] == pytest.approx(0.5 * 0.95)
    assert p["steps"][0]["ttc_mean"] == pytest.approx(math.exp(1.5 + 0.8 ** 2 / 2), rel=1e-6)


def test_a_misspelt_means_name_is_an_error(tmp_path):
    code, _, err = run("paths", tiny(tmp_path, {"threat": {"means": {"remote-servce": {"base_p": 0.5}}}}),
                       "--threat", "t2")
    assert code == 1
    assert "remote-servce" in err and "unknown key" in err
