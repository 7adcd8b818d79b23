"""zonepath.render and the report files of a Report equal the CLI's output byte for byte:
`zonepath render SITE -o FILE` for the same options, and every file of `zonepath analyze --out
DIR` (risk-register.csv, report.json/html/md, attack-layer.json, the SVG diagrams)."""
import csv
import io
import pickle
import signal
import threading
import time

import pytest

import zonepath
from conftest import EXAMPLES, cli, cli_error, example_sites

SITE_PATH = EXAMPLES / "water-treatment.json"
THREAT = "ta-apt"


@pytest.fixture(scope="module")
def site():
    return zonepath.load(SITE_PATH)


def cli_render(tmp_path, name, *args):
    out = tmp_path / name
    cli("render", SITE_PATH, "-o", out, *args)
    return out.read_bytes()


def as_bytes(image):
    return image.encode("utf-8") if isinstance(image, str) else image


@pytest.mark.parametrize("fmt", ["dot", "svg", "png", "pdf"])
def test_render_formats_equal_cli(site, tmp_path, fmt):
    expected = cli_render(tmp_path, f"cli.{fmt}", "--threat", THREAT, "--paths", 2, "--samples", 300, "--seed", 5)
    image = zonepath.render(site, THREAT, 2, format=fmt, samples=300, seed=5)
    assert isinstance(image, str if fmt in ("dot", "svg") else bytes)
    assert as_bytes(image) == expected
    # output= writes the same bytes; the format then comes from the extension.
    out = tmp_path / f"py.{fmt}"
    assert as_bytes(site.render(THREAT, 2, output=out, samples=300, seed=5)) == expected
    assert out.read_bytes() == expected


@pytest.mark.parametrize("view", ["zones", "assets", "auto"])
def test_render_views_equal_cli(site, tmp_path, view):
    expected = cli_render(tmp_path, "cli.svg", "--threat", THREAT, "--view", view, "--auto-threshold", 10)
    assert as_bytes(zonepath.render(SITE_PATH, THREAT, view=view, auto_threshold=10)) == expected


@pytest.mark.parametrize("path", example_sites(), ids=lambda p: p.stem)
def test_render_without_threat_equals_cli(path, tmp_path):
    out = tmp_path / "cli.dot"
    cli("render", path, "-o", out)
    assert zonepath.render(path, format="dot").encode("utf-8") == out.read_bytes()
    assert zonepath.render(path, paths=0, format="dot") == out.read_text(encoding="utf-8")


def test_render_dpi_equals_cli(site, tmp_path):
    expected = cli_render(tmp_path, "cli.png", "--threat", THREAT, "--samples", 100, "--dpi", 40)
    assert zonepath.render(site, THREAT, format="png", samples=100, dpi=40) == expected
    assert site.render(THREAT, output=tmp_path / "py.png", samples=100, dpi=40) == expected
    with pytest.raises(ValueError, match="PNG"):
        site.render(format="svg", samples=20, dpi=40)
    with pytest.raises(ValueError, match="dpi"):
        site.render(format="png", samples=20, dpi=5)


def test_render_default_format_is_svg(site):
    assert zonepath.render(site, samples=50).lstrip().startswith("<?xml")


def test_render_errors(site, tmp_path):
    with pytest.raises(zonepath.ModelError) as e:
        site.render("ta-nobody", output=tmp_path / "x.svg")
    assert str(e.value) == cli_error("render", SITE_PATH, "--threat", "ta-nobody", "-o", tmp_path / "x.svg")
    assert not (tmp_path / "x.svg").exists()
    with pytest.raises(ValueError, match="view"):
        site.render(view="planes")
    with pytest.raises(ValueError, match="format"):
        site.render(format="jpeg")
    with pytest.raises(zonepath.RenderError, match="image format"):
        site.render(output=tmp_path / "x.jpeg")
    with pytest.raises(zonepath.StoreError):
        site.render(output=tmp_path / "missing-dir" / "x.svg", samples=20)
    with pytest.raises(zonepath.AnalysisError):
        site.render(samples=0)


def test_render_releases_the_gil(site):
    done = threading.Event()
    worker = threading.Thread(target=lambda: (site.render(THREAT, format="png", samples=20000), done.set()))
    ticks = 0
    start = time.monotonic()
    worker.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    worker.join()
    if time.monotonic() - start > 0.2:  # long enough for the main thread to run meanwhile
        assert ticks > 10


def test_ctrl_c_interrupts_render(site, tmp_path):
    main = threading.main_thread().ident
    timer = threading.Timer(0.5, lambda: signal.pthread_kill(main, signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            site.render(THREAT, output=tmp_path / "x.svg", samples=3_000_000)  # minutes of Monte Carlo
    finally:
        timer.cancel()
    assert not (tmp_path / "x.svg").exists()


# Report files -----------------------------------------------------------------------------

ANALYZE = ("--samples", 300, "--seed", 11, "-k", 2)


def files_of(directory):
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.mark.parametrize("path", example_sites(), ids=lambda p: p.stem)
def test_report_files_equal_cli(path, tmp_path):
    cli("analyze", path, *ANALYZE, "--out", tmp_path / "cli")
    report = zonepath.load(path).analyze(samples=300, seed=11, paths=2)
    written = report.write(tmp_path / "py")
    expected = files_of(tmp_path / "cli")
    assert files_of(tmp_path / "py") == expected
    assert sorted(p.rsplit("/", 1)[-1] for p in written) == sorted(expected)
    assert report.risk_register_csv().encode("utf-8") == expected["risk-register.csv"]


def test_report_format_subsets_equal_cli(site, tmp_path):
    report = site.analyze(THREAT, samples=300, seed=11, paths=2)
    for i, formats in enumerate(["csv,md", "html", "attack-layer,json"]):
        cli("analyze", SITE_PATH, "--threat", THREAT, *ANALYZE, "--out", tmp_path / f"cli{i}", "--format", formats)
        written = report.write(tmp_path / f"py{i}", formats.split(",") if i % 2 else formats)
        assert files_of(tmp_path / f"py{i}") == files_of(tmp_path / f"cli{i}"), formats
        assert len(written) == len(files_of(tmp_path / f"cli{i}"))
    assert list(zonepath.REPORT_FORMATS) == ["json", "csv", "html", "md", "attack-layer", "soa", "xlsx", "evidence", "svg"]
    with pytest.raises(ValueError, match="unknown format 'docx'"):
        report.write(tmp_path / "bad", "csv,docx")
    assert not (tmp_path / "bad").exists()


def test_attack_layer_equals_file(site, tmp_path):
    import json

    report = site.analyze(samples=200, seed=3)
    report.write(tmp_path, ["attack-layer"])
    assert report.attack_layer() == json.loads((tmp_path / "attack-layer.json").read_text())
    assert report.attack_layer(THREAT)["domain"] == "ics-attack"


def test_risk_register_records_match_csv(site):
    report = site.analyze(samples=200, seed=3)
    rows = list(csv.DictReader(io.StringIO(report.risk_register_csv())))
    records = report.risk_register_records()
    assert len(rows) == len(records) == len(report.risk_register) > 0
    for row, rec in zip(rows, records):
        assert list(rec) == list(row)
        assert (rec["zone"], rec["threat"]) == (row["zone"], row["threat"])
        assert float(row["likelihood"]) == pytest.approx(rec["likelihood"], rel=1e-5, abs=1e-12)
        for key in ("likelihood_level", "severity", "risk"):
            assert int(row[key]) == rec[key]
        assert row["tolerable"] == ("yes" if rec["tolerable"] else "no")
        for key in ("sl_t", "sl_a", "gap"):
            assert row[key] == " ".join(map(str, rec[key]))
        for key in ("missing_requirements", "iso27001", "compensating_controls"):
            assert row[key].lstrip("'") == "; ".join(rec[key])
        assert row["treatment"] == rec["treatment"] and int(row["target_risk"]) == rec["target_risk"]
        for key in ("risk_owner", "accepted_by", "accepted_on", "review_by", "acceptance_justification"):
            assert row[key].lstrip("'") == rec[key]
        assert int(row["success_likelihood"]) == rec["success_likelihood"] > 0
        assert row["likelihood_of_initiation"] == rec["likelihood_of_initiation"]


def test_soa_records_match_csv(tmp_path):
    site = zonepath.load(EXAMPLES / "pharma-batch.json")
    report = site.analyze(samples=100, seed=3)
    rows = list(csv.DictReader(io.StringIO(report.soa_csv())))
    records = report.soa_records()
    assert len(rows) == len(records) == 93
    assert records[0]["control"] == "A.5.1" and records[-1]["control"] == "A.8.34"
    for row, rec in zip(rows, records):
        assert list(rec) == list(row)
        assert row["applicable"] == ("yes" if rec["applicable"] else "no")
        for key in ("iec62443_requirements", "zones", "conduits", "assets", "evidence", "change_records", "owners"):
            assert row[key].lstrip("'") == "; ".join(rec[key])
        for key in ("control", "title", "status", "decided_by", "mapping_basis", "justification"):
            assert row[key].lstrip("'") == rec[key]
    report.write(tmp_path, ["soa"])
    assert (tmp_path / "soa.csv").read_text() == report.soa_csv()


def test_pickled_and_compared_reports_write_the_same_files(site, tmp_path):
    report = site.analyze(THREAT, samples=200, seed=4)
    clone = pickle.loads(pickle.dumps(report))
    assert clone == report
    report.write(tmp_path / "a", "json,csv,md")
    clone.write(tmp_path / "b", "json,csv,md")  # redoes the analysis from the pickled site
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")

    cmp = zonepath.compare(site, site, THREAT, samples=200, seed=4)
    assert cmp.a.risk_register_csv() == report.risk_register_csv()
    assert pickle.loads(pickle.dumps(cmp)).b.risk_register_csv() == report.risk_register_csv()


def test_report_from_a_document_has_no_files(site, tmp_path):
    bare = zonepath.Report(site.analyze(samples=50).to_dict())
    assert bare.risk_register_records()  # from the document
    with pytest.raises(ValueError, match="report document"):
        bare.write(tmp_path)
    with pytest.raises(ValueError, match="report document"):
        bare.risk_register_csv()
