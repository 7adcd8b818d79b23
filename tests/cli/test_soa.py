"""ISO/IEC 27001 outputs from the command line: the Statement of Applicability (soa --json,
soa.csv, soa.xlsx, report.html), the evidence register and the per-zone requirements
specification (crs). Expected values of the small plant are counted by hand from its records
(tests/data/soa/small-plant.json) and the crosswalk table of docs/sources.md section 10."""
import csv
import io
import json
import re
import zipfile

from conftest import EXAMPLES, SOURCE_DIR, run, run_json

SMALL = SOURCE_DIR / "tests" / "data" / "soa" / "small-plant.json"
PHARMA = EXAMPLES / "pharma-batch.json"
SAMPLES = ("--samples", "50")
# Annex A of ISO/IEC 27001:2022: 37 organizational, 8 people, 14 physical, 34 technological.
ANNEX_A = ([f"A.5.{i}" for i in range(1, 38)] + [f"A.6.{i}" for i in range(1, 9)] +
           [f"A.7.{i}" for i in range(1, 15)] + [f"A.8.{i}" for i in range(1, 35)])


def rows_of(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_small_plant_statement_of_applicability_by_hand():
    soa = run_json("soa", SMALL, *SAMPLES)
    controls = {c["control"]: c for c in soa["controls"]}
    assert [c["control"] for c in soa["controls"]] == ANNEX_A
    # Excluded: A.8.20 (its only records, SR 1.6 and SR 2.2, are not applicable), A.7.9 (no remote
    # or vendor zone, no temporary connection) and A.5.23 (the organisation's decision).
    assert sorted(c for c, r in controls.items() if not r["applicable"]) == ["A.5.23", "A.7.9", "A.8.20"]
    assert "no wireless in the zone" in controls["A.8.20"]["justification"]
    # Statuses from the records of zone ctl (SL-T 0 everywhere: nothing is missing):
    # SR 1.1 met -> A.8.5; SR 1.1, 1.3 met and SR 1.4 not-met -> A.5.16 and A.5.18 partial;
    # SR 2.8 met -> A.8.15; SR 3.2 compensated, verified, credited -> A.8.7; SR 3.3 partial ->
    # A.8.29 partial; SR 7.6 not-met -> A.8.9 not implemented; A.8.27 no ZCR 3 finding;
    # A.5.1 implemented by the organisation.
    expected = {"A.5.1": "implemented", "A.5.16": "partial", "A.5.18": "partial", "A.8.5": "implemented",
                "A.8.7": "implemented", "A.8.9": "not-implemented", "A.8.15": "implemented",
                "A.8.27": "implemented", "A.8.29": "partial"}
    assert {c: r["status"] for c, r in controls.items() if r["status"] != "not-assessed"} == expected
    assert soa["summary"] == {"controls": 93, "applicable": 90, "excluded": 3,
                              "status": {"implemented": 5, "partial": 3, "not-implemented": 1, "not-assessed": 81}}
    # Who decided, and what the organisation's entries add.
    assert {c for c, r in controls.items() if r["decided_by"] == "organisation"} == {"A.5.1", "A.5.23", "A.8.21"}
    assert controls["A.5.1"]["evidence"] == ["POL-1"] and controls["A.5.1"]["owners"] == ["CISO"]
    assert controls["A.8.21"]["applicable"] is True
    # Evidence, change records and owners come from the records and controls behind each row.
    assert controls["A.5.16"]["evidence"] == ["EV-1", "EV-2"]
    assert controls["A.5.16"]["change_records"] == ["CC-2"] and controls["A.5.16"]["zones"] == ["ctl"]
    assert controls["A.8.7"]["evidence"] == ["VAL-1"] and controls["A.8.7"]["change_records"] == ["CC-1"]
    assert controls["A.8.32"]["change_records"] == ["CC-1", "CC-2"]
    # Mapping basis: the crosswalk where it names the control, zonepath's judgement elsewhere.
    assert controls["A.5.16"]["mapping_basis"] == "crosswalk"
    assert controls["A.5.16"]["requirements"] == ["SR 1.1", "SR 1.2", "SR 1.3", "SR 1.4"]
    assert controls["A.8.8"]["mapping_basis"] == "crosswalk" and controls["A.8.8"]["requirements"] == []
    assert controls["A.5.24"]["mapping_basis"] == "zonepath-judgement"
    assert controls["A.5.24"]["requirements"] == ["SR 6.1", "SR 6.2"]


def test_small_plant_evidence_register_flags_what_the_findings_flag(tmp_path):
    run("soa", SMALL, *SAMPLES, "--out", tmp_path, check=0)
    rows = rows_of((tmp_path / "evidence-register.csv").read_text())
    # 8 explicit records of ctl + SR 3.2 implied by its control, then its 2 controls.
    assert [(r["item"], r["requirements"]) for r in rows] == [
        ("record", "SR 1.1"), ("record", "SR 1.3"), ("record", "SR 1.4"), ("record", "SR 1.6"),
        ("record", "SR 2.2"), ("record", "SR 2.8"), ("record", "SR 3.2"), ("record", "SR 3.3"),
        ("record", "SR 7.6"), ("compensating-control", "SR 3.2"), ("compensating-control", "SR 1.4")]
    flags = {(r["item"], r["requirements"]): r["flag"] for r in rows if r["flag"]}
    # SR 1.3 verified 2025-06-01, more than 365 days before 2026-12-01; SR 2.8 cites "TBD";
    # the SR 1.4 control is implemented but not verified.
    assert flags == {("record", "SR 1.3"): "verification-overdue", ("record", "SR 2.8"): "placeholder",
                     ("compensating-control", "SR 1.4"): "not-credited"}
    report = run_json("analyze", SMALL, *SAMPLES)
    rules = sorted(f["rule"] for f in report["findings"] if f["zcr"] == "ZCR 5.8")
    assert rules == ["control-not-credited", "evidence-missing", "verification-overdue"]
    control = rows[9]
    assert (control["status"], control["credited"], control["counts_up_to"], control["review_by"],
            control["change_records"], control["evidence"]) == ("verified", "yes", "1", "2027-06-01", "CC-1", "VAL-1")
    assert rows[2]["change_records"] == "CC-2"  # the control that names SR 1.4


def test_pharma_soa_has_93_rows_and_the_same_bytes_every_run(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    run("soa", PHARMA, *SAMPLES, "--out", first, check=0)
    run("--threads", "1", "soa", PHARMA, *SAMPLES, "--out", second, check=0)
    for name in ("soa.csv", "soa.xlsx", "evidence-register.csv"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    rows = rows_of((first / "soa.csv").read_text())
    assert [r["control"] for r in rows] == ANNEX_A
    assert {r["applicable"] for r in rows} == {"yes", "no"}
    # The site's own decision excludes A.5.23 with its justification.
    a523 = next(r for r in rows if r["control"] == "A.5.23")
    assert a523["applicable"] == "no" and a523["decided_by"] == "organisation"
    assert a523["justification"].startswith("No cloud service")
    # The JSON says the same as the CSV.
    soa = run_json("soa", PHARMA, *SAMPLES)
    assert [(c["control"], c["status"], "yes" if c["applicable"] else "no") for c in soa["controls"]] == \
        [(r["control"], r["status"], r["applicable"]) for r in rows]


def shared_strings(book):
    xml = book.read("xl/sharedStrings.xml").decode()
    return [re.sub(r"<[^>]+>", "", s) for s in re.findall(r"<si>(.*?)</si>", xml, re.S)]


def test_pharma_workbook_sheets_hold_the_rows_and_header(tmp_path):
    run("soa", PHARMA, *SAMPLES, "--out", tmp_path, check=0)
    rows = rows_of((tmp_path / "soa.csv").read_text())
    evidence = rows_of((tmp_path / "evidence-register.csv").read_text())
    with zipfile.ZipFile(tmp_path / "soa.xlsx") as book:
        workbook = book.read("xl/workbook.xml").decode()
        assert re.findall(r'<sheet name="([^"]+)"', workbook) == ["Statement of Applicability", "Evidence register"]
        strings = shared_strings(book)
        soa_sheet = book.read("xl/worksheets/sheet1.xml").decode()
        ev_sheet = book.read("xl/worksheets/sheet2.xml").decode()
        core = book.read("docProps/core.xml").decode()
    # One header row and 93 control rows; frozen header, autofilter over every row.
    assert re.findall(r'<row r="(\d+)"', soa_sheet) == [str(i) for i in range(1, 95)]
    assert 'state="frozen"' in soa_sheet and '<autoFilter ref="A1:Q94"/>' in soa_sheet
    assert re.findall(r'<row r="(\d+)"', ev_sheet)[-1] == str(len(evidence) + 1)
    assert f'<autoFilter ref="A1:P{len(evidence) + 1}"/>' in ev_sheet
    header = rows[0].keys()
    assert all(column in strings for column in header)
    # Column A of rows 2..94: the 93 control ids in Annex A order.
    cells = re.findall(r'<c r="A(\d+)"[^>]*t="s"[^>]*><v>(\d+)</v>', soa_sheet)
    assert [strings[int(v)] for r, v in cells if r != "1"] == ANNEX_A
    # Created on the assessment date (site.as_of 2026-11-30), not when the file was written.
    assert "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-11-30T00:00:00Z</dcterms:created>" in core


def test_analyze_out_writes_soa_files_and_html_section(tmp_path):
    run("analyze", PHARMA, *SAMPLES, "-k", "0", "--out", tmp_path / "a", "--format", "html,soa,xlsx,evidence",
        check=0)
    run("soa", PHARMA, *SAMPLES, "--out", tmp_path / "s", check=0)
    for name in ("soa.csv", "soa.xlsx", "evidence-register.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "s" / name).read_bytes(), name
    html = (tmp_path / "a" / "report.html").read_text()
    section = html[html.index('<section id="soa">'):]
    section = section[:section.index("</section>")]
    assert section.count("<tr>") == 1 + 93  # header and one row per control
    assert "A.5.23" in section and "A.8.34" in section


def test_bad_soa_entries_are_located(tmp_path):
    site = json.loads(SMALL.read_text())
    site["soa"] = [{"control": "A.5.38"}, {"control": "A.5.2", "status": "done"},
                   {"control": "A.5.3", "applicable": False}, {"control": "A.5.2", "owner": "x"},
                   {"control": "A.5.4", "notes": "y"}]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(site, indent=1))
    code, out, err = run("soa", path, *SAMPLES)
    assert code == 1 and out == ""
    assert re.search(r"bad\.json:\d+:\d+: /soa/0/control: 'A\.5\.38' is not an ISO/IEC 27001:2022 Annex A control", err)
    assert "/soa/1/status: unknown implementation status 'done'" in err
    assert "/soa/2: a control excluded from the SoA needs a justification" in err
    assert "/soa/3/control: control 'A.5.2' has two SoA decisions" in err
    assert "/soa/4" in err and "notes" in err


def test_crs_of_a_zone_counts_its_requirements(tmp_path):
    site = json.loads(SMALL.read_text())
    site["zones"][1]["sl_t"] = [1, 0, 0, 0, 0, 0, 0]
    path = tmp_path / "site.json"
    path.write_text(json.dumps(site))
    catalog = run_json("catalog", "requirements")
    required = [r["id"] for r in catalog if r["fr"] == 1 and r["min_sl"] <= 1]
    # Met or not applicable in ctl: SR 1.1, SR 1.3 (met), SR 1.6 (not applicable); SR 1.4 is not met.
    met = [r for r in required if r in ("SR 1.1", "SR 1.3", "SR 1.6")]
    _, md, _ = run("crs", path, "--zone", "ctl", *SAMPLES, check=0)
    assert md.startswith("# Cybersecurity requirements specification: zone ctl\n")
    assert f"{len(required)} IEC 62443-3-3 requirements and enhancements selected by the SL-T; {len(met)} met " \
           f"at SL-T, {len(required) - len(met)} still to meet." in md
    assert "| SR 1.4 | Identifier management | 1 | not-met (record) | 0 | no |" in md
    assert "| fw | firewall | ent | 1 0 0 0 0 0 0 |" in md and "0 allow, 1 deny" in md
    assert "| zone ctl | SR 3.2 | application allow-listing | verified | 1 | 2027-06-01 | CC-1 | credited |" in md
    run("crs", path, *SAMPLES, "--out", tmp_path / "crs", check=0)
    assert sorted(p.name for p in (tmp_path / "crs").iterdir()) == ["crs-ctl.html", "crs-ctl.md", "crs-ent.html",
                                                                     "crs-ent.md"]
    assert (tmp_path / "crs" / "crs-ctl.md").read_text() == md
    assert "<h2>Requirements to meet at SL-T</h2>" in (tmp_path / "crs" / "crs-ctl.html").read_text()
    doc = run_json("crs", path, *SAMPLES)
    assert doc["schema"] == "zonepath/crs/v1" and [z["zone"] for z in doc["zones"]] == ["ent", "ctl"]
    ctl = doc["zones"][1]["sections"]
    assert [s["heading"] for s in ctl] == ["Target security level (SL-T)", "Requirements to meet at SL-T",
                                           "Compensating controls relied on", "Zone boundary: assets", "Conduits"]
    assert [row[0] for row in ctl[1]["rows"]] == required
    code, _, err = run("crs", path, "--zone", "nowhere")
    assert code == 1 and "unknown zone 'nowhere'" in err
