"""zonepath render and the report files of analyze --out: formats, determinism, views, escaping,
and the ATT&CK layer recomputed from report.json."""
import json

import pytest

from conftest import EXAMPLES, SOURCE_DIR, run, run_json

SMALL = SOURCE_DIR / "tests" / "data" / "render" / "small-plant.json"
MAGIC = {".svg": b"<?xml", ".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-", ".dot": b"digraph"}


@pytest.mark.parametrize("ext", sorted(MAGIC))
def test_render_writes_each_format_deterministically(tmp_path, ext):
    a, b = tmp_path / f"a{ext}", tmp_path / f"b{ext}"
    for out in (a, b):
        run("render", SMALL, "--threat", "apt", "--samples", "200", "-o", out, check=0)
    assert a.read_bytes().startswith(MAGIC[ext])
    assert a.read_bytes() == b.read_bytes()


def test_render_dot_has_clusters_gap_colours_and_path_overlay(tmp_path):
    out = tmp_path / "z.dot"
    info = run_json("render", SMALL, "--threat", "apt", "--view", "zones", "--samples", "200", "-o", out)
    assert info["view"] == "zones" and info["format"] == "dot"
    dot = out.read_text()
    for zone in ("internet", "ent", "dmz", "ops", "cell"):
        assert f"subgraph cluster_zone_{zone} " in dot
    # SL-A is 0 in every zone (no countermeasures), so the gap is the declared SL-T.
    assert "#f46d43" in dot  # cell, gap 3
    assert "#fdae61" in dot  # dmz, gap 2
    assert "#fee08b" in dot  # ent, gap 1
    assert len(info["paths"]) >= 1
    first = info["paths"][0]
    assert first["nodes"][0] == "internet" and first["nodes"][-1] == "plc-1"
    steps = len(first["nodes"]) - 1
    for s in range(1, steps + 1):
        assert f"label=1.{s}" in dot or f'label="1.{s}"' in dot


def test_auto_view_uses_zones_above_the_threshold(tmp_path):
    site = EXAMPLES / "water-treatment.json"
    out = tmp_path / "w.dot"
    assert run_json("render", site, "--samples", "50", "-o", out)["view"] == "zones"  # 69 assets > 40
    info = run_json("render", site, "--samples", "50", "--auto-threshold", "100", "-o", out)
    assert info["view"] == "assets"
    dot = out.read_text()
    for asset in json.loads(site.read_text())["assets"]:
        assert f'"a:{asset["id"]}"' in dot


def test_render_errors(tmp_path):
    code, _, err = run("render", SMALL, "-o", tmp_path / "x.jpg")
    assert code == 2 and "x.jpg" in err
    code, _, err = run("render", SMALL, "--threat", "nobody", "-o", tmp_path / "x.svg")
    assert code == 1 and "nobody" in err
    assert not (tmp_path / "x.svg").exists()


def png_size(data):
    assert data[12:16] == b"IHDR"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_render_dpi_scales_the_png_not_the_layout(tmp_path):
    sizes = {}
    for dpi in (None, 48, 192):
        out = tmp_path / f"z{dpi}.png"
        extra = [] if dpi is None else ["--dpi", dpi]
        run("render", SMALL, "--threat", "apt", "--samples", "100", *extra, "-o", out, check=0)
        sizes[dpi] = png_size(out.read_bytes())
    # Graphviz draws points * dpi / 72 pixels (96 by default), rounded: the same layout at a
    # half and at twice the default resolution.
    (w, h), (w48, h48), (w192, h192) = sizes[None], sizes[48], sizes[192]
    assert abs(w48 - w / 2) <= 2 and abs(h48 - h / 2) <= 2
    assert abs(w192 - 2 * w) <= 2 and abs(h192 - 2 * h) <= 2
    # The DOT source carries the attribute only when asked for.
    dot = tmp_path / "z.dot"
    run("render", SMALL, "--samples", "100", "-o", dot, check=0)
    assert "dpi" not in dot.read_text()


def test_render_dpi_errors(tmp_path):
    code, _, err = run("render", SMALL, "--dpi", "96", "-o", tmp_path / "x.svg")
    assert code == 2 and "--dpi" in err and "PNG" in err
    assert not (tmp_path / "x.svg").exists()
    code, _, err = run("render", SMALL, "--dpi", "5", "-o", tmp_path / "x.png")
    assert code == 2 and "--dpi" in err
    assert not (tmp_path / "x.png").exists()


def test_analyze_writes_every_report_file_by_default(tmp_path):
    out = tmp_path / "out"
    run("analyze", SMALL, "--samples", "200", "--out", out, check=0)
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["report.json", "risk-register.csv", "report.html", "report.md", "attack-layer.json",
                            "soa.csv", "soa.xlsx", "evidence-register.csv", "diagram.svg", "paths-1.svg"])
    html = (out / "report.html").read_text()
    assert html.count("<svg") == 2
    md = (out / "report.md").read_text()
    assert "](diagram.svg)" in md and "](paths-1.svg)" in md


def test_format_picks_a_subset(tmp_path):
    out = tmp_path / "out"
    run("analyze", SMALL, "--samples", "200", "--out", out, "--format", "md,attack-layer", check=0)
    assert sorted(p.name for p in out.iterdir()) == ["attack-layer.json", "report.md"]
    assert "](diagram.svg)" not in (out / "report.md").read_text()
    code, _, err = run("analyze", SMALL, "--out", out, "--format", "html,docx")
    assert code == 2 and "docx" in err


def test_attack_layer_scores_match_report_paths(tmp_path):
    out = tmp_path / "out"
    run("analyze", EXAMPLES / "water-treatment.json", "--samples", "200", "--out", out,
        "--format", "json,attack-layer", check=0)
    report = json.loads((out / "report.json").read_text())
    layer = json.loads((out / "attack-layer.json").read_text())
    assert layer["domain"] == "ics-attack"
    total = sum(p["probability"] for p in report["paths"])
    carried = {}
    for p in report["paths"]:
        for t in {s["technique"] for s in p["steps"] if s["technique"]}:
            carried[t] = carried.get(t, 0.0) + p["probability"]
    expected = {t: round(100 * c / total, 1) for t, c in carried.items()}
    got = {t["techniqueID"]: t["score"] for t in layer["techniques"]}
    assert got.keys() == expected.keys()
    for t in expected:
        assert got[t] == pytest.approx(expected[t], abs=0.051), t
    scores = [t["score"] for t in layer["techniques"]]
    assert scores == sorted(scores, reverse=True)


def test_hostile_zone_name_is_escaped_everywhere(tmp_path):
    site = json.loads(SMALL.read_text())
    site["zones"][4]["name"] = "<script>alert(1)</script>"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(site))
    out = tmp_path / "out"
    run("analyze", path, "--samples", "200", "--out", out, check=0)
    html = (out / "report.html").read_text()
    assert html.count("<script") == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for name in ("diagram.svg", "paths-1.svg", "report.md"):
        assert "<script>" not in (out / name).read_text(), name


@pytest.mark.parametrize("site", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_analyze_draws_every_diagram_of_the_examples(tmp_path, site):
    # One process lays out a diagram per threat actor. Path steps inside one rank once made
    # Graphviz 2.42 free memory twice and glibc abort (pharma-batch); see diagram.cpp.
    out = tmp_path / "out"
    run("analyze", site, "--samples", "100", "--out", out, "--format", "svg", check=0)
    actors = json.loads(site.read_text())["threat_actors"]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["diagram.svg"] + [f"paths-{i + 1}.svg" for i in range(len(actors))])
    for svg in out.iterdir():
        assert svg.read_text().rstrip().endswith("</svg>"), svg.name
