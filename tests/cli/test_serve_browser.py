"""The workbench in a real browser (headless Chromium driven by Selenium through chromedriver):
open the app, click the conduit carrying the most likely path, disable the rule that carries it,
see the path vanish and the reach drop, undo and redo, compare with the kept design, download
the scenario and check that `zonepath whatif` gives the numbers the app showed. One browser
session for the whole walk (a few seconds). Skipped only when Chromium, chromedriver or
Selenium is not installed. ZONEPATH_SCREENSHOT=FILE saves a screenshot of the workbench."""
import json
import os
import shutil
import time

import pytest

from conftest import EXAMPLES, run_json
from serve_helper import served

SITE = EXAMPLES / "water-treatment.json"
SAMPLES, SEED = 300, 5


def browser(tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver")
    driver_path = shutil.which("chromedriver")
    if not driver_path or not any(shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome")):
        pytest.skip("Chromium or chromedriver is not installed (apt-get install chromium chromium-driver)")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    options = Options()
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1500,950",
                f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": str(tmp_path / "downloads"),
                                              "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path / "downloads")})
    return driver


def wait_ready(driver, after_version, timeout=60):
    """Waits until the app has rendered a state newer than `after_version`; returns its version."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        state, version = driver.execute_script("return [document.body.dataset.state, document.body.dataset.version]")
        if state == "ready" and int(version) > after_version:
            return int(version)
        time.sleep(0.05)
    raise AssertionError(f"the app did not get ready: {driver.find_element('id', 'message').text}")


def version(driver):
    return int(driver.execute_script("return document.body.dataset.version"))


# Read in one script each: a WebDriver round trip per element would cost more than the app.
def listed_paths(driver, which="#path-list"):
    return driver.execute_script(f"return [...document.querySelectorAll('{which} li')].map(li => li.dataset.nodes)")


def target_rows(driver):
    """{target: (baseline reach, design reach)} as the table holds them (full precision)."""
    rows = driver.execute_script("""return [...document.querySelectorAll('#target-table tr[data-target]')]
        .map(r => [r.dataset.target, Number(r.dataset.before), Number(r.dataset.after)])""")
    return {t: (b, a) for t, b, a in rows}


def target_row(driver, target):
    return target_rows(driver)[target]


def test_workbench_walk_in_chromium(tmp_path):
    with served(SITE, "--samples", SAMPLES, "--seed", SEED) as info:
        driver = browser(tmp_path)
        try:
            driver.get(info["url"])
            v = wait_ready(driver, 0)
            from selenium.webdriver.common.action_chains import ActionChains
            from selenium.webdriver.support.ui import Select
            Select(driver.find_element("id", "threat")).select_by_value("ta-scanner")
            assert driver.find_element("id", "threat").get_attribute("value") == "ta-scanner"
            state = driver.execute_script("return ZP.app.state()")
            top = state["paths"][0]
            nodes, target = " ".join(top["nodes"]), top["target"]
            assert listed_paths(driver)[0] == nodes
            base_before, base_after = target_row(driver, target)
            assert base_before == base_after
            driver.find_element("id", "keep-a").click()

            # The conduit whose rule carries path 1, clicked on the diagram.
            conduit = next(c for c in state["conduits"] if any(1 in r["carries"] for r in c["rules"]))
            label = driver.find_element("css selector", f'g[id="conduit-{conduit["index"]}"] text')
            ActionChains(driver).move_to_element(label).click().perform()
            panel = driver.find_element("id", "selection")
            assert panel.get_attribute("data-kind") == "conduit" and panel.get_attribute("data-id") == conduit["id"]
            button = driver.execute_script("""return [...document.querySelectorAll('#selection table.rules tr')]
                .find(r => (r.dataset.carries || '').split(' ').includes('1')).querySelector('button.zp-disable-rule')""")
            button.click()
            v = wait_ready(driver, v)

            # Path 1 is gone (listed among the vanished) and the reach of its target dropped.
            assert nodes not in listed_paths(driver)
            assert nodes in listed_paths(driver, "#paths-vanished")
            before, after = target_row(driver, target)
            assert before == base_before and after < before
            assert len(driver.find_elements("css selector", "#edit-list li")) == 1
            # The summary opens with the required flows the edit stops (or keeps).
            flows = driver.execute_script("return ZP.app.state().diff.required_flows")
            line = driver.find_element("css selector", "#summary #required-flows").text
            assert flows["count"] == 5
            if flows["broken"]:
                assert line.startswith(f"Required flows stopped: {len(flows['broken'])} of 5")
            else:
                assert line == "Required flows: all 5 still carried"
            if os.environ.get("ZONEPATH_SCREENSHOT"):
                driver.save_screenshot(os.environ["ZONEPATH_SCREENSHOT"])

            # Undo brings the path and the reach back; redo removes them again.
            driver.find_element("id", "undo").click()
            v = wait_ready(driver, v)
            assert listed_paths(driver)[0] == nodes and target_row(driver, target) == (base_before, base_before)
            driver.find_element("id", "redo").click()
            v = wait_ready(driver, v)
            assert nodes not in listed_paths(driver) and target_row(driver, target)[1] == after

            # Design A (the baseline) and this design side by side.
            driver.find_element("id", "compare").click()
            for _ in range(600):
                figures = driver.execute_script("return document.querySelectorAll('#compare-view figure svg').length")
                if figures:
                    break
                time.sleep(0.05)
            assert figures == 2
            driver.find_element("id", "compare-close").click()

            # The downloaded scenario gives the same numbers through the CLI.
            shown = {t: after for t, (_, after) in target_rows(driver).items()}
            driver.find_element("id", "download-scenario").click()
            downloaded = tmp_path / "downloads" / "workbench.json"
            for _ in range(200):
                if downloaded.exists():
                    break
                time.sleep(0.05)
            scenario = json.loads(downloaded.read_text())
            assert scenario["schema"] == "zonepath/scenario/v1" and scenario["base"] == "riverbend-wtp"
            assert [o["op"] for o in scenario["operations"]] == ["remove-rule"]
            whatif = run_json("whatif", SITE, downloaded, "--samples", SAMPLES, "--seed", SEED, "--threat", "ta-scanner")
            cli = {t["id"]: t["reach_probability"]["after"] for t in whatif["scenarios"][0]["diff"]["targets"]}
            assert cli == shown
            assert whatif["scenarios"][0]["diff"]["required_flows"] == flows

            # A requirement record changed by clicking: the zone's first missing requirement
            # recorded as not-applicable (the prompt asks for the justification); the app then
            # shows the SL-A that `zonepath whatif` computes for the same operations.
            state = driver.execute_script("return ZP.app.state()")
            zone = next(z for z in state["zones"] if z.get("missing") and not z["external"])
            label = driver.find_element("css selector", f'g[id="zone-{zone["index"]}"] text')
            ActionChains(driver).move_to_element(label).click().perform()
            assert driver.find_element("id", "selection").get_attribute("data-id") == zone["id"]
            driver.execute_script("document.querySelector('#selection details.zp-records').open = true")
            Select(driver.find_element("css selector", "#selection select.zp-record-id")).select_by_value(zone["missing"][0])
            Select(driver.find_element("css selector", "#selection p select.zp-record-status")).select_by_value("not-applicable")
            driver.find_element("css selector", "#selection button.zp-record-add").click()
            alert = driver.switch_to.alert
            alert.send_keys("not used in this zone")
            alert.accept()
            v = wait_ready(driver, v)
            edited = driver.execute_script("return ZP.app.state()")
            (mine,) = [z for z in edited["zones"] if z["id"] == zone["id"]]
            assert {"id": zone["missing"][0], "status": "not-applicable",
                    "justification": "not used in this zone"} in mine["requirements"]
            assert zone["missing"][0] not in mine.get("missing", [])
            ops = driver.execute_script("return ZP.edits.ops()")
            assert [o["op"] for o in ops] == ["remove-rule", "set-requirement"]
            scenario_path = tmp_path / "records.json"
            scenario_path.write_text(json.dumps({"schema": "zonepath/scenario/v1", "id": "records", "operations": ops}))
            whatif = run_json("whatif", SITE, scenario_path, "--samples", SAMPLES, "--seed", SEED, "--threat", "ta-scanner")
            (cli_zone,) = [z for z in whatif["scenarios"][0]["diff"]["zones"] if z["id"] == zone["id"]]
            assert cli_zone["sl_a"]["after"] == mine["sl_a"]

            # Nothing was refused or failed in the page (CSP violations and script errors are
            # logged as SEVERE).
            severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
            assert not severe, severe
        finally:
            # Before the server stops: it waits for the browser's keep-alive connections.
            driver.quit()
