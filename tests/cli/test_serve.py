"""zonepath serve over HTTP: the API answers with the numbers `zonepath whatif` gives, and the
security model holds: no token, a wrong token, a foreign Host, an oversized body, path tricks
and malformed requests are all refused, and no response is cacheable or frameable."""
import http.client
import json
import subprocess

from conftest import EXAMPLES, SOURCE_DIR, run_json, zonepath_bin
from serve_helper import api, request, served

SITE = EXAMPLES / "water-treatment.json"
SAMPLES = 200


def check_schema(name, instance, ref=None):
    """Validates against docs/schema/NAME.schema.json (at `ref` inside it) when jsonschema is installed."""
    try:
        import jsonschema
    except ImportError:
        return
    store = {}
    for f in (SOURCE_DIR / "docs" / "schema").glob("*.schema.json"):
        schema = json.loads(f.read_text())
        store[schema["$id"]] = schema
    schema = store[name + ".schema.json"]
    if ref:
        schema = {"$ref": f"{name}.schema.json#/$defs/{ref}"}
    resolver = jsonschema.RefResolver.from_schema(store[name + ".schema.json"], store=store)
    errors = list(jsonschema.Draft202012Validator(schema, resolver=resolver).iter_errors(instance))
    assert not errors, [f"/{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in errors[:5]]


def test_cli_refuses_bad_options():
    proc = subprocess.run([zonepath_bin(), "serve", str(SITE), "--token", "short"], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 1 and "token" in proc.stderr
    proc = subprocess.run([zonepath_bin(), "serve", "no-such-site.json"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "no-such-site.json" in proc.stderr


def test_security_model():
    with served(SITE, "--samples", SAMPLES, "--max-body", 65536) as info:
        assert info["host"] == "127.0.0.1" and len(info["token"]) == 32
        check_schema("serve", {k: info[k] for k in ("url", "host", "port", "token")})
        assert info["url"] == f"http://127.0.0.1:{info['port']}/?token={info['token']}"
        # The page and the API need the token; a wrong one is refused.
        assert request(info, "/", token=None)[0] == 401
        assert request(info, "/api/session", token=None)[0] == 401
        assert request(info, "/api/session", token="0" * 32)[0] == 403
        assert request(info, "/api/evaluate", {"operations": []}, token="f" * 31)[0] == 403
        assert request(info, "/?token=" + "0" * 32, token=None)[0] == 403
        status, headers, page = request(info, "/?token=" + info["token"], token=None)
        assert status == 200 and b"<title>zonepath workbench</title>" in page
        csp = headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["Cache-Control"] == "no-store"
        # The page loads nothing from elsewhere.
        assert b"http://" not in page and b"https://" not in page
        # A request for another host name (DNS rebinding) is refused even with the token.
        assert request(info, "/api/session", headers={"Host": f"evil.example:{info['port']}"})[0] == 403
        # Bodies above --max-body are refused before they are read.
        big = {"operations": [{"op": "remove-asset", "id": "x" * 70000}]}
        assert request(info, "/api/evaluate", big)[0] == 413
        # Only the fixed routes exist: no file is read from a path the client names.
        for path in ("/../../etc/passwd", "/app/../../../etc/passwd", "/app/%2e%2e/%2e%2e/etc/passwd",
                     "/app/..%2f..%2fetc%2fpasswd", "/app/index.html", "/app/app.js/../../CMakeLists.txt",
                     "/etc/passwd", "/api/../app/app.js", "//etc/passwd", "/app/APP.JS"):
            status, _, body = request(info, path)
            assert status in (400, 404), (path, status)
            assert b"root:" not in body and b"cmake_minimum_required" not in body
        conn = http.client.HTTPConnection("127.0.0.1", info["port"], timeout=30)
        conn.request("GET", "/app/../../../../etc/passwd", headers={"Authorization": "Bearer " + info["token"]})
        res = conn.getresponse()
        assert res.status in (400, 404) and b"root:" not in res.read()
        conn.close()
        assert request(info, "/app/app.js")[0] == 200
        # Malformed requests: located errors, nothing applied.
        status, _, body = request(info, "/api/evaluate", b'{"operations": [')
        assert status == 400 and json.loads(body)["diagnostics"][0]["line"] == 1
        check_schema("serve-api", json.loads(body), "error")
        status, _, body = request(info, "/api/evaluate", {"operations": [{"op": "remove-rule", "conduit": "nope",
                                                                          "index": 0}]})
        assert status == 422 and json.loads(body)["diagnostics"][0]["pointer"].startswith("/operations/0")
        status, _, body = request(info, "/api/evaluate", {"operations": [], "path": "/etc/passwd"})
        assert status == 422 and json.loads(body)["diagnostics"][0]["pointer"] == "/path"
        assert request(info, "/api/session", method="DELETE")[0] in (404, 405)


def test_api_numbers_match_whatif(tmp_path):
    ops = [{"op": "remove-rule", "conduit": "rtr-inet-ps3", "index": 0},
           {"op": "add-countermeasure", "target": "chem-feed", "requirements": ["SR 1.1", "SR 5.1"]}]
    with served(SITE, "--samples", SAMPLES, "--seed", 3) as info:
        session = api(info, "/api/session")
        assert session["site"]["id"] == "riverbend-wtp" and session["samples"] == SAMPLES
        state = api(info, "/api/evaluate", {"operations": ops, "threat": "ta-scanner", "view": "zones"})
        assert state["threat"] == "ta-scanner" and len(state["operations"]) == 2
        assert state["svg"].startswith("<?xml") and 'id="conduit&#45;' in state["svg"]  # Graphviz writes - as &#45;
        check_schema("serve-api", session, "session")
        check_schema("serve-api", state, "design")
        assert state["samples"] == SAMPLES and state["preview"] is False
        preview = api(info, "/api/evaluate", {"operations": ops, "threat": "ta-scanner", "preview": True})
        assert preview["samples"] == 100 and preview["preview"] is True
        check_schema("serve-api", api(info, "/api/compare", {"b": {"operations": ops}}), "compare")
        scenario = api(info, "/api/scenario", {"operations": ops, "id": "close-port-forward"})
        check_schema("scenario", scenario)
        check_schema("site-v1", api(info, "/api/site", {"operations": ops}))
        site = api(info, "/api/site", {"operations": ops})
    path = tmp_path / "close-port-forward.json"
    path.write_text(json.dumps(scenario))
    whatif = run_json("whatif", SITE, path, "--samples", SAMPLES, "--seed", 3)
    cli = whatif["scenarios"][0]["diff"]
    for mine, theirs in zip(state["diff"]["targets"], cli["targets"]):
        assert (mine["id"], mine["threat"]) == (theirs["id"], theirs["threat"])
        assert mine["reach_probability"]["baseline"] == theirs["reach_probability"]["before"]
        assert mine["reach_probability"]["design"] == theirs["reach_probability"]["after"]
    assert state["diff"]["summary"]["total_gap"]["design"] == cli["summary"]["total_gap"]["after"]
    assert len(state["diff"]["findings_removed"]) == len(cli["findings_removed"])
    # The downloaded site is the scenario applied: analysing it gives the design's numbers.
    site_path = tmp_path / "edited.json"
    site_path.write_text(json.dumps(site))
    report = run_json("analyze", site_path, "--samples", SAMPLES, "--seed", 3)
    reach = {(t["id"], t["threat"]): t["reach_probability"] for t in report["targets"]}
    for t in state["targets"]:
        assert reach[(t["id"], t["threat"])] == t["reach_probability"]


def test_two_tabs_at_once_get_their_own_answers():
    """Two tabs (X-Zonepath-Client ids) evaluating different designs at the same time: neither
    supersedes the other, and each answer equals the one the same request gets alone."""
    import threading
    designs = {"tab-a": [{"op": "remove-rule", "conduit": "rtr-inet-ps3", "index": 0}],
               "tab-b": [{"op": "set-requirement", "target": "filtration", "id": "SR 4.1", "status": "not-applicable",
                          "justification": "no confidential data in the filtration cell"}]}
    with served(SITE, "--samples", SAMPLES, "--seed", 3) as info:
        def ask(tab):
            status, _, body = request(info, "/api/evaluate", {"operations": designs[tab], "threat": "ta-scanner"},
                                      headers={"X-Zonepath-Client": tab})
            return status, json.loads(body)
        alone = {tab: ask(tab) for tab in designs}
        together = {}
        threads = [threading.Thread(target=lambda t=tab: together.__setitem__(t, ask(t))) for tab in designs]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    for tab in designs:
        assert together[tab][0] == 200 and alone[tab][0] == 200
        assert together[tab][1]["diff"] == alone[tab][1]["diff"]
        assert [o["op"] for o in together[tab][1]["operations"]] == [o["op"] for o in designs[tab]]
    (filtration,) = [z for z in alone["tab-b"][1]["zones"] if z["id"] == "filtration"]
    assert {"id": "SR 4.1", "status": "not-applicable",
            "justification": "no confidential data in the filtration cell"} in filtration["requirements"]
